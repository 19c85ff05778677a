"""Words for check-ins: feelings, body regions, sensations, needs and the vague-word coach.

The vocabulary lives in JSON files under ``companion/reference/data``: English in the folder
itself (``feelings.json``, ``coach.json``, ``needs.json``, ``body.json``), other languages in
``data/<language>/`` with the same ids (German ``de``, Spanish ``es``). Every file is read
once per language, on first use, through :mod:`importlib.resources` (so it also works from a
wheel or a zip). Everything handed out is immutable, so callers can keep references without
copying.

Ids are language-neutral and are what records store: region, sensation, need and family ids,
and for a feeling its English word (``"disappointed"``). What a language adds is its words:
``Feeling.word`` is the word in the current language, ``Feeling.id`` the stored key. A
feeling's family and intensity, a region's side and group, a need's kind and the body-to-feeling
suggestion rules come from the English files only. Every public function answers in the
language of :func:`companion.core.i18n.current`; a language without data files speaks English.

Nothing here decides what a person feels. Search, the coach and the body suggestions only offer
words; the person chooses.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from companion.core import i18n

__all__ = [
    "ENGLISH",
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
    "family_label",
    "family_of",
    "feeling",
    "feeling_id",
    "feeling_label",
    "feelings",
    "hint_for",
    "is_vague",
    "languages_with_data",
    "need",
    "need_label",
    "needs",
    "normalize",
    "prepare_search",
    "region",
    "region_name",
    "regions",
    "search",
    "search_aliases",
    "sensation",
    "sensation_name",
    "sensations",
    "suggest_from_body",
    "vague_words",
]

Intensity = Literal["mild", "moderate", "strong"]
Side = Literal["front", "back", "both"]

INTENSITIES: tuple[str, ...] = ("mild", "moderate", "strong")
SIDES: tuple[str, ...] = ("front", "back", "both")
ENGLISH = "en"

# A query is cut to this many characters before any work: no word or definition is longer,
# and it keeps pasted walls of text cheap.
_MAX_QUERY_CHARS = 200
# Typo matching only makes sense for word-sized queries.
_FUZZY_MIN, _FUZZY_MAX = 3, 30
_FUZZY_CUTOFF = 0.8

# Where the data files are (a Traversable; tests point it at a temporary folder).
_DATA_ROOT: Any = resources.files("companion.reference") / "data"


# ------------------------------------------------------------------------------------ types
@dataclass(frozen=True, slots=True)
class Family:
    id: str
    label: str
    description: str
    hint: str  # "When I feel ... I might need ..."


@dataclass(frozen=True, slots=True)
class Feeling:
    word: str  # in the current language
    family: str  # a Family.id
    definition: str
    intensity: Intensity
    forms: tuple[str, ...] = ()  # other ways people type it ("gratitude"); search only
    id: str = ""  # what records store: the English word ("" means the same as word)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", self.word)


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
    weights: tuple[tuple[str, float], ...]  # (feeling id, weight)


@dataclass(frozen=True, slots=True)
class _CoachEntry:
    word: str
    prompt: str
    candidates: tuple[Feeling, ...]


@dataclass(frozen=True, slots=True)
class _Indexed:
    feeling: Feeling
    key: str  # folded word, e.g. "self conscious"
    compact: str  # the same without spaces, e.g. "selfconscious"
    tokens: tuple[str, ...]
    forms: tuple[str, ...]  # folded
    definition: str  # folded definition, padded with a leading space


# ------------------------------------------------------------------------------ normalising
_NON_WORD = re.compile(r"[\W_]+")
# Words people put before a feeling ("I'm just a bit off"), per language, before folding.
_FILLERS: dict[str, tuple[str, ...]] = {
    "en": (
        "i m feeling", "i am feeling", "im feeling", "feeling", "i feel", "i m", "i am", "im",
        "just", "kind of", "kinda", "sort of", "a bit", "a little", "pretty", "quite", "really",
        "very", "so",
    ),
    "de": (
        "ich fühle mich", "fühle mich", "ich fühl mich", "ich bin", "mir geht es", "mir geht s",
        "mir gehts", "es geht mir", "irgendwie", "einfach", "gerade", "grad", "eher", "etwas",
        "ein bisschen", "ein bissl", "ein wenig", "ziemlich", "total", "echt", "sehr", "so", "nur",
    ),
    "es": (
        "me siento", "me encuentro", "me noto", "siento", "estoy", "ando", "un poco", "algo",
        "medio", "bastante", "muy", "tan", "solo", "sólo", "simplemente", "como", "un tanto",
    ),
}  # fmt: skip
# German spelt without umlauts on a keyboard that has none: "enttaeuscht" for "enttäuscht".
_GERMAN_DIGRAPHS = re.compile(r"(?<=[aou])e")


def normalize(text: str) -> str:
    """Fold case and accents, turn punctuation into spaces and squeeze whitespace.

    ``"  Self-Conscious "`` -> ``"self conscious"``; ``"ÉXCITED"`` -> ``"excited"``;
    ``"Groß"`` -> ``"gross"``.
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def _german_key(text: str) -> str:
    """:func:`normalize`, then "ae", "oe", "ue" read as the umlaut they stand for."""
    return _GERMAN_DIGRAPHS.sub("", normalize(text))


