"""A checkbox whose label wraps: tapping the words toggles the box, unless the box is disabled."""

from __future__ import annotations

import asyncio

import flet as ft

from companion.ui.widgets.common import wrapping_checkbox


def tap_the_words(row: ft.Row) -> None:
    words = row.controls[1].content  # the Semantics wrapper around the tappable text
    asyncio.run(words.on_click(ft.ControlEvent(control=words, name="click", data=None)))


def test_the_words_toggle_the_box_and_report_the_change() -> None:
    changes: list[str] = []
    row = wrapping_checkbox("Include my notes from this check-in", True, lambda e: changes.append(e.data))
    box = row.controls[0]
    assert isinstance(box, ft.Checkbox) and box.semantics_label == "Include my notes from this check-in"
    box.update = lambda: None  # not on a page in this test
    tap_the_words(row)
    assert box.value is False and changes == ["false"]


def test_a_disabled_box_stays_as_it_is() -> None:
    changes: list[str] = []
    row = wrapping_checkbox("Include my notes", True, lambda e: changes.append(e.data), disabled=True)
    row.controls[0].update = lambda: None
    tap_the_words(row)
    assert row.controls[0].value is True and changes == []
