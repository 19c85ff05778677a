"""Prepare for session in a real browser: tick and untick, redact, save the PDF, read the card."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import expect

from .flows import choose, create_journal, go_to, scroll_to
from .harness import (
    AppPage,
    AppProcess,
    OpenPage,
    click_button,
    expect_said,
    expect_text,
    fill,
    settle,
    shot,
)
from .test_checkin_flow import mark_region, start_checkin

pytestmark = pytest.mark.e2e

VIEWPORTS = [pytest.param((400, 800), id="phone"), pytest.param((1280, 800), id="desktop")]


def checkin(app: AppPage, region: str, sensation: str, intensity: int, what_happened: str) -> None:
    start_checkin(app)
    mark_region(app, region, [sensation], intensity)
    click_button(app, "3. Needs")
    fill(app, "What happened?", what_happened)
    click_button(app, "Review")
    click_button(app, "Save check-in")
    if intensity >= 8:
        click_button(app, "Not now")
    expect_text(app, "Check-in")


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def tick(app: AppPage, name: str, checked: bool) -> None:
    boxes = app.page.get_by_role("checkbox", name=re.compile(re.escape(name)))
    scroll_to(app, boxes)
    box = boxes.first
    box.click()
    (expect(box).to_be_checked() if checked else expect(box).not_to_be_checked())


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_prepare_and_export(app_server: AppProcess, open_page: OpenPage, viewport: tuple[int, int]) -> None:
    name = f"session-{viewport[0]}"
    app = open_page(app_server.url, viewport=viewport)
    create_journal(app)
    checkin(app, "Chest", "Tight", 6, "STAYS-PRIVATE the meeting ran late")
    checkin(app, "Stomach", "Churning", 4, "LEFT-OUT the phone call")
    checkin(app, "Throat", "Tight", 5, "SHARED-NOTE I spoke up")

    go_to(app, "Session")
    click_button(app, "New feedback")
    fill(app, "What happened?", "you slowed down")
    choose(app, "Status", "Bring to session")
    click_button(app, "Save feedback")
    expect_text(app, "It helped when you slowed down")

    click_button(app, "Prepare for my session")
    expect_text(app, "Parts of the summary")
    # the name first, while the field is on screen: a field scrolled away is clicked where
    # the accessibility tree last saw it, and Flutter delivers that tap to whatever is
    # drawn there now (it once switched off the "Notes from check-ins" part)
    fill(app, "My name or initials (optional)", "J.D.")
    # check-ins start ticked, their notes kept back; the feedback marked "bring" is ticked
    feedback = app.page.get_by_role("checkbox", name=re.compile("It helped when you slowed down"))
    scroll_to(app, feedback)
    expect(feedback.first).to_be_checked()
    shot(app, f"{name}-01-choose")
    tick(app, "stomach", checked=False)  # leave one check-in out entirely
    # let one check-in's own words in: the notes boxes come in the list's order (newest first)
    notes = app.page.get_by_role("checkbox", name="Include my notes from this check-in")
    scroll_to(app, notes)
    notes.first.click()
    expect(notes.first).to_be_checked()

    if viewport[0] < 1000:
        click_button(app, "Show preview")
    expect_text(app, "What I noticed in my body")
    expect_text(app, "J.D.")
    shot(app, f"{name}-02-preview")
    if viewport[0] < 1000:
        click_button(app, "Back to choosing")

    save = app.page.get_by_role("button", name="Save PDF")
    scroll_to(app, save)
    expect_said(app, "A saved file is not encrypted")
    with app.page.expect_download() as download_info:
        save.click()
    download = download_info.value
    assert re.fullmatch(r"session-summary-\d{4}-\d{2}-\d{2}\.pdf", download.suggested_filename)
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    for expected in (
        "J.D.",
        "2 check-ins in this time",
        "Chest",
        "Throat",
        "SHARED-NOTE I spoke up",
        "It helped when you slowed down",
    ):
        assert expected in text, expected
    for hidden in ("Stomach", "LEFT-OUT", "STAYS-PRIVATE", "churning"):
        assert hidden not in text, hidden
    expect_said(app, "It is not encrypted")
    shot(app, f"{name}-03-saved")

    # with a password the PDF doesn't open without it
    fill(app, "PDF password (optional)", "tea at four")
    expect_said(app, "This PDF will need the password")
    with app.page.expect_download() as download_info:
        app.page.get_by_role("button", name="Save PDF").click()
    reader = pypdf.PdfReader(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    assert reader.is_encrypted and not reader.decrypt("wrong") and reader.decrypt("tea at four")

    # the session card shows what I'm bringing in large type
    click_button(app, "Back")
    click_button(app, "Session card")
    expect_text(app, "It helped when you slowed down")
    settle(app)
    shot(app, f"{name}-04-card")

    # the whole-summary choices come back next time (the name here); single ticks do not
    click_button(app, "Back")
    click_button(app, "Prepare for my session")
    expect_text(app, "Parts of the summary")
    if viewport[0] < 1000:
        click_button(app, "Show preview")
    expect_text(app, "J.D.")
    shot(app, f"{name}-05-choices-remembered")
