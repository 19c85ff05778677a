"""Need help now: always one tap away, even when the journal is locked."""

from __future__ import annotations

import asyncio

import flet as ft

from companion.kinds.settings import DEFAULT_CRISIS_LINES, CrisisLine
from companion.reference import crisis_lines
from companion.ui.kit.screen import Screen
from companion.ui.widgets.common import body, column, heading, primary_button, small


class HelpScreen(Screen):
    title = "Help"

    def build(self) -> ft.Control:
        self.lines_box = ft.Column(spacing=8)
        self.edit_row = ft.Row(wrap=True)
        self.source_note = small("")
        self.country: crisis_lines.CountryLines | None = None
        self._show_lines()
        return column(
            heading("If you are in danger right now"),
            ft.Container(
                body(
                    "Call your local emergency number straight away, or ask someone near you to call. "
                    "Companion can't reach anyone for you."
                ),
                padding=16,
                border_radius=12,
                bgcolor=ft.Colors.ERROR_CONTAINER,
            ),
            body(
                "If you are not in danger but things feel like too much, a crisis line can listen. "
                "You don't need a reason to call.",
            ),
            ft.Text("Numbers you can call", theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            self.lines_box,
            self.edit_row,
            self.source_note,
            ft.Container(
                body(
                    "Numbers change from time to time. Please check that these are right for where "
                    "you live, and change them if they aren't."
                ),
                padding=12,
                border_radius=12,
                bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
            ),
            small(
                "You can change them after unlocking your journal."
                if self.ctl.stores is None
                else "Numbers are kept encrypted in your journal."
            ),
        )

    def _suggested(self) -> tuple[list[CrisisLine], crisis_lines.CountryLines | None]:
        """Numbers for this device's region when the table knows it, else the general ones."""
        country = crisis_lines.for_region(crisis_lines.device_region())
        if country is None:
            return list(DEFAULT_CRISIS_LINES), None
        return [CrisisLine(line.name, line.number, line.note) for line in country.lines], country

    def _lines(self) -> list[CrisisLine]:
        """The person's own numbers once they saved some; until then the suggestion."""
        if self.ctl.stores is not None and self.stores.settings.get("crisis_lines") is not None:
            self.country = None
            return self.stores.settings.crisis_lines()
        lines, self.country = self._suggested()
        return lines

    def _describe_source(self) -> str:
        if self.country is None:
            return ""
        return (
            f"Suggested for {self.country.country}, from the organisations' public numbers "
            f"(list compiled {self.country.checked})."
        )

    def _show_lines(self) -> None:
        rows: list[ft.Control] = []
        for line in self._lines():
            rows.append(
                ft.ListTile(
                    leading=ft.Icon(ft.Icons.PHONE_OUTLINED),
                    title=ft.Text(f"{line.name}: {line.number}"),
                    subtitle=ft.Text(line.note) if line.note else None,
                    url=f"tel:{''.join(ch for ch in line.number if ch.isdigit() or ch == '+')}",
                )
            )
        if not rows:
            rows.append(body("No numbers saved yet.", muted=True))
        self.lines_box.controls = rows
        self.source_note.value = self._describe_source()
        self.source_note.visible = bool(self.source_note.value)
        self.edit_row.controls = (
            [ft.OutlinedButton(content="Edit numbers", icon=ft.Icons.EDIT_OUTLINED, on_click=self._edit)]
            if self.ctl.stores is not None
            else []
        )

    async def _edit(self, _e: ft.ControlEvent) -> None:
        self.editors: list[tuple[ft.TextField, ft.TextField, ft.TextField]] = []
        self.lines_box.controls = []
        for line in self._lines():
            self._add_editor(line)
        self.edit_row.controls = [
            ft.OutlinedButton(content="Add a number", icon=ft.Icons.ADD, on_click=self._add_blank),
            primary_button("Save numbers", self._save),
        ]
        self.ctl.page.update()

    def _add_editor(self, line: CrisisLine) -> None:
        n = len(self.editors) + 1
        name = ft.TextField(label=f"Name {n}", value=line.name, expand=True)
        number = ft.TextField(
            label=f"Number {n}", value=line.number, width=160, keyboard_type=ft.KeyboardType.PHONE
        )
        note = ft.TextField(label=f"Note {n}", value=line.note)
        self.editors.append((name, number, note))
        self.lines_box.controls.append(
            ft.Container(
                ft.Column([ft.Row([name, number], wrap=False), note], spacing=6),
                padding=ft.Padding.only(bottom=12),
            )
        )

    async def _add_blank(self, _e: ft.ControlEvent) -> None:
        self._add_editor(CrisisLine("", ""))
        self.ctl.page.update()

    async def _save(self, _e: ft.ControlEvent) -> None:
        if self.ctl.stores is None:
            return
        lines = [
            CrisisLine(name.value.strip(), number.value.strip(), note.value.strip())
            for name, number, note in self.editors
        ]
        await asyncio.to_thread(self.stores.settings.set_crisis_lines, lines)
        self._show_lines()
        self.ctl.toast("Numbers saved.")
        self.ctl.page.update()
