"""Damage and tampering: a broken record stays contained, a broken file is refused politely."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.errors import (
    CompanionError,
    RecordUnreadable,
    VaultDamaged,
    WrongPassphrase,
    WrongRecoveryCode,
)
from companion.core.records import Record
from companion.vault.unlock_guard import guard_for
from companion.vault.vault import Vault

PW = "correct horse battery staple"


def journal_content(path: Path) -> list[tuple]:
    """Every record and header byte except the unlock guard's failure count, which a wrong
    guess is meant to change (it is kept in the file so restarting doesn't reset the wait)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        header = con.execute(
            "SELECT id, format, kdf, salt, wrapped_key, recovery_salt, recovery_wrapped_key, created_at"
            " FROM vault_header"
        ).fetchall()
        return header + con.execute("SELECT * FROM records ORDER BY id").fetchall()
    finally:
        con.close()


def execute(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute(sql, params).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def ciphertext(path: Path, record_id: str) -> bytes:
    return execute(path, "SELECT ciphertext FROM records WHERE id = ?", (record_id,))[0][0]


def flip(blob: bytes, position: int, mask: int = 0x01) -> bytes:
    changed = bytearray(blob)
    changed[position] ^= mask
    return bytes(changed)


def try_unlock(path: Path, passphrase: str = PW) -> Vault:
    guard_for(path).succeeded()
    return Vault.unlock(path, passphrase)


@pytest.fixture
def journal(tmp_path):
    """A locked vault with six entries; returns its path and the records as written."""
    path = tmp_path / "journal.sqlite"
    vault, code = Vault.create(path, PW)
    records = [
        vault.add("journal", {"title": f"entry {i}", "body": f"words for day {i}"}, created_us=1_000 + i)
        for i in range(6)
    ]
    vault.lock()
    return path, code, records


def assert_only_these_unreadable(vault: Vault, records: list[Record], bad: set[str]) -> None:
    page = vault.list_page(limit=100)
    assert set(page.unreadable) == bad
    assert len(page.unreadable) == len(bad)
    good = [r for r in records if r.id not in bad]
    assert {r.id for r in page.records} == {r.id for r in good}
    for record in good:
        assert vault.get(record.id) == record
    for record_id in bad:
        with pytest.raises(RecordUnreadable) as err:
            vault.get(record_id)
        assert err.value.record_id == record_id
        assert isinstance(err.value, CompanionError)
    # Iterating and searching skip the damaged rows instead of failing.
    assert {r.id for r in vault.iter_all()} == {r.id for r in good}
    assert {r.id for r in vault.search("words")} == {r.id for r in good}


@pytest.mark.parametrize("where", ["nonce", "middle", "tag"])
def test_flipped_ciphertext_byte_affects_only_that_record(journal, where):
    path, _, records = journal
    victim = records[2]
    blob = ciphertext(path, victim.id)
    position = {"nonce": 0, "middle": len(blob) // 2, "tag": len(blob) - 1}[where]
    execute(path, "UPDATE records SET ciphertext = ? WHERE id = ?", (flip(blob, position), victim.id))
    vault = try_unlock(path)
    try:
        assert_only_these_unreadable(vault, records, {victim.id})
    finally:
        vault.lock()


@pytest.fixture(scope="module")
def open_journal(tmp_path_factory):
    path = tmp_path_factory.mktemp("tamper") / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    records = [vault.add("journal", {"body": "x" * (i * 7)}) for i in range(4)]
    yield path, vault, records
    vault.lock()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_flipped_byte_is_detected(open_journal, data):
    path, vault, records = open_journal
    victim = data.draw(st.sampled_from(records), label="victim")
    blob = ciphertext(path, victim.id)
    position = data.draw(st.integers(0, len(blob) - 1), label="position")
    mask = data.draw(st.integers(1, 255), label="mask")
    execute(path, "UPDATE records SET ciphertext = ? WHERE id = ?", (flip(blob, position, mask), victim.id))
    try:
        with pytest.raises(RecordUnreadable):
            vault.get(victim.id)
        page = vault.list_page(limit=10)
        assert page.unreadable == [victim.id]
        assert len(page.records) == len(records) - 1
    finally:
        execute(path, "UPDATE records SET ciphertext = ? WHERE id = ?", (blob, victim.id))
    assert vault.get(victim.id) == victim


def test_swapped_ciphertexts_are_both_unreadable(journal):
    path, _, records = journal
    a, b = records[1], records[4]
    blob_a, blob_b = ciphertext(path, a.id), ciphertext(path, b.id)
    execute(path, "UPDATE records SET ciphertext = ? WHERE id = ?", (blob_b, a.id))
    execute(path, "UPDATE records SET ciphertext = ? WHERE id = ?", (blob_a, b.id))
    vault = try_unlock(path)
    try:
        assert_only_these_unreadable(vault, records, {a.id, b.id})
    finally:
        vault.lock()


def test_copied_ciphertext_does_not_open_elsewhere(journal):
    path, _, records = journal
    source, target = records[0], records[5]
    execute(path, "UPDATE records SET ciphertext = ? WHERE id = ?", (ciphertext(path, source.id), target.id))
    vault = try_unlock(path)
    try:
        assert_only_these_unreadable(vault, records, {target.id})
    finally:
        vault.lock()


@pytest.mark.parametrize(
    ("column", "value"),
    [("kind", "checkin"), ("kind", "draft"), ("fmt", 1), ("fmt", 3), ("id", "0" * 32)],
)
def test_changed_clear_columns_make_the_record_unreadable(journal, column, value):
    path, _, records = journal
    victim = records[3]
    execute(path, f"UPDATE records SET {column} = ? WHERE id = ?", (value, victim.id))
    bad_id = value if column == "id" else victim.id
    vault = try_unlock(path)
    try:
        page = vault.list_page(limit=100)
        assert page.unreadable == [bad_id]
        assert {r.id for r in page.records} == {r.id for r in records} - {victim.id}
        with pytest.raises(RecordUnreadable):
            vault.get(bad_id)
    finally:
        vault.lock()


def _checkpointed(path: Path) -> bytes:
    """Fold the WAL into the main file and make sure no side files remain."""
    con = sqlite3.connect(path)
    try:
        busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            assert side.stat().st_size == 0
            side.unlink()
    return path.read_bytes()


def _open_and_list(path: Path) -> None:
    """Everything the app does right after unlocking: header, listing, search."""
    vault = try_unlock(path)
    try:
        list(vault.iter_all())
        vault.search("words")
        vault.count()
    finally:
        vault.lock()


@pytest.mark.parametrize("fraction", [0.5, 0.25])
def test_truncated_file_is_reported_as_damaged_and_left_alone(tmp_path, fraction):
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    for i in range(200):
        vault.add("journal", {"title": f"entry {i}", "body": "words " * 80})
    vault.lock()
    data = _checkpointed(path)
    assert len(data) > 100_000
    truncated = data[: int(len(data) * fraction)]
    path.write_bytes(truncated)

    with pytest.raises(VaultDamaged) as err:
        _open_and_list(path)
    assert isinstance(err.value, CompanionError)
    message = str(err.value)
    assert "damaged" in message and "sqlite" not in message.lower() and "malformed" not in message
    assert path.read_bytes() == truncated


@pytest.mark.parametrize("prefix", [b"", b"SQLite format 3\x00"])
def test_random_bytes_are_reported_as_damaged(tmp_path, prefix):
    path = tmp_path / "journal.sqlite"
    garbage = prefix + os.urandom(64 * 1024)
    path.write_bytes(garbage)
    with pytest.raises(VaultDamaged):
        _open_and_list(path)
    guard_for(path).succeeded()
    with pytest.raises(VaultDamaged):
        Vault.unlock_with_recovery(path, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    assert path.read_bytes() == garbage


@pytest.mark.parametrize("column", ["wrapped_key", "salt"])
def test_tampered_passphrase_header_is_a_wrong_passphrase(journal, column):
    path, code, records = journal
    (value,) = execute(path, f"SELECT {column} FROM vault_header")[0]
    execute(path, f"UPDATE vault_header SET {column} = ?", (flip(value, len(value) // 2),))
    before = journal_content(path)
    with pytest.raises(WrongPassphrase):
        try_unlock(path)
    assert journal_content(path) == before
    # The recovery code wraps the same key separately and still opens the journal.
    guard_for(path).succeeded()
    vault = Vault.unlock_with_recovery(path, code)
    try:
        assert [vault.get(r.id) for r in records] == records
    finally:
        vault.lock()


@pytest.mark.parametrize("column", ["recovery_wrapped_key", "recovery_salt"])
def test_tampered_recovery_header_is_a_wrong_code(journal, column):
    path, code, records = journal
    (value,) = execute(path, f"SELECT {column} FROM vault_header")[0]
    execute(path, f"UPDATE vault_header SET {column} = ?", (flip(value, 0),))
    guard_for(path).succeeded()
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery(path, code)
    vault = try_unlock(path)
    vault.lock()


@pytest.mark.parametrize(
    "kdf",
    [
        "{not json",
        '{"memory_kib": 65536}',
        '{"algorithm": "scrypt", "iterations": 3, "lanes": 4, "memory_kib": 65536}',
    ],
)
def test_tampered_kdf_header_gives_a_clear_error(journal, kdf):
    path, _, _ = journal
    execute(path, "UPDATE vault_header SET kdf = ?", (kdf,))
    with pytest.raises(CompanionError):
        try_unlock(path)
