"""The printable handout that goes with a homework card: one or two pages for the client.

A therapist who recommends Companion hands this over with the card file. It says in plain words
what Companion is, that it is private and offline, how to install it and open the card, and then
lists the practices in large type, as the client's Companion will show them. It carries no
client data; the therapist's name and the next appointment are a line to fill in (or typed).
Fonts come from :mod:`companion.export.pdf`, so the handout draws the same characters the
summary does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from fpdf import FPDF

from companion.core.i18n import N_, _, ngettext
from companion.export.pdf import (
    BOLD_FONT,
    CJK_FONT,
    INK,
    MAIN_FONT,
    PAPER_SIZES,
    SOFT,
    add_bundled_font,
    printable,
)
from companion.kinds.homework import PROMPT, WHAT_LABELS, Homework, describe_dates, describe_often

MARGIN = 18.0  # mm
TEXT_SIZE = 11.5
PRACTICE_TITLE_SIZE = 17.0
PRACTICE_TEXT_SIZE = 14.0

# The handout's paragraphs, in English and marked for translation: shown through _().

WHAT_IT_IS = N_(
    "Companion is a free app for the time between your therapy sessions. You can note where "
    "you feel things in your body, find words for your feelings, take a slow breathing pause, "
    "and jot down what you'd like to bring to your next session. Every step can be skipped."
)
PRIVATE = N_(
    "Everything you write stays on your own phone or computer, locked with a passphrase only "
    "you know. Companion works without the internet, has no account, and sends nothing to "
    "anyone, your therapist included. You decide what, if anything, to share."
)
INSTALL = N_(
    "Install Companion on your phone or computer the way your therapist suggests (they can "
    "tell you where to get it). Open it, choose a passphrase, and keep the recovery code it "
    "shows you somewhere safe."
)
NOT_CRISIS = N_(
    "Companion is not a crisis service. If you are in danger, please call your local emergency number."
)


def open_steps(file_name: str) -> list[str]:
    return [
        _(
            'Save the card file "{file_name}" that came with this sheet on the device where Companion is.'
        ).format(file_name=file_name),
        _("Open Companion and unlock your journal."),
        _('Go to Session, then Homework, and choose "Import a homework card".'),
        _("Companion shows what the card would add and asks you before adding anything."),
    ]


def practice_heading(homework: Homework) -> str:
    # Translators: a practice from the therapist, when it has no title of its own
    return homework.shown_title or _(WHAT_LABELS.get(homework.what, N_("Practice")))


def practice_when(homework: Homework, today: date) -> str:
    """ "Check-in, every day, for 2 weeks from the day you add it".

    A practice without a start on the card starts whenever the client adds it (`parse_card`
    gives it ``today``), so its length is told in weeks rather than as dates that would be wrong.
    """
    what = _(WHAT_LABELS.get(homework.what, N_("Practice")))
    often = describe_often(homework)
    if homework.start != today:
        # Translators: a practice, how often and when: "Check-in, every day, from 3 to 17 December"
        return _("{what}, {often}, {dates}").format(
            what=what, often=often, dates=describe_dates(homework, today)
        )
    if homework.until is None:
        line = _("{what}, {often}, from the day you add it")
        return line.format(what=what, often=often)
    days = (homework.until - homework.start).days + 1
    weeks, rest = divmod(days, 7)
    if rest:
        line = ngettext(
            "{what}, {often}, for {n} day from the day you add it",
            "{what}, {often}, for {n} days from the day you add it",
            days,
        )
        return line.format(what=what, often=often, n=days)
    line = ngettext(
        "{what}, {often}, for {n} week from the day you add it",
        "{what}, {often}, for {n} weeks from the day you add it",
        weeks,
    )
    return line.format(what=what, often=often, n=weeks)


class _Handout(FPDF):
    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("main", size=8.5)
        self.set_text_color(SOFT)
        self.multi_cell(0, 4, _(NOT_CRISIS), align="C")


class _Layout:
    """Top-to-bottom writing with the handout's few text styles."""

    def __init__(self, pdf: FPDF, cjk: bool) -> None:
        self.pdf = pdf
        self.cjk = cjk

    def text(self, text: str, size: float = TEXT_SIZE, *, bold: bool = False, grey: int = INK) -> None:
        self.pdf.set_font("main", "B" if bold else "", size)
        self.pdf.set_text_color(grey)
        self.pdf.multi_cell(
            0, size * 0.48, printable(text, cjk=self.cjk), align="L", new_x="LMARGIN", new_y="NEXT"
        )

    def heading(self, text: str) -> None:
        self.gap(3)
        self.room(20)
        self.text(text, 13.5, bold=True)
        self.gap(1)

    def gap(self, mm: float) -> None:
        self.pdf.ln(mm)

    def room(self, mm: float) -> None:
        """Start a new page if less than ``mm`` is left, so a heading stays with its text."""
        if self.pdf.get_y() + mm > self.pdf.h - self.pdf.b_margin:
            self.pdf.add_page()

    def fill_in_line(self, label: str, value: str) -> None:
        pdf = self.pdf
        self.room(12)
        pdf.set_font("main", "", TEXT_SIZE)
        pdf.set_text_color(INK)
        label_w = pdf.get_string_width(label) + 2
        y = pdf.get_y()
        pdf.cell(label_w, 8, label)
        if value:
            pdf.cell(0, 8, printable(value, cjk=self.cjk))
        pdf.set_draw_color(120)
        pdf.set_line_width(0.3)
        pdf.line(pdf.l_margin + label_w, y + 7, pdf.w - pdf.r_margin, y + 7)
        pdf.set_xy(pdf.l_margin, y + 11)


