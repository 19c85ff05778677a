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

from companion.core.records import Record
from companion.vault.textsearch import (
    fold,
    matches,
    matches_groups,
    payload_text,
    prepare_expander,
    term_groups,
)

# One record in the cache: (created_us, id, kind, updated_us, payload JSON, folded text).
# Only what matching and sorting need is kept ready; a Record is rebuilt from its JSON when it
# is a hit. Keeping every payload as Python objects made the first search after unlock (which
# fills the cache) markedly slower, for records most searches never return.
Entry = tuple[int, str, str, int, bytes, str]
Loader = Callable[[], Iterable[Entry]]
_SORT_KEY = itemgetter(0, 1)  # newest first: created_us, then id


def encode_payload(payload: dict) -> bytes:
    """The compact JSON a payload is stored and cached as."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


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
    )


def record_of(entry: Entry) -> Record:
    created_us, record_id, kind, updated_us, plain, _text = entry
    return Record(record_id, kind, created_us, updated_us, json.loads(plain.decode("utf-8")))


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
        hits = [r for r in map(record_of, candidates) if predicate(r)]
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
        if all(len(group) == 1 for group in groups):
            wanted = [group[0] for group in groups]
            with self._lock:
                hits = [
                    entry
                    for entry in cache.values()
                    if (allowed is None or entry[2] in allowed) and matches(entry[5], wanted)
                ]
        else:
            with self._lock:
                hits = [
                    entry
                    for entry in cache.values()
                    if (allowed is None or entry[2] in allowed) and matches_groups(entry[5], groups)
                ]
        hits.sort(key=_SORT_KEY, reverse=True)
        return [record_of(e) for e in (hits[:limit] if limit is not None else hits)]
