"""A quiet record of breathing pauses: which rhythm, for how long, and (if the client said) how tense
they felt before and after.

It lets someone notice, over time, what helps them settle. The before/after numbers are optional
and only ever shown side by side ("tension 7 then 4"): nothing here adds them up, compares them with
anyone else, or counts how often someone breathes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from companion.core.i18n import N_, _, ngettext
from companion.core.kind_ids import BREATHING
from companion.core.records import Record
from companion.kinds.base import RecordStore
from companion.reference import breathing

PAYLOAD_VERSION = 1
MAX_SECONDS = 24 * 60 * 60  # a day: anything longer is damaged data, not a session
# A session stores its rhythm's id; these are the names shown for it (translated with `name()`).
NAMES: dict[str, str] = {
    "slow": N_("Slow breathing"),
    # Translators: "box breathing", in 4, hold 4, out 4, hold 4
    "box": N_("Box breathing"),
    "478": N_("4-7-8 breathing"),
    # Translators: a breathing rhythm the person set up themselves
    "custom": N_("My own rhythm"),
}
# Translators: a breathing pause whose rhythm this version doesn't know
DEFAULT_NAME = N_("Breathing")


def _known_id(stored: str) -> str:
    """A rhythm's id from what a record holds: its id, or (never written so far, but read kindly)
    its English name, "Slow breathing" or "Slow: in 4, out 6"."""
    if stored in NAMES:
        return stored
    by_english = {english: pid for pid, english in NAMES.items()} | {p.name: p.id for p in breathing.PATTERNS}
    return by_english.get(stored, stored)


def rhythm_name(pattern_id: str) -> str:
    """The name shown for a stored rhythm id, in the current language."""
    return _(NAMES.get(_known_id(pattern_id), DEFAULT_NAME))


def _float(value: Any, low: float, high: float, default: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return default
    return max(low, min(high, float(value)))


def clamp_rating(value: Any) -> int | None:
    """A 0-10 tension rating; None (not answered) for anything that isn't a number."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return max(0, min(10, int(round(value))))


@dataclass(frozen=True)
class BreathingSession:
    pattern: str  # a breathing.PATTERNS id, or "custom"
    inhale: float
    hold_in: float
    exhale: float
    hold_out: float
    seconds: float  # how long the client actually breathed (a stopped session counts too)
    before: int | None = None  # tension 0-10 before, if asked and answered
    after: int | None = None

    @classmethod
    def from_pattern(
        cls, p: breathing.Pattern, seconds: float, before: int | None = None, after: int | None = None
    ) -> BreathingSession:
        """A session of pattern ``p``, as the breathing screen saves it."""
        return cls(p.id, p.inhale, p.hold_in, p.exhale, p.hold_out, seconds, before, after)

    @property
    def rhythm(self) -> breathing.Pattern:
        return breathing.Pattern(
            self.pattern,
            NAMES.get(self.pattern, DEFAULT_NAME),
            self.inhale,
            self.hold_in,
            self.exhale,
            self.hold_out,
        )

    @property
    def is_empty(self) -> bool:
        """No time breathed and no rating: nothing worth keeping."""
        return self.seconds <= 0 and clamp_rating(self.before) is None and clamp_rating(self.after) is None

    def to_payload(self) -> dict[str, Any]:
        return {
            "v": PAYLOAD_VERSION,
            "pattern": self.pattern,
            "inhale": _float(self.inhale, 0, breathing.MAX_PHASE_S),
            "hold_in": _float(self.hold_in, 0, breathing.MAX_PHASE_S),
            "exhale": _float(self.exhale, 0, breathing.MAX_PHASE_S),
            "hold_out": _float(self.hold_out, 0, breathing.MAX_PHASE_S),
            "seconds": _float(self.seconds, 0, MAX_SECONDS),
            "before": clamp_rating(self.before),
            "after": clamp_rating(self.after),
        }

    @classmethod
    def from_payload(cls, data: Any) -> BreathingSession:
        """Never raises: junk numbers read as 0 (or "not answered" for ratings)."""
        if not isinstance(data, dict):
            data = {}
        pattern = data.get("pattern")
        return cls(
            pattern=pattern if isinstance(pattern, str) and pattern else "custom",
            inhale=_float(data.get("inhale"), 0, breathing.MAX_PHASE_S),
            hold_in=_float(data.get("hold_in"), 0, breathing.MAX_PHASE_S),
            exhale=_float(data.get("exhale"), 0, breathing.MAX_PHASE_S),
            hold_out=_float(data.get("hold_out"), 0, breathing.MAX_PHASE_S),
            seconds=_float(data.get("seconds"), 0, MAX_SECONDS),
            before=clamp_rating(data.get("before")),
            after=clamp_rating(data.get("after")),
        )


def _length(seconds: float) -> str:
    if seconds < 60:
        whole = max(1, round(seconds))
        return ngettext("{n} second", "{n} seconds", whole).format(n=whole)
    minutes = round(seconds / 60)
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)


def describe(session: BreathingSession) -> str:
    """ "Slow breathing, 5 minutes · tension 7 then 4"; the ratings part only when answered."""
    shown = rhythm_name(session.pattern)
    if session.seconds > 0:
        # Translators: a breathing pause, "Slow breathing, 5 minutes"
        shown = _("{name}, {length}").format(name=shown, length=_length(session.seconds))
    parts = [shown]
    before, after = clamp_rating(session.before), clamp_rating(session.after)
    if before is not None and after is not None:
        # Translators: how tense the person felt (0-10) before and after a breathing pause, "tension 7 then 4"
        parts.append(_("tension {before} then {after}").format(before=before, after=after))
    elif before is not None:
        # Translators: how tense the person felt (0-10) before a breathing pause
        parts.append(_("tension {before} before").format(before=before))
    elif after is not None:
        # Translators: how tense the person felt (0-10) after a breathing pause
        parts.append(_("tension {after} after").format(after=after))
    return " · ".join(parts)


class BreathingLog(RecordStore[BreathingSession]):
    """Breathing sessions inside one unlocked vault."""

    kind = BREATHING
    empty_message = N_("There's nothing to keep from this pause yet.")

    def from_payload(self, payload: Any) -> BreathingSession:
        return BreathingSession.from_payload(payload)

    def add(self, session: BreathingSession, *, created_us: int | None = None) -> Record:
        return self._insert(session, created_us=created_us)

    def recent(self, limit: int = 10) -> list[tuple[Record, BreathingSession]]:
        """The latest sessions, newest first."""
        return [(r, self.from_record(r)) for r in self.page(limit=max(1, limit)).records]

    def in_range(self, start_us: int | None, end_us: int | None) -> list[tuple[Record, BreathingSession]]:
        """Sessions with start_us <= created < end_us (None: open-ended), newest first."""
        out: list[tuple[Record, BreathingSession]] = []
        cursor = None
        while True:
            page = self.vault.list_page(
                [BREATHING], after=cursor, limit=200, start_us=start_us, end_us=end_us
            )
            out.extend((r, BreathingSession.from_payload(r.payload)) for r in page.records)
            if page.next_cursor is None:
                return out
            cursor = page.next_cursor
