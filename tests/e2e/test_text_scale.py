"""Text at twice the standard size (Settings > Text size > Largest), on a phone.

WCAG 1.4.4 asks that text can be resized to 200% without losing content or function. The
walk sets the largest size in Settings, then opens the main screens of a journal with a few
weeks of sample data at 400x800 and saves scale200-<screen>.png for a person to look at;
along the way every step is still reachable and tappable by its name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from companion.ui.kit import theme

from .flows import PASSPHRASE, choose, go_to, scroll_to, unlock
from .harness import AppPage, OpenPage, StartApp, click_button, fill, settle, shot

pytestmark = pytest.mark.e2e

LARGEST = theme.TEXT_SIZE_LABELS["largest"]


def see(app: AppPage, text: str) -> None:
    """``text`` as visible text, a field's label or part of a group's accessible name."""
    page = app.page
    target = (
        page.get_by_text(text)
        .or_(page.get_by_role("textbox", name=text))
        .or_(page.locator(f'flt-semantics[aria-label*="{text}"]'))
    )
    expect(target.first).to_be_visible(timeout=30_000)


def picture(app: AppPage, screen: str) -> None:
    settle(app, 500)
    shot(app, f"scale200-{screen}")


def test_largest_text_on_every_main_screen(
    start_app: StartApp, open_page: OpenPage, demo_journal_dir: Path
) -> None:
    assert theme.TEXT_SCALES["largest"] == 2.0
    server = start_app(demo_journal_dir)
    app = open_page(server.url, viewport=(400, 800))
    unlock(app)

    go_to(app, "Settings")
    see(app, "Look and feel")
    choose(app, "Text size", LARGEST)
    expect(app.page.get_by_role("button", name=re.compile(f"Text size: {LARGEST}$"))).to_be_visible()
    picture(app, "settings")
    scroll_to(app, app.page.get_by_role("button", name="Make a new recovery code"))
    picture(app, "settings-lower")
    click_button(app, "Make a new recovery code")
    see(app, "please type your passphrase")
    picture(app, "recovery-code-ask")
    fill(app, "Your passphrase", PASSPHRASE)
    click_button(app, "Make a new recovery code")
    see(app, "Keep this recovery code safe")
    picture(app, "recovery-code")
    scroll_to(app, app.page.get_by_role("button", name="Copy code"))
    picture(app, "recovery-code-lower")
    click_button(app, "Back")

    go_to(app, "Journal")
    expect(app.page.get_by_role("button", name="New entry")).to_be_visible()
    picture(app, "journal")
    click_button(app, "Filter")
    see(app, "Clear filters")
    picture(app, "journal-filters")
    click_button(app, "Filter")
    click_button(app, "New entry")
    see(app, "What's on your mind?")
    picture(app, "editor")
    click_button(app, "Back")

    go_to(app, "Check in")
    see(app, "Where do you notice something in your body?")
    picture(app, "checkin-body")
    for step, text in (("2. Feelings", "What are you feeling?"), ("3. Needs", "What might you need")):
        click_button(app, step)
        see(app, text)
        picture(app, f"checkin-{step[3:].lower()}")
    click_button(app, "4. Review")
    settle(app, 300)
    picture(app, "checkin-review")

    go_to(app, "Session")
    see(app, "What I'm bringing")
    picture(app, "session")
    scroll_to(app, app.page.get_by_role("button", name="Add topic"))
    picture(app, "session-lower")
    for button, text, name, lower in (
        ("Prepare for my session", "Parts of the summary", "summary", "Show preview"),
        ("Session card", "What I'm bringing", "card", None),
        ("New feedback", "What happened?", "composer", "Save feedback"),
        ("Homework", "Small practices", "homework", None),
    ):
        click_button(app, button)
        see(app, text)
        picture(app, name)
        if lower:
            scroll_to(app, app.page.get_by_role("button", name=lower, exact=True))
            picture(app, f"{name}-lower")
        if name == "homework":
            click_button(app, "Add a practice")
            see(app, "A short name (optional)")
            picture(app, "practice")
            click_button(app, "Back")
        click_button(app, "Back")

    go_to(app, "Settle")
    see(app, "Breathe along with the circle")
    picture(app, "settle")
    start = app.page.get_by_role("button", name="Start", exact=True)
    scroll_to(app, start)
    start.click()
    expect(app.page.get_by_role("button", name="Stop", exact=True)).to_be_enabled()
    settle(app, 1500)
    picture(app, "settle-breathing")
    click_button(app, "Stop")

    click_button(app, "Need help now")
    see(app, "If you are in danger right now")
    picture(app, "help")
    assert not app.unexpected_outside_requests()


def test_largest_text_on_a_wide_window(
    start_app: StartApp, open_page: OpenPage, demo_journal_dir: Path
) -> None:
    """The side rail and the wider content at 200%: a quick look, not the whole walk."""
    server = start_app(demo_journal_dir)
    app = open_page(server.url, viewport=(1280, 800))
    unlock(app)
    go_to(app, "Settings")
    see(app, "Look and feel")
    choose(app, "Text size", LARGEST)
    picture(app, "desktop-settings")
    for section, text, name in (
        ("Journal", "New entry", "journal"),
        ("Check in", "Where do you notice something in your body?", "checkin"),
        ("Session", "What I'm bringing", "session"),
    ):
        go_to(app, section)
        see(app, text)
        picture(app, f"desktop-{name}")
