"""Choosing the stretch of time and the tickable items for a session summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from companion.core.records import to_us
from companion.export import session_prep
from companion.export.summary import build_summary, default_selection
from companion.kinds.checkin import BodyMark, CheckIn, CheckIns, FeelingPick
from companion.kinds.feedback import BRING, SHARED, Feedback, FeedbackDraft
from companion.kinds.journal import Entry, Journal
from companion.kinds.reflection import Reflection, Reflections
from companion.kinds.topics import Topics
from companion.vault.vault import Vault


def us(day: int, hour: int = 12) -> int:
    return to_us(datetime(2026, 11, day, hour, tzinfo=UTC))


NOW = us(25, 9)


def test_since_last_session_starts_at_that_session() -> None:
    stretch = session_prep.stretch_for(session_prep.SINCE_LAST, NOW, us(18, 17), tz=UTC)
    assert stretch == session_prep.Stretch(us(18, 17), None)


def test_since_last_session_without_sessions_says_what_it_shows() -> None:
    stretch = session_prep.stretch_for(session_prep.SINCE_LAST, NOW, None, tz=UTC)
    assert stretch.start_us == to_us(datetime(2026, 11, 11, 9, tzinfo=UTC))
    assert "last 14 days" in stretch.note
    # a session noted in the future is not "the last session"
    assert session_prep.stretch_for(session_prep.SINCE_LAST, NOW, us(27), tz=UTC).note


def test_week_month_everything() -> None:
    assert session_prep.stretch_for(session_prep.WEEK, NOW, None, tz=UTC).start_us == NOW - 7 * 86_400_000_000
    assert (
        session_prep.stretch_for(session_prep.MONTH, NOW, None, tz=UTC).start_us == NOW - 30 * 86_400_000_000
    )
    assert session_prep.stretch_for(session_prep.EVERYTHING, NOW, us(18), tz=UTC) == session_prep.Stretch(
        None, None
    )


def test_chosen_dates_include_both_whole_days() -> None:
    stretch = session_prep.stretch_for(
        session_prep.CHOSEN_DATES, NOW, None, first_day="2026-11-03", last_day="2026-11-05", tz=UTC
    )
    assert stretch.start_us == to_us(datetime(2026, 11, 3, tzinfo=UTC))
    assert stretch.end_us == to_us(datetime(2026, 11, 6, tzinfo=UTC))
    today = session_prep.stretch_for(session_prep.CHOSEN_DATES, NOW, None, first_day=" 2026-11-20 ", tz=UTC)
    assert today.end_us == to_us(datetime(2026, 11, 26, tzinfo=UTC))


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("", "", "year-month-day"),
        ("3/11/2026", "", "year-month-day"),
        ("2026-02-30", "", "year-month-day"),
        ("2026-11-05", "2026-11-03", "before the first day"),
    ],
)
def test_bad_dates_get_a_plain_message(first: str, last: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        session_prep.stretch_for(session_prep.CHOSEN_DATES, NOW, None, first_day=first, last_day=last, tz=UTC)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory):
    vault, _ = Vault.create(
        Path(tmp_path_factory.mktemp("prep")) / "j.sqlite", "a long test passphrase", with_recovery_code=False
    )
    ids: dict[str, str] = {}

    def dated(key: str, record, day: int) -> None:
        vault.update(record.id, record.payload, created_us=us(day))
        ids[key] = record.id

    dated(
        "new_checkin",
        CheckIns(vault).add(
            CheckIn(
                body=(BodyMark("chest", ("tight",), intensity=6),),
                feelings=(FeelingPick("anxious", "strong"),),
                note="a note",
            )
        ),
        22,
    )
    dated("quiet_checkin", CheckIns(vault).add(CheckIn(feelings=(FeelingPick("calm", "mild"),))), 21)
    dated("old_checkin", CheckIns(vault).add(CheckIn(feelings=(FeelingPick("sad", "mild"),))), 2)
    feedback = Feedback(vault)
    old_bring = feedback.add(FeedbackDraft("appreciation", text="old but still to bring"))
    feedback.set_state(old_bring.id, BRING)
    dated("old_bring", vault.get(old_bring.id), 1)
    dated("old_private", feedback.add(FeedbackDraft("request", text="old and private")), 1)
    dated("new_private", feedback.add(FeedbackDraft("request", text="new and private")), 23)
    shared = feedback.add(FeedbackDraft("request", text="new and shared"))
    feedback.set_state(shared.id, SHARED)
    dated("new_shared", vault.get(shared.id), 23)
    topic = Topics(vault).add("a topic to bring")
    Topics(vault).set_state(topic.id, BRING)
    ids["topic"] = topic.id
    dated("reflection", Reflections(vault).add(Reflection(connected=6, met="you listened")), 19)
    dated("entry", Journal(vault).add(Entry("Monday", "a long day at work")), 20)
    dated("old_entry", Journal(vault).add(Entry("Back then", "older words")), 3)
    yield vault, ids
    vault.lock()


def test_candidates_offer_the_stretch_and_everything_marked_bring(journal) -> None:
    vault, ids = journal
    stretch = session_prep.Stretch(us(18), None)
    records = session_prep.load_records(vault, stretch)
    groups = session_prep.candidates(records, stretch, tz=UTC)
    offered = {c.record_id for items in groups.values() for c in items}
    for key in ("new_checkin", "quiet_checkin", "old_bring", "new_private", "new_shared", "topic"):
        assert ids[key] in offered, key
    for key in ("reflection", "entry"):
        assert ids[key] in offered, key
    for key in ("old_checkin", "old_private", "old_entry"):
        assert ids[key] not in offered, key
    checkins = groups["checkin"]
    assert [c.record_id for c in checkins] == [ids["new_checkin"], ids["quiet_checkin"]]  # newest first
    assert checkins[0].label == "Check-in, 22 Nov: anxious · chest"
    assert checkins[0].detail == "Chest: tight (6/10)"
    assert checkins[0].has_own_words and not checkins[1].has_own_words
    entry = next(c for c in groups["journal"] if c.record_id == ids["entry"])
    assert entry.label == "Monday, 20 Nov" and "a long day" in entry.detail


def test_loaded_records_make_the_same_summary_as_everything(journal) -> None:
    """Reading only the stretch must not change the summary."""
    vault, _ids = journal
    stretch = session_prep.Stretch(us(18), None)
    some = session_prep.load_records(vault, stretch)
    every = list(vault.iter_all())
    selection = default_selection(every)
    assert build_summary(some, selection, stretch.start_us, None, NOW) == build_summary(
        every, selection, stretch.start_us, None, NOW
    )


def test_load_records_pages_through_a_long_stretch(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "j.sqlite", "a long test passphrase", with_recovery_code=False)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(1_203):
        record = CheckIns(vault).add(CheckIn(feelings=(FeelingPick("calm", "mild"),)))
        vault.update(record.id, record.payload, created_us=to_us(base + timedelta(hours=i)))
    records = session_prep.load_records(vault, session_prep.Stretch(None, None))
    assert len(records) == 1_203 and len({r.id for r in records}) == 1_203
    vault.lock()


def test_export_name() -> None:
    assert session_prep.export_name("pdf", NOW, tz=UTC) == "session-summary-2026-11-25.pdf"


def test_practices_and_pauses_are_offered_when_they_touch_the_stretch(tmp_path: Path) -> None:
    from datetime import date

    from companion.kinds.breathing_log import BreathingLog, BreathingSession
    from companion.kinds.homework import Homework, Homeworks
    from companion.reference.breathing import PATTERNS

    vault, _ = Vault.create(tmp_path / "j.sqlite", "a long test passphrase", with_recovery_code=False)
    running = Homeworks(vault).add(Homework("breathing", start=date(2026, 11, 1), title="Slow evenings"))
    ended = Homeworks(vault).add(Homework("checkin", start=date(2026, 10, 1), until=date(2026, 10, 14)))
    future = Homeworks(vault).add(Homework("checkin", start=date(2026, 12, 1)))
    pause = BreathingLog(vault).add(BreathingSession.from_pattern(PATTERNS[0], 120, 6, 3), created_us=us(20))
    stretch = session_prep.Stretch(us(18), us(25))
    groups = session_prep.candidates(session_prep.load_records(vault, stretch), stretch, tz=UTC)
    assert [c.record_id for c in groups["homework"]] == [running.id]
    assert groups["homework"][0].label == "Slow evenings, every day"
    assert [c.record_id for c in groups["breathing"]] == [pause.id]
    assert "tension 6 then 3" in groups["breathing"][0].label
    assert ended.id and future.id
    vault.lock()


# --- remembered choices --------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from companion.export.summary import SECTIONS  # noqa: E402


def test_choices_round_trip() -> None:
    choices = session_prep.Choices(
        range_choice=session_prep.MONTH, left_out=frozenset({"notes"}), paper="Letter", name="A."
    )
    assert session_prep.Choices.from_setting(choices.to_setting(), SECTIONS) == choices


def test_typed_dates_are_not_remembered() -> None:
    choices = session_prep.Choices(range_choice=session_prep.CHOSEN_DATES)
    assert (
        session_prep.Choices.from_setting(choices.to_setting(), SECTIONS).range_choice
        == session_prep.SINCE_LAST
    )


def test_single_ticks_are_never_part_of_the_choices() -> None:
    """New records must always meet the privacy defaults, whatever was ticked last time."""
    assert set(session_prep.Choices().to_setting()) == {"range", "left_out", "paper", "name"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=20,
)


@given(
    st.dictionaries(st.sampled_from(["range", "left_out", "paper", "name", "other"]), json_values)
    | json_values
)
def test_any_saved_value_gives_valid_choices(value: object) -> None:
    choices = session_prep.Choices.from_setting(value, SECTIONS)
    assert choices.range_choice in {key for key, _ in session_prep.RANGES}
    assert choices.left_out <= set(SECTIONS)
    assert choices.paper in session_prep.PAPERS
    assert isinstance(choices.name, str) and len(choices.name) <= session_prep.MAX_NAME
