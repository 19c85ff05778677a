"""The ready-made cards load in every language, and each is a card the importer accepts as written."""

from __future__ import annotations

import json
from datetime import date

from companion.core import i18n
from companion.kinds.homework_card import CARD_FORMAT, CARD_VERSION, parse_card
from companion.reference.ready_cards import ReadyCard, cards_in, ready_card, ready_cards


def test_three_ready_made_cards_with_names_and_plain_summaries() -> None:
    cards = ready_cards()
    assert [c.id for c in cards] == [
        "noticing_the_body",
        "feedback_before_session",
        "breathing_when_too_much",
    ]
    for card in cards:
        assert card.name and card.summary.endswith(".")
        assert ready_card(card.id) is card
    assert ready_card("nope") is None


def test_each_ready_made_card_is_a_valid_card_file_on_any_day() -> None:
    for card in ready_cards():
        data = json.dumps({"format": CARD_FORMAT, "version": CARD_VERSION, "practices": list(card.practices)})
        for today in (date(2026, 1, 1), date(2031, 6, 30)):  # no fixed dates: usable for years
            assert len(parse_card(data.encode(), today)) == len(card.practices)


def test_no_scores_streaks_or_shoulds_in_the_words() -> None:
    words = json.dumps([c.__dict__ for c in ready_cards()], default=list).lower()
    for unwelcome in ("streak", "score", "you should", "you must", "failed", "missed a"):
        assert unwelcome not in words


LANGUAGES = sorted(i18n.ALL_LANGUAGES)
UNWELCOME = {
    "de": ("du musst", "du solltest", "versäumt", "versagt", "punkte"),
    "es": ("debes", "tienes que", "fallaste", "puntuación", "racha"),
}


def _shape(card: ReadyCard) -> list[dict]:
    """A card's practices without their words: what, how often, how long."""
    return [{k: v for k, v in p.items() if k not in ("title", "note", "prompt")} for p in card.practices]


def test_every_language_has_the_same_cards_with_the_same_practices() -> None:
    english = cards_in("en")
    for language in LANGUAGES:
        cards = cards_in(language)
        assert [c.id for c in cards] == [c.id for c in english], language
        for card, original in zip(cards, english, strict=True):
            assert _shape(card) == _shape(original), (language, card.id)
            for practice, first in zip(card.practices, original.practices, strict=True):
                assert {k for k in ("title", "note", "prompt") if k in practice} == {
                    k for k in ("title", "note", "prompt") if k in first
                }


def test_each_language_has_its_own_words_and_valid_cards() -> None:
    for language in ("de", "es"):
        cards = cards_in(language)
        for card, original in zip(cards, cards_in("en"), strict=True):
            assert card.name != original.name and card.summary != original.summary
            assert card.summary.endswith(".")
            for practice, first in zip(card.practices, original.practices, strict=True):
                assert practice.get("note") != first.get("note") or "note" not in first
            data = json.dumps(
                {"format": CARD_FORMAT, "version": CARD_VERSION, "practices": list(card.practices)}
            )
            assert len(parse_card(data.encode(), date(2031, 6, 30))) == len(card.practices)
        words = json.dumps([c.__dict__ for c in cards], default=list, ensure_ascii=False).lower()
        for unwelcome in UNWELCOME[language]:
            assert unwelcome not in words, (language, unwelcome)


def test_ready_cards_follow_the_current_language_and_fall_back_to_english() -> None:
    with i18n.use("de"):
        assert ready_card("noticing_the_body").name == "Den Körper wahrnehmen, zwei Wochen"
    with i18n.use("es"):
        assert ready_card("breathing_when_too_much").practices[1]["title"] == "¿Cómo estoy ahora?"
    assert ready_card("noticing_the_body").name == "Noticing the body, two weeks"
    assert cards_in("fr") == cards_in("en")  # a language without its own cards gets English
