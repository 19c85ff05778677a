"""Practices from my therapist: what they are, what I've done, adding one, importing a card.

Progress is only ever what was done. A homework card comes from outside: it is read with
`homework_card.parse_card`, shown line by line, and nothing is added until the client says yes.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from functools import partial

import flet as ft

from companion.core.errors import CompanionError
from companion.core.i18n import N_, _, ngettext
from companion.kinds import homework as homework_kind
from companion.kinds import homework_card as card
from companion.ui.kit.screen import Screen
from companion.ui.widgets.common import (
    ChoiceMenu,
    body,
    button_row,
    column,
    error_text,
    outlined_button,
    primary_button,
    show_error,
    small,
    subtitle,
)

# Translators: short weekday names on the practice form's day chips
DAY_LABELS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


class HomeworkScreen(Screen):
    title = N_("Homework")

    def build(self) -> ft.Control:
        self.items = ft.Column(spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.error = error_text()
        return column(
            body(
                _(
                    "Small practices you and your therapist chose for the time between sessions. "
                    "Only what you've done is counted; there's nothing to catch up on."
                ),
                muted=True,
            ),
            button_row(
                primary_button(_("Add a practice"), self._add, icon=ft.Icons.ADD),
                outlined_button(_("Import a homework card"), self._import, icon=ft.Icons.FILE_OPEN_OUTLINED),
            ),
            self.error,
            self.items,
        )

    @property
    def store(self) -> homework_kind.Homeworks:
        return self.stores.homework

    async def on_show(self) -> None:
        await self._refresh()

    async def _refresh(self) -> None:
        if self.ctl.stores is None:
            return
        today = date.today()
        store = self.store

        def load() -> list[tuple[homework_kind.Homework, str]]:
            return [(h, store.progress_text(h, today)) for h in store.all()]

        practices = await asyncio.to_thread(load)
        current = [(h, p) for h, p in practices if not (h.until and h.until < today)]
        past = [(h, p) for h, p in practices if h.until and h.until < today]
        controls: list[ft.Control] = []
        if not practices:
            controls.append(
                small(
                    _(
                        "No practices yet. If your therapist suggests one, you can add it here "
                        "or import their card."
                    )
                )
            )
        controls += [self._card(h, progress, today) for h, progress in current]
        if past:
            controls.append(subtitle(_("Finished")))
            controls += [self._card(h, progress, today) for h, progress in past]
        self.items.controls = controls
        self.ctl.page.update()

    def _card(self, practice: homework_kind.Homework, progress: str, today: date) -> ft.Control:
        lines: list[ft.Control] = [
            ft.Text(practice.label, theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            small(
                # Translators: how often and when, "Every day, from 18 Nov"
                _("{often}, {dates}").format(
                    often=_capitalized(homework_kind.describe_often(practice)),
                    dates=homework_kind.describe_dates(practice, today),
                )
            ),
        ]
        if practice.what == homework_kind.PROMPT and practice.shown_prompt:
            lines.append(body(practice.shown_prompt))
        if practice.shown_note:
            if practice.set_by == homework_kind.THERAPIST:
                lines.append(small(_("From my therapist: {note}").format(note=practice.shown_note)))
            else:
                lines.append(small(_("My note: {note}").format(note=practice.shown_note)))
        lines.append(ft.Text(progress, theme_style=ft.TextThemeStyle.BODY_MEDIUM, weight=ft.FontWeight.W_600))
        actions: list[ft.Control] = []
        if practice.is_active(today):
            actions.append(
                ft.FilledTonalButton(
                    content=_(_DO_LABELS[practice.what]), on_click=partial(self._do, practice)
                )
            )
        actions.append(
            ft.TextButton(
                content=_("Remove: {name}").format(name=practice.label),
                on_click=partial(self._remove, practice),
            )
        )
        lines.append(ft.Row(actions, wrap=True))
        return ft.Card(ft.Container(ft.Column(lines, spacing=6), padding=16))

    async def _do(self, practice: homework_kind.Homework, _e: ft.ControlEvent) -> None:
        if practice.what == homework_kind.CHECKIN:
            await self.ctl.go_section("checkin")
        elif practice.what == homework_kind.BREATHING:
            await self.ctl.go_section("settle")
        elif practice.what == homework_kind.FEEDBACK:
            await self.ctl.open("composer", record_id=None)
        else:
            prompt = practice.shown_prompt
            await self.ctl.open("editor", record_id=None, prompt=prompt, homework_id=practice.id)

    async def _remove(self, practice: homework_kind.Homework, _e: ft.ControlEvent) -> None:
        async def really(_e: ft.ControlEvent) -> None:
            self.ctl.page.pop_dialog()
            await asyncio.to_thread(self.store.delete, practice.id)
            self.ctl.toast(_("Practice removed. What you did stays in your journal."))
            await self._refresh()

        self.ctl.confirm(
            _("Remove this practice?"),
            _("Your check-ins, pauses and entries stay; only the practice goes."),
            _("Remove"),
            really,
        )

    async def _add(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("practice_form")

    async def _import(self, _e: ft.ControlEvent) -> None:
        show_error(self.error, "")
        try:
            files = await ft.FilePicker().pick_files(
                dialog_title=_("Choose a homework card"), allow_multiple=False, with_data=True
            )
        except Exception as exc:  # noqa: BLE001 - the platform's file dialog failed; nothing changed
            show_error(
                self.error,
                _("The file couldn't be opened ({problem}). Nothing was added.").format(problem=exc),
            )
            self.ctl.page.update()
            return
        if not files:
            return
        picked = files[0]
        data = picked.bytes
        if data is None and picked.path:
            try:
                data = await asyncio.to_thread(_read_small, picked.path)
            except (OSError, ValueError) as exc:
                show_error(
                    self.error,
                    _("That file couldn't be read ({problem}). Nothing was added.").format(problem=exc),
                )
                self.ctl.page.update()
                return
        try:
            practices = card.parse_card(data or b"")
        except CompanionError as exc:
            show_error(self.error, str(exc))
            self.ctl.page.update()
            return
        self._confirm_import(practices)

    def _confirm_import(self, practices: list[homework_kind.Homework]) -> None:
        async def add(_e: ft.ControlEvent) -> None:
            self.ctl.page.pop_dialog()
            await asyncio.to_thread(self.store.add_all, practices)
            n = len(practices)
            self.ctl.toast(ngettext("Added {n} practice.", "Added {n} practices.", n).format(n=n))
            await self._refresh()

        lines = [ft.Text("\u2022 " + line) for line in card.describe_card(practices)]
        self.ctl.page.show_dialog(
            ft.AlertDialog(
                modal=True,
                title=ft.Text(_("Add these practices?")),
                content=ft.Column(
                    [small(_("This card would add:")), *lines],
                    tight=True,
                    scroll=ft.ScrollMode.AUTO,
                    spacing=8,
                ),
                actions=[
                    ft.TextButton(content=_("Not now"), on_click=lambda _e: self.ctl.page.pop_dialog()),
                    ft.FilledButton(content=_("Add them"), on_click=self.ctl.handler(add)),
                ],
            )
        )


_DO_LABELS = {
    homework_kind.CHECKIN: N_("Check in now"),
    homework_kind.BREATHING: N_("Take a breathing pause"),
    homework_kind.FEEDBACK: N_("Write feedback"),
    homework_kind.PROMPT: N_("Answer the prompt"),
}


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _read_small(path: str) -> bytes:
    with open(path, "rb") as handle:
        data = handle.read(card.MAX_CARD_BYTES + 1)
    return data  # parse_card refuses anything over the limit with a plain message


class PracticeFormScreen(Screen):
    """Set up a practice together, in the client's or the therapist's words."""

    title = N_("New practice")

    def build(self) -> ft.Control:
        self.what = ChoiceMenu(
            _("Practice"),
            [(w, homework_kind.what_label(w)) for w in homework_kind.WHATS],
            homework_kind.CHECKIN,
            self._on_what,
        )
        self.prompt = ft.TextField(
            label=_("The writing prompt"), multiline=True, max_length=homework_kind.MAX_PROMPT, visible=False
        )
        self.title_field = ft.TextField(
            label=_("A short name (optional)"), max_length=homework_kind.MAX_TITLE
        )
        self.often = ChoiceMenu(
            _("How often"),
            [
                (homework_kind.DAILY, _("Every day")),
                (homework_kind.TIMES_A_WEEK, _("A few times a week")),
                (homework_kind.ON_DAYS, _("On chosen days")),
            ],
            homework_kind.DAILY,
            self._on_often,
        )
        self.times = ChoiceMenu(_("Times a week"), [(str(n), str(n)) for n in range(1, 8)], "3")
        self.times.control.visible = False
        self.days = [
            ft.Chip(label=ft.Text(_(label)), selected=False, on_select=self._on_day) for label in DAY_LABELS
        ]
        self.days_row = ft.Row(self.days, wrap=True, spacing=4, visible=False)
        self.weeks = ChoiceMenu(
            # Translators: how long a practice runs, "For: 2 weeks"
            _("For"),
            [("0", _("No end date"))]
            + [(str(n), ngettext("{n} week", "{n} weeks", n).format(n=n)) for n in (1, 2, 4, 8)],
            "2",
        )
        self.by_therapist = ft.Checkbox(label=_("My therapist suggested this"), value=True)
        self.note = ft.TextField(
            label=_("A note, in your therapist's words or yours (optional)"),
            multiline=True,
            max_length=homework_kind.MAX_NOTE,
        )
        self.error = error_text()
        return column(
            ft.Row([self.what.control], wrap=True),
            self.prompt,
            self.title_field,
            ft.Row([self.often.control, self.times.control], wrap=True),
            self.days_row,
            ft.Row([self.weeks.control], wrap=True),
            self.by_therapist,
            self.note,
            self.error,
            ft.Row([primary_button(_("Save practice"), self._save)], wrap=True),
        )

    async def _on_what(self, value: str) -> None:
        self.prompt.visible = value == homework_kind.PROMPT
        self.ctl.page.update()

    async def _on_often(self, value: str) -> None:
        self.times.control.visible = value == homework_kind.TIMES_A_WEEK
        self.days_row.visible = value == homework_kind.ON_DAYS
        self.ctl.page.update()

    async def _on_day(self, _e: ft.ControlEvent) -> None:
        self.ctl.page.update()

    def _value(self) -> homework_kind.Homework:
        today = date.today()
        weeks = int(self.weeks.value)
        return homework_kind.Homework(
            what=self.what.value,
            start=today,
            often=self.often.value,
            times_a_week=int(self.times.value),
            days=tuple(
                day for day, chip in zip(homework_kind.WEEKDAYS, self.days, strict=True) if chip.selected
            ),
            until=today + timedelta(days=7 * weeks - 1) if weeks else None,
            prompt=homework_kind.clean_text(self.prompt.value or "", multiline=True)
            if self.what.value == homework_kind.PROMPT
            else "",
            note=homework_kind.clean_text(self.note.value or "", multiline=True),
            title=homework_kind.clean_text(self.title_field.value or ""),
            set_by=homework_kind.THERAPIST if self.by_therapist.value else homework_kind.CLIENT,
        )

    async def _save(self, _e: ft.ControlEvent) -> None:
        practice = self._value()
        problem = homework_kind.problem(practice)
        if problem:
            show_error(self.error, problem[0].upper() + problem[1:] + ".")
            self.ctl.page.update()
            return
        await asyncio.to_thread(self.stores.homework.add, practice)
        self.ctl.toast(_("Practice saved."))
        await self.ctl.back()
