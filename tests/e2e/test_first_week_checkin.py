"""A first week of check-ins at phone size (400x800), from the usability review.

One app start and one page for the whole file (one journal, opened once, as a person keeps
it open; a second page on an app that is already running would lose a race for the
passphrase field's focus with Flutter's accessibility tree): the first screen after creating it says where
to start (10); every body-map target takes a fingertip, whole body and skin above the drawing
(11); the person's own feeling word is kept and a word the app suggests is never called broad
(5); an untouched strength records nothing (12); each step and each screen opens at its top (7);
a past check-in opens to read, editing and deleting are choices (9). Each screen changed is
pictured light and dark in test-output/screenshots/first-week-checkin-*.png.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from companion.reference import vocabulary as vocab

from .flows import create_journal, go_to, pick_result
from .harness import (
    AppPage,
    AppProcess,
    click_button,
    expect_no_text,
    expect_said,
    expect_text,
    fill,
    settle,
    shot,
    start_app,
)
from .harness import open_page as open_app_page
from .test_accessibility import unnamed

pytestmark = pytest.mark.e2e

PHONE = (400, 800)
PHONE_BOTTOM = 800 - 80  # above the bottom navigation bar
MIN_TARGET = 24  # CSS px, WCAG 2.2, 2.5.8
FACE_GROUP = "Face and features"
BODY_STEP = "Where do you notice something in your body?"
NEEDS_STEP = "What might you need right now?"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppProcess]:
    """One Companion for every step of this file: they share one journal, as a week does."""
    app = start_app(Path(tmp_path_factory.mktemp("first-week-checkin")) / "data", name="first-week-checkin")
    yield app
    app.stop()


@pytest.fixture(scope="module")
def phone(server: AppProcess, _browsers) -> Iterator[AppPage]:
    """One phone-sized page, the journal created on it once and kept open between steps."""
    app = open_app_page(_browsers.current(), server.url, PHONE)
    try:
        create_journal(app)
        yield app
    finally:
        app.close()


@pytest.fixture
def app(phone: AppPage, browser, request: pytest.FixtureRequest) -> Iterator[AppPage]:
    """The shared page for one step (``browser`` brings the e2e watchdog); a picture if it fails."""
    for leftover in ("Cancel", "Not now"):  # a step that failed may have left a dialog open
        button = phone.page.get_by_role("button", name=leftover, exact=True)
        if button.count():
            button.first.click()
    yield phone
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed and not phone.page.is_closed():
        with contextlib.suppress(Exception):
            shot(phone, f"FAILED-{request.node.name}")


def both_looks(app: AppPage, name: str) -> None:
    """A light and a dark picture of what is on screen now; every control on it has a name."""
    settle(app, 300)
    assert not unnamed(app), f"controls without a name for screen readers on {name}: {unnamed(app)}"
    shot(app, f"first-week-checkin-{name}-light")
    app.page.emulate_media(color_scheme="dark")
    settle(app, 500)
    shot(app, f"first-week-checkin-{name}-dark")
    app.page.emulate_media(color_scheme="light")
    settle(app, 300)


def on_screen(app: AppPage, locator) -> dict:
    """Visible without scrolling: inside the phone's window, above the navigation bar."""
    expect(locator).to_be_visible(timeout=10_000)  # bounding_box() is None while it is hidden
    box = locator.bounding_box(timeout=10_000)
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE_BOTTOM, box
    return box


def start_checkin(app: AppPage) -> None:
    go_to(app, "Check in")
    expect_text(app, BODY_STEP)
    settle(app, 500)  # the step scrolls back to its top; a tap during that only stops it


# --- 10: the first screen after creating a journal ------------------------------------------


