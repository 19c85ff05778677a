"""The printable handout says what a client needs, in words pypdf can read back."""

from __future__ import annotations

import io
from datetime import date

import pypdf

from companion.export import card_maker
from companion.export.handout import render_handout
from companion.kinds.homework import CHECKIN, PROMPT
from companion.reference.ready_cards import ready_cards

TODAY = date(2026, 12, 3)


def _text(pdf: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def test_the_handout_explains_companion_and_lists_the_practices() -> None:
    forms = [
        card_maker.PracticeForm(
            what=CHECKIN, title="Evening check-in", note="Just a minute before bed.", weeks=2
        ),
        card_maker.PracticeForm(what=PROMPT, title="Noticing the good", prompt="What went well today?"),
    ]
    pdf = render_handout(
        card_maker.card_practices(forms, TODAY),
        file_name="evening.homework.json",
        therapist="Sam Rivera",
        next_appointment="Tuesday 8 Dec, 10:00",
        today=TODAY,
    )
    pages, text = _text(pdf)
    assert pages <= 2
    for words in (
        "What Companion is",
        "sends nothing to anyone",
        "works without the internet",
        "How to install it",
        'Save the card file "evening.homework.json"',
        "Import a homework card",
        "Evening check-in",
        "Check-in, every day, for 2 weeks from the day you add it",
        "Just a minute before bed.",
        "To write about: What went well today?",
        "Sam Rivera",
        "Tuesday 8 Dec, 10:00",
        "not a crisis service",
    ):
        assert words in text, words


def test_every_ready_made_card_fits_on_two_pages() -> None:
    for ready in ready_cards():
        practices = card_maker.card_practices(card_maker.forms_from_ready(ready), TODAY)
        pages, text = _text(render_handout(practices, file_name="x.homework.json", today=TODAY))
        assert pages <= 2, ready.id
        assert practices[0].title in text


def test_text_in_other_scripts_and_emoji_does_not_break_it() -> None:
    forms = [card_maker.PracticeForm(title="身体に気づく 🌿", note="Привет")]
    _pages, text = _text(render_handout(card_maker.card_practices(forms, TODAY), file_name="a.homework.json"))
    assert "Привет" in text
