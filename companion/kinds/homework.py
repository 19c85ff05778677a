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

from companion.core import i18n, localformat
from companion.core.i18n import N_, _, ngettext
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
    CHECKIN: N_("Check-in"),
    BREATHING: N_("Breathing pause"),
    FEEDBACK: N_("Feedback for my therapist"),
    PROMPT: N_("Writing prompt"),
}  # marked N_: show them through what_label()
# The record kind whose saving counts as doing the practice.
COUNTED_KIND: dict[str, str] = {
    CHECKIN: CHECKIN,
    BREATHING: BREATHING,
    FEEDBACK: FEEDBACK,
    PROMPT: JOURNAL,
}


def what_label(what: str) -> str:
    """The name of a practice's kind in the current language ("Check-in")."""
    # Translators: a practice between sessions, when its kind is unknown
    return _(WHAT_LABELS.get(what, N_("Practice")))


def _amount(what: str, n: int) -> str:
    """ "3 check-ins": how many times a practice was done, counted in the current language."""
    if what == CHECKIN:
        return ngettext("{n} check-in", "{n} check-ins", n).format(n=n)
    if what == BREATHING:
        return ngettext("{n} breathing pause", "{n} breathing pauses", n).format(n=n)
    if what == FEEDBACK:
        return ngettext("{n} piece of feedback", "{n} pieces of feedback", n).format(n=n)
    if what == PROMPT:
        return ngettext("{n} answer", "{n} answers", n).format(n=n)
    return ngettext("{n} time", "{n} times", n).format(n=n)


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
# The texts a practice may carry in several languages (a card can give each one as a map of
# language code -> text), with the longest each may be in any one language.
TEXT_LIMITS: dict[str, int] = {"title": MAX_TITLE, "note": MAX_NOTE, "prompt": MAX_PROMPT}
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
    # The same title, note or prompt in other languages, from a card that gave them:
    # (field, language, text) in the card's order. ``title``/``note``/``prompt`` hold the text
    # shown when none fits the current language (English if given, else the first given).
    texts: tuple[tuple[str, str, str], ...] = ()

    @property
    def label(self) -> str:
        return self.shown_title or what_label(self.what)

    def shown(self, name: str) -> str:
        """``name`` ("title", "note" or "prompt") in the current language, else the stored text."""
        language = i18n.current()
        for key, code, text in self.texts:
            if key == name and code == language:
                return text
        return str(getattr(self, name))

    @property
    def shown_title(self) -> str:
        return self.shown("title")

    @property
    def shown_note(self) -> str:
        return self.shown("note")

    @property
    def shown_prompt(self) -> str:
        return self.shown("prompt")

    def languages(self, name: str) -> dict[str, str]:
        """``name`` by language as the card gave it ({} when it was given as plain text)."""
        return {code: text for key, code, text in self.texts if key == name}

    def is_active(self, today: date) -> bool:
        return self.start <= today and (self.until is None or today <= self.until)

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
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
        if self.texts:  # only for practices from a card with several languages
            payload["texts"] = {name: self.languages(name) for name in TEXT_LIMITS if self.languages(name)}
        return payload

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
            texts=_stored_texts(data.get("texts"), data),
        )

    @classmethod
    def from_record(cls, record: Record) -> Homework:
        return cls.from_payload(record.payload, record.id)


