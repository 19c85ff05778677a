"""Homework cards with texts in several languages: read, kept, shown in the person's language."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from conftest import empty
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core import i18n
from companion.core.errors import HomeworkCardInvalid
from companion.export.card_maker import PracticeForm, make_card
from companion.kinds.homework import (
    CHECKIN,
    MAX_NOTE,
    MAX_TITLE,
    PROMPT,
    THERAPIST,
    Homework,
    Homeworks,
    clean_text,
    describe,
    validated,
)
from companion.kinds.homework_card import parse_card, write_card
from companion.vault.vault import Vault

TODAY = date(2026, 11, 25)

TITLE = {"en": "Evening check-in", "de": "Abend-Check-in", "es": "Registro de la noche"}
PROMPT_TEXTS = {"de": "Was ging heute gut?", "es": "¿Qué salió bien hoy?"}  # no English on purpose


def card(*practices: dict) -> bytes:
    return json.dumps({"format": "companion-homework", "version": 1, "practices": list(practices)}).encode()


def practice() -> Homework:
    return parse_card(card({"what": CHECKIN, "title": TITLE, "note": "Just a minute."}), TODAY)[0]


def test_a_map_of_languages_is_read_and_english_is_the_stored_text() -> None:
    homework = practice()
    assert homework.title == "Evening check-in"  # what shows when no language fits
    assert homework.languages("title") == TITLE
    assert homework.languages("note") == {}  # plain text stays plain
    assert homework.set_by == THERAPIST


def test_the_text_shown_follows_the_current_language() -> None:
    homework = practice()
    assert homework.shown_title == homework.label == "Evening check-in"
    with i18n.use("de"):
        assert homework.shown_title == homework.label == "Abend-Check-in"
        assert homework.shown_note == "Just a minute."  # given once, shown in every language
        assert "Abend-Check-in" in describe(homework, TODAY)
    with i18n.use("es"):
        assert homework.shown_title == "Registro de la noche"
        assert "Registro de la noche" in describe(homework, TODAY)


def test_falls_back_to_english_then_to_the_first_given() -> None:
    homework = parse_card(card({"what": CHECKIN, "title": {"en": "Notice", "de": "Wahrnehmen"}}), TODAY)[0]
    with i18n.use("es"):
        assert homework.shown_title == "Notice"
    prompt = parse_card(card({"what": PROMPT, "prompt": PROMPT_TEXTS}), TODAY)[0]
    assert prompt.prompt == prompt.shown_prompt == "Was ging heute gut?"  # the first given
    with i18n.use("es"):
        assert prompt.shown_prompt == "¿Qué salió bien hoy?"
        assert "¿Qué salió bien hoy?" in describe(prompt, TODAY)


def test_multi_language_card_round_trip() -> None:
    item = {
        "what": PROMPT,
        "title": TITLE,
        "prompt": PROMPT_TEXTS,
        "note": {"en": "Line one\nline two", "es": "Línea uno\nlínea dos"},
        "often": "daily",
        "start": "2026-11-25",
    }
    first = parse_card(card(item), TODAY)
    written = write_card(first)
    assert json.loads(written)["practices"][0]["title"] == TITLE  # written back as a map
    assert json.loads(written)["practices"][0]["prompt"] == PROMPT_TEXTS
    assert parse_card(written, TODAY) == first


def test_texts_are_cleaned_like_plain_text() -> None:
    homework = parse_card(
        card({"what": CHECKIN, "title": {"de": "Be\u202ewusst\x07  atmen", "en": " x\ty "}}), TODAY
    )[0]
    assert homework.languages("title") == {"de": "Bewusst atmen", "en": "x y"}
    assert homework.title == "x y"


def test_plain_cards_and_card_maker_cards_load_unchanged() -> None:
    data = make_card(
        [PracticeForm(what=PROMPT, title="Good things", prompt="What went well?", note="Any day.")], TODAY
    )
    (homework,) = parse_card(data, TODAY)
    assert (homework.title, homework.prompt, homework.note, homework.texts) == (
        "Good things",
        "What went well?",
        "Any day.",
        (),
    )
    assert "texts" not in homework.to_payload()  # stored exactly as before
    assert json.loads(write_card([homework]))["practices"][0]["title"] == "Good things"


@pytest.fixture
def store(vault: Vault) -> Homeworks:
    empty(vault)
    return Homeworks(vault)


def test_the_store_keeps_every_language(store: Homeworks) -> None:
    (record,) = store.add_all([practice()])
    kept = store.get(record.id)
    assert kept.languages("title") == TITLE
    with i18n.use("de"):
        assert kept.label == "Abend-Check-in"


def test_a_changed_title_drops_its_old_languages() -> None:
    homework = validated(replace(practice(), title="My own title"))
    assert homework.languages("title") == {}
    with i18n.use("de"):
        assert homework.label == "My own title"


@pytest.mark.parametrize(
    "texts",
    [
        {"title": {"xx": "a", "de": "b"}},
        {"title": "not a map"},
        {"note": {"de": 5}},
        {"prompt": {"es": "x" * 5000}},
        ["not", "a", "map"],
        {"title": {"de": ""}},
    ],
)
def test_damaged_stored_texts_are_left_out(texts: object) -> None:
    payload = replace(practice(), texts=()).to_payload() | {"texts": texts}
    homework = Homework.from_payload(payload)
    assert all(len(text) <= 2000 and i18n.supported(code) and text for _n, code, text in homework.texts)
    assert homework.title == "Evening check-in"


def test_a_practice_with_a_bad_translation_is_refused_by_the_store(store: Homeworks) -> None:
    english = ("title", "en", "Evening check-in")
    too_long = replace(practice(), texts=(english, ("title", "de", "x" * (MAX_TITLE + 1))))
    with pytest.raises(ValueError, match="longer than 120"):
        store.add(too_long)
    unknown = replace(practice(), texts=(english, ("title", "fr", "Soir")))
    with pytest.raises(ValueError, match="language Companion doesn't know"):
        validated(unknown)


def test_card_messages_about_languages_are_translated() -> None:
    bad = card({"what": CHECKIN, "title": {"fr": "Soir"}})
    with i18n.use("de"), pytest.raises(HomeworkCardInvalid) as caught:
        parse_card(bad, TODAY)
    assert "Sprache, die Companion nicht kennt" in caught.value.reason
    with i18n.use("es"), pytest.raises(HomeworkCardInvalid) as caught:
        parse_card(bad, TODAY)
    assert "idioma que Companion no conoce" in caught.value.reason


_words = st.text(
    st.characters(min_codepoint=0x21, exclude_categories=("Cs", "Cc", "Cf", "Z")), min_size=1, max_size=40
)
_by_language = st.dictionaries(st.sampled_from(sorted(i18n.ALL_LANGUAGES)), _words, min_size=1)


@settings(max_examples=60, deadline=None)
@given(title=_by_language | _words, note=_by_language | _words, prompt=_by_language)
def test_fuzz_multi_language_round_trip(title: object, note: object, prompt: dict[str, str]) -> None:
    first = parse_card(card({"what": PROMPT, "title": title, "note": note, "prompt": prompt}), TODAY)
    assert parse_card(write_card(first), TODAY) == first
    (homework,) = first
    for code, text in prompt.items():
        with i18n.use(code):
            assert homework.shown_prompt == clean_text(text, multiline=True)
    with i18n.use("en"):
        expected = prompt.get("en", next(iter(prompt.values())))
        assert homework.shown_prompt == clean_text(expected, multiline=True)
    assert len(homework.note) <= MAX_NOTE
