"""Reminders while Companion is closed: keeping the phone's schedule in step with the plan.

`kinds/reminder_schedule.py` says what should be scheduled; this hands it to the phone's
scheduler (`adapters/scheduled_notifications.py`) and tidies up: called at every unlock, when
the plan changes, and with `cancel_all` when reminders go off, before delete everything and
when a demo journal opens. Between those, the phone delivers on its own, with no Companion
process running.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, tzinfo

from companion.adapters.scheduled_notifications import Scheduler, SchedulerError
from companion.core.i18n import N_, _
from companion.kinds import reminder_schedule
from companion.kinds.reminders import ReminderPlan


class Delivery(enum.Enum):
    """How reminders reach the person on this device (Settings says which, honestly)."""

    CLOSED_EXACT = "closed_exact"  # the phone delivers them, at the minute
    CLOSED_INEXACT = "closed_inexact"  # the phone delivers them, within a few minutes
    NOT_ALLOWED = "not_allowed"  # the phone's notifications are off for Companion: the banner
    IN_APP = "in_app"  # no system scheduler here: the banner while Companion is open


# The sentences below are English, marked for translation: show them through `_()` (or the
# functions after them), when they are shown.
EXPLAIN = {
    Delivery.CLOSED_EXACT: N_(
        "Your phone shows reminders at the times you chose, even while Companion is closed."
    ),
    Delivery.CLOSED_INEXACT: N_(
        "Your phone shows reminders within a few minutes of the times you chose, "
        "even while Companion is closed (it groups alarms to save battery)."
    ),
    Delivery.NOT_ALLOWED: N_(
        "Notifications are off for Companion in your phone's settings, so "
        "reminders show as a gentle banner while Companion is open. You can allow them in the "
        "phone's settings at any time."
    ),
}
CAN_REACH_CLOSED = N_(
    "On this phone, reminders can arrive even while Companion is closed, once you turn them on "
    "and allow notifications."
)
ASK_FIRST = N_(
    "So reminders can arrive while Companion is closed, your phone will ask whether Companion may "
    "show notifications. They only ever say the words you chose."
)
REFUSED = N_(
    "That's all right. Reminders will show as a gentle banner while Companion is open. You can "
    "allow notifications in your phone's settings later if you change your mind."
)


def explain(delivery: Delivery | None) -> str:
    """For Settings: how reminders reach this phone, in the current language ("" if unknown)."""
    if delivery is None:
        return _(CAN_REACH_CLOSED)
    text = EXPLAIN.get(delivery, "")
    return _(text) if text else ""


@dataclass(frozen=True)
class SyncResult:
    delivery: Delivery
    scheduled: int = 0
    cancelled: int = 0
    failed: bool = False  # the scheduler refused something: the banner still works meanwhile


async def _pending(scheduler: Scheduler) -> list[tuple[int, str]] | None:
    try:
        return [(p.id, p.tag) for p in await scheduler.pending()]
    except SchedulerError:
        return None


async def sync(
    scheduler: Scheduler,
    plan: ReminderPlan,
    *,
    now: datetime,
    zone: tzinfo,
    app_version: str,
    language: str | None = None,
) -> SyncResult:
    """Make the phone hold exactly the plan's slots, tagged with this plan, zone, version and language.

    The words go in ``language`` (None: the one speaking now, the journal's on its page); a
    language other than the one the phone holds hands every slot over again.
    Asks no questions: without notification permission nothing is scheduled (and whatever an
    earlier permission left is cancelled), and the in-app banner carries on.
    """
    if not plan.active:
        return SyncResult(Delivery.IN_APP, cancelled=await cancel_all(scheduler))
    if not await scheduler.permission(ask=False):
        return SyncResult(Delivery.NOT_ALLOWED, cancelled=await cancel_all(scheduler))
    exact = await scheduler.exact_allowed()
    slots = reminder_schedule.plan_slots(
        plan, now, zone, app_version=app_version, exact=exact, language=language
    )
    pending = await _pending(scheduler)
    change = reminder_schedule.replan(slots, pending if pending is not None else [])
    await scheduler.cancel(change.cancel)
    failed = False
    for slot in change.schedule:
        try:
            await scheduler.schedule_weekly(slot, exact=exact)
        except SchedulerError:
            failed = True
    delivery = Delivery.CLOSED_EXACT if exact else Delivery.CLOSED_INEXACT
    return SyncResult(delivery, scheduled=len(change.schedule), cancelled=len(change.cancel), failed=failed)


async def cancel_all(scheduler: Scheduler) -> int:
    """Cancel every pending reminder of ours; the number cancelled (-1: all, uncounted).

    Where the phone can't list what it holds, everything Companion scheduled is cancelled at
    once (reminders are the only notifications Companion schedules).
    """
    pending = await _pending(scheduler)
    if pending is None:
        await scheduler.cancel_everything()
        return -1
    ids = reminder_schedule.cancel_all(pending)
    await scheduler.cancel(ids)
    return len(ids)


async def turn_on(scheduler: Scheduler) -> bool:
    """The person just turned reminders on: the system question (once), True if allowed."""
    return await scheduler.permission(ask=True)
