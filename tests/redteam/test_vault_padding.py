"""Ciphertext length must not give away how long an entry is.

Finding: AES-GCM's output is exactly as long as its input, so anyone holding the file could
read each entry's length to the byte. Record format 2 pads to 256-byte steps up to 4 KiB,
then 4 KiB steps. Format 1 records (older journals) still open: see
tests/unit/vault/test_fixture_vault.py, which opens the committed vault_v1.sqlite.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import create_vault

from companion.core.errors import RecordUnreadable
from companion.vault import crypto


def _stored(path: Path, record_id: str) -> tuple[int, bytes]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT fmt, ciphertext FROM records WHERE id = ?", (record_id,)).fetchone()
    finally:
        con.close()


@pytest.fixture
def journal(tmp_path):
    vault = create_vault(tmp_path)
    yield vault
    vault.lock()


def test_short_and_longer_entries_have_the_same_ciphertext_length(journal):
    short = journal.add("journal", {"body": "x" * 10})
    longer = journal.add("journal", {"body": "y" * 200})
    assert len(_stored(journal.path, short.id)[1]) == len(_stored(journal.path, longer.id)[1])
    assert journal.get(short.id).payload == {"body": "x" * 10}
    assert journal.get(longer.id).payload == {"body": "y" * 200}


@pytest.mark.parametrize(("a", "b"), [(270, 480), (3100, 3300), (5000, 8000)])
def test_lengths_within_a_bucket_look_alike(journal, a, b):
    first = journal.add("journal", {"body": "a" * a})
    second = journal.add("journal", {"body": "b" * b})
    assert len(_stored(journal.path, first.id)[1]) == len(_stored(journal.path, second.id)[1])


def test_every_write_uses_the_padded_format(journal):
    record = journal.add("journal", {"body": "new"})
    journal.update(record.id, {"body": "edited"})
    fmt, blob = _stored(journal.path, record.id)
    assert fmt == 2
    assert (len(blob) - crypto.NONCE_BYTES - 16) % crypto.PAD_SMALL_STEP == 0


@pytest.mark.parametrize("length", [0, 1, 251, 252, 253, 4092, 4093, 10_000])
def test_padding_round_trips_and_lands_on_a_bucket(length):
    plain = bytes(range(256)) * (length // 256) + bytes(length % 256)
    padded = crypto.pad(plain)
    assert crypto.unpad(padded) == plain
    size = len(padded)
    assert size % (crypto.PAD_SMALL_STEP if size <= crypto.PAD_SMALL_LIMIT else crypto.PAD_LARGE_STEP) == 0


def test_a_padded_length_that_does_not_fit_is_unreadable_not_a_crash(journal):
    """A record whose sealed length prefix overshoots (a key bug, say) is reported, not raised."""
    record_id = "f" * 32
    aad = crypto.record_aad(record_id, "journal", 2, 1, 1)
    blob = crypto.seal(journal._aead, (10**6).to_bytes(4, "big") + b"{}", aad)
    con = sqlite3.connect(journal.path)
    con.execute(
        "INSERT INTO records (id, kind, created_at, updated_at, fmt, ciphertext)"
        " VALUES (?, 'journal', 1, 1, 2, ?)",
        (record_id, blob),
    )
    con.commit()
    con.close()
    with pytest.raises(RecordUnreadable):
        journal.get(record_id)
    assert journal.list_page(limit=10).unreadable == [record_id]