def test_new_journal_says_where_to_start(app: AppPage) -> None:
    page = app.page
    start = page.get_by_role("button", name="Start a check-in", exact=True)
    expect(start).to_be_visible()
    expect_said(app, "Companion is a quiet place to notice how you are")
    card = page.get_by_role("button", name=re.compile(r"^Got a card from your therapist\?"))
    expect(card).to_be_visible()
    expect_said(app, "\u201cNeed help now\u201d at the top of every screen")
    help_box = on_screen(app, page.get_by_role("button", name="Need help now", exact=True))
    assert help_box["y"] < 64  # in the title bar, where the words say it is
    for step in (start, card):
        on_screen(app, step)  # the first steps are there without scrolling
    both_looks(app, "empty-journal")

    card.click()
    expect_text(app, "Small practices you and your therapist chose")
    click_button(app, "Back")
    page.get_by_role("button", name="Start a check-in", exact=True).click()
    expect_text(app, BODY_STEP)


# --- 11: body-map targets ------------------------------------------------------------------


def _region_buttons(app: AppPage) -> dict[str, dict]:
    """Every body-region button of the view (the drawing's and whole body / skin): name -> box.

    The drawing is taller than a phone, and the accessibility tree reports only the part of a
    button its scrolling area shows; so a button near an edge is wheeled into full view first.
    """
    page = app.page
    names = [r.name for r in vocab.regions()] + [FACE_GROUP]
    # both frame the scrolling area; wait for them (the step opens with a short animation)
    steps = on_screen(app, page.get_by_role("button", name="1. Body", exact=True))
    step_buttons = on_screen(app, page.get_by_role("button", name="Review", exact=True))
    top, bottom = steps["y"] + steps["height"], step_buttons["y"] - 8  # the scrolling area
    found: dict[str, dict] = {}
    for button in page.get_by_role("button").all():
        if button.get_attribute("aria-current") is not None:
            continue  # a segment of the Front / Back / Face / List switch
        label = (button.get_attribute("aria-label") or button.inner_text() or "").strip()
        region = next((n for n in names if label == n or re.match(rf"{re.escape(n)}[,:]", label)), None)
        if region is not None:
            found[region] = _fully_shown(app, button, top, bottom)
    page.mouse.move(200, 400)
    page.mouse.wheel(0, -5000)  # back to the top
    settle(app, 300)
    return found


def _fully_shown(app: AppPage, button, top: float, bottom: float) -> dict:
    box = None
    for _ in range(12):
        box = button.bounding_box()
        if box and box["y"] > top + 4 and box["y"] + box["height"] < bottom - 4:
            return box
        below = box is None or box["y"] + box["height"] >= bottom - 4
        app.page.mouse.move(200, 400)
        app.page.mouse.wheel(0, 100 if below else -100)
        settle(app, 200)
    assert box is not None
    return box


def _too_small(buttons: dict[str, dict]) -> dict[str, tuple[float, float]]:
    return {
        name: (round(b["width"], 1), round(b["height"], 1))
        for name, b in buttons.items()
        if b["width"] < MIN_TARGET - 0.5 or b["height"] < MIN_TARGET - 0.5
    }


def test_every_body_region_takes_a_fingertip(app: AppPage) -> None:
    page = app.page
    start_checkin(app)
    seen: set[str] = set()

    front = _region_buttons(app)
    assert len(front) >= 15, front
    assert not _too_small(front), f"under {MIN_TARGET}x{MIN_TARGET} px on the front: {_too_small(front)}"
    seen |= set(front)
    # whole body and skin: above the drawing, on screen without scrolling
    drawing_top = min(b["y"] for name, b in front.items() if name not in ("Whole body", "Skin"))
    for special in ("Whole body", "Skin"):
        box = on_screen(app, page.get_by_role("button", name=special, exact=True))
        assert box["y"] + box["height"] <= drawing_top, (special, box, drawing_top)
    both_looks(app, "body-front")

    page.get_by_role("button", name=re.compile(rf"^{FACE_GROUP}: show closer")).click()
    expect(page.get_by_role("button", name="Mouth", exact=True)).to_be_visible()
    face = _region_buttons(app)
    assert not _too_small(face), f"under {MIN_TARGET}x{MIN_TARGET} px on the close-up: {_too_small(face)}"
    seen |= set(face)
    both_looks(app, "body-face")
    page.get_by_role("button", name="Mouth", exact=True).click()
    expect_text(app, "What is it like?")
    click_button(app, "Cancel")

    page.get_by_role("button", name="Back", exact=True).last.click()  # the Front/Back switch
    expect(page.get_by_role("button", name="Upper back", exact=True)).to_be_visible()
    back = _region_buttons(app)
    assert not _too_small(back), f"under {MIN_TARGET}x{MIN_TARGET} px on the back: {_too_small(back)}"
    seen |= set(back)
    missing = {r.name for r in vocab.regions()} - seen
    assert not missing, f"regions no one can tap: {missing}"


