"""Small counts over records: the building blocks of a summary, and of any later "Patterns" view.

Each tally is a pure function from records to a small value, so the summary, a future on-screen
view and the tests all count the same way. None of them decide *which* records count (that is
the client's choice, made in :mod:`companion.export.summary`) or how a count is worded (that is
:mod:`companion.export.summary_text`).

A strength is only ever reported when the client gave one. A body mark or a feeling whose stored
intensity is missing (or, later, ``None``) adds to how often, and says nothing about how strong:
filling in a middling default would put words in the client's mouth.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from companion.core.i18n import current as current_language
from companion.core.kind_ids import BREATHING, CHECKIN
from companion.core.records import Record, stored_number, to_datetime, to_us
from companion.kinds.breathing_log import BreathingSession
from companion.kinds.checkin import (
    FEELING_LEVELS,
    BodyMark,
    CheckIn,
    clamp_intensity,
    feeling_word,
    region_name,
    sensation_name,
)
from companion.kinds.homework import Homework, counts
from companion.reference import vocabulary as vocab

LEVEL_INTENSITY = {"mild": 3, "moderate": 6, "strong": 9}  # a feeling's level on the 0-10 line
TOP_QUALITIES_PER_REGION = 3


# --- reading what was actually given --------------------------------------------------------------


def _raw_list(record: Record, key: str) -> list[dict[str, Any]]:
    value = record.payload.get(key) if isinstance(record.payload, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def given_intensity(raw_mark: dict[str, Any]) -> int | None:
    """The 0-10 strength the client set for a body mark, or None when none was stored."""
    value = raw_mark.get("intensity")
    return None if stored_number(value) is None else clamp_intensity(value)


def given_level(raw_feeling: dict[str, Any]) -> str | None:
    """mild / moderate / strong as the client chose it, or None when no level was stored."""
    level = raw_feeling.get("level")
    return level if isinstance(level, str) and level in FEELING_LEVELS else None


# Several tallies read the same check-in; a record's content is fixed for its (id, updated time),
# so each is parsed once per counting pass instead of once per tally (Patterns over 10,000 records).
_PARSED_LIMIT = 20_000
_parsed_checkins: dict[tuple[str, int], CheckIn] = {}
_parsed_marks: dict[tuple[str, int], list[tuple[BodyMark, int | None]]] = {}


def _remember(cache: dict, key: tuple[str, int], value: Any) -> Any:
    if len(cache) >= _PARSED_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def parsed_checkin(record: Record) -> CheckIn:
    key = (record.id, record.updated_us)
    found = _parsed_checkins.get(key)
    return (
        found if found is not None else _remember(_parsed_checkins, key, CheckIn.from_payload(record.payload))
    )


def marks_of(record: Record) -> list[tuple[BodyMark, int | None]]:
    """A check-in's body marks, each with the strength the client gave (None: not given)."""
    key = (record.id, record.updated_us)
    found = _parsed_marks.get(key)
    if found is None:
        found = [(BodyMark.from_dict(raw), given_intensity(raw)) for raw in _raw_list(record, "body")]
        _remember(_parsed_marks, key, found)
    return found


def checkin_strength(record: Record) -> float | None:
    """How strong a check-in was on 0-10: its strongest given body mark, else its strongest
    given feeling (mild 3, moderate 6, strong 9); None when no strength was given at all."""
    body = [level for _mark, level in marks_of(record) if level is not None]
    if body:
        return float(max(body))
    levels = [
        LEVEL_INTENSITY[level]
        for raw in _raw_list(record, "feelings")
        if str(raw.get("word", "")).strip() and (level := given_level(raw)) is not None
    ]
    return float(max(levels)) if levels else None


def ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    """Most often first; ties keep the order they were first seen in (stable for the reader)."""
    first_seen = {key: i for i, key in enumerate(counter)}
    return sorted(counter.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))


def _labelled(counter: Counter[Any], labels: dict[Any, str]) -> list[tuple[str, int]]:
    """:func:`ranked` over stored ids, each shown by its label in the current language.

    Two ids that read the same in a language are one line (their counts added)."""
    shown: Counter[str] = Counter()
    for key, count in ranked(counter):
        shown[labels[key]] += count
    return ranked(shown)


