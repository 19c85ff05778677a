"""Every script on paper: Arabic and Hebrew joined and right to left, emoji drawn, CJK kept.

Text is read back with pypdf (it must come out in reading order) and pages are rendered with
pdfium, where each checked character's box is cut out and compared with the empty box a font
draws for a character it does not have: a real glyph must look different from that box.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont

from companion.core.records import to_us
from companion.export import pdf as pdf_module
from companion.export.pdf import MAIN_FONT, font_dir, render_pdf
from companion.export.summary import Selection, build_summary

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-output" / "pdf"
START = to_us(datetime(2026, 11, 16, tzinfo=UTC))
NOW = to_us(datetime(2026, 11, 24, 20, tzinfo=UTC))

ARABIC = "أشعر بحزن خفيف اليوم"  # "I feel a light sadness today"
HEBREW = "שלום, היה יום ארוך"  # "Hello, it was a long day"
MIXED = "Today I felt שקט and then حزين again"
EMOJI = "Tears 😢 then a smile 🙂 with my family 👩‍👩‍👧"
CJK = "今日はとても疲れた。你好"
NO_FONT_HAS = "\U0010fffd"  # a private-use character: every font draws its empty box for it
SCALE = 4.0  # pixels per PDF point when rendering


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def summary_pdf(lines: list[str]) -> bytes:
    summary = build_summary([], Selection(), START, None, NOW)
    return render_pdf(replace(summary, bringing=lines, empty_message=None))


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def scripts_pdf() -> bytes:
    data = summary_pdf([ARABIC, HEBREW, MIXED, EMOJI, CJK])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(data)
    try:
        doc[0].render(scale=1.5).to_pil().save(ARTIFACTS / "scripts-page1.png")
    finally:
        doc.close()
    return data


def _characters(textpage: pdfium.PdfTextPage) -> Iterator[tuple[str, tuple[float, float, float, float]]]:
    """Each character pdfium found with its box; emoji beyond U+FFFF come as two UTF-16 halves."""
    count, index = textpage.count_chars(), 0
    while index < count:
        char, box = textpage.get_text_range(index, 1), textpage.get_charbox(index)
        if not char and index + 1 < count:  # half of a pair reads as nothing: read both halves
            char = textpage.get_text_range(index, 2)
            index += 1
        index += 1
        yield char, box


class RenderedPage:
    """The first page as pixels, and where pdfium says each character was drawn."""

    def __init__(self, data: bytes) -> None:
        doc = pdfium.PdfDocument(data)
        try:
            page = doc[0]
            self.height = page.get_height()
            self.image = page.render(scale=SCALE).to_pil().convert("L")
            textpage = page.get_textpage()
            self.chars = list(_characters(textpage))
            textpage.close()
            page.close()
        finally:
            doc.close()

    def boxes(self, char: str) -> Iterator[tuple[float, float, float, float]]:
        return (box for found, box in self.chars if found == char)

    def x_of(self, char: str) -> float:
        """The left edge (PDF points) of the first place ``char`` was drawn."""
        box = next(self.boxes(char), None)
        assert box is not None, f"{char!r} is not on the page"
        return box[0]

    def crop(self, box: tuple[float, float, float, float]) -> Image.Image:
        left, bottom, right, top = box
        return self.image.crop(
            (
                int(left * SCALE) - 1,
                int((self.height - top) * SCALE) - 1,
                int(right * SCALE) + 2,
                int((self.height - bottom) * SCALE) + 2,
            )
        )

    def glyph(self, char: str) -> Image.Image:
        box = next(self.boxes(char), None)
        assert box is not None, f"{char!r} is not on the page"
        return self.crop(box)


def ink(image: Image.Image) -> Image.Image:
    """The dark pixels, cut to their bounding box and scaled to 24x24, as a black-and-white mask."""
    mask = image.convert("L").point(lambda v: 255 if v < 128 else 0)
    bbox = mask.getbbox()
    assert bbox is not None, "no ink at all where the character should be"
    return mask.crop(bbox).resize((24, 24), Image.Resampling.NEAREST)


def empty_box() -> Image.Image:
    """How the main font draws a character it does not have: the box we must never print."""
    font = ImageFont.truetype(str(font_dir() / MAIN_FONT), 64, layout_engine=ImageFont.Layout.BASIC)
    image = Image.new("L", (140, 120), 255)
    ImageDraw.Draw(image).text((20, 10), NO_FONT_HAS, font=font, fill=0)
    return image


def differs_from_box(glyph: Image.Image) -> float:
    """Share of the 24x24 cells where the glyph's ink and the empty box's ink disagree."""
    mine, box = ink(glyph), ink(empty_box())
    pairs = zip(mine.tobytes(), box.tobytes(), strict=True)
    return sum(a != b for a, b in pairs) / (24 * 24)


def test_the_empty_box_reference_is_a_box() -> None:
    """The comparison is fair: the reference is a hollow rectangle, and a box matches itself."""
    box = ink(empty_box())
    assert box.getpixel((12, 12)) == 0 and box.getpixel((0, 12)) == 255
    assert differs_from_box(empty_box()) == 0


def test_right_to_left_text_reads_back_in_reading_order(scripts_pdf: bytes) -> None:
    text = squash(text_of(scripts_pdf))
    for line in (ARABIC, HEBREW, MIXED):
        assert squash(line) in text, line


def test_hebrew_runs_right_to_left(scripts_pdf: bytes) -> None:
    """In "שלום" the first letter is drawn rightmost; unshaped text put it leftmost."""
    page = RenderedPage(scripts_pdf)
    assert page.x_of("ש") > page.x_of("ל") > page.x_of("ו") > page.x_of("ם")


def test_a_mixed_line_keeps_each_part_in_its_place(scripts_pdf: bytes) -> None:
    """English left to right around it, the Hebrew word right to left inside it."""
    page = RenderedPage(summary_pdf([MIXED]))
    felt, again = page.x_of("f"), page.x_of("g")
    shin, qof, tet = page.x_of("ש"), page.x_of("ק"), page.x_of("ט")
    assert felt < tet < qof < shin < again
    assert page.x_of("ح") > page.x_of("ن")  # حزين: first letter rightmost


def _widest_ink_share(image: Image.Image) -> float:
    """How much of the word's width its widest connected stroke covers (joined script: nearly all)."""
    mask = image.convert("L").point(lambda v: 1 if v < 128 else 0)
    width, height = mask.size
    pixels = mask.load()
    seen: set[tuple[int, int]] = set()
    left_all, right_all, widest = width, 0, 0
    for start_x in range(width):
        for start_y in range(height):
            if not pixels[start_x, start_y] or (start_x, start_y) in seen:
                continue
            stack, low, high = [(start_x, start_y)], start_x, start_x
            seen.add((start_x, start_y))
            while stack:
                x, y = stack.pop()
                low, high = min(low, x), max(high, x)
                for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                    if 0 <= nx < width and 0 <= ny < height and pixels[nx, ny] and (nx, ny) not in seen:
                        seen.add((nx, ny))
                        stack.append((nx, ny))
            left_all, right_all = min(left_all, low), max(right_all, high)
            widest = max(widest, high - low)
    return widest / max(1, right_all - left_all)


