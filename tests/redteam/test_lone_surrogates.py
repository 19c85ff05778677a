"""Half an emoji (a lone UTF-16 surrogate, from a broken paste or keyboard) must not cost the
person their entry: it is saved with U+FFFD in its place, and the rest reads back as written."""

from __future__ import annotations

from conftest import create_vault

from companion.kinds.homework import clean_text
from companion.kinds.journal import Entry
from companion.services.stores import Stores


def test_an_entry_with_half_an_emoji_is_saved_and_reads_back(tmp_path) -> None:
    stores = Stores.open(create_vault(tmp_path))
    try:
        record = stores.journal.add(Entry("Tired \ud83d", "A long day \udc4b but I made it 🙂"))
        again = stores.journal.get(record.id)
        assert again == Entry("Tired \ufffd", "A long day \ufffd but I made it 🙂")
        assert [r.id for r in stores.records.search("made it", ["journal"])] == [record.id]
    finally:
        stores.close()


def test_a_homework_text_drops_half_an_emoji() -> None:
    assert clean_text("Breathe \ud83d slowly") == "Breathe slowly"
