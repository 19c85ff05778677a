"""Decrypted text kept ready for search while a journal is unlocked.

The first search after unlock decrypts every record once; later writes update the cache
in place, so searching stays fast however large the journal grows. The cache knows nothing
of keys or SQL: the vault hands it a loader that yields already-decrypted rows. Locking the
journal calls `clear()`, which drops every decrypted byte this object holds.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

from companion.core.records import Record
from companion.vault.textsearch import (
    fold,
    matches,
    matches_groups,
    payload_text,
    prepare_expander,
    term_groups,
)

# One record in the cache: (created_us, id, kind, updated_us, payload JSON, folded text, exact).
# Only what matching and sorting need is kept ready; a Record is rebuilt from its JSON when it
# is a hit. Keeping every payload as Python objects made the first search after unlock (which
# fills the cache) markedly slower, for records most searches never return.
#
# "exact" False: the folded text is the whole payload JSON, keys included (`rough_entry`). The
# first search after unlock waits for every record to be decrypted; parsing each JSON to pull
# out its words doubled that wait. The rough text is a safe first sieve: a word in any of the
# payload's texts is in its JSON too, so only records the sieve passes are parsed and checked
# exactly (a key like "body" or "title" passes the sieve but not the check), and a checked
# record keeps its exact text from then on.
Entry = tuple[int, str, str, int, bytes, str, bool]
Loader = Callable[[], Iterable[Entry]]
_SORT_KEY = itemgetter(0, 1)  # newest first: created_us, then id
_json_prefix = json.JSONDecoder().raw_decode  # json.loads without its per-call overhead
# Characters JSON writes as escapes: a query word holding one can't be sieved on the JSON text.
_ESCAPED = frozenset('"\\') | frozenset(map(chr, range(0x20)))


def encode_payload(payload: dict) -> bytes:
    """The compact JSON a payload is stored and cached as.

    A lone surrogate (half an emoji left by a broken paste or keyboard) has no UTF-8 form; it
    becomes U+FFFD rather than costing the person the whole entry.
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode("utf-8")


def payload_of(plain: bytes) -> dict[str, Any]:
    """A payload from its stored JSON; ValueError for anything but one JSON object."""
    text = plain.decode("utf-8")
    payload, end = _json_prefix(text)
    if end != len(text) or not isinstance(payload, dict):
        raise ValueError("not a payload")
    return payload


def searchable_text(payload: dict) -> str:
    """A payload's words, folded for accent- and case-blind matching."""
    return fold(payload_text(payload))


def entry_of(record: Record) -> Entry:
    return (
        record.created_us,
        record.id,
        record.kind,
        record.updated_us,
        encode_payload(record.payload),
        searchable_text(record.payload),
        True,
    )


def rough_entry(created_us: int, record_id: str, kind: str, updated_us: int, plain: bytes) -> Entry:
    """A stored row for the cache without parsing its JSON (see `Entry`); ValueError if unreadable.

    JSON that spells a character as ``\\u`` (not how Companion writes it) is parsed at once: the
    sieve relies on every non-ASCII character being written as itself.
    """
    if b"\\u" in plain:
        return (created_us, record_id, kind, updated_us, plain, searchable_text(payload_of(plain)), True)
    return (created_us, record_id, kind, updated_us, plain, fold(plain.decode("utf-8")), False)


def record_of(entry: Entry) -> Record:
    created_us, record_id, kind, updated_us, plain, _text, _exact = entry
    return Record(record_id, kind, created_us, updated_us, json.loads(plain.decode("utf-8")))


def _sieve(groups: list[tuple[str, ...]]) -> list[tuple[str, ...]] | None:
    """The groups to test rough entries with; None when a word holds a character JSON escapes."""
    if any(_ESCAPED.intersection(word) for group in groups for word in group):
        return None
    return groups


