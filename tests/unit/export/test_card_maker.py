"""The card maker writes only cards the importer (`parse_card`) accepts, and every field survives."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.errors import CardNotReady
from companion.export import card_maker
from companion.kinds.homework import (
    BREATHING,
    CHECKIN,
    DAILY,
    FEEDBACK,
    MAX_NOTE,
    MAX_PROMPT,
    MAX_TITLE,
    OFTEN,
    ON_DAYS,
    PROMPT,
    THERAPIST,
    TIMES_A_WEEK,
    WEEKDAYS,
    WHATS,
)
from companion.kinds.homework_card import CARD_SUFFIX, describe_card, parse_card
from companion.reference.ready_cards import ready_cards

TODAY = date(2026, 12, 3)


def test_every_field_round_trips_through_the_file_and_the_importer() -> None:
    forms = [
        card_maker.PracticeForm(
            what=PROMPT,
            title="Noticing the good",
            note="Small things count.\nEven tiny ones.",
            often=ON_DAYS,
            days=("thu", "mon"),
            start=date(2026, 12, 7),
            until=date(2026, 12, 31),
            prompt="What went well today,\nhowever small?",
        ),
        card_maker.PracticeForm(
            what=CHECKIN, title="Evening check-in", often=TIMES_A_WEEK, times_a_week=4, weeks=2
        ),
        card_maker.PracticeForm(what=BREATHING),
        card_maker.PracticeForm(what=FEEDBACK, note="Anything at all.", start=date(2026, 12, 10), weeks=3),
    ]
    got = parse_card(card_maker.make_card(forms, TODAY), TODAY)
    first, second, third, fourth = got
    assert (first.what, first.title, first.note, first.prompt) == (
        PROMPT,
        "Noticing the good",
        "Small things count.\nEven tiny ones.",
        "What went well today,\nhowever small?",
    )
    assert (first.often, first.days, first.start, first.until) == (
        ON_DAYS,
        ("mon", "thu"),
        date(2026, 12, 7),
        date(2026, 12, 31),
    )
    assert (second.often, second.times_a_week, second.start, second.until) == (
        TIMES_A_WEEK,
        4,
        TODAY,  # no start on the card: it starts the day the client adds it
        TODAY + timedelta(days=13),
    )
    assert (third.what, third.often, third.until, third.title, third.note) == (BREATHING, DAILY, None, "", "")
    assert (fourth.start, fourth.until, fourth.note) == (
        date(2026, 12, 10),
        date(2026, 12, 30),
        "Anything at all.",
    )
    assert {h.set_by for h in got} == {THERAPIST}


def test_fields_that_dont_apply_are_left_off_the_card() -> None:
    form = card_maker.PracticeForm(
        what=CHECKIN, often=DAILY, times_a_week=5, days=("mon",), prompt="left over"
    )
    practice = json.loads(card_maker.make_card([form], TODAY))["practices"][0]
    assert practice == {"what": CHECKIN, "often": DAILY}


def test_the_preview_is_the_import_dialogs_own_lines() -> None:
    forms = [
        card_maker.PracticeForm(what=CHECKIN, title="Body first", often=TIMES_A_WEEK, times_a_week=2, weeks=1)
    ]
    lines = card_maker.preview_lines(forms, TODAY)
    assert lines == describe_card(parse_card(card_maker.make_card(forms, TODAY), TODAY), TODAY)
    assert lines == ['"Body first" (check-in), twice a week, from 3 Dec until 9 Dec']


@pytest.mark.parametrize(
    ("forms", "words"),
    [
        ([], "at least one practice"),
        ([card_maker.PracticeForm()] * 21, "at most 20"),
        ([card_maker.PracticeForm(what=PROMPT)], "needs the question"),
        ([card_maker.PracticeForm(until=date(2026, 12, 31), weeks=2)], "not both"),
        ([card_maker.PracticeForm(until=date(2026, 11, 1))], "already passed"),
        ([card_maker.PracticeForm(often=ON_DAYS)], "days"),
        ([card_maker.PracticeForm(title="x" * (MAX_TITLE + 1))], "longer than"),
        ([card_maker.PracticeForm(note="\u00e9" * 1900)] * 20, "too long for one card"),
    ],
)
def test_what_the_importer_would_refuse_is_a_plain_sentence(forms: list, words: str) -> None:
    with pytest.raises(CardNotReady) as caught:
        card_maker.make_card(forms, TODAY)
    assert words in str(caught.value)
    assert "Nothing you typed was lost" in str(caught.value)


def test_a_typed_date_is_read_or_explained() -> None:
    assert card_maker.read_day(" 2026-12-01 ", "first day") == date(2026, 12, 1)
    assert card_maker.read_day("", "first day") is None
    for bad in ("1.12.2026", "2026-02-30", "tomorrow"):
        with pytest.raises(CardNotReady, match="written like 2026-12-01"):
            card_maker.read_day(bad, "first day")


def test_file_names_are_calm_and_end_like_a_card() -> None:
    assert (
        card_maker.card_file_name("Noticing the body, two weeks")
        == "noticing-the-body-two-weeks" + CARD_SUFFIX
    )
    assert card_maker.card_file_name("  ") == "homework" + CARD_SUFFIX
    assert card_maker.card_file_name("../../etc/passwd") == "etc-passwd" + CARD_SUFFIX
    # other languages' letters spelt out or plain, never dropped from the middle of a word
    assert card_maker.card_file_name("Den Körper wahrnehmen") == "den-koerper-wahrnehmen" + CARD_SUFFIX
    assert card_maker.card_file_name("Respiración lenta") == "respiracion-lenta" + CARD_SUFFIX
    assert card_maker.card_file_name("Straße, Ärger") == "strasse-aerger" + CARD_SUFFIX
    assert card_maker.card_file_name("夜の呼吸") == "homework" + CARD_SUFFIX


def test_every_ready_made_card_makes_a_card_and_comes_back_the_same() -> None:
    for ready in ready_cards():
        forms = card_maker.forms_from_ready(ready)
        data = card_maker.make_card(forms, TODAY)
        assert json.loads(data)["practices"] == list(ready.practices)
        assert len(parse_card(data, TODAY)) == len(forms)


_text = st.text(max_size=60) | st.text(alphabet=st.characters(), max_size=3 * MAX_PROMPT)
_day = st.dates(min_value=date(1990, 1, 1), max_value=date(2110, 1, 1))
_anything_in_the_form = st.builds(
    card_maker.PracticeForm,
    what=st.sampled_from(WHATS),
    title=_text,
    note=_text,
    often=st.sampled_from(OFTEN),
    times_a_week=st.integers(-1, 9),
    days=st.lists(st.sampled_from(WEEKDAYS), max_size=7).map(tuple),
    start=st.none() | _day,
    until=st.none() | _day,
    weeks=st.none() | st.integers(-1, 60),
    prompt=_text,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_anything_in_the_form, min_size=0, max_size=22))
def test_anything_the_maker_produces_imports_cleanly(forms: list[card_maker.PracticeForm]) -> None:
    try:
        data = card_maker.make_card(forms, TODAY)
    except CardNotReady as exc:  # the form says what to change; no half-made file
        assert str(exc).startswith("The card isn't ready yet: ")
        return
    practices = parse_card(data, TODAY)
    assert len(practices) == len(forms)
    assert [p.what for p in practices] == [f.what for f in forms]


_valid_form = st.builds(
    card_maker.PracticeForm,
    what=st.sampled_from(WHATS),
    title=st.text(max_size=MAX_TITLE),
    note=st.text(max_size=MAX_NOTE // 4),
    often=st.sampled_from(OFTEN),
    times_a_week=st.integers(1, 7),
    days=st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7).map(tuple),
    start=st.none() | st.dates(min_value=TODAY, max_value=date(2027, 6, 1)),
    weeks=st.none() | st.integers(1, 52),
    prompt=st.text(min_size=1, max_size=MAX_PROMPT).filter(lambda t: t.strip().isprintable() and t.strip()),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_valid_form, min_size=1, max_size=5))
def test_a_sensibly_filled_form_always_makes_a_card(forms: list[card_maker.PracticeForm]) -> None:
    practices = card_maker.card_practices(forms, TODAY)
    for form, got in zip(forms, practices, strict=True):
        assert (got.what, got.often) == (form.what, form.often)
        assert got.start == (form.start or TODAY)
        if form.often == TIMES_A_WEEK:
            assert got.times_a_week == form.times_a_week
        if form.often == ON_DAYS:
            assert set(got.days) == set(form.days)
