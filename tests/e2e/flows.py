"""Steps several browser tests share: creating, unlocking and locking a journal."""

from __future__ import annotations

from playwright.sync_api import expect

from .harness import AppPage, click_button, expect_text, fill, shot, textbox

PASSPHRASE = "quiet river morning light"


def create_journal(app: AppPage, passphrase: str = PASSPHRASE, *, prefix: str = "") -> None:
    expect_text(app, "Welcome to Companion")
    if prefix:
        shot(app, f"{prefix}-01-welcome")
    fill(app, "Passphrase", passphrase)
    fill(app, "Repeat passphrase", passphrase)
    click_button(app, "Create my journal")
    expect_text(app, "Keep this recovery code safe", timeout_ms=30_000)
    if prefix:
        shot(app, f"{prefix}-02-recovery-code")
    click_button(app, "I've kept it safe")
    expect(app.page.get_by_role("button", name="New entry")).to_be_visible(timeout=30_000)


def unlock(app: AppPage, passphrase: str = PASSPHRASE) -> None:
    expect(textbox(app, "Passphrase")).to_be_visible(timeout=30_000)
    fill(app, "Passphrase", passphrase)
    click_button(app, "Unlock")
    expect(app.page.get_by_role("button", name="New entry")).to_be_visible(timeout=30_000)


def lock(app: AppPage) -> None:
    click_button(app, "Lock")
    expect(app.page.get_by_role("button", name="Unlock")).to_be_visible(timeout=30_000)
