"""Sessions (when, with whom, the next appointment) and the after-session reflection."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import flet as ft

from companion.core.errors import CompanionError
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

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DEFAULT_NEXT_TIME = time(17, 0)


def readable_day(day: date, today: date | None = None) -> str:
    """ "Tuesday 24 November" (the year only when it isn't this one): no ISO dates on screen."""
    today = today or date.today()
    text = f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def readable_moment(day: date, clock: time, today: date | None = None) -> str:
    """ "Tuesday 24 November, 17:30"."""
    return f"{readable_day(day, today)}, {clock:%H:%M}"


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
    return f"{text} with {label}" if label else text


class MomentPicker:
    """A date button and a time button; the value is only ever what the pickers gave.

    Each button's accessible name says what it does and what is set ("Session date:
    Tuesday 24 November. Change"), so a screen reader hears the same as the eye reads.
    """

    def __init__(self, page: ft.Page, what: str, day: date | None, clock: time, *, optional: bool) -> None:
        self.page, self.what, self.day, self.clock, self.optional = page, what, day, clock, optional
        self.date_button = ft.OutlinedButton(icon=ft.Icons.CALENDAR_MONTH_OUTLINED, on_click=self._pick_date)
        self.time_button = ft.OutlinedButton(icon=ft.Icons.SCHEDULE, on_click=self._pick_time)
        self.clear_button = ft.TextButton(content=f"Clear {what.lower()}", on_click=self._clear)
        self.control = ft.Row([self.date_button, self.time_button, self.clear_button], wrap=True, spacing=8)
        self._show()

    def _show(self) -> None:
        has_day = self.day is not None
        day_text = readable_day(self.day) if self.day is not None else "Choose a date"
        self.date_button.content = ft.Text(
            day_text,
            semantics_label=f"{self.what} date: {day_text}. Change"
            if has_day
            else f"{self.what}: choose a date",
        )
        self.time_button.content = ft.Text(
            f"{self.clock:%H:%M}", semantics_label=f"{self.what} time: {self.clock:%H:%M}. Change"
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
            help_text=f"{self.what} date",
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
            help_text=f"{self.what} time",
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
    title = "Sessions"

    def build(self) -> ft.Control:
        start = (datetime.now() + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        page = self.ctl.page
        self.when = MomentPicker(page, "Session", start.date(), start.time(), optional=False)
        self.next = MomentPicker(page, "Next appointment", None, DEFAULT_NEXT_TIME, optional=True)
        self.label = ft.TextField(label="Therapist's name (optional)", max_length=None)
        self.error = error_text()
        self.listing = ft.Column(spacing=4)
        return column(
            body(
                "Add your sessions, past or coming. \u201cSince my last session\u201d counts from them.",
                muted=True,
            ),
            ft.Text("When is the session?", theme_style=ft.TextThemeStyle.TITLE_SMALL),
            self.when.control,
            self.label,
            ft.Text("Next appointment (optional)", theme_style=ft.TextThemeStyle.TITLE_SMALL),
            self.next.control,
            self.error,
            ft.Row([primary_button("Add session", self._add)]),
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
            self.listing.controls = [small("No sessions yet.")]
        else:
            self.listing.controls = [ft.Text("Your sessions", theme_style=ft.TextThemeStyle.TITLE_SMALL)] + [
                self._row(record.id, session) for record, session in rows
            ]
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
                "Remove this session?", "Notes linked to it stay, without the date.", "Remove", really
            )

        return ft.Row(
            [
                ft.Column(
                    [ft.Text(session_line(session))] + ([small(session.note)] if session.note else []),
                    spacing=2,
                    expand=True,
                ),
                ft.TextButton(content="Reflect", on_click=self.ctl.handler(reflect)),
                ft.TextButton(content="Remove", on_click=self.ctl.handler(remove)),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )

    async def _add(self, _e: ft.ControlEvent) -> None:
        try:
            when = self.when.moment()
            if when is None:
                raise ValueError("Please choose the session's date.")
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
        self.ctl.toast("Session added.")
        await self._refresh()


HELPED_PROMPT = "What helped, or a moment I felt met"
MISSED_PROMPT = "What was missed, or a moment I felt missed"
NEXT_TIME_PROMPT = "What I'd like next time"
QUICK_SCALES_TITLE = "Add a few quick scales"
# The scales as the client's own experience, never a mark for the therapist.
STATEMENTS: dict[str, str] = {
    "worked_on": "We worked on what matters to me",
    "way_of_working": "The way we worked suited me",
    "connected": "I felt understood and connected",
    "overall": "The hour as a whole was good for me",
}


def ends(low: str, high: str) -> ft.Control:
    """Words at both ends of a 0-10 row, so the numbers mean something at a glance."""
    return ft.Row(
        [
            ft.Text("0: " + low, theme_style=ft.TextThemeStyle.BODY_SMALL, expand=True),
            ft.Text(
                "10: " + high,
                theme_style=ft.TextThemeStyle.BODY_SMALL,
                expand=True,
                text_align=ft.TextAlign.RIGHT,
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


class ReflectionScreen(Screen):
    """Two quiet minutes after a session; every question can be skipped."""

    title = "After the session"

    def __init__(self, ctl: Shell, session_id: str | None) -> None:
        super().__init__(ctl)
        self.session_id = session_id

    def build(self) -> ft.Control:
        page = self.ctl.page
        # The person's own words first; the quick scales wait, folded, below.
        self.met = ft.TextField(label=HELPED_PROMPT, multiline=True, min_lines=2)
        self.missed = ft.TextField(label=MISSED_PROMPT, multiline=True, min_lines=2)
        self.note = ft.TextField(label=NEXT_TIME_PROMPT, multiline=True, min_lines=2)
        self.pleasing = ChoiceMenu(
            "Did I say what I thought they wanted to hear?",
            [("", "Skip")] + list(reflection_kind.PLEASING.items()),
            "",
        )
        self.scales = {
            s.id: IntensityScale(
                None, page, optional=True, label=f"{STATEMENTS[s.id]}: 0 {s.low}, 10 {s.high}"
            )
            for s in reflection_kind.SCALES
        }
        self.pace = ChoiceMenu("Pace", [("", "Skip")] + list(reflection_kind.PACE.items()), "")
        self.tone = ChoiceMenu("Tone", [("", "Skip")] + list(reflection_kind.TONE.items()), "")
        self.support = IntensityScale(
            None,
            page,
            optional=True,
            label=(
                f"{reflection_kind.SUPPORT_CHALLENGE_QUESTION}: "
                f"0 {reflection_kind.SUPPORT_LABEL}, 10 {reflection_kind.CHALLENGE_LABEL}"
            ),
        )
        quick: list[ft.Control] = []
        for scale in reflection_kind.SCALES:
            quick += [
                ft.Text(STATEMENTS[scale.id], theme_style=ft.TextThemeStyle.TITLE_SMALL),
                ends(scale.low, scale.high),
                self.scales[scale.id].control,
            ]
        quick += [
            ft.Text(reflection_kind.PACE_QUESTION, theme_style=ft.TextThemeStyle.TITLE_SMALL),
            ft.Row([self.pace.control], wrap=True),
            ft.Text(reflection_kind.TONE_QUESTION, theme_style=ft.TextThemeStyle.TITLE_SMALL),
            ft.Row([self.tone.control], wrap=True),
            ft.Text(reflection_kind.SUPPORT_CHALLENGE_QUESTION, theme_style=ft.TextThemeStyle.TITLE_SMALL),
            ends(reflection_kind.SUPPORT_LABEL, reflection_kind.CHALLENGE_LABEL),
            self.support.control,
        ]
        self.quick_scales = ft.ExpansionTile(
            title=ft.Text(QUICK_SCALES_TITLE),
            subtitle=ft.Text("Optional, one tap each"),
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
            body("Just for you, unless you choose to bring it. Skip anything you like.", muted=True),
            self.met,
            small(reflection_kind.MET_HINT),
            self.missed,
            small(reflection_kind.MISSED_HINT),
            self.note,
            ft.Row([self.pleasing.control], wrap=True),
            small(reflection_kind.PLEASING_HINT),
            self.quick_scales,
            self.error,
            ft.Row([primary_button("Save reflection", self._save)]),
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
            show_error(self.error, "Nothing to save yet. Answer any one question, or just go back.")
            self.ctl.page.update()
            return
        await asyncio.to_thread(self.stores.reflections.add, value)
        self.ctl.toast("Reflection saved.")
        await self.ctl.back()
