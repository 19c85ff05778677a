"""Words for check-ins: feelings, body regions, sensations, needs and the vague-word coach.

The vocabulary lives in JSON files under ``companion/data`` and is read once, on first use,
through :mod:`importlib.resources` (so it also works from a wheel or a zip). Everything handed
out is immutable, so callers can keep references without copying.

Nothing here decides what a person feels. Search, the coach and the body suggestions only offer
words; the person chooses.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

__all__ = [
    "Family",
    "Feeling",
    "Need",
    "Region",
    "Sensation",
    "by_family",
    "coach",
    "coach_prompt",
    "families",
    "family",
    "feeling",
    "feelings",
    "hint_for",
    "is_vague",
    "needs",
    "normalize",
    "region",
    "regions",
    "search",
    "sensation",
    "sensations",
    "suggest_from_body",
    "vague_words",
]

Intensity = Literal["mild", "moderate", "strong"]
Side = Literal["front", "back", "both"]

INTENSITIES: tuple[str, ...] = ("mild", "moderate", "strong")
SIDES: tuple[str, ...] = ("front", "back", "both")

# A query is cut to this many characters before any work: no word or definition is longer,
# and it keeps pasted walls of text cheap.
_MAX_QUERY_CHARS = 200
# Typo matching only makes sense for word-sized queries.
_FUZZY_MIN, _FUZZY_MAX = 3, 30
_FUZZY_CUTOFF = 0.8


# ------------------------------------------------------------------------------------ types
@dataclass(frozen=True, slots=True)
class Family:
    id: str
    label: str
    description: str
    hint: str  # "When I feel ... I might need ..."


@dataclass(frozen=True, slots=True)
class Feeling:
    word: str
    family: str  # a Family.id
    definition: str
    intensity: Intensity
    forms: tuple[str, ...] = ()  # other ways people type it ("gratitude"); search only


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    side: Side
    group: str


@dataclass(frozen=True, slots=True)
class Sensation:
    id: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Need:
    id: str
    label: str
    explanation: str
    kind: str  # "relational" or "everyday"


@dataclass(frozen=True, slots=True)
class _Rule:
    regions: frozenset[str]  # empty: any region
    sensations: frozenset[str]  # empty: no sensation required
    weights: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class _CoachEntry:
    word: str
    prompt: str
    candidates: tuple[Feeling, ...]


@dataclass(frozen=True, slots=True)
class _Indexed:
    feeling: Feeling
    key: str  # normalised word, e.g. "self conscious"
    compact: str  # the same without spaces, e.g. "selfconscious"
    tokens: tuple[str, ...]
    forms: tuple[str, ...]  # normalised
    definition: str  # normalised definition, padded with a leading space


# ------------------------------------------------------------------------------ normalising
_NON_WORD = re.compile(r"[\W_]+")
_FILLERS = (
    "i m feeling",
    "i am feeling",
    "im feeling",
    "feeling",
    "i feel",
    "i m",
    "i am",
    "im",
    "just",
    "kind of",
    "kinda",
    "sort of",
    "a bit",
    "a little",
    "pretty",
    "quite",
    "really",
    "very",
    "so",
)


def normalize(text: str) -> str:
    """Fold case and accents, turn punctuation into spaces and squeeze whitespace.

    ``"  Self-Conscious "`` -> ``"self conscious"``; ``"ÉXCITED"`` -> ``"excited"``.
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def _strip_fillers(key: str) -> str:
    """Drop leading "I feel", "just", "a bit" and the like: "i m just a bit off" -> "off"."""
    changed = True
    while changed and key:
        changed = False
        for filler in _FILLERS:
            if key == filler:
                return key
            if key.startswith(filler + " "):
                key = key[len(filler) + 1 :]
                changed = True
                break
    return key


# ---------------------------------------------------------------------------------- loading
def _read(name: str) -> dict[str, Any]:
    text = (resources.files("companion.reference") / "data" / name).read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a JSON object at the top level")
    return data


@dataclass(frozen=True, slots=True)
class _Feelings:
    families: tuple[Family, ...]
    family_by_id: dict[str, Family]
    feelings: tuple[Feeling, ...]
    by_key: dict[str, Feeling]
    by_family: dict[str, tuple[Feeling, ...]]
    index: tuple[_Indexed, ...]


@cache
def _feelings_data() -> _Feelings:
    raw = _read("feelings.json")
    fams = tuple(Family(**f) for f in raw["families"])
    family_by_id = {f.id: f for f in fams}
    if len(family_by_id) != len(fams):
        raise ValueError("feelings.json: duplicate family id")
    words: list[Feeling] = []
    by_key: dict[str, Feeling] = {}
    for item in raw["feelings"]:
        f = Feeling(**{**item, "forms": tuple(item.get("forms", ()))})
        if f.family not in family_by_id:
            raise ValueError(f"feelings.json: {f.word!r} has unknown family {f.family!r}")
        if f.intensity not in INTENSITIES:
            raise ValueError(f"feelings.json: {f.word!r} has unknown intensity {f.intensity!r}")
        key = normalize(f.word)
        if key in by_key:
            raise ValueError(f"feelings.json: duplicate word {f.word!r}")
        by_key[key] = f
        words.append(f)
    grouped = {fam.id: tuple(w for w in words if w.family == fam.id) for fam in fams}
    index = tuple(
        _Indexed(
            feeling=f,
            key=normalize(f.word),
            compact=normalize(f.word).replace(" ", ""),
            tokens=tuple(normalize(f.word).split()),
            forms=tuple(normalize(form) for form in f.forms),
            definition=" " + normalize(f.definition),
        )
        for f in words
    )
    return _Feelings(fams, family_by_id, tuple(words), by_key, grouped, index)


