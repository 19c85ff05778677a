"""The session summary as a PDF the client can print or hand over.

Drawn from the same :class:`~companion.export.summary.Summary` the preview and the text exports use, so
nothing can appear on paper that the client did not see and choose. Everything is black, white
and grey so it prints well on any printer; the body map is vector shapes from
:mod:`companion.reference.body_layout`, the same outline the app shows.

Fonts are shipped in ``assets/fonts`` (DejaVu Sans for Latin, Greek, Cyrillic, Hebrew and
Arabic; Droid Sans Fallback for Chinese, Japanese and Korean; Noto Emoji, black and white, for
emoji). Where ``uharfbuzz`` can be imported (everywhere but phone builds, see docs/building.md)
text is shaped, so Arabic letters join, Hebrew and Arabic run right to left and a line mixing
them with English keeps each part in its reading order. Characters no bundled font has are
dropped quietly rather than printed as empty boxes or crashing. Each font file is parsed once
per process (:func:`add_bundled_font`); every PDF still embeds only the glyphs it uses.

Layout is chosen by each section's stable id (``block.id``), never by its heading text.
"""

from __future__ import annotations

import copy
import io
import logging
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import tzinfo
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.bidi import auto_detect_base_direction
from fpdf.enums import EncryptionMethod, TextDirection, TextEmphasis, XPos, YPos
from fpdf.fonts import SubsetMap, TTFFont

from companion.core.i18n import _
from companion.export.summary_model import Block, Summary, day_text
from companion.export.summary_text import blocks, intro_lines
from companion.reference import body_layout

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # companion/
FONT_DIR = PACKAGE_DIR.parent / "assets" / "fonts"
MAIN_FONT = "DejaVuSans.ttf"
BOLD_FONT = "DejaVuSans-Bold.ttf"
CJK_FONT = "DroidSansFallback.ttf"
EMOJI_FONT = "NotoEmoji-Regular.ttf"
# The glue of emoji sequences: zero-width joiner, text/emoji presentation selectors, the keycap
# frame and the five skin tones. The emoji font draws them, so a sequence like 👩‍👩‍👧 stays in one
# run of one font and is joined into one glyph instead of three faces and two stray marks.
EMOJI_GLUE = frozenset({0x200D, 0xFE0E, 0xFE0F, 0x20E3, *range(0x1F3FB, 0x1F400)})
PAPER_SIZES = {"A4": "A4", "Letter": "Letter"}

INK = 20  # near black text
SOFT = 90  # secondary text
LINE = 60  # outlines
PAPER = 255
MARGIN = 16.0  # mm
BODY_SIZE = 10.5
HEADING_SIZE = 13.0

# fpdf2 logs every glyph a font lacks; we drop such characters ourselves first.
logging.getLogger("fpdf").setLevel(logging.ERROR)


def font_dir() -> Path:
    """Where the bundled fonts are: next to the package in a checkout, or beside it when bundled."""
    for candidate in (FONT_DIR, PACKAGE_DIR / "assets" / "fonts"):
        if (candidate / MAIN_FONT).exists():
            return candidate
    return FONT_DIR


