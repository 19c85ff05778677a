"""Ready-made homework cards a therapist can start from (data/ready_cards.json).

Each card is written in our own plain words and grounded in the clinical background (noticing
the body, speaking up with feedback, slow breathing when feelings run high). The practices are
stored exactly as on a card file, so the card maker reads them with the same rules as any card.

Each language has its own file, written in that language rather than translated word for word:
``data/ready_cards.json`` (English) and ``data/<lang>/ready_cards.json``. They hold the same cards
with the same ids and practices; only the words differ. A language without its own file gets
the English cards.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from companion.core import i18n


@dataclass(frozen=True)
class ReadyCard:
    """A card to start from: a name the therapist picks by, one line about it, its practices."""

    id: str
    name: str
    summary: str
    practices: tuple[dict[str, Any], ...]


def _card_file(language: str) -> Any:
    data = resources.files("companion.reference") / "data"
    if language != i18n.DEFAULT:
        translated = data / language / "ready_cards.json"
        if translated.is_file():
            return translated
    return data / "ready_cards.json"


@cache
def cards_in(language: str) -> tuple[ReadyCard, ...]:
    """The ready-made cards in ``language`` (English when it has none), read once per process."""
    path = _card_file(language if i18n.supported(language) else i18n.DEFAULT)
    cards = []
    for raw in json.loads(path.read_text(encoding="utf-8"))["cards"]:
        practices = tuple(dict(p) for p in raw["practices"])
        if not practices or not all(isinstance(p.get("what"), str) for p in practices):
            raise ValueError(f"{path}: {raw.get('id')!r} needs practices with a 'what'")
        cards.append(ReadyCard(str(raw["id"]), str(raw["name"]), str(raw["summary"]), practices))
    if len({c.id for c in cards}) != len(cards):
        raise ValueError(f"{path}: duplicate card id")
    return tuple(cards)


def ready_cards() -> tuple[ReadyCard, ...]:
    """All ready-made cards in the current language, in the order a therapist sees them."""
    return cards_in(i18n.current())


def ready_card(card_id: str) -> ReadyCard | None:
    return next((c for c in ready_cards() if c.id == card_id), None)
