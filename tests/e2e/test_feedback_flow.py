"""Feedback for my therapist in a real browser: sessions, drafts by state, a reflection,
and the next-session view showing only what the client chose to bring."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .flows import choose, create_journal, go_to, pick_result, scroll_into_flutter_view
from .harness import (
    AppPage,
    AppProcess,
    OpenPage,
    click_button,
    expect_no_text,
    expect_text,
    fill,
    settle,
    shot,
)

pytestmark = pytest.mark.e2e

VIEWPORTS = [pytest.param((400, 800), id="phone"), pytest.param((1280, 800), id="desktop")]


def next_session_box(app: AppPage):
    """The "Next session / What I'm bringing" block, found by its semantics identifier."""
    return app.page.locator('[flt-semantics-identifier="next-session"]')


def pick_feeling(app: AppPage, word: str) -> None:
    fill(app, "Find a feeling word", word)
    pick_result(app, word)
    expect(
        app.page.get_by_role("checkbox", name=word, exact=True).or_(app.page.get_by_text(word)).first
    ).to_be_visible()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_feedback_journey(app_server: AppProcess, open_page: OpenPage, viewport: tuple[int, int]) -> None:
    name = f"feedback-{viewport[0]}"
    app = open_page(app_server.url, viewport=viewport)
    create_journal(app)
    go_to(app, "Session")
    expect_text(app, "What I'm bringing")
    shot(app, f"{name}-01-empty")

    # two sessions, the next appointment set with the pickers (17:00 unless changed)
    click_button(app, "Sessions")
    fill(app, "Therapist's name (optional)", "Sam")
    app.page.get_by_role("button", name="Next appointment: choose a date").click()
    click_button(app, "OK")
    click_button(app, "Add session")
    expect_text(app, "with Sam")
    fill(app, "Therapist's name (optional)", "Sam")
    click_button(app, "Add session")
    expect(app.page.get_by_text(re.compile(r"\d\d:\d\d with Sam"))).to_have_count(2)
    shot(app, f"{name}-02-sessions")
    click_button(app, "Back")

    # an appreciation, brought to the session
    click_button(app, "New feedback")
    fill(app, "What happened?", "you slowed down")
    fill(app, "What did I notice in my body?", "my shoulders drop")
    pick_feeling(app, "grateful")
    choose(app, "Status", "Bring to session")
    shot(app, f"{name}-03-composer")
    click_button(app, "Save feedback")
    expect_text(app, "When you slowed down, I noticed my shoulders drop and I felt grateful.")

    # a moment I felt missed, kept private
    click_button(app, "New feedback")
    choose(app, "Kind", "A moment I felt missed")
    fill(app, "What happened?", "you checked the clock")
    click_button(app, "Save feedback")
    expect_text(app, "Just for me")

    # an empty draft can't be brought
    click_button(app, "New feedback")
    choose(app, "Status", "Bring to session")
    click_button(app, "Save feedback")
    expect_text(app, "There's nothing here yet")
    click_button(app, "Back")

    # a topic to bring
    fill(app, "A topic to bring up", "Changing the time of our sessions")
    app.page.keyboard.press("Enter")
    topic = app.page.get_by_role("checkbox", name="Changing the time of our sessions")
    expect(topic).to_be_visible()
    settle(app, 600)  # the list re-renders once the topic is saved
    scroll_into_flutter_view(app, topic)
    topic.click()
    expect(topic).to_be_checked()

    # the next-session view lists exactly what is marked to bring
    box = next_session_box(app)
    expect(box).to_contain_text(re.compile(r"Next session: (Today|Tomorrow)"))
    expect(box).to_contain_text("When you slowed down, I noticed my shoulders drop and I felt grateful.")
    expect(box).to_contain_text("Changing the time of our sessions")
    expect(box).not_to_contain_text("checked the clock")
    shot(app, f"{name}-04-home")

    # a reflection after the session
    click_button(app, "Reflect on a session")
    expect(app.page.get_by_role("textbox", name="What helped, or a moment I felt met")).to_be_visible()
    fill(app, "What helped, or a moment I felt met", "When you remembered my sister's name")
    shot(app, f"{name}-05-reflection")
    click_button(app, "Save reflection")
    expect_text(app, "Reflection saved")


def test_next_session_view_lists_only_what_is_brought(app_server: AppProcess, open_page: OpenPage) -> None:
    app = open_page(app_server.url)
    create_journal(app)
    go_to(app, "Session")
    click_button(app, "New feedback")
    fill(app, "What happened?", "you asked about my week")
    choose(app, "Status", "Bring to session")
    click_button(app, "Save feedback")
    click_button(app, "New feedback")
    fill(app, "What happened?", "the private moment")
    click_button(app, "Save feedback")
    bringing = next_session_box(app)
    expect(bringing).to_contain_text("you asked about my week")
    expect(bringing).not_to_contain_text("the private moment")
    expect_no_text(app, "Nothing yet. Mark feedback")
