"""Deleted and edited text must not wait in SQLite's write-ahead log while the app runs.

Finding: `secure_delete` cleared freed pages in the main file, but the WAL kept every earlier
version of a record's page until the last connection closed. Text is encrypted, so the test
looks for the exact ciphertext bytes of the deleted (or replaced) record.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import TEST_PASSPHRASE, create_vault

from companion.vault.vault import Vault


def _ciphertext(path: Path, record_id: str) -> bytes:
    con = sqlite3.connect(path)
    try:
        (blob,) = con.execute("SELECT ciphertext FROM records WHERE id = ?", (record_id,)).fetchone()
        return blob
    finally:
        con.close()


def _on_disk(path: Path) -> dict[str, bytes]:
    files = {suffix: path.with_name(path.name + suffix) for suffix in ("", "-wal")}
    return {suffix: file.read_bytes() if file.exists() else b"" for suffix, file in files.items()}


def test_deleted_record_leaves_no_ciphertext_in_the_wal_or_file(tmp_path):
    vault = create_vault(tmp_path)
    try:
        for n in range(5):
            vault.add("journal", {"body": f"an ordinary day {n}"})
        secret = vault.add("journal", {"body": "zanzibar-marmalade, the word I want gone"})
        blob = _ciphertext(vault.path, secret.id)
        assert blob in _on_disk(vault.path)["-wal"]  # where it lingered before the fix
        vault.delete(secret.id)
        files = _on_disk(vault.path)
        assert files["-wal"] == b"", "the write-ahead log was not emptied after the delete"
        assert blob not in files[""]
        assert blob[12:40] not in files[""]  # not even part of it
    finally:
        vault.lock()


def test_locking_empties_the_wal_even_with_another_tab_open(tmp_path):
    """A second window keeps SQLite from checkpointing on close; locking must do it anyway."""
    first = create_vault(tmp_path)
    other_tab = Vault.unlock(first.path, TEST_PASSPHRASE)
    try:
        record = first.add("journal", {"body": "first draft, with a sentence I took back"})
        old_blob = _ciphertext(first.path, record.id)
        first.update(record.id, {"body": "second draft"})
        first.lock()
        files = _on_disk(first.path)
        assert files["-wal"] == b""
        assert old_blob not in files[""]
        assert other_tab.get(record.id).payload == {"body": "second draft"}
    finally:
        first.lock()
        other_tab.lock()