def render_handout(
    practices: Sequence[Homework],
    *,
    file_name: str,
    therapist: str = "",
    next_appointment: str = "",
    paper: str = "A4",
    today: date | None = None,
) -> bytes:
    """The handout as PDF bytes. ``practices`` are the card's, as `parse_card` read them."""
    today = today or date.today()
    texts = [therapist, next_appointment, file_name]
    for h in practices:
        for name in ("title", "note", "prompt"):  # every language the card gives, for the font
            texts += [h.shown(name), *h.languages(name).values()]
    cjk = any(printable(t, cjk=False) != printable(t, cjk=True) for t in texts)
    pdf = _Handout(format=PAPER_SIZES.get(paper, "A4"))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_creator("Companion")
    pdf.set_title(_("Your homework card for Companion"))
    add_bundled_font(pdf, "main", "", MAIN_FONT)
    add_bundled_font(pdf, "main", "B", BOLD_FONT)
    if cjk:
        add_bundled_font(pdf, "cjk", "", CJK_FONT)
        pdf.set_fallback_fonts(["cjk"], exact_match=False)
    pdf.add_page()
    out = _Layout(pdf, cjk)
    out.text(_("Your homework card for Companion"), 20, bold=True)
    out.gap(4)
    # Translators: a line on the handout for the therapist's name, filled in by hand or typed
    out.fill_in_line(_("From (your therapist):") + " ", therapist)
    # Translators: a line on the handout for the date of the next session
    out.fill_in_line(_("Our next appointment:") + " ", next_appointment)
    out.heading(_("What Companion is"))
    out.text(_(WHAT_IT_IS))
    out.heading(_("Private, and it works offline"))
    out.text(_(PRIVATE))
    out.heading(_("How to install it"))
    out.text(_(INSTALL))
    out.heading(_("How to open the card"))
    for number, step in enumerate(open_steps(file_name), start=1):
        out.text(f"{number}. {step}")
    out.heading(_("Your practices"))
    out.text(_("If a practice doesn't suit you, skip it: we can talk about that too."), grey=SOFT)
    for homework in practices:
        out.gap(4)
        out.room(30)
        out.text(practice_heading(homework), PRACTICE_TITLE_SIZE, bold=True)
        out.text(practice_when(homework, today), PRACTICE_TEXT_SIZE, grey=SOFT)
        if homework.what == PROMPT and homework.shown_prompt:
            out.text(_("To write about: {prompt}").format(prompt=homework.shown_prompt), PRACTICE_TEXT_SIZE)
        if homework.shown_note:
            out.text(homework.shown_note, PRACTICE_TEXT_SIZE)
    return bytes(pdf.output())
