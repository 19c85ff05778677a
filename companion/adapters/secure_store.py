"""The phone's secure storage (Android Keystore, iOS Keychain) for one small secret.

"Unlock with fingerprint or face" keeps a random device key here. It wraps the journal's
data key a third time (see `vault.Vault.enable_device_unlock`), and Companion reads it only
after the phone has confirmed a fingerprint or face (`adapters.biometrics`). The key never
leaves the phone: not in backups of the journal, not in iCloud or Google backups
(this-device-only on iOS; the Android Keystore is never backed up).

`SecureStore` is the small interface; `FletSecureStore` wraps flet-secure-storage;
`MemorySecureStore` is the fake the tests use (and a failure switch to test the unhappy paths).
`detect_secure_store` offers one only on Android and iOS, in a built app that has the extension.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, Protocol, runtime_checkable

# One entry for the whole app: a journal has at most one device key at a time, and the demo
# journal never gets one. Its value names which wrap it belongs to (`DeviceKey.encode`).
ENTRY = "companion-device-unlock"
PROBE_TIMEOUT_S = 3.0
PHONE_PLATFORMS = ("android", "ios")


class SecureStoreError(Exception):
    """The platform store refused or failed; nothing was kept (callers fall back to the passphrase)."""


@runtime_checkable
class SecureStore(Protocol):
    async def read(self, key: str) -> str | None:
        """The value, or None when there is none (or it can't be read any more)."""
        ...

    async def write(self, key: str, value: str) -> None:
        """Keep ``value``; raises `SecureStoreError` if the platform refuses."""
        ...

    async def delete(self, key: str) -> None:
        """Remove ``key`` if present; never raises (a failed removal is retried next time)."""
        ...


class MemorySecureStore:
    """A dict that behaves like the platform store, for tests and for trying things out.

    ``broken = True`` makes every call fail the way a platform store can (locked Keychain,
    a Keystore key invalidated by the system).
    """

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.broken = False
        self.deleted: list[str] = []

    async def read(self, key: str) -> str | None:
        if self.broken:
            return None
        return self.values.get(key)

    async def write(self, key: str, value: str) -> None:
        if self.broken:
            raise SecureStoreError("the secure store is not available")
        self.values[key] = value

    async def delete(self, key: str) -> None:
        self.deleted.append(key)
        if not self.broken:
            self.values.pop(key, None)


def _platform_name(platform: Any) -> str:
    return str(getattr(platform, "value", platform) or "").strip().lower()


class FletSecureStore:
    """flet-secure-storage with the settings this secret needs.

    iOS: Keychain, "when passcode set, this device only": never synced or restored to another
    phone, and gone if the phone's passcode is removed. Android: Keystore-wrapped AES-GCM in the
    app's private preferences; if the Keystore key is lost the entry is reset, which only means
    the passphrase is needed again.
    """

    def __init__(self, service: Any | None = None) -> None:
        from flet_secure_storage import (
            AndroidOptions,
            IOSOptions,
            KeychainAccessibility,
            KeyCipherAlgorithm,
            SecureStorage,
            StorageCipherAlgorithm,
        )

        self._android = AndroidOptions(
            key_cipher_algorithm=KeyCipherAlgorithm.AES_GCM_NO_PADDING,
            storage_cipher_algorithm=StorageCipherAlgorithm.AES_GCM_NO_PADDING,
            shared_preferences_name="companion_device_unlock",
        )
        self._ios = IOSOptions(
            account_name="org.companionapp.companion.device-unlock",
            accessibility=KeychainAccessibility.PASSCODE,
            synchronizable=False,
        )
        self._service = service if service is not None else SecureStorage()

    async def read(self, key: str) -> str | None:
        try:
            value = await self._service.get(key, android=self._android, ios=self._ios)
        except Exception:  # noqa: BLE001 - an unreadable entry is a missing one: type the passphrase
            return None
        return value if isinstance(value, str) else None

    async def write(self, key: str, value: str) -> None:
        try:
            await self._service.set(key, value, android=self._android, ios=self._ios)
        except Exception as exc:  # noqa: BLE001 - every platform failure means "not kept"
            raise SecureStoreError(str(exc)) from exc

    async def delete(self, key: str) -> None:
        with contextlib.suppress(Exception):  # noqa: BLE001 - removal is retried after every unlock
            await self._service.remove(key, android=self._android, ios=self._ios)

    async def works(self) -> bool:
        """A round trip to the extension: False in a client without it (`flet run`, web)."""
        try:
            await asyncio.wait_for(
                self._service.contains_key(ENTRY, android=self._android, ios=self._ios), PROBE_TIMEOUT_S
            )
        except Exception:  # noqa: BLE001 - a timeout or an unknown control both mean "not here"
            return False
        return True


async def detect_secure_store(platform: Any, *, web: bool) -> SecureStore | None:
    """The platform store on Android and iOS when the built app has the extension; else None."""
    if web or _platform_name(platform) not in PHONE_PLATFORMS:
        return None
    try:
        store = FletSecureStore()
    except Exception:  # noqa: BLE001 - the package is missing or can't register: no store
        return None
    return store if await store.works() else None
