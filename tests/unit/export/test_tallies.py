"""The small per-kind tallies: pure functions from records to counts a summary or a Patterns view can use."""

from __future__ import annotations

from datetime import UTC, date, datetime

from companion.core.records import Record, to_us
from companion.export import tallies
from companion.kinds.breathing_log import BreathingSession
from companion.kinds.checkin import BodyMark, CheckIn, FeelingPick
from companion.kinds.homework import Homework


def us(day: int, hour: int = 12) -> int:
    return to_us(datetime(2026, 11, day, hour, tzinfo=UTC))


def checkin(record_id: str, day: int, checkin_or_payload: CheckIn | dict) -> Record:
    payload = checkin_or_payload if isinstance(checkin_or_payload, dict) else checkin_or_payload.to_payload()
    return Record(record_id, "checkin", us(day), us(day), payload)


RECORDS = [
    checkin(
        "a",
        19,
        CheckIn(
            body=(BodyMark("chest", ("tight",), other="OWN-WORDS", intensity=4),),
            feelings=(FeelingPick("sad", "mild"),),
            needs=("rest", "rest"),
        ),
    ),
    checkin("b", 20, CheckIn(body=(BodyMark("chest", ("tight", "heavy"), intensity=8),), needs=("rest",))),
    checkin("c", 21, {"feelings": [{"word": "calm"}], "body": [{"region": "jaw"}]}),  # no strengths given
    Record("j", "journal", us(21), us(21), {"title": "not a check-in"}),
]


def test_body_regions_count_often_and_strong_only_where_given() -> None:
    chest, jaw = tallies.body_regions(RECORDS)
    assert (chest.region_id, chest.count, chest.mean_intensity, chest.max_intensity, chest.rated) == (
        "chest",
        2,
        6.0,
        8,
        2,
    )
    assert chest.sensations == ("tight", "heavy")
    assert (jaw.count, jaw.mean_intensity, jaw.max_intensity, jaw.rated) == (1, None, None, 0)
    assert jaw.weight == 1.0 and chest.weight == 12.0


def test_own_words_count_only_when_kept() -> None:
    assert "OWN-WORDS" not in dict(tallies.sensations(RECORDS))
    assert dict(tallies.sensations(RECORDS, keep_words_of={"a"}))["OWN-WORDS"] == 1
    assert dict(tallies.sensations(RECORDS)) == {"tight": 2, "heavy": 1}


def test_feelings_needs_and_strengths() -> None:
    assert tallies.feeling_words(RECORDS) == [("sad", 1), ("calm", 1)]
    assert tallies.needs(RECORDS)[0][1] == 2  # a need named twice in one check-in counts once
    # the body's strength first, else a given feeling level; nothing when nothing was given
    assert tallies.strength_series(RECORDS) == [(us(19), 4.0), (us(20), 8.0)]
    assert tallies.checkin_strength(RECORDS[2]) is None
    only_feeling = checkin("d", 22, CheckIn(feelings=(FeelingPick("sad", "strong"),)))
    assert tallies.checkin_strength(only_feeling) == 9.0


def test_breathing_tally() -> None:
    def pause(record_id: str, seconds: int, before: int | None, after: int | None) -> Record:
        session = BreathingSession("box", 4, 4, 4, 4, seconds=seconds, before=before, after=after)
        return Record(record_id, "breathing", us(20), us(20), session.to_payload())

    tally = tallies.breathing([pause("p1", 120, 8, 4), pause("p2", 60, 6, 4), pause("p3", 30, None, None)])
    assert (tally.count, tally.seconds, tally.rated, tally.before, tally.after) == (3, 210, 2, 7.0, 4.0)
    assert tallies.breathing(RECORDS) == tallies.BreathingTally(0, 0)


def test_practice_counts_between_when_it_was_added_and_its_last_day() -> None:
    plan = Homework("checkin", start=date(2026, 11, 1), until=date(2026, 11, 20), title="Evenings")
    homework = Record("hw", "homework", us(19, 6), us(19, 6), plan.to_payload())
    tally = tallies.practice(homework, RECORDS, None, None, us(24), UTC)
    assert tally.done == 2  # 19 and 20 Nov; 21 Nov is after its last day
    assert (tally.first_day, tally.last_day, tally.counting_to_now) == (
        date(2026, 11, 19),
        date(2026, 11, 20),
        False,
    )
    later = tallies.practice(homework, RECORDS, us(20, 0), None, us(24), UTC)
    assert later.done == 1 and later.first_day == date(2026, 11, 20)


def test_a_practice_that_starts_later_says_so() -> None:
    from companion.export.summary_text import practice_sentence

    plan = Homework("breathing", start=date(2026, 11, 30), title="Slow breaths")
    homework = Record("hw", "homework", us(20), us(20), plan.to_payload())
    tally = tallies.practice(homework, RECORDS, None, None, us(24), UTC)
    assert tally.starts_later and tally.done == 0
    assert practice_sentence(tally) == "Slow breaths, every day: starts 30 Nov"