def _folder(language: str) -> Callable[[str], str]:
    """How words of ``language`` are compared: both sides of every match go through it."""
    return _german_key if language == "de" else normalize


def _strip_fillers(key: str, fillers: tuple[str, ...]) -> str:
    """Drop leading "I feel", "just", "a bit" and the like: "i m just a bit off" -> "off"."""
    changed = True
    while changed and key:
        changed = False
        for filler in fillers:
            if key == filler:
                return key
            if key.startswith(filler + " "):
                key = key[len(filler) + 1 :]
                changed = True
                break
    return key


# ---------------------------------------------------------------------------------- loading
def _file(language: str, name: str) -> Any:
    return _DATA_ROOT / name if language == ENGLISH else _DATA_ROOT / language / name


def _has(language: str, name: str) -> bool:
    return bool(_file(language, name).is_file())


def _read(language: str, name: str) -> dict[str, Any]:
    text = _file(language, name).read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"{language}/{name}: expected a JSON object at the top level")
    return data


def languages_with_data() -> tuple[str, ...]:
    """The languages whose words are shipped (English always; others when their folder exists)."""
    return tuple(code for code in i18n.ALL_LANGUAGES if code == ENGLISH or _has(code, "feelings.json"))


def _data_language(language: str, name: str) -> str:
    """``language`` if it has the file ``name``, else English (which always has it)."""
    return language if language != ENGLISH and _has(language, name) else ENGLISH


def _current() -> str:
    return i18n.current()


@dataclass(frozen=True, slots=True)
class _Feelings:
    language: str
    fold: Callable[[str], str]
    families: tuple[Family, ...]
    family_by_id: dict[str, Family]
    feelings: tuple[Feeling, ...]
    by_id: dict[str, Feeling]  # exact stored id
    by_id_key: dict[str, Feeling]  # normalised id ("Disappointed", "self conscious")
    by_key: dict[str, Feeling]  # folded word in this language
    by_form: dict[str, Feeling]  # folded other form in this language
    by_family: dict[str, tuple[Feeling, ...]]
    index: tuple[_Indexed, ...]


def _index(feelings: tuple[Feeling, ...], fold: Callable[[str], str]) -> tuple[_Indexed, ...]:
    return tuple(
        _Indexed(
            feeling=f,
            key=fold(f.word),
            compact=fold(f.word).replace(" ", ""),
            tokens=tuple(fold(f.word).split()),
            forms=tuple(fold(form) for form in f.forms),
            definition=" " + fold(f.definition),
        )
        for f in feelings
    )


def _assemble(language: str, families: tuple[Family, ...], words: list[Feeling], where: str) -> _Feelings:
    fold = _folder(language)
    family_by_id = {f.id: f for f in families}
    if len(family_by_id) != len(families):
        raise ValueError(f"{where}: duplicate family id")
    by_id: dict[str, Feeling] = {}
    by_key: dict[str, Feeling] = {}
    for f in words:
        if f.id in by_id:
            raise ValueError(f"{where}: duplicate feeling id {f.id!r}")
        key = fold(f.word)
        if not key or key in by_key:
            raise ValueError(f"{where}: duplicate or empty word {f.word!r}")
        by_id[f.id] = f
        by_key[key] = f
    by_form: dict[str, Feeling] = {}
    for f in words:
        for form in f.forms:
            key = fold(form)
            if key and key not in by_key:
                by_form.setdefault(key, f)
    by_id_key = {normalize(f.id): f for f in words}
    grouped = {fam.id: tuple(w for w in words if w.family == fam.id) for fam in families}
    ordered = tuple(f for fam in families for f in grouped[fam.id])
    return _Feelings(
        language, fold, families, family_by_id, ordered, by_id, by_id_key, by_key, by_form, grouped,
        _index(ordered, fold),
    )  # fmt: skip


