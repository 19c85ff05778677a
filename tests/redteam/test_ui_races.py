"""Hostile timing and clumsy hands in the real app: a double submit, a dialog outliving the lock,
a recovery code swapped by whoever holds the unlocked phone, and a failure deep in a store.

Each drives the web app in Chromium, because each is about what a person can do on screen.
"""

from __future__ import annotations

import re

from e2e.flows import PASSPHRASE, create_journal, go_to, lock, scroll_to
from e2e.harness import (
    FAST_IDLE_CLOCK,
    AppProcess,
    OpenPage,
    StartApp,
    click_button,
    expect_text,
    fill,
    textbox,
)
from playwright.sync_api import expect

from companion.adapters.paths import vault_path
from companion.ui.shell.errors import SOMETHING_WRONG


def test_enter_pressed_twice_while_unlocking_opens_the_journal_once(
    app_server: AppProcess, open_page: OpenPage
) -> None:
    """Two derivations at once used to deadlock OpenSSL: the journal never opened again."""
    app = open_page(app_server.url)
    create_journal(app)
    lock(app)
    fill(app, "Passphrase", PASSPHRASE)
    field = textbox(app, "Passphrase")
    field.press("Enter")
    app.page.keyboard.press("Enter")  # the second arrives while the first derivation runs
    app.page.keyboard.press("Enter")
    expect(app.page.get_by_role("button", name="New entry")).to_be_visible(timeout=30_000)
    assert "Unhandled error" not in app_server.log_text()


def test_delete_dialog_left_open_does_nothing_after_auto_lock(
    start_app: StartApp, open_page: OpenPage
) -> None:
    """An open "Delete everything?" used to stay usable after the lock, without the passphrase."""
    server = start_app(env=FAST_IDLE_CLOCK)
    app = open_page(server.url)
    create_journal(app)
    go_to(app, "Settings")
    app.page.get_by_role("button", name=re.compile("Lock after:")).click()
    app.page.get_by_role("menuitemcheckbox", name="1 minute", exact=True).click()
    expect_text(app, "Companion will lock after 1 minute")
    delete = app.page.get_by_role("button", name="Delete everything").first
    scroll_to(app, delete)
    delete.click()
    fill(app, "Type DELETE to confirm", "DELETE")
    expect_text(app, "Delete everything?")  # still unlocked here: the dialog is open and armed
    # nobody touches anything for a minute: the journal locks underneath the dialog
    expect(app.page.get_by_role("button", name="Unlock")).to_be_visible(timeout=90_000)
    expect(app.page.get_by_text("Delete everything?")).to_have_count(0)
    assert vault_path(server.data_dir).exists()


def test_a_new_recovery_code_needs_the_passphrase(app_server: AppProcess, open_page: OpenPage) -> None:
    """Whoever holds an unlocked phone must not be able to swap the recovery code for their own."""
    app = open_page(app_server.url)
    create_journal(app)
    go_to(app, "Settings")
    button = app.page.get_by_role("button", name="Make a new recovery code").first
    scroll_to(app, button)
    button.click()
    fill(app, "Your passphrase", "not the right one at all")
    click_button(app, "Make a new recovery code")
    expect_text(app, "doesn't open this journal")
    expect(app.page.get_by_text("Keep this recovery code safe")).to_have_count(0)
    fill(app, "Your passphrase", PASSPHRASE)
    click_button(app, "Make a new recovery code")
    expect_text(app, "Keep this recovery code safe", timeout_ms=30_000)


def test_a_failing_store_gives_a_kind_sentence_and_the_screen_stays_usable(
    start_app: StartApp, open_page: OpenPage
) -> None:
    """Before the one error policy, an exception in a handler ended the session with a traceback."""
    server = start_app(env={"COMPANION_TEST_FAULTS": "journal.add"})
    app = open_page(server.url)
    create_journal(app)
    click_button(app, "New entry")
    fill(app, "What's on your mind?", "words that must not be lost")
    click_button(app, "Save entry")
    expect_text(app, SOMETHING_WRONG)
    expect(textbox(app, "What's on your mind?")).to_be_visible()
    assert "fault injected for a test: journal.add" in server.log_text()  # logged on the device
    go_to(app, "Settle")  # the app still answers
    expect(app.page.get_by_role("button", name=re.compile("Start"))).to_be_visible(timeout=15_000)
