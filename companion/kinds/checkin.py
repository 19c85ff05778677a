"""Check-ins: body, feelings, needs and context, stored encrypted in the vault.

The payload is plain data (lists and strings) so summaries, search and export
can read it without this module, and so an older app version can still show
what a newer one wrote.

Records are language-neutral: they keep ids, never words. Regions, sensations and needs
were always ids; a listed feeling is stored by its id (its English word, "disappointed"),
and shown in the current language through :mod:`companion.reference.vocabulary`
("enttäuscht" in German). A feeling the person wrote themselves is kept exactly as written,
marked ``"own": true``, and shown as written in every language.

Payload versions. Version 1 (the English-only app) stored a feeling's English word as the
person picked or typed it ("Disappointed", "gratitude"). Version 2 stores ids and the ``own``
mark, under the same ``"word"`` key, so an older app version still reads a newer record
(the ids are its English words). The migration happens when a record is read: version 1
feelings that name a listed feeling (any case, or another form such as "gratitude") become
its id, and every other word becomes the person's own; the record is written as version 2
the next time it is saved. Nothing is rewritten in the vault just for the upgrade.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from companion.core.i18n import N_, _
from companion.core.i18n import current as current_language
from companion.core.kind_ids import CHECKIN
from companion.core.records import Record, stored_number
from companion.kinds.base import DraftedStore
from companion.reference import vocabulary
from companion.vault import textsearch

PAYLOAD_VERSION = 2
FEELING_LEVELS = ("mild", "moderate", "strong")
# How strong a feeling was, in English: translate with level_word() where shown.
LEVEL_WORDS = {
    # Translators: how strong a feeling was, shown after it: "disappointed, a little"
    "mild": N_("a little"),
    # Translators: how strong a feeling was, shown after it: "disappointed, quite"
    "moderate": N_("quite"),
    # Translators: how strong a feeling was, shown after it: "disappointed, very"
    "strong": N_("very"),
}
# A feeling with its strength, whole, so a language can order the words its own way.
_FEELING_WITH_LEVEL = {
    # Translators: a feeling word ("disappointed") and how strong it was
    "mild": N_("{feeling}, a little"),
    # Translators: a feeling word ("disappointed") and how strong it was
    "moderate": N_("{feeling}, quite"),
    # Translators: a feeling word ("disappointed") and how strong it was
    "strong": N_("{feeling}, very"),
}
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
    word: str  # a listed feeling's id ("disappointed"), or the person's own word as they wrote it
    level: str | None = None  # mild / moderate / strong; None: not chosen
    own: bool = False  # the person's own word: never looked up, shown as written

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"word": self.word, "level": self.level}
        if self.own:
            data["own"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], version: int = PAYLOAD_VERSION) -> FeelingPick:
        """One stored feeling; ``version`` 1 (English words, any case or form) is read as ids."""
        level = data.get("level")
        level = level if level in FEELING_LEVELS else None
        word = str(data.get("word", ""))
        if data.get("own") is True:
            return cls(word, level, own=True)
        known = vocabulary.feeling_id(word, language=vocabulary.ENGLISH)
        if known is not None:
            return cls(known, level)
        # Version 1 kept an unlisted word as typed: the person's own. A version-2 word without
        # the mark is an id this app version does not list (a newer one may): kept as it is.
        return cls(word, level, own=version < 2)

    @classmethod
    def of(cls, word: str, level: str | None = None) -> FeelingPick:
        """A pick from what someone chose or typed: a listed feeling's id, else their own word."""
        known = vocabulary.feeling_id(word)
        return cls(known, level) if known is not None else cls(word, level, own=True)

    @property
    def own_word(self) -> bool:
        """A word the person wrote themselves (not in our list): kept and shown as it is."""
        return self.own or vocabulary.feeling_id(self.word, language=vocabulary.ENGLISH) is None

    @property
    def family(self) -> str | None:
        """The listed feeling's family id; None for the person's own word."""
        return None if self.own else vocabulary.family_of(self.word)


def _key(word: str) -> str:
    """What a stored pick is compared with: a listed feeling's id, else the text itself."""
    return vocabulary.feeling_id(word) or word