def _english_feelings() -> _Feelings:
    raw = _read(ENGLISH, "feelings.json")
    fams = tuple(Family(**f) for f in raw["families"])
    family_ids = {f.id for f in fams}
    words: list[Feeling] = []
    for item in raw["feelings"]:
        f = Feeling(**{**item, "forms": tuple(item.get("forms", ()))})
        if f.family not in family_ids:
            raise ValueError(f"feelings.json: {f.word!r} has unknown family {f.family!r}")
        if f.intensity not in INTENSITIES:
            raise ValueError(f"feelings.json: {f.word!r} has unknown intensity {f.intensity!r}")
        words.append(f)
    return _assemble(ENGLISH, fams, words, "feelings.json")


def _translated_feelings(language: str) -> _Feelings:
    """A language's words over the English ids: family and intensity come from English."""
    english = _feelings_data(ENGLISH)
    where = f"{language}/feelings.json"
    raw = _read(language, "feelings.json")
    given: dict[str, Family] = {}
    for item in raw.get("families", ()):
        if item["id"] not in english.family_by_id:
            raise ValueError(f"{where}: unknown family id {item['id']!r}")
        given[item["id"]] = Family(item["id"], item["label"], item["description"], item["hint"])
    fams = tuple(given.get(f.id, f) for f in english.families)  # a missing one speaks English
    words: list[Feeling] = []
    for item in raw.get("feelings", ()):
        base = english.by_id.get(item["id"])
        if base is None:
            raise ValueError(f"{where}: unknown feeling id {item['id']!r}")
        words.append(
            Feeling(
                word=item["word"],
                family=base.family,
                definition=item["definition"],
                intensity=base.intensity,
                forms=tuple(item.get("forms", ())),
                id=base.id,
            )
        )
    return _assemble(language, fams, words, where)


@cache
def _feelings_data(language: str) -> _Feelings:
    if language == ENGLISH:
        return _english_feelings()
    if _data_language(language, "feelings.json") == ENGLISH:
        return _feelings_data(ENGLISH)  # the same objects, not a copy
    return _translated_feelings(language)


@dataclass(frozen=True, slots=True)
class _Body:
    regions: tuple[Region, ...]
    region_by_id: dict[str, Region]
    sensations: tuple[Sensation, ...]
    sensation_by_id: dict[str, Sensation]


@cache
def _english_body() -> tuple[_Body, tuple[_Rule, ...]]:
    raw = _read(ENGLISH, "body.json")
    regs = tuple(Region(**r) for r in raw["regions"])
    sens = tuple(Sensation(**s) for s in raw["sensations"])
    region_by_id = {r.id: r for r in regs}
    sensation_by_id = {s.id: s for s in sens}
    if len(region_by_id) != len(regs) or len(sensation_by_id) != len(sens):
        raise ValueError("body.json: duplicate region or sensation id")
    known = _feelings_data(ENGLISH).by_id_key
    rules = []
    for item in raw["suggestions"]:
        unknown_words = [w for w in item["feelings"] if normalize(w) not in known]
        rule = _Rule(
            regions=frozenset(item["regions"]),
            sensations=frozenset(item["sensations"]),
            weights=tuple(
                (known[normalize(w)].id, float(x))
                for w, x in item["feelings"].items()
                if w not in unknown_words
            ),
        )
        if not rule.regions and not rule.sensations:
            raise ValueError("body.json: a suggestion needs regions, sensations or both")
        unknown = (
            (rule.regions - region_by_id.keys())
            | (rule.sensations - sensation_by_id.keys())
            | set(unknown_words)
        )
        if unknown:
            raise ValueError(f"body.json: suggestion refers to unknown ids {sorted(unknown)}")
        rules.append(rule)
    return _Body(regs, region_by_id, sens, sensation_by_id), tuple(rules)


def _rules() -> tuple[_Rule, ...]:
    return _english_body()[1]


