"""Checks for records that arrive from outside (a backup): the same rules the app saves by.

Every screen trusts what is in the journal, because the app only ever stores what its own
forms produce. A backup file, though, could have been made or edited by anyone; one record
with an impossible date or an ``intensity`` of infinity would then break the timeline on
every unlock. So before a record from outside is stored, `validate_record` asks each kind's
own parser to read the payload and write it back (``CheckIn.from_payload(p).to_payload()``):
a record the app itself wrote comes back the same, and anything the parser had to drop,
clamp, guess or choke on is refused. A few generic limits (finite numbers, string sizes,
nesting, dates between 1970 and tomorrow) cover what the parsers don't look at.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from companion.core import kind_ids
from companion.core.i18n import _
from companion.core.idle import AUTO_LOCK_CHOICES_S
from companion.core.records import Record, now_us, to_datetime
from companion.kinds import feedback as feedback_kind
from companion.kinds import homework as homework_kind
from companion.kinds import sessions as sessions_kind
from companion.kinds.breathing_log import BreathingSession
from companion.kinds.checkin import CheckIn, describe_feeling
from companion.kinds.feedback import FeedbackDraft
from companion.kinds.journal import MAX_TITLE, Entry, display_title
from companion.kinds.reflection import Reflection
from companion.kinds.topics import Topic

DAY_US = 24 * 60 * 60 * 1_000_000
FUTURE_SLACK_US = DAY_US  # clocks differ a little between devices; a day ahead is the most we accept
OLD_SESSION_FUTURE_US = 5 * 366 * DAY_US  # version-1 sessions kept their appointment as created_us
MAX_STRING_CHARS = 8_000_000  # the body limit bounds this anyway; a long entry is ~50,000
MAX_DEPTH = 12
MAX_NODES = 100_000
MAX_CRISIS_LINES = 50


class InvalidRecord(ValueError):
    """A record from outside that the app would never have written; str() says why (for logs)."""


def _walk(value: Any, depth: int = 0, budget: list[int] | None = None) -> None:
    """Generic JSON limits: finite numbers, bounded strings, nesting and size."""
    budget = budget if budget is not None else [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise InvalidRecord("payload too large or too deeply nested")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidRecord("a number is not finite")
    if isinstance(value, str) and len(value) > MAX_STRING_CHARS:
        raise InvalidRecord("a text is too long")
    if isinstance(value, list):
        for item in value:
            _walk(item, depth + 1, budget)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidRecord("a field name is not text")
            _walk(item, depth + 1, budget)
    elif value is not None and not isinstance(value, (str, int, float, bool)):
        raise InvalidRecord("a field is not JSON")


def _mismatch(raw: Any, clean: Any, path: str) -> str | None:
    """Where ``raw`` differs from what the kind's parser made of it (fields only in one side are fine)."""
    if isinstance(clean, dict):
        if not isinstance(raw, dict):
            return path
        for key in raw.keys() & clean.keys():
            if path == "" and key == "v":
                continue  # older payload versions are read and upgraded on purpose
            found = _mismatch(raw[key], clean[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(clean, list):
        if not isinstance(raw, list) or len(raw) != len(clean):
            return path
        for index, (r, c) in enumerate(zip(raw, clean, strict=True)):
            found = _mismatch(r, c, f"{path}[{index}]")
            if found:
                return found
        return None
    if isinstance(clean, bool) or isinstance(raw, bool):
        return None if raw is clean else path
    if isinstance(clean, (int, float)):
        return None if isinstance(raw, (int, float)) and raw == clean else path
    return None if raw == clean else path


def _journal(payload: dict[str, Any]) -> dict[str, Any]:
    entry = Entry.from_record(Record("", kind_ids.JOURNAL, 0, 0, payload))
    if len(entry.title) > MAX_TITLE:
        raise InvalidRecord("title too long")
    return entry.payload()


def _session(payload: dict[str, Any]) -> dict[str, Any]:
    session = sessions_kind.Session.from_payload(payload)
    if "when_us" in payload:
        sessions_kind.validated(session)  # ValueError for impossible dates
    return session.to_payload()


def _homework(payload: dict[str, Any]) -> dict[str, Any]:
    practice = homework_kind.Homework.from_payload(payload)
    reason = homework_kind.problem(practice)
    if reason:
        raise InvalidRecord(reason)
    return practice.to_payload()


def _draft(payload: dict[str, Any]) -> dict[str, Any]:
    for_kind, target = payload.get("for_kind"), payload.get("target")
    if for_kind not in kind_ids.ALL or for_kind in (kind_ids.DRAFT, kind_ids.SETTINGS):
        raise InvalidRecord("draft for an unknown kind")
    if target is not None and not isinstance(target, str):
        raise InvalidRecord("draft target is not an id")
    content = payload.get("content", {})
    if not isinstance(content, dict):
        raise InvalidRecord("draft content is not an object")
    if for_kind in _DRAFTED:  # a draft holds what its form would save: the same rules apply
        where = _mismatch(content, _as_written_then(for_kind, content, _NORMALISERS[for_kind](content)), "")
        if where is not None:
            raise InvalidRecord(f"draft content field {where or 'content'} is not what the app would save")
    return payload


def _settings(payload: dict[str, Any]) -> dict[str, Any]:
    lock = payload.get("auto_lock_s")
    if lock is not None and lock not in AUTO_LOCK_CHOICES_S:
        raise InvalidRecord("auto-lock time is not one of the choices")
    if "reduce_motion" in payload and not isinstance(payload["reduce_motion"], bool):
        raise InvalidRecord("reduce_motion is not yes/no")
    lines = payload.get("crisis_lines")
    if lines is not None:
        if not isinstance(lines, list) or len(lines) > MAX_CRISIS_LINES:
            raise InvalidRecord("crisis lines are not a short list")
        for line in lines:
            if not isinstance(line, dict) or not all(isinstance(v, str) for v in line.values()):
                raise InvalidRecord("a crisis line is not name/number/note text")
    return payload


_NORMALISERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    kind_ids.CHECKIN: lambda p: CheckIn.from_payload(p).to_payload(),
    kind_ids.JOURNAL: _journal,
    kind_ids.FEEDBACK: lambda p: FeedbackDraft.from_payload(p).to_payload(),
    kind_ids.TOPIC: lambda p: Topic.from_payload(p).to_payload(),
    kind_ids.SESSION: _session,
    kind_ids.REFLECTION: lambda p: Reflection.from_payload(p).to_payload(),
    kind_ids.BREATHING: lambda p: BreathingSession.from_payload(p).to_payload(),
    kind_ids.HOMEWORK: _homework,
    kind_ids.DRAFT: _draft,
    kind_ids.SETTINGS: _settings,
}

_DRAFTED = frozenset((kind_ids.CHECKIN, kind_ids.JOURNAL, kind_ids.FEEDBACK, kind_ids.REFLECTION))


def _latest_allowed_us(kind: str, payload: dict[str, Any], now: int) -> int:
    """Tomorrow; old-style session records kept their (maybe future) appointment as created_us."""
    version = payload.get("v")
    if kind == kind_ids.SESSION and not (isinstance(version, int) and version >= 2):
        return now + OLD_SESSION_FUTURE_US
    return now + FUTURE_SLACK_US


def _check_time(value: Any, latest: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= latest:
        raise InvalidRecord(f"{what} is not a date between 1970 and tomorrow")


def validate_record(
    kind: Any, payload: Any, created_us: Any, updated_us: Any, *, now: int | None = None
) -> None:
    """Raise `InvalidRecord` unless the app could have saved this record itself.

    Checks: a known kind; a JSON object payload within generic limits; ``created_us`` and
    ``updated_us`` between 1970 and a day from ``now``; and the kind's own parser reads the
    payload without error and writes back the same field types and values (so ranges,
    lengths and choices are the ones the app enforces when saving).
    """
    if not isinstance(kind, str) or kind not in _NORMALISERS:
        raise InvalidRecord(f"unknown kind {kind!r}")
    if not isinstance(payload, dict):
        raise InvalidRecord("payload is not an object")
    current = now if now is not None else now_us()
    _check_time(updated_us, current + FUTURE_SLACK_US, "updated_us")
    _check_time(created_us, _latest_allowed_us(kind, payload, current), "created_us")
    _walk(payload)
    try:
        clean = _NORMALISERS[kind](payload)
    except InvalidRecord:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure means the screens would fail too
        raise InvalidRecord(f"{kind} payload can't be read: {type(exc).__name__}") from None
    where = _mismatch(payload, _as_written_then(kind, payload, clean), "")
    if where is not None:
        raise InvalidRecord(f"{kind} field {where or 'payload'} is not what the app would save")


def _as_written_then(kind: str, payload: dict[str, Any], clean: dict[str, Any]) -> dict[str, Any]:
    """``clean``, with what an older app version wrote differently on purpose taken as written.

    Check-ins and feedback before payload version 2 stored feeling words as typed
    ("Disappointed", "gratitude"); version 2 stores ids. Reading maps one to the other, so an
    old backup's words (and an old draft's) are not a mismatch; their count and strengths still
    are checked.
    """
    if kind == kind_ids.FEEDBACK:
        return feedback_kind.as_written_then(payload, clean)
    version = payload.get("v")
    old = not (isinstance(version, int) and not isinstance(version, bool) and version >= 2)
    raw_feelings = payload.get("feelings")
    if kind != kind_ids.CHECKIN or not old or not isinstance(raw_feelings, list):
        return clean
    feelings = clean.get("feelings")
    if not isinstance(feelings, list) or len(feelings) != len(raw_feelings):
        return clean
    as_written = [
        {**made, "word": raw["word"]} if isinstance(raw, dict) and isinstance(raw.get("word"), str) else made
        for raw, made in zip(raw_feelings, feelings, strict=True)
    ]
    return {**clean, "feelings": as_written}


def record_problem(record: Record, *, now: int | None = None) -> str | None:
    """Why ``record`` would be refused, or None when it is fine."""
    try:
        validate_record(record.kind, record.payload, record.created_us, record.updated_us, now=now)
    except InvalidRecord as exc:
        return str(exc)
    return None


def safe_preview(record: Record) -> str | None:
    """A one-line description for a timeline row, or None when the record can't be shown.

    Never raises: the journal timeline can skip (or show "can't be read" for) a None
    instead of failing the whole screen on one damaged record.
    """
    try:
        to_datetime(record.created_us)  # the row's date; raises for years past 9999
        if record.kind == kind_ids.CHECKIN:
            checkin = CheckIn.from_payload(record.payload)
            words = [describe_feeling(f) for f in checkin.feelings]
            return ", ".join(words) or (_("not sure yet") if checkin.not_sure else _("Check-in"))
        if record.kind == kind_ids.JOURNAL:
            return display_title(Entry.from_record(record))
    except Exception:  # noqa: BLE001 - a preview must never take the screen down
        return None
    return None


__all__ = [
    "FUTURE_SLACK_US",
    "InvalidRecord",
    "record_problem",
    "safe_preview",
    "validate_record",
]
