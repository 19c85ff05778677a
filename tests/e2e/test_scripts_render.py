"""Emoji, CJK, Arabic, Hebrew, Devanagari, Thai, Greek and Cyrillic are drawn in the browser,
with no font from outside.

Flutter's web engine fetches fonts for characters its own fonts lack from ``fontFallbackBaseUrl``
(assets/index.html sets it to /fallback-fonts/, filled by build_scripts/make_fallback_fonts.py).
Each sample is typed into an entry's title and the field's line of text is screenshotted; its ink
must differ from the same text with every letter swapped for a character no font has (the empty
box Flutter draws), typed into the same field. Nothing may be fetched from outside. Greek and
Cyrillic come from flet-web's Roboto (nothing fetched); Hindi from the engine's Noto Sans (which
it prefers to Noto Sans Devanagari), Thai from Noto Sans Thai, both served from /fallback-fonts/.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from .flows import create_journal
from .harness import AppPage, AppProcess, OpenPage, click_button, fill, settle, shot, textbox

pytestmark = pytest.mark.e2e

NO_FONT_HAS = "\U0010fffd"  # a private-use character: no font has it, Flutter draws its box
SAMPLES = {
    "emoji": "😢🙂😢",
    "cjk": "今日は疲",
    "arabic": "حزين جدا",
    "hebrew": "שלום רב",
    "hindi": "नमस्ते दोस्त",
    "thai": "สวัสดีครับ",
    "greek": "Καλημέρα φίλε",
    "cyrillic": "Привет, друг",
}
FONT_WAIT_MS = 2500  # the engine fetches a fallback font, then lays the text out again


def ink(app: AppPage, field_label: str) -> Image.Image:
    """The pixels of the title field's line of text that differ from its background, as a mask.

    Only the inner band where the typed text sits: the outline and the floating label above it
    are the same in every picture and would make any two texts look alike.
    """
    settle(app, FONT_WAIT_MS)
    box = textbox(app, field_label).bounding_box()
    assert box is not None
    image = Image.open(io.BytesIO(app.page.screenshot())).convert("L")
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    line = image.crop((int(x + 12), int(y + 0.3 * h), int(x + 0.6 * w), int(y + 0.75 * h)))
    background = max(line.getcolors(1 << 16) or [(0, 255)])[1]
    return line.point(lambda v: 255 if abs(v - background) > 60 else 0)


def boxes_for(text: str) -> str:
    """``text`` with every letter swapped for a character no font has: how it looks as boxes."""
    return "".join(char if char.isspace() else NO_FONT_HAS for char in text)


def difference(a: Image.Image, b: Image.Image) -> float:
    """Share of inked pixels (in either) that the two masks do not share."""
    union = ImageChops.lighter(a, b).histogram()[255]
    differ = ImageChops.difference(a, b).histogram()[255]
    return differ / max(1, union)


def test_scripts_render_from_local_fonts(app_server: AppProcess, open_page: OpenPage) -> None:
    app = open_page(app_server.url, viewport=(1000, 800))
    fetched: list[tuple[str, int]] = []
    app.page.on(
        "response", lambda r: fetched.append((r.url, r.status)) if "/fallback-fonts/" in r.url else None
    )
    create_journal(app, prefix="scripts")
    click_button(app, "New entry")
    label = "Title (optional)"

    results = {}
    for name, text in SAMPLES.items():
        fill(app, label, boxes_for(text))
        boxes = ink(app, label)
        shot(app, f"scripts-{name}-as-boxes")
        fill(app, label, text)
        mask = ink(app, label)
        shot(app, f"scripts-{name}")
        results[name] = (boxes.histogram()[255], mask.histogram()[255], difference(mask, boxes))
    assert fetched, "the fallback fonts came from the app's own server"
    assert all(status == 200 for _url, status in fetched), fetched
    folders = {url.split("/fallback-fonts/", 1)[1].split("/", 1)[0] for url, _status in fetched}
    assert "notosansthai" in folders, ("Thai from the local Noto Sans Thai", folders)
    assert folders & {"notosans", "notosansdevanagari"}, ("Hindi from a local font", folders)
    for name, (box_ink, inked, differs) in results.items():
        assert box_ink > 50, (name, "the empty boxes are drawn (the reference is fair)", results)
        assert inked > 50, (name, "no ink at all", results)
        assert differs > 0.5, (name, "looks like the empty boxes", results)
    assert not app.unexpected_outside_requests()
