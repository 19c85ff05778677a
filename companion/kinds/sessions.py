"""Therapy sessions: when they were, with whom, and when the next one is.

Sessions are the anchor for "since my last session" and for linking a reflection or a piece
of feedback to the hour it belongs to. A session is only a date and a few words; nothing here
judges how often someone goes.

When a session is (or will be) lives only inside the encrypted payload (``when_us``). The
record's clear times are when it was written, like every other record's: anyone holding the file
must not learn when someone sees their therapist, least of all their next appointment. Sessions
are few, so they are read whole and put in calendar order after decrypting.

Payload version 1 (older journals) also set the record's clear ``created_us`` to the session's
start. Those records still read as they are (the start falls back to ``created_us`` if the payload
lacks it); the first edit of one replaces its clear time with the time of that edit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from typing import Any

from companion.core import localformat
from companion.core.i18n import _
from companion.core.kind_ids import SESSION
from companion.core.records import Record, now_us, to_datetime
from companion.kinds.base import RecordStore

PAYLOAD_VERSION = 2  # 2: the record's clear times are write times (1: created_us was the start)
MAX_LABEL = 80
MAX_TEXT = 100_000

# Moments outside these years are almost certainly a slip of the date picker, and
# datetime can't show them anyway.
MIN_US = int(datetime(1900, 1, 1, tzinfo=UTC).timestamp() * 1_000_000)
MAX_US = int(datetime(9999, 1, 1, tzinfo=UTC).timestamp() * 1_000_000)


def _as_us(value: Any) -> int | None:
    """A microsecond timestamp from stored data, or None when it is missing or junk."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value):
        number = int(value)
    elif isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if MIN_US <= number < MAX_US else None


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def clean_label(label: str) -> str:
    """One tidy line: ends trimmed and inner runs of spaces or line breaks made single."""
    return " ".join(label.split())


@dataclass(frozen=True)
class Session:
    when_us: int  # start, microseconds since the epoch (UTC)
    label: str = ""  # e.g. the therapist's first name
    next_us: int | None = None  # the next appointment, if the client noted it
    note: str = ""

    def to_payload(self) -> dict[str, Any]:
        return {
            "v": PAYLOAD_VERSION,
            "when_us": self.when_us,
            "label": self.label[:MAX_TEXT],
            "next_us": self.next_us,
            "note": self.note[:MAX_TEXT],
        }

    @classmethod
    def from_payload(cls, data: Any, fallback_when_us: int = 0) -> Session:
        """Never raises: damaged fields fall back to empty, the start to ``fallback_when_us``."""
        if not isinstance(data, dict):
            data = {}
        when = _as_us(data.get("when_us"))
        return cls(
            when_us=when if when is not None else fallback_when_us,
            label=_as_text(data.get("label")),
            next_us=_as_us(data.get("next_us")),
            note=_as_text(data.get("note")),
        )


def validated(session: Session) -> Session:
    """The session as it will be stored, or ValueError with words we can show the client."""
    moments = [session.when_us] if session.next_us is None else [session.when_us, session.next_us]
    for moment in moments:
        if isinstance(moment, bool) or not isinstance(moment, int) or not MIN_US <= moment < MAX_US:
            raise ValueError(_("That date doesn't look right. Could you pick it again?"))
    label = clean_label(session.label)
    if len(label) > MAX_LABEL:
        raise ValueError(
            _("Please keep the name to {limit} characters or fewer. A first name is plenty.").format(
                limit=MAX_LABEL
            )
        )
    return replace(session, label=label)


def describe(session: Session, tz: tzinfo | None = None, now_us: int | None = None) -> str:
    """ "Tue 24 Nov, 17:00 with Sam" in local time (or ``tz``); the year only when it isn't this one.

    Day and month names come from Babel in the current language ("Di., 24. Nov., 17:00 mit Sam").
    """
    moment = to_datetime(session.when_us).astimezone(tz)
    now = to_datetime(now_us).astimezone(tz) if now_us is not None else datetime.now(moment.tzinfo)
    if moment.year == now.year:
        # Translators: a short date in CLDR pattern letters (EEE short weekday, d day, MMM short
        # month name): "Tue 24 Nov". Text in 'single quotes' is printed as it is.
        day = localformat.pattern(moment, _("EEE d MMM"))
    else:
        # Translators: as "EEE d MMM", with the year (y): "Tue 24 Nov 2026".
        day = localformat.pattern(moment, _("EEE d MMM y"))
    # Translators: {day} is a short date like "Tue 24 Nov", {time} a time like "17:00".
    text = _("{day}, {time}").format(day=day, time=localformat.clock(moment.time()))
    label = clean_label(session.label)
    # Translators: {when} is a date and time like "Tuesday 24 November, 17:30", {label} the
    # therapist's name as the person wrote it.
    return _("{when} with {label}").format(when=text, label=label) if label else text


def _clear_times_are_write_times(record: Record) -> bool:
    """False for a version-1 record, whose clear ``created_us`` is the session's start."""
    version = record.payload.get("v")
    return isinstance(version, int) and not isinstance(version, bool) and version >= 2


class Sessions(RecordStore[Session]):
    """Sessions inside one unlocked vault, in calendar order of their start (not of writing)."""

    kind = SESSION

    def from_record(self, record: Record) -> Session:
        return Session.from_payload(record.payload, fallback_when_us=record.created_us)

    def checked(self, session: Session) -> Session:
        return validated(session)

    def update(self, record_id: str, session: Session) -> Record:
        """New details; a version-1 record's clear start time becomes the time of this edit."""
        session = self.checked(session)
        stored = self._own(record_id)
        created = None if _clear_times_are_write_times(stored) else now_us()
        return self.vault.update(record_id, self.to_payload(session), created_us=created)

    def hide_old_start_times(self) -> int:
        """Rewrite version-1 records so their clear times stop showing when sessions are.

        The start moves inside the encrypted payload; the clear created time becomes the time the
        record was last written. Run once after unlocking; returns how many were rewritten.
        """
        rewritten = 0
        for record, session in self.pairs():
            if _clear_times_are_write_times(record):
                continue
            written = min(record.updated_us, now_us())
            self.vault.update(record.id, self.to_payload(session), created_us=written)
            rewritten += 1
        return rewritten

    def delete(self, record_id: str) -> None:
        """Reflections and feedback keep the id; they show it as "a session that was removed"."""
        super().delete(record_id)

    def all(self) -> list[tuple[Record, Session]]:
        """Latest start first. A person has hundreds of sessions at most, so reading them all is cheap.

        The order comes from the decrypted start, never from the record's clear times.
        """
        pairs = self.pairs()
        pairs.sort(key=lambda pair: (pair[1].when_us, pair[0].id), reverse=True)
        return pairs

    def last_before(self, now_us: int) -> tuple[Record, Session] | None:
        """The latest session that started at or before ``now_us``."""
        return next(((r, s) for r, s in self.all() if s.when_us <= now_us), None)

    def next_appointment(self, now_us: int) -> int | None:
        """The earliest future moment among planned sessions and noted next appointments."""
        future = [
            moment
            for _record, session in self.all()
            for moment in (session.when_us, session.next_us)
            if moment is not None and moment > now_us
        ]
        return min(future, default=None)

    def since_last_session(self, now_us: int) -> int | None:
        """Start of "since my last session"; None when there was none yet, meaning everything."""
        last = self.last_before(now_us)
        return None if last is None else last[1].when_us
