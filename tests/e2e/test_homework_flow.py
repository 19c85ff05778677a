"""Homework in a real browser: import a card (a bad one first), answer a prompt, see what was done."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from .flows import create_journal, go_to, scroll_to
from .harness import (
    AppPage,
    AppProcess,
    OpenPage,
    click_button,
    expect_no_text,
    expect_said,
    expect_text,
    fill,
    shot,
)

pytestmark = pytest.mark.e2e

CARD = Path(__file__).resolve().parent / "data" / "evening.homework.json"


def import_card(app: AppPage, path: Path) -> None:
    with app.page.expect_file_chooser() as chooser:
        click_button(app, "Import a homework card")
    chooser.value.set_files(str(path))


@pytest.mark.parametrize(
    "viewport", [pytest.param((400, 800), id="phone"), pytest.param((1280, 800), id="desktop")]
)
def test_import_a_card_and_answer_the_prompt(
    app_server: AppProcess, open_page: OpenPage, viewport: tuple[int, int], tmp_path: Path
) -> None:
    name = f"homework-{viewport[0]}"
    app = open_page(app_server.url, viewport=viewport)
    create_journal(app)
    go_to(app, "Session")
    click_button(app, "Homework")
    expect_text(app, "No practices yet")

    hostile = tmp_path / "hostile.homework.json"
    hostile.write_text('{"format": "companion-homework", "version": 1, "practices": [{"what": "rm -rf"}]}')
    import_card(app, hostile)
    expect_text(app, "This homework card can't be used")
    expect_text(app, "Nothing was added")

    import_card(app, CARD)
    expect_text(app, "Add these practices?")
    expect_said(app, "Evening check-in")
    shot(app, f"{name}-01-import")
    click_button(app, "Add them")
    expect_text(app, "Added 2 practices")
    expect_no_text(app, "Added 2 practices", timeout_ms=15_000)  # the snack bar goes by itself
    expect_said(app, "Just a minute before bed.")
    shot(app, f"{name}-02-list")

    answer = app.page.get_by_role("button", name="Answer the prompt")
    scroll_to(app, answer)
    answer.first.click()
    expect_text(app, "From your practice")
    fill(app, "What's on your mind?", "The walk by the river at lunch.")
    click_button(app, "Save entry")
    expect_said(app, "1 answer today")
    shot(app, f"{name}-03-done")
    expect(app.page.get_by_text("missed")).to_have_count(0)
