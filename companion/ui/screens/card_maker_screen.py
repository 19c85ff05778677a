"""Make a homework card: a form for a therapist, with a live preview and a printable handout.

Anyone can open it, from the welcome screen or from Settings, without a journal: a therapist may
never keep one. So this screen never touches ``self.stores``; nothing typed here is stored. The
preview and the file come from `export.card_maker`, which reads every card back with the
importer's own `parse_card`, so what the preview shows is what the client's Companion will show.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import flet as ft

from companion.core import localformat
from companion.core.errors import CardNotReady
from companion.core.i18n import N_, _, ngettext
from companion.export import card_maker
from companion.kinds import homework as homework_kind
from companion.kinds.homework_card import MAX_PRACTICES, describe_card
from companion.reference.ready_cards import ready_card, ready_cards
from companion.ui.kit.screen import Screen
from companion.ui.widgets.common import (
    ChoiceMenu,
    body,
    column,
    error_text,
    heading,
    primary_button,
    show_error,
    small,
    subtitle,
)

_UNTIL_DATE = "date"
_BLANK = "blank"
_WEEKS = (1, 2, 3, 4, 6, 8, 10, 12)
_A_MONDAY = date(2024, 1, 1)  # the weekday names come from the language's calendar


# The menus are made when a practice is shown, so they speak the language of that moment.
def _often_options() -> list[tuple[str, str]]:
    """ "How often: every day"."""
    return [
        # Translators: completes "How often: ..." on the card maker
        (homework_kind.DAILY, _("every day")),
        # Translators: completes "How often: ..." on the card maker
        (homework_kind.TIMES_A_WEEK, _("some times a week")),
        # Translators: completes "How often: ..." on the card maker
        (homework_kind.ON_DAYS, _("on particular days")),
    ]


def _times_label(n: int) -> str:
    """ "Times a week: twice"."""
    if n == 1:
        return _("once")
    if n == 2:
        return _("twice")
    return ngettext("{n} time", "{n} times", n).format(n=n)


def _times_options() -> list[tuple[str, str]]:
    return [(str(n), _times_label(n)) for n in range(1, 8)]


def _length_options() -> list[tuple[str, str]]:
    """ "How long: 2 weeks"."""
    return (
        # Translators: completes "How long: ..." on the card maker (the practice has no end date)
        [("", _("until your client removes it"))]
        + [(str(n), ngettext("{n} week", "{n} weeks", n).format(n=n)) for n in _WEEKS]
        # Translators: completes "How long: ..." on the card maker
        + [(_UNTIL_DATE, _("until a date"))]
    )


class _PracticeEditor:
    """The fields of one practice; ``form()`` reads them as `card_maker.PracticeForm`."""

    def __init__(self, screen: CardMakerScreen, form: card_maker.PracticeForm) -> None:
        self.screen = screen
        changed = screen.changed
        self.what = ChoiceMenu(
            _("Kind of practice"),
            [(w, homework_kind.what_label(w)) for w in homework_kind.WHATS],
            form.what,
            self._on_menu,
        )
        self.title = ft.TextField(
            label=_("Title (optional)"), value=form.title, max_length=homework_kind.MAX_TITLE
        )
        self.prompt = ft.TextField(
            label=_("Writing prompt: the question to answer"),
            value=form.prompt,
            multiline=True,
            min_lines=2,
            max_length=homework_kind.MAX_PROMPT,
        )
        self.note = ft.TextField(
            label=_("Note in your words (optional)"),
            value=form.note,
            multiline=True,
            min_lines=2,
            max_length=homework_kind.MAX_NOTE,
        )
        self.often = ChoiceMenu(_("How often"), _often_options(), form.often, self._on_menu)
        self.times = ChoiceMenu(_("Times a week"), _times_options(), str(form.times_a_week), self._on_menu)
        self.days = {}
        for offset, day in enumerate(homework_kind.WEEKDAYS):
            weekday = _A_MONDAY + timedelta(days=offset)
            self.days[day] = ft.Checkbox(
                label=localformat.pattern(weekday, "EEE"),  # "Mon", "Mo.", "lun"
                value=day in form.days,
                semantics_label=localformat.weekday(weekday),
                on_change=changed,
            )
        self.start = ft.TextField(
            label=_("First day (optional)"),
            # Translators: keep the date as it is: the field takes dates written this way
            hint_text=_("2026-12-01; empty: the day your client adds it"),
            value=form.start.isoformat() if form.start else "",
        )
        length = _UNTIL_DATE if form.until else (str(form.weeks) if form.weeks else "")
        self.length = ChoiceMenu(_("How long"), _length_options(), length, self._on_menu)
        self.until = ft.TextField(
            label=_("Last day"), hint_text="2026-12-31", value=form.until.isoformat() if form.until else ""
        )
        for field in (self.title, self.prompt, self.note, self.start, self.until):
            field.on_change = changed
        self.days_row = ft.Row(list(self.days.values()), wrap=True, spacing=0)
        self.remove = ft.TextButton(
            content=_("Remove this practice"), icon=ft.Icons.DELETE_OUTLINE, on_click=self._remove
        )
        self.number = subtitle("")
        self.control = ft.Container(
            ft.Column(
                [
                    self.number,
                    ft.Row([self.what.control], wrap=True),
                    self.title,
                    self.prompt,
                    self.note,
                    ft.Row([self.often.control], wrap=True),
                    ft.Row([self.times.control], wrap=True),
                    self.days_row,
                    self.start,
                    ft.Row([self.length.control], wrap=True),
                    self.until,
                    ft.Row([self.remove], wrap=True),
                ],
                spacing=12,
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            ),
            padding=12,
            border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
            border_radius=12,
        )
        self.show_what_applies()

    def show_what_applies(self) -> None:
        self.prompt.visible = self.what.value == homework_kind.PROMPT
        self.times.control.visible = self.often.value == homework_kind.TIMES_A_WEEK
        self.days_row.visible = self.often.value == homework_kind.ON_DAYS
        self.until.visible = self.length.value == _UNTIL_DATE

    async def _on_menu(self, _value: str) -> None:
        self.show_what_applies()
        await self.screen.changed(None)

    async def _remove(self, _e: ft.ControlEvent) -> None:
        await self.screen.remove(self)

    def form(self, number: int) -> card_maker.PracticeForm:
        try:
            start = card_maker.read_day(self.start.value or "", "first day")
            until = (
                card_maker.read_day(self.until.value or "", "last day")
                if self.length.value == _UNTIL_DATE
                else None
            )
        except CardNotReady as exc:
            # Translators: completes "The card isn't ready yet: ..."; {reason} says what is missing
            raise CardNotReady(
                _("practice {number}: {reason}").format(number=number, reason=exc.reason)
            ) from None
        if self.length.value == _UNTIL_DATE and until is None:
            raise CardNotReady(
                # Translators: completes "The card isn't ready yet: ..."
                _("practice {number}: please fill in the last day, or choose another length").format(
                    number=number
                )
            )
        weeks = int(self.length.value) if self.length.value not in ("", _UNTIL_DATE) else None
        return card_maker.PracticeForm(
            what=self.what.value,
            title=self.title.value or "",
            note=self.note.value or "",
            often=self.often.value,
            times_a_week=int(self.times.value),
            days=tuple(day for day, box in self.days.items() if box.value),
            start=start,
            until=until,
            weeks=weeks,
            prompt=self.prompt.value or "",
        )


class CardMakerScreen(Screen):
    title = N_("Homework card")

    def build(self) -> ft.Control:
        self.editors: list[_PracticeEditor] = []
        self.practices_box = ft.Column(spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.ready = ChoiceMenu(
            _("Start from"),
            [(_BLANK, _("an empty card"))] + [(c.id, c.name) for c in ready_cards()],
            _BLANK,
            self._start_from,
        )
        self.ready_note = small("")
        self.ready_note.visible = False
        self.name = ft.TextField(
            label=_("Card name (used for the file name)"), value=_("My homework card"), on_change=self.changed
        )
        self.add_button = ft.OutlinedButton(
            content=_("Add a practice"), icon=ft.Icons.ADD, on_click=self._add
        )
        self.preview = ft.Column(spacing=6)
        self.preview_error = error_text()
        self.therapist = ft.TextField(label=_("Your name, for the handout (optional)"))
        self.appointment = ft.TextField(label=_("Next appointment, for the handout (optional)"))
        self.note = small("")
        self.busy = ft.ProgressRing(visible=False, width=20, height=20)
        back: list[ft.Control] = []
        if self.ctl.stores is None:  # opened from the welcome screen: no shell back arrow there
            back = [ft.Row([ft.TextButton(content=_("Back"), icon=ft.Icons.ARROW_BACK, on_click=self._back)])]
        self._set_forms([card_maker.PracticeForm()])
        self._refresh_preview()
        return column(
            *back,
            heading(_("Make a homework card")),
            body(
                _(
                    "For therapists: make a card your client can open in Companion, and a handout to "
                    "print. No journal is needed, and nothing you type here is kept."
                )
            ),
            ft.Row([self.ready.control], wrap=True),
            self.ready_note,
            self.name,
            self.practices_box,
            ft.Row([self.add_button], wrap=True),
            ft.Divider(),
            subtitle(_("What your client will see")),
            small(_("When they open the card, Companion asks before adding anything:")),
            self.preview,
            self.preview_error,
            ft.Divider(),
            subtitle(_("Save")),
            self.therapist,
            self.appointment,
            ft.Row(
                [
                    primary_button(_("Save the card file"), self._save_card, icon=ft.Icons.SAVE_ALT),
                    ft.OutlinedButton(
                        content=_("Save the handout (PDF)"),
                        icon=ft.Icons.PRINT_OUTLINED,
                        on_click=self._save_handout,
                    ),
                    self.busy,
                ],
                wrap=True,
                spacing=12,
                run_spacing=12,
            ),
            self.note,
            ft.Container(height=16),
        )

    # --- the form ----------------------------------------------------------------------------

    def _set_forms(self, forms: list[card_maker.PracticeForm]) -> None:
        self.editors = [_PracticeEditor(self, form) for form in forms]
        self._relist()

    def _relist(self) -> None:
        for number, editor in enumerate(self.editors, start=1):
            editor.number.value = _("Practice {number}").format(number=number)
            editor.remove.visible = len(self.editors) > 1
        self.practices_box.controls = [e.control for e in self.editors]
        self.add_button.disabled = len(self.editors) >= MAX_PRACTICES

    def forms(self) -> list[card_maker.PracticeForm]:
        return [editor.form(n) for n, editor in enumerate(self.editors, start=1)]

    def _refresh_preview(self) -> list[homework_kind.Homework] | None:
        """Show what the client will see; the practices, or None with the reason shown."""
        today = date.today()
        try:
            practices = card_maker.card_practices(self.forms(), today)
        except CardNotReady as exc:
            show_error(self.preview_error, str(exc))
            self.preview.controls = []
            return None
        show_error(self.preview_error, "")
        lines = [ft.Text("\u2022 " + line) for line in describe_card(practices, today)]
        self.preview.controls = lines
        return practices

    async def changed(self, _e: ft.ControlEvent | None) -> None:
        self._refresh_preview()
        self.ctl.page.update()

    async def _start_from(self, card_id: str) -> None:
        card = ready_card(card_id)
        if card is None:
            self._set_forms([card_maker.PracticeForm()])
            self.ready_note.value = ""
            self.ready_note.visible = False
        else:
            self.ready_note.visible = True
            self._set_forms(card_maker.forms_from_ready(card))
            self.name.value = card.name
            # Translators: {summary} is one line about a ready-made card
            self.ready_note.value = _("{summary} Change anything you like.").format(summary=card.summary)
        self._refresh_preview()
        self.ctl.page.update()

    async def _add(self, _e: ft.ControlEvent) -> None:
        if len(self.editors) >= MAX_PRACTICES:
            return
        self.editors.append(_PracticeEditor(self, card_maker.PracticeForm()))
        self._relist()
        self._refresh_preview()
        self.ctl.page.update()

    async def remove(self, editor: _PracticeEditor) -> None:
        if len(self.editors) > 1 and editor in self.editors:
            self.editors.remove(editor)
            self._relist()
            self._refresh_preview()
            self.ctl.page.update()

    async def _back(self, _e: ft.ControlEvent) -> None:
        await self.ctl.show_public("welcome")

    # --- saving ------------------------------------------------------------------------------

    def _file_name(self) -> str:
        return card_maker.card_file_name(self.name.value or "")

    async def _save_card(self, _e: ft.ControlEvent) -> None:
        if self._refresh_preview() is None:
            self.note.value = ""
            self.ctl.page.update()
            return
        await self._save(card_maker.make_card(self.forms()), self._file_name(), _("Save the homework card"))

    async def _save_handout(self, _e: ft.ControlEvent) -> None:
        practices = self._refresh_preview()
        if practices is None:
            self.note.value = ""
            self.ctl.page.update()
            return
        self.busy.visible = True
        self.ctl.page.update()
        try:
            pdf = await asyncio.to_thread(
                render_handout,
                practices,
                file_name=self._file_name(),
                therapist=self.therapist.value or "",
                next_appointment=self.appointment.value or "",
            )
        finally:
            self.busy.visible = False
        name = self._file_name().removesuffix(".homework.json") + "-handout.pdf"
        await self._save(pdf, name, _("Save the handout"))

    async def _save(self, data: bytes, name: str, title: str) -> None:
        try:
            path = await ft.FilePicker().save_file(dialog_title=title, file_name=name, src_bytes=data)
        except Exception as exc:  # noqa: BLE001 - the platform's save dialog failed; the form is kept
            show_error(
                self.preview_error,
                _("The file couldn't be saved ({problem}). Nothing you typed was lost.").format(problem=exc),
            )
            self.ctl.page.update()
            return
        if path is None and not self.ctl.page.web:
            self.note.value = _("Not saved. You can try again whenever you like.")
        else:
            self.note.value = (
                _("Saved {name} to {path}.").format(name=name, path=path)
                if path
                else _("Saved {name}.").format(name=name)
            )
        self.ctl.page.update()


def render_handout(practices: list[homework_kind.Homework], **kwargs: object) -> bytes:
    """The handout PDF; its writer (fpdf2, fonts) loads only when a handout is first made."""
    from companion.export.handout import render_handout as render

    return render(practices, **kwargs)  # type: ignore[arg-type]
