"""Words the Session area shows: readable dates, phrase starters as fill-ins."""

from __future__ import annotations

from datetime import date, datetime, time

from companion.ui.screens.feedback_screen import compose_starter, has_blanks, starter_blanks
from companion.ui.screens.sessions_screen import picked_date, picked_time, readable_day, readable_moment


def test_dates_read_as_words_with_the_year_only_when_it_differs() -> None:
    today = date(2026, 12, 3)
    assert readable_moment(date(2026, 11, 24), time(17, 30), today) == "Tuesday 24 November, 17:30"
    assert readable_day(date(2027, 1, 5), today) == "Tuesday 5 January 2027"


def test_only_what_a_picker_gives_is_taken() -> None:
    assert picked_date(datetime(2026, 11, 24, 0, 0)) == date(2026, 11, 24)
    assert picked_time(time(17, 30, 12)) == time(17, 30)
    assert picked_date("2026-11-24") is None and picked_time("17:30") is None


def test_a_starter_becomes_labelled_blanks_and_a_finished_sentence() -> None:
    starter = "When you \u2026, I felt \u2026"
    assert starter_blanks(starter) == ["When you \u2026", "I felt \u2026"]
    sentence = compose_starter(starter, ["slowed down", "safer"])
    assert sentence == "When you slowed down, I felt safer."
    assert not has_blanks(sentence)
    assert compose_starter("Could we \u2026?", ["go slower"]) == "Could we go slower?"
    assert has_blanks("I'd like more of \u2026")
