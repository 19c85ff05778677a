"""The reminder plan as the phone's own scheduler needs it: one repeating notification per slot.

While Companion is open, `reminders.py` decides when a reminder is due. On Android and iOS the
system can also deliver them while Companion is closed, if it is handed a schedule. This module
turns the plan (days, up to four times, the wording) into that schedule. Pure: no clock, no
platform, no Flet; the adapter (`adapters/scheduled_notifications.py`) hands the result over.

Rules, each tested with Hypothesis in tests/unit/kinds/test_reminder_schedule.py:

* **One slot per (weekday, time)**, each a notification that repeats every week at that wall
  time, with an id made from the weekday and the time. The same slot always gets the same id,
  so scheduling it again replaces it: at most one pending reminder per slot, however often
  the plan is handed over.
* **The first occurrence is in the future** and falls on a day where that wall time exists:
  a 02:30 slot on the Sunday clocks spring forward starts a week later. Later weeks follow
  the system's calendar, which moves such a time past the gap, as the in-app rule does.
  On a fall-back night the first of the two moments counts. Nothing in the past is ever
  scheduled, so there is never a catch-up of missed reminders.
* **Re-planning** compares what the system holds (ids and their tags) with the plan: stale
  slots are cancelled, and when the plan, the time zone, the app version, the exactness or the
  language changed (the tag says which plan made a notification), every slot is handed over again.
* **The words are the journal's language at planning time**: the system shows them later,
  with no Companion running to translate, so they are written into each slot in the language
  the journal speaks then (`language`, or the current one), and a new language replans.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from companion.core import i18n
from companion.core.i18n import _
from companion.kinds.reminders import TITLE, ReminderPlan

# Our notification ids: base + weekday * 10000 + hour * 100 + minute. Far from small numbers
# other notifications might use, and well inside the 32-bit ids both systems want.
ID_BASE = 7_300_000
ID_SPAN = 7 * 10_000
TAG_PREFIX = "companion-reminders:v1:"
# A first occurrence on the slot's weekday, skipping a week if the wall time falls into a
# spring-forward gap that day: never further away than this.
MAX_FIRST_DAYS = 14


@dataclass(frozen=True)
class Slot:
    """One repeating weekly reminder, as the system scheduler is given it."""

    id: int
    weekday: int  # 0 = Monday ... 6 = Sunday
    time: str  # "HH:MM", wall-clock time
    first_local: datetime  # naive: the wall-clock time of the first delivery (exists that day)
    first_at: datetime  # the same moment, aware (for checks and for the in-app text)
    zone: str | None  # IANA name for the scheduler; None: the device's own zone
    title: str
    body: str
    tag: str  # which plan made it (`fingerprint`); lets a later start see if it is current


@dataclass(frozen=True)
class Replan:
    """What to tell the system: cancel these ids, then schedule these slots."""

    cancel: tuple[int, ...]
    schedule: tuple[Slot, ...]

    @property
    def nothing_to_do(self) -> bool:
        return not self.cancel and not self.schedule


def slot_id(weekday: int, hhmm: str) -> int:
    """The notification id of one slot: stable, unique per (weekday, time), ours alone."""
    if not 0 <= weekday <= 6:
        raise ValueError("weekday goes from 0 (Monday) to 6 (Sunday)")
    hours, minutes = (int(part) for part in hhmm.split(":"))
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise ValueError(f"not a time of day: {hhmm!r}")
    return ID_BASE + weekday * 10_000 + hours * 100 + minutes


def is_reminder_id(notification_id: int) -> bool:
    """True for ids `slot_id` can make: the only pending notifications we may cancel."""
    if not ID_BASE <= notification_id < ID_BASE + ID_SPAN:
        return False
    rest = (notification_id - ID_BASE) % 10_000
    return rest // 100 <= 23 and rest % 100 <= 59


def zone_name(zone: tzinfo) -> str | None:
    """The IANA name of ``zone`` for the system scheduler, or None to let it use the device's.

    A zone read from /etc/localtime (key "localtime") or a fixed offset has no name the
    scheduler would know; the device's own zone is the same place then.
    """
    key = getattr(zone, "key", None)
    if isinstance(key, str) and (key == "UTC" or "/" in key):
        return key
    return None


def fingerprint(
    plan: ReminderPlan,
    zone: tzinfo,
    app_version: str,
    *,
    exact: bool,
    now: datetime,
    language: str | None = None,
) -> str:
    """A short tag naming everything that, when changed, means the schedule must be made again.

    It goes to the system with each notification; it holds a hash, never the plan's words.
    A zone without a name is known by its offset ``now``; ``language`` is the one the words
    are written in (None: the current one).
    """
    offset = now.astimezone(zone).utcoffset() if zone_name(zone) is None else None
    material = {
        "plan": plan.to_dict(),
        "zone": zone_name(zone) or str(offset),
        "version": app_version,
        "exact": exact,
        "language": language or i18n.current(),
    }
    digest = hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()
    return TAG_PREFIX + digest[:16]


def _wall_exists(naive: datetime, zone: tzinfo) -> bool:
    aware = naive.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


def first_occurrence(weekday: int, hhmm: str, now: datetime, zone: tzinfo) -> datetime:
    """The first moment after ``now`` that is ``hhmm`` on ``weekday`` in ``zone`` and exists there.

    Returned aware, in ``zone`` (fold=0: the first of two on a fall-back night).
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now needs a time zone (an aware datetime)")
    hours, minutes = (int(part) for part in hhmm.split(":"))
    now_utc = now.astimezone(UTC)
    today = now_utc.astimezone(zone).date()
    for offset in range(MAX_FIRST_DAYS + 1):
        day = today + timedelta(days=offset)
        if day.weekday() != weekday:
            continue
        naive = datetime(day.year, day.month, day.day, hours, minutes)
        if not _wall_exists(naive, zone):
            continue  # swallowed by a spring-forward gap this week: start a week later
        moment = naive.replace(tzinfo=zone, fold=0)
        if moment.astimezone(UTC) > now_utc:
            return moment
    raise AssertionError("no occurrence within two weeks")  # pragma: no cover - tzdata has none