# --- 5: one's own word --------------------------------------------------------------------------


def test_own_word_is_kept_and_app_words_are_never_called_broad(app: AppPage) -> None:
    page = app.page
    start_checkin(app)
    mark(app, "Chest", "Tight")

    # the body suggests a word the coach knows as broad; chosen, it is not called broad
    click_button(app, "Next")
    expect_text(app, "What are you feeling?")
    suggested = [f.word for f, _ in vocab.suggest_from_body([("chest", ["tight"], 5)], limit=10)]
    offered = next(w for w in suggested if vocab.is_vague(w))  # "anxious"
    page.get_by_role("checkbox", name=offered, exact=True).first.click()
    expect(page.get_by_role("button", name=f"Remove {offered}")).to_be_visible()
    expect_no_text(app, "broad word")
    expect_no_text(app, vocab.coach_prompt(offered) or "can mean many things")

    # "bad" typed: the coach speaks once, beside keeping it; Enter keeps the person's word
    fill(app, "Find a feeling word", "bad")
    expect_text(app, vocab.coach_prompt("bad") or "can mean many things")
    expect(page.get_by_role("button", name=re.compile("^Keep \u201cbad\u201d"))).to_be_visible()
    both_looks(app, "coach-keep")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Remove bad")).to_be_visible()
    expect_no_text(app, vocab.coach_prompt("bad") or "can mean many things")
    expect_no_text(app, "broad word")
    expect_said(app, "In your own words")
    both_looks(app, "feelings-own-word")

    click_button(app, "Review")
    expect_text(app, re.compile(r"^bad(, \w+)?$"))
    click_button(app, "Save check-in")

    # shown like any feeling in the timeline, and found by search
    expect_text(app, "Check-in saved")
    row = page.get_by_role("button", name=re.compile(rf"^Check-in\b.*\b{offered}\b.*\bbad\b"))
    expect(row).to_be_visible()
    fill(app, "Search entries", "bad")
    expect_text(app, "1 entry matches")
    both_looks(app, "timeline-own-word")


# --- 12: no strength one didn't choose ------------------------------------------------------------


def test_an_untouched_strength_records_nothing(app: AppPage) -> None:
    page = app.page
    start_checkin(app)
    page.get_by_role("button", name="Chest", exact=True).click()
    expect_text(app, "What is it like?")
    page.get_by_role("checkbox", name="Heavy", exact=True).click()
    for n in range(11):
        expect(page.get_by_role("checkbox", name=str(n), exact=True)).not_to_be_checked()
    both_looks(app, "region-sheet")
    click_button(app, "Done")
    expect_text(app, "Chest: heavy", exact=True)  # no "(5/10)" the person never chose

    click_button(app, "Next")
    fill(app, "Find a feeling word", "disappointed")
    pick_result(app, "disappointed")
    expect(page.get_by_role("button", name="Remove disappointed")).to_be_visible()
    for level in ("A little", "Quite", "Very"):  # no level chosen for them either
        expect(page.get_by_role("button", name=level, exact=True)).not_to_have_attribute(
            "aria-current", "true"
        )
    click_button(app, "Review")
    expect_text(app, "Chest: heavy", exact=True)
    expect_text(app, "disappointed", exact=True)
    both_looks(app, "review")
    click_button(app, "Save check-in")
    expect_text(app, "Check-in saved")
    row = page.get_by_role("button", name=re.compile(r"^Check-in\b.*\bdisappointed Chest$"))
    expect(row).to_be_visible()  # the chips: the word alone, the place without a number


