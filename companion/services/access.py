"""Opening, creating and unlocking a journal: the only place the UI's shell meets `Vault`.

This module (and with it SQLModel and SQLAlchemy, most of the start-up cost) is imported in the
background while the first screen is already showing, so a person sees the app at once.
"""

from __future__ import annotations

from pathlib import Path

from companion.adapters.paths import ensure_private_dir
from companion.services.stores import Stores
from companion.vault.unlock_guard import guard_for
from companion.vault.vault import DeviceUnlockState, Vault


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


# --- unlock with fingerprint or face (services/device_unlock.py holds the journey) -----------


def device_unlock_status(path: Path, *, boot_us: int | None) -> DeviceUnlockState:
    """Whether the unlock screen may offer fingerprint or face now (read without unlocking)."""
    return Vault.device_unlock_status(path, boot_us=boot_us)


def unlock_with_device(path: Path, key_id: str, secret: bytes, *, boot_us: int | None) -> Stores:
    """The journal's stores, opened with the device key; `PassphraseNeeded` says why not."""
    vault = Vault.unlock_with_device(path, key_id, secret, boot_us=boot_us)
    try:
        return Stores.open(vault)
    except BaseException:
        vault.lock()
        raise


def note_device_failure(path: Path) -> bool:
    """A fingerprint or face not recognised; True when that turned the device unlock off."""
    return Vault.note_device_failure(path)


def remove_device_wrap(path: Path) -> None:
    """The phone lost its key: the wrap it belonged to can never open anything, so it goes."""
    Vault.remove_device_wrap(path)
