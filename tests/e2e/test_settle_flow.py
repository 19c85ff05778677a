"""Settle in a real browser: my own rhythm, tension before and after, and the pause is kept."""

from __future__ import annotations

import re

import pytest

from .flows import choose, create_journal, go_to, scroll_to
from .harness import AppProcess, OpenPage, click_button, expect_text, fill, settle, shot

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "viewport", [pytest.param((400, 800), id="phone"), pytest.param((1280, 800), id="desktop")]
)
def test_custom_rhythm_with_tension_before_and_after(
    app_server: AppProcess, open_page: OpenPage, viewport: tuple[int, int]
) -> None:
    name = f"settle-{viewport[0]}"
    app = open_page(app_server.url, viewport=viewport)
    create_journal(app)
    go_to(app, "Settle")
    expect_text(app, "Breathe along with the circle")
    choose(app, "Rhythm", "My own rhythm")
    fill(app, "In (s)", "0")
    fill(app, "Out (s)", "0")
    click_button(app, "Start")
    expect_text(app, "A breath needs some length")
    fill(app, "In (s)", "2")
    fill(app, "Out (s)", "three")
    click_button(app, "Start")
    expect_text(app, "Please use a number of seconds for breathing out")
    fill(app, "Out (s)", "3")
    app.page.get_by_role("group", name="Tension before, 0 to 10").get_by_role("checkbox", name="7").click()
    shot(app, f"{name}-01-ready")
    click_button(app, "Start")
    expect_text(app, re.compile(r"^(In|Out)$"), timeout_ms=5_000)
    shot(app, f"{name}-02-running")
    settle(app, 6_000)
    click_button(app, "Stop")
    expect_text(app, "This pause is kept with your breathing pauses")
    after = app.page.get_by_role("group", name="Tension after, 0 to 10").get_by_role("checkbox", name="4")
    scroll_to(app, after)
    after.first.click()
    click_button(app, "Keep this note")
    expect_text(app, "tension 7 then 4")
    shot(app, f"{name}-03-kept")