def _word_image(data: bytes, letters: str) -> Image.Image:
    page = RenderedPage(data)
    boxes = [box for char, box in page.chars if char in letters]
    assert boxes, "the word is not on the page"
    whole = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return page.crop(whole)


def test_arabic_letters_join(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "سسس" (three seen) joined is one stroke across the word; unshaped it is three apart."""
    word = "سسس"
    joined = _widest_ink_share(_word_image(summary_pdf([word]), word))
    assert joined > 0.9, joined
    monkeypatch.setattr(pdf_module, "shaping_available", lambda: False)  # as on a phone
    apart = _widest_ink_share(_word_image(summary_pdf([word]), word))
    assert apart < 0.5, apart  # the measure tells the two apart


def test_emoji_are_drawn_not_dropped(scripts_pdf: bytes) -> None:
    text = squash(text_of(scripts_pdf))
    for emoji in ("😢", "🙂", "👩"):
        assert emoji in text, emoji
    page = RenderedPage(scripts_pdf)
    for emoji in ("😢", "🙂"):
        assert differs_from_box(page.glyph(emoji)) > 0.2, emoji
    fonts = {
        str(font["/BaseFont"])
        for font in pypdf.PdfReader(io.BytesIO(scripts_pdf)).pages[0]["/Resources"]["/Font"].values()
    }
    assert any("NotoEmoji" in name for name in fonts), fonts  # one emoji style, not DejaVu's few


def test_cjk_is_still_drawn(scripts_pdf: bytes) -> None:
    assert squash(CJK) in squash(text_of(scripts_pdf))
    page = RenderedPage(scripts_pdf)
    for char in ("疲", "好", "日"):
        assert differs_from_box(page.glyph(char)) > 0.2, char


def test_arabic_and_hebrew_glyphs_are_real(scripts_pdf: bytes) -> None:
    page = RenderedPage(scripts_pdf)
    for char in ("ש", "ר", "ش", "ح"):
        assert differs_from_box(page.glyph(char)) > 0.2, char


def test_without_harfbuzz_everything_still_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    """Phone builds have no uharfbuzz: the PDF is made unshaped, nothing is lost from the text."""
    monkeypatch.setattr(pdf_module, "shaping_available", lambda: False)
    text = squash(text_of(summary_pdf([ARABIC, HEBREW, EMOJI, CJK])))
    for word in ("😢", "👩", "今日", "你好"):
        assert word in text, word
    assert all(letter in text for letter in "שלוםحزن")


def test_shaping_is_used_only_where_needed() -> None:
    """Latin and CJK alone stay on fpdf2's faster plain layout (shaping costs ~6x the time)."""
    needed = pdf_module._fallbacks_needed
    assert not needed(["Plain words", CJK, "Ça, Привет, Γειά"]).shaping
    assert needed([ARABIC]).shaping and needed([HEBREW]).shaping
    assert needed(["नमस्ते"]).shaping and needed(["👩‍👩‍👧"]).shaping
    assert needed([EMOJI]).emoji and not needed(["just words"]).emoji
