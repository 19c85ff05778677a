"""Topics to bring up in a session, in the client's own order: private until chosen otherwise.

A topic is a few words ("my sister's wedding") with a place in the list and where it stands
(kinds/sharing.py). Saving new words never moves it or changes where it stands.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from companion.core.errors import RecordNotFound
from companion.core.i18n import _
from companion.core.kind_ids import TOPIC
from companion.core.records import Record
from companion.kinds.base import RecordStore
from companion.kinds.sharing import NOTHING_TO_BRING, PRIVATE, STATES, UNKNOWN_STATE, stored_state

PAYLOAD_VERSION = 1
MAX_TEXT = 100_000


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class Topic:
    text: str
    state: str = PRIVATE
    order: float = 0.0  # position in the list; rewritten as 0, 1, 2 ... when the client reorders

    def to_payload(self) -> dict[str, Any]:
        return {
            "v": PAYLOAD_VERSION,
            "text": self.text[:MAX_TEXT],
            "state": stored_state(self.state),
            "order": self.order,
        }

    @classmethod
    def from_payload(cls, data: Any) -> Topic:
        """Never raises: junk order reads as 0.0, an unknown state as PRIVATE."""
        if not isinstance(data, dict):
            data = {}
        order = data.get("order")
        valid = isinstance(order, int | float) and not isinstance(order, bool) and math.isfinite(order)
        return cls(
            text=_text(data.get("text")),
            state=stored_state(data.get("state")),
            order=float(order) if valid else 0.0,
        )


class Topics(RecordStore[Topic]):
    """Things to bring up, in the client's own order.

    ``add`` and ``update`` take just the words: where a topic sits and whether it is brought
    are kept by the store, never by the screen.
    """

    kind = TOPIC

    def from_payload(self, payload: Any) -> Topic:
        return Topic.from_payload(payload)

    @staticmethod
    def _clean(text: str) -> str:
        text = text.strip()
        if not text:
            raise ValueError(_("Write a few words first, so there's something to bring up."))
        return text

    def add(self, text: str) -> Record:  # type: ignore[override]
        """Append at the end of the list, private."""
        text = self._clean(text)
        current = self.ordered()
        order = current[-1][1].order + 1.0 if current else 0.0
        return self._insert(Topic(text, PRIVATE, order))

    def update(self, record_id: str, text: str) -> Record:  # type: ignore[override]
        """New wording; place and state stay as they were."""
        text = self._clean(text)
        _record, topic = self._pair(record_id)
        return self._write(record_id, replace(topic, text=text))

    def ordered(self) -> list[tuple[Record, Topic]]:
        pairs = self.pairs()
        pairs.sort(key=lambda pair: (pair[1].order, pair[0].created_us, pair[0].id))
        return pairs

    def _rewrite(self, pairs: list[tuple[Record, Topic]]) -> None:
        """Store positions 0, 1, 2 ... touching only the records whose position changed."""
        for index, (record, topic) in enumerate(pairs):
            if topic.order != float(index):
                self._write(record.id, replace(topic, order=float(index)))

    def move(self, record_id: str, new_index: int) -> None:
        """Put one topic at ``new_index`` (clamped to the list); the others keep their order."""
        pairs = self.ordered()
        position = next((i for i, (r, _t) in enumerate(pairs) if r.id == record_id), None)
        if position is None:
            raise RecordNotFound(record_id)
        moving = pairs.pop(position)
        pairs.insert(max(0, min(len(pairs), new_index)), moving)
        self._rewrite(pairs)

    def reorder(self, ids: Sequence[str]) -> None:
        """The listed topics first, in that order; the rest after, in their current order.

        Unknown ids and repeats are ignored, so a list from a slightly stale screen is safe.
        """
        pairs = self.ordered()
        by_id = {r.id: (r, t) for r, t in pairs}
        listed: list[tuple[Record, Topic]] = []
        for record_id in ids:
            if record_id in by_id:
                listed.append(by_id.pop(record_id))
        rest = [pair for pair in pairs if pair[0].id in by_id]
        self._rewrite(listed + rest)

    def set_state(self, record_id: str, state: str) -> Record:
        if state not in STATES:
            raise ValueError(_(UNKNOWN_STATE))
        record, topic = self._pair(record_id)
        if state != PRIVATE and not topic.text.strip():
            raise ValueError(_(NOTHING_TO_BRING))
        if topic.state == state:
            return record
        return self._write(record_id, replace(topic, state=state))
