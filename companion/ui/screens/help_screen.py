"""Need help now: always one tap away, even when the journal is locked."""

from __future__ import annotations

import asyncio

import flet as ft

from companion.core.i18n import N_, _
from companion.kinds.settings import CrisisLine, default_crisis_lines
from companion.reference import crisis_lines
from companion.ui.kit.screen import Screen
from companion.ui.widgets.common import body, column, heading, primary_button, small


class HelpScreen(Screen):
    # Translators: the title of the "Need help now" page
    title = N_("Help")

    def build(self) -> ft.Control:
        self.lines_box = ft.Column(spacing=8)
        self.edit_row = ft.Row(wrap=True)
        self.source_note = small("")
        self.country: crisis_lines.CountryLines | None = None
        self._show_lines()
        return column(
            heading(_("If you are in danger right now")),
            ft.Container(
                body(
                    _(
                        "Call your local emergency number straight away, or ask someone near you to call. "
                        "Companion can't reach anyone for you."
                    )
                ),
                padding=16,
                border_radius=12,
                bgcolor=ft.Colors.ERROR_CONTAINER,
            ),
            body(
                _(
                    "If you are not in danger but things feel like too much, a crisis line can listen. "
                    "You don't need a reason to call."
                ),
            ),
            ft.Text(_("Numbers you can call"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            self.lines_box,
            self.edit_row,
            self.source_note,
            ft.Container(
                body(
                    _(
                        "Numbers change from time to time. Please check that these are right for where "
                        "you live, and change them if they aren't."
                    )
                ),
                padding=12,
                border_radius=12,
                bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
            ),
            small(
                _("You can change them after unlocking your journal.")
                if self.ctl.stores is None
                else _("Numbers are kept encrypted in your journal.")
            ),
        )

    def _suggested(self) -> tuple[list[CrisisLine], crisis_lines.CountryLines | None]:
        """Numbers for this device's region when the table knows it, else the general ones.

        Both in the current language; numbers the person saved are never translated.
        """
        country = crisis_lines.for_region(crisis_lines.device_region())
        if country is None:
            return default_crisis_lines(), None
        lines = crisis_lines.shown_lines(country)
        return [CrisisLine(line.name, line.number, line.note) for line in lines], country

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
        # Translators: {country} is a country's name, {checked} the date the list was made (2026-12-03)
        return _(
            "Suggested for {country}, from the organisations' public numbers (list compiled {checked})."
        ).format(country=crisis_lines.country_name(self.country), checked=self.country.checked)

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
            rows.append(body(_("No numbers saved yet."), muted=True))
        self.lines_box.controls = rows
        self.source_note.value = self._describe_source()
        self.source_note.visible = bool(self.source_note.value)
        self.edit_row.controls = (
            [ft.OutlinedButton(content=_("Edit numbers"), icon=ft.Icons.EDIT_OUTLINED, on_click=self._edit)]
            if self.ctl.stores is not None
            else []
        )

    async def _edit(self, _e: ft.ControlEvent) -> None:
        self.editors: list[tuple[ft.TextField, ft.TextField, ft.TextField]] = []
        self.lines_box.controls = []
        for line in self._lines():
            self._add_editor(line)
        self.edit_row.controls = [
            ft.OutlinedButton(content=_("Add a number"), icon=ft.Icons.ADD, on_click=self._add_blank),
            primary_button(_("Save numbers"), self._save),
        ]
        self.ctl.page.update()

    def _add_editor(self, line: CrisisLine) -> None:
        n = len(self.editors) + 1
        # Translators: the name of crisis line number {n} in the list being edited
        name = ft.TextField(label=_("Name {n}").format(n=n), value=line.name, expand=True)
        number = ft.TextField(
            # Translators: the phone number of crisis line {n} in the list being edited
            label=_("Number {n}").format(n=n),
            value=line.number,
            width=160,
            keyboard_type=ft.KeyboardType.PHONE,
        )
        # Translators: the note beside crisis line {n} in the list being edited
        note = ft.TextField(label=_("Note {n}").format(n=n), value=line.note)
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
        self.ctl.toast(_("Numbers saved."))
        self.ctl.page.update()
