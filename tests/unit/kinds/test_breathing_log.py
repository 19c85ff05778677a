"""The breathing log: payloads that survive damage, plain descriptions, and storage in a real vault."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core import i18n
from companion.core.errors import RecordNotFound
from companion.core.records import to_us
from companion.kinds.breathing_log import (
    BREATHING,
    BreathingLog,
    BreathingSession,
    clamp_rating,
    describe,
    rhythm_name,
)
from companion.reference import breathing
from companion.vault.vault import Vault


def us(day: int, hour: int = 12) -> int:
    return to_us(datetime(2026, 6, day, hour, tzinfo=UTC))


# --- payload -------------------------------------------------------------------------------------


def test_payload_round_trips() -> None:
    session = BreathingSession.from_pattern(breathing.pattern("box"), 192.0, before=7, after=4)
    payload = session.to_payload()
    assert payload == {
        "v": 1,
        "pattern": "box",
        "inhale": 4.0,
        "hold_in": 4.0,
        "exhale": 4.0,
        "hold_out": 4.0,
        "seconds": 192.0,
        "before": 7,
        "after": 4,
    }
    assert BreathingSession.from_payload(payload) == session
    assert session.rhythm.cycle == 16


@pytest.mark.parametrize(
    "junk",
    [
        None,
        "text",
        [],
        {},
        {"pattern": 5, "inhale": "4", "seconds": float("nan"), "before": True, "after": "7"},
        {"pattern": "slow", "inhale": -3, "exhale": 1e9, "seconds": -10, "before": 42, "after": -1},
        {"inhale": float("inf"), "hold_in": None, "before": 6.6},
    ],
)
def test_from_payload_never_raises(junk: object) -> None:
    session = BreathingSession.from_payload(junk)
    for value in (session.inhale, session.hold_in, session.exhale, session.hold_out):
        assert 0 <= value <= breathing.MAX_PHASE_S
    assert session.seconds >= 0
    assert session.before is None or 0 <= session.before <= 10
    assert session.after is None or 0 <= session.after <= 10
    assert session.pattern
    assert describe(session)  # always something to show


def test_damaged_values_are_tidied() -> None:
    session = BreathingSession.from_payload(
        {"pattern": "slow", "inhale": -3, "exhale": 1e9, "seconds": -10, "before": 42, "after": 6.6}
    )
    assert (session.inhale, session.exhale, session.seconds) == (0, breathing.MAX_PHASE_S, 0)
    assert (session.before, session.after) == (10, 7)


@pytest.mark.parametrize(
    ("value", "rating"),
    [(None, None), (True, None), ("5", None), (float("nan"), None), (-2, 0), (3.4, 3), (11, 10), (10, 10)],
)
def test_clamp_rating(value: object, rating: int | None) -> None:
    assert clamp_rating(value) == rating


# --- words ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("session", "text"),
    [
        (BreathingSession("slow", 4, 0, 6, 0, 300, 7, 4), "Slow breathing, 5 minutes · tension 7 then 4"),
        (BreathingSession("box", 4, 4, 4, 4, 64), "Box breathing, 1 minute"),
        (BreathingSession("478", 4, 7, 8, 0, 95, before=6), "4-7-8 breathing, 2 minutes · tension 6 before"),
        (BreathingSession("custom", 3, 1, 5, 1, 45, after=2), "My own rhythm, 45 seconds · tension 2 after"),
        (BreathingSession("slow", 4, 0, 6, 0, 0.4, 5, 5), "Slow breathing, 1 second · tension 5 then 5"),
        (BreathingSession("newer", 4, 0, 6, 0, 600, 0, 0), "Breathing, 10 minutes · tension 0 then 0"),
        (BreathingSession("slow", 4, 0, 6, 0, 0, 3, None), "Slow breathing · tension 3 before"),
    ],
)
def test_describe(session: BreathingSession, text: str) -> None:
    assert describe(session) == text


def test_describe_never_judges() -> None:
    worse = describe(BreathingSession("slow", 4, 0, 6, 0, 120, 3, 8))
    assert worse == "Slow breathing, 2 minutes · tension 3 then 8"  # just what was noticed, no verdict


@given(
    st.floats(min_value=0, max_value=86_400, allow_nan=False),
    st.one_of(st.none(), st.integers(0, 10)),
    st.one_of(st.none(), st.integers(0, 10)),
)
def test_describe_is_always_one_tidy_line(seconds: float, before: int | None, after: int | None) -> None:
    text = describe(BreathingSession("slow", 4, 0, 6, 0, seconds, before, after))
    assert text.startswith("Slow breathing") and "\n" not in text and "  " not in text
    assert "None" not in text


# --- storage -------------------------------------------------------------------------------------


def test_add_recent_and_in_range(vault: Vault) -> None:
    log = BreathingLog(vault)
    slow = breathing.pattern("slow")
    first = log.add(BreathingSession.from_pattern(slow, 180, 6, 3), created_us=us(1))
    second = log.add(BreathingSession.from_pattern(breathing.pattern("478"), 76), created_us=us(3))
    third = log.add(BreathingSession.from_pattern(slow, 60, after=2), created_us=us(5))
    assert first.kind == BREATHING

    recent = log.recent()
    assert [r.id for r, _s in recent] == [third.id, second.id, first.id]
    assert recent[2][1] == BreathingSession.from_pattern(slow, 180, 6, 3)
    assert [r.id for r, _s in log.recent(limit=1)] == [third.id]

    assert [r.id for r, _s in log.in_range(us(2), us(5))] == [second.id]  # end is exclusive
    assert [r.id for r, _s in log.in_range(us(1), None)] == [third.id, second.id, first.id]
    assert [r.id for r, _s in log.in_range(None, us(2))] == [first.id]
    assert log.in_range(us(10), us(20)) == []


def test_in_range_reads_past_one_page(tmp_path: Path) -> None:
    v, _ = Vault.create(tmp_path / "many.sqlite", "a long test passphrase", with_recovery_code=False)
    log = BreathingLog(v)
    for i in range(230):
        log.add(BreathingSession("slow", 4, 0, 6, 0, 60), created_us=us(1) + i)
    assert len(log.in_range(None, None)) == 230
    v.lock()


def test_empty_sessions_are_not_kept(vault: Vault) -> None:
    with pytest.raises(ValueError):
        BreathingLog(vault).add(BreathingSession("slow", 4, 0, 6, 0, 0))
    # a rating alone is worth keeping
    BreathingLog(vault).add(BreathingSession("slow", 4, 0, 6, 0, 0, before=5), created_us=us(20))


def test_delete_only_breathing_records(vault: Vault) -> None:
    log = BreathingLog(vault)
    record = log.add(BreathingSession("box", 4, 4, 4, 4, 30), created_us=us(21))
    other = vault.add("journal", {"title": "not breathing", "body": ""})
    with pytest.raises(RecordNotFound):
        log.delete(other.id)
    log.delete(record.id)
    assert record.id not in {r.id for r, _s in log.in_range(None, None)}
    assert vault.get(other.id).payload["title"] == "not breathing"


# --- in German and Spanish -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "session", "text"),
    [
        (
            "de",
            BreathingSession("slow", 4, 0, 6, 0, 300, 7, 4),
            "Langsames Atmen, 5 Minuten · Anspannung 7, danach 4",
        ),
        ("de", BreathingSession("box", 4, 4, 4, 4, 64), "Quadrat-Atmung, 1 Minute"),
        (
            "de",
            BreathingSession("custom", 3, 1, 5, 1, 45, after=2),
            "Mein eigener Rhythmus, 45 Sekunden · Anspannung danach 2",
        ),
        (
            "es",
            BreathingSession("478", 4, 7, 8, 0, 95, before=6),
            "Respiración 4-7-8, 2 minutos · tensión 6 antes",
        ),
        (
            "es",
            BreathingSession("slow", 4, 0, 6, 0, 0.4, 5, 5),
            "Respiración lenta, 1 segundo · tensión 5, después 5",
        ),
        ("es", BreathingSession("newer", 4, 0, 6, 0, 0, 3, None), "Respiración · tensión 3 antes"),
    ],
)
def test_describe_in_the_persons_language(language: str, session: BreathingSession, text: str) -> None:
    with i18n.use(language):
        assert describe(session) == text
    assert session.to_payload()["pattern"] == session.pattern  # stored by id, whatever the language


def test_a_rhythm_stored_by_its_english_name_still_shows_in_the_current_language() -> None:
    old = BreathingSession.from_payload({"pattern": "Slow breathing", "seconds": 60})
    with i18n.use("de"):
        assert describe(old) == "Langsames Atmen, 1 Minute"
    assert rhythm_name("Box: 4-4-4-4") == "Box breathing"


def test_the_empty_message_is_translated_where_it_is_shown(vault: Vault) -> None:
    log = BreathingLog(vault)
    with i18n.use("es"), pytest.raises(ValueError, match="Todavía no hay nada que guardar"):
        log.add(BreathingSession("slow", 4, 0, 6, 0, 0))
