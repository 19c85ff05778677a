"""Homework from my therapist: practices, their store, progress wording, and homework cards."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import empty
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.errors import CompanionError, HomeworkCardInvalid, RecordNotFound
from companion.core.records import Record, to_us
from companion.kinds.homework import (
    BREATHING,
    CHECKIN,
    CLIENT,
    DAILY,
    FEEDBACK,
    HOMEWORK,
    ON_DAYS,
    PROMPT,
    THERAPIST,
    TIMES_A_WEEK,
    WEEKDAYS,
    WHATS,
    Homework,
    Homeworks,
    clean_text,
    describe_often,
    done_in_period,
    progress_text,
)
from companion.kinds.homework_card import MAX_CARD_BYTES, describe_card, parse_card, write_card
from companion.vault.vault import Vault

TODAY = date(2026, 11, 25)
DOC = Path(__file__).resolve().parents[3] / "docs" / "homework-card.md"


@pytest.fixture
def store(vault: Vault) -> Homeworks:
    empty(vault)
    return Homeworks(vault)


def card(*practices: dict, **top) -> bytes:
    body = {"format": "companion-homework", "version": 1, "practices": list(practices)}
    body.update(top)
    return json.dumps(body).encode()


def at(day: date, hour: int = 12) -> int:
    """Microseconds for a local time on ``day``."""
    return to_us(datetime(day.year, day.month, day.day, hour))


def rec(kind: str, day: date, hour: int = 12, **payload) -> Record:
    return Record(f"{kind}-{day}-{hour}", kind, at(day, hour), at(day, hour), payload)


# --- the practice itself -----------------------------------------------------------------------


def test_payload_round_trip_and_id_is_not_content() -> None:
    homework = Homework(
        what=PROMPT,
        start=date(2026, 11, 18),
        often=ON_DAYS,
        days=("mon", "thu"),
        until=date(2026, 12, 18),
        prompt="What went well today?",
        note="Small things count.\nReally.",
        title="Noticing the good 🌱",
        set_by=THERAPIST,
    )
    again = Homework.from_payload(homework.to_payload(), "rid")
    assert again == homework
    assert again.id == "rid"
    assert json.loads(json.dumps(homework.to_payload())) == homework.to_payload()


@given(
    st.one_of(
        st.none(), st.integers(), st.text(), st.lists(st.integers()), st.dictionaries(st.text(), st.text())
    )
)
def test_damaged_payloads_read_as_harmless_defaults(data) -> None:
    homework = Homework.from_payload(data)
    assert homework.what in WHATS
    assert isinstance(homework.start, date)


def test_damaged_fields_read_as_defaults() -> None:
    homework = Homework.from_payload(
        {"what": "yoga", "start": "25.11.2026", "often": 3, "times_a_week": True, "days": "mon", "until": 5}
    )
    assert (homework.what, homework.often, homework.times_a_week, homework.days, homework.until) == (
        CHECKIN,
        DAILY,
        1,
        (),
        None,
    )
    assert homework.set_by == CLIENT


def test_active_dates_are_inclusive() -> None:
    homework = Homework(CHECKIN, start=date(2026, 11, 18), until=date(2026, 11, 25))
    assert not homework.is_active(date(2026, 11, 17))
    assert homework.is_active(date(2026, 11, 18))
    assert homework.is_active(date(2026, 11, 25))
    assert not homework.is_active(date(2026, 11, 26))
    assert Homework(CHECKIN, start=date(2026, 1, 1)).is_active(date(2099, 1, 1))


# --- the store ---------------------------------------------------------------------------------


def test_store_add_get_all_active_update_delete(store: Homeworks) -> None:
    current = store.add(Homework(CHECKIN, start=TODAY - timedelta(days=3), title="  Evening\tcheck-in "))
    later = store.add(Homework(BREATHING, start=TODAY + timedelta(days=7)))
    over = store.add(Homework(FEEDBACK, start=date(2026, 1, 1), until=date(2026, 2, 1)))
    assert store.get(current.id).title == "Evening check-in"  # cleaned on the way in
    assert store.get(current.id).id == current.id
    assert {h.id for h in store.all()} == {current.id, later.id, over.id}
    assert [h.id for h in store.active(TODAY)] == [current.id]

    store.update(later.id, Homework(BREATHING, start=TODAY, often=TIMES_A_WEEK, times_a_week=3))
    assert store.get(later.id).times_a_week == 3
    assert {h.id for h in store.active(TODAY)} == {current.id, later.id}

    store.delete(over.id)
    with pytest.raises(RecordNotFound):
        store.get(over.id)


def test_store_never_touches_other_kinds(store: Homeworks, vault: Vault) -> None:
    entry = vault.add("journal", {"body": "mine"})
    with pytest.raises(RecordNotFound):
        store.get(entry.id)
    with pytest.raises(RecordNotFound):
        store.update(entry.id, Homework(CHECKIN, start=TODAY))
    with pytest.raises(RecordNotFound):
        store.delete(entry.id)
    assert vault.get(entry.id).payload == {"body": "mine"}


@pytest.mark.parametrize(
    "homework, words",
    [
        (Homework("yoga", start=TODAY), "a check-in, a breathing pause"),
        (Homework(PROMPT, start=TODAY), "needs the question"),
        (Homework(PROMPT, start=TODAY, prompt=" \n\x07 "), "needs the question"),
        (Homework(CHECKIN, start=TODAY, title="x" * 121), "title is longer than 120"),
        (Homework(CHECKIN, start=TODAY, note="x" * 2001), "note is longer than 2000"),
        (Homework(CHECKIN, start=TODAY, often="hourly"), "every day"),
        (Homework(CHECKIN, start=TODAY, often=TIMES_A_WEEK, times_a_week=8), "between 1 and 7"),
        (Homework(CHECKIN, start=TODAY, often=ON_DAYS), "at least one day"),
        (Homework(CHECKIN, start=TODAY, often=ON_DAYS, days=("moon",)), "at least one day"),
        (Homework(CHECKIN, start=TODAY, until=TODAY - timedelta(days=1)), "before the first day"),
        (Homework(CHECKIN, start=date(1990, 1, 1)), "start date"),
        (Homework(CHECKIN, start=TODAY, until=TODAY + timedelta(days=2000)), "five years"),
    ],
)
def test_store_refuses_bad_practices_with_a_sentence(
    store: Homeworks, homework: Homework, words: str
) -> None:
    with pytest.raises(ValueError) as caught:
        store.add(homework)
    assert words in str(caught.value)
    assert str(caught.value)[0].isupper() and str(caught.value).endswith(".")
    assert store.all() == []


def test_add_all_is_all_or_nothing(store: Homeworks, vault: Vault) -> None:
    with pytest.raises(ValueError):
        store.add_all([Homework(CHECKIN, start=TODAY), Homework(PROMPT, start=TODAY)])
    assert vault.count([HOMEWORK]) == 0
    records = store.add_all([Homework(CHECKIN, start=TODAY), Homework(PROMPT, start=TODAY, prompt="Why?")])
    assert len(records) == 2 and vault.count([HOMEWORK]) == 2
    assert {h.what for h in store.all()} == {CHECKIN, PROMPT}


# --- cleaning ----------------------------------------------------------------------------------


def test_clean_text_strips_controls_but_keeps_words_and_emoji() -> None:
    assert clean_text("  Hello\x00\x07\u202e there\u2066 👩‍👩‍👧  ") == "Hello there 👩‍👩‍👧"
    assert clean_text("line one\r\nline two\x1b[31m\ttab", multiline=True) == "line one\nline two[31m tab"
    assert clean_text("a\nb") == "a b"
    # a lone surrogate (a broken paste) can't be written to a file: dropped, not a crash later
    assert clean_text("a\ud800b\udfff", multiline=True) == "ab"
    assert clean_text("🙂") == "🙂"


# --- progress: done, never missed --------------------------------------------------------------


def test_done_in_period_counts_matching_records() -> None:
    prompt = Homework(PROMPT, start=date(2026, 11, 18), prompt="What went well?", id="hw1")
    records = [
        rec("checkin", date(2026, 11, 17), 23),  # the day before: not counted
        rec("checkin", date(2026, 11, 18), 0),  # first minute of the first day
        rec("checkin", date(2026, 11, 20)),
        rec("checkin", date(2026, 11, 25), 23),  # last hour of the last day
        rec("checkin", date(2026, 11, 26), 0),
        rec("breathing", date(2026, 11, 20), pattern="slow", seconds=60, before=6, after=3),
        rec("feedback", date(2026, 11, 21)),
        rec("feedback", date(2026, 11, 22)),
        rec("journal", date(2026, 11, 20), homework_id="hw1"),
        rec("journal", date(2026, 11, 21), homework_id="other"),
        rec("journal", date(2026, 11, 22)),
    ]
    start, end = date(2026, 11, 18), date(2026, 11, 25)
    assert done_in_period(Homework(CHECKIN, start=start), records, start, end) == 3
    assert done_in_period(Homework(BREATHING, start=start), records, start, end) == 1
    assert done_in_period(Homework(FEEDBACK, start=start), records, start, end) == 2
    assert done_in_period(prompt, records, start, end) == 1
    assert done_in_period(replace(prompt, id=""), records, start, end) == 0  # unsaved: nothing links to it


def test_progress_text_wording() -> None:
    start = date(2026, 11, 18)
    checkin = Homework(CHECKIN, start=start)
    three = [rec("checkin", start + timedelta(days=i)) for i in range(3)]
    assert progress_text(checkin, three, TODAY) == "3 check-ins since 18 Nov."
    assert progress_text(checkin, three[:1], TODAY) == "1 check-in since 18 Nov."
    assert progress_text(checkin, [], TODAY) == "Started on 18 Nov. Whenever you're ready."
    assert progress_text(replace(checkin, start=TODAY), [], TODAY) == "Started today. Whenever you're ready."
    today_done = [rec("checkin", TODAY)]
    assert progress_text(replace(checkin, start=TODAY), today_done, TODAY) == "1 check-in today."
    assert progress_text(replace(checkin, start=date(2026, 12, 1)), [], TODAY) == "Starts 1 Dec."
    ended = replace(checkin, until=date(2026, 11, 19))
    assert progress_text(ended, three, TODAY) == "2 check-ins between 18 Nov and 19 Nov."
    assert progress_text(ended, [], TODAY) == "Ran from 18 Nov to 19 Nov."
    last_year = Homework(BREATHING, start=date(2025, 12, 30))
    assert progress_text(last_year, [rec("breathing", date(2026, 1, 3))], TODAY) == (
        "1 breathing pause since 30 Dec 2025."
    )
    feedback = Homework(FEEDBACK, start=start)
    assert progress_text(feedback, [rec("feedback", start)], TODAY) == "1 piece of feedback since 18 Nov."


def test_store_progress_reads_only_the_period(store: Homeworks, vault: Vault) -> None:
    homework = store.get(store.add(Homework(PROMPT, start=date(2026, 11, 18), prompt="Why?")).id)
    for day, linked in ((date(2026, 11, 10), True), (date(2026, 11, 19), True), (date(2026, 11, 20), False)):
        payload = {"title": "", "body": "answer"} | ({"homework_id": homework.id} if linked else {})
        vault.add("journal", payload, created_us=at(day))
    vault.add(
        "journal", {"body": "tomorrow", "homework_id": homework.id}, created_us=at(TODAY + timedelta(1))
    )
    assert store.progress_text(homework, TODAY) == "1 answer since 18 Nov."
    assert store.progress_text(replace(homework, start=date(2026, 12, 1)), TODAY) == "Starts 1 Dec."


NEGATIVE = re.compile(r"miss|behind|late|fail|skip|only|streak|should|out of|/|goal|target|overdue", re.I)

homeworks = st.builds(
    Homework,
    what=st.sampled_from(WHATS),
    start=st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    until=st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2028, 12, 31))),
    id=st.just("hw"),
)


@settings(max_examples=200, deadline=None)
@given(
    homeworks,
    st.lists(
        st.tuples(
            st.sampled_from(["checkin", "breathing", "feedback", "journal", "topic"]), st.integers(-30, 30)
        ),
        max_size=12,
    ),
    st.dates(date(2025, 1, 1), date(2028, 12, 31)),
)
def test_progress_text_only_ever_counts_what_was_done(homework: Homework, made, today: date) -> None:
    records = [
        Record(str(i), kind, at(homework.start + timedelta(days=offset)), 0, {"homework_id": "hw"})
        for i, (kind, offset) in enumerate(made)
    ]
    text = progress_text(homework, records, today)
    assert not NEGATIVE.search(text)
    assert text.endswith(".")
    counted = re.match(r"(\d+) ", text)
    if counted:
        end = min(today, homework.until) if homework.until else today
        assert int(counted.group(1)) == done_in_period(homework, records, homework.start, end) > 0


# --- words for people --------------------------------------------------------------------------


def test_describe_often() -> None:
    base = Homework(CHECKIN, start=TODAY)
    assert describe_often(base) == "every day"
    assert describe_often(replace(base, often=TIMES_A_WEEK, times_a_week=1)) == "once a week"
    assert describe_often(replace(base, often=TIMES_A_WEEK, times_a_week=2)) == "twice a week"
    assert describe_often(replace(base, often=TIMES_A_WEEK, times_a_week=5)) == "5 times a week"
    assert describe_often(replace(base, often=ON_DAYS, days=("thu", "mon"))) == "on Mondays and Thursdays"
    assert describe_often(replace(base, often=ON_DAYS, days=("mon", "wed", "fri"))) == (
        "on Mondays, Wednesdays and Fridays"
    )
    assert describe_often(replace(base, often=ON_DAYS, days=WEEKDAYS)) == "every day"


def test_describe_card_lines() -> None:
    practices = parse_card(
        card(
            {"what": "checkin", "weeks": 2},
            {"what": "breathing", "title": "Wind down", "often": "times_a_week", "times_a_week": 3},
            {
                "what": "prompt",
                "title": "Noticing the good",
                "prompt": "What went well today, however small?",
                "note": "Small things count. " * 20,
                "often": "on_days",
                "days": ["mon", "Thursday"],
                "start": "2026-12-01",
                "until": "2027-01-31",
            },
        ),
        TODAY,
    )
    assert describe_card(practices, TODAY) == [
        "Check-in, every day, from 25 Nov until 8 Dec",
        '"Wind down" (breathing pause), 3 times a week, from 25 Nov',
        '"Noticing the good" (writing prompt: "What went well today, however small?"), on Mondays and '
        'Thursdays, from 1 Dec until 31 Jan 2027. Note: "'
        + ("Small things count. " * 5)[:99].rstrip()
        + '…"',
    ]


# --- cards: round trip and the documented example ----------------------------------------------


def test_card_round_trip_and_set_by_therapist() -> None:
    practices = [
        Homework(CHECKIN, start=TODAY, until=TODAY + timedelta(days=13), note="Line one\nLine two"),
        Homework(BREATHING, start=TODAY, often=TIMES_A_WEEK, times_a_week=4, title="Calm 🌊"),
        Homework(PROMPT, start=date(2026, 12, 1), prompt="What helped?", often=ON_DAYS, days=("tue", "sat")),
        Homework(FEEDBACK, start=date(2026, 1, 1)),
    ]
    data = write_card(practices)
    assert data.decode("utf-8").startswith('{\n  "format": "companion-homework"')
    assert parse_card(data, TODAY) == [replace(p, set_by=THERAPIST) for p in practices]


def test_documented_example_parses() -> None:
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    example = next(b for b in blocks if "companion-homework" in b)
    practices = parse_card(example.encode("utf-8"), TODAY)
    assert [p.what for p in practices] == [CHECKIN, BREATHING, PROMPT]
    assert practices[0].until == TODAY + timedelta(days=13)
    assert practices[2].days == ("mon", "thu")
    assert all(p.set_by == THERAPIST for p in practices)


def test_documented_example_in_several_languages_parses() -> None:
    from companion.core import i18n

    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    example = next(b for b in blocks if '"de":' in b)
    (practice,) = parse_card(example.encode("utf-8"), TODAY)
    assert practice.label == "Noticing the good"
    with i18n.use("de"):
        assert (practice.label, practice.shown_note) == (
            "Das Gute bemerken",
            "Two or three lines are plenty.",
        )
    with i18n.use("es"):
        assert practice.shown_prompt == "¿Qué salió bien hoy, por pequeño que sea?"


def test_card_accepts_a_byte_order_mark_and_full_day_names() -> None:
    data = b"\xef\xbb\xbf" + card({"what": "checkin", "often": "on_days", "days": ["Monday", " fri "]})
    assert parse_card(data, TODAY)[0].days == ("mon", "fri")


def test_card_strips_control_characters() -> None:
    practice = parse_card(
        card({"what": "prompt", "title": "Be\u202ekind\x07", "prompt": "Why?\x00", "note": "a\r\nb\x1b"}),
        TODAY,
    )[0]
    assert (practice.title, practice.prompt, practice.note) == ("Bekind", "Why?", "a\nb")


# --- cards: every kind of mistake --------------------------------------------------------------

CHECK = {"what": "checkin"}


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "the file is empty"),
        (b" \n\t", "the file is empty"),
        (b"x" * (MAX_CARD_BYTES + 1), "larger than 64 KB"),
        ("{}".encode("utf-16"), "isn't plain text"),
        (b'{"format": "companion-homework",', "typing mistake near line 1"),
        (b'{"format":\n\n "companion-homework", oops}', "near line 3"),
        (b"[1, 2]", "isn't a homework card"),
        (json.dumps({"format": "companion-backup", "version": 1}).encode(), "isn't a homework card"),
        (card(CHECK, version=2), "newer version of Companion"),
        (card(CHECK, version=0), "version number"),
        (card(CHECK, version="1"), "version number"),
        (card(CHECK, version=True), "version number"),
        (card(CHECK, author="Dr X"), 'doesn\'t know ("author")'),
        (card(), "no practices"),
        (card(*[CHECK] * 21), "more than 20 practices"),
        (card(CHECK, practices="checkin"), "no practices"),
        (card("checkin"), "practice 1 isn't written as a practice"),
        (card(CHECK, {"what": "yoga"}), 'practice 2: "yoga" isn\'t a practice'),
        (card({"title": "no what"}), '"what" should say which practice it is'),
        (card({"what": ["checkin"]}), '"what" should say which practice it is'),
        (card({"what": "Checkin"}), "isn't a practice Companion knows"),
        (card(CHECK, version=1.0), "version number"),
        (card({"what": "checkin", "titel": "typo"}), 'doesn\'t know ("titel")'),
        (card({"what": "checkin", "title": 5}), "title should be text"),
        (card({"what": "checkin", "title": "x" * 121}), "longer than 120"),
        (card({"what": "checkin", "title": "x" * 100_00}), "longer than 120"),
        (card({"what": "checkin", "note": "x" * 2001}), "longer than 2000"),
        (card({"what": "checkin", "note": None}), "note should be text"),
        (card({"what": "prompt"}), "needs the question"),
        (card({"what": "prompt", "prompt": "   "}), "needs the question"),
        (card({"what": "prompt", "prompt": "x" * 501}), "longer than 500"),
        (card({"what": "checkin", "prompt": "Why?"}), 'only a "prompt" practice'),
        (card({"what": "checkin", "often": "weekly"}), "daily, times_a_week or on_days"),
        (card({"what": "checkin", "often": "times_a_week"}), '"times_a_week" goes together'),
        (card({"what": "checkin", "times_a_week": 3}), '"times_a_week" goes together'),
        (card({"what": "checkin", "often": "times_a_week", "times_a_week": 0}), "from 1 to 7"),
        (card({"what": "checkin", "often": "times_a_week", "times_a_week": "3"}), "from 1 to 7"),
        (card({"what": "checkin", "often": "times_a_week", "times_a_week": True}), "from 1 to 7"),
        (card({"what": "checkin", "often": "times_a_week", "times_a_week": 2.5}), "from 1 to 7"),
        (card({"what": "checkin", "often": "on_days"}), '"days" goes together'),
        (card({"what": "checkin", "days": ["mon"]}), '"days" goes together'),
        (card({"what": "checkin", "often": "on_days", "days": []}), "should list days"),
        (card({"what": "checkin", "often": "on_days", "days": "mon"}), "should list days"),
        (card({"what": "checkin", "often": "on_days", "days": ["mo"]}), '"mo" isn\'t a day'),
        (card({"what": "checkin", "often": "on_days", "days": ["mondays"]}), "isn't a day"),
        (card({"what": "checkin", "often": "on_days", "days": [1]}), "isn't a day"),
        (card({"what": "checkin", "start": "25.11.2026"}), "written like 2026-11-25"),
        (card({"what": "checkin", "start": "2026-02-30"}), "written like 2026-11-25"),
        (card({"what": "checkin", "start": "２０２６-11-25"}), "written like 2026-11-25"),
        (card({"what": "checkin", "start": 20261125}), "written like 2026-11-25"),
        (card({"what": "checkin", "start": "1999-12-31"}), "doesn't look right"),
        (card({"what": "checkin", "until": "2101-01-01"}), "doesn't look right"),
        (card({"what": "checkin", "start": "2026-12-10", "until": "2026-12-01"}), "before the first day"),
        (card({"what": "checkin", "start": "2026-01-01", "until": "2026-11-24"}), "already passed"),
        (card({"what": "checkin", "until": "2099-12-31"}), "five years"),
        (card({"what": "checkin", "until": "2026-12-31", "weeks": 2}), "either"),
        (card({"what": "checkin", "weeks": 0}), "from 1 to 52"),
        (card({"what": "checkin", "weeks": 53}), "from 1 to 52"),
        (b'{"format": "companion-homework", "version": NaN, "practices": []}', "isn't laid out"),
        (
            b'{"format": "companion-homework", "version": 1, "practices": ['
            + b"[" * 5000
            + b"]" * 5000
            + b"]}",
            "isn't laid out",
        ),
        (b"[" * 60_000, "isn't laid out"),
    ],
)
def test_bad_cards_say_what_is_wrong_and_that_nothing_was_added(data: bytes, words: str) -> None:
    with pytest.raises(HomeworkCardInvalid) as caught:
        parse_card(data, TODAY)
    message = str(caught.value)
    assert words in message
    assert message.startswith("This homework card can't be used: ")
    assert message.endswith("Nothing was added.")
    assert isinstance(caught.value, CompanionError)


# --- cards: fuzzing ----------------------------------------------------------------------------

VALID = card(
    {"what": "checkin", "title": "Evening", "note": "Notice your body.", "weeks": 2},
    {"what": "prompt", "prompt": "What helped?", "often": "on_days", "days": ["mon", "thu"]},
    {"what": "breathing", "often": "times_a_week", "times_a_week": 3, "start": "2026-12-01"},
)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def import_card(store: Homeworks, data: bytes) -> None:
    """What the import dialog does: parse (and show), then add everything at once."""
    before = store.vault.count()
    try:
        practices = parse_card(data, TODAY)
    except HomeworkCardInvalid:
        assert store.vault.count() == before
        return
    assert 1 <= len(practices) <= 20
    for practice in practices:
        assert len(practice.title) <= 120 and len(practice.note) <= 2000 and len(practice.prompt) <= 500
        assert not any(ord(c) < 32 and c != "\n" for c in practice.title + practice.note + practice.prompt)
    describe_card(practices, TODAY)
    store.add_all(practices)
    assert store.vault.count() == before + len(practices)


@pytest.fixture(scope="module")
def fuzz_store(vault: Vault) -> Homeworks:
    empty(vault)
    return Homeworks(vault)


@FUZZ
@given(st.binary(max_size=600))
def test_fuzz_random_bytes(fuzz_store: Homeworks, data: bytes) -> None:
    import_card(fuzz_store, data)


@FUZZ
@given(st.integers(0, len(VALID)))
def test_fuzz_truncated_valid_card(fuzz_store: Homeworks, cut: int) -> None:
    import_card(fuzz_store, VALID[:cut])


@FUZZ
@given(st.integers(0, len(VALID) - 1), st.integers(0, 7))
def test_fuzz_bit_flips(fuzz_store: Homeworks, at_byte: int, bit: int) -> None:
    import_card(fuzz_store, VALID[:at_byte] + bytes([VALID[at_byte] ^ (1 << bit)]) + VALID[at_byte + 1 :])


scalars = (
    st.none()
    | st.booleans()
    | st.integers(-10, 100)
    | st.floats()
    | st.sampled_from(
        ["checkin", "prompt", "daily", "times_a_week", "on_days", "mon", "2026-12-01", "2026-13-01"]
    )
    | st.text(max_size=30)
)
practice_values = st.fixed_dictionaries(
    {},
    optional={
        "what": st.sampled_from([*WHATS, "yoga"]) | scalars,
        "title": scalars,
        "prompt": scalars,
        "note": scalars,
        "often": st.sampled_from(["daily", "times_a_week", "on_days", "weekly"]) | scalars,
        "times_a_week": scalars,
        "days": st.lists(st.sampled_from([*WEEKDAYS, "monday", "xyz"]) | scalars, max_size=8) | scalars,
        "start": st.dates(date(1990, 1, 1), date(2110, 1, 1)).map(date.isoformat) | scalars,
        "until": st.dates(date(1990, 1, 1), date(2110, 1, 1)).map(date.isoformat) | scalars,
        "weeks": scalars,
        "extra": scalars,
    },
)
random_json = st.recursive(
    scalars,
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=8), kids, max_size=3),
    max_leaves=10,
)


@FUZZ
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "format": st.just("companion-homework") | scalars,
            "version": st.just(1) | scalars,
            "practices": st.lists(practice_values | random_json, max_size=22) | random_json,
            "other": random_json,
        },
    )
    | random_json
)
def test_fuzz_random_json(fuzz_store: Homeworks, value) -> None:
    import_card(fuzz_store, json.dumps(value).encode())


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.builds(
            Homework,
            what=st.sampled_from(WHATS),
            start=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
            often=st.sampled_from([DAILY, TIMES_A_WEEK, ON_DAYS]),
            times_a_week=st.integers(1, 7),
            days=st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True).map(
                lambda ds: tuple(d for d in WEEKDAYS if d in ds)
            ),
            until=st.none() | st.dates(date(2028, 1, 1), date(2030, 12, 31)),
            prompt=st.text(
                st.characters(min_codepoint=0x20, exclude_categories=("Cs", "Cc", "Cf", "Z")),
                min_size=1,
                max_size=50,
            ),
            note=st.text(
                st.characters(min_codepoint=0x21, exclude_categories=("Cs", "Cc", "Cf", "Z")), max_size=50
            ),
            title=st.text(
                st.characters(min_codepoint=0x21, exclude_categories=("Cs", "Cc", "Cf", "Z")), max_size=50
            ),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_fuzz_card_round_trip(practices: list[Homework]) -> None:
    normalised = [
        replace(
            p,
            set_by=THERAPIST,
            prompt=p.prompt if p.what == PROMPT else "",
            times_a_week=p.times_a_week if p.often == TIMES_A_WEEK else 1,
            days=p.days if p.often == ON_DAYS else (),
            title=clean_text(p.title),
            note=clean_text(p.note, multiline=True),
        )
        for p in practices
    ]
    normalised = [replace(p, prompt=clean_text(p.prompt, multiline=True)) for p in normalised]
    normalised = [p for p in normalised if p.what != PROMPT or p.prompt]
    if not normalised:
        return
    assert parse_card(write_card(normalised), TODAY) == normalised


def test_practice_words_in_german_and_spanish() -> None:
    from datetime import date as _date

    from companion.core import i18n
    from companion.kinds import homework as hw

    practice = hw.Homework(what=hw.CHECKIN, start=_date(2026, 11, 18), often=hw.ON_DAYS, days=("mon", "thu"))
    today = _date(2026, 11, 18)
    with i18n.use("de"):
        assert hw.describe_often(practice) == "montags und donnerstags"
        assert hw.progress_text(practice, [], today) == "Heute begonnen. Wann immer du so weit bist."
    with i18n.use("es"):
        assert hw.describe_often(practice) == "los lunes y los jueves"
        assert hw.what_label(hw.BREATHING) == "Pausa para respirar"
    assert hw.describe_often(practice) == "on Mondays and Thursdays"
