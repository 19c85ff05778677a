"""A therapist's card, made without a journal, opened by a client in a fresh one; then Patterns.

One app start serves every step: the card maker from the welcome screen (light and dark), the
card and handout downloaded, a journal created, the card imported through Homework, Patterns
opened from the Session section.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import expect

from companion.kinds.homework_card import parse_card

from .flows import choose, create_journal, go_to, scroll_to, unlock
from .harness import (
    AppPage,
    AppProcess,
    OpenPage,
    StartApp,
    click_button,
    expect_no_text,
    expect_text,
    fill,
    settle,
    shot,
)

pytestmark = pytest.mark.e2e

READY = "Noticing the body, two weeks"


def _download(app: AppPage, button: str, folder: Path) -> Path:
    target = app.page.get_by_role("button", name=button)
    scroll_to(app, target)
    with app.page.expect_download() as info:
        target.first.click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def _both_looks(app: AppPage, name: str) -> None:
    app.page.wait_for_timeout(500)  # a menu that just closed fades out first
    shot(app, f"{name}-light")
    app.page.emulate_media(color_scheme="dark")
    app.page.wait_for_timeout(400)
    shot(app, f"{name}-dark")
    app.page.emulate_media(color_scheme="light")


def test_make_a_card_then_import_it_and_open_patterns(
    app_server: AppProcess, open_page: OpenPage, tmp_path: Path
) -> None:
    app = open_page(app_server.url, viewport=(400, 800))
    expect_text(app, "Welcome to Companion")
    maker = app.page.get_by_role("button", name="Make a homework card")
    scroll_to(app, maker)
    maker.first.click()
    expect_text(app, "For therapists: make a card")
    _both_looks(app, "card-maker-01-empty")

    choose(app, "Start from", READY)
    scroll_to(app, app.page.get_by_text(re.compile(r"Noticing the body.{0,3} \(check-in\), every day")))
    fill(app, "Your name, for the handout (optional)", "Sam Rivera")
    _both_looks(app, "card-maker-02-ready-card")

    card = _download(app, "Save the card file", tmp_path)
    assert card.name == "noticing-the-body-two-weeks.homework.json"
    assert [p.title for p in parse_card(card.read_bytes())] == ["Noticing the body", "What did my body say?"]
    handout = _download(app, "Save the handout (PDF)", tmp_path)
    reader = pypdf.PdfReader(io.BytesIO(handout.read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert len(reader.pages) <= 2
    assert "How to open the card" in text and "Sam Rivera" in text and "Noticing the body" in text

    back = app.page.get_by_role("button", name="Back")
    scroll_to(app, back)
    back.first.click()
    create_journal(app)

    go_to(app, "Session")
    click_button(app, "Homework")
    with app.page.expect_file_chooser() as chooser:
        click_button(app, "Import a homework card")
    chooser.value.set_files(str(card))
    expect_text(app, "Add these practices?")
    click_button(app, "Add them")
    expect_text(app, "Added 2 practices")

    go_to(app, "Session")
    patterns = app.page.get_by_role("button", name="Patterns")
    scroll_to(app, patterns)
    patterns.first.click()
    expect(app.page.get_by_role("button", name=re.compile(r"Time: Since my last session"))).to_be_visible()
    expect_text(app, "Nothing noted in this time yet")
    _both_looks(app, "patterns-01-empty")
    choose(app, "Time", "All time")
    expect_text(app, "Nothing noted in this time yet")
    assert not app.unexpected_outside_requests()


def test_patterns_over_three_weeks_of_check_ins(
    start_app: StartApp, open_page: OpenPage, demo_journal_dir: Path
) -> None:
    app = open_page(start_app(demo_journal_dir).url, viewport=(400, 800))
    unlock(app)
    go_to(app, "Journal")
    # the journal has loaded its list (a tap now isn't lost in a redraw); which rows come first
    # depends on the hour the demo was made, so any check-in row will do
    expect(app.page.get_by_role("button", name=re.compile(r"^Check-in ")).first).to_be_visible()
    settle(app, 500)
    click_button(app, "Patterns")
    expect_text(app, "Where in your body")
    choose(app, "Time", "All time")
    said = app.page.locator('flt-semantics[aria-label*="came up in"]').or_(app.page.get_by_text("came up in"))
    expect(said.first).to_be_attached()
    _both_looks(app, "patterns-02-body")
    bring = app.page.get_by_role("button", name=re.compile(r"^I'd like to bring this: Your "))
    scroll_to(app, bring)
    bring.first.click()
    expect_text(app, "Added to what you're bringing")
    expect_no_text(app, "Added to what you're bringing", timeout_ms=15_000)  # the snack bar goes by itself
    # the breathing sentence sits right under the strength chart
    scroll_to(
        app, app.page.get_by_role("button", name=re.compile(r"^I'd like to bring this: \d+ breathing pause"))
    )
    _both_looks(app, "patterns-03-chart")
    assert not app.unexpected_outside_requests()
