"""Hostile texts-by-language on a homework card are refused in plain words, and nothing is added.

A card comes from outside (an e-mail, a download), so a title, note or prompt given as a map of
language code -> text is checked as strictly as plain text: only languages Companion knows,
only text, within the same limits, never empty.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import empty
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core import i18n
from companion.core.errors import HomeworkCardInvalid
from companion.kinds.homework import MAX_NOTE, MAX_PROMPT, MAX_TITLE, Homeworks
from companion.kinds.homework_card import MAX_CARD_BYTES, parse_card
from companion.vault.vault import Vault

TODAY = date(2026, 11, 25)


def card(**fields: object) -> bytes:
    practice = {"what": "prompt", "prompt": "What helped?"} | fields
    return json.dumps({"format": "companion-homework", "version": 1, "practices": [practice]}).encode()


HOSTILE = [
    pytest.param(
        card(title={"fr": "Soir"}), 'language Companion doesn\'t know ("fr"; use en, de, es)', id="unknown"
    ),
    pytest.param(card(title={"EN": "Evening"}), '("EN"', id="upper-case-code"),
    pytest.param(card(title={"en-GB": "Evening"}), '("en-GB"', id="region-tag"),
    pytest.param(card(title={"": "Evening"}), 'doesn\'t know ("";', id="empty-code"),
    pytest.param(
        card(note={"en": "ok", "x" * 5000: "long code"}), 'doesn\'t know ("xxxxxxxxx…"', id="huge-code"
    ),
    pytest.param(card(title={"\u202eed": "x"}), "doesn't know", id="bidi-code"),
    pytest.param(card(title={"en": 5}), 'the title for "en" should be text in quotes', id="number"),
    pytest.param(card(title={"en": None}), 'the title for "en" should be text', id="null"),
    pytest.param(card(title={"en": True}), 'the title for "en" should be text', id="bool"),
    pytest.param(card(title={"en": ["a", "b"]}), 'the title for "en" should be text', id="list"),
    pytest.param(card(title={"en": {"de": "nested"}}), 'the title for "en" should be text', id="nested"),
    pytest.param(card(prompt={"de": {"de": {"de": "x"}}}), 'the prompt for "de" should be text', id="deep"),
    pytest.param(card(title={}), "the title has no text in any language", id="empty-map"),
    pytest.param(card(prompt={}), "the prompt has no text in any language", id="empty-prompt-map"),
    pytest.param(card(title={"de": ""}), 'the title for "de" is empty', id="empty-text"),
    pytest.param(card(note={"es": " \x00\u202e\t "}), 'the note for "es" is empty', id="invisible-text"),
    pytest.param(
        card(title={"en": "ok", "de": "x" * (MAX_TITLE + 1)}),
        f'the title for "de" is longer than {MAX_TITLE} characters',
        id="long-title",
    ),
    pytest.param(
        card(note={"es": "x" * (MAX_NOTE + 1)}),
        f'the note for "es" is longer than {MAX_NOTE}',
        id="long-note",
    ),
    pytest.param(
        card(prompt={"en": "y" * 40_000}), f'the prompt for "en" is longer than {MAX_PROMPT}', id="huge-text"
    ),
    pytest.param(card(title={f"l{n}": "x" for n in range(4000)}), 'doesn\'t know ("l0"', id="huge-map"),
    pytest.param(
        card(title=["en", "Evening"]), "should be text in quotes, or texts by language", id="list-title"
    ),
    pytest.param(card(note=7), "the note should be text in quotes, or texts by language", id="number-note"),
    pytest.param(
        card(what="checkin", prompt={"en": "Why?"}),
        'only a "prompt" practice has a writing prompt',
        id="prompt-map",
    ),
]


@pytest.fixture
def store(vault: Vault) -> Homeworks:
    empty(vault)
    return Homeworks(vault)


@pytest.mark.parametrize(("data", "words"), HOSTILE)
def test_hostile_language_maps_are_refused_with_a_clear_message(
    store: Homeworks, data: bytes, words: str
) -> None:
    assert len(data) <= MAX_CARD_BYTES or "huge" in words
    with pytest.raises(HomeworkCardInvalid) as caught:
        store.add_all(parse_card(data, TODAY))
    message = str(caught.value)
    if len(data) <= MAX_CARD_BYTES:
        assert words in caught.value.reason
        assert caught.value.reason.startswith("practice 1")
    assert message.endswith("Nothing was added.")
    assert store.all() == []  # nothing lost, nothing added


def test_the_refusal_quotes_a_hostile_code_safely() -> None:
    with pytest.raises(HomeworkCardInvalid) as caught:
        parse_card(card(title={"\u202e\x07" + "z" * 500: "x"}), TODAY)
    reason = caught.value.reason
    assert "\u202e" not in reason and "\x07" not in reason and len(reason) < 200


def test_a_map_over_the_card_size_is_refused_before_it_is_read() -> None:
    data = card(note={"en": "x" * (MAX_CARD_BYTES + 1)})
    with pytest.raises(HomeworkCardInvalid, match="larger than 64 KB"):
        parse_card(data, TODAY)


def test_refusals_speak_the_persons_language() -> None:
    data = card(title={"en": 5})
    with i18n.use("de"), pytest.raises(HomeworkCardInvalid) as caught:
        parse_card(data, TODAY)
    assert "sollte Text in Anführungszeichen sein" in caught.value.reason
    assert str(caught.value) != caught.value.reason
    with i18n.use("es"), pytest.raises(HomeworkCardInvalid) as caught:
        parse_card(data, TODAY)
    assert "debe ser texto entre comillas" in caught.value.reason


_json_leaf = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
_json = st.recursive(
    _json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)
_codes = st.sampled_from(["en", "de", "es", "fr", "EN", "", "de-DE"]) | st.text(max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.dictionaries(_codes, _json, max_size=6), note=st.dictionaries(_codes, _json, max_size=6))
def test_fuzz_language_maps_never_crash_and_never_half_add(store: Homeworks, title: dict, note: dict) -> None:
    empty(store.vault)
    try:
        added = store.add_all(parse_card(card(title=title, note=note), TODAY))
    except HomeworkCardInvalid as exc:
        assert exc.reason and store.all() == []
        return
    assert len(added) == 1
    (kept,) = store.all()
    for _name, code, text in kept.texts:
        assert i18n.supported(code) and isinstance(text, str) and text


@pytest.mark.parametrize(
    "texts",
    [
        {"title": {"fr": "Soir", "en": "Evening"}},
        {"title": {"en": {"de": "nested"}}},
        {"note": {"de": "x" * 100_000}},
        {"title": {"de": "Abend"}},  # not the stored title: someone changed it, or forged it
        {"title": "Evening"},
        [{"en": "Evening"}],
    ],
)
def test_a_restored_practice_keeps_only_sound_texts(texts: object) -> None:
    """A backup's homework record goes through the same reading: hostile texts never reach a screen."""
    from companion.core.records import now_us
    from companion.kinds.homework import CHECKIN, Homework, problem
    from companion.kinds.validate import InvalidRecord, validate_record

    payload = Homework(CHECKIN, start=TODAY, title="Evening").to_payload() | {"texts": texts}
    stamp = now_us()
    try:
        validate_record("homework", payload, stamp, stamp)
    except InvalidRecord:
        pass
    practice = Homework.from_payload(payload)
    assert problem(practice) is None
    for _name, code, text in practice.texts:
        assert i18n.supported(code) and isinstance(text, str) and len(text) <= MAX_TITLE
    with i18n.use("de"):
        assert practice.label == "Evening"
