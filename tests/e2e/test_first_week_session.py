"""A first week with Companion at phone size (400x800), from the usability review.

One app start (its device locale German) walks: the help page's regional numbers (18),
the Session tab's order (20) and labelled topic ticks (15), sessions set with date and
time pickers (13), a reflection that starts with one's own words (19), a phrase starter
filled in (21), and breathing offered after a strong check-in (3, 8). Each step saves a
light and a dark screenshot.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .flows import create_journal, go_to, scroll_into_flutter_view
from .harness import (
    AppPage,
    StartApp,
    click_button,
    expect_no_text,
    expect_said,
    expect_text,
    fill,
    settle,
    shot,
)
from .test_checkin_flow import mark_region, start_checkin

pytestmark = pytest.mark.e2e

# A computer in Germany that speaks English: the crisis lines follow the region, the words the language.
GERMAN = {"LANG": "en_DE.UTF-8", "LC_ALL": "en_DE.UTF-8", "LC_MESSAGES": "", "LANGUAGE": ""}
PHONE_BOTTOM = 800 - 80  # above the bottom navigation bar


def both_looks(app: AppPage, name: str) -> None:
    """A light and a dark picture of what is on screen now."""
    shot(app, f"first-week-{name}-light")
    app.page.emulate_media(color_scheme="dark")
    settle(app, 500)
    shot(app, f"first-week-{name}-dark")
    app.page.emulate_media(color_scheme="light")
    settle(app, 300)


def on_screen(app: AppPage, locator) -> None:
    """Visible without scrolling: inside the phone's window and above the navigation bar."""
    box = locator.bounding_box(timeout=10_000)
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE_BOTTOM, box


def starter(app: AppPage, text: str):
    """A phrase-starter chip, by its words."""
    named = app.page.get_by_role("checkbox", name=text, exact=True)  # Flet draws a Chip as one
    return named.or_(app.page.get_by_text(text, exact=True)).first


