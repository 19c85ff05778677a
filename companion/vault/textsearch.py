"""Matching typed search words against decrypted records, forgiving case and accents.

A query word may have *aliases*: other texts that count as a match for it. Records keep ids
(a check-in stores the feeling "disappointed", the region "left_shoulder"), while a person
searches in their own language ("enttäuscht", "Schulter"). This layer knows no vocabulary, so
a layer above installs the expander with :func:`set_expander` (``companion.kinds.checkin``
does, with ``vocabulary.search_aliases``); without one a word matches only itself.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

_FOLD_ERRORS = "companion.fold"


def _folded_run(run: str) -> str:
    decomposed = unicodedata.normalize("NFKD", run.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Single accented Latin letters, by far the most frequent runs, worked out once, from the
# Unicode tables (nothing anyone wrote is kept here).
_LATIN = {chr(c): _folded_run(chr(c)).encode("utf-8") for c in range(0x80, 0x250)}


def _fold_run(error: UnicodeError) -> tuple[bytes, int]:
    """Codec error handler: a run of non-ASCII characters, case-folded, accents stripped, as UTF-8."""
    assert isinstance(error, UnicodeEncodeError)
    run = error.object[error.start : error.end]
    kept = _LATIN.get(run)
    return (kept if kept is not None else _folded_run(run).encode("utf-8")), error.end


codecs.register_error(_FOLD_ERRORS, _fold_run)


def fold(text: str) -> str:
    """Lower-case and strip accents, so "cafe" finds "Café" and "ÉTÉ" finds "été".

    Most text is ASCII, and only non-ASCII characters need Unicode case folding and
    decomposition: the ASCII encoder skips plain text at C speed and hands each other
    run to `_fold_run`; plain letters are then lower-cased as bytes. Casefold and
    decomposition work character by character, and ASCII characters neither change
    under them nor reorder, so this equals folding the whole text, except that letters
    which only decompose into capitals ("𝐀", "ℌ") now match lower-case queries too.
    Folding a whole journal for the first search stays fast.
    """
    if text.isascii():
        return text.lower()
    return text.encode("ascii", _FOLD_ERRORS).lower().decode("utf-8")


def payload_text(value: Any) -> str:
    """Every string inside a payload, joined, for matching."""
    if isinstance(value, str):
        return value
    parts: list[str] = []
    _collect(value, parts)
    return "\n".join(parts)


def _collect(node: Any, parts: list[str]) -> None:
    if isinstance(node, dict):
        items: Iterable[Any] = node.values()
    elif isinstance(node, list | tuple):
        items = node
    else:
        return
    for item in items:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, dict | list | tuple):
            _collect(item, parts)


def terms(query: str) -> list[str]:
    return [t for t in fold(query).split() if t]


def matches(folded_text: str, query_terms: Iterable[str]) -> bool:
    return all(t in folded_text for t in query_terms)


# One folded query word -> more folded texts that count as finding it (see the module docstring).
Expander = Callable[[str], Iterable[str]]
_expander: Expander | None = None
_prepare: Callable[[], object] | None = None


def set_expander(expander: Expander | None, prepare: Callable[[], object] | None = None) -> None:
    """Install (or remove, with None) what gives a query word its aliases; ``prepare`` readies
    it ahead of the first search (the search cache's background warm-up calls it)."""
    global _expander, _prepare
    _expander, _prepare = expander, prepare


def prepare_expander() -> None:
    """Ready the aliases now, so the first search does not wait for them; never raises."""
    prepare = _prepare
    if prepare is None:
        return
    try:
        prepare()
    except Exception:  # noqa: BLE001 - searching then just finds each word by itself
        return


def alternatives(term: str) -> tuple[str, ...]:
    """``term`` and its aliases, each folded; a failing expander leaves the term alone."""
    expander = _expander
    if expander is None:
        return (term,)
    try:
        extra = [fold(a) for a in expander(term)]
    except Exception:  # noqa: BLE001 - a faulty vocabulary must not break searching the journal
        return (term,)
    return tuple(dict.fromkeys([term, *(a for a in extra if a)]))


def term_groups(query: str) -> list[tuple[str, ...]]:
    """The query's words, each with its aliases: a record matches when every group has a hit."""
    return [alternatives(t) for t in terms(query)]


def matches_groups(folded_text: str, groups: Iterable[tuple[str, ...]]) -> bool:
    return all(any(a in folded_text for a in group) for group in groups)
