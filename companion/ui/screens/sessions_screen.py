"""Sessions (when, with whom, the next appointment) and the after-session reflection."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta

import flet as ft

from companion.core.errors import CompanionError
from companion.core.records import to_us
from companion.kinds import reflection as rf
from companion.kinds.reflection import Reflection
from companion.kinds.sessions import Session, Sessions, describe
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

DATE_FORMAT = "%Y-%m-%d"
TIME_FORMAT = "%H:%M"


def parse_moment(day: str, clock: str) -> datetime:
    """A local date and time typed as 2026-11-24 and 17:00 (seconds and odd spaces forgiven)."""
    day, clock = day.strip(), (clock.strip() or "00:00")
    try:
        moment = datetime.strptime(f"{day} {clock[:5]}", f"{DATE_FORMAT} {TIME_FORMAT}")
    except ValueError:
        raise ValueError("Please write the date like 2026-11-24 and the time like 17:00.") from None
    return moment.astimezone()


class SessionsScreen(Screen):
    title = "Sessions"

    def build(self) -> ft.Control:
        start = (datetime.now() + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        self.day = ft.TextField(label="Session date", value=start.strftime(DATE_FORMAT), width=170)
        self.clock = ft.TextField(label="Session time", value=start.strftime(TIME_FORMAT), width=130)
        self.label = ft.TextField(label="Therapist's name (optional)", max_length=None)
        self.next_day = ft.TextField(label="Next appointment date (optional)", width=250)
        self.next_clock = ft.TextField(label="Next appointment time", width=190)
        self.error = error_text()
        self.listing = ft.Column(spacing=4)
        return column(
            body(
                "Add your sessions, past or coming. \u201cSince my last session\u201d counts from them.",
                muted=True,
            ),
            ft.Row([self.day, self.clock], wrap=True),
            self.label,
            ft.Row([self.next_day, self.next_clock], wrap=True),
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
                    [ft.Text(describe(session))] + ([small(session.note)] if session.note else []),
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
            when = parse_moment(self.day.value or "", self.clock.value or "")
            next_us = None
            if (self.next_day.value or "").strip():
                next_us = to_us(parse_moment(self.next_day.value or "", self.next_clock.value or ""))
            session = Session(when_us=to_us(when), label=self.label.value or "", next_us=next_us)
            await asyncio.to_thread(self.sessions.add, session)
        except (ValueError, CompanionError) as exc:
            show_error(self.error, str(exc))
            self.ctl.page.update()
            return
        show_error(self.error, "")
        self.label.value = self.next_day.value = self.next_clock.value = ""
        self.ctl.toast("Session added.")
        await self._refresh()


class ReflectionScreen(Screen):
    """Two quiet minutes after a session; every question can be skipped."""

    title = "After the session"

    def __init__(self, ctl: Shell, session_id: str | None) -> None:
        super().__init__(ctl)
        self.session_id = session_id

    def build(self) -> ft.Control:
        page = self.ctl.page
        self.scales = {s.id: IntensityScale(None, page, optional=True, label=s.question) for s in rf.SCALES}
        parts: list[ft.Control] = [
            body("Just for you, unless you choose to bring it. Skip anything you like.", muted=True)
        ]
        for scale in rf.SCALES:
            parts += [
                ft.Text(scale.question, theme_style=ft.TextThemeStyle.TITLE_SMALL),
                small(f"0: {scale.low}  ·  10: {scale.high}"),
                self.scales[scale.id].control,
            ]
        self.pace = ChoiceMenu("Pace", [("", "Skip")] + list(rf.PACE.items()), "")
        self.tone = ChoiceMenu("Tone", [("", "Skip")] + list(rf.TONE.items()), "")
        self.support = IntensityScale(None, page, optional=True, label=rf.SUPPORT_CHALLENGE_QUESTION)
        self.met = ft.TextField(label=rf.MET_PROMPT, multiline=True, min_lines=2)
        self.missed = ft.TextField(label=rf.MISSED_PROMPT, multiline=True, min_lines=2)
        self.pleasing = ChoiceMenu(
            "Did I say what I thought they wanted to hear?", [("", "Skip")] + list(rf.PLEASING.items()), ""
        )
        self.note = ft.TextField(label=rf.NOTE_PROMPT, multiline=True, min_lines=2)
        self.error = error_text()
        parts += [
            ft.Text(rf.PACE_QUESTION, theme_style=ft.TextThemeStyle.TITLE_SMALL),
            ft.Row([self.pace.control], wrap=True),
            ft.Text(rf.TONE_QUESTION, theme_style=ft.TextThemeStyle.TITLE_SMALL),
            ft.Row([self.tone.control], wrap=True),
            ft.Text(rf.SUPPORT_CHALLENGE_QUESTION, theme_style=ft.TextThemeStyle.TITLE_SMALL),
            small(f"0: {rf.SUPPORT_LABEL}  ·  5: {rf.BALANCE_LABEL}  ·  10: {rf.CHALLENGE_LABEL}"),
            self.support.control,
            self.met,
            small(rf.MET_HINT),
            self.missed,
            small(rf.MISSED_HINT),
            ft.Row([self.pleasing.control], wrap=True),
            small(rf.PLEASING_HINT),
            self.note,
            self.error,
            ft.Row([primary_button("Save reflection", self._save)]),
        ]
        return column(*parts)

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
