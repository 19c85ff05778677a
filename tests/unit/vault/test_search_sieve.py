"""The first search after unlock sieves on each record's raw JSON and checks only what passes.

Whatever the payloads and the words searched for, the sieved cache finds exactly what a cache
of fully parsed texts finds: never a record only because a key ("body", "title") matched,
never a miss because JSON wrote a character as an escape.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from companion.core.records import Record
from companion.vault import textsearch
from companion.vault.search_cache import SearchCache, encode_payload, entry_of, rough_entry

KEYS = ("title", "body", "feelings", "word", "note", "region")
# Letters that fold, escape or do both: quotes, backslashes, new lines, accents, wide forms.
ALPHABET = st.sampled_from(list('ab eé"\\\n\tÉ＂ßẞİ\u0301ﬁ:{},[]') + ["\x01", "u", "0"])
texts = st.text(alphabet=ALPHABET, max_size=12)
values = st.recursive(
    texts | st.integers(-5, 5) | st.booleans() | st.none(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=3),
    max_leaves=8,
)
payloads = st.dictionaries(st.sampled_from(KEYS), values, max_size=4)


@pytest.fixture(autouse=True)
def no_expander() -> Iterator[None]:
    """Words match only themselves here (the vocabulary's aliases are tested elsewhere)."""
    installed, prepare = textsearch._expander, textsearch._prepare
    textsearch.set_expander(None)
    yield
    textsearch.set_expander(installed, prepare)


def records_of(payloads_: list[dict]) -> list[Record]:
    return [Record(f"r{i}", "journal", 1_000 + i, 1_000 + i, p) for i, p in enumerate(payloads_)]


def stored(record: Record, ascii_only: bool) -> bytes:
    """The JSON as Companion writes it, or as an older or foreign writer might (\\u escapes)."""
    if ascii_only:
        return json.dumps(record.payload, ensure_ascii=True).encode()
    return encode_payload(record.payload)


def sieved_cache(records: list[Record], ascii_only: bool = False) -> SearchCache:
    return SearchCache(
        lambda: [
            rough_entry(r.created_us, r.id, r.kind, r.updated_us, stored(r, ascii_only)) for r in records
        ]
    )


def exact_cache(records: list[Record]) -> SearchCache:
    return SearchCache(lambda: [entry_of(r) for r in records])


def ids(found: list[Record]) -> list[str]:
    return [r.id for r in found]


def strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from strings_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings_in(inner)


@st.composite
def queries_for(draw: st.DrawFn, payloads_: list[dict]) -> str:
    """Mostly a piece of a text the payloads hold (so there is something to find), else anything."""
    inside = [text for payload in payloads_ for text in strings_in(payload) if text.strip()]
    if inside and draw(st.booleans()):
        text = draw(st.sampled_from(inside))
        start = draw(st.integers(0, len(text) - 1))
        return text[start : draw(st.integers(start + 1, len(text)))]
    return draw(texts | st.sampled_from(KEYS + ('"', "\\", "\\n", "é", "title body")))


@settings(max_examples=400, deadline=None)
@given(data=st.data(), payloads_=st.lists(payloads, min_size=1, max_size=6), ascii_only=st.booleans())
@example(data=None, payloads_=[{"body": 'say "ß" here'}], ascii_only=True)
def test_the_sieve_finds_exactly_what_the_parsed_texts_find(data, payloads_, ascii_only) -> None:
    records = records_of(payloads_)
    sieved, exact = sieved_cache(records, ascii_only), exact_cache(records)
    queries = ['"ß"', "ß"] if data is None else data.draw(st.lists(queries_for(payloads_), max_size=4))
    for query in queries:
        assert ids(sieved.search(query)) == ids(exact.search(query)), query
        # and again, once the first search has replaced checked records by their exact text
        assert ids(sieved.search(query)) == ids(exact.search(query)), query
    assert [r.payload for r in sieved.search("a")] == [r.payload for r in exact.search("a")]


def test_a_key_alone_never_makes_a_hit() -> None:
    records = records_of([{"title": "A walk", "body": "rain"}, {"title": "body and mind", "body": ""}])
    assert ids(sieved_cache(records).search("body")) == ["r1"]
    assert ids(sieved_cache(records).search("title")) == []


def test_a_checked_record_keeps_its_exact_text() -> None:
    cache = sieved_cache(records_of([{"title": "Tea", "body": "calm"}]))
    assert ids(cache.search("body")) == []
    assert all(entry[6] for entry in cache._ensure().values())


def test_a_row_that_is_not_a_json_object_is_never_found_or_shown() -> None:
    good = Record("good", "journal", 2, 2, {"body": "broken hearts mend"})
    rows = [
        rough_entry(1, "list", "journal", 1, b'["broken"]'),
        rough_entry(3, "cut", "journal", 3, b'{"body": "broken'),
        rough_entry(2, "good", "journal", 2, encode_payload(good.payload)),
    ]
    cache = SearchCache(lambda: rows)
    assert ids(cache.search("broken")) == ["good"]
    assert ids(cache.matching(lambda _record: True)) == ["good"]


def test_the_warm_up_leaves_every_record_with_its_exact_text() -> None:
    """The background warm-up finishes what the sieve started: later searches take the quick path."""
    records = records_of([{"title": "Tea", "body": "calm"}, {"title": "Rain", "body": "body scan"}])
    cache = sieved_cache(records)
    cache.warm()
    assert all(entry[6] for entry in cache._ensure().values())
    assert ids(cache.search("body")) == ["r1"]