@dataclass(frozen=True, slots=True)
class _Body:
    regions: tuple[Region, ...]
    region_by_id: dict[str, Region]
    sensations: tuple[Sensation, ...]
    sensation_by_id: dict[str, Sensation]
    rules: tuple[_Rule, ...]


@cache
def _body_data() -> _Body:
    raw = _read("body.json")
    regs = tuple(Region(**r) for r in raw["regions"])
    sens = tuple(Sensation(**s) for s in raw["sensations"])
    region_by_id = {r.id: r for r in regs}
    sensation_by_id = {s.id: s for s in sens}
    if len(region_by_id) != len(regs) or len(sensation_by_id) != len(sens):
        raise ValueError("body.json: duplicate region or sensation id")
    known = _feelings_data().by_key
    rules = []
    for item in raw["suggestions"]:
        rule = _Rule(
            regions=frozenset(item["regions"]),
            sensations=frozenset(item["sensations"]),
            weights=tuple((normalize(w), float(x)) for w, x in item["feelings"].items()),
        )
        if not rule.regions and not rule.sensations:
            raise ValueError("body.json: a suggestion needs regions, sensations or both")
        unknown = (
            (rule.regions - region_by_id.keys())
            | (rule.sensations - sensation_by_id.keys())
            | {w for w, _ in rule.weights if w not in known}
        )
        if unknown:
            raise ValueError(f"body.json: suggestion refers to unknown ids {sorted(unknown)}")
        rules.append(rule)
    return _Body(regs, region_by_id, sens, sensation_by_id, tuple(rules))


@cache
def _coach_data() -> dict[str, _CoachEntry]:
    raw = _read("coach.json")
    known = _feelings_data().by_key
    table: dict[str, _CoachEntry] = {}
    for item in raw["entries"]:
        missing = [c for c in item["candidates"] if normalize(c) not in known]
        if missing:
            raise ValueError(f"coach.json: {item['word']!r} suggests unknown words {missing}")
        entry = _CoachEntry(
            word=item["word"],
            prompt=item.get("prompt", ""),
            candidates=tuple(known[normalize(c)] for c in item["candidates"]),
        )
        for spelling in (item["word"], *item.get("aliases", ())):
            key = normalize(spelling)
            if key in table:
                raise ValueError(f"coach.json: {spelling!r} appears twice")
            table[key] = entry
    return table


@cache
def _needs_data() -> tuple[Need, ...]:
    return tuple(Need(**n) for n in _read("needs.json")["needs"])


# ----------------------------------------------------------------------------------- feelings
def feelings() -> tuple[Feeling, ...]:
    """Every feeling word, grouped by family in the order of :func:`families`."""
    return _feelings_data().feelings


def families() -> tuple[Family, ...]:
    return _feelings_data().families


def family(family_id: str) -> Family | None:
    return _feelings_data().family_by_id.get(family_id)


@lru_cache(maxsize=4096)
def feeling(word: str) -> Feeling | None:
    """Look a word up, ignoring case, accents and extra spaces; ``None`` if it is not listed."""
    return _feelings_data().by_key.get(normalize(word))


def by_family(family_id: str) -> tuple[Feeling, ...]:
    """The words of one family (empty for an unknown id)."""
    return _feelings_data().by_family.get(family_id, ())


def hint_for(feeling_word: str) -> str:
    """The gentle "what might help" line of the word's family; ``""`` for words we do not list."""
    f = feeling(feeling_word)
    return _feelings_data().family_by_id[f.family].hint if f else ""


def _similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < _FUZZY_CUTOFF or matcher.quick_ratio() < _FUZZY_CUTOFF:
        return 0.0
    return matcher.ratio()


def _fuzzy_score(q: str, entry: _Indexed) -> float:
    """How close a (possibly misspelt, possibly unfinished) query is to a word, 0..1."""
    best = _similarity(q, entry.compact)
    if len(entry.compact) > len(q) + 1:
        # Still typing, with a typo: "dissap" against "disapp(ointed)". Slightly discounted.
        best = max(best, _similarity(q, entry.compact[: len(q)]) - 0.02)
    if len(entry.tokens) > 1:
        for token in entry.tokens:
            best = max(best, _similarity(q, token) - 0.05)
    for form in entry.forms:
        best = max(best, _similarity(q, form.replace(" ", "")))
    return best