def checkins_only(records: Iterable[Record]) -> list[Record]:
    return [r for r in records if r.kind == CHECKIN]


# --- body ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionStat:
    """One place in the body: how often it was marked and, where given, how strongly."""

    region_id: str
    name: str
    count: int
    mean_intensity: float | None  # None: no strength was given for this place
    max_intensity: int | None
    sensations: tuple[str, ...] = ()  # the most frequent qualities for this region
    rated: int = 0  # how many of the marks came with a strength

    @property
    def weight(self) -> float:
        """How much this place was felt, for shading: how often, times how strongly where known."""
        return self.count * max(1.0, self.mean_intensity or 1.0)


def _in_a_list(name: str) -> str:
    """A sensation's name inside a line ("Chest, twice; tight"): lower case, except in German,
    whose nouns keep their capital."""
    return name if current_language() == "de" else name.lower()


def _qualities(mark: BodyMark, with_own_words: bool) -> list[tuple[str, str]]:
    """A mark's qualities as stored: ("id", sensation id) for listed ones, ("own", text) for own words."""
    qualities = [("id", s) for s in mark.sensations]
    if with_own_words and mark.other.strip():
        qualities.append(("own", mark.other.strip()))
    return qualities


def _quality_label(quality: tuple[str, str]) -> str:
    kind, value = quality
    return _in_a_list(sensation_name(value)) if kind == "id" else value


def body_regions(checkins: Iterable[Record], keep_words_of: Collection[str] = ()) -> list[RegionStat]:
    """Each marked place, most often first. A mark's own words count only for ids in ``keep_words_of``."""
    counts_: Counter[str] = Counter()
    levels: dict[str, list[int]] = {}
    qualities: dict[str, Counter[tuple[str, str]]] = {}
    for record in checkins_only(checkins):
        for mark, level in marks_of(record):
            counts_[mark.region] += 1
            if level is not None:
                levels.setdefault(mark.region, []).append(level)
            bucket = qualities.setdefault(mark.region, Counter())
            bucket.update(_qualities(mark, record.id in keep_words_of))
    stats = []
    for region_id, count in counts_.items():
        given = levels.get(region_id, [])
        stats.append(
            RegionStat(
                region_id=region_id,
                name=region_name(region_id),
                count=count,
                mean_intensity=sum(given) / len(given) if given else None,
                max_intensity=max(given) if given else None,
                sensations=tuple(
                    q for q, _n in _labelled(qualities[region_id], _quality_labels(qualities[region_id]))
                )[:TOP_QUALITIES_PER_REGION],
                rated=len(given),
            )
        )
    stats.sort(key=lambda s: (-s.count, -(s.mean_intensity or 0), -(s.max_intensity or 0), s.name))
    return stats


def sensations(checkins: Iterable[Record], keep_words_of: Collection[str] = ()) -> list[tuple[str, int]]:
    """How each quality (tight, heavy, ...) was felt, most often first, across all places."""
    counter: Counter[tuple[str, str]] = Counter()
    for record in checkins_only(checkins):
        for mark, _level in marks_of(record):
            counter.update(_qualities(mark, record.id in keep_words_of))
    return _labelled(counter, _quality_labels(counter))


def _quality_labels(counter: Counter[tuple[str, str]]) -> dict[tuple[str, str], str]:
    return {quality: _quality_label(quality) for quality in counter}


# --- feelings and needs -------------------------------------------------------------------------


def feeling_words(checkins: Iterable[Record]) -> list[tuple[str, int]]:
    """Each feeling word and how many check-ins named it, most often first.

    Counted by what the check-in stores (a listed feeling's id, or the person's own word), shown
    in the current language (:func:`companion.kinds.checkin.feeling_word`)."""
    counter: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for record in checkins_only(checkins):
        for pick in parsed_checkin(record).feelings:
            key = pick.word.strip()
            if key:
                counter[key] += 1
                if key not in labels:
                    labels[key] = feeling_word(pick).strip() or key
    return _labelled(counter, labels)