def plan_slots(
    plan: ReminderPlan,
    now: datetime,
    zone: tzinfo,
    *,
    app_version: str,
    exact: bool = False,
    language: str | None = None,
) -> list[Slot]:
    """Every slot the plan asks for, by id; none when reminders are off or nothing is chosen.

    The words are in ``language`` (None: the language speaking now, the journal's on its page).
    """
    if not plan.active:
        return []
    language = language if i18n.supported(language) else i18n.current()
    with i18n.use(language):
        body = plan.message
    tag = fingerprint(plan, zone, app_version, exact=exact, now=now, language=language)
    name = zone_name(zone)
    slots = []
    for weekday in sorted(plan.weekdays):
        for hhmm in plan.times:
            first = first_occurrence(weekday, hhmm, now, zone)
            slots.append(
                Slot(
                    id=slot_id(weekday, hhmm),
                    weekday=weekday,
                    time=hhmm,
                    first_local=first.replace(tzinfo=None, fold=0),
                    first_at=first,
                    zone=name,
                    title=TITLE,
                    body=body,
                    tag=tag,
                )
            )
    return slots


def replan(wanted: Iterable[Slot], pending: Iterable[tuple[int, str]]) -> Replan:
    """From what the system holds (id, tag) to what ``wanted`` asks for.

    Ids that aren't ours (`is_reminder_id`) are never touched. If every wanted slot is pending
    with the current tag and nothing else of ours is, there is nothing to do; otherwise stale
    ones are cancelled and every wanted slot is scheduled again (same id: replaced, not added).
    """
    slots = {slot.id: slot for slot in wanted}
    ours = {nid: tag for nid, tag in pending if is_reminder_id(nid)}
    cancel = tuple(sorted(set(ours) - set(slots)))
    current = all(ours.get(nid) == slot.tag for nid, slot in slots.items())
    schedule = () if current else tuple(slots[nid] for nid in sorted(slots))
    return Replan(cancel=cancel, schedule=schedule)


def cancel_all(pending: Iterable[tuple[int, str]]) -> tuple[int, ...]:
    """Every pending reminder of ours (reminders off, delete everything, a demo journal)."""
    return tuple(sorted({nid for nid, _tag in pending if is_reminder_id(nid)}))


def describe_delivery(exact: bool) -> str:
    """How close to the chosen time a reminder arrives while Companion is closed."""
    if exact:
        return _("They arrive at the times you chose, even while Companion is closed.")
    return _(
        "They arrive within a few minutes of the times you chose, even while Companion is "
        "closed (the phone groups alarms to save battery)."
    )
