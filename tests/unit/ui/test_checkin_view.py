"""A past check-in read back in words (usability review finding 9): places, sensations and
strength; what I felt; what I needed; what I wrote; nothing invented where nothing was chosen."""

from __future__ import annotations

import flet as ft

from companion.core import i18n
from companion.kinds.checkin import BodyMark, CheckIn
from companion.ui.screens.checkin_view_screen import CheckInViewScreen, feeling_line, mark_lines, wrote_lines


def _texts(control: object) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, ft.Text) and isinstance(node.value, str):
            found.append(node.value)
        for name in ("content", "controls"):
            child = getattr(node, name, None)
            for item in child if isinstance(child, list) else [child]:
                if item is not None and not isinstance(item, str):
                    walk(item)

    walk(control)
    return found


def test_a_mark_reads_as_place_quality_and_strength() -> None:
    assert mark_lines(BodyMark("chest", ("tight", "heavy"), "like a band", 7)) == (
        "Chest",
        "tight, heavy, like a band",
        "Strength 7 of 10",
    )
    assert mark_lines(BodyMark("jaw")) == ("Jaw", "", "")  # no strength chosen: none shown


def test_a_feeling_reads_with_its_level_only_when_chosen() -> None:
    assert feeling_line("hurt", "strong") == "hurt, very"
    assert feeling_line("bad", None) == "bad"


def test_what_i_wrote_keeps_the_order_of_the_steps() -> None:
    checkin = CheckIn(happened="a call", said="I'm fine", body_said="shaking", note="  ")
    assert wrote_lines(checkin) == [
        ("What happened", "a call"),
        ("What I said", "I'm fine"),
        ("What my body said", "shaking"),
    ]


def test_the_sections_show_what_was_given_and_nothing_else() -> None:
    checkin = (
        CheckIn(happened="A long meeting")
        .mark(BodyMark("stomach", ("churning",), "", 6))
        .add_feeling("bad")
        .toggle_need("rest")
    )
    texts = _texts(
        ft.Column(CheckInViewScreen._sections(CheckInViewScreen.__new__(CheckInViewScreen), checkin))
    )
    for expected in ("What I noticed", "Stomach", "churning", "Strength 6 of 10", "What I felt", "bad"):
        assert expected in texts
    assert "In my own words" in texts
    assert "What I needed" in texts and "What I wrote" in texts and "A long meeting" in texts
    quiet = _texts(
        ft.Column(
            CheckInViewScreen._sections(CheckInViewScreen.__new__(CheckInViewScreen), CheckIn(not_sure=True))
        )
    )
    assert quiet == ["What I felt", "Not sure yet"]


def test_a_stored_feeling_and_mark_read_in_the_language_of_today() -> None:
    with i18n.use("de"):
        assert feeling_line("hurt", "strong") == "verletzt, sehr"
        assert feeling_line("bad", None, own=True) == "bad"  # their own word, as written
        assert mark_lines(BodyMark("chest", ("tight",), "", 7)) == ("Brust", "Eng", "Stärke 7 von 10")
        assert wrote_lines(CheckIn(happened="a call"))[0] == ("Was passiert ist", "a call")
    with i18n.use("es"):
        assert feeling_line("hurt", "strong") == "herido/a, mucho"
        assert mark_lines(BodyMark("chest", ("tight",), "", 7)) == ("Pecho", "apretado", "Intensidad 7 de 10")
