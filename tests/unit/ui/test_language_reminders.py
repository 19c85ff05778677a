"""Choosing another language hands the phone's reminders over again, in the new words.

A real AppController on a stand-in page, a real journal and a fake phone scheduler: what the
phone holds after the choice is what a person would see in their notification shade.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest
from conftest import create_vault
from conftest import run_async as run
from flet.controls.context import _context_page

from companion.adapters.scheduled_notifications import FakeScheduler
from companion.core import i18n
from companion.kinds import reminders
from companion.kinds.reminders import ReminderPlan
from companion.services.stores import Stores
from companion.ui.shell.controller import AppController
from companion.ui.shell.phone import PhoneFeatures

PLAN = ReminderPlan(True, frozenset({0, 3}), ("08:30",), "warm")


class PhonePage:
    """Just enough of `ft.Page` on Android for the shell: tasks are kept to run by hand."""

    width, height = 400, 800
    web = False
    platform = ft.PagePlatform.ANDROID
    theme_mode = ft.ThemeMode.SYSTEM

    def __init__(self) -> None:
        self.tasks: list[tuple[Any, tuple]] = []
        self.views = [SimpleNamespace(controls=[])]

    def update(self, *_args: Any) -> None: ...

    def show_dialog(self, _dialog: Any) -> None: ...

    def pop_dialog(self) -> None:
        return None

    def run_task(self, fn: Any, *args: Any) -> None:
        self.tasks.append((fn, args))


@pytest.fixture
def stores(tmp_path: Path):
    opened = Stores.open(create_vault(tmp_path))
    reminders.save_plan(opened.settings, PLAN)
    yield opened
    opened.close()


def test_choosing_a_language_replans_the_phones_reminders_in_it(
    stores: Stores, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "LANGUAGES", dict(i18n.ALL_LANGUAGES))
    phone = FakeScheduler()
    phone.granted = True
    page = PhonePage()

    async def choose_german() -> None:
        _context_page.set(page)  # as Flet does for every task of a session
        shell = AppController(page, tmp_path)  # type: ignore[arg-type]
        shell.phone = PhoneFeatures(scheduler=phone, version=lambda: "0.1.0")
        shell._stores = stores
        shell._build_chrome()
        await shell.go_section("journal")
        await shell._sync_reminders(stores)  # what unlocking does
        english = {alarm.body for alarm, _exact in phone.alarms.values()}
        assert english == {reminders.TONES["warm"]}
        page.tasks.clear()
        await shell.set_language("de")
        for fn, args in page.tasks:
            await fn(*args)

    run(choose_german())
    with i18n.use("de"):
        german = i18n._(reminders.TONES["warm"])
    assert german != reminders.TONES["warm"]
    assert {alarm.body for alarm, _exact in phone.alarms.values()} == {german}
    assert len(phone.alarms) == 2  # one per slot, the English ones gone