@cache
def _body_data(language: str) -> _Body:
    english = _english_body()[0]
    if _data_language(language, "body.json") == ENGLISH:
        return english
    where = f"{language}/body.json"
    raw = _read(language, "body.json")
    names: dict[str, str] = {}
    for item in raw.get("regions", ()):
        if item["id"] not in english.region_by_id:
            raise ValueError(f"{where}: unknown region id {item['id']!r}")
        names[item["id"]] = item["name"]
    regs = tuple(Region(r.id, names[r.id], r.side, r.group) if r.id in names else r for r in english.regions)
    told: dict[str, Sensation] = {}
    for item in raw.get("sensations", ()):
        if item["id"] not in english.sensation_by_id:
            raise ValueError(f"{where}: unknown sensation id {item['id']!r}")
        told[item["id"]] = Sensation(item["id"], item["name"], item["description"])
    sens = tuple(told.get(s.id, s) for s in english.sensations)
    return _Body(regs, {r.id: r for r in regs}, sens, {s.id: s for s in sens})


@cache
def _coach_data(language: str) -> dict[str, _CoachEntry]:
    if language != ENGLISH and _data_language(language, "coach.json") == ENGLISH:
        return _coach_data(ENGLISH)
    raw = _read(language, "coach.json")
    data = _feelings_data(language)
    fold = data.fold
    where = "coach.json" if language == ENGLISH else f"{language}/coach.json"
    table: dict[str, _CoachEntry] = {}
    for item in raw["entries"]:
        missing = [c for c in item["candidates"] if normalize(c) not in data.by_id_key]
        if missing:
            raise ValueError(f"{where}: {item['word']!r} suggests unknown words {missing}")
        entry = _CoachEntry(
            word=item["word"],
            prompt=item.get("prompt", ""),
            candidates=tuple(data.by_id_key[normalize(c)] for c in item["candidates"]),
        )
        for spelling in (item["word"], *item.get("aliases", ())):
            key = fold(spelling)
            if key in table:
                raise ValueError(f"{where}: {spelling!r} appears twice")
            table[key] = entry
    return table


@cache
def _fillers(language: str) -> tuple[str, ...]:
    fold = _folder(language)
    return tuple(dict.fromkeys(fold(f) for f in _FILLERS.get(language, _FILLERS[ENGLISH])))


@dataclass(frozen=True, slots=True)
class _Needs:
    needs: tuple[Need, ...]
    by_id: dict[str, Need]


@cache
def _needs_data(language: str) -> _Needs:
    if language != ENGLISH:
        english = _needs_data(ENGLISH).needs
        if _data_language(language, "needs.json") == ENGLISH:
            return _needs_data(ENGLISH)
    else:
        english = tuple(Need(**n) for n in _read(ENGLISH, "needs.json")["needs"])
        return _Needs(english, {n.id: n for n in english})
    known = {n.id for n in english}
    told: dict[str, tuple[str, str]] = {}
    for item in _read(language, "needs.json").get("needs", ()):
        if item["id"] not in known:
            raise ValueError(f"{language}/needs.json: unknown need id {item['id']!r}")
        told[item["id"]] = (item["label"], item["explanation"])
    items = tuple(Need(n.id, *told[n.id], n.kind) if n.id in told else n for n in english)
    return _Needs(items, {n.id: n for n in items})


def _clear_caches() -> None:
    """Forget every loaded file (tests that point :data:`_DATA_ROOT` elsewhere call this)."""
    for cached in (
        _feelings_data, _english_body, _body_data, _coach_data, _fillers, _needs_data, _feeling,
        _aliases, _alias_index,
    ):  # fmt: skip
        cached.cache_clear()


# ----------------------------------------------------------------------------------- feelings
def feelings() -> tuple[Feeling, ...]:
    """Every feeling word of the current language, grouped by family in the order of :func:`families`."""
    return _feelings_data(_current()).feelings


def families() -> tuple[Family, ...]:
    return _feelings_data(_current()).families


def family(family_id: str) -> Family | None:
    return _feelings_data(_current()).family_by_id.get(family_id)


def family_label(family_id: str) -> str:
    """The family's name in the current language; an unknown id as it is."""
    found = family(family_id)
    return found.label if found else family_id


def feeling(word: str) -> Feeling | None:
    """A listed feeling, in the current language, from its id or a word or other form of the
    current language, ignoring case, accents and extra spaces; ``None`` if it is not listed."""
    if not isinstance(word, str):
        return None
    return _feeling(_current(), word)


