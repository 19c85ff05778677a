"""Check-ins in a real browser: body first, the vague-word coach, "not sure yet", a strong moment."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .flows import choose, create_journal, go_to, pick_result
from .harness import (
    AppPage,
    AppProcess,
    OpenPage,
    click_button,
    expect_no_text,
    expect_text,
    fill,
    shot,
)

pytestmark = pytest.mark.e2e

VIEWPORTS = [pytest.param((400, 800), id="phone"), pytest.param((1280, 800), id="desktop")]


def start_checkin(app: AppPage) -> None:
    go_to(app, "Check in")
    expect_text(app, "Where do you notice something in your body?")


def set_intensity(app: AppPage, value: int) -> None:
    box = app.page.get_by_role("checkbox", name=str(value), exact=True)
    box.click()
    expect(box).to_be_checked()


def mark_region(app: AppPage, region: str, sensations: list[str], intensity: int) -> None:
    app.page.get_by_role("button", name=region).first.click()
    expect_text(app, "What is it like?")
    for sensation in sensations:
        app.page.get_by_role("checkbox", name=sensation, exact=True).click()
    set_intensity(app, intensity)
    click_button(app, "Done")
    expect_text(app, "What you noticed")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_body_first_checkin(app_server: AppProcess, open_page: OpenPage, viewport: tuple[int, int]) -> None:
    name = f"checkin-{viewport[0]}"
    app = open_page(app_server.url, viewport=viewport)
    create_journal(app)
    start_checkin(app)
    shot(app, f"{name}-01-body")

    mark_region(app, "Chest", ["Tight"], 7)
    expect_text(app, "Chest: tight (7/10)")
    shot(app, f"{name}-02-chest-marked")

    click_button(app, "Next")
    expect_text(app, "What are you feeling?")
    expect_text(app, "Often linked with what you noticed")
    shot(app, f"{name}-03-feelings")
    # pick the first suggestion the body offered
    first_suggested = _first_suggested_word(app)
    app.page.get_by_role("checkbox", name=first_suggested, exact=True).first.click()
    expect(app.page.get_by_role("button", name=f"Remove {first_suggested}")).to_be_visible()

    for word in ("disappointed", "ashamed"):
        fill(app, "Find a feeling word", word)
        pick_result(app, word)
        expect(app.page.get_by_role("button", name=f"Remove {word}")).to_be_visible()
    # set intensities: each chosen feeling has its own A little / Quite / Very control
    _choose_level(app, "disappointed", "Very")
    _choose_level(app, "ashamed", "A little")
    shot(app, f"{name}-04-blend")

    click_button(app, "Review")
    expect_text(app, "Here's your check-in")
    expect_text(app, "disappointed, very")
    expect_text(app, "ashamed, a little")
    expect_text(app, "Chest: tight (7/10)")
    shot(app, f"{name}-05-review")
    click_button(app, "Save check-in")
    # "very disappointed" is strong: a pause is offered, never forced
    expect_text(app, "That sounds like a lot")
    click_button(app, "Not now")

    # in the timeline, with its chips
    expect_text(app, "Check-in")
    expect_text(app, "disappointed, very")
    shot(app, f"{name}-06-timeline")

    # filter by region
    click_button(app, "Filter")
    choose(app, "Body area", "Stomach")
    expect_text(app, "No check-ins match")
    choose(app, "Body area", "Chest")
    expect_text(app, "1 check-in matches")
    shot(app, f"{name}-07-filtered")


def _first_suggested_word(app: AppPage) -> str:
    from companion.reference import vocabulary as vocab

    suggested = vocab.suggest_from_body([("chest", ["tight"], 7)], limit=10)
    return suggested[0][0].word


def _choose_level(app: AppPage, word: str, level: str) -> None:
    # the level buttons of each feeling come in the chosen order; find the group after the word
    buttons = app.page.get_by_role("button", name=level, exact=True)
    words = [w for w in ("disappointed", "ashamed")]
    index = words.index(word) + 1  # the first chosen feeling is the body suggestion
    buttons.nth(index).click()


def test_vague_word_coach(app_server: AppProcess, open_page: OpenPage) -> None:
    app = open_page(app_server.url)
    create_journal(app)
    start_checkin(app)
    click_button(app, "Next")
    from companion.reference import vocabulary as vocab

    fill(app, "Find a feeling word", "bad")
    expect_text(app, vocab.coach_prompt("bad") or "can mean many things")
    shot(app, "checkin-coach")

    better = vocab.coach("bad")[0].word
    pick_result(app, better)
    expect(app.page.get_by_role("button", name=f"Remove {better}")).to_be_visible()
    click_button(app, "Review")
    expect_text(app, better)


def test_not_sure_yet_checkin(app_server: AppProcess, open_page: OpenPage) -> None:
    app = open_page(app_server.url)
    create_journal(app)
    start_checkin(app)
    click_button(app, "Review")
    click_button(app, "Save check-in")
    expect_text(app, "There's nothing to save yet")
    click_button(app, "2. Feelings")
    app.page.get_by_role("checkbox", name="I'm not sure yet").click()
    click_button(app, "Review")
    expect_text(app, "Not sure yet")
    click_button(app, "Save check-in")
    expect_text(app, "not sure yet")
    shot(app, "checkin-not-sure-timeline")


def test_strong_checkin_offers_a_breathing_pause(app_server: AppProcess, open_page: OpenPage) -> None:
    app = open_page(app_server.url)
    create_journal(app)
    start_checkin(app)
    mark_region(app, "Stomach", ["Churning"], 9)
    click_button(app, "Review")
    click_button(app, "Save check-in")
    expect_text(app, "That sounds like a lot")
    shot(app, "checkin-strong-offer")
    click_button(app, "Take a breathing pause")
    # The pause starts at once: the person asked for it, so no second button to find.
    expect_text(app, "Stop any time")
    expect_text(app, re.compile(r"^(In|Out|Hold)$"), timeout_ms=5_000)
    shot(app, "settle-running")
    click_button(app, "Stop")
    expect_no_text(app, "That sounds like a lot")