# --- 7: every step and every screen opens at its top ------------------------------------------------


def test_each_step_opens_at_its_top(app: AppPage) -> None:
    page = app.page
    start_checkin(app)
    click_button(app, "Next")
    expect_text(app, "What are you feeling?")
    wheel_down(app, 12)
    expect(page.get_by_text("What are you feeling?")).not_to_be_in_viewport()
    click_button(app, "Next")
    heading = page.get_by_text(NEEDS_STEP)
    expect(heading).to_be_visible()
    on_screen(app, heading)
    both_looks(app, "needs-at-top")
    wheel_down(app, 8)
    click_button(app, "Previous")
    on_screen(app, page.get_by_text("What are you feeling?"))
    wheel_down(app, 12)
    click_button(app, "1. Body")
    on_screen(app, page.get_by_text(BODY_STEP))


# --- 9: a past check-in opens to read ---------------------------------------------------------------


def test_a_past_checkin_opens_to_read(app: AppPage) -> None:
    page = app.page
    start_checkin(app)
    mark(app, "Stomach", "Churning", strength=6)
    click_button(app, "Next")
    fill(app, "Find a feeling word", "hurt")
    pick_result(app, "hurt")
    expect(page.get_by_role("button", name="Remove hurt")).to_be_visible()
    click_button(app, "Next")
    fill(app, "What happened?", "A long meeting where I couldn't speak up.")
    click_button(app, "Review")
    click_button(app, "Save check-in")
    expect_text(app, "Check-in saved")

    # the check-in opens to read (no editing fields); editing and deleting are choices
    row = page.get_by_role("button", name=re.compile("A long meeting where I couldn't speak up"))
    row.or_(page.get_by_text("A long meeting where I couldn't speak up.")).first.click()
    expect_text(app, "What I noticed")
    for section in ("What I felt", "What I wrote"):
        expect_text(app, section)
    expect_said(app, "Strength 6 of 10")
    expect_said(app, "churning")
    expect(page.get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("button", name="Edit check-in", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Delete check-in", exact=True)).to_be_visible()
    on_screen(app, page.get_by_text("What I noticed"))  # 7: a new screen starts at its top
    both_looks(app, "view")

    click_button(app, "Edit check-in")
    on_screen(app, page.get_by_text(BODY_STEP))  # 7: and so does the editing it opens
    page.get_by_role("button", name="Back", exact=True).first.click()  # the title bar's, not the body's
    expect_text(app, "What I noticed")

    click_button(app, "Delete check-in")
    expect_text(app, "Delete this check-in?")
    click_button(app, "Delete")
    expect_said(app, "Check-in deleted")
    expect_no_text(app, "A long meeting where I couldn't speak up.")


def mark(app: AppPage, region: str, sensation: str, *, strength: int | None = None) -> None:
    """Mark a place on the front of the body with one sensation (and a strength, if given)."""
    page = app.page
    place = page.get_by_role("button", name=region, exact=True)
    place.click()
    sheet = page.get_by_text("What is it like?")
    try:
        expect(sheet).to_be_visible(timeout=5_000)
    except AssertionError:
        # a tap that lands while the step is still scrolling to its top only stops the
        # scroll (Flutter's rule for a moving list), and a person taps again
        place.click()
    expect_text(app, "What is it like?")
    page.get_by_role("checkbox", name=sensation, exact=True).click()
    if strength is not None:
        page.get_by_role("checkbox", name=str(strength), exact=True).click()
    click_button(app, "Done")
    expect_text(app, f"{region}: {sensation.lower()}")


def wheel_down(app: AppPage, turns: int) -> None:
    """Scroll the step down with the mouse wheel, as a person would."""
    app.page.mouse.move(200, 450)
    for _ in range(turns):
        app.page.mouse.wheel(0, 300)
        settle(app, 60)
    settle(app, 400)
