"""The colours Flutter draws are the ones tests/test_contrast.py checks.

The contrast test computes ``ColorScheme.fromSeed`` with a Python port of Material's colour
library. Here the real web client draws the app and the screenshot's pixels are compared with
those numbers: the page background is ``surface`` and a FilledButton is ``primary``. (The
port's 2025 colour spec would give a different dark surface and primary, so a wrong spec
fails here.)
"""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from PIL import Image
from playwright.sync_api import Locator, expect

from .flows import choose, create_journal, go_to, lock
from .harness import AppPage, AppProcess, OpenPage, expect_text, settle, shot


def _contrast_module():
    """tests/unit/ui/test_contrast.py computes the colour scheme as Flutter does; reuse it."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "unit" / "ui" / "test_contrast.py"
    spec = importlib.util.spec_from_file_location("companion_contrast_check", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


app_scheme = _contrast_module().app_scheme

pytestmark = pytest.mark.e2e

TOLERANCE = 2  # per channel: rendering may round a colour by a step


def rgb(hex_color: str) -> tuple[int, int, int]:
    value = hex_color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def most_common_colour(app: AppPage, box: dict[str, float] | None = None) -> tuple[int, int, int]:
    """The colour covering most of the screenshot (or of ``box`` in it): the background."""
    settle(app, 400)
    image = Image.open(io.BytesIO(app.page.screenshot())).convert("RGB")
    if box is not None:
        left, top = round(box["x"]) + 2, round(box["y"]) + 2
        image = image.crop(
            (left, top, round(box["x"] + box["width"]) - 2, round(box["y"] + box["height"]) - 2)
        )
    counts = Counter(image.get_flattened_data())
    return counts.most_common(1)[0][0]


def filled_button_fill(app: AppPage, button: Locator) -> tuple[int, int, int]:
    """A FilledButton's own colour: the most common pixel in the middle band of its box.

    The accessibility box is the button's tap target, which can be taller than the painted
    pill; its middle third is all fill except for the label.
    """
    box = button.bounding_box()
    assert box is not None
    band = {"x": box["x"] + 12, "y": box["y"] + box["height"] / 3, "width": box["width"] - 24}
    band["height"] = box["height"] / 3
    return most_common_colour(app, band)


def assert_close(seen: tuple[int, int, int], expected_hex: str, what: str) -> None:
    expected = rgb(expected_hex)
    assert all(abs(a - b) <= TOLERANCE for a, b in zip(seen, expected, strict=True)), (
        f"{what}: the browser drew #{seen[0]:02X}{seen[1]:02X}{seen[2]:02X}, "
        f"tests/test_contrast.py assumes {expected_hex}"
    )


def test_welcome_screen_draws_the_computed_light_and_dark_colours(
    app_server: AppProcess, open_page: OpenPage
) -> None:
    app = open_page(app_server.url)
    expect_text(app, "Welcome to Companion")
    create = app.page.get_by_role("button", name="Create my journal", exact=True)
    expect(create).to_be_visible()

    light = app_scheme("light")
    assert_close(most_common_colour(app), light["surface"], "light surface")
    assert_close(filled_button_fill(app, create), light["primary"], "light primary (FilledButton)")
    shot(app, "theme-render-light-welcome")

    # The welcome screen follows the device's look: ask for dark the way a browser would.
    app.page.emulate_media(color_scheme="dark")
    dark = app_scheme("dark")
    for _ in range(20):  # the next frame or two repaints
        if most_common_colour(app) != rgb(light["surface"]):
            break
    assert_close(most_common_colour(app), dark["surface"], "dark surface")
    assert_close(filled_button_fill(app, create), dark["primary"], "dark primary (FilledButton)")
    shot(app, "theme-render-dark-welcome")


def test_the_dark_theme_setting_draws_the_computed_dark_surface(
    app_server: AppProcess, open_page: OpenPage
) -> None:
    app = open_page(app_server.url)  # the browser itself prefers light
    create_journal(app)
    go_to(app, "Settings")
    expect_text(app, "Look and feel")
    choose(app, "Theme", "Dark")
    expect(app.page.get_by_role("button", name=re.compile("Theme: Dark"))).to_be_visible()
    go_to(app, "Journal")
    expect(app.page.get_by_role("button", name="New entry")).to_be_visible()
    assert_close(most_common_colour(app), app_scheme("dark")["surface"], "dark surface (Theme: Dark)")
    shot(app, "theme-render-dark-journal")


def test_the_unlock_screen_keeps_the_dark_theme_after_locking(
    app_server: AppProcess, open_page: OpenPage
) -> None:
    """Why: the look lived only inside the journal, so the unlock screen was always light."""
    app = open_page(app_server.url)  # the browser itself prefers light
    create_journal(app)
    go_to(app, "Settings")
    expect_text(app, "Look and feel")
    choose(app, "Theme", "Dark")
    expect(app.page.get_by_role("button", name=re.compile("Theme: Dark"))).to_be_visible()
    lock(app)
    assert_close(most_common_colour(app), app_scheme("dark")["surface"], "dark surface (unlock screen)")
    again = open_page(app_server.url)  # a new start of the app, before any unlock
    expect(again.page.get_by_role("button", name="Unlock")).to_be_visible(timeout=30_000)
    assert_close(most_common_colour(again), app_scheme("dark")["surface"], "dark surface (fresh start)")
    shot(again, "theme-render-dark-unlock")
