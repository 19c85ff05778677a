"""Ready-made homework cards a therapist can start from (data/ready_cards.json).

Each card is written in our own plain words and grounded in the clinical background (noticing
the body, speaking up with feedback, slow breathing when feelings run high). The practices are
stored exactly as on a card file, so the card maker reads them with the same rules as any card.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class ReadyCard:
    """A card to start from: a name the therapist picks by, one line about it, its practices."""

    id: str
    name: str
    summary: str
    practices: tuple[dict[str, Any], ...]


@cache
def ready_cards() -> tuple[ReadyCard, ...]:
    """All ready-made cards, in the order a therapist sees them (read once per process)."""
    text = (resources.files("companion.reference") / "data" / "ready_cards.json").read_text(encoding="utf-8")
    cards = []
    for raw in json.loads(text)["cards"]:
        practices = tuple(dict(p) for p in raw["practices"])
        if not practices or not all(isinstance(p.get("what"), str) for p in practices):
            raise ValueError(f"ready_cards.json: {raw.get('id')!r} needs practices with a 'what'")
        cards.append(ReadyCard(str(raw["id"]), str(raw["name"]), str(raw["summary"]), practices))
    if len({c.id for c in cards}) != len(cards):
        raise ValueError("ready_cards.json: duplicate card id")
    return tuple(cards)


def ready_card(card_id: str) -> ReadyCard | None:
    return next((c for c in ready_cards() if c.id == card_id), None)
