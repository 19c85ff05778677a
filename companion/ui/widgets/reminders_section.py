"""Gentle reminders: the settings section where a person chooses days, times and wording.

Reminders are an invitation, never a score: nothing here counts, and nothing says "missed".
However long the app was closed or locked, at most one reminder shows when it comes due.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from companion.core.i18n import _
from companion.kinds import reminders as reminder_rules
from companion.services.system_reminders import ASK_FIRST, REFUSED
from companion.ui.widgets.common import ChoiceMenu, error_text, icon_button, show_error, small

if TYPE_CHECKING:
    from companion.ui.kit.shell import Shell


SUGGESTED_TIMES = ("19:00", "08:30", "12:30", "21:30", "17:00")


async def store_setting(ctl: Shell, lock: asyncio.Lock, write: Callable[[], object]) -> bool:
    """Write one setting off the UI thread, one write at a time; say so gently if it fails.

    One at a time: two writes of the settings record at once can trip over each other in
    SQLite (and a tap elsewhere ends a text field's editing, so they do come together).
    """
    async with lock:
        try:
            await asyncio.to_thread(write)
        except Exception:  # noqa: BLE001 - a setting is never worth breaking the app for
            ctl.toast(_("That setting couldn't be saved just now. Please try again in a moment."))
            return False
    return True


def _shown(sentence: str) -> str:
    """The shell's sentence about reminder delivery, in the current language.

    The phone's sentences (`services.system_reminders`) are English constants; translating here
    as well is harmless for a sentence that already is (text not in the catalogue is kept).
    """
    return _(sentence) if sentence else ""


class RemindersSection:
    """Opt-in switch, days, up to four times, the wording, and what this device can do."""

    def __init__(self, ctl: Shell, lock: asyncio.Lock) -> None:
        self.ctl = ctl
        self.lock = lock
        settings = None if ctl.stores is None else ctl.stores.settings
        self.plan = (
            reminder_rules.load_plan(settings) if settings is not None else reminder_rules.ReminderPlan()
        )
        self.switch = ft.Switch(
            label=_("Remind me to check in"), value=self.plan.enabled, on_change=self._on_switch
        )
        self.days = [
            ft.Chip(
                label=ft.Text(reminder_rules.day_short(i)),
                selected=i in self.plan.weekdays,
                on_select=self._on_day,
            )
            for i in range(7)
        ]
        self.time_fields: list[ft.TextField] = []
        self.time_rows = ft.Column(spacing=8)
        self.add_time = ft.TextButton(content=_("Add a time"), icon=ft.Icons.ADD, on_click=self._on_add)
        self.times_error = error_text()
        self.tone = ChoiceMenu(
            # Translators: the menu choosing how reminders are worded ("Words: Plain")
            _("Words"),
            [(key, reminder_rules.tone_label(key)) for key in reminder_rules.TONES],
            self.plan.tone,
            self._on_tone,
        )
        self.preview = small("")
        self.summary = ft.Text("", theme_style=ft.TextThemeStyle.BODY_LARGE)
        self.device = small("")
        self.details = ft.Column(
            [
                small(_("On these days")),
                ft.Row(self.days, wrap=True, spacing=6, run_spacing=6),
                small(_("At these times (24-hour clock, like 19:30)")),
                self.time_rows,
                self.times_error,
                ft.Row([self.add_time]),
                ft.Row([self.tone.control], wrap=True),
                self.preview,
            ],
            spacing=12,
            visible=self.plan.enabled,
        )
        for value in self.plan.times:
            self._add_field(value)
        self._refresh()
        self.control = ft.Column(
            [
                ft.Row([self.switch]),
                small(
                    _(
                        "Only if you want them. A reminder is only an invitation: there is nothing "
                        "to keep up with, and the words never mention what you write."
                    )
                ),
                self.details,
                self.summary,
                self.device,
            ],
            spacing=12,
        )

    async def on_show(self) -> None:
        self.device.value = _shown(await self.ctl.reminder_delivery())
        self.ctl.page.update()

    # --- building ------------------------------------------------------------------------

    def _add_field(self, value: str) -> None:
        field = ft.TextField(
            value=value,
            width=150,
            dense=True,
            on_change=self._on_time_typed,
            on_blur=self._on_time_done,
            on_submit=self._on_time_done,
        )
        self.time_fields.append(field)
        self._relabel()

    def _relabel(self) -> None:
        rows = []
        for n, field in enumerate(self.time_fields, start=1):
            # Translators: the label of the {n}th reminder time field
            field.label = _("Time {n}").format(n=n)
            rows.append(
                ft.Row(
                    [
                        field,
                        # Translators: a button that removes the {n}th reminder time
                        icon_button(ft.Icons.CLOSE, _("Remove time {n}").format(n=n), self._remover(field)),
                    ],
                    spacing=4,
                )
            )
        self.time_rows.controls = rows
        self.add_time.disabled = len(self.time_fields) >= reminder_rules.MAX_TIMES

    def _refresh(self) -> None:
        self.details.visible = self.switch.value
        # Translators: {words} is what a reminder says; use your language's quotation marks
        self.preview.value = _("Reminders will say: “{words}”").format(
            words=reminder_rules.tone_text(self.tone.value)
        )
        if not self.plan.enabled:
            self.summary.value = _("Reminders are off.")
        else:
            # Translators: {when} is like "Every day at 19:00" or "Mon, Wed and Fri at 08:00 and 19:00"
            self.summary.value = _("Reminders: {when}.").format(when=reminder_rules.describe(self.plan))

    # --- changes -------------------------------------------------------------------------

    def _parsed_times(self, *, strict: bool) -> tuple[str, ...] | None:
        times = []
        problem = ""
        for field in self.time_fields:
            try:
                times.append(reminder_rules.parse_time(field.value or ""))
                field.error = None
            except ValueError as exc:
                problem = problem or str(exc)
                if strict:
                    # Translators: under a time field that couldn't be read: an example time
                    field.error = _("Like 19:30")
        if problem:
            show_error(self.times_error, problem if strict else "")
            return None
        show_error(self.times_error, "")
        return tuple(times)

    async def _save(self, *, strict: bool = False) -> None:
        times = self._parsed_times(strict=strict)
        if times is None:
            self._refresh()
            self.ctl.page.update()
            return
        plan = reminder_rules.ReminderPlan(
            enabled=bool(self.switch.value),
            weekdays=frozenset(i for i, chip in enumerate(self.days) if chip.selected),
            times=times,
            tone=self.tone.value,
        )
        settings = None if self.ctl.stores is None else self.ctl.stores.settings
        changed = plan != self.plan and settings is not None
        if changed and not await store_setting(
            self.ctl, self.lock, lambda: reminder_rules.save_plan(settings, plan)
        ):
            return
        turned_on = plan.enabled and not self.plan.enabled
        self.plan = plan
        self._refresh()
        self.ctl.page.update()
        if changed:
            await self._tell_the_phone(turned_on)

    async def _tell_the_phone(self, turned_on: bool) -> None:
        """On a phone: a plain sentence before the system's question (only when just turned on),
        then the plan goes to the phone's scheduler. Elsewhere nothing happens here."""
        if turned_on and self.ctl.reminders_can_reach_closed_app():
            self._explain_then_ask()
            return
        self.ctl.page.run_task(self._replan, False)

    async def _replan(self, turned_on: bool) -> None:
        allowed = await self.ctl.reminders_changed(turned_on)
        if allowed is False:
            self.ctl.toast(_(REFUSED), _("Phone settings"), self._open_phone_settings)
        self.device.value = _shown(await self.ctl.reminder_delivery())
        self.ctl.page.update()

    async def _open_phone_settings(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open_phone_settings()

    def _explain_then_ask(self) -> None:
        async def go_on(_e: ft.ControlEvent) -> None:
            self.ctl.page.pop_dialog()
            await self._replan(True)

        async def not_now(_e: ft.ControlEvent) -> None:
            self.ctl.page.pop_dialog()
            self.ctl.toast(_("Reminders will show as a gentle banner while Companion is open."))

        self.ctl.page.show_dialog(
            ft.AlertDialog(
                modal=True,
                title=ft.Text(_("Reminders while Companion is closed")),
                content=ft.Text(_(ASK_FIRST)),
                actions=[
                    ft.TextButton(content=_("Not now"), on_click=self.ctl.handler(not_now)),
                    ft.FilledButton(content=_("Continue"), on_click=self.ctl.handler(go_on)),
                ],
            )
        )

    async def _on_switch(self, _e: ft.ControlEvent) -> None:
        self.ctl.touch()
        await self._save()

    async def _on_day(self, _e: ft.ControlEvent) -> None:
        self.ctl.touch()
        await self._save()

    async def _on_tone(self, _key: str) -> None:
        self.ctl.touch()
        await self._save()

    async def _on_time_typed(self, _e: ft.ControlEvent) -> None:
        self.ctl.touch()
        await self._save()

    async def _on_time_done(self, _e: ft.ControlEvent) -> None:
        await self._save(strict=True)

    async def _on_add(self, _e: ft.ControlEvent) -> None:
        taken = {field.value for field in self.time_fields}
        suggestion = next((t for t in SUGGESTED_TIMES if t not in taken), "12:00")
        self._add_field(suggestion)
        await self._save()

    def _remover(self, field: ft.TextField):
        async def remove(_e: ft.ControlEvent) -> None:
            if field in self.time_fields:
                self.time_fields.remove(field)
                self._relabel()
                await self._save()

        return remove
