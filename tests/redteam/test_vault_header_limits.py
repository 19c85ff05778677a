"""A crafted journal header must be refused in plain words, before any key derivation.

Findings: the header's Argon2id settings had no upper bound (4 GiB of memory per unlock was
accepted; 2**32 raised an error nobody caught), and an unknown vault format opened as if known.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE, create_vault

from companion.core.errors import CompanionError, VaultDamaged
from companion.vault import crypto, unlock_guard
from companion.vault.vault import Vault

GOOD = {"algorithm": "argon2id", "iterations": 3, "lanes": 4, "memory_kib": 65536}


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(unlock_guard, "_guards", {})
    vault = create_vault(tmp_path)
    vault.lock()
    return vault.path


@pytest.fixture
def no_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a hostile header must be refused before key derivation")

    monkeypatch.setattr(crypto, "derive_passphrase_key", refuse)


def _set_header(path: Path, column: str, value: object) -> None:
    con = sqlite3.connect(path)
    con.execute(f"UPDATE vault_header SET {column} = ?", (value,))
    con.commit()
    con.close()


@pytest.mark.parametrize(
    "change",
    [
        {"memory_kib": 4 * 1024 * 1024},  # 4 GiB per unlock
        {"memory_kib": 2**32},
        {"iterations": 2**32},
        {"lanes": 2**32},
        {"iterations": 100_000},
        {"lanes": 4, "memory_kib": 16},  # below Argon2's 8 KiB per lane
        {"lanes": 0},
    ],
)
def test_out_of_range_kdf_settings_are_refused(journal, no_derivation, change):
    _set_header(journal, "kdf", json.dumps(GOOD | change))
    with pytest.raises(VaultDamaged):
        Vault.unlock(journal, TEST_PASSPHRASE)


def test_kdf_number_too_large_for_a_float_is_refused(journal, no_derivation):
    _set_header(journal, "kdf", json.dumps(GOOD).replace("65536", "1e400"))
    with pytest.raises(VaultDamaged):
        Vault.unlock(journal, TEST_PASSPHRASE)


def test_journal_and_backup_share_the_same_bounds():
    from companion.export import backup

    assert backup.MAX_KDF_MEMORY_KIB == crypto.MAX_KDF_MEMORY_KIB
    assert backup.MAX_KDF_ITERATIONS == crypto.MAX_KDF_ITERATIONS
    assert backup.MAX_KDF_LANES == crypto.MAX_KDF_LANES


def test_derivation_itself_refuses_out_of_range_settings():
    with pytest.raises(ValueError):
        crypto.derive_passphrase_key(b"x", crypto.new_salt(), crypto.KdfParams(memory_kib=2**32))


def test_newer_vault_format_is_refused_in_plain_words(journal, no_derivation):
    _set_header(journal, "format", 2)
    with pytest.raises(CompanionError) as err:
        Vault.unlock(journal, TEST_PASSPHRASE)
    assert isinstance(err.value, VaultDamaged)
    assert "newer version of Companion" in str(err.value)
    assert "Nothing was changed" in str(err.value)


@pytest.mark.parametrize("value", [0, -1, "one"])
def test_nonsense_vault_format_is_damage(journal, no_derivation, value):
    _set_header(journal, "format", value)
    with pytest.raises(VaultDamaged):
        Vault.unlock(journal, TEST_PASSPHRASE)
