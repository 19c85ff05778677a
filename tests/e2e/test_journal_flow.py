"""The foundation journey in a real browser: create, write, find, lock, unlock, edit, delete."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .flows import PASSPHRASE, create_journal, go_to, lock, unlock
from .harness import (
    FAST_IDLE_CLOCK,
    AppProcess,
    OpenPage,
    StartApp,
    click_button,
    expect_no_text,
    expect_said,
    expect_text,
    fill,
    shot,
    textbox,
)

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("viewport", [(400, 800), (1280, 800)], ids=["phone", "desktop"])
def test_journal_journey(app_server: AppProcess, open_page: OpenPage, viewport: tuple[int, int]) -> None:
    name = f"journal-{viewport[0]}"
    app = open_page(app_server.url, viewport=viewport)
    page = app.page
    create_journal(app, prefix=name)
    shot(app, f"{name}-03-empty-journal")
    expect_said(app, "Your journal is here whenever you want it")

    # write an entry
    click_button(app, "New entry")
    fill(app, "Title (optional)", "After the bus")
    fill(app, "What's on your mind?", "My jaw was clenched the whole ride. Später ging es besser.")
    shot(app, f"{name}-04-editor")
    click_button(app, "Save entry")
    expect_text(app, "After the bus")
    shot(app, f"{name}-05-list")

    # a second entry, so search has something to leave out
    click_button(app, "New entry")
    fill(app, "What's on your mind?", "Slept well, walked by the river.")
    click_button(app, "Save entry")
    expect_text(app, "Slept well")

    # search (accent-insensitive)
    fill(app, "Search entries", "spater")
    expect_text(app, "1 entry matches")
    expect_no_text(app, "Slept well")
    shot(app, f"{name}-06-search")
    fill(app, "Search entries", "")
    expect_text(app, "Slept well")

    # lock, a wrong passphrase, then the right one
    lock(app)
    shot(app, f"{name}-07-locked")
    expect_no_text(app, "After the bus")
    fill(app, "Passphrase", "not my passphrase")
    click_button(app, "Unlock")
    expect_text(app, "doesn't open this journal")
    shot(app, f"{name}-08-wrong-passphrase")
    unlock(app, PASSPHRASE)
    expect_text(app, "After the bus")

    # edit
    page.get_by_text("After the bus").first.click()
    expect(textbox(app, "What's on your mind?")).to_be_visible()
    fill(app, "Title (optional)", "After the bus, edited")
    click_button(app, "Save entry")
    expect_text(app, "After the bus, edited")

    # delete, with confirmation (first say no)
    page.get_by_text("After the bus, edited").first.click()
    click_button(app, "Delete entry")
    expect_text(app, "Delete this entry?")
    shot(app, f"{name}-09-confirm-delete")
    click_button(app, "Keep it")
    click_button(app, "Delete entry")
    click_button(app, "Delete")
    expect_text(app, "Slept well")
    expect_no_text(app, "After the bus")
    shot(app, f"{name}-10-after-delete")
    # a moment to change one's mind: Undo brings the very same entry back
    click_button(app, "Undo")
    expect_text(app, "After the bus, edited")
    page.get_by_text("After the bus, edited").first.click()
    click_button(app, "Delete entry")
    click_button(app, "Delete")
    expect_no_text(app, "After the bus")

    # help is one tap away, locked or not
    click_button(app, "Need help now")
    expect_text(app, "If you are in danger right now")
    shot(app, f"{name}-11-help")
    assert not app.unexpected_outside_requests(allowed=())


def test_empty_entry_is_not_saved_and_says_why(app_server: AppProcess, open_page: OpenPage) -> None:
    app = open_page(app_server.url)
    create_journal(app)
    click_button(app, "New entry")
    click_button(app, "Save entry")
    expect_text(app, "There's nothing to save yet")


def test_mismatched_and_short_passphrases_are_explained(app_server: AppProcess, open_page: OpenPage) -> None:
    app = open_page(app_server.url)
    fill(app, "Passphrase", "short")
    click_button(app, "Create my journal")
    expect_text(app, "at least 8 characters")
    fill(app, "Passphrase", "long enough passphrase")
    fill(app, "Repeat passphrase", "long enough passphrasf")
    click_button(app, "Create my journal")
    expect_text(app, "don't match")
    assert not (app_server.data_dir / "journal.sqlite").exists()


def test_unsaved_words_survive_a_killed_app(start_app, open_page: OpenPage, tmp_path) -> None:
    """Why: people write right after something happened; a crash must not take the words."""
    server = start_app(tmp_path / "data")
    app = open_page(server.url)
    create_journal(app)
    click_button(app, "New entry")
    fill(app, "What's on your mind?", "Half a thought about Tuesday")
    expect_text(app, "Draft kept safe", timeout_ms=15_000)
    server.process.kill()  # no chance to save anything more
    server.process.wait(10)
    app.close()

    again = start_app(tmp_path / "data")
    app = open_page(again.url)
    unlock(app)
    expect_text(app, "Unfinished entry")
    click_button(app, "New entry")
    expect_text(app, "Picked up your unsaved changes")
    # the accessibility tree fills a text area's value in once it has focus
    box = textbox(app, "What's on your mind?")
    box.click()
    expect(box).to_have_value("Half a thought about Tuesday")


def test_auto_lock_after_quiet_time_keeps_the_draft(start_app: StartApp, open_page: OpenPage) -> None:
    """Why: a phone left on a table must not show the journal; what was typed must survive."""
    import re

    app = open_page(start_app(env=FAST_IDLE_CLOCK).url)
    create_journal(app)
    go_to(app, "Settings")
    app.page.get_by_role("button", name=re.compile("Lock after:")).click()
    app.page.get_by_role("menuitemcheckbox", name="1 minute", exact=True).click()
    expect_text(app, "Companion will lock after 1 minute")
    go_to(app, "Journal")
    click_button(app, "New entry")
    fill(app, "What's on your mind?", "words typed just before walking away")
    # nobody touches anything for a minute (sped up; plus the 5 s check interval)
    expect(app.page.get_by_role("button", name="Unlock")).to_be_visible(timeout=90_000)
    expect_text(app, "Locked after a few quiet minutes")
    expect_no_text(app, "words typed just before")
    shot(app, "autolock-locked")
    # unlocking brings the person back to the entry they were writing, words and all
    fill(app, "Passphrase", PASSPHRASE)
    click_button(app, "Unlock")
    expect_text(app, "Picked up your unsaved changes", timeout_ms=30_000)
    box = textbox(app, "What's on your mind?")
    box.click()
    expect(box).to_have_value("words typed just before walking away")
