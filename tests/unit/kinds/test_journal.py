"""Journal entries, their drafts, and the settings record."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.errors import RecordNotFound
from companion.kinds.journal import (
    JOURNAL,
    MAX_TITLE,
    Entry,
    Journal,
    clean,
    display_title,
    preview,
)
from companion.kinds.settings import DEFAULT_CRISIS_LINES, SETTINGS, CrisisLine, Settings
from companion.vault.drafts import DRAFT
from companion.vault.vault import Vault

PW = "correct horse battery staple"


@pytest.fixture(scope="module")
def vault_path(tmp_path_factory):
    return tmp_path_factory.mktemp("journal") / "journal.sqlite"


@pytest.fixture(scope="module")
def module_vault(vault_path):
    vault, _ = Vault.create(vault_path, PW)
    yield vault
    vault.lock()


@pytest.fixture
def vault(module_vault):
    """The shared vault, emptied so each test starts from a blank journal."""
    for record in list(module_vault.iter_all()):
        module_vault.delete(record.id)
    assert module_vault.count() == 0
    return module_vault


@pytest.fixture
def journal(vault):
    return Journal(vault)


# --- entries -----------------------------------------------------------------------------------


def test_add_get_update_delete(journal, vault):
    record = journal.add(Entry("A walk", "It rained, and that was fine."))
    assert record.kind == JOURNAL
    assert journal.get(record.id) == Entry("A walk", "It rained, and that was fine.")
    journal.update(record.id, Entry("A long walk", "It rained."))
    assert journal.get(record.id) == Entry("A long walk", "It rained.")
    assert vault.get(record.id).created_us == record.created_us
    journal.delete(record.id)
    with pytest.raises(RecordNotFound):
        journal.get(record.id)
    with pytest.raises(RecordNotFound):
        journal.delete(record.id)


@pytest.mark.parametrize("entry", [Entry("", ""), Entry("   ", "\n\n  "), Entry("\t", " \r\n ")])
def test_empty_entry_refused(journal, vault, entry):
    assert entry.is_empty
    with pytest.raises(ValueError):
        journal.add(entry)
    assert vault.count() == 0
    record = journal.add(Entry("kept", "as it was"))
    with pytest.raises(ValueError):
        journal.update(record.id, entry)
    assert journal.get(record.id) == Entry("kept", "as it was")


@pytest.mark.parametrize("entry", [Entry("title only", ""), Entry("", "body only")])
def test_half_empty_entries_are_kept(journal, entry):
    assert not entry.is_empty
    assert journal.get(journal.add(entry).id) == entry


def test_page_lists_only_journal_entries_newest_first(journal, vault):
    ids = [vault.add(JOURNAL, Entry(f"t{i}", f"b{i}").payload(), created_us=1_000 + i).id for i in range(7)]
    journal.save_draft(None, Entry("a draft", "not an entry yet"))
    Settings(vault).set("theme", "dark")
    first = journal.page(limit=3)
    assert [r.id for r in first.records] == ids[::-1][:3]
    second = journal.page(after=first.next_cursor, limit=3)
    third = journal.page(after=second.next_cursor, limit=3)
    assert [r.id for r in second.records + third.records] == ids[::-1][3:]
    assert third.next_cursor is None


def test_search_finds_only_journal_entries(journal, vault):
    entry = journal.add(Entry("Été à la mer", "Les vagues étaient calmes"))
    journal.save_draft(entry.id, Entry("Été à la mer", "Les vagues, brouillon"))
    vault.add("checkin", {"notes": "vagues"})
    assert [r.id for r in journal.search("vagues")] == [entry.id]
    assert [r.id for r in journal.search("ETE MER")] == [entry.id]
    assert journal.search("brouillon") == []
    assert journal.search("") == []


def test_search_limit(journal):
    for i in range(5):
        journal.add(Entry(f"same {i}", "common words"))
    assert len(journal.search("common")) == 5
    assert len(journal.search("common", limit=2)) == 2


# --- display helpers ---------------------------------------------------------------------------


def test_display_title():
    assert display_title(Entry("  My title  ", "body")) == "My title"
    assert display_title(Entry("", "\n\n  First line  \nsecond")) == "First line"
    assert display_title(Entry("   ", "only line")) == "only line"
    assert display_title(Entry("", "")) == "Untitled entry"
    assert display_title(Entry("", " \n \n")) == "Untitled entry"


def test_display_title_is_shortened():
    body = "word " * 40
    shown = display_title(Entry("", body), limit=60)
    assert len(shown) <= 60
    assert shown.endswith("…")
    assert body.startswith(shown[:-1])
    exact = "x" * 60
    assert display_title(Entry("", exact), limit=60) == exact


def test_preview():
    assert preview(Entry("t", "  several\n\nlines   of\ttext ")) == "several lines of text"
    assert preview(Entry("t", "")) == ""
    long_text = "lorem ipsum " * 30
    shown = preview(Entry("t", long_text), limit=140)
    assert len(shown) <= 140 and shown.endswith("…")
    assert " ".join(long_text.split()).startswith(shown[:-1])
    exact = "y" * 140
    assert preview(Entry("t", exact)) == exact


@given(st.text(max_size=400), st.integers(2, 200))
def test_display_helpers_respect_limits(body, limit):
    assert len(display_title(Entry("", body), limit=limit)) <= max(limit, len("Untitled entry"))
    assert len(preview(Entry("", body), limit=limit)) <= limit


def test_clean():
    entry = clean("  A   spaced\ttitle \n", "\n\n  Body line one\r\nline two  \n\n")
    assert entry.title == "A spaced title"
    assert entry.body == "Body line one\nline two"
    assert len(clean("t" * 500, "b").title) == MAX_TITLE
    inner = "keep   inner\n\n  spacing"
    assert clean("t", inner).body == inner


def test_clean_trims_windows_line_breaks_at_the_edges():
    assert clean("t", "hello\r\n").body == "hello"
    assert clean("t", "\r\nhello").body == "hello"


# --- drafts ------------------------------------------------------------------------------------


def _drafts(vault: Vault) -> list:
    return list(vault.iter_all([DRAFT]))


def test_save_draft_creates_then_updates_the_same_draft(journal, vault):
    first = journal.save_draft(None, Entry("", "I am start"))
    assert journal.find_draft(None) == (first, Entry("", "I am start"))
    second = journal.save_draft(None, Entry("", "I am starting to write"))
    assert second == first
    third = journal.save_draft(None, Entry("Title", "I am starting to write more"), draft_id=first)
    assert third == first
    assert len(_drafts(vault)) == 1
    assert journal.find_draft(None) == (first, Entry("Title", "I am starting to write more"))
    # Drafts are not entries.
    assert journal.page().records == []


def test_one_draft_per_target(journal, vault):
    a = journal.add(Entry("entry a", "text a"))
    b = journal.add(Entry("entry b", "text b"))
    new_draft = journal.save_draft(None, Entry("", "a new one"))
    draft_a = journal.save_draft(a.id, Entry("entry a", "text a, edited"))
    draft_b = journal.save_draft(b.id, Entry("entry b", "text b, edited"))
    assert len({new_draft, draft_a, draft_b}) == 3
    assert journal.save_draft(a.id, Entry("entry a", "edited again")) == draft_a
    assert len(_drafts(vault)) == 3
    assert journal.find_draft(a.id) == (draft_a, Entry("entry a", "edited again"))
    assert journal.find_draft(b.id) == (draft_b, Entry("entry b", "text b, edited"))
    assert journal.find_draft(None) == (new_draft, Entry("", "a new one"))
    assert journal.find_draft("no-such-entry") is None
    # The entries themselves are untouched by their drafts.
    assert journal.get(a.id) == Entry("entry a", "text a")


def test_save_draft_with_a_stale_id(journal, vault):
    draft = journal.save_draft(None, Entry("", "v1"))
    vault.delete(draft)
    replacement = journal.save_draft(None, Entry("", "v2"), draft_id=draft)
    assert replacement != draft
    assert journal.find_draft(None) == (replacement, Entry("", "v2"))
    assert len(_drafts(vault)) == 1


def test_discard_draft(journal, vault):
    entry = journal.add(Entry("kept", "entry"))
    new_draft = journal.save_draft(None, Entry("", "new"))
    edit_draft = journal.save_draft(entry.id, Entry("kept", "edit"))
    journal.discard_draft(None, new_draft)
    assert journal.find_draft(None) is None
    assert journal.find_draft(entry.id) == (edit_draft, Entry("kept", "edit"))
    journal.discard_draft(entry.id)  # without knowing the id
    assert journal.find_draft(entry.id) is None
    assert _drafts(vault) == []
    journal.discard_draft(entry.id, edit_draft)  # again: nothing left, no error
    assert journal.get(entry.id) == Entry("kept", "entry")


def test_deleting_an_entry_removes_its_draft(journal, vault):
    entry = journal.add(Entry("doomed", "entry"))
    other = journal.add(Entry("other", "entry"))
    draft = journal.save_draft(entry.id, Entry("doomed", "half-edited"))
    other_draft = journal.save_draft(other.id, Entry("other", "half-edited"))
    journal.delete(entry.id)
    assert journal.find_draft(entry.id) is None
    with pytest.raises(RecordNotFound):
        vault.get(draft)
    assert journal.find_draft(other.id) == (other_draft, Entry("other", "half-edited"))


def test_drafts_are_stored_in_the_vault(journal, vault, vault_path):
    typed = Entry("", "typed just before the screen locked 🌙")
    draft = journal.save_draft(None, typed)
    reopened = Vault.unlock(vault_path, PW)
    try:
        assert Journal(reopened).find_draft(None) == (draft, typed)
    finally:
        reopened.lock()


# --- settings ----------------------------------------------------------------------------------


def test_crisis_lines_default(vault):
    settings = Settings(vault)
    assert settings.crisis_lines() == list(DEFAULT_CRISIS_LINES)
    assert all(line.number.strip() for line in settings.crisis_lines())
    assert vault.count([SETTINGS]) == 0  # reading defaults writes nothing


def test_crisis_lines_round_trip(vault, vault_path):
    lines = [
        CrisisLine("113 Zelfmoordpreventie", "0800-0113", "Gratis, 24/7"),
        CrisisLine("Télé-Accueil", "107", "Écoute anonyme"),
        CrisisLine("   ", "  "),  # blank rows from the editor are dropped
        CrisisLine("My therapist", "+31 6 1234 5678"),
    ]
    Settings(vault).set_crisis_lines(lines)
    expected = [lines[0], lines[1], lines[3]]
    assert Settings(vault).crisis_lines() == expected
    reopened = Vault.unlock(vault_path, PW)
    try:
        assert Settings(reopened).crisis_lines() == expected
    finally:
        reopened.lock()


def test_settings_are_one_record(vault):
    settings = Settings(vault)
    settings.set("theme", "dark")
    settings.set("reminder", {"hour": 20, "days": ["mon", "thu"]})
    settings.set("theme", "light")
    assert vault.count([SETTINGS]) == 1
    fresh = Settings(vault)
    assert fresh.get("theme") == "light"
    assert fresh.get("reminder") == {"hour": 20, "days": ["mon", "thu"]}
    assert fresh.get("missing", "fallback") == "fallback"
    fresh.set("language", "nl")
    assert vault.count([SETTINGS]) == 1
    assert Settings(vault).get("theme") == "light"