@lru_cache(maxsize=8192)
def _feeling(language: str, word: str) -> Feeling | None:
    data = _feelings_data(language)
    exact = data.by_id.get(word)
    if exact is not None:
        return exact
    key = data.fold(word)
    return data.by_key.get(key) or data.by_form.get(key) or data.by_id_key.get(normalize(word))


def feeling_id(text: str, language: str | None = None) -> str | None:
    """The id to store for ``text``: an id, a word or form of the current language, or an English
    word or form (what older check-ins stored); ``None`` for the person's own words.

    With ``language="en"`` only ids and English words count: reading stored records, which
    must not depend on the language the app speaks today."""
    if not isinstance(text, str):
        return None
    here = _current() if language is None else language
    exact = _feelings_data(ENGLISH).by_id.get(text)  # the common case: a stored id
    if exact is not None and (here == ENGLISH or exact.id in _feelings_data(here).by_id):
        return exact.id
    found = _feeling(here, text) or (_feeling(ENGLISH, text) if here != ENGLISH else None)
    if found is not None:
        return found.id
    return None


def family_of(stored: str) -> str | None:
    """The family id of a stored feeling (any language, since families are shared), or ``None``."""
    if not isinstance(stored, str):
        return None
    found = _feeling(ENGLISH, stored)
    return found.family if found else None


def feeling_label(stored: str) -> str:
    """The word to show for a stored feeling: the current language's word for an id (the English
    word when this language lacks it), and anything else, such as the person's own word, unchanged."""
    if not isinstance(stored, str):
        return ""
    english = _feelings_data(ENGLISH)
    base = english.by_id.get(stored) or english.by_id_key.get(normalize(stored))
    if base is None:
        return stored
    here = _feelings_data(_current()).by_id.get(base.id)
    return here.word if here is not None else base.word


def by_family(family_id: str) -> tuple[Feeling, ...]:
    """The words of one family (empty for an unknown id)."""
    return _feelings_data(_current()).by_family.get(family_id, ())


def hint_for(feeling_word: str) -> str:
    """The gentle "what might help" line of the word's family; ``""`` for words we do not list."""
    f = feeling(feeling_word)
    return _feelings_data(_current()).family_by_id[f.family].hint if f else ""


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
    """Feeling words of the current language matching what someone typed, best first.

    Ranking: the exact word; a word whose other form it is ("anger" -> "angry"); words starting
    with the query; words with a later part or another form starting with it ("out" ->
    "left out"); words containing it; close spellings ("anxius" -> "anxious"); and last, words
    whose definition mentions it. Within a step, shorter and earlier matches come first, then
    alphabetical order. Case, accents, punctuation and extra spaces are ignored (in German
    also "ae" for "ä" and "ss" for "ß"). An empty query gives an empty list.
    """
    if limit <= 0 or not isinstance(query, str):
        return []
    data = _feelings_data(_current())
    q = data.fold(query[:_MAX_QUERY_CHARS])
    if not q:
        return []
    qc = q.replace(" ", "")
    fuzzy_ok = _FUZZY_MIN <= len(qc) <= _FUZZY_MAX
    padded = " " + q
    ranked: list[tuple[int, float, str, Feeling]] = []
    for entry in data.index:
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
    language = _current()
    table = _coach_data(language)
    key = _folder(language)(word[:_MAX_QUERY_CHARS])
    return table.get(key) or table.get(_strip_fillers(key, _fillers(language)))


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
    for entry in _coach_data(_current()).values():
        seen.setdefault(entry.word, None)
    return tuple(seen)


# --------------------------------------------------------------------------------------- body
def regions() -> tuple[Region, ...]:
    return _body_data(_current()).regions


def region(region_id: str) -> Region | None:
    return _body_data(_current()).region_by_id.get(region_id)


def region_name(region_id: str) -> str:
    """The region's name in the current language; an unknown id made readable ("left_toe" -> "Left toe")."""
    found = region(region_id)
    return found.name if found else str(region_id).replace("_", " ").capitalize()


def sensations() -> tuple[Sensation, ...]:
    return _body_data(_current()).sensations


def sensation(sensation_id: str) -> Sensation | None:
    return _body_data(_current()).sensation_by_id.get(sensation_id)