@cache
def _coverage(name: str) -> frozenset[int]:
    """The code points a bundled font can draw (read once per process)."""
    with TTFont(font_dir() / name, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


@cache
def _emoji_owned() -> frozenset[int]:
    """Code points the emoji font draws even where a text font has a glyph of its own.

    Every emoji from U+1F000 up and the glue between them: DejaVu has a few faces (😀, 😢), and
    drawing those with it would mix two styles on one line and split sequences apart.
    """
    return EMOJI_GLUE | frozenset(code for code in _coverage(EMOJI_FONT) if code >= 0x1F000)


@cache
def shaping_available() -> bool:
    """Whether text can be shaped here (uharfbuzz has no phone wheels, so phones print unshaped)."""
    try:
        import uharfbuzz  # noqa: F401 - only asking whether it is there
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class _ParsedFont:
    """A bundled font read once: fpdf2's parsed widths and glyph ids, the file, its glyph order."""

    template: TTFFont
    data: bytes
    glyph_order: tuple[str, ...]


@cache
def _parsed_font(name: str) -> _ParsedFont:
    """Parse a bundled font once per process (the CJK font alone takes about half a second)."""
    path = font_dir() / name
    scratch = FPDF()
    scratch.add_font("parsed", "", path)
    template = scratch.fonts["parsed"]
    return _ParsedFont(template, path.read_bytes(), tuple(template.ttfont.getGlyphOrder()))


@cache
def _cmap_without(name: str, ceded: frozenset[int]) -> dict[int, int]:
    """A font's character map less the characters it leaves to a fallback font (shared, read-only)."""
    cmap = _parsed_font(name).template.cmap
    return {code: glyph for code, glyph in cmap.items() if code not in ceded}


def _fresh_copy(parsed: _ParsedFont, pdf: FPDF, fontkey: str, style: str) -> TTFFont:
    """The cached font for one more document: shared read-only tables, this document's own state.

    fpdf2 cuts the embedded font down to the glyphs used *in place* when it writes the file, so
    each document gets its own lazily opened copy of the font file (cheap: nothing is decoded
    until then) and its own glyph subset, width table and list of missing glyphs.
    """
    font = copy.copy(parsed.template)
    font.i = len(pdf.fonts) + 1
    font.fontkey = fontkey
    font.emphasis = TextEmphasis.coerce(style)
    font.ttfont = TTFont(io.BytesIO(parsed.data), recalcTimestamp=False, lazy=True)
    font.ttfont.setGlyphOrder(list(parsed.glyph_order))  # spares deriving 30,000 glyph names again
    font.cw = copy.copy(parsed.template.cw)
    font.desc = copy.copy(parsed.template.desc)  # a PDF object: each font writes its own
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.subset = SubsetMap(font)
    return font


def warm_fonts(*, cjk: bool = True, emoji: bool = True) -> None:
    """Parse the bundled fonts ahead of time (e.g. in a background thread when the Summary screen
    opens), so even the first PDF of a session skips the ~1 s of parsing."""
    names = (MAIN_FONT, BOLD_FONT, *((CJK_FONT,) if cjk else ()), *((EMOJI_FONT,) if emoji else ()))
    for name in names:
        _parsed_font(name)
    if emoji:
        for name in (MAIN_FONT, BOLD_FONT, *((CJK_FONT,) if cjk else ())):
            _cmap_without(name, _emoji_owned())
    shaping_available()


def add_bundled_font(
    pdf: FPDF, family: str, style: str, name: str, *, ceded: frozenset[int] = frozenset()
) -> None:
    """``pdf.add_font`` for a bundled font, without parsing the file again for every document.

    ``ceded`` are characters the font leaves to a fallback font although it has them (emoji).
    Falls back to fpdf2's own (slower) ``add_font`` if its font object ever changes shape.
    """
    fontkey = f"{family.lower()}{style}"
    try:
        parsed = _parsed_font(name)
        if parsed.template.is_cff:
            raise TypeError("CFF fonts need fpdf2's own setup")
        font = _fresh_copy(parsed, pdf, fontkey, style)
    except (AttributeError, TypeError, ValueError):
        pdf.add_font(family, style, font_dir() / name)
        font = pdf.fonts[fontkey]
        if ceded:
            font.cmap = {code: glyph for code, glyph in font.cmap.items() if code not in ceded}
        return
    if ceded:
        font.cmap = _cmap_without(name, ceded)
    pdf.fonts[fontkey] = font


def printable(text: str, *, cjk: bool = True, emoji: bool = False) -> str:
    """``text`` without characters no font in use can draw, so they vanish cleanly.

    ``cjk`` and ``emoji`` say whether the CJK and the emoji font are in use. Without the emoji
    font the glue of emoji sequences goes too.
    """
    main = _coverage(MAIN_FONT)
    extra = _coverage(CJK_FONT) if cjk else frozenset()
    faces = _coverage(EMOJI_FONT) if emoji else frozenset()
    kept = []
    for char in text:
        code = ord(char)
        if code in EMOJI_GLUE and not emoji:
            continue  # joiners, variation selectors and skin tones: glue for emoji we drop
        if char in "\n\t" or (code >= 32 and (code in main or code in extra or code in faces)):
            kept.append(char)
        elif char.isspace():
            kept.append(" ")
    return "".join(kept)


# Scripts whose letters change shape with their neighbours or reorder (Indic, Thai, Lao, Tibetan,
# Myanmar, Khmer ...): text with them is shaped even when it has nothing right to left.
COMPLEX_SCRIPTS = ((0x0900, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0xA8E0, 0xA8FF))


def _needs_shaping(code: int) -> bool:
    """Whether a character needs HarfBuzz: right-to-left letters, complex scripts, emoji glue.

    Shaping costs about six times as much as fpdf2's plain layout, so text of Latin, Greek,
    Cyrillic and CJK letters alone is laid out unshaped, as it always was.
    """
    if code < 0x0590:
        return False
    if code in EMOJI_GLUE or any(low <= code <= high for low, high in COMPLEX_SCRIPTS):
        return True
    return unicodedata.bidirectional(chr(code)) in ("R", "AL", "AN")


@dataclass(frozen=True)
class _Fallbacks:
    """Which of the large fallback fonts a document needs, and whether its text needs shaping."""

    cjk: bool
    emoji: bool
    shaping: bool = False


def _fallbacks_needed(texts: Iterable[str]) -> _Fallbacks:
    main = _coverage(MAIN_FONT)
    cjk = _coverage(CJK_FONT)
    faces = _coverage(EMOJI_FONT)
    owned = _emoji_owned() - EMOJI_GLUE
    chars = {ord(c) for text in texts for c in text}
    other_faces = faces - main - cjk  # symbols only the emoji font has
    return _Fallbacks(
        cjk=any(code not in main and code in cjk for code in chars),
        emoji=any(code in owned or code in other_faces for code in chars),
        shaping=any(_needs_shaping(code) for code in chars),
    )


def use_bundled_fonts(pdf: FPDF, texts: Iterable[str]) -> _Fallbacks:
    """Give ``pdf`` the "main" family and the fallback fonts ``texts`` need (shaping is switched
    per paragraph, :func:`shape_if_needed`).

    The CJK font has no bold face, and fpdf2 embeds every font it is given, so each fallback is
    added once: ``exact_match=False`` draws bold CJK or emoji with the same glyphs.
    """
    needed = _fallbacks_needed(texts)
    ceded = _emoji_owned() if needed.emoji else frozenset()
    add_bundled_font(pdf, "main", "", MAIN_FONT, ceded=ceded)
    add_bundled_font(pdf, "main", "B", BOLD_FONT, ceded=ceded)
    fallbacks = []
    if needed.cjk:
        add_bundled_font(pdf, "cjk", "", CJK_FONT, ceded=ceded)
        fallbacks.append("cjk")
    if needed.emoji:
        add_bundled_font(pdf, "emoji", "", EMOJI_FONT)
        fallbacks.append("emoji")
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
    return needed


def shape_if_needed(pdf: FPDF, text: str) -> None:
    """Turn fpdf2's text shaping on for ``text`` if it needs it (and we can), off otherwise.

    Called before each paragraph: shaping costs about six times as much as the plain layout, so
    a month of English or Japanese notes with one Arabic line shapes just that line.
    """
    wanted = any(_needs_shaping(ord(char)) for char in text) and shaping_available()
    if wanted != bool(pdf.text_shaping):
        pdf.set_text_shaping(wanted)


def right_to_left(text: str) -> bool:
    """Whether a paragraph reads right to left (its first strong letter is Hebrew, Arabic ...)."""
    return auto_detect_base_direction(text) == TextDirection.RTL


@dataclass(frozen=True)
class PdfOptions:
    paper: str = "A4"
    password: str | None = None


class _SummaryPdf(FPDF):
    """An FPDF page with our footer: page numbers, and a quiet reminder whose words these are."""

    footer_text = ""

    def footer(self) -> None:
        shape_if_needed(self, self.footer_text)
        self.set_y(-12)
        self.set_font("main", size=8)
        self.set_text_color(SOFT)
        self.cell(0, 5, self.footer_text, align="L")
        self.set_x(self.l_margin)
        # Translators: the page number at the foot of a PDF page: "Page 1 of 2"
        number = _("Page {page} of {pages}").format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(0, 5, number, align="R")


def _all_text(summary: Summary) -> list[str]:
    texts = [summary.title, summary.range_text, summary.name, summary.empty_message or ""]
    for block in blocks(summary, markdown=False):
        texts.append(block.heading)
        texts.extend(block.lines)
    return texts


def render_pdf(
    summary: Summary,
    *,
    password: str | None = None,
    paper: str = "A4",
    tz: tzinfo | None = None,
) -> bytes:
    """The summary as PDF bytes; with a ``password`` the file is AES-256 encrypted."""
    pdf = _SummaryPdf(format=PAPER_SIZES.get(paper, "A4"))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=18)
    pdf.alias_nb_pages()
    pdf.set_creator("Companion")
    pdf.set_title(summary.title)
    fonts = use_bundled_fonts(pdf, _all_text(summary))
    pdf.footer_text = _("Written by me, to bring to my session")
    _Writer(pdf, fonts, tz).write(summary)
    if password:
        pdf.set_encryption(
            owner_password=password,
            user_password=password,
            encryption_method=EncryptionMethod.AES_256,
        )
    return bytes(pdf.output())


