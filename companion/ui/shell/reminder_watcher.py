"""The quiet check that shows a reminder while the app is open and unlocked.

Reminders are an invitation, never a score: nothing here counts, and nothing says "missed".
However long the app was closed or locked, at most one reminder shows when it comes due.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from datetime import UTC, datetime

import flet as ft

from companion.adapters.notify import BANNER_IN_BROWSER, BannerNotifier, Notifier, detect_notifier
from companion.core.i18n import _
from companion.core.localtime import local_zone
from companion.kinds import reminders as reminder_rules
from companion.ui.kit.shell import Shell


def _check_interval_s() -> float:
    """Seconds between checks; browser tests shorten it with COMPANION_REMINDER_CHECK_S."""
    try:
        value = float(os.environ.get("COMPANION_REMINDER_CHECK_S") or 30)
    except ValueError:
        value = 30.0
    return min(60.0, max(1.0, value))


class ReminderWatcher:
    """Started at unlock, stopped at lock: shows a reminder when one came due since the last look."""

    def __init__(self, ctl: Shell) -> None:
        self.ctl = ctl
        self.queue = BannerNotifier()  # the in-app fallback; system notifications go around it
        self.notifier: Notifier | None = None
        self.interval_s = _check_interval_s()
        self._since = datetime.now(UTC)
        self._task: asyncio.Task | None = None
        self._banner: ft.Banner | None = None

    def start(self) -> None:
        self._since = datetime.now(UTC)
        self._task = asyncio.create_task(self._run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.close_banner()

    async def detect(self) -> Notifier:
        """What can show reminders here (finding out may touch D-Bus, so off the UI thread)."""
        if self.notifier is None:
            page = self.ctl.page
            self.notifier = await asyncio.to_thread(
                detect_notifier, page.platform, web=bool(page.web), banner=self.queue
            )
        return self.notifier

    async def explain(self) -> str:
        if self.ctl.page.web:
            return _(BANNER_IN_BROWSER)
        return _((await self.detect()).explain)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await self.check()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - a reminder is never worth breaking the app for
                pass

    async def check(self, now: datetime | None = None) -> bool:
        """Show a reminder if one came due since the last check; True when one was handed on."""
        stores = self.ctl.stores
        now = now or datetime.now(UTC)
        since, self._since = self._since, now
        if stores is None:
            return False
        settings = stores.settings
        plan = reminder_rules.load_plan(settings)
        if not plan.active or reminder_rules.last_due(plan, since, now, local_zone()) is None:
            return False
        notifier = await self.detect()
        await asyncio.to_thread(notifier.notify, reminder_rules.TITLE, plan.message)
        waiting = self.queue.take()  # the banner, or a system notification that didn't work
        if waiting and self.ctl.stores is not None:
            self.show_banner(waiting[-1].message)
        return True

    def show_banner(self, message: str) -> None:
        self.close_banner()
        banner = ft.Banner(
            leading=ft.Icon(ft.Icons.SPA_OUTLINED, color=ft.Colors.PRIMARY),
            content=ft.Text(message, color=ft.Colors.ON_SECONDARY_CONTAINER),
            actions=[
                ft.TextButton(content=_("Check in"), on_click=self._check_in),
                ft.TextButton(content=_("Not now"), on_click=lambda _e: self.close_banner()),
            ],
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
        )
        self._banner = banner
        self.ctl.page.show_dialog(banner)

    def close_banner(self) -> None:
        banner, self._banner = self._banner, None
        if banner is not None and banner.open:
            banner.open = False
            with contextlib.suppress(Exception):  # the page may be gone already
                banner.update()

    async def _check_in(self, _e: ft.ControlEvent) -> None:
        self.close_banner()
        if self.ctl.stores is not None:
            await self.ctl.go_section("checkin")