def test_first_week_at_phone_size(start_app: StartApp, open_page) -> None:
    server = start_app(env=GERMAN)
    app = open_page(server.url, viewport=(400, 800))
    page = app.page
    create_journal(app)

    # 18: help suggests the device's region's numbers and says to check them
    click_button(app, "Need help now")
    expect_said(app, "TelefonSeelsorge: 0800 111 0 111")
    expect_said(app, "Suggested for Germany")
    expect_said(app, "Numbers change from time to time")
    both_looks(app, "help")
    click_button(app, "Back")

    # 20: the Session tab leads with one filled "Prepare for my session"; 15: topic ticks say what they do
    go_to(app, "Session")
    prepare = page.get_by_role("button", name="Prepare for my session", exact=True)
    expect(prepare).to_be_visible()
    prepare_box = prepare.bounding_box()
    for quieter in ("New feedback", "Reflect on a session", "Sessions", "Homework"):
        other = page.get_by_role("button", name=quieter, exact=True).bounding_box()
        assert other["y"] > prepare_box["y"], quieter  # the first step comes first
    fill(app, "A topic to bring up", "Changing the time of our sessions")
    page.keyboard.press("Enter")
    topic = page.get_by_role("checkbox", name="Bring to my next session: Changing the time of our sessions")
    expect(topic).to_be_visible()
    expect_text(app, "Tick a topic to bring it to your next session")
    both_looks(app, "session-tab")

    # 13: sessions are set with pickers and read as words, never typed as 2026-11-24
    click_button(app, "Sessions")
    expect(page.get_by_role("textbox", name="Session date")).to_have_count(0)
    session_date = page.get_by_role("button", name=re.compile(r"^Session date: \w+day \d{1,2} \w+"))
    expect(session_date).to_be_visible()
    session_date.click()
    expect(page.get_by_role("button", name="OK")).to_be_visible()
    both_looks(app, "date-picker")
    click_button(app, "OK")
    page.get_by_role("button", name=re.compile(r"^Session time: \d\d:\d\d")).click()
    expect(page.get_by_role("button", name="OK")).to_be_visible()
    both_looks(app, "time-picker")
    click_button(app, "OK")
    page.get_by_role("button", name="Next appointment: choose a date").click()
    click_button(app, "OK")
    expect(page.get_by_role("button", name=re.compile(r"^Next appointment time: 17:00"))).to_be_visible()
    fill(app, "Therapist's name (optional)", "Sam")
    click_button(app, "Add session")
    expect_text(app, re.compile(r"^\w+day \d{1,2} \w+( \d{4})?, \d\d:\d\d with Sam$"))
    expect_no_text(app, re.compile(r"\d{4}-\d{2}-\d{2}"))
    both_looks(app, "sessions")
    click_button(app, "Back")

    # 19: a reflection starts with my own words; the scales wait, folded and worded as my experience
    click_button(app, "Reflect on a session")
    helped = page.get_by_role("textbox", name="What helped, or a moment I felt met", exact=True)
    expect(helped).to_be_visible()
    on_screen(app, helped)
    expect_no_text(app, "How well did we work on what matters to me?")
    expect(page.get_by_text("I felt understood and connected")).to_have_count(0)
    both_looks(app, "reflection")
    fill(app, "What helped, or a moment I felt met", "When you remembered my sister's name")
    scales = page.get_by_role("button", name=re.compile("^Add a few quick scales"))
    scroll_into_flutter_view(app, scales.first)
    scales.first.click()
    expect_text(app, "I felt understood and connected")
    expect_text(app, "0: Far apart")
    both_looks(app, "reflection-scales")
    click_button(app, "Save reflection")
    expect_text(app, "Reflection saved")

    # 21: a phrase starter is a fill-in; nothing with "…" goes in unasked
    click_button(app, "New feedback")
    starter(app, "When you …, I felt …").click()
    expect(page.get_by_role("textbox", name="When you …", exact=True)).to_be_focused()
    fill(app, "When you …", "slowed down")
    fill(app, "I felt …", "safer")
    both_looks(app, "starter-fill-in")
    click_button(app, "Add to my words")
    expect(page.get_by_role("textbox", name="When you …", exact=True)).to_have_count(0)
    click_button(app, "Save feedback")
    expect_text(app, "When you slowed down, I felt safer.")  # the saved draft, no "…" left
    expect_no_text(app, "When you …")
    click_button(app, "New feedback")
    # typing a blank by hand is asked about before saving
    starter(app, "It helped when you …").click()
    click_button(app, "Add to my words")
    expect_text(app, "Fill in each blank, or tap Cancel.")
    click_button(app, "Cancel")
    fill(app, "In my own words", "I'd like more of …")
    click_button(app, "Save feedback")
    expect_text(app, "Some blanks are still empty")
    click_button(app, "Fill them in")
    fill(app, "In my own words", "I'd like more of the quiet at the start.")
    click_button(app, "Save feedback")
    expect_text(app, "I'd like more of the quiet at the start.")

    # 8: after a strong check-in, one tap starts breathing with nothing over its controls
    start_checkin(app)
    mark_region(app, "Chest", ["Tight"], 9)
    click_button(app, "Review")
    click_button(app, "Save check-in")
    click_button(app, "Take a breathing pause")
    expect_text(app, re.compile(r"^(In|Out|Hold)$"), timeout_ms=5_000)
    stop = page.get_by_role("button", name="Stop", exact=True)
    expect(stop).to_be_enabled()
    expect_no_text(app, "Check-in saved")  # the note that used to cover Start, Pause and Stop
    expect(page.get_by_text("Breathe along with the circle")).to_have_count(0)  # not the settings form
    on_screen(app, stop)
    both_looks(app, "breathing-running")
    settle(app, 6_000)
    stop.click()
    # 3: the words say where the pause really is; 8: the after-question is on screen, unscrolled
    expect_text(app, "This pause is kept with your breathing pauses; you'll find it below.")
    expect_no_text(app, "This pause is kept in your journal")
    stopped = page.get_by_text("Stopped", exact=True)
    expect(stopped).to_be_visible()
    after = page.get_by_role("group", name=re.compile("^Tension after")).get_by_role("checkbox", name="3")
    on_screen(app, after.first)
    on_screen(app, page.get_by_role("button", name="Keep this note", exact=True))
    both_looks(app, "breathing-after")
    after.first.click()
    click_button(app, "Keep this note")
    expect_text(app, "Kept:")
    both_looks(app, "breathing-kept")
