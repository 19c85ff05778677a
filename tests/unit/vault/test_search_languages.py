"""Journal search finds a check-in by its feelings, body and needs in the words of the language
the app speaks (and in English), though the record keeps only ids, across case and accents."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest

from companion.core import i18n
from companion.core.records import Record
from companion.kinds.checkin import BodyMark, CheckIn, CheckIns
from companion.reference import vocabulary
from companion.vault import textsearch
from companion.vault.search_cache import SearchCache, entry_of
from companion.vault.vault import Vault


def plain(text: str) -> str:
    """Typed on a keyboard without accents: "enttäuscht" -> "enttauscht", "tensión" -> "tension"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def umlauts_spelt_out(text: str) -> str:
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelt)
    return text


@pytest.fixture
def expander() -> Iterator[None]:
    """Lets a test install its own expander; the app's (from kinds.checkin) comes back after."""
    installed, prepare = textsearch._expander, textsearch._prepare
    yield
    textsearch.set_expander(installed, prepare)


# ---------------------------------------------------------------------------- the mechanism
def test_without_an_expander_a_word_matches_only_itself(expander) -> None:
    textsearch.set_expander(None)
    assert textsearch.alternatives("brust") == ("brust",)
    assert textsearch.term_groups("Brust  ENG") == [("brust",), ("eng",)]


def test_aliases_are_folded_deduplicated_and_a_failing_expander_is_ignored(expander) -> None:
    textsearch.set_expander(lambda term: ["Chest", "chest", "", term] if term == "brust" else [])
    assert textsearch.alternatives("brust") == ("brust", "chest")
    assert textsearch.alternatives("eng") == ("eng",)

    def broken(term: str) -> list[str]:
        raise RuntimeError("a bug in the vocabulary")

    textsearch.set_expander(broken)
    assert textsearch.alternatives("brust") == ("brust",)


def test_the_cache_matches_a_word_or_any_of_its_aliases(expander) -> None:
    records = [
        Record("a", "checkin", 1, 1, {"body": [{"region": "chest"}], "note": "rain"}),
        Record("b", "journal", 2, 2, {"text": "eine Brust voller Mut"}),
        Record("c", "journal", 3, 3, {"text": "rain, rain"}),
    ]
    cache = SearchCache(lambda: [entry_of(r) for r in records])
    textsearch.set_expander(lambda term: ["chest"] if term == "brust" else [])
    assert [r.id for r in cache.search("Brust")] == ["b", "a"]
    assert [r.id for r in cache.search("brust rain")] == ["a"]  # every word must be found
    assert [r.id for r in cache.search("rain")] == ["c", "a"]
    assert [r.id for r in cache.search("brust", kinds=["checkin"])] == ["a"]


def test_the_warm_up_readies_the_aliases_and_survives_a_failing_one(expander) -> None:
    calls: list[str] = []
    textsearch.set_expander(lambda term: [], prepare=lambda: calls.append("ready"))
    cache = SearchCache(lambda: [])
    cache.warm()
    assert calls == ["ready"]

    def broken() -> None:
        raise RuntimeError("a bug in the vocabulary")

    textsearch.set_expander(lambda term: [], prepare=broken)
    cache.warm()  # no error: searching then finds each word by itself
    assert cache.search("anything") == []


def test_the_app_installs_the_vocabulary_as_the_expander() -> None:
    assert textsearch._expander is vocabulary.search_aliases
    assert textsearch._prepare is vocabulary.prepare_search


# ------------------------------------------------------------------------ with the real words
@pytest.fixture
def saved(empty_vault: Vault) -> tuple[Vault, Record, Record]:
    store = CheckIns(empty_vault)
    checkin = store.add(
        CheckIn()
        .mark(BodyMark("left_shoulder", ("tense",), "", 6))
        .add_feeling("disappointed", "strong")
        .add_feeling("grateful")
        .toggle_need("security")
    )
    other = store.add(CheckIn().mark(BodyMark("feet", ("cold",))).add_feeling("calm").toggle_need("rest"))
    return empty_vault, checkin, other


def found(vault: Vault, query: str) -> set[str]:
    return {r.id for r in vault.search(query)}


@pytest.mark.parametrize("language", ["de", "es"])
def test_a_checkin_is_found_by_its_words_in_the_current_language(saved, language) -> None:
    vault, checkin, other = saved
    with i18n.use(language):
        words = [
            vocabulary.feeling_label("disappointed"),
            vocabulary.feeling_label("grateful"),
            vocabulary.region_name("left_shoulder"),
            vocabulary.sensation_name("tense"),
            vocabulary.need_label("security"),
        ]
        for text in words:
            assert text.casefold() not in {"disappointed", "grateful", "left shoulder", "tense"}, text
            for query in {text, text.upper(), plain(text), plain(text).lower(), umlauts_spelt_out(text)}:
                hits = found(vault, query)
                assert checkin.id in hits, (language, query)
                assert other.id not in hits, (language, query)
        # English keeps working in every language
        assert found(vault, "disappointed") == {checkin.id}
        assert found(vault, "shoulder") == {checkin.id}
        assert found(vault, "safe") == {checkin.id}  # the English label of "security"
        # several words: each must be found, in either language
        both = f"{plain(vocabulary.feeling_label('disappointed'))} shoulder"
        assert found(vault, both) == {checkin.id}
        assert found(vault, f"{vocabulary.feeling_label('calm')} shoulder") == set()


def test_german_words_need_german_spoken(saved) -> None:
    vault, checkin, _other = saved
    with i18n.use("de"):
        german = plain(vocabulary.feeling_label("disappointed"))
    assert checkin.id in found(vault, "disappointed")
    assert checkin.id not in found(vault, german)  # in English, German words mean nothing here
    with i18n.use("de"):
        assert checkin.id in found(vault, german)


def test_own_words_are_found_as_written_across_accents(saved) -> None:
    vault, _checkin, _other = saved
    record = CheckIns(vault).add(CheckIn().add_feeling("Zerknirschtheit wegen Ärger"))
    with i18n.use("de"):
        for query in ("zerknirschtheit", "ärger", "arger", "AERGER"):
            assert record.id in found(vault, query), query
