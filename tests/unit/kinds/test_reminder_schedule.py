"""The plan as the phone's scheduler gets it: ids, first times across DST, re-planning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core import i18n
from companion.kinds import reminder_schedule as rs
from companion.kinds.reminders import TONES, ReminderPlan

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")  # a 30-minute daylight-saving shift
SANTIAGO = ZoneInfo("America/Santiago")  # clocks change at midnight: 00:xx can vanish
ZONES = (BERLIN, NEW_YORK, LORD_HOWE, SANTIAGO, ZoneInfo("UTC"))
VERSION = "0.1.0"

times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
plans = st.builds(
    ReminderPlan,
    enabled=st.just(True),
    weekdays=st.frozensets(st.integers(0, 6), min_size=1),
    times=st.lists(times, min_size=1, max_size=4, unique=True),
    tone=st.sampled_from(sorted(TONES)),
)
# Any moment in 2024-2031, in UTC: the strategy crosses every DST change of those years.
moments = st.datetimes(datetime(2024, 1, 1), datetime(2031, 12, 31)).map(lambda d: d.replace(tzinfo=UTC))


def slots_for(plan: ReminderPlan, now: datetime, zone=BERLIN, **kw) -> list[rs.Slot]:
    return rs.plan_slots(plan, now, zone, app_version=kw.pop("version", VERSION), **kw)


def pending_of(slots: list[rs.Slot]) -> list[tuple[int, str]]:
    return [(s.id, s.tag) for s in slots]


# --- ids ---------------------------------------------------------------------------------


def test_ids_are_ours_unique_and_stable() -> None:
    every = [rs.slot_id(d, f"{h:02d}:{m:02d}") for d in range(7) for h in range(24) for m in range(60)]
    assert len(set(every)) == len(every) == 7 * 24 * 60
    assert all(rs.is_reminder_id(n) for n in every)
    assert max(every) < 2**31  # Android and iOS ids are 32-bit signed
    for foreign in (0, 1, 42, rs.ID_BASE - 1, rs.ID_BASE + rs.ID_SPAN, rs.ID_BASE + 2460, rs.ID_BASE + 99):
        assert not rs.is_reminder_id(foreign)
    assert rs.slot_id(0, "19:00") == rs.slot_id(0, "19:00")
    with pytest.raises(ValueError):
        rs.slot_id(7, "10:00")
    with pytest.raises(ValueError):
        rs.slot_id(0, "24:00")


@settings(max_examples=150, deadline=None)
@given(plan=plans, now=moments, zone=st.sampled_from(ZONES))
def test_one_slot_per_day_and_time_with_the_plans_words(plan: ReminderPlan, now: datetime, zone) -> None:
    slots = slots_for(plan, now, zone)
    assert len(slots) == len(plan.weekdays) * len(plan.times)
    assert len({s.id for s in slots}) == len(slots)  # at most one pending per slot
    assert {(s.weekday, s.time) for s in slots} == {(d, t) for d in plan.weekdays for t in plan.times}
    for slot in slots:
        assert slot.id == rs.slot_id(slot.weekday, slot.time)
        assert slot.title == "Companion" and slot.body == plan.message  # the same gentle words
        assert slot.tag.startswith(rs.TAG_PREFIX) and plan.message not in slot.tag


def test_off_or_empty_plans_schedule_nothing() -> None:
    now = datetime(2026, 3, 1, tzinfo=UTC)
    assert slots_for(ReminderPlan(), now) == []
    assert slots_for(ReminderPlan(True, frozenset(), ("09:00",)), now) == []
    assert slots_for(ReminderPlan(True, frozenset({1}), ()), now) == []


# --- the first time, across daylight saving ----------------------------------------------


@settings(max_examples=300, deadline=None)
@given(plan=plans, now=moments, zone=st.sampled_from(ZONES))
def test_first_time_is_in_the_future_on_its_day_at_its_wall_time(plan: ReminderPlan, now, zone) -> None:
    for slot in slots_for(plan, now, zone):
        first = slot.first_at
        assert first.astimezone(UTC) > now  # never in the past: no catch-up
        assert first.astimezone(UTC) - now <= timedelta(days=rs.MAX_FIRST_DAYS)
        assert first.weekday() == slot.weekday
        assert first.strftime("%H:%M") == slot.time  # the wall time exists that day
        assert slot.first_local == first.replace(tzinfo=None)
        # the naive wall time, read back in the zone, is the same instant (fold=0: the first)
        assert slot.first_local.replace(tzinfo=zone).astimezone(UTC) == first.astimezone(UTC)
        # within a week, unless that day's time fell into a spring-forward gap
        if first.astimezone(UTC) - now > timedelta(days=7):
            week_before = slot.first_local - timedelta(days=7)
            back = week_before.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None)
            assert back != week_before or week_before.replace(tzinfo=zone).astimezone(UTC) <= now


def test_spring_forward_gap_starts_the_slot_a_week_later() -> None:
    # Berlin, Sunday 2026-03-29: 02:00 -> 03:00, so 02:30 doesn't exist that day.
    now = datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN)
    sunday_0230 = rs.first_occurrence(6, "02:30", now, BERLIN)
    assert sunday_0230.replace(tzinfo=None) == datetime(2026, 4, 5, 2, 30)
    # 03:30 exists that Sunday and comes the next morning, in summer time
    sunday_0330 = rs.first_occurrence(6, "03:30", now, BERLIN)
    assert sunday_0330.replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)
    assert sunday_0330.utcoffset() == timedelta(hours=2)


def test_fall_back_night_uses_the_first_of_the_two_moments() -> None:
    # New York, Sunday 2026-11-01: 02:00 -> 01:00, so 01:30 happens twice.
    now = datetime(2026, 10, 31, 12, 0, tzinfo=NEW_YORK)
    first = rs.first_occurrence(6, "01:30", now, NEW_YORK)
    assert first.replace(tzinfo=None) == datetime(2026, 11, 1, 1, 30)
    assert first.utcoffset() == timedelta(hours=-4)  # still daylight time: the earlier one
    # Asked between the two 01:30s, the next one is a week later, not the repeat an hour on.
    between = datetime(2026, 11, 1, 5, 45, tzinfo=UTC)  # 01:45 EDT
    assert rs.first_occurrence(6, "01:30", between, NEW_YORK).date() == datetime(2026, 11, 8).date()


def test_a_slot_due_this_very_minute_goes_to_next_week() -> None:
    now = datetime(2026, 6, 3, 19, 0, tzinfo=BERLIN)  # a Wednesday, exactly 19:00
    assert rs.first_occurrence(2, "19:00", now, BERLIN).date() == datetime(2026, 6, 10).date()
    just_before = now - timedelta(seconds=1)
    assert rs.first_occurrence(2, "19:00", just_before, BERLIN) == now


def test_first_occurrence_needs_an_aware_now() -> None:
    with pytest.raises(ValueError):
        rs.first_occurrence(0, "09:00", datetime(2026, 1, 1), BERLIN)


# --- zones -------------------------------------------------------------------------------


def test_zone_names_the_scheduler_knows() -> None:
    assert rs.zone_name(BERLIN) == "Europe/Berlin"
    assert rs.zone_name(ZoneInfo("UTC")) == "UTC"
    assert rs.zone_name(timezone(timedelta(hours=2))) is None  # the device's own zone then
    with open("/etc/localtime", "rb") as file:  # how core.localtime reads it
        assert rs.zone_name(ZoneInfo.from_file(file, key="localtime")) is None


# --- re-planning -------------------------------------------------------------------------


def test_nothing_to_do_when_the_system_holds_exactly_the_plan() -> None:
    now = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
    slots = slots_for(ReminderPlan(True, frozenset({0, 2}), ("08:30", "19:00")), now)
    assert rs.replan(slots, pending_of(slots)).nothing_to_do
    # the same plan a day later: first times moved, the tag didn't
    later = slots_for(ReminderPlan(True, frozenset({0, 2}), ("08:30", "19:00")), now + timedelta(days=1))
    assert rs.replan(later, pending_of(slots)).nothing_to_do


@pytest.mark.parametrize(
    "change",
    [
        {"plan": ReminderPlan(True, frozenset({0, 2}), ("08:30", "19:00"), "warm")},  # the words
        {"zone": NEW_YORK},  # travelled
        {"version": "0.2.0"},  # the app was updated
        {"exact": True},  # exact alarms were allowed meanwhile
        {"language": "de"},  # the journal speaks another language now: the words change
    ],
    ids=["tone", "time zone", "app version", "exactness", "language"],
)
def test_a_changed_tag_hands_every_slot_over_again(change: dict) -> None:
    now = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
    base = ReminderPlan(True, frozenset({0, 2}), ("08:30", "19:00"))
    before = slots_for(base, now)
    after = slots_for(
        change.get("plan", base),
        now,
        change.get("zone", BERLIN),
        **{k: v for k, v in change.items() if k in ("version", "exact", "language")},
    )
    result = rs.replan(after, pending_of(before))
    assert result.cancel == ()  # same slots: replaced by id, nothing doubled
    assert {s.id for s in result.schedule} == {s.id for s in before}
    assert all(s.tag != before[0].tag for s in result.schedule)


@settings(max_examples=200, deadline=None)
@given(old=plans, new=plans, now=moments, foreign=st.lists(st.integers(0, 2**31 - 1), max_size=5))
def test_replanning_removes_stale_slots_and_leaves_foreign_ids(
    old: ReminderPlan, new: ReminderPlan, now: datetime, foreign: list[int]
) -> None:
    before = slots_for(old, now)
    after = slots_for(new, now + timedelta(hours=3))
    pending = pending_of(before) + [(n, "someone else") for n in foreign if not rs.is_reminder_id(n)]
    result = rs.replan(after, pending)
    wanted = {s.id for s in after}
    assert set(result.cancel) == {s.id for s in before} - wanted  # exactly the stale ones
    assert all(rs.is_reminder_id(n) for n in result.cancel)  # never someone else's
    # after applying it, the system holds each wanted slot once, with the current tag
    held = {nid: tag for nid, tag in pending_of(before) if nid not in result.cancel}
    held.update({s.id: s.tag for s in result.schedule})
    assert {n: t for n, t in held.items()} == {s.id: s.tag for s in after}
    assert rs.replan(after, list(held.items())).nothing_to_do  # and a second look finds it done


def test_turning_off_cancels_every_reminder_of_ours() -> None:
    now = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
    before = slots_for(ReminderPlan(True, frozenset(range(7)), ("08:30",)), now)
    result = rs.replan(slots_for(ReminderPlan(), now), pending_of(before) + [(5, "other app")])
    assert set(result.cancel) == {s.id for s in before} and result.schedule == ()
    assert rs.cancel_all(pending_of(before) + [(5, "x")]) == tuple(sorted(s.id for s in before))


def test_delivery_sentences_are_honest() -> None:
    assert "within a few minutes" in rs.describe_delivery(exact=False)
    assert "closed" in rs.describe_delivery(exact=True)


# --- the words, in the journal's language at planning time -------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "de",
            "Hallo. Wenn gerade Raum für einen ruhigen Moment ist: "
            "Companion ist da, wann immer du so weit bist.",
        ),
        ("es", "Hola. Si hay espacio para un momento de calma, Companion está aquí cuando quieras."),
    ],
)
def test_the_phone_gets_the_words_in_the_journals_language(language: str, words: str) -> None:
    now = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
    plan = ReminderPlan(True, frozenset({0, 2}), ("08:30",), "warm")
    english = slots_for(plan, now)
    assert {s.body for s in english} == {TONES["warm"]}
    # asked for by name (the journal's language), whatever is speaking around it
    named = slots_for(plan, now, language=language)
    assert {s.body for s in named} == {words} and named[0].title == "Companion"
    # or the language speaking now (the page's, which is the journal's once unlocked)
    with i18n.use(language):
        assert [s.body for s in slots_for(plan, now)] == [s.body for s in named]
        assert [s.tag for s in slots_for(plan, now)] == [s.tag for s in named]
        assert "closed" not in rs.describe_delivery(exact=True)
    # the phone holds English words: planning in German hands every slot over again
    assert {s.id for s in rs.replan(named, pending_of(english)).schedule} == {s.id for s in english}
    assert words not in named[0].tag  # the tag holds a hash, never the words
