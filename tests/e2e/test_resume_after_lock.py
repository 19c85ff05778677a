"""After an automatic lock, unlocking brings the person back to the same screen and step."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .flows import PASSPHRASE, create_journal, go_to, unlock
from .harness import AppPage, AppProcess, OpenPage, click_button, expect_text, fill, shot

pytestmark = pytest.mark.e2e


def test_auto_lock_mid_checkin_returns_to_the_same_step(app_server: AppProcess, open_page: OpenPage) -> None:
    """Why: a check-in interrupted by the lock used to land on the Journal, the open step lost."""
    app = open_page(app_server.url)
    create_journal(app)
    go_to(app, "Settings")
    app.page.get_by_role("button", name=re.compile("Lock after:")).click()
    app.page.get_by_role("menuitemcheckbox", name="1 minute", exact=True).click()
    expect_text(app, "Companion will lock after 1 minute")
    go_to(app, "Check in")
    expect_text(app, "Where do you notice something in your body?")
    app.page.get_by_role("button", name="Chest").first.click()
    expect_text(app, "What is it like?")
    app.page.get_by_role("checkbox", name="Tight", exact=True).click()
    click_button(app, "Done")
    click_button(app, "Next")
    expect_text(app, "What are you feeling?")
    # the phone is put down: nobody touches anything for a minute
    expect(app.page.get_by_role("button", name="Unlock")).to_be_visible(timeout=90_000)
    unlock_and_expect_step(app)
    shot(app, "resume-after-lock")


def unlock_and_expect_step(app: AppPage) -> None:
    fill(app, "Passphrase", PASSPHRASE)
    click_button(app, "Unlock")
    expect_text(app, "What are you feeling?", timeout_ms=30_000)
    expect_text(app, "Picked up where you left off")


def test_locking_by_choice_starts_at_the_timeline(app_server: AppProcess, open_page: OpenPage) -> None:
    """Locking on purpose is leaving: the next unlock starts fresh at the timeline."""
    app = open_page(app_server.url)
    create_journal(app)
    go_to(app, "Settle")
    click_button(app, "Lock")
    unlock(app)  # waits for the timeline's "New entry"
