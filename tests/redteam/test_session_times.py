"""Someone holding the journal file must not learn when the person sees their therapist.

Finding: a session record's clear ``created_at`` column was the session's start, including
appointments still ahead, so the file showed when (and how often) someone goes, and when the
next session is, without any passphrase. Sessions now keep the start only in the sealed payload;
the clear columns are write times, as for every other record.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import create_vault

from companion.core.kind_ids import SESSION
from companion.core.records import now_us
from companion.kinds.sessions import Session, Sessions

DAY = 24 * 3_600_000_000


def _clear_times(path: Path) -> list[tuple[str, int, int]]:
    """(kind, created_at, updated_at) of every row, read straight from the file, no key needed."""
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT kind, created_at, updated_at FROM records").fetchall()
    finally:
        con.close()


def test_no_clear_timestamp_is_an_appointment_time(tmp_path: Path) -> None:
    vault = create_vault(tmp_path)
    sessions = Sessions(vault)
    start = now_us()
    planned = [start + 2 * DAY, start + 9 * DAY, start + 16 * DAY]
    noted_next = start + 23 * DAY
    appointments = {*planned, noted_next}
    records = [sessions.add(Session(when, "Sam")) for when in planned[:-1]]
    records.append(sessions.add(Session(planned[-1], "Sam", next_us=noted_next)))
    sessions.update(records[0].id, Session(planned[0], "Sam", note="moved the hour"))
    path = vault.path
    vault.lock()
    written_by = now_us()

    rows = _clear_times(path)
    assert sum(kind == SESSION for kind, _c, _u in rows) == len(planned)
    for _kind, created, updated in rows:
        assert created not in appointments and updated not in appointments
        assert created <= written_by and updated <= written_by  # nothing in the clear lies ahead
