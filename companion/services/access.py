"""Opening, creating and unlocking a journal: the only place the UI's shell meets `Vault`.

This module (and with it SQLModel and SQLAlchemy, most of the start-up cost) is imported in the
background while the first screen is already showing, so a person sees the app at once.
"""

from __future__ import annotations

from pathlib import Path

from companion.adapters.paths import ensure_private_dir
from companion.services.stores import Stores
from companion.vault.unlock_guard import guard_for
from companion.vault.vault import Vault


def unlock(path: Path, secret: str, *, recovery: bool = False) -> Stores:
    """The journal's stores, or a `CompanionError` saying in plain words why not."""
    opener = Vault.unlock_with_recovery if recovery else Vault.unlock
    vault = opener(path, secret)
    try:
        stores = Stores.open(vault)
        stores.sessions.hide_old_start_times()  # journals from before session times were hidden
        return stores
    except BaseException:
        vault.lock()
        raise


def create(path: Path, passphrase: str) -> tuple[Stores, str]:
    """A new journal and its recovery code (shown once)."""
    ensure_private_dir(path.parent)  # the folder is gone after "Delete everything"
    vault, code = Vault.create(path, passphrase)
    return Stores.open(vault), code or ""


def wait_s(path: Path) -> float:
    """Seconds before the next unlock attempt is allowed (the growing wait after failures)."""
    return guard_for(path).wait_seconds()
