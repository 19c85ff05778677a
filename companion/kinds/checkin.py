"""Check-ins: body, feelings, needs and context, stored encrypted in the vault.

The payload is plain data (lists and strings) so summaries, search and export
can read it without this module, and so an older app version can still show
what a newer one wrote.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from companion.core.kind_ids import CHECKIN
from companion.core.records import Record, stored_number
from companion.kinds.base import DraftedStore
from companion.reference import vocabulary

PAYLOAD_VERSION = 1
FEELING_LEVELS = ("mild", "moderate", "strong")
LEVEL_WORDS = {"mild": "a little", "moderate": "quite", "strong": "very"}
HIGH_INTENSITY = 8
# Strong pleasant feelings don't call for a breathing pause.
PLEASANT_FAMILIES = {"glad", "tender", "calm"}
MAX_TEXT = 100_000


@dataclass(frozen=True)
class BodyMark:
    region: str
    sensations: tuple[str, ...] = ()
    other: str = ""  # "something else", in the client's words
    intensity: int | None = None  # 0-10; None: no strength was chosen (never a made-up middle)

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "sensations": list(self.sensations),
            "other": self.other,
            "intensity": self.intensity,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BodyMark:
        return cls(
            region=str(data.get("region", "")),
            sensations=tuple(str(s) for s in data.get("sensations", [])),
            other=str(data.get("other", "")),
            intensity=given_intensity(data.get("intensity")),
        )


@dataclass(frozen=True)
class FeelingPick:
    word: str  # a listed word, or the person's own (kept exactly as they wrote it)
    level: str | None = None  # mild / moderate / strong; None: not chosen

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.word, "level": self.level}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeelingPick:
        level = data.get("level")
        return cls(str(data.get("word", "")), level if level in FEELING_LEVELS else None)

    @property
    def own_word(self) -> bool:
        """A word the person wrote themselves (not in our list): kept and shown as it is."""
        return vocabulary.feeling(self.word) is None


@dataclass(frozen=True)
class CheckIn:
    body: tuple[BodyMark, ...] = ()
    feelings: tuple[FeelingPick, ...] = ()
    not_sure: bool = False  # "I'm not sure yet" is a full answer
    needs: tuple[str, ...] = ()
    need_other: str = ""
    happened: str = ""
    said: str = ""  # what I said ...
    body_said: str = ""  # ... and what my body said
    note: str = ""

    # --- editing helpers (return new objects: the UI keeps one current value) ------------

    def mark(self, mark: BodyMark) -> CheckIn:
        others = tuple(m for m in self.body if m.region != mark.region)
        return replace(self, body=(*others, mark))

    def unmark(self, region: str) -> CheckIn:
        return replace(self, body=tuple(m for m in self.body if m.region != region))

    def marked(self, region: str) -> BodyMark | None:
        return next((m for m in self.body if m.region == region), None)

    def add_feeling(self, word: str, level: str | None = None) -> CheckIn:
        """Add a feeling, its strength unchosen (a strength is only what the person picks)."""
        others = tuple(f for f in self.feelings if f.word.casefold() != word.casefold())
        return replace(self, feelings=(*others, FeelingPick(word, level)), not_sure=False)

    def set_level(self, word: str, level: str | None) -> CheckIn:
        """Choose (or clear, with None) how strong a chosen feeling is, keeping its place."""
        picks = tuple(
            FeelingPick(f.word, level) if f.word.casefold() == word.casefold() else f for f in self.feelings
        )
        return replace(self, feelings=picks)

    def remove_feeling(self, word: str) -> CheckIn:
        return replace(self, feelings=tuple(f for f in self.feelings if f.word.casefold() != word.casefold()))

    def toggle_need(self, need_id: str) -> CheckIn:
        if need_id in self.needs:
            return replace(self, needs=tuple(n for n in self.needs if n != need_id))
        return replace(self, needs=(*self.needs, need_id))

    # --- meaning -------------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        texts = (self.need_other, self.happened, self.said, self.body_said, self.note)
        return not (
            self.body or self.feelings or self.not_sure or self.needs or any(t.strip() for t in texts)
        )

    @property
    def max_body_intensity(self) -> int:
        return max((m.intensity for m in self.body if m.intensity is not None), default=0)

    @property
    def is_intense(self) -> bool:
        """Worth a gentle offer of a breathing pause and the help page after saving."""
        if self.max_body_intensity >= HIGH_INTENSITY:
            return True
        for pick in self.feelings:
            known = vocabulary.feeling(pick.word)
            if pick.level == "strong" and (known is None or known.family not in PLEASANT_FAMILIES):
                return True
        return False

    def regions(self) -> list[str]:
        return [m.region for m in self.body]

    def families(self) -> list[str]:
        out: list[str] = []
        for pick in self.feelings:
            known = vocabulary.feeling(pick.word)
            if known and known.family not in out:
                out.append(known.family)
        return out

    def to_payload(self) -> dict[str, Any]:
        return {
            "v": PAYLOAD_VERSION,
            "body": [m.to_dict() for m in self.body],
            "feelings": [f.to_dict() for f in self.feelings],
            "not_sure": self.not_sure,
            "needs": list(self.needs),
            "need_other": self.need_other[:MAX_TEXT],
            "happened": self.happened[:MAX_TEXT],
            "said": self.said[:MAX_TEXT],
            "body_said": self.body_said[:MAX_TEXT],
            "note": self.note[:MAX_TEXT],
        }

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> CheckIn:
        return cls(
            body=tuple(BodyMark.from_dict(m) for m in data.get("body", []) if isinstance(m, dict)),
            feelings=tuple(FeelingPick.from_dict(f) for f in data.get("feelings", []) if isinstance(f, dict)),
            not_sure=bool(data.get("not_sure", False)),
            needs=tuple(str(n) for n in data.get("needs", [])),
            need_other=str(data.get("need_other", "")),
            happened=str(data.get("happened", "")),
            said=str(data.get("said", "")),
            body_said=str(data.get("body_said", "")),
            note=str(data.get("note", "")),
        )


def given_intensity(value: Any) -> int | None:
    """A stored strength as 0-10, or None when none was chosen (missing, null or not a number).

    An infinite or NaN strength is damage, not a choice: it raises, as it always did, so the
    timeline shows such a record as unreadable and a backup holding it is refused.
    """
    number = stored_number(value)
    if number is None:
        return None
    if not math.isfinite(number):
        raise ValueError("a strength must be a finite number")
    return clamp_intensity(number)


def clamp_intensity(value: Any) -> int:
    """A strength as 0-10; anything that isn't a finite number (infinity, NaN, text) is the middle, 5."""
    try:
        number = int(round(float(value)))
    except (TypeError, ValueError, OverflowError):  # round(inf) overflows; a huge int can't be a float
        return 5
    return max(0, min(10, number))


