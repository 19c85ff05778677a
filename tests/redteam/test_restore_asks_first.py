"""Finding 5, the screen's half: a backup someone hands over is shown before anything is written.

The restore screen used to ask "Add this backup to your journal?" without saying what was in
it, then restore at once. Now the file and passphrase are checked first, the screen says how
many entries would be added and how many here differ, and nothing is written until the person
confirms. "Not now" writes nothing; entries here are replaced by the file's copies only when
"Also replace ..." was ticked.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest
from conftest import create_vault

from companion.core.kind_ids import CHECKIN, JOURNAL
from companion.core.records import Record, now_us
from companion.export import backup
from companion.services.stores import Stores
from companion.ui.shell import routes
from companion.vault import crypto

PW = "a backup someone handed me"
FAST = crypto.KdfParams(memory_kib=64, iterations=1, lanes=1)
T = now_us() - 7 * 86_400_000_000
SOON = now_us() + 3_600_000_000  # an hour ahead: inside the day of clock slack a backup may have

MINE = [
    Record("diary-1", JOURNAL, T, T, {"title": "Monday", "body": "what I really felt"}),
    Record("check-1", CHECKIN, T, T, {"v": 1, "feelings": [{"word": "calm", "level": "mild"}]}),
]
# Someone else's file: two new entries, and both of mine rewritten with a newer date
HOSTILE = [
    Record("planted-1", JOURNAL, T, T, {"title": "Planted", "body": "words that aren't mine"}),
    Record("planted-2", JOURNAL, T, T, {"title": "Planted too", "body": "more"}),
    Record("diary-1", JOURNAL, T, SOON, {"title": "Monday", "body": "rewritten by someone else"}),
    Record("check-1", CHECKIN, T, SOON, {"v": 1, "feelings": [{"word": "happy", "level": "mild"}]}),
]


class _Page:
    width, height, web = 400, 800, True
    platform = ft.PagePlatform.LINUX
    theme_mode = ft.ThemeMode.SYSTEM

    def __init__(self) -> None:
        self.dialogs: list[Any] = []

    def update(self, *_args: Any) -> None:
        pass

    def show_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog)

    def pop_dialog(self) -> None:
        if self.dialogs:
            self.dialogs.pop()


def _texts(control: Any) -> str:
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
    return " ".join(found)


def _checkboxes(control: Any) -> list[ft.Checkbox]:
    found: list[ft.Checkbox] = []

    def walk(c: Any) -> None:
        if isinstance(c, ft.Checkbox):
            found.append(c)
        for name in ("content", "controls"):
            child = getattr(c, name, None)
            for item in child if isinstance(child, list) else [child]:
                if isinstance(item, ft.Control):
                    walk(item)

    walk(control)
    return found


@pytest.fixture
def setup(tmp_path: Path):
    vault = create_vault(tmp_path)
    vault.import_records(MINE)
    stores = Stores.open(vault)
    applied: list[bool] = []
    real = stores.backups.apply if hasattr(stores.backups, "apply") else None
    if real is not None:

        def counting(plan: backup.RestorePlan, replace_changed: bool = False) -> backup.RestoreResult:
            applied.append(replace_changed)
            return real(plan, replace_changed)

        stores.backups.apply = counting  # type: ignore[method-assign]
    shell = SimpleNamespace(page=_Page(), stores=stores, auto_lock_s=300, current=None, confirms=[])
    shell.touch = lambda: None
    shell.toast = lambda *_a, **_k: None
    shell.handler = lambda fn: fn
    shell.report_error = lambda exc: (_ for _ in ()).throw(exc)
    shell.confirm = lambda *args, **_k: shell.confirms.append(args)
    screen = routes.make("restore_backup", shell)
    screen.build_cached()
    screen.data = backup.pack_backup(HOSTILE, PW, kdf=FAST)
    screen.file_name = "from-a-stranger.companion"
    screen.button.disabled = False
    screen.passphrase.value = PW
    yield stores, screen, applied
    stores.close()


def _state(stores: Stores) -> list[tuple[str, str, int, Any]]:
    return sorted((r.id, r.kind, r.updated_us, r.payload) for r in stores._vault.iter_all())


def _ask(screen: Any) -> Any:
    asyncio.run(screen._ask(None))
    if screen.ctl.confirms:  # the old screen asked a one-button question; answer it as a person would
        title, text, action, on_confirm = screen.ctl.confirms[-1][:4]
        asyncio.run(on_confirm(None))
    assert len(screen.ctl.page.dialogs) == 1, "the plan must be shown in a question before writing"
    return screen.ctl.page.dialogs[0]


def _press(dialog: Any, label: str) -> None:
    (button,) = [b for b in dialog.actions if b.content == label]
    asyncio.run(button.on_click(None))


def test_the_question_says_what_would_be_added_and_changed(setup) -> None:
    stores, screen, _ = setup
    before = _state(stores)
    dialog = _ask(screen)
    words = _texts(dialog)
    assert "would add 2 items" in words
    assert "2 items already in your journal are different in the backup" in words
    assert "Also replace 2 changed entries with the backup's version" in words
    assert _state(stores) == before


def test_not_now_writes_nothing(setup) -> None:
    stores, screen, applied = setup
    before = _state(stores)
    dialog = _ask(screen)
    _press(dialog, "Not now")
    assert screen.ctl.page.dialogs == []
    assert _state(stores) == before
    assert applied == []
    # and the plan is gone: nothing can apply it later
    asyncio.run(screen._confirmed(None))
    assert _state(stores) == before


def test_changed_entries_stay_unless_replace_is_ticked(setup) -> None:
    stores, screen, applied = setup
    _press(_ask(screen), "Add what's missing")
    assert applied == [False]
    bodies = {r.id: r.payload for r in stores._vault.iter_all()}
    assert bodies["diary-1"]["body"] == "what I really felt"
    assert bodies["check-1"]["feelings"][0]["word"] == "calm"
    assert "planted-1" in bodies and "planted-2" in bodies


def test_replace_happens_only_when_chosen(setup) -> None:
    stores, screen, applied = setup
    dialog = _ask(screen)
    (box,) = _checkboxes(dialog)
    assert box.value is False
    box.value = True
    asyncio.run(box.on_change(ft.ControlEvent(control=box, name="change", data="true")))
    box.value = False  # changed their mind
    asyncio.run(box.on_change(ft.ControlEvent(control=box, name="change", data="false")))
    _press(dialog, "Add what's missing")
    assert applied == [False]
    assert {r.id: r.payload for r in stores._vault.iter_all()}["diary-1"]["body"] == "what I really felt"

    screen.passphrase.value = PW
    dialog = _ask(screen)  # the same file again: nothing new, the two changes still offered
    assert "nothing new to add" in _texts(dialog)
    (box,) = _checkboxes(dialog)
    box.value = True
    asyncio.run(box.on_change(ft.ControlEvent(control=box, name="change", data="true")))
    _press(dialog, "Add and replace 2")
    assert applied == [False, True]
    assert {r.id: r.payload for r in stores._vault.iter_all()}["diary-1"][
        "body"
    ] == "rewritten by someone else"
