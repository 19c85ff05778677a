"""Look-and-feel choices and the in-app reminder check, without a browser."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import flet as ft
import pytest

from companion.core.localtime import local_zone
from companion.kinds import reminders
from companion.ui.kit import theme
from companion.ui.shell.reminder_watcher import ReminderWatcher


def run_async(coro):
    """asyncio.run in its own thread: the browser tests' Playwright loop may already run here."""
    import threading

    out: dict = {}

    def target() -> None:
        try:
            out["value"] = asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001 - re-raised below in the test's thread
            out["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


def test_standard_text_leaves_flutters_own_theme_alone() -> None:
    assert theme.text_theme(1.0) is None
    assert theme.light().text_theme is None


def test_larger_text_scales_every_style_and_keeps_the_colour() -> None:
    scaled = theme.text_theme(theme.TEXT_SCALES["larger"])
    assert scaled is not None
    for name, size in theme.M3_SIZES.items():
        style = getattr(scaled, name)
        assert style.size == pytest.approx(size * 1.3, abs=0.05)
        assert style.color == ft.Colors.ON_SURFACE


def test_apply_uses_saved_choices_and_ignores_junk() -> None:
    page = SimpleNamespace(theme=None, dark_theme=None, theme_mode=None)
    theme.apply_saved(page, {"theme": "dark", "text_size": "large"})
    assert page.theme_mode == ft.ThemeMode.DARK
    assert page.theme.text_theme.body_large.size == pytest.approx(16 * 1.15, abs=0.05)
    assert page.dark_theme.text_theme.body_large.size == pytest.approx(16 * 1.15, abs=0.05)
    theme.apply_saved(page, {"theme": "purple", "text_size": 3})
    assert page.theme_mode == ft.ThemeMode.SYSTEM
    assert page.theme.text_theme is None


def test_local_zone_follows_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert local_zone() == ZoneInfo("Europe/Berlin")
    monkeypatch.setenv("TZ", "Not/AZone")
    assert local_zone() is not None  # falls back quietly


# --- the reminder check --------------------------------------------------------------------------


class FakePage:
    platform = ft.PagePlatform.LINUX
    web = True

    def __init__(self) -> None:
        self.dialogs: list[Any] = []

    def show_dialog(self, dialog: Any) -> None:
        dialog.open = True
        self.dialogs.append(dialog)


class FakeSettings(dict):
    def set(self, key: str, value: Any) -> None:
        self[key] = value


def make_watcher(plan: reminders.ReminderPlan) -> tuple[ReminderWatcher, FakePage, SimpleNamespace]:
    page = FakePage()
    settings = FakeSettings()
    reminders.save_plan(settings, plan)
    ctl = SimpleNamespace(page=page, stores=SimpleNamespace(settings=settings))
    return ReminderWatcher(ctl), page, ctl


def every_day_at(moment: datetime, tone: str = "warm") -> reminders.ReminderPlan:
    local = moment.astimezone(local_zone())
    return reminders.ReminderPlan(enabled=True, times=(local.strftime("%H:%M"),), tone=tone)


def test_a_due_reminder_shows_one_gentle_banner() -> None:
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=5)
    watcher, page, _ctl = make_watcher(every_day_at(start))
    watcher._since = start - timedelta(seconds=30)

    async def run() -> list[bool]:
        return [
            await watcher.check(start - timedelta(seconds=1)),  # not yet
            await watcher.check(start + timedelta(seconds=20)),  # came due
            await watcher.check(start + timedelta(seconds=50)),  # already shown
        ]

    assert run_async(run()) == [False, True, False]
    assert len(page.dialogs) == 1
    banner = page.dialogs[0]
    assert isinstance(banner, ft.Banner)
    assert banner.content.value == reminders.TONES["warm"]
    words = " ".join(str(getattr(a, "content", "")) for a in banner.actions)
    assert "Check in" in words and "Not now" in words
    assert "miss" not in (banner.content.value + words).lower()


def test_a_long_gap_still_means_one_banner() -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    plan = reminders.ReminderPlan(enabled=True, times=("08:00", "12:00", "19:00", "21:00"))
    watcher, page, _ctl = make_watcher(plan)
    watcher._since = now - timedelta(days=3)
    assert run_async(watcher.check(now)) is True
    assert len(page.dialogs) == 1


def test_nothing_when_off_or_locked() -> None:
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=5)
    off = reminders.ReminderPlan(enabled=False, times=(start.astimezone(local_zone()).strftime("%H:%M"),))
    watcher, page, _ctl = make_watcher(off)
    watcher._since = start - timedelta(seconds=30)
    assert run_async(watcher.check(start + timedelta(seconds=5))) is False

    watcher, page, ctl = make_watcher(every_day_at(start))
    watcher._since = start - timedelta(seconds=30)
    ctl.stores = None
    assert run_async(watcher.check(start + timedelta(seconds=5))) is False
    assert page.dialogs == []


def test_closing_the_banner_on_lock() -> None:
    watcher, page, _ctl = make_watcher(reminders.ReminderPlan())
    watcher.show_banner("A moment to check in, if you'd like.")
    banner = page.dialogs[0]
    assert banner.open is True
    updates: list[bool] = []
    object.__setattr__(banner, "update", lambda: updates.append(banner.open))  # no real page here
    watcher.stop()
    assert banner.open is False and updates == [False]
