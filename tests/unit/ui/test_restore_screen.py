"""Restoring a backup: the screen shows the plan first and writes only what was confirmed.

Driven through a fake shell and page with a real journal and real backup files behind them
(backups made with cheap key settings, so each test takes a fraction of a second).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest
from conftest import create_vault

from companion.core.kind_ids import JOURNAL
from companion.core.records import Record, now_us
from companion.export import backup
from companion.services.stores import Stores
from companion.ui.shell import routes
from companion.vault import crypto

PW = "a separate backup secret"
FAST = crypto.KdfParams(memory_kib=64, iterations=1, lanes=1)
T = now_us() - 86_400_000_000  # yesterday


class FakePage:
    width, height, web = 400, 800, True
    platform = ft.PagePlatform.LINUX
    theme_mode = ft.ThemeMode.SYSTEM

    def __init__(self) -> None:
        self.dialogs: list[ft.AlertDialog] = []

    def update(self, *_args: Any) -> None:
        pass

    def show_dialog(self, dialog: ft.AlertDialog) -> None:
        self.dialogs.append(dialog)

    def pop_dialog(self) -> None:
        if self.dialogs:
            self.dialogs.pop()


def _shell(stores: Stores) -> SimpleNamespace:
    shell = SimpleNamespace(page=FakePage(), stores=stores, auto_lock_s=300, current=None, confirms=[])
    shell.touch = lambda: None
    shell.toast = lambda *_a, **_k: None
    shell.handler = lambda fn: fn
    shell.report_error = lambda exc: (_ for _ in ()).throw(exc)
    shell.confirm = lambda *args, **_k: shell.confirms.append(args)  # the old one-button question
    return shell


def _texts(control: Any) -> list[str]:
    found: list[str] = []

    def walk(c: Any) -> None:
        if isinstance(c, ft.Text) and c.value:
            found.append(c.value)
        for name in ("content", "controls", "title", "actions"):
            child = getattr(c, name, None)
            for item in child if isinstance(child, list) else [child]:
                if isinstance(item, ft.Control):
                    walk(item)
                elif isinstance(item, str) and name == "content":
                    found.append(item)

    walk(control)
    return found


def _find(control: Any, kind: type) -> list[Any]:
    found: list[Any] = []

    def walk(c: Any) -> None:
        if isinstance(c, kind):
            found.append(c)
        for name in ("content", "controls", "actions"):
            child = getattr(c, name, None)
            for item in child if isinstance(child, list) else [child]:
                if isinstance(item, ft.Control):
                    walk(item)

    walk(control)
    return found


def _button(dialog: ft.AlertDialog, label: str) -> Any:
    (found,) = [b for b in dialog.actions if b.content == label]
    return found


@pytest.fixture
def journal(tmp_path: Path):
    vault = create_vault(tmp_path)
    vault.import_records([Record("mine", JOURNAL, T, T, {"title": "Mine", "body": "as I wrote it"})])
    stores = Stores.open(vault)
    yield stores
    stores.close()


def _backup(*records: Record) -> bytes:
    return backup.pack_backup(list(records), PW, kdf=FAST)


NEW = Record("new", JOURNAL, T, T, {"title": "From the backup", "body": "a walk"})
CHANGED = Record("mine", JOURNAL, T, T + 1_000_000, {"title": "Mine", "body": "rewritten by the file"})


def _screen(stores: Stores, data: bytes, passphrase: str = PW):
    screen = routes.make("restore_backup", _shell(stores))
    screen.build_cached()
    screen.data, screen.file_name = data, "companion-backup.companion"
    screen.button.disabled = False
    screen.passphrase.value = passphrase
    return screen


def _bodies(stores: Stores) -> dict[str, str]:
    return {r.id: r.payload.get("body") for r in stores._vault.iter_all([JOURNAL])}


def test_the_plan_is_shown_and_adding_waits_for_the_confirmation(journal: Stores) -> None:
    screen = _screen(journal, _backup(NEW, CHANGED))
    asyncio.run(screen._ask(None))
    (dialog,) = screen.ctl.page.dialogs
    words = " ".join(_texts(dialog))
    assert "This backup would add 1 item to your journal." in words
    assert "1 item already in your journal is different in the backup" in words
    assert "Also replace 1 changed entry with the backup's version" in words
    (box,) = _find(dialog, ft.Checkbox)
    assert box.value is False  # replacing is never the default
    assert _bodies(journal) == {"mine": "as I wrote it"}  # nothing written yet
    asyncio.run(_button(dialog, "Add what's missing").on_click(None))
    assert screen.ctl.page.dialogs == []
    assert _bodies(journal) == {"mine": "as I wrote it", "new": "a walk"}
    assert screen.result.visible
    assert "Restored: 1 item added" in screen.result.content.value
    assert "your version was kept" in screen.result.content.value
    assert screen.passphrase.value == ""


def test_ticking_replace_changes_the_button_and_replaces(journal: Stores) -> None:
    screen = _screen(journal, _backup(NEW, CHANGED))
    asyncio.run(screen._ask(None))
    (dialog,) = screen.ctl.page.dialogs
    (box,) = _find(dialog, ft.Checkbox)
    box.value = True
    asyncio.run(box.on_change(ft.ControlEvent(control=box, name="change", data="true")))
    asyncio.run(_button(dialog, "Add and replace 1").on_click(None))
    assert _bodies(journal) == {"mine": "rewritten by the file", "new": "a walk"}
    assert "1 brought up to date" in screen.result.content.value


def test_no_replace_choice_when_nothing_here_differs(journal: Stores) -> None:
    screen = _screen(journal, _backup(NEW))
    asyncio.run(screen._ask(None))
    (dialog,) = screen.ctl.page.dialogs
    assert _find(dialog, ft.Checkbox) == []
    assert "differ" not in " ".join(_texts(dialog))


def test_a_wrong_passphrase_is_said_before_any_question(journal: Stores) -> None:
    screen = _screen(journal, _backup(NEW), passphrase="not the backup secret")
    asyncio.run(screen._ask(None))
    assert screen.ctl.page.dialogs == []
    assert "doesn't open this backup" in screen.error.value
    assert not screen.busy.visible and not screen.button.disabled


def test_a_backup_with_nothing_new_says_so_without_asking(journal: Stores) -> None:
    mine = journal.records.get("mine")
    screen = _screen(journal, _backup(mine))
    asyncio.run(screen._ask(None))
    assert screen.ctl.page.dialogs == []
    assert screen.result.visible and "nothing new to add" in screen.result.content.value


def test_a_double_tap_on_confirm_applies_once(journal: Stores) -> None:
    screen = _screen(journal, _backup(NEW, CHANGED))
    calls: list[bool] = []
    real_apply = journal.backups.apply

    def counting_apply(plan: backup.RestorePlan, replace_changed: bool = False) -> backup.RestoreResult:
        calls.append(replace_changed)
        return real_apply(plan, replace_changed)

    journal.backups.apply = counting_apply  # type: ignore[method-assign]
    asyncio.run(screen._ask(None))
    go = _button(screen.ctl.page.dialogs[0], "Add what's missing")

    async def two_taps() -> None:
        await asyncio.gather(go.on_click(None), go.on_click(None))

    asyncio.run(two_taps())
    assert calls == [False]


def test_a_journal_locked_under_the_question_gets_nothing(journal: Stores) -> None:
    screen = _screen(journal, _backup(NEW))
    asyncio.run(screen._ask(None))
    go = _button(screen.ctl.page.dialogs[0], "Add what's missing")
    screen.ctl.stores = None  # the automatic lock
    asyncio.run(go.on_click(None))
    screen.ctl.stores = journal
    assert _bodies(journal) == {"mine": "as I wrote it"}


def test_leaving_the_screen_drops_the_plan(journal: Stores) -> None:
    screen = _screen(journal, _backup(NEW))
    asyncio.run(screen._ask(None))
    go = _button(screen.ctl.page.dialogs[0], "Add what's missing")
    asyncio.run(screen.on_leave())
    asyncio.run(go.on_click(None))
    assert _bodies(journal) == {"mine": "as I wrote it"}


def test_backups_preview_and_apply_pass_through(journal: Stores) -> None:
    plan = journal.backups.preview(_backup(NEW, CHANGED), PW)
    assert (plan.adds, plan.changes) == (1, 1)
    assert _bodies(journal) == {"mine": "as I wrote it"}
    result = journal.backups.apply(plan)
    assert (result.added, result.updated, result.kept_yours) == (1, 0, 1)
    assert journal.backups.apply(journal.backups.preview(_backup(CHANGED), PW), True).updated == 1
    assert _bodies(journal)["mine"] == "rewritten by the file"
