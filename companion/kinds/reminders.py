"""Gentle, opt-in reminders: when they are due, in the client's own time zone. Pure logic, no UI.

Reminders are off until the client turns them on, and they only ever invite: no counts, no
"you missed", no streaks. The words are also safe on a lock screen: they never mention therapy,
feelings or anything written in the journal, because a notification can be read by anyone
holding the phone.

Times are wall-clock times ("19:30") in the client's zone, so a reminder stays at 19:30 through
daylight-saving changes and travel. Two rules make that well defined:

* Spring forward: a time that doesn't exist that day (02:30 when clocks jump from 02:00 to 03:00)
  fires once, at the first moment after the gap (03:00). Skipping it would silently drop a
  reminder the client asked for; firing at the jump is the closest honest match.
* Fall back: a time that happens twice (01:30 when clocks go from 02:00 back to 01:00) fires once,
  at its first occurrence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from companion.core import localformat
from companion.core.i18n import N_, _

if TYPE_CHECKING:  # typing only: the reminder rules load before the storage layer does
    from companion.kinds.settings import Settings

SETTINGS_KEY = "reminders"
TITLE = "Companion"  # the app's name: the same in every language
# The words a reminder says, in English; `tone_text` gives them in the current language.
TONES: dict[str, str] = {
    # Translators: a reminder on the lock screen, so it never mentions therapy or feelings.
    "neutral": N_("A moment to check in, if you'd like."),
    # Translators: a reminder on the lock screen, so it never mentions therapy or feelings.
    "warm": N_("Hello. If there's room for a quiet moment, Companion is here whenever you're ready."),
    # Translators: a reminder on the lock screen, so it never mentions therapy or feelings.
    "brief": N_("Check in, if you like."),
}
TONE_LABELS: dict[str, str] = {
    # Translators: the name of a reminder's wording: plain words
    "neutral": N_("Plain"),
    # Translators: the name of a reminder's wording: warm words
    "warm": N_("Warm"),
    # Translators: the name of a reminder's wording: short words
    "brief": N_("Short"),
}
DEFAULT_TONE = "neutral"
DEFAULT_TIME = "19:00"
EVERY_DAY: frozenset[int] = frozenset(range(7))
MAX_TIMES = 4
_A_MONDAY = date(2024, 1, 1)  # day names come from the language's calendar (localformat)
# How far ahead next_fire looks: a full week plus a day covers every weekday and the wrap.
_LOOKAHEAD_DAYS = 8

TIME_HINT = N_("Please write the time as hours and minutes, like 19:30.")


def parse_time(text: str) -> str:
    """ "7:30" or " 07:30 " -> "07:30"; ValueError with words we can show the client otherwise."""
    if not isinstance(text, str):
        raise ValueError(_(TIME_HINT))
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not (hours.isdecimal() and minutes.isdecimal()) or len(hours) > 2 or len(minutes) != 2:
        raise ValueError(_(TIME_HINT))
    h, m = int(hours), int(minutes)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise ValueError(_("That time doesn't exist on a clock. Hours go from 00 to 23, minutes to 59."))
    return f"{h:02d}:{m:02d}"


def _clean_times(times: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({parse_time(t) for t in times}))


@dataclass(frozen=True)
class ReminderPlan:
    """What the client chose. Construct with any iterables; they are checked and tidied."""

    enabled: bool = False
    weekdays: frozenset[int] = EVERY_DAY  # 0 = Monday ... 6 = Sunday
    times: tuple[str, ...] = (DEFAULT_TIME,)  # "HH:MM", local wall-clock time, sorted
    tone: str = DEFAULT_TONE

    def __post_init__(self) -> None:
        days = frozenset(int(d) for d in self.weekdays)
        if any(not 0 <= d <= 6 for d in days):
            raise ValueError("Days go from Monday (0) to Sunday (6).")
        times = _clean_times(self.times)
        if len(times) > MAX_TIMES:
            raise ValueError(f"You can choose up to {MAX_TIMES} times a day.")
        if self.tone not in TONES:
            raise ValueError("Please choose how the reminder should sound.")
        object.__setattr__(self, "enabled", bool(self.enabled))
        object.__setattr__(self, "weekdays", days)
        object.__setattr__(self, "times", times)

    @property
    def message(self) -> str:
        """The reminder's words in the current language (the phone's schedule takes them at planning)."""
        return tone_text(self.tone)

    def to_dict(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "weekdays": sorted(self.weekdays),
            "times": list(self.times),
            "tone": self.tone,
        }

    @classmethod
    def from_dict(cls, data: Any) -> ReminderPlan:
        """Never raises: junk days and times are dropped, an unknown tone reads as neutral.

        Anything unreadable leaves reminders off, since a reminder nobody asked for is worse
        than a missing one.
        """
        if not isinstance(data, dict):
            return cls()
        enabled = data.get("enabled") is True
        raw_days = data.get("weekdays")
        days = EVERY_DAY
        if isinstance(raw_days, list | tuple):  # an empty list is a choice: no days
            days = frozenset(
                d for d in raw_days if isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6
            )
        raw_times = data.get("times")
        times: tuple[str, ...] = (DEFAULT_TIME,)
        if isinstance(raw_times, list | tuple):
            kept: set[str] = set()
            for t in raw_times:
                try:
                    kept.add(parse_time(t))
                except ValueError:
                    continue
            times = tuple(sorted(kept))[:MAX_TIMES]
        tone = data.get("tone")
        return cls(
            enabled=enabled,
            weekdays=days,
            times=times,
            tone=tone if isinstance(tone, str) and tone in TONES else DEFAULT_TONE,
        )

    @property
    def active(self) -> bool:
        """On, with at least one day and one time: something can actually come due."""
        return self.enabled and bool(self.weekdays) and bool(self.times)


def tone_text(tone: str) -> str:
    """What a reminder in ``tone`` says, in the current language."""
    return _(TONES.get(tone, TONES[DEFAULT_TONE]))


def tone_label(tone: str) -> str:
    """The name of ``tone`` for the Settings menu ("Plain", "Warm", "Short"), in the current language."""
    return _(TONE_LABELS.get(tone, TONE_LABELS[DEFAULT_TONE]))


def day_short(weekday: int) -> str:
    """ "Mon" ... "Sun" (0 = Monday), as the current language shortens its day names."""
    return localformat.pattern(_A_MONDAY + timedelta(days=weekday), "EEE")


def load_plan(settings: Settings) -> ReminderPlan:
    return ReminderPlan.from_dict(settings.get(SETTINGS_KEY))


def save_plan(settings: Settings, plan: ReminderPlan) -> None:
    settings.set(SETTINGS_KEY, plan.to_dict())


def describe(plan: ReminderPlan) -> str:
    """ "Every day at 19:00", "Mon, Wed and Fri at 08:00 and 19:00", or "Off" for the settings screen."""
    if not plan.enabled:
        # Translators: reminders are turned off
        return _("Off")
    if not plan.active:
        return _("On, but no days or times are chosen yet")
    if plan.weekdays == EVERY_DAY:
        # Translators: reminders on every day of the week; followed by " at 19:00"
        days = _("Every day")
    elif plan.weekdays == frozenset(range(5)):
        # Translators: reminders Monday to Friday
        days = _("Weekdays")
    elif plan.weekdays == frozenset({5, 6}):
        # Translators: reminders on Saturday and Sunday
        days = _("Weekends")
    else:
        days = _join([day_short(d) for d in sorted(plan.weekdays)])
    # Translators: when reminders come: {days} is "Every day" or "Mon, Wed and Fri", {times} is
    # "19:00" or "08:00 and 19:00".
    return _("{days} at {times}").format(days=days, times=_join(list(plan.times)))


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    # Translators: the end of a list: {items} is "Mon, Wed" or "08:00", {last} the last one.
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


# --- when ----------------------------------------------------------------------------------------


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} needs a time zone (an aware datetime)")


def _wall(hhmm: str) -> time:
    h, m = hhmm.split(":")
    return time(int(h), int(m))


def _exists(naive: datetime, tz: ZoneInfo) -> bool:
    aware = naive.replace(tzinfo=tz)
    return aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive


def _after_gap(naive: datetime, tz: ZoneInfo) -> datetime:
    """The first real moment after the spring-forward gap that swallows ``naive``.

    Inside a gap, fold=1 maps with the offset after the change (an instant before the jump) and
    fold=0 with the one before (an instant after it), so the jump lies between the two; we find
    it to the second. Works for any gap size, including a skipped day.
    """
    low = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    high = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if high < low:  # pragma: no cover - not seen in tzdata, kept for safety
        low, high = high, low
    target = high.astimezone(tz).utcoffset()
    while high - low > timedelta(seconds=1):
        mid = low + (high - low) / 2
        mid = mid.replace(microsecond=0)
        if mid.astimezone(tz).utcoffset() == target:
            high = mid
        else:
            low = mid
    return high.astimezone(tz)


def _fire_at(day: date, hhmm: str, tz: ZoneInfo) -> datetime:
    """The one instant a reminder set for ``hhmm`` fires on ``day`` (see the module rules)."""
    naive = datetime.combine(day, _wall(hhmm))
    if _exists(naive, tz):
        return naive.replace(tzinfo=tz, fold=0)  # fold=0: the first of two on a fall-back day
    return _after_gap(naive, tz)


def _day_fires(plan: ReminderPlan, day: date, tz: ZoneInfo) -> list[datetime]:
    if day.weekday() not in plan.weekdays:
        return []
    instants = {_fire_at(day, t, tz).astimezone(UTC) for t in plan.times}  # two times in one gap: once
    return [moment.astimezone(tz) for moment in sorted(instants)]


def next_fire(plan: ReminderPlan, after: datetime, tz: ZoneInfo) -> datetime | None:
    """The first reminder strictly after ``after``, in ``tz``; None when nothing can come due.

    The answer is in the client's zone so it reads naturally. To compare it with a time from
    another zone, use ``.timestamp()`` or ``.astimezone(UTC)``: Python never counts a local time
    on a fall-back night as equal to a time in another zone.
    """
    _require_aware(after, "after")
    if not plan.active:
        return None
    # Compare in UTC: Python compares two datetimes sharing a tzinfo by wall time, ignoring
    # fold, which would mix up the two 01:30s of a fall-back night.
    after_utc = after.astimezone(UTC)
    start = after_utc.astimezone(tz).date()
    for offset in range(_LOOKAHEAD_DAYS):
        for moment in _day_fires(plan, start + timedelta(days=offset), tz):
            if moment.astimezone(UTC) > after_utc:
                return moment
    return None  # pragma: no cover - an active plan always fires within a week


def fires_between(
    plan: ReminderPlan, start: datetime, end: datetime, tz: ZoneInfo, *, limit: int = 500
) -> list[datetime]:
    """Every reminder in (start, end], oldest first, at most ``limit`` of them.

    For the in-app banner: "did a reminder come due since the last check?". Start is excluded
    so a check at exactly the fire time followed by another check doesn't show it twice.
    """
    _require_aware(start, "start")
    _require_aware(end, "end")
    end_utc = end.astimezone(UTC)
    out: list[datetime] = []
    moment = next_fire(plan, start, tz)
    while moment is not None and moment.astimezone(UTC) <= end_utc and len(out) < limit:
        out.append(moment)
        moment = next_fire(plan, moment, tz)
    return out


def last_due(plan: ReminderPlan, since: datetime, now: datetime, tz: ZoneInfo) -> datetime | None:
    """The latest reminder in (since, now], or None: one gentle banner, however long the gap."""
    _require_aware(since, "since")
    _require_aware(now, "now")
    window = max(since.astimezone(UTC), now.astimezone(UTC) - timedelta(days=_LOOKAHEAD_DAYS))
    fires = fires_between(plan, window, now, tz)
    return fires[-1] if fires else None
