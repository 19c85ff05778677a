"""A forgotten passphrase: the recovery code opens the journal and leads straight to a new one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .flows import PASSPHRASE, lock, unlock
from .harness import AppPage, AppProcess, OpenPage, click_button, expect_text, fill, shot, textbox

pytestmark = pytest.mark.e2e

NEW_PASSPHRASE = "lantern harbour pebble"


def read_recovery_code(app: AppPage) -> str:
    """The code as a screen reader hears it ("Recovery code A F 5 6 - J R ..."), put back together."""
    spoken = re.search(r"Recovery code ((?:[A-Z0-9] |- )+[A-Z0-9])", app.page.locator("body").aria_snapshot())
    assert spoken, "no recovery code on screen"
    return spoken.group(1).replace(" ", "")


def test_recovery_code_leads_to_a_new_passphrase_and_a_new_code(
    app_server: AppProcess, open_page: OpenPage
) -> None:
    """Why: after a recovery-code unlock, "Change passphrase" asked for the one just forgotten."""
    app = open_page(app_server.url)
    expect_text(app, "Welcome to Companion")
    fill(app, "Passphrase", PASSPHRASE)
    fill(app, "Repeat passphrase", PASSPHRASE)
    click_button(app, "Create my journal")
    expect_text(app, "Keep this recovery code safe", timeout_ms=30_000)
    code = read_recovery_code(app)
    assert len(code) >= 20
    click_button(app, "I've kept it safe")
    expect(app.page.get_by_role("button", name="New entry")).to_be_visible(timeout=30_000)
    lock(app)

    click_button(app, "Forgot your passphrase? Use your recovery code")
    fill(app, "Recovery code", code)
    click_button(app, "Unlock")
    expect_text(app, "Choose a new passphrase now", timeout_ms=30_000)
    expect(textbox(app, "Current passphrase")).to_have_count(0)
    shot(app, "recovery-01-new-passphrase")
    fill(app, "New passphrase", NEW_PASSPHRASE)
    fill(app, "Repeat new passphrase", NEW_PASSPHRASE)
    click_button(app, "Set new passphrase")
    expect_text(app, "Keep this recovery code safe", timeout_ms=30_000)
    new_code = read_recovery_code(app)
    assert new_code and new_code != code
    shot(app, "recovery-02-new-code")
    click_button(app, "I've kept it safe")
    lock(app)

    # the used code no longer opens it; the new passphrase does
    click_button(app, "Forgot your passphrase? Use your recovery code")
    fill(app, "Recovery code", code)
    click_button(app, "Unlock")
    expect_text(app, "doesn't open this journal", timeout_ms=30_000)
    click_button(app, "Use my passphrase instead")
    expect(app.page.get_by_role("button", name=re.compile("Unlock|Wait"))).to_be_visible()
    unlock(app, NEW_PASSPHRASE)
