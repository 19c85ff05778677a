"""Keyboard use on a desktop: Escape goes back one step and keeps what was being written."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .flows import create_journal
from .harness import AppProcess, OpenPage, click_button, expect_said, fill, shot, textbox

pytestmark = pytest.mark.e2e


def test_escape_goes_back_and_keeps_the_draft(app_server: AppProcess, open_page: OpenPage) -> None:
    app = open_page(app_server.url, viewport=(1280, 800))
    create_journal(app)
    click_button(app, "New entry")
    fill(app, "What's on your mind?", "Half a thought about Sunday")
    app.page.keyboard.press("Escape")
    expect(app.page.get_by_role("button", name="New entry")).to_be_visible()
    shot(app, "keyboard-01-after-escape")
    click_button(app, "New entry")
    expect_said(app, "Picked up your unsaved changes")
    box = textbox(app, "What's on your mind?")
    box.click()
    expect(box).to_have_value("Half a thought about Sunday")
    # Escape on a section's first screen stays put: nothing to go back to, nothing lost
    app.page.keyboard.press("Escape")
    app.page.keyboard.press("Escape")
    expect(app.page.get_by_role("button", name="New entry")).to_be_visible()