def _small_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 7


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _stored_texts(value: Any, data: dict[str, Any]) -> tuple[tuple[str, str, str], ...]:
    """The stored texts by language; anything damaged, unknown or too long is left out, and so
    is a field whose stored text isn't one of its languages (as `validated` keeps them)."""
    if not isinstance(value, dict):
        return ()
    texts = []
    for name, limit in TEXT_LIMITS.items():
        by_language = value.get(name)
        if not isinstance(by_language, dict) or _str(data.get(name)) not in by_language.values():
            continue
        for code, text in by_language.items():
            if i18n.supported(code) and isinstance(text, str) and text and len(text) <= limit:
                texts.append((name, code, text))
    return tuple(texts)


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
    """Remove control characters and lone surrogates (no file can hold them); titles become one
    line, notes keep their line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    kept = []
    for ch in text:
        if ch == "\n" and multiline:
            kept.append(ch)
        elif ch in "\t\n":
            kept.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cs") and ch not in _BIDI_CONTROLS:
            kept.append(ch)
    out = "".join(kept)
    if not multiline:
        return " ".join(out.split())
    return "\n".join(line.rstrip() for line in out.strip().split("\n"))


def problem(homework: Homework) -> str | None:
    """What is wrong with a practice, in plain words (lower case, to fit after "practice 2:"), or None."""
    if homework.what not in WHATS:
        return _("choose a check-in, a breathing pause, feedback or a writing prompt")
    if len(homework.title) > MAX_TITLE:
        return _("the title is longer than {limit} characters").format(limit=MAX_TITLE)
    if len(homework.note) > MAX_NOTE:
        return _("the note is longer than {limit} characters").format(limit=MAX_NOTE)
    if len(homework.prompt) > MAX_PROMPT:
        return _("the writing prompt is longer than {limit} characters").format(limit=MAX_PROMPT)
    for name, code, text in homework.texts:
        if name not in TEXT_LIMITS or not i18n.supported(code):
            return _("a text is in a language Companion doesn't know")
        if len(text) > TEXT_LIMITS[name]:
            return _("a translation is longer than {limit} characters").format(limit=TEXT_LIMITS[name])
    if homework.what == PROMPT and not homework.prompt.strip():
        return _("a writing prompt needs the question to answer")
    if homework.often not in OFTEN:
        return _("choose every day, a number of times a week, or particular days")
    if homework.often == TIMES_A_WEEK and not 1 <= homework.times_a_week <= 7:
        return _("the number of times a week should be between 1 and 7")
    if homework.often == ON_DAYS and (not homework.days or any(d not in WEEKDAYS for d in homework.days)):
        return _("choose at least one day of the week")
    if not EARLIEST <= homework.start <= LATEST:
        return _("the start date doesn't look right")
    if homework.until is not None:
        if homework.until < homework.start:
            return _("the last day is before the first day")
        if (homework.until - homework.start).days > MAX_SPAN_DAYS:
            return _("it would run for more than five years")
    return None


def _clean_texts(homework: Homework) -> tuple[tuple[str, str, str], ...]:
    """The texts by language, cleaned like the plain ones, unique per field and language.

    A field whose stored text is no longer one of its languages (someone changed the title
    after the card was imported) drops its languages, so the change is what is shown.
    """
    kept: dict[tuple[str, str], str] = {}
    for entry in homework.texts:
        name, code, text = entry if len(entry) == 3 else ("", "", "")
        if not all(isinstance(part, str) for part in entry) or (name, code) in kept:
            continue
        kept[(name, code)] = clean_text(text, multiline=name != "title")
    texts = tuple((name, code, text) for (name, code), text in kept.items() if text)
    return tuple(
        t for t in texts if any(o[0] == t[0] and o[2] == getattr(homework, t[0], None) for o in texts)
    )


def validated(homework: Homework) -> Homework:
    """The practice with its text cleaned, or ValueError with a sentence for the screen."""
    homework = replace(
        homework,
        title=clean_text(homework.title),
        prompt=clean_text(homework.prompt, multiline=True),
        note=clean_text(homework.note, multiline=True),
    )
    homework = replace(homework, texts=_clean_texts(homework))
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
    if day.year == today.year:
        return localformat.pattern(day, _("d MMM"))
    return localformat.pattern(day, _("d MMM y"))


def progress_text(homework: Homework, records: Iterable[Record], today: date) -> str:
    """ "3 check-ins since 18 Nov": counts what was done, and is kind when that is nothing yet."""
    start = homework.start
    if today < start:
        return _("Starts {day}.").format(day=_day(start, today))
    ended = homework.until is not None and today > homework.until
    end = homework.until if ended and homework.until else today
    done = done_in_period(homework, records, start, end)
    amount = _amount(homework.what, done)
    if ended and homework.until:
        if done == 0:
            return _("Ran from {start} to {end}.").format(
                start=_day(start, today), end=_day(homework.until, today)
            )
        # Translators: {amount} is a count like "3 check-ins"
        return _("{amount} between {start} and {end}.").format(
            amount=amount, start=_day(start, today), end=_day(homework.until, today)
        )
    if done == 0:
        if start == today:
            return _("Started today. Whenever you're ready.")
        return _("Started on {day}. Whenever you're ready.").format(day=_day(start, today))
    if start == today:
        # Translators: {amount} is a count like "3 check-ins"
        return _("{amount} today.").format(amount=amount)
    # Translators: {amount} is a count like "3 check-ins"
    return _("{amount} since {day}.").format(amount=amount, day=_day(start, today))


# --- words for people ----------------------------------------------------------------------


# "on Mondays": one whole phrase per weekday, so each language can say it its own way.
_ON_DAY: dict[str, str] = {
    "mon": N_("on Mondays"),
    "tue": N_("on Tuesdays"),
    "wed": N_("on Wednesdays"),
    "thu": N_("on Thursdays"),
    "fri": N_("on Fridays"),
    "sat": N_("on Saturdays"),
    "sun": N_("on Sundays"),
}
# A weekday's plural, for lists ("on Mondays and Thursdays").
_DAYS_PLURAL: dict[str, str] = {
    "mon": N_("Mondays"),
    "tue": N_("Tuesdays"),
    "wed": N_("Wednesdays"),
    "thu": N_("Thursdays"),
    "fri": N_("Fridays"),
    "sat": N_("Saturdays"),
    "sun": N_("Sundays"),
}


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    # Translators: the end of a list, "Mondays, Tuesdays and Fridays"
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


def describe_often(homework: Homework) -> str:
    """ "every day", "3 times a week", "on Mondays and Thursdays"."""
    if homework.often == TIMES_A_WEEK:
        n = homework.times_a_week
        if n == 1:
            return _("once a week")
        if n == 2:
            return _("twice a week")
        return ngettext("{n} times a week", "{n} times a week", n).format(n=n)
    if homework.often == ON_DAYS and homework.days:
        if len(set(homework.days)) == 7:
            return _("every day")
        chosen = [d for d in WEEKDAYS if d in homework.days]
        if len(chosen) == 1:
            return _(_ON_DAY[chosen[0]])
        # Translators: chosen weekdays, {days} is a list like "Mondays and Thursdays"
        return _("on {days}").format(days=_join([_(_DAYS_PLURAL[d]) for d in chosen]))
    return _("every day")


def describe_dates(homework: Homework, today: date) -> str:
    start = _day(homework.start, today)
    if homework.until is None:
        return _("from {start}").format(start=start)
    return _("from {start} until {end}").format(start=start, end=_day(homework.until, today))


def describe(homework: Homework, today: date) -> str:
    """One line: what, how often, when, and the start of any note."""
    what = what_label(homework.what)
    if homework.what == PROMPT:
        # Translators: a practice's kind and its writing prompt, 'Writing prompt: "What helped?"'
        what = _('{what}: "{prompt}"').format(what=what, prompt=shorten(homework.shown_prompt, 100))
    if homework.title:
        # Translators: a practice's own name and its kind in brackets
        head = _('"{title}" ({what})').format(title=homework.shown_title, what=_lower_first(what))
    else:
        head = what
    # Translators: one line about a practice: what it is, how often, and from when
    line = _("{what}, {often}, {dates}").format(
        what=head, often=describe_often(homework), dates=describe_dates(homework, today)
    )
    if homework.note:
        # Translators: the start of a note about a practice, after its line
        line += _('. Note: "{note}"').format(note=shorten(homework.shown_note, 100))
    return line


def _lower_first(text: str) -> str:
    """English and Spanish lower the kind's first letter inside a line; German keeps its nouns."""
    if i18n.current() == "de":
        return text
    return text[0].lower() + text[1:]