# --- words for people --------------------------------------------------------------------


def region_name(region_id: str) -> str:
    region = vocabulary.region(region_id)
    return region.name if region else region_id.replace("_", " ").capitalize()


def sensation_name(sensation_id: str) -> str:
    sensation = vocabulary.sensation(sensation_id)
    return sensation.name if sensation else sensation_id


def describe_mark(mark: BodyMark) -> str:
    """ "Chest: tight, heavy (7/10)"; without a chosen strength just "Chest: tight, heavy"."""
    qualities = [sensation_name(s).lower() for s in mark.sensations]
    if mark.other.strip():
        qualities.append(mark.other.strip())
    what = ", ".join(qualities) if qualities else "noticed"
    strength = "" if mark.intensity is None else f" ({mark.intensity}/10)"
    return f"{region_name(mark.region)}: {what}{strength}"


def describe_feeling(pick: FeelingPick) -> str:
    """ "disappointed, very" reads more naturally than a number; no level chosen: the word alone."""
    if pick.level is None:
        return pick.word
    return f"{pick.word}, {LEVEL_WORDS.get(pick.level, pick.level)}"


@dataclass
class TimelineFilter:
    family: str | None = None
    word: str | None = None
    region: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.family or self.word or self.region)

    def accepts(self, checkin: CheckIn) -> bool:
        if self.region and self.region not in checkin.regions():
            return False
        if self.word and all(p.word.casefold() != self.word.casefold() for p in checkin.feelings):
            return False
        return not (self.family and self.family not in checkin.families())


class CheckIns(DraftedStore[CheckIn]):
    """Check-ins and their drafts inside one unlocked vault."""

    kind = CHECKIN
    empty_message = "There's nothing in this check-in yet."

    def from_payload(self, payload: Any) -> CheckIn:
        return CheckIn.from_payload(payload)

    def filtered(self, flt: TimelineFilter, limit: int | None = None) -> list[Record]:
        """Check-ins matching the filter, newest first; one that can't be read matches nothing."""

        def accepts(record: Record) -> bool:
            try:
                return flt.accepts(CheckIn.from_payload(record.payload))
            except Exception:  # noqa: BLE001 - a damaged check-in must not break the filter
                return False

        return self.vault.matching(accepts, kinds=[CHECKIN], limit=limit)


def recent_words(records: Iterable[Record], limit: int = 8) -> list[str]:
    """Feeling words this person used lately: offered first, so favourites are one tap away."""
    seen: list[str] = []
    for record in records:
        for pick in CheckIn.from_payload(record.payload).feelings:
            if pick.word not in seen:
                seen.append(pick.word)
            if len(seen) >= limit:
                return seen
    return seen