def _same(pick: FeelingPick, key: str) -> bool:
    return pick.word == key or pick.word.casefold() == key.casefold()


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
        """Add a feeling, its strength unchosen (a strength is only what the person picks).

        ``word`` is an id or a word of the current language (stored as its id), or the
        person's own word (stored as written)."""
        pick = FeelingPick.of(word, level)
        others = tuple(f for f in self.feelings if not _same(f, pick.word))
        return replace(self, feelings=(*others, pick), not_sure=False)

    def set_level(self, word: str, level: str | None) -> CheckIn:
        """Choose (or clear, with None) how strong a chosen feeling is, keeping its place."""
        key = _key(word)
        picks = tuple(replace(f, level=level) if _same(f, key) else f for f in self.feelings)
        return replace(self, feelings=picks)

    def remove_feeling(self, word: str) -> CheckIn:
        key = _key(word)
        return replace(self, feelings=tuple(f for f in self.feelings if not _same(f, key)))

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
        return any(p.level == "strong" and p.family not in PLEASANT_FAMILIES for p in self.feelings)

    def regions(self) -> list[str]:
        return [m.region for m in self.body]

    def families(self) -> list[str]:
        out: list[str] = []
        for pick in self.feelings:
            family = pick.family
            if family and family not in out:
                out.append(family)
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
        """A stored check-in, any version (version 1 feelings are read as ids, see above)."""
        version = data.get("v")
        version = version if isinstance(version, int) and not isinstance(version, bool) else 1
        return cls(
            body=tuple(BodyMark.from_dict(m) for m in data.get("body", []) if isinstance(m, dict)),
            feelings=tuple(
                FeelingPick.from_dict(f, version) for f in data.get("feelings", []) if isinstance(f, dict)
            ),
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
    """A body region's name in the current language ("Chest", "Brust")."""
    return vocabulary.region_name(region_id)


def sensation_name(sensation_id: str) -> str:
    """A sensation's name in the current language ("Tight", "Eng")."""
    return vocabulary.sensation_name(sensation_id)


def level_word(level: str | None) -> str:
    """How strong a feeling was, in the current language ("very", "sehr"); "" for none."""
    if level is None:
        return ""
    return _(LEVEL_WORDS[level]) if level in LEVEL_WORDS else str(level)


def feeling_word(pick: FeelingPick) -> str:
    """The word to show for a chosen feeling: the current language's word, or the person's own."""
    return pick.word if pick.own else vocabulary.feeling_label(pick.word)


def _in_a_list(name: str) -> str:
    """A sensation's name inside a line ("Chest: tight"): lower case, except in German, whose
    nouns keep their capital ("Druck"), so the names stay as the vocabulary writes them."""
    return name if current_language() == "de" else name.lower()


def sensation_words(mark: BodyMark) -> list[str]:
    """What it was like at one place, as words inside a line, the person's own words last."""
    words = [_in_a_list(sensation_name(s)) for s in mark.sensations]
    if mark.other.strip():
        words.append(mark.other.strip())
    return words


def describe_mark(mark: BodyMark) -> str:
    """ "Chest: tight, heavy (7/10)"; without a chosen strength just "Chest: tight, heavy"."""
    qualities = sensation_words(mark)
    # Translators: shown after a body area when no quality was picked: "Chest: noticed"
    what = ", ".join(qualities) if qualities else _("noticed")
    region = region_name(mark.region)
    if mark.intensity is None:
        # Translators: a body area and what was noticed there: "Chest: tight, heavy"
        return _("{region}: {qualities}").format(region=region, qualities=what)
    # Translators: a body area, what was noticed there and how strong, out of 10: "Chest: tight (7/10)"
    return _("{region}: {qualities} ({strength}/10)").format(
        region=region, qualities=what, strength=mark.intensity
    )


def describe_feeling(pick: FeelingPick) -> str:
    """ "disappointed, very" reads more naturally than a number; no level chosen: the word alone."""
    word = feeling_word(pick)
    if pick.level is None:
        return word
    if pick.level in _FEELING_WITH_LEVEL:
        return _(_FEELING_WITH_LEVEL[pick.level]).format(feeling=word)
    return f"{word}, {pick.level}"


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
        if self.word:
            key = _key(self.word)  # a word of the current language, an id or someone's own word
            if not any(_same(p, key) for p in checkin.feelings):
                return False
        return not (self.family and self.family not in checkin.families())


class CheckIns(DraftedStore[CheckIn]):
    """Check-ins and their drafts inside one unlocked vault."""

    kind = CHECKIN
    empty_message = N_("There's nothing in this check-in yet.")

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
    """Feeling words this person used lately, in the current language (their own words as
    written): offered first, so favourites are one tap away. Each can be handed back to
    :meth:`CheckIn.add_feeling`."""
    seen: list[str] = []
    for record in records:
        for pick in CheckIn.from_payload(record.payload).feelings:
            word = feeling_word(pick)
            if word not in seen:
                seen.append(word)
            if len(seen) >= limit:
                return seen
    return seen


# Journal search finds a check-in by its feelings, regions, sensations and needs in the words
# of the current language (and English), though the record keeps only ids.
textsearch.set_expander(vocabulary.search_aliases, prepare=vocabulary.prepare_search)