def search(query: str, limit: int = 20) -> list[Feeling]:
    """Feeling words matching what someone typed, best first.

    Ranking: the exact word; a word whose other form it is ("anger" -> "angry"); words starting
    with the query; words with a later part or another form starting with it ("out" ->
    "left out"); words containing it; close spellings ("anxius" -> "anxious"); and last, words
    whose definition mentions it. Within a step, shorter and earlier matches come first, then
    alphabetical order. Case, accents, punctuation and extra spaces are ignored. An empty
    query gives an empty list.
    """
    if limit <= 0 or not isinstance(query, str):
        return []
    q = normalize(query[:_MAX_QUERY_CHARS])
    if not q:
        return []
    qc = q.replace(" ", "")
    fuzzy_ok = _FUZZY_MIN <= len(qc) <= _FUZZY_MAX
    padded = " " + q
    ranked: list[tuple[int, float, str, Feeling]] = []
    for entry in _feelings_data().index:
        key, word = entry.key, entry.feeling.word
        if key == q:
            ranked.append((0, 0, word, entry.feeling))
        elif q in entry.forms:
            ranked.append((1, 0, word, entry.feeling))
        elif key.startswith(q) or entry.compact.startswith(qc):
            ranked.append((2, len(key), word, entry.feeling))
        elif any(t.startswith(q) for t in entry.tokens[1:]) or any(
            form.startswith(q) for form in entry.forms
        ):
            ranked.append((3, len(key), word, entry.feeling))
        elif q in key or qc in entry.compact:
            position = key.find(q)
            if position < 0:
                position = entry.compact.find(qc)
            ranked.append((4, position, word, entry.feeling))
        elif fuzzy_ok and (score := _fuzzy_score(qc, entry)) >= _FUZZY_CUTOFF:
            ranked.append((5, -score, word, entry.feeling))
        elif len(q) >= 3 and padded in entry.definition:
            ranked.append((6, 0, word, entry.feeling))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    return [r[3] for r in ranked[:limit]]


# -------------------------------------------------------------------------------------- coach
def _coach_entry(word: str) -> _CoachEntry | None:
    if not isinstance(word, str):
        return None
    table = _coach_data()
    key = normalize(word[:_MAX_QUERY_CHARS])
    return table.get(key) or table.get(_strip_fillers(key))


def coach(word: str) -> list[Feeling] | None:
    """More precise words to try for a broad one ("upset", "not great", "I feel bad").

    ``None`` when the word is not one we coach, so callers can tell "nothing to offer" apart.
    """
    entry = _coach_entry(word)
    return list(entry.candidates) if entry else None


def coach_prompt(word: str) -> str | None:
    """The gentle line to show above the coach's candidates, or ``None``."""
    entry = _coach_entry(word)
    return entry.prompt if entry else None


def is_vague(word: str) -> bool:
    return _coach_entry(word) is not None


def vague_words() -> tuple[str, ...]:
    """The broad words the coach knows (without their alternative spellings)."""
    seen: dict[str, None] = {}
    for entry in _coach_data().values():
        seen.setdefault(entry.word, None)
    return tuple(seen)


# --------------------------------------------------------------------------------------- body
def regions() -> tuple[Region, ...]:
    return _body_data().regions


def region(region_id: str) -> Region | None:
    return _body_data().region_by_id.get(region_id)


def sensations() -> tuple[Sensation, ...]:
    return _body_data().sensations


def sensation(sensation_id: str) -> Sensation | None:
    return _body_data().sensation_by_id.get(sensation_id)


def _intensity_factor(intensity: float) -> float:
    """0..10 -> 1/11..1: stronger marks count more, and a faint mark still counts a little."""
    value = float(intensity)
    if math.isnan(value):
        raise ValueError("intensity must be a number from 0 to 10")
    return (min(max(value, 0.0), 10.0) + 1.0) / 11.0


def suggest_from_body(
    marks: Iterable[tuple[str, Iterable[str], int]], limit: int = 8
) -> list[tuple[Feeling, float]]:
    """Feeling words people often link with what was marked on the body map.

    Each mark is ``(region_id, sensation_ids, intensity 0-10)``. Every suggestion rule that fits
    a mark adds its weights, scaled by the mark's intensity. Unknown regions and sensations
    (such as "something else" free text) are ignored, not errors. Results are sorted by score,
    then alphabetically, so the same marks always give the same list. These are starting
    points to try on, not a reading of what someone feels.
    """
    if limit <= 0:
        return []
    body = _body_data()
    known = _feelings_data().by_key
    scores: dict[str, float] = {}
    for region_id, sensation_ids, intensity in marks:
        factor = _intensity_factor(intensity)
        chosen = {sensation_ids} if isinstance(sensation_ids, str) else set(sensation_ids)
        for rule in body.rules:
            if rule.regions and region_id not in rule.regions:
                continue
            if rule.sensations and rule.sensations.isdisjoint(chosen):
                continue
            for word, weight in rule.weights:
                scores[word] = scores.get(word, 0.0) + weight * factor
    ranked = sorted(
        ((round(score, 6), word) for word, score in scores.items() if score > 0),
        key=lambda item: (-item[0], item[1]),
    )
    return [(known[word], score) for score, word in ranked[:limit]]


# -------------------------------------------------------------------------------------- needs
def needs() -> tuple[Need, ...]:
    return _needs_data()