_ToPage = Callable[[float, float], tuple[float, float]]


class _Writer:
    """Lays the summary out top to bottom, keeping headings with what follows them."""

    def __init__(self, pdf: FPDF, fonts: _Fallbacks, tz: tzinfo | None) -> None:
        self.pdf = pdf
        self.fonts = fonts
        self.tz = tz

    def printable(self, text: str) -> str:
        """``text`` as it can be drawn, with shaping switched on for it if it needs it."""
        shape_if_needed(self.pdf, text)
        return printable(text, cjk=self.fonts.cjk, emoji=self.fonts.emoji)

    @property
    def width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def text(self, text: str, *, size: float = BODY_SIZE, bold: bool = False, grey: int = INK) -> None:
        self.pdf.set_font("main", "B" if bold else "", size)
        self.pdf.set_text_color(grey)
        self.pdf.multi_cell(
            self.width,
            size * 0.5,
            self.printable(text),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            align="R" if right_to_left(text) else "J",
        )

    def gap(self, mm: float = 2.0) -> None:
        self.pdf.ln(mm)

    def room(self, mm: float) -> None:
        """Start a new page unless ``mm`` of space is left, so a heading never ends a page."""
        if self.pdf.get_y() + mm > self.pdf.h - self.pdf.b_margin:
            self.pdf.add_page()

    def heading(self, text: str, keep: float = 22.0) -> None:
        self.gap(3)
        self.room(keep)
        self.text(text, size=HEADING_SIZE, bold=True)
        y = self.pdf.get_y() + 0.6
        self.pdf.set_draw_color(170)
        self.pdf.set_line_width(0.3)
        self.pdf.line(self.pdf.l_margin, y, self.pdf.l_margin + self.width, y)
        self.gap(2.2)

    def bullets(self, lines: Iterable[str]) -> None:
        for line in lines:
            if not line:
                self.gap(2)
                continue
            self.bullet(line, self.pdf.l_margin, 5, self.width)
            self.gap(0.8)

    def bullet(self, line: str, x: float, bullet_width: float, width: float) -> None:
        """One bulleted line at ``x``, wrapped within ``width``; right-aligned when it reads right to left."""
        pdf = self.pdf
        pdf.set_x(x)
        pdf.set_font("main", "", BODY_SIZE)
        pdf.set_text_color(INK)
        pdf.cell(bullet_width, BODY_SIZE * 0.5, "•")
        pdf.multi_cell(
            width - bullet_width,
            BODY_SIZE * 0.5,
            self.printable(line),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            align="R" if right_to_left(line) else "L",
        )

    def write(self, summary: Summary) -> None:
        pdf = self.pdf
        pdf.add_page()
        self.text(summary.title, size=20, bold=True)
        self.gap(1)
        for line in intro_lines(summary):
            self.text(line, size=11, grey=SOFT)
        if summary.empty_message:
            self.gap(6)
            self.text(summary.empty_message)
        for block in blocks(summary, markdown=False):
            self.section(summary, block)

    def section(self, summary: Summary, block: Block) -> None:
        """One section, laid out by its id: a body map, a chart, dated notes, entries or points."""
        if block.id == "body" and summary.body:
            self.heading(block.heading, keep=100)
            self.body_section(summary, block.lines)
        elif block.id == "feelings" and summary.feelings:
            self.heading(block.heading, keep=40)
            self.feelings_section(summary, block.lines)
        elif block.id == "notes":
            self.heading(block.heading)
            self.notes_section(summary)
        elif block.id == "entries":
            self.heading(block.heading)
            self.entries_section(summary)
        elif block.bulleted:
            self.heading(block.heading)
            self.bullets(block.lines)
        else:
            self.heading(block.heading)
            for line in block.lines:
                self.text(line) if line else self.gap(2)

    # --- body ------------------------------------------------------------------------------

    def body_section(self, summary: Summary, lines: list[str]) -> None:
        assert summary.body is not None
        pdf = self.pdf
        top = pdf.get_y()
        figure_w = 30.0
        figure_h = figure_w * body_layout.ASPECT
        shades = region_shades(summary)
        x = pdf.l_margin
        for side in body_layout.SIDES:
            self.figure(side, x, top + 5, figure_w, shades)
            pdf.set_font("main", "", 8)
            pdf.set_text_color(SOFT)
            pdf.set_xy(x, top)
            # Translators: under the body outlines in the PDF: the body seen from the front / from the back
            pdf.cell(figure_w, 4, _("Front view") if side == "front" else _("Back view"), align="C")
            x += figure_w + 4
        legend_y = top + 5 + figure_h + 1.5
        self.legend(pdf.l_margin, legend_y, 2 * figure_w + 4)
        text_x = pdf.l_margin + 2 * figure_w + 10
        pdf.set_xy(text_x, top)
        old_margin = pdf.l_margin
        pdf.set_left_margin(text_x)
        for line in lines:
            self.bullet(line, text_x, 4, pdf.w - pdf.r_margin - text_x)
            pdf.ln(0.8)
        pdf.set_left_margin(old_margin)
        pdf.set_x(old_margin)
        pdf.set_y(max(pdf.get_y(), legend_y + 8))

    def figure(self, side: str, x: float, y: float, w: float, shades: dict[str, int]) -> None:
        """One outline (two passes: thick strokes, then white fills) with the felt regions shaded."""
        pdf = self.pdf
        h = w * body_layout.ASPECT

        def pt(px: float, py: float) -> tuple[float, float]:  # the figure's box -> page mm
            return x + px * w, y + py * h

        prims = body_layout.silhouette(side)
        closed = [p for p in prims if p.kind != "polyline"]
        pdf.set_draw_color(LINE)
        pdf.set_line_width(0.7)
        for prim in closed:
            self.primitive(prim, pt, w, h, "D")
        pdf.set_fill_color(PAPER)
        for prim in closed:
            self.primitive(prim, pt, w, h, "F")
        pdf.set_line_width(0.2)
        pdf.set_draw_color(150)
        for prim in prims:
            if prim.kind == "polyline":
                pdf.polyline([pt(px, py) for px, py in prim.points])
        pdf.set_line_width(0.25)
        pdf.set_draw_color(LINE)
        for shape in body_layout.shapes_for(side):
            grey = shades.get(shape.region_id)
            if grey is not None:
                pdf.set_fill_color(grey)
                self.shape(
                    shape.kind, pt(shape.cx, shape.cy), shape.w * w, shape.h * h, shape.radius * w, "DF"
                )

    def primitive(self, prim: body_layout.Primitive, pt: _ToPage, w: float, h: float, style: str) -> None:
        if prim.kind == "polygon":
            self.pdf.polygon([pt(px, py) for px, py in prim.points], style=style)
        elif prim.kind != "polyline":
            radius = prim.radius * w if prim.kind == "rounded_rect" else 0.0
            self.shape(prim.kind, pt(prim.cx, prim.cy), prim.w * w, prim.h * h, radius, style)

    def shape(
        self, kind: str, centre: tuple[float, float], w: float, h: float, radius: float, style: str
    ) -> None:
        """An ellipse or a rounded rectangle around ``centre`` (page millimetres)."""
        x, y = centre[0] - w / 2, centre[1] - h / 2
        if kind == "ellipse":
            self.pdf.ellipse(x, y, w, h, style=style)
        else:
            r = min(radius, w / 2, h / 2)
            self.pdf.rect(x, y, w, h, style=style, round_corners=r > 0, corner_radius=r)

    def legend(self, x: float, y: float, width: float) -> None:
        """ "a little" [five shades] "a lot": each label as wide as its words need (other languages
        are longer), the shade boxes sharing what is left."""
        pdf = self.pdf
        pdf.set_line_width(0.2)
        pdf.set_draw_color(LINE)
        pdf.set_font("main", "", 7)
        pdf.set_text_color(SOFT)
        # Translators: the light end of the PDF's shading legend ("a little" ... "a lot")
        little = self.printable(_("a little"))
        # Translators: the dark end of the PDF's shading legend ("a little" ... "a lot")
        lot = self.printable(_("a lot"))
        left = max(11.0, pdf.get_string_width(little) + 1.5)
        right = max(12.0, pdf.get_string_width(lot) + 1)
        steps = len(SHADES)
        box = max(2.0, min(5.0, (width - left - right - 1) / steps, (width - 30) / steps))
        pdf.set_xy(x, y)
        pdf.cell(left, 4, little)
        bx = x + left
        for grey in SHADES:
            pdf.set_fill_color(grey)
            pdf.rect(bx, y + 0.5, box, 3, style="DF")
            bx += box
        pdf.set_xy(bx + 1, y)
        pdf.cell(right, 4, lot)

    # --- feelings --------------------------------------------------------------------------

    def feelings_section(self, summary: Summary, lines: list[str]) -> None:
        assert summary.feelings is not None
        self.bullets(lines)
        series = summary.feelings.series
        if series:
            self.gap(1)
            self.room(38)
            self.text(_("How strong it felt at each check-in, from 0 to 10, over time"), size=9, grey=SOFT)
            self.chart(series, summary.start_us, summary.end_us)

    def chart(self, series: list[tuple[int, float]], start_us: int | None, end_us: int | None) -> None:
        pdf = self.pdf
        x0, y0 = pdf.l_margin + 8, pdf.get_y() + 2
        w, h = min(self.width - 10, 150.0), 24.0
        first = min(start_us if start_us is not None else series[0][0], series[0][0])
        last = max(end_us if end_us is not None else series[-1][0], series[-1][0])
        span = max(1, last - first)
        pdf.set_draw_color(200)
        pdf.set_line_width(0.15)
        pdf.set_font("main", "", 7)
        pdf.set_text_color(SOFT)
        for level in (0, 5, 10):
            ly = y0 + h - level / 10 * h
            pdf.line(x0, ly, x0 + w, ly)
            pdf.set_xy(x0 - 7, ly - 2)
            pdf.cell(6, 4, str(level), align="R")
        points = [(x0 + (t - first) / span * w, y0 + h - max(0.0, min(10.0, v)) / 10 * h) for t, v in series]
        pdf.set_draw_color(LINE)
        pdf.set_line_width(0.4)
        if len(points) > 1:
            pdf.polyline(points)
        pdf.set_fill_color(INK)
        radius = 0.9 if len(points) < 60 else 0.5
        for px, py in points:
            pdf.ellipse(px - radius, py - radius, 2 * radius, 2 * radius, style="F")
        for label_x, us in ((x0, first), (x0 + w, last)):
            pdf.set_xy(label_x - 10, y0 + h + 0.5)
            pdf.cell(20, 4, self.day(us), align="C")
        pdf.set_y(y0 + h + 6)

    def day(self, us: int) -> str:
        return day_text(us, self.tz, with_year=False)

    # --- entries ---------------------------------------------------------------------------

    def notes_section(self, summary: Summary) -> None:
        for number, (day, lines) in enumerate(summary.notes):
            if number:
                self.gap(1.5)
            self.room(12)
            self.text(day, size=9, bold=True, grey=SOFT)
            for line in lines:
                self.text(line)

    def entries_section(self, summary: Summary) -> None:
        for number, (title, text) in enumerate(summary.entries):
            if number:
                self.gap(3)
            self.room(14)
            self.text(title, bold=True)
            if text:
                self.text(text)


SHADES: tuple[int, ...] = (225, 195, 160, 125, 90)  # light grey (a little) to dark grey (a lot)


def region_shades(summary: Summary) -> dict[str, int]:
    """A grey per felt region: darker the more often and the more strongly it was felt."""
    if not summary.body or not summary.body.regions:
        return {}
    weight = {s.region_id: s.weight for s in summary.body.regions}
    top = max(weight.values())
    shades: dict[str, int] = {}
    for region_id, value in weight.items():
        step = min(len(SHADES) - 1, int(value / top * len(SHADES) - 1e-9))
        shades[region_id] = SHADES[max(0, step)]
    return shades
