"""Patterns: the summary's own tallies over a small journal, worded as plain sentences."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import create_vault

from companion.core.kind_ids import BREATHING, CHECKIN, HOMEWORK, JOURNAL
from companion.core.records import to_us
from companion.export import patterns as pt
from companion.export.session_prep import SINCE_LAST, Stretch
from companion.kinds.homework import Homework

NOW = to_us(datetime(2026, 12, 3, 12, tzinfo=UTC))
DAY = 86_400_000_000


def _checkin(body: list[tuple[str, int | None]], feelings: list[str], needs: list[str]) -> dict:
    marks = [
        {"region": r, "sensations": ["tight"], **({"intensity": i} if i is not None else {})} for r, i in body
    ]
    return {"body": marks, "feelings": [{"word": w, "level": "strong"} for w in feelings], "needs": needs}


def _journal(tmp_path):
    vault = create_vault(tmp_path)
    vault.add(
        CHECKIN, _checkin([("chest", 7), ("stomach", 4)], ["anxious"], ["security"]), created_us=NOW - 3 * DAY
    )
    vault.add(
        CHECKIN, _checkin([("chest", 9), ("chest", 5)], ["anxious", "sad"], []), created_us=NOW - 2 * DAY
    )
    vault.add(CHECKIN, _checkin([("stomach", None)], ["sad"], ["security"]), created_us=NOW - DAY)
    vault.add(CHECKIN, _checkin([("head", 3)], ["calm"], []), created_us=NOW - 40 * DAY)  # before the stretch
    vault.add(
        BREATHING,
        {
            "pattern": "calm",
            "inhale": 4,
            "hold_in": 0,
            "exhale": 6,
            "hold_out": 0,
            "seconds": 120,
            "before": 8,
            "after": 5,
        },
        created_us=NOW - DAY,
    )
    vault.add(JOURNAL, {"title": "not counted by patterns", "text": "x"}, created_us=NOW - DAY)
    plan = Homework(what=CHECKIN, start=datetime(2026, 11, 1).date())
    vault.add(HOMEWORK, plan.to_payload(), created_us=NOW - 10 * DAY)
    return vault


def test_patterns_over_a_small_journal(tmp_path) -> None:
    vault = _journal(tmp_path)
    stretch = pt.stretch_of("7", NOW, None, tz=UTC)
    records = pt.load_records(vault, stretch)
    assert JOURNAL not in {r.kind for r in records}  # no writing prompt: entries aren't read at all
    found = pt.build_patterns(records, stretch, NOW, tz=UTC)
    assert found.checkins == 3
    assert [s.region_id for s in found.regions] == ["chest", "stomach"]
    assert found.region_checkins == {"chest": 2, "stomach": 2}  # chest twice in one check-in counts once
    assert found.shades["chest"] == pt.SHADE_STEPS - 1 and found.shades["stomach"] < found.shades["chest"]
    assert (
        pt.body_sentences(found)[0]
        == "Your chest came up in 2 of 3 check-ins, on average 7 of 10 (mostly tight)."
    )
    assert (
        pt.body_sentences(found)[1]
        == "Your stomach came up in 2 of 3 check-ins, on average 4 of 10 (mostly tight)."
    )
    assert found.feelings[0][1] == 2 and found.needs == [(found.needs[0][0], 2)]
    # the third mark has no strength, so its strong feeling (9) speaks for it; nothing is made up
    assert [v for _t, v in found.series] == [7.0, 9.0, 9.0]
    assert pt.breathing_sentence(found.breathing) == (
        "1 breathing pause, about 2 minutes in all. Where you noted tension before and after (1 pause), "
        "it was on average 8 before and 5 after, out of 10."
    )
    assert [pt.practice_sentence(p) for p in found.practices] == ["Check-in: done 3 times in this time."]
    vault.lock()


def test_all_time_and_since_last_session(tmp_path) -> None:
    vault = _journal(tmp_path)
    everything = pt.build_patterns(pt.load_records(vault, Stretch(None, None)), Stretch(None, None), NOW)
    assert everything.checkins == 4
    since = pt.stretch_of(SINCE_LAST, NOW, NOW - 2 * DAY - 1)
    assert pt.build_patterns(pt.load_records(vault, since), since, NOW).checkins == 2
    no_session_yet = pt.stretch_of(SINCE_LAST, NOW, None)
    assert "No session noted yet" in no_session_yet.note
    vault.lock()


def test_nothing_noted_reads_as_empty_not_as_a_failure(tmp_path) -> None:
    vault = create_vault(tmp_path)
    found = pt.build_patterns(pt.load_records(vault, Stretch(None, None)), Stretch(None, None), NOW)
    assert found.empty and pt.breathing_sentence(found.breathing) == "No breathing pauses in this time."
    vault.lock()


def test_bring_text_says_where_it_came_from() -> None:
    assert pt.bring_text("Your chest came up in 2 of 3 check-ins.", "Since my last session") == (
        "A pattern I noticed (since my last session): Your chest came up in 2 of 3 check-ins."
    )