class SearchCache:
    """Every readable record's text, filled once by `load`, kept current by `put`/`remove`."""

    def __init__(self, load: Loader) -> None:
        self._load = load
        self._entries: dict[str, Entry] | None = None
        # Writes that happen while the cache is being built, replayed onto it afterwards
        # (None marks a delete), so a save during the first search is never missed.
        self._pending: dict[str, Record | None] | None = None
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()  # one build at a time: a search waits for the warm-up

    def put(self, record: Record) -> None:
        with self._lock:
            if self._entries is not None:
                self._entries[record.id] = entry_of(record)
            elif self._pending is not None:
                self._pending[record.id] = record

    def remove(self, record_id: str) -> None:
        with self._lock:
            if self._entries is not None:
                self._entries.pop(record_id, None)
            elif self._pending is not None:
                self._pending[record_id] = None

    def clear(self) -> None:
        with self._lock:
            self._entries = None
            self._pending = None

    def warm(self) -> None:
        self._ensure()
        prepare_expander()  # the words a query may stand for (a German feeling word for its id)
        self._settle()

    def _ensure(self) -> dict[str, Entry]:
        """Decrypt everything once per unlock; a search during the warm-up waits for it."""
        with self._lock:
            if self._entries is not None:
                return self._entries
        with self._build_lock:
            return self._build()

    def _build(self) -> dict[str, Entry]:
        with self._lock:
            if self._entries is not None:
                return self._entries  # built while this caller waited
            if self._pending is None:
                self._pending = {}
        built = {entry[1]: entry for entry in self._load()}
        with self._lock:
            if self._entries is None:
                for record_id, record in (self._pending or {}).items():
                    if record is None:
                        built.pop(record_id, None)
                    else:
                        built[record_id] = entry_of(record)
                self._entries = built
                self._pending = None
            return self._entries

    def matching(
        self,
        predicate: Callable[[Record], bool],
        kinds: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> list[Record]:
        allowed = set(kinds) if kinds is not None else None
        cache = self._ensure()
        with self._lock:
            candidates = [e for e in cache.values() if allowed is None or e[2] in allowed]
        hits = [r for r in map(self._record_or_none, candidates) if r is not None and predicate(r)]
        hits.sort(key=lambda r: (r.created_us, r.id), reverse=True)
        return hits[:limit] if limit is not None else hits

    def search(
        self, query: str, kinds: Iterable[str] | None = None, limit: int | None = None
    ) -> list[Record]:
        groups = term_groups(query)  # each word with its aliases (a feeling's id for its German word)
        if not groups:
            return []
        allowed = set(kinds) if kinds is not None else None
        cache = self._ensure()
        with self._lock:
            entries = [e for e in cache.values() if allowed is None or e[2] in allowed]
        exact = [e for e in entries if e[6]]
        rough = [e for e in entries if not e[6]] if len(exact) < len(entries) else []
        if all(len(group) == 1 for group in groups):  # no aliases: the plain, quickest test
            wanted = [group[0] for group in groups]
            hits = [e for e in exact if matches(e[5], wanted)]
        else:
            hits = [e for e in exact if matches_groups(e[5], groups)]
        if rough:
            sieve = _sieve(groups)
            passed = rough if sieve is None else [e for e in rough if matches_groups(e[5], sieve)]
            checked = (self._exact(e) for e in passed)
            hits += [e for e in checked if e is not None and matches_groups(e[5], groups)]
        hits.sort(key=_SORT_KEY, reverse=True)
        return [record_of(e) for e in (hits[:limit] if limit is not None else hits)]

    def _settle(self) -> None:
        """Give every entry its exact text (the warm-up's second half, after the first search
        could already run), so later searches need no sieve and no second look."""
        with self._lock:
            rough = [e for e in (self._entries or {}).values() if not e[6]]
        for entry in rough:
            self._exact(entry)

    def _exact(self, entry: Entry) -> Entry | None:
        """``entry`` with its exact text, kept in the cache for later searches; None if unreadable."""
        if entry[6]:
            return entry
        try:
            exact = (*entry[:5], searchable_text(payload_of(entry[4])), True)
        except ValueError:  # not a JSON object: never shown, never found (as before the sieve)
            exact = None
        with self._lock:
            if self._entries is not None and self._entries.get(entry[1]) is entry:
                if exact is None:
                    del self._entries[entry[1]]
                else:
                    self._entries[entry[1]] = exact
        return exact

    @staticmethod
    def _record_or_none(entry: Entry) -> Record | None:
        """The entry's Record (None if its JSON is not one object): no search text needed here,
        so a filter over every record parses each once, as before the sieve."""
        created_us, record_id, kind, updated_us, plain, _text, _exact = entry
        try:
            return Record(record_id, kind, created_us, updated_us, payload_of(plain))
        except ValueError:
            return None
