"""Unlock with fingerprint or face: turning it on and off, unlocking, and every way it ends.

The design (SECURITY.md, "Unlock with fingerprint or face"): a random 256-bit device key kept
in the phone's secure storage wraps the journal's data key a third time, beside the passphrase
and the recovery code. Companion reads that key only after the phone confirmed a fingerprint
or face. The passphrase is still needed

* after every restart of the phone (the phone's own start time is kept in the header),
* a week after it was last typed, and
* after 5 fingerprint/face checks in a row that weren't recognised (then the wrap is removed).

Turning it off, changing the passphrase, a full re-key, a new recovery code, delete everything
and the failure limit all remove the wrap from the header *and* the key from the phone.

Async because the phone's services are; every vault call runs in a worker thread. The storage
layer is imported only when needed (`_access`), so the first screen doesn't wait for it.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import importlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from companion.adapters.biometrics import Authenticator, Check, boot_instant_s
from companion.adapters.secure_store import ENTRY, SecureStore, SecureStoreError
from companion.core.errors import DeviceUnlockNotTurnedOn, PassphraseNeeded
from companion.core.i18n import N_, _

if TYPE_CHECKING:
    from companion.services.stores import Stores
    from companion.vault.vault import DeviceUnlockState

ACCESS_MODULE = "companion.services.access"
SECRET_BYTES = 32
# What the phone's fingerprint/face prompt says: English here, translated when asked (`_()`).
REASON_UNLOCK = N_("Open your Companion journal")
REASON_ENABLE = N_("Confirm it's you to turn on fingerprint or face unlock")


def _access() -> ModuleType:
    return importlib.import_module(ACCESS_MODULE)


@dataclass(frozen=True)
class StoredKey:
    """What the phone keeps: the wrap's id (so a key for an older wrap is known) and the key."""

    key_id: str
    secret: bytes

    def encode(self) -> str:
        return json.dumps({"v": 1, "id": self.key_id, "key": base64.b64encode(self.secret).decode()})

    @classmethod
    def decode(cls, text: str | None) -> StoredKey | None:
        """None for anything that isn't a key this version wrote (the passphrase then)."""
        if not text:
            return None
        try:
            data = json.loads(text)
            secret = base64.b64decode(data["key"], validate=True)
            key_id = data["id"]
        except (ValueError, KeyError, TypeError, binascii.Error):
            return None
        if data.get("v") != 1 or not isinstance(key_id, str) or len(secret) != SECRET_BYTES:
            return None
        return cls(key_id, secret)


def boot_us(boot: Callable[[], float | None] = boot_instant_s) -> int | None:
    instant = boot()
    return None if instant is None else int(instant * 1_000_000)


class DeviceUnlock:
    """The device key's whole life for one app; the shell holds one on phones that have it."""

    def __init__(
        self,
        store: SecureStore,
        auth: Authenticator,
        *,
        boot: Callable[[], float | None] = boot_instant_s,
    ) -> None:
        self.store = store
        self.auth = auth
        self._boot = boot

    @property
    def boot_us(self) -> int | None:
        return boot_us(self._boot)

    async def status(self, path: Path) -> DeviceUnlockState:
        """What the unlock screen may offer: the header's wrap and its rules (no prompt, no key)."""
        access = await asyncio.to_thread(_access)
        return await asyncio.to_thread(access.device_unlock_status, path, boot_us=self.boot_us)

    async def unlock(self, path: Path) -> Stores | None:
        """Ask the phone, then open with the device key; None if the person closed the dialog.

        `PassphraseNeeded` says in plain words why the passphrase is needed this time.
        """
        access = await asyncio.to_thread(_access)
        state = await asyncio.to_thread(access.device_unlock_status, path, boot_us=self.boot_us)
        if not state.usable:
            if state.reason in ("off", "failures"):
                await self.forget()
            raise PassphraseNeeded(state.reason)
        answer = await self.auth.check(_(REASON_UNLOCK))
        if answer is Check.CANCELLED:
            return None
        if answer is Check.UNAVAILABLE:
            raise PassphraseNeeded("unavailable")
        if answer is not Check.CONFIRMED:
            if await asyncio.to_thread(access.note_device_failure, path):
                await self.forget()
                raise PassphraseNeeded("failures")
            raise PassphraseNeeded("missed")
        stored = StoredKey.decode(await self.store.read(ENTRY))
        if stored is None:  # the phone lost the key (or never kept it): its wrap can't work
            await asyncio.to_thread(access.remove_device_wrap, path)
            raise PassphraseNeeded("refused")
        try:
            return await asyncio.to_thread(
                access.unlock_with_device, path, stored.key_id, stored.secret, boot_us=self.boot_us
            )
        except PassphraseNeeded as exc:
            if exc.reason in ("refused", "failures", "off"):
                await self.forget()
            raise

    async def enable(self, stores: Stores, passphrase: str) -> None:
        """Turn it on: the phone confirms, the passphrase is checked, the key is kept, the wrap made.

        `WrongPassphrase` or `DeviceUnlockNotTurnedOn` if not; the journal is then as before.
        """
        if await self.auth.check(_(REASON_ENABLE)) is not Check.CONFIRMED:
            raise DeviceUnlockNotTurnedOn("not_confirmed")
        secret = os.urandom(SECRET_BYTES)
        keys = stores.keys
        key_id = await asyncio.to_thread(keys.enable_device_unlock, passphrase, secret, boot_us=self.boot_us)
        try:
            await self.store.write(ENTRY, StoredKey(key_id, secret).encode())
        except SecureStoreError:
            await asyncio.to_thread(keys.disable_device_unlock)
            raise DeviceUnlockNotTurnedOn("not_kept") from None

    async def disable(self, stores: Stores) -> None:
        """Turn it off: the wrap leaves the header, the key leaves the phone."""
        await asyncio.to_thread(stores.keys.disable_device_unlock)
        await self.forget()

    async def is_enabled(self, stores: Stores) -> bool:
        return await asyncio.to_thread(stores.keys.device_unlock_key_id) is not None

    async def forget(self) -> None:
        """Remove the key kept on the phone (delete everything, revocations, the failure limit)."""
        await self.store.delete(ENTRY)

    async def after_passphrase_unlock(self, stores: Stores) -> None:
        """The passphrase was typed: the week and restart rules start again, or a stray key goes.

        A key left on the phone without a wrap (a crash between the two steps, a revocation
        while the phone's store was busy) is removed here, after every passphrase unlock.
        """
        keys = stores.keys
        if await asyncio.to_thread(keys.device_unlock_key_id) is None:
            await self.forget()
        else:
            await asyncio.to_thread(keys.confirm_passphrase_typed, boot_us=self.boot_us)
