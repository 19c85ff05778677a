"""Homework from my therapist: practices between sessions, and how they are going.

A practice is one of the things the app already does (a check-in, a breathing pause,
feedback for the therapist, or answering a writing prompt), how often, and for how long,
with an optional note in the therapist's own words. The client or the therapist sets it up.

Progress is only ever shown as what was done ("3 check-ins since 18 Nov"), never as what
was missed: homework that turns into a scorecard makes people stop opening the app.

The cards therapists hand out (files that come from outside) are read and written in
kinds/homework_card.py.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from companion.core.kind_ids import BREATHING, CHECKIN, FEEDBACK, HOMEWORK, JOURNAL
from companion.core.records import Record, now_us, to_us
from companion.core.textfit import shorten
from companion.kinds.base import RecordStore

PAYLOAD_VERSION = 1

# --- what, how often, who ------------------------------------------------------------------

# A practice names what it asks for ("what" in the payload and on cards). Three of them are
# simply the record kind that doing them saves, so they use the kind's own id (kinds are a
# stored format, fixed for ever, see core/kind_ids.py); a writing prompt is answered with a
# journal entry, so it has its own name.
PROMPT = "prompt"
WHATS: tuple[str, ...] = (CHECKIN, BREATHING, FEEDBACK, PROMPT)
WHAT_LABELS: dict[str, str] = {
    CHECKIN: "Check-in",
    BREATHING: "Breathing pause",
    FEEDBACK: "Feedback for my therapist",
    PROMPT: "Writing prompt",
}
# The record kind whose saving counts as doing the practice.
COUNTED_KIND: dict[str, str] = {
    CHECKIN: CHECKIN,
    BREATHING: BREATHING,
    FEEDBACK: FEEDBACK,
    PROMPT: JOURNAL,
}
_UNITS: dict[str, tuple[str, str]] = {
    CHECKIN: ("check-in", "check-ins"),
    BREATHING: ("breathing pause", "breathing pauses"),
    FEEDBACK: ("piece of feedback", "pieces of feedback"),
    PROMPT: ("answer", "answers"),
}

DAILY = "daily"
TIMES_A_WEEK = "times_a_week"
ON_DAYS = "on_days"
OFTEN: tuple[str, ...] = (DAILY, TIMES_A_WEEK, ON_DAYS)
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

CLIENT = "client"
THERAPIST = "therapist"

MAX_TITLE = 120
MAX_NOTE = 2000
MAX_PROMPT = 500
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
MAX_SPAN_DAYS = 5 * 366  # a practice longer than five years is surely a typing mistake

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Homework:
    what: str
    start: date
    often: str = DAILY
    times_a_week: int = 1  # used when often == TIMES_A_WEEK
    days: tuple[str, ...] = ()  # WEEKDAYS ids, used when often == ON_DAYS
    until: date | None = None  # last day, inclusive; None = until the client removes it
    prompt: str = ""  # the question, for PROMPT
    note: str = ""  # in the therapist's words
    title: str = ""
    set_by: str = CLIENT
    id: str = field(default="", compare=False)  # the record id once stored

    @property
    def label(self) -> str:
        return self.title or WHAT_LABELS.get(self.what, "Practice")

    def is_active(self, today: date) -> bool:
        return self.start <= today and (self.until is None or today <= self.until)

    def to_payload(self) -> dict[str, Any]:
        return {
            "v": PAYLOAD_VERSION,
            "what": self.what,
            "often": self.often,
            "times_a_week": self.times_a_week,
            "days": list(self.days),
            "start": self.start.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "prompt": self.prompt,
            "note": self.note,
            "title": self.title,
            "set_by": self.set_by,
        }

    @classmethod
    def from_payload(cls, data: Any, record_id: str = "") -> Homework:
        """Never raises: damaged fields read as harmless defaults."""
        if not isinstance(data, dict):
            data = {}
        what = data.get("what")
        often = data.get("often")
        times = data.get("times_a_week")
        days = data.get("days")
        return cls(
            what=what if what in WHATS else CHECKIN,
            start=stored_date(data.get("start")) or EARLIEST,
            often=often if often in OFTEN else DAILY,
            times_a_week=times if _small_int(times) else 1,
            days=tuple(d for d in WEEKDAYS if isinstance(days, list) and d in days),
            until=stored_date(data.get("until")),
            prompt=_str(data.get("prompt")),
            note=_str(data.get("note")),
            title=_str(data.get("title")),
            set_by=THERAPIST if data.get("set_by") == THERAPIST else CLIENT,
            id=record_id,
        )

    @classmethod
    def from_record(cls, record: Record) -> Homework:
        return cls.from_payload(record.payload, record.id)


def _small_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 7


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def stored_date(value: Any) -> date | None:
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


# --- cleaning and checking -----------------------------------------------------------------

# Invisible characters that reorder text (used to disguise what a line says).
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))} | {"\ufeff"}


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Remove control characters; titles become one line, notes keep their line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    kept = []
    for ch in text:
        if ch == "\n" and multiline:
            kept.append(ch)
        elif ch in "\t\n":
            kept.append(" ")
        elif unicodedata.category(ch) != "Cc" and ch not in _BIDI_CONTROLS:
            kept.append(ch)
    out = "".join(kept)
    if not multiline:
        return " ".join(out.split())
    return "\n".join(line.rstrip() for line in out.strip().split("\n"))


def problem(homework: Homework) -> str | None:
    """What is wrong with a practice, in plain words (lower case, to fit after "practice 2:"), or None."""
    if homework.what not in WHATS:
        return "choose a check-in, a breathing pause, feedback or a writing prompt"
    if len(homework.title) > MAX_TITLE:
        return f"the title is longer than {MAX_TITLE} characters"
    if len(homework.note) > MAX_NOTE:
        return f"the note is longer than {MAX_NOTE} characters"
    if len(homework.prompt) > MAX_PROMPT:
        return f"the writing prompt is longer than {MAX_PROMPT} characters"
    if homework.what == PROMPT and not homework.prompt.strip():
        return "a writing prompt needs the question to answer"
    if homework.often not in OFTEN:
        return "choose every day, a number of times a week, or particular days"
    if homework.often == TIMES_A_WEEK and not 1 <= homework.times_a_week <= 7:
        return "the number of times a week should be between 1 and 7"
    if homework.often == ON_DAYS and (not homework.days or any(d not in WEEKDAYS for d in homework.days)):
        return "choose at least one day of the week"
    if not EARLIEST <= homework.start <= LATEST:
        return "the start date doesn't look right"
    if homework.until is not None:
        if homework.until < homework.start:
            return "the last day is before the first day"
        if (homework.until - homework.start).days > MAX_SPAN_DAYS:
            return "it would run for more than five years"
    return None


def validated(homework: Homework) -> Homework:
    """The practice with its text cleaned, or ValueError with a sentence for the screen."""
    homework = replace(
        homework,
        title=clean_text(homework.title),
        prompt=clean_text(homework.prompt, multiline=True),
        note=clean_text(homework.note, multiline=True),
    )
    issue = problem(homework)
    if issue is not None:
        raise ValueError(issue[0].upper() + issue[1:] + ".")
    return homework


# --- the store -----------------------------------------------------------------------------


def _day_start_us(day: date) -> int:
    return to_us(datetime.combine(day, time.min))


class Homeworks(RecordStore[Homework]):
    """Practices inside one unlocked vault."""

    kind = HOMEWORK

    def from_record(self, record: Record) -> Homework:
        return Homework.from_record(record)

    def checked(self, homework: Homework) -> Homework:
        return validated(homework)

    def add_all(self, homeworks: Iterable[Homework]) -> list[Record]:
        """Add several (a card's practices) in one transaction: all of them or none."""
        items = [self.checked(h) for h in homeworks]
        stamp = now_us()
        records = [Record(uuid.uuid4().hex, HOMEWORK, stamp, stamp, h.to_payload()) for h in items]
        self.vault.import_records(records)
        return records

    def all(self) -> list[Homework]:
        """Newest first."""
        return [homework for _record, homework in self.pairs()]

    def active(self, today: date) -> list[Homework]:
        return [h for h in self.all() if h.is_active(today)]

    def records_between(self, homework: Homework, start: date, end: date) -> Iterator[Record]:
        """Records of the kind that counts for ``homework``, made on local days start..end."""
        cursor = None
        while True:
            page = self.vault.list_page(
                [COUNTED_KIND.get(homework.what, CHECKIN)],
                after=cursor,
                limit=500,
                start_us=_day_start_us(start),
                end_us=_day_start_us(end + timedelta(days=1)),
            )
            yield from page.records
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def progress_text(self, homework: Homework, today: date) -> str:
        end = min(today, homework.until) if homework.until else today
        records = self.records_between(homework, homework.start, end) if end >= homework.start else ()
        return progress_text(homework, records, today)


# --- progress: what was done, never what was missed ----------------------------------------


def counts(homework: Homework, record: Record) -> bool:
    """Whether saving ``record`` was doing this practice."""
    if record.kind != COUNTED_KIND.get(homework.what):
        return False
    if homework.what == PROMPT:
        return bool(homework.id) and record.payload.get("homework_id") == homework.id
    return True


def done_in_period(homework: Homework, records: Iterable[Record], start: date, end: date) -> int:
    """How many times the practice was done on local days ``start`` to ``end`` (both included)."""
    total = 0
    for record in records:
        if counts(homework, record) and start <= record.created_at.astimezone().date() <= end:
            total += 1
    return total


def _day(day: date, today: date) -> str:
    """ "18 Nov", with the year only when it isn't this year."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def progress_text(homework: Homework, records: Iterable[Record], today: date) -> str:
    """ "3 check-ins since 18 Nov": counts what was done, and is kind when that is nothing yet."""
    start = homework.start
    if today < start:
        return f"Starts {_day(start, today)}."
    ended = homework.until is not None and today > homework.until
    end = homework.until if ended and homework.until else today
    done = done_in_period(homework, records, start, end)
    one, many = _UNITS.get(homework.what, ("time", "times"))
    amount = f"{done} {one if done == 1 else many}"
    if ended and homework.until:
        if done == 0:
            return f"Ran from {_day(start, today)} to {_day(homework.until, today)}."
        return f"{amount} between {_day(start, today)} and {_day(homework.until, today)}."
    if done == 0:
        when = "today" if start == today else f"on {_day(start, today)}"
        return f"Started {when}. Whenever you're ready."
    if start == today:
        return f"{amount} today."
    return f"{amount} since {_day(start, today)}."


# --- words for people ----------------------------------------------------------------------


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe_often(homework: Homework) -> str:
    """ "every day", "3 times a week", "on Mondays and Thursdays"."""
    if homework.often == TIMES_A_WEEK:
        n = homework.times_a_week
        return {1: "once a week", 2: "twice a week"}.get(n, f"{n} times a week")
    if homework.often == ON_DAYS and homework.days:
        if len(set(homework.days)) == 7:
            return "every day"
        names = [DAY_NAMES[WEEKDAYS.index(d)] + "s" for d in WEEKDAYS if d in homework.days]
        return "on " + _join(names)
    return "every day"


def describe_dates(homework: Homework, today: date) -> str:
    start = _day(homework.start, today)
    if homework.until is None:
        return f"from {start}"
    return f"from {start} until {_day(homework.until, today)}"


def describe(homework: Homework, today: date) -> str:
    """One line: what, how often, when, and the start of any note."""
    what = WHAT_LABELS.get(homework.what, "Practice")
    if homework.what == PROMPT:
        what += f': "{shorten(homework.prompt, 100)}"'
    head = f'"{homework.title}" ({what[0].lower() + what[1:]})' if homework.title else what
    line = f"{head}, {describe_often(homework)}, {describe_dates(homework, today)}"
    if homework.note:
        line += f'. Note: "{shorten(homework.note, 100)}"'
    return line
