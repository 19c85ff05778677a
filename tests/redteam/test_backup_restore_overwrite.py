"""Finding 5: restoring someone else's backup must not overwrite what this journal already has.

A backup is a file anyone can make with the documented format. Restored into an existing
journal it used to replace the client's settings (crisis numbers, auto-lock) and, with a
far-future ``updated_us`` on a reused id, any entry, so that even the client's own older
backup could never repair it. Now: settings never come over the journal's own, dates more
than a day ahead are refused, and existing records change only when asked to.
"""

from __future__ import annotations

from pathlib import Path

from conftest import create_vault

from companion.core.records import Record, now_us
from companion.export import backup
from companion.kinds.settings import SETTINGS, CrisisLine, Settings
from companion.vault import crypto

PW = "a long backup passphrase"
FAST = crypto.KdfParams(memory_kib=64, iterations=1, lanes=1)
YEAR_US = 366 * 24 * 3600 * 1_000_000


def _pack(records: list[Record]) -> bytes:
    return backup.pack_backup(records, PW, kdf=FAST)


def test_backup_settings_never_replace_the_journals_own(tmp_path: Path) -> None:
    vault = create_vault(tmp_path)
    settings = Settings(vault)
    settings.set_crisis_lines([CrisisLine("My crisis team", "0800 111 222", "any time")])
    settings.set("auto_lock_s", 60)
    (mine,) = vault.iter_all([SETTINGS])
    hostile = {
        "crisis_lines": [{"name": "Call me", "number": "+1 555 0100", "note": ""}],
        "auto_lock_s": 3600,
    }
    later = now_us()
    data = _pack(
        [
            Record(mine.id, SETTINGS, mine.created_us, later, hostile),  # the same id, newer
            Record("other-settings", SETTINGS, later, later, hostile),  # another id
        ]
    )
    for choice in ({}, {"replace_changed": True}):
        backup.restore_backup(vault, data, PW, **choice)
        fresh = Settings(vault)
        assert [line.number for line in fresh.crisis_lines()] == ["0800 111 222"]
        assert fresh.get("auto_lock_s") == 60
        assert vault.count([SETTINGS]) == 1


def test_backup_future_timestamps_cannot_pin_an_entry(tmp_path: Path) -> None:
    vault = create_vault(tmp_path)
    entry = vault.add("journal", {"title": "mine", "body": "what I wrote"})
    own_backup = _pack(list(vault.iter_all()))
    pinned = Record(entry.id, "journal", entry.created_us, now_us() + 50 * YEAR_US, {"body": "replaced"})
    backup.restore_backup(vault, _pack([pinned]), PW)
    assert vault.get(entry.id).payload["body"] == "what I wrote"
    result = backup.restore_backup(vault, _pack([pinned]), PW, replace_changed=True)
    assert vault.get(entry.id).payload["body"] == "what I wrote"
    assert result.left_out == 1
    assert "left out" in result.message and "Nothing in your journal was lost" in result.message
    backup.restore_backup(vault, own_backup, PW)  # the client's own backup still reads back
    assert vault.get(entry.id).payload["body"] == "what I wrote"


def test_backup_tomorrow_is_the_latest_date_accepted(tmp_path: Path) -> None:
    vault = create_vault(tmp_path)
    hour = 3600 * 1_000_000
    ok = Record("soon", "journal", now_us(), now_us() + 20 * hour, {"body": "clock a little ahead"})
    late = Record("late", "journal", now_us(), now_us() + 30 * hour, {"body": "too far ahead"})
    result = backup.restore_backup(vault, _pack([ok, late]), PW)
    assert (result.added, result.left_out) == (1, 1)
    assert {r.id for r in vault.iter_all()} == {"soon"}


def test_backup_preview_then_add_only_by_default(tmp_path: Path) -> None:
    vault = create_vault(tmp_path)
    kept = vault.add("journal", {"title": "here", "body": "this device's words"})
    check = vault.add("checkin", {"v": 1, "note": "calm"})
    t = now_us()
    data = _pack(
        [
            Record(kept.id, "journal", kept.created_us, t, {"title": "here", "body": "the backup's words"}),
            Record(check.id, "checkin", check.created_us, check.updated_us, check.payload),  # identical
            Record("new-1", "journal", t, t, {"title": "", "body": "new"}),
            Record("new-2", "checkin", t, t, {"v": 1, "note": "new"}),
        ]
    )
    contents = backup.read_backup_contents(data, PW)
    plan = backup.preview_restore(vault, contents)
    assert (plan.adds, plan.changes, plan.already_there) == (2, 1, 1)
    assert plan.changed_kinds == {"journal": 1}
    assert "add 2 items" in plan.message and "unless you choose" in plan.message
    assert vault.count() == 2  # a preview writes nothing

    result = backup.apply_restore(vault, plan)
    assert (result.added, result.updated, result.kept_yours) == (2, 0, 1)
    assert vault.get(kept.id).payload["body"] == "this device's words"

    again = backup.apply_restore(vault, backup.preview_restore(vault, contents), replace_changed=True)
    assert (again.added, again.updated) == (0, 1)
    assert vault.get(kept.id).payload["body"] == "the backup's words"
