"""What a phone adds to the shell: fingerprint/face unlock and reminders while Companion is closed.

Found once at start (`PhoneFeatures.detect`), in the background: on Android and iOS, in a
built app that has the extensions, with a fingerprint or face enrolled. Everywhere else
(desktop, web, `flet run`) both stay None and Companion behaves exactly as before.

Tested with the adapters' fakes in tests/unit/services/test_system_reminders.py.

The shell imports this module before the first screen, so everything a phone alone needs is
imported only when it is used (on a desktop: never).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.adapters.scheduled_notifications import Scheduler
    from companion.services.device_unlock import DeviceUnlock
    from companion.services.stores import Stores
    from companion.services.system_reminders import Delivery

PHONES = ("android", "ios")


def app_version() -> str:
    """The installed version: a new one re-plans the phone's reminders (wording may change)."""
    import importlib.metadata

    try:
        return importlib.metadata.version("companion")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a bare checkout
        return "unknown"


def is_phone(platform: Any, web: bool) -> bool:
    return not web and str(getattr(platform, "value", platform) or "").lower() in PHONES


class PhoneFeatures:
    """The shell's phone-only parts; every method is a no-op where a part is missing."""

    def __init__(
        self,
        *,
        device: DeviceUnlock | None = None,
        scheduler: Scheduler | None = None,
        version: Callable[[], str] = app_version,
    ) -> None:
        self.device = device
        self.scheduler = scheduler
        self.delivery: Delivery | None = None  # what the last sync found
        self._version = version
        self._sync_lock = asyncio.Lock()

    @classmethod
    async def detect(cls, platform: Any, *, web: bool) -> PhoneFeatures:
        """What this device offers; nothing at all off a phone."""
        if not is_phone(platform, web):
            return cls()
        from companion.adapters.biometrics import detect_authenticator
        from companion.adapters.scheduled_notifications import detect_scheduler
        from companion.adapters.secure_store import detect_secure_store
        from companion.services.device_unlock import DeviceUnlock

        store, auth, scheduler = await asyncio.gather(
            detect_secure_store(platform, web=web),
            detect_authenticator(platform, web=web),
            detect_scheduler(platform, web=web),
        )
        device = DeviceUnlock(store, auth) if store is not None and auth is not None else None
        return cls(device=device, scheduler=scheduler)

    # --- reminders while closed -----------------------------------------------------------

    async def sync_reminders(self, stores: Stores, *, demo: bool) -> Delivery | None:
        """Hand the plan to the phone (a demo journal's never: it cancels them instead)."""
        if self.scheduler is None:
            return None
        from companion.core.localtime import local_zone
        from companion.kinds import reminders as reminder_rules
        from companion.services import system_reminders

        async with self._sync_lock:
            if demo:
                await system_reminders.cancel_all(self.scheduler)
                return None
            plan = await asyncio.to_thread(reminder_rules.load_plan, stores.settings)
            result = await system_reminders.sync(
                self.scheduler, plan, now=datetime.now(UTC), zone=local_zone(), app_version=self._version()
            )
            self.delivery = result.delivery if plan.active else None
            return self.delivery

    async def ask_permission(self) -> bool:
        """The system's own question, asked only when the person turns reminders on."""
        if self.scheduler is None:
            return False
        from companion.services import system_reminders

        return await system_reminders.turn_on(self.scheduler)

    async def open_settings(self) -> bool:
        return self.scheduler is not None and await self.scheduler.open_settings()

    def explain(self) -> str:
        """For Settings: which kind of reminders this device gets ("" where nothing is known yet).

        In the current language (`system_reminders.explain` translates its sentences).
        """
        if self.scheduler is None:
            return ""
        from companion.services import system_reminders

        return system_reminders.explain(self.delivery or None)

    async def cancel_reminders(self) -> None:
        if self.scheduler is not None:
            from companion.services import system_reminders

            async with self._sync_lock:
                await system_reminders.cancel_all(self.scheduler)

    # --- leaving ----------------------------------------------------------------------------

    async def forget_device_key(self) -> None:
        if self.device is not None:
            await self.device.forget()

    async def before_delete_everything(self) -> None:
        """Nothing of the journal may outlive it on the phone: its reminders, its device key."""
        await self.cancel_reminders()
        await self.forget_device_key()
        self.delivery = None


def run_soon(run_task: Callable[..., Any], fn: Callable[[], Awaitable[Any]]) -> Callable[[], None]:
    """A plain callable that starts ``fn`` on the page's loop (for hooks called from threads)."""

    def start() -> None:
        with contextlib.suppress(Exception):  # the page may be gone; the next unlock tidies up
            run_task(fn)

    return start
