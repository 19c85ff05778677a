"""The one base store every kind is built on: the rules it gives every kind, checked for each kind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from conftest import empty

from companion.core import kind_ids
from companion.core.errors import RecordNotFound
from companion.kinds.base import DraftedStore, RecordStore
from companion.kinds.breathing_log import BreathingLog, BreathingSession
from companion.kinds.checkin import CheckIn, CheckIns
from companion.kinds.feedback import Feedback, FeedbackDraft
from companion.kinds.homework import Homework, Homeworks
from companion.kinds.journal import Entry, Journal
from companion.kinds.reflection import Reflection, Reflections
from companion.kinds.sessions import Session, Sessions
from companion.kinds.topics import Topics
from companion.vault.vault import Vault

NOW = 1_795_000_000_000_000

# (store class, a value worth saving); Topics saves plain words.
STORES: list[tuple[type[RecordStore[Any]], Any]] = [
    (CheckIns, CheckIn(note="a quiet evening")),
    (Journal, Entry("A title", "Some words.")),
    (Feedback, FeedbackDraft("appreciation", text="It helped when you slowed down.")),
    (Reflections, Reflection(overall=7)),
    (Sessions, Session(NOW, "Sam")),
    (BreathingLog, BreathingSession("slow", 4, 0, 6, 0, 60.0)),
    (Homeworks, Homework("checkin", start=date(2026, 11, 20))),
    (Topics, "My sister's wedding"),
]
IDS = [store.__name__ for store, _value in STORES]


def test_every_store_names_a_known_kind() -> None:
    assert {store.kind for store, _value in STORES} <= set(kind_ids.ALL)
    assert len({store.kind for store, _value in STORES}) == len(STORES)


@pytest.mark.parametrize(("store_class", "value"), STORES, ids=IDS)
def test_an_id_of_another_kind_is_never_read_overwritten_or_deleted(
    vault: Vault, store_class: type[RecordStore[Any]], value: Any
) -> None:
    """Check-ins and journal entries did not check this before the base store; every other kind did."""
    empty(vault)
    store = store_class(vault)
    other_kind = kind_ids.JOURNAL if store.kind != kind_ids.JOURNAL else kind_ids.CHECKIN
    other = vault.add(other_kind, {"body": "someone else's words"})
    with pytest.raises(RecordNotFound):
        store.get(other.id)
    with pytest.raises(RecordNotFound):
        store.update(other.id, value)
    with pytest.raises(RecordNotFound):
        store.delete(other.id)
    assert vault.get(other.id).payload == {"body": "someone else's words"}


@pytest.mark.parametrize(("store_class", "value"), STORES, ids=IDS)
def test_add_get_delete_round_trip(vault: Vault, store_class: type[RecordStore[Any]], value: Any) -> None:
    empty(vault)
    store = store_class(vault)
    record = store.add(value)
    assert record.kind == store.kind
    assert [r.id for r, _v in store.pairs()] == [record.id]
    assert store.page().records[0].id == record.id
    store.get(record.id)
    store.delete(record.id)
    assert vault.count() == 0


# --- the hooks, on a kind made up for the test -----------------------------------------------


class Notes(DraftedStore[dict[str, Any]]):
    kind = "test-note"
    empty_message = "Nothing to keep yet."

    def to_payload(self, value: dict[str, Any]) -> dict[str, Any]:
        return dict(value)

    def from_payload(self, payload: Any) -> dict[str, Any]:
        return dict(payload)

    def is_empty(self, value: dict[str, Any]) -> bool:
        return not value.get("text", "").strip()


@pytest.fixture
def notes(vault: Vault) -> Notes:
    empty(vault)
    return Notes(vault)


@pytest.mark.parametrize("write", [lambda s: s.add({"text": " "}), lambda s: s.update("x", {"text": ""})])
def test_an_empty_value_is_refused_with_the_kinds_sentence_before_anything_is_written(
    notes: Notes, vault: Vault, write: Callable[[Notes], Any]
) -> None:
    with pytest.raises(ValueError, match="^Nothing to keep yet.$"):
        write(notes)
    assert vault.count() == 0


def test_deleting_an_item_drops_the_drafts_of_its_edits_but_not_others(notes: Notes, vault: Vault) -> None:
    kept = notes.add({"text": "kept"})
    gone = notes.add({"text": "gone"})
    notes.save_draft(kept.id, {"text": "kept, edited"})
    notes.save_draft(gone.id, {"text": "gone, edited"})
    notes.save_draft(None, {"text": "a new one"})
    notes.delete(gone.id)
    assert notes.find_draft(gone.id) is None
    assert notes.find_draft(kept.id) is not None and notes.find_draft(None) is not None
    assert vault.count([kind_ids.DRAFT]) == 2


def test_a_draft_reads_back_as_a_value(notes: Notes) -> None:
    draft_id = notes.save_draft(None, {"text": "half a thought"})
    assert notes.find_draft(None) == (draft_id, {"text": "half a thought"})
    notes.discard_draft(None)
    assert notes.find_draft(None) is None
