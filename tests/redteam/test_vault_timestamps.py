"""A record's created and updated times must not be movable by editing the file.

Finding: the timestamps sit in clear columns and were not authenticated, so someone with the
file could move an entry to another day (or make it look newer) unnoticed. Record format 2
binds both into the associated data; a moved record shows as unreadable, the rest are fine.
"""

from __future__ import annotations

import sqlite3

import pytest
from conftest import TEST_PASSPHRASE, create_vault

from companion.core.errors import RecordUnreadable
from companion.vault.unlock_guard import guard_for
from companion.vault.vault import Vault


@pytest.fixture
def journal(tmp_path):
    vault = create_vault(tmp_path)
    base_us = 1_700_000_000_000_000
    records = [vault.add("journal", {"body": f"day {n}"}, created_us=base_us + n) for n in range(4)]
    vault.lock()
    return vault.path, records


@pytest.mark.parametrize("column", ["created_at", "updated_at"])
def test_moved_timestamp_makes_only_that_record_unreadable(journal, column):
    path, records = journal
    victim = records[1]
    con = sqlite3.connect(path)
    con.execute(f"UPDATE records SET {column} = {column} - 86400000000 WHERE id = ?", (victim.id,))
    con.commit()
    con.close()
    guard_for(path).succeeded()
    vault = Vault.unlock(path, TEST_PASSPHRASE)
    try:
        with pytest.raises(RecordUnreadable):
            vault.get(victim.id)
        page = vault.list_page(limit=100)
        assert page.unreadable == [victim.id]
        assert {r.id for r in page.records} == {r.id for r in records} - {victim.id}
        assert [r.id for r in vault.search("day")] == [r.id for r in reversed(records) if r.id != victim.id]
    finally:
        vault.lock()


def test_untouched_timestamps_still_open_after_an_edit(journal):
    path, records = journal
    guard_for(path).succeeded()
    vault = Vault.unlock(path, TEST_PASSPHRASE)
    try:
        moved = vault.update(records[0].id, {"body": "moved on purpose"}, created_us=42)
        assert vault.get(moved.id) == moved
        assert moved.created_us == 42
    finally:
        vault.lock()
