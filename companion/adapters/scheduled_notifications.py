"""Reminders the phone delivers while Companion is closed (flet-notifications).

The plan is turned into weekly slots by `kinds/reminder_schedule.py` (pure); this adapter hands
them to the system scheduler and takes them back. It knows nothing of plans: it receives
objects shaped like `Alarm` and ids to cancel. `FletScheduler` wraps flet-notifications
(Android and iOS, in a built app); `FakeScheduler` is the stand-in the tests use.

Android 12 and later let an app ring at an exact minute only if the person (or the phone)
allows it. Companion never asks for that: it schedules exactly when allowed, and otherwise
inexactly, which Android delivers within a few minutes, grouped with other alarms.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from companion.core import i18n
from companion.core.i18n import N_, _

PROBE_TIMEOUT_S = 3.0
PHONE_PLATFORMS = ("android", "ios")
CHANNEL_ID = "companion-reminders"
# What the phone's settings call the reminders' channel: marked here, translated when it is made.
CHANNEL_NAME = N_("Gentle reminders")
CHANNEL_DESCRIPTION = N_("The reminders to check in that you chose in Companion's settings.")


class SchedulerError(Exception):
    """The system scheduler refused; the in-app banner still works."""


class Alarm(Protocol):
    """One weekly reminder (`kinds.reminder_schedule.Slot` has this shape)."""

    id: int
    first_local: datetime  # naive wall-clock time of the first delivery
    zone: str | None  # IANA zone for that wall time; None: the device's
    title: str
    body: str
    tag: str


@dataclass(frozen=True)
class Pending:
    id: int
    tag: str


@runtime_checkable
class Scheduler(Protocol):
    async def permission(self, *, ask: bool) -> bool:
        """Whether notifications may show; with ``ask``, the system question comes first."""
        ...

    async def exact_allowed(self) -> bool:
        """Android 12+: may alarms ring at the exact minute? (True elsewhere.)"""
        ...

    async def pending(self) -> list[Pending]:
        """What the system holds for this app."""
        ...

    async def schedule_weekly(self, alarm: Alarm, *, exact: bool) -> None:
        """Deliver ``alarm`` every week from its first time; the same id replaces it."""
        ...

    async def cancel(self, ids: Iterable[int]) -> None: ...

    async def cancel_everything(self) -> None:
        """Every pending notification of this app (when `pending` can't be read)."""
        ...

    async def open_settings(self) -> bool:
        """The phone's settings page for Companion (to allow notifications after a no)."""
        ...


class FakeScheduler:
    """A system scheduler in memory: what is pending, what was asked, and a permission answer."""

    def __init__(self, *, allow: bool = True, exact: bool = False) -> None:
        self.allow = allow
        self.exact = exact
        self.asked = 0  # how often the system question was shown
        self.granted = False
        self.alarms: dict[int, tuple[Any, bool]] = {}  # id -> (alarm, exact)
        self.broken = False
        self.settings_opened = 0

    async def permission(self, *, ask: bool) -> bool:
        if ask and not self.granted:
            self.asked += 1
            self.granted = self.allow
        return self.granted

    async def exact_allowed(self) -> bool:
        return self.exact

    async def pending(self) -> list[Pending]:
        return [Pending(i, a.tag) for i, (a, _exact) in sorted(self.alarms.items())]

    async def schedule_weekly(self, alarm: Alarm, *, exact: bool) -> None:
        if self.broken:
            raise SchedulerError("the scheduler refused")
        self.alarms[alarm.id] = (alarm, exact)

    async def cancel(self, ids: Iterable[int]) -> None:
        for nid in ids:
            self.alarms.pop(nid, None)

    async def cancel_everything(self) -> None:
        self.alarms.clear()

    async def open_settings(self) -> bool:
        self.settings_opened += 1
        return True


def _platform_name(platform: Any) -> str:
    return str(getattr(platform, "value", platform) or "").strip().lower()


class FletScheduler:
    """flet-notifications (flutter_local_notifications) with Companion's quiet settings.

    Reminders go on their own Android channel at default importance (a sound the phone's own
    settings decide, no pop-over), private on the lock screen only in what the words say,
    which never mention the journal. Permission is asked through the same service, so the
    Android 13 question and the iOS one are the system's own.
    """

    def __init__(self, service: Any | None = None, permissions: Any | None = None) -> None:
        if service is None:
            from flet_notifications import LocalNotifications

            # iOS asks for permission when the service starts unless told not to: Companion
            # asks only when the person turns reminders on.
            service = LocalNotifications(
                request_alert_permission=False,
                request_sound_permission=False,
                request_badge_permission=False,
            )
            if permissions is None:
                from flet_permission_handler import PermissionHandler

                permissions = PermissionHandler()
        self._service = service
        # flet-permission-handler, only to open the phone's settings page for Companion. The
        # question itself goes through flutter_local_notifications, which needs no extra iOS
        # build flags (permission_handler's notification support does).
        self._permissions = permissions
        self._channel_language: str | None = None  # the language the channel was named in

    async def works(self) -> bool:
        try:
            await asyncio.wait_for(self._service.are_notifications_enabled(), PROBE_TIMEOUT_S)
        except Exception:  # noqa: BLE001 - no extension in this client, or no answer
            return False
        return True

    async def permission(self, *, ask: bool) -> bool:
        try:
            if ask:
                return bool(await self._service.request_permissions())
            return bool(await self._service.are_notifications_enabled())
        except Exception:  # noqa: BLE001 - can't tell counts as not allowed: the banner stays
            return False

    async def exact_allowed(self) -> bool:
        try:
            return bool(await self._service.can_schedule_exact_notifications())
        except Exception:  # noqa: BLE001 - iOS has no such rule; anywhere else: be inexact
            return False

    async def pending(self) -> list[Pending]:
        try:
            found = await self._service.get_pending_notifications()
        except Exception as exc:  # noqa: BLE001 - unknown state: the caller schedules everything again
            raise SchedulerError(str(exc)) from exc
        return [Pending(int(p.id), str(p.payload or "")) for p in found]

    async def _ensure_channel(self) -> None:
        """Android 8+: reminders get their own channel, named so in the phone's settings.

        Made again (same id: Android renames it) when the language has changed since.
        """
        language = i18n.current()
        if self._channel_language == language:
            return
        from flet_notifications import NotificationChannel

        try:
            await self._service.create_notification_channel(
                NotificationChannel(id=CHANNEL_ID, name=_(CHANNEL_NAME), description=_(CHANNEL_DESCRIPTION))
            )
        except Exception:  # noqa: BLE001 - iOS has no channels; Android then uses the default one
            pass
        self._channel_language = language

    async def schedule_weekly(self, alarm: Alarm, *, exact: bool) -> None:
        from flet_notifications import AndroidScheduleMode, DateTimeComponents

        await self._ensure_channel()
        modes = AndroidScheduleMode
        mode = modes.EXACT_ALLOW_WHILE_IDLE if exact else modes.INEXACT_ALLOW_WHILE_IDLE
        try:
            await self._service.schedule(
                id=alarm.id,
                when=alarm.first_local,
                title=alarm.title,
                body=alarm.body,
                payload=alarm.tag,
                match_components=DateTimeComponents.DAY_OF_WEEK_AND_TIME,
                schedule_mode=mode,
                time_zone=alarm.zone,
                channel_id=CHANNEL_ID,
            )
        except Exception as exc:  # noqa: BLE001 - the caller keeps the in-app banner
            raise SchedulerError(str(exc)) from exc

    async def cancel(self, ids: Iterable[int]) -> None:
        for nid in ids:
            try:
                await self._service.cancel(nid)
            except Exception:  # noqa: BLE001 - one stuck id must not keep the others
                continue

    async def open_settings(self) -> bool:
        if self._permissions is None:
            return False
        try:
            return bool(await self._permissions.open_app_settings())
        except Exception:  # noqa: BLE001 - no settings page to open: the sentence still says where
            return False

    async def cancel_everything(self) -> None:
        with contextlib.suppress(Exception):  # noqa: BLE001 - nothing more to try: the next sync does
            await self._service.cancel_pending()


async def detect_scheduler(platform: Any, *, web: bool) -> Scheduler | None:
    """The system scheduler on Android and iOS in a built app with the extension; else None."""
    if web or _platform_name(platform) not in PHONE_PLATFORMS:
        return None
    try:
        scheduler = FletScheduler()
    except Exception:  # noqa: BLE001 - the package is missing or can't register
        return None
    return scheduler if await scheduler.works() else None
