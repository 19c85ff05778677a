"""The ready-made cards load, and each is a card the importer accepts as written."""

from __future__ import annotations

import json
from datetime import date

from companion.kinds.homework_card import CARD_FORMAT, CARD_VERSION, parse_card
from companion.reference.ready_cards import ready_card, ready_cards


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
