"""Steps several browser tests share: creating, unlocking and locking a journal."""

from __future__ import annotations

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from .harness import AppPage, click_button, expect_text, fill, settle, shot, textbox

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


def go_to(app: AppPage, section: str) -> None:
    """Open a section: bottom bar tabs on a phone, the side rail on a wide screen."""
    page = app.page
    rail = page.get_by_role("button", name=re.compile(rf"^{section} Tab \d+ of \d+$"))
    page.get_by_role("tab", name=section).or_(rail).first.click()
    # A navigation tab keeps the browser's focus in Flutter's accessibility mode and can
    # take it back from a text field opened right after; a tap on the (inert) title
    # bar hands focus back to the page, as a person's next tap would.
    page.mouse.click(8, 28)


def scroll_into_flutter_view(app: AppPage, item) -> None:
    """Scroll with the mouse wheel, as a person would, until ``item`` is on screen.

    Playwright's own scroll-into-view moves the DOM node but not Flutter's list, so
    a click after it lands on whatever Flutter has at that spot.
    """
    height = app.page.viewport_size["height"]
    bottom = height - 90  # clear of a phone's bottom navigation bar
    last_y = None
    for _ in range(30):
        box = _box_or_none(item)
        if box and box["y"] >= 0 and box["y"] + box["height"] <= bottom:
            wait_until_still(app, item)
            return
        if box and box["y"] == last_y and box["y"] + box["height"] <= height - 8:
            wait_until_still(app, item)
            return  # the list can't scroll further and the item is on screen
        last_y = box["y"] if box else None
        if box:
            app.page.mouse.move(box["x"] + box["width"] / 2, min(max(box["y"], 100), height - 140))
        app.page.mouse.wheel(0, 120 if not box or box["y"] > 0 else -120)
        settle(app, 150)
    raise AssertionError("could not scroll the item into view")


def _box_or_none(item) -> dict | None:
    """Where ``item`` is, or None while Flutter has it out of its accessibility tree (it drops
    and rebuilds nodes while a list scrolls; the next wheel step brings it back)."""
    try:
        return item.bounding_box(timeout=2_000)
    except PlaywrightTimeoutError:
        return None


def wait_until_still(app: AppPage, item, *, tries: int = 20) -> None:
    """Wait until ``item`` stays put between two looks (a list may still be gliding).

    While Flutter scrolls, the accessibility tree trails the picture: a click at a node's
    old place reaches what is painted there now.
    """
    last = None
    for _ in range(tries):
        box = item.bounding_box(timeout=5_000)
        if box is not None and box == last:
            return
        last = box
        settle(app, 120)


def scroll_to(app: AppPage, item, steps: int = 40) -> None:
    """Wheel down until a list item Flutter hasn't built yet exists, then bring it into view."""
    width, height = app.page.viewport_size["width"], app.page.viewport_size["height"]
    for _ in range(steps):
        if item.count() > 0:
            scroll_into_flutter_view(app, item.first)
            return
        app.page.mouse.move(width * 0.3, height / 2)
        app.page.mouse.wheel(0, 250)
        settle(app, 150)
    raise AssertionError("scrolled to the end without finding the item")


def choose(app: AppPage, menu: str, option: str) -> None:
    """Pick ``option`` from the menu whose button reads "<menu>: <current choice>"."""
    # Flutter prefixes the menu button's name with "Show menu"
    app.page.get_by_role("button", name=re.compile(rf"{re.escape(menu)}:")).first.click()
    item = app.page.get_by_role("menuitemcheckbox", name=option, exact=True)
    scroll_into_flutter_view(app, item)
    item.click()
    # the pointer may still rest on the button, whose tooltip then joins its name
    chosen = re.compile(rf"{re.escape(menu)}: {re.escape(option)}( Show menu)?$")
    expect(app.page.get_by_role("button", name=chosen)).to_be_visible()


def pick_result(app: AppPage, word: str) -> None:
    """Tap a feeling search result once the list has stopped re-rendering for each keystroke."""
    pattern = re.escape(word).replace("/", r"\/")  # Playwright reads the pattern inside /.../
    result = app.page.get_by_role("button", name=re.compile(rf"^{pattern}\b")).first
    expect(result).to_be_visible()
    settle(app, 400)
    result.click()