def feeling_families(checkins: Iterable[Record]) -> list[tuple[str, int]]:
    """Each family of feeling (Scared, Sad, ...) and how many check-ins touched it."""
    counter: Counter[str] = Counter()
    for record in checkins_only(checkins):
        for family_id in parsed_checkin(record).families():
            counter[family_id] += 1
    return _labelled(counter, {family_id: vocab.family_label(family_id) for family_id in counter})


def strength_series(checkins: Iterable[Record]) -> list[tuple[int, float]]:
    """(time, 0-10) for each check-in that came with a strength, oldest first."""
    series = []
    for record in sorted(checkins_only(checkins), key=lambda r: (r.created_us, r.id)):
        strength = checkin_strength(record)
        if strength is not None:
            series.append((record.created_us, strength))
    return series


def need_label(need_id: str) -> str:
    """A need's name in the current language; an unknown id made readable ("time_alone" -> "Time alone")."""
    known = vocab.need(need_id)
    return known.label if known else need_id.replace("_", " ").strip().capitalize()


def needs(checkins: Iterable[Record]) -> list[tuple[str, int]]:
    """Each need and how many check-ins named it, most often first."""
    counter: Counter[str] = Counter()
    for record in checkins_only(checkins):
        for need_id in dict.fromkeys(parsed_checkin(record).needs):
            counter[need_id] += 1
    return _labelled(counter, {need_id: need_label(need_id) for need_id in counter})


# --- breathing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BreathingTally:
    count: int
    seconds: int
    rated: int = 0  # pauses with tension noted both before and after
    before: float | None = None  # mean tension before, 0-10, over the rated pauses
    after: float | None = None


def breathing(records: Iterable[Record]) -> BreathingTally:
    sessions = [BreathingSession.from_payload(r.payload) for r in records if r.kind == BREATHING]
    rated = [(s.before, s.after) for s in sessions if s.before is not None and s.after is not None]
    return BreathingTally(
        count=len(sessions),
        seconds=sum(s.seconds for s in sessions),
        rated=len(rated),
        before=sum(b for b, _a in rated) / len(rated) if rated else None,
        after=sum(a for _b, a in rated) / len(rated) if rated else None,
    )


# --- practice -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PracticeTally:
    """What was done of one practice, counted only from the moment it was added."""

    practice: Homework
    done: int
    first_day: date  # the first local day counted
    last_day: date  # the last local day counted
    counting_to_now: bool  # True when the counting runs up to today
    starts_later: bool = False  # its first day is still to come


def _day_start_us(day: date, tz: tzinfo | None) -> int:
    if tz is None:  # the machine's own zone, as the rest of the app counts days
        return to_us(datetime.combine(day, time.min).astimezone())
    return to_us(datetime.combine(day, time.min, tzinfo=tz))


def practice(
    homework: Record,
    records: Iterable[Record],
    start_us: int | None,
    end_us: int | None,
    now_us: int,
    tz: tzinfo | None = None,
) -> PracticeTally:
    """How often ``homework`` was done in the stretch, never counting anything made before it was added.

    Counting starts at the latest of: the practice's start day, the moment the practice was
    added to the app (a check-in from before the therapist's card arrived was not homework), and
    the start of the stretch. It stops at the earliest of the practice's last day, the end of the
    stretch, and now.
    """
    plan = Homework.from_record(homework)
    begin = max(_day_start_us(plan.start, tz), homework.created_us, start_us or homework.created_us)
    stop = now_us + 1 if end_us is None else min(end_us, now_us + 1)
    if plan.until is not None:
        stop = min(stop, _day_start_us(plan.until + timedelta(days=1), tz))
    done = sum(1 for r in records if counts(plan, r) and begin <= r.created_us < stop)
    first_day = to_datetime(begin).astimezone(tz).date()
    last_day = to_datetime(max(begin, stop - 1)).astimezone(tz).date()
    today = to_datetime(now_us).astimezone(tz).date()
    return PracticeTally(
        plan, done, first_day, last_day, counting_to_now=last_day >= today, starts_later=first_day > today
    )
