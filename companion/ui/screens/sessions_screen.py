"""Sessions (when, with whom, the next appointment) and the after-session reflection."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import flet as ft

from companion.core import localformat
from companion.core.errors import CompanionError
from companion.core.i18n import N_, _
from companion.core.records import to_datetime, to_us
from companion.kinds import reflection as reflection_kind
from companion.kinds.reflection import Reflection
from companion.kinds.sessions import Session, Sessions, clean_label
from companion.ui.kit.screen import Screen
from companion.ui.kit.shell import Shell
from companion.ui.widgets.common import (
    ChoiceMenu,
    IntensityScale,
    body,
    column,
    error_text,
    primary_button,
    show_error,
    small,
)

DEFAULT_NEXT_TIME = time(17, 0)


def readable_day(day: date, today: date | None = None) -> str:
    """ "Tuesday 24 November" (the year only when it isn't this one): no ISO dates on screen."""
    return localformat.day(day, today)


def readable_moment(day: date, clock: time, today: date | None = None) -> str:
    """ "Tuesday 24 November, 17:30"."""
    return localformat.day_and_time(day, clock, today)


def picked_date(value: object) -> date | None:
    """The calendar day a DatePicker reports (a datetime or a date); None for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def picked_time(value: object) -> time | None:
    """The time a TimePicker reports, without seconds; None for anything else."""
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    return None


def session_line(session: Session) -> str:
    """ "Tuesday 24 November, 17:30 with Sam" in local time."""
    moment = to_datetime(session.when_us).astimezone()
    text = readable_moment(moment.date(), moment.time())
    label = clean_label(session.label)
    # Translators: {when} is a date and time like "Tuesday 24 November, 17:30", {label} the
    # therapist's name as the person wrote it.
    return _("{when} with {label}").format(when=text, label=label) if label else text


SESSION, NEXT = "session", "next"


def picker_words(what: str) -> dict[str, str]:
    """Whole sentences for one picker's buttons, in the current language ({day}, {time} filled in)."""
    if what == SESSION:
        return {
            # Translators: a button that empties the session's date
            "clear": _("Clear session"),
            # Translators: what a screen reader says for the date button; {day} is a date
            "date_set": _("Session date: {day}. Change"),
            "date_unset": _("Session: choose a date"),
            # Translators: what a screen reader says for the time button; {time} is like 17:30
            "time_set": _("Session time: {time}. Change"),
            "date_help": _("Session date"),
            "time_help": _("Session time"),
        }
    return {
        "clear": _("Clear next appointment"),
        # Translators: what a screen reader says for the date button; {day} is a date
        "date_set": _("Next appointment date: {day}. Change"),
        "date_unset": _("Next appointment: choose a date"),
        # Translators: what a screen reader says for the time button; {time} is like 17:30
        "time_set": _("Next appointment time: {time}. Change"),
        "date_help": _("Next appointment date"),
        "time_help": _("Next appointment time"),
    }


class MomentPicker:
    """A date button and a time button; the value is only ever what the pickers gave.

    Each button's accessible name says what it does and what is set ("Session date:
    Tuesday 24 November. Change"), so a screen reader hears the same as the eye reads.
    ``what`` is SESSION or NEXT: which sentences the buttons use.
    """

    def __init__(self, page: ft.Page, what: str, day: date | None, clock: time, *, optional: bool) -> None:
        self.page, self.what, self.day, self.clock, self.optional = page, what, day, clock, optional
        self.words = picker_words(what)
        self.date_button = ft.OutlinedButton(icon=ft.Icons.CALENDAR_MONTH_OUTLINED, on_click=self._pick_date)
        self.time_button = ft.OutlinedButton(icon=ft.Icons.SCHEDULE, on_click=self._pick_time)
        self.clear_button = ft.TextButton(content=self.words["clear"], on_click=self._clear)
        self.control = ft.Row([self.date_button, self.time_button, self.clear_button], wrap=True, spacing=8)
        self._show()

    def _show(self) -> None:
        has_day = self.day is not None
        day_text = readable_day(self.day) if self.day is not None else _("Choose a date")
        clock_text = localformat.clock(self.clock)
        self.date_button.content = ft.Text(
            day_text,
            semantics_label=self.words["date_set"].format(day=day_text)
            if has_day
            else self.words["date_unset"],
        )
        self.time_button.content = ft.Text(
            clock_text, semantics_label=self.words["time_set"].format(time=clock_text)
        )
        self.time_button.visible = has_day
        self.clear_button.visible = self.optional and has_day

    async def _pick_date(self, _e: ft.ControlEvent) -> None:
        today = date.today()
        shown = self.day or today
        picker = ft.DatePicker(
            value=datetime(shown.year, shown.month, shown.day),
            first_date=datetime(today.year - 5, 1, 1),
            last_date=datetime(today.year + 3, 12, 31),
            help_text=self.words["date_help"],
            on_change=self._date_chosen,
        )
        self.page.show_dialog(picker)

    async def _date_chosen(self, e: ft.ControlEvent) -> None:
        day = picked_date(e.control.value)
        if day is not None:
            self.day = day
            self._show()
            self.page.update()

    async def _pick_time(self, _e: ft.ControlEvent) -> None:
        picker = ft.TimePicker(
            value=self.clock,
            help_text=self.words["time_help"],
            hour_format=ft.TimePickerHourFormat.H24,
            on_change=self._time_chosen,
        )
        self.page.show_dialog(picker)

    async def _time_chosen(self, e: ft.ControlEvent) -> None:
        clock = picked_time(e.control.value)
        if clock is not None:
            self.clock = clock
            self._show()
            self.page.update()

    async def _clear(self, _e: ft.ControlEvent) -> None:
        self.day = None
        self._show()
        self.page.update()

    def moment(self) -> datetime | None:
        """The local date and time set, or None when no date is chosen."""
        if self.day is None:
            return None
        return datetime.combine(self.day, self.clock).astimezone()


class SessionsScreen(Screen):
    title = N_("Sessions")

    def build(self) -> ft.Control:
        start = (datetime.now() + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        page = self.ctl.page
        self.when = MomentPicker(page, SESSION, start.date(), start.time(), optional=False)
        self.next = MomentPicker(page, NEXT, None, DEFAULT_NEXT_TIME, optional=True)
        self.label = ft.TextField(label=_("Therapist's name (optional)"), max_length=None)
        self.error = error_text()
        self.listing = ft.Column(spacing=4)
        return column(
            body(
                _("Add your sessions, past or coming. \u201cSince my last session\u201d counts from them."),
                muted=True,
            ),
            ft.Text(_("When is the session?"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            self.when.control,
            self.label,
            ft.Text(_("Next appointment (optional)"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            self.next.control,
            self.error,
            ft.Row([primary_button(_("Add session"), self._add)]),
            ft.Divider(),
            self.listing,
        )

    async def on_show(self) -> None:
        await self._refresh()

    @property
    def sessions(self) -> Sessions:
        return self.stores.sessions

    async def _refresh(self) -> None:
        rows = await asyncio.to_thread(self.sessions.all)
        if not rows:
            self.listing.controls = [small(_("No sessions yet."))]
        else:
            self.listing.controls = [
                ft.Text(_("Your sessions"), theme_style=ft.TextThemeStyle.TITLE_SMALL)
            ] + [self._row(record.id, session) for record, session in rows]
        self.ctl.page.update()

    def _row(self, record_id: str, session: Session) -> ft.Control:
        async def reflect(_e: ft.ControlEvent) -> None:
            await self.ctl.open("reflection", session_id=record_id)

        async def remove(_e: ft.ControlEvent) -> None:
            async def really(_e: ft.ControlEvent) -> None:
                self.ctl.page.pop_dialog()
                await asyncio.to_thread(self.sessions.delete, record_id)
                await self._refresh()

            self.ctl.confirm(
                _("Remove this session?"),
                _("Notes linked to it stay, without the date."),
                # Translators: a button that removes a session from the list
                _("Remove"),
                really,
            )

        return ft.Row(
            [
                ft.Column(
                    [ft.Text(session_line(session))] + ([small(session.note)] if session.note else []),
                    spacing=2,
                    expand=True,
                ),
                # Translators: a button that opens the after-session reflection
                ft.TextButton(content=_("Reflect"), on_click=self.ctl.handler(reflect)),
                # Translators: a button that removes a session from the list
                ft.TextButton(content=_("Remove"), on_click=self.ctl.handler(remove)),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )

    async def _add(self, _e: ft.ControlEvent) -> None:
        try:
            when = self.when.moment()
            if when is None:
                raise ValueError(_("Please choose the session's date."))
            upcoming = self.next.moment()
            next_us = to_us(upcoming) if upcoming is not None else None
            session = Session(when_us=to_us(when), label=self.label.value or "", next_us=next_us)
            await asyncio.to_thread(self.sessions.add, session)
        except (ValueError, CompanionError) as exc:
            show_error(self.error, str(exc))
            self.ctl.page.update()
            return
        show_error(self.error, "")
        self.label.value = ""
        self.next.day = None
        self.next._show()
        self.ctl.toast(_("Session added."))
        await self._refresh()


# English here; translated with _() where shown.
HELPED_PROMPT = N_("What helped, or a moment I felt met")
MISSED_PROMPT = N_("What was missed, or a moment I felt missed")
NEXT_TIME_PROMPT = N_("What I'd like next time")
QUICK_SCALES_TITLE = N_("Add a few quick scales")
# The scales as the client's own experience, never a mark for the therapist.
STATEMENTS: dict[str, str] = {
    "worked_on": N_("We worked on what matters to me"),
    "way_of_working": N_("The way we worked suited me"),
    "connected": N_("I felt understood and connected"),
    "overall": N_("The hour as a whole was good for me"),
}


def _options(choices: dict[str, str]) -> list[tuple[str, str]]:
    """A menu's choices in the current language, "Skip" first."""
    # Translators: a menu choice that leaves a question unanswered
    return [("", _("Skip"))] + [(key, _(label)) for key, label in choices.items()]


def ends(low: str, high: str) -> ft.Control:
    """Words at both ends of a 0-10 row, so the numbers mean something at a glance."""
    return ft.Row(
        [
            ft.Text("0: " + _(low), theme_style=ft.TextThemeStyle.BODY_SMALL, expand=True),
            ft.Text(
                "10: " + _(high),
                theme_style=ft.TextThemeStyle.BODY_SMALL,
                expand=True,
                text_align=ft.TextAlign.RIGHT,
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


class ReflectionScreen(Screen):
    """Two quiet minutes after a session; every question can be skipped."""

    title = N_("After the session")

    def __init__(self, ctl: Shell, session_id: str | None) -> None:
        super().__init__(ctl)
        self.session_id = session_id

    def build(self) -> ft.Control:
        page = self.ctl.page
        # The person's own words first; the quick scales wait, folded, below.
        self.met = ft.TextField(label=_(HELPED_PROMPT), multiline=True, min_lines=2)
        self.missed = ft.TextField(label=_(MISSED_PROMPT), multiline=True, min_lines=2)
        self.note = ft.TextField(label=_(NEXT_TIME_PROMPT), multiline=True, min_lines=2)
        self.pleasing = ChoiceMenu(
            _("Did I say what I thought they wanted to hear?"), _options(reflection_kind.PLEASING), ""
        )
        # Translators: a 0-10 scale's accessible name: "{statement}: 0 {low}, 10 {high}", where
        # {low} and {high} say what 0 and 10 mean
        scale_name = _("{statement}: 0 {low}, 10 {high}")
        self.scales = {
            s.id: IntensityScale(
                None,
                page,
                optional=True,
                label=scale_name.format(statement=_(STATEMENTS[s.id]), low=_(s.low), high=_(s.high)),
            )
            for s in reflection_kind.SCALES
        }
        # Translators: the menu for how the pace of the session felt
        self.pace = ChoiceMenu(_("Pace"), _options(reflection_kind.PACE), "")
        # Translators: the menu for how the therapist's tone of voice felt
        self.tone = ChoiceMenu(_("Tone"), _options(reflection_kind.TONE), "")
        self.support = IntensityScale(
            None,
            page,
            optional=True,
            label=scale_name.format(
                statement=_(reflection_kind.SUPPORT_CHALLENGE_QUESTION),
                low=_(reflection_kind.SUPPORT_LABEL),
                high=_(reflection_kind.CHALLENGE_LABEL),
            ),
        )
        quick: list[ft.Control] = []
        for scale in reflection_kind.SCALES:
            quick += [
                ft.Text(_(STATEMENTS[scale.id]), theme_style=ft.TextThemeStyle.TITLE_SMALL),
                ends(scale.low, scale.high),
                self.scales[scale.id].control,
            ]
        quick += [
            ft.Text(_(reflection_kind.PACE_QUESTION), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            ft.Row([self.pace.control], wrap=True),
            ft.Text(_(reflection_kind.TONE_QUESTION), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            ft.Row([self.tone.control], wrap=True),
            ft.Text(_(reflection_kind.SUPPORT_CHALLENGE_QUESTION), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            ends(reflection_kind.SUPPORT_LABEL, reflection_kind.CHALLENGE_LABEL),
            self.support.control,
        ]
        self.quick_scales = ft.ExpansionTile(
            title=ft.Text(_(QUICK_SCALES_TITLE)),
            subtitle=ft.Text(_("Optional, one tap each")),
            leading=ft.Icon(ft.Icons.TUNE),
            expanded=False,
            maintain_state=True,
            tile_padding=ft.Padding.symmetric(horizontal=4),
            controls_padding=ft.Padding.only(left=4, right=4, bottom=12),
            expanded_cross_axis_alignment=ft.CrossAxisAlignment.START,
            controls=[ft.Column(quick, spacing=10)],
        )
        self.error = error_text()
        return column(
            body(_("Just for you, unless you choose to bring it. Skip anything you like."), muted=True),
            self.met,
            small(_(reflection_kind.MET_HINT)),
            self.missed,
            small(_(reflection_kind.MISSED_HINT)),
            self.note,
            ft.Row([self.pleasing.control], wrap=True),
            small(_(reflection_kind.PLEASING_HINT)),
            self.quick_scales,
            self.error,
            ft.Row([primary_button(_("Save reflection"), self._save)]),
        )

    def _value(self) -> Reflection:
        r = Reflection(session_id=self.session_id)
        for scale_id, scale in self.scales.items():
            r = replace(r, **{scale_id: scale.value})
        return replace(
            r,
            pace=self.pace.value or None,
            tone=self.tone.value or None,
            support_challenge=self.support.value,
            met=self.met.value or "",
            missed=self.missed.value or "",
            pleasing=self.pleasing.value or None,
            note=self.note.value or "",
        )

    async def _save(self, _e: ft.ControlEvent) -> None:
        value = self._value()
        if value.is_empty:
            show_error(self.error, _("Nothing to save yet. Answer any one question, or just go back."))
            self.ctl.page.update()
            return
        await asyncio.to_thread(self.stores.reflections.add, value)
        self.ctl.toast(_("Reflection saved."))
        await self.ctl.back()
