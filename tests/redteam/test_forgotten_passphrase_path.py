"""The recovery-code path to a new passphrase is the ONLY way to skip the old one."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.core.errors import VaultLocked
from companion.vault.vault import Vault


def test_an_ordinary_session_cannot_set_a_passphrase_without_the_old_one(tmp_path: Path) -> None:
    """Whoever holds an unlocked journal must not be able to lock its owner out."""
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, "the owner's passphrase")
    with pytest.raises(VaultLocked):
        vault.replace_forgotten_passphrase("an intruder's passphrase")
    vault.lock()
    Vault.unlock(path, "the owner's passphrase").lock()