def sensation_name(sensation_id: str) -> str:
    """The sensation's name in the current language; an unknown id (or free text) as it is."""
    found = sensation(sensation_id)
    return found.name if found else str(sensation_id)


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
    then alphabetically, so the same marks always give the same list; only words the current
    language has are offered. These are starting points to try on, not a reading of what
    someone feels.
    """
    if limit <= 0:
        return []
    known = _feelings_data(_current()).by_id
    scores: dict[str, float] = {}
    for region_id, sensation_ids, intensity in marks:
        factor = _intensity_factor(intensity)
        chosen = {sensation_ids} if isinstance(sensation_ids, str) else set(sensation_ids)
        for rule in _rules():
            if rule.regions and region_id not in rule.regions:
                continue
            if rule.sensations and rule.sensations.isdisjoint(chosen):
                continue
            for feeling_id_, weight in rule.weights:
                if feeling_id_ in known:
                    scores[feeling_id_] = scores.get(feeling_id_, 0.0) + weight * factor
    ranked = sorted(
        ((round(score, 6), known[fid]) for fid, score in scores.items() if score > 0),
        key=lambda item: (-item[0], item[1].word),
    )
    return [(f, score) for score, f in ranked[:limit]]


# -------------------------------------------------------------------------------------- needs
def needs() -> tuple[Need, ...]:
    return _needs_data(_current()).needs


def need(need_id: str) -> Need | None:
    return _needs_data(_current()).by_id.get(need_id)


def need_label(need_id: str) -> str:
    """The need's name in the current language; an unknown id as it is."""
    found = need(need_id)
    return found.label if found else str(need_id)


# ------------------------------------------------------------------------------------- search
# A query word shorter than this is not looked up (two letters are part of too many names).
_ALIAS_MIN = 3
# Inside a name ("schulter" in "Schulterblatt") only from this length; shorter: a word's start.
_ALIAS_INSIDE_MIN = 4
# No name is longer; longer query words (pasted text) are neither looked up nor remembered.
_ALIAS_MAX = 60


def _stored_form(stored_id: str) -> str:
    """An id as journal search sees it in a record: lower case, accents stripped."""
    folded = unicodedata.normalize("NFKD", stored_id.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


@cache
def _alias_index(language: str) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """(folded name, its words, stored id) for every name a record's ids have in this language
    and in English: feeling words and forms, region and sensation names, need labels."""
    rows: dict[tuple[str, str], None] = {}
    for code in dict.fromkeys((language, ENGLISH)):
        fold = _folder(language)  # a query is folded the current language's way
        data = _feelings_data(code)
        for f in data.feelings:
            for name in (f.word, *f.forms):
                rows[(fold(name), _stored_form(f.id))] = None
        body = _body_data(code)
        for r in body.regions:
            rows[(fold(r.name), _stored_form(r.id))] = None
        for s in body.sensations:
            rows[(fold(s.name), _stored_form(s.id))] = None
        for n in _needs_data(code).needs:
            rows[(fold(n.label), _stored_form(n.id))] = None
    return tuple((name, tuple(name.split()), stored) for name, stored in rows if name)


@lru_cache(maxsize=1024)
def _aliases(language: str, term: str) -> tuple[str, ...]:
    fold = _folder(language)
    key = fold(term[:_MAX_QUERY_CHARS])
    if len(key.replace(" ", "")) < _ALIAS_MIN:
        return ()
    found: dict[str, None] = {}
    if language == "de":
        plain = _stored_form(term).replace("ae", "a").replace("oe", "o").replace("ue", "u")
        if plain != term:
            found[plain] = None  # "enttaeuscht" also finds a word someone wrote as "enttäuscht"
    inside = len(key) >= _ALIAS_INSIDE_MIN
    for name, words, stored in _alias_index(language):
        # an id the term is part of is found by the term itself
        if term not in stored and ((inside and key in name) or any(w.startswith(key) for w in words)):
            found[stored] = None
    return tuple(found)


def prepare_search() -> None:
    """Load what :func:`search_aliases` needs for the current language (a warm-up, off screen)."""
    _alias_index(_current())


def search_aliases(term: str) -> tuple[str, ...]:
    """More texts that should find a record when someone searches the journal for ``term``.

    Check-ins store ids ("disappointed", "left_shoulder", "security"); a person searches in
    their own language ("enttauscht", "Schulter", "sicher"). ``term`` is one folded query word;
    the answer is the stored ids (folded the way journal search folds record text) whose
    current-language or English name contains it. Empty for short or unknown words.
    """
    if not isinstance(term, str) or len(term) > _ALIAS_MAX:
        return ()
    return _aliases(_current(), term)
