"""Reminder plans and their timing: time zones, daylight saving, week wrap, stored data."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core import i18n
from companion.kinds import reminders
from companion.kinds.reminders import ReminderPlan, describe, fires_between, last_due, next_fire, parse_time
from companion.kinds.settings import Settings
from companion.vault.vault import Vault

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
UTC_ZONE = ZoneInfo("UTC")
ZONES = (LONDON, NEW_YORK, LORD_HOWE, UTC_ZONE)


def plan(*times: str, days: set[int] | None = None, tone: str = "neutral") -> ReminderPlan:
    return ReminderPlan(True, frozenset(range(7)) if days is None else frozenset(days), times, tone)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- words ---------------------------------------------------------------------------------------


def test_messages_invite_and_never_count_or_blame() -> None:
    assert reminders.TONES["neutral"] == "A moment to check in, if you'd like."
    assert set(reminders.TONES) == {"neutral", "warm", "brief"}
    for tone, text in reminders.TONES.items():
        assert text.strip() and len(text) < 120, tone
        lowered = text.lower()
        for word in ("miss", "streak", "again", "forgot", "should", "haven't", "days", "therapy", "feel"):
            assert word not in lowered, (tone, word)
        assert not re.search(r"\d", text), tone
        assert plan("09:00", tone=tone).message == text


def test_plan_defaults_to_off() -> None:
    default = ReminderPlan()
    assert default.enabled is False and not default.active
    assert default.tone == "neutral"
    assert describe(default) == "Off"


@pytest.mark.parametrize(
    ("typed", "stored"), [("7:30", "07:30"), (" 19:05 ", "19:05"), ("00:00", "00:00"), ("23:59", "23:59")]
)
def test_parse_time_accepts_clock_times(typed: str, stored: str) -> None:
    assert parse_time(typed) == stored


@pytest.mark.parametrize(
    "typed", ["", "7", "7.30", "24:00", "12:60", "ab:cd", "1:2", "123:00", "²:30", "-1:00"]
)
def test_parse_time_refuses_kindly(typed: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_time(typed)
    assert "time" in str(err.value).lower() or "clock" in str(err.value).lower()


def test_constructor_tidies_and_checks() -> None:
    p = ReminderPlan(True, [4, 0, 4], ["19:00", "7:30", "07:30"], "warm")
    assert p.weekdays == frozenset({0, 4}) and p.times == ("07:30", "19:00")
    with pytest.raises(ValueError):
        ReminderPlan(True, [7], ["09:00"])
    with pytest.raises(ValueError):
        ReminderPlan(True, [1], ["09:00"], "stern")
    with pytest.raises(ValueError):
        ReminderPlan(True, [1], ["01:00", "02:00", "03:00", "04:00", "05:00"])


def test_to_dict_round_trips() -> None:
    p = plan("08:15", "20:00", days={0, 2, 6}, tone="brief")
    assert ReminderPlan.from_dict(p.to_dict()) == p
    assert p.to_dict() == {
        "enabled": True,
        "weekdays": [0, 2, 6],
        "times": ["08:15", "20:00"],
        "tone": "brief",
    }


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (None, ReminderPlan()),
        ("junk", ReminderPlan()),
        ([1, 2], ReminderPlan()),
        ({}, ReminderPlan()),
        ({"enabled": "yes"}, ReminderPlan()),
        ({"enabled": 1}, ReminderPlan()),
        (
            {"enabled": True, "weekdays": [0, 9, -1, "2", True, 3.0, 6], "times": ["7:00", "99:00", 5, None]},
            ReminderPlan(True, {0, 6}, ["07:00"]),
        ),
        ({"enabled": True, "weekdays": "Mon", "times": "09:00"}, ReminderPlan(True)),
        ({"enabled": True, "weekdays": [], "times": []}, ReminderPlan(True, set(), [])),
        ({"enabled": True, "tone": "shouty"}, ReminderPlan(True)),
        ({"enabled": True, "times": ["01:00", "02:00", "03:00", "04:00", "05:00"]}, None),
    ],
)
def test_from_dict_never_raises(stored: object, expected: ReminderPlan | None) -> None:
    got = ReminderPlan.from_dict(stored)
    if expected is not None:
        assert got == expected
    assert len(got.times) <= reminders.MAX_TIMES


def test_describe_in_plain_words() -> None:
    assert describe(plan("19:00")) == "Every day at 19:00"
    assert describe(plan("08:00", days={0, 1, 2, 3, 4})) == "Weekdays at 08:00"
    assert describe(plan("10:00", days={5, 6})) == "Weekends at 10:00"
    assert describe(plan("08:00", "19:00", days={0, 2, 4})) == "Mon, Wed and Fri at 08:00 and 19:00"
    assert "no days" in describe(ReminderPlan(True, set(), ["09:00"]))


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "de",
            {
                "every": "Jeden Tag um 19:00",
                "some": "Mo., Mi. und Fr. um 08:00 und 19:00",
                "off": "Aus",
                "neutral": "Ein Moment zum Einchecken, wenn du magst.",
                "label": "Herzlich",
                "hint": "Bitte schreib die Uhrzeit als Stunden und Minuten, etwa 19:30.",
            },
        ),
        (
            "es",
            {
                "every": "Todos los días a las 19:00",
                "some": "lun, mié y vie a las 08:00 y 19:00",
                "off": "Desactivados",
                "neutral": "Un momento para registrar cómo estás, si te apetece.",
                "label": "Cálido",
                "hint": "Escribe la hora con horas y minutos, por ejemplo 19:30.",
            },
        ),
    ],
)
def test_reminders_speak_the_current_language(language: str, said: dict[str, str]) -> None:
    with i18n.use(language):
        assert describe(plan("19:00")) == said["every"]
        assert describe(plan("08:00", "19:00", days={0, 2, 4})) == said["some"]
        assert describe(ReminderPlan()) == said["off"]
        assert plan("09:00").message == said["neutral"]
        assert reminders.tone_label("warm") == said["label"]
        with pytest.raises(ValueError, match=said["hint"]):
            parse_time("7.30")
    # the stored plan keeps ids, never words: the same in every language
    assert plan("09:00").to_dict()["tone"] == "neutral"
    assert plan("09:00").message == reminders.TONES["neutral"]  # English again outside


def test_plan_lives_in_the_encrypted_settings(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "j.sqlite", "a long test passphrase", with_recovery_code=False)
    assert reminders.load_plan(Settings(vault)) == ReminderPlan()
    p = plan("07:45", days={1, 3}, tone="warm")
    reminders.save_plan(Settings(vault), p)
    assert reminders.load_plan(Settings(vault)) == p
    vault.lock()


# --- when: the plain cases -----------------------------------------------------------------------


@pytest.mark.parametrize("tz", ZONES, ids=str)
def test_off_or_empty_plans_never_fire(tz: ZoneInfo) -> None:
    now = utc(2026, 6, 10, 12)
    assert next_fire(ReminderPlan(False, range(7), ["09:00"]), now, tz) is None
    assert next_fire(ReminderPlan(True, set(), ["09:00"]), now, tz) is None
    assert next_fire(ReminderPlan(True, range(7), []), now, tz) is None
    assert fires_between(ReminderPlan(True, set(), ["09:00"]), now, now + timedelta(days=30), tz) == []


def test_later_today_then_tomorrow() -> None:
    p = plan("09:00", "18:30")
    assert next_fire(p, utc(2026, 6, 10, 8), UTC_ZONE) == utc(2026, 6, 10, 9)
    assert next_fire(p, utc(2026, 6, 10, 9), UTC_ZONE) == utc(2026, 6, 10, 18, 30)  # strictly after
    assert next_fire(p, utc(2026, 6, 10, 19), UTC_ZONE) == utc(2026, 6, 11, 9)


def test_result_is_in_the_clients_zone() -> None:
    got = next_fire(plan("19:00"), utc(2026, 7, 1, 12), LONDON)
    assert got is not None and got.tzinfo == LONDON
    assert (got.hour, got.minute) == (19, 0)
    assert got == utc(2026, 7, 1, 18)  # British Summer Time is UTC+1


def test_week_wrap() -> None:
    # 2026-06-14 is a Sunday; a Monday-only reminder comes the next day.
    p = plan("08:00", days={0})
    assert next_fire(p, datetime(2026, 6, 14, 22, tzinfo=NEW_YORK), NEW_YORK) == datetime(
        2026, 6, 15, 8, tzinfo=NEW_YORK
    )
    # Just after Monday's reminder, the next one is a whole week later.
    assert next_fire(p, datetime(2026, 6, 15, 8, 1, tzinfo=NEW_YORK), NEW_YORK) == datetime(
        2026, 6, 22, 8, tzinfo=NEW_YORK
    )
    # Saturday-only, asked on a Sunday: six days ahead.
    sat = plan("10:00", days={5})
    assert next_fire(sat, datetime(2026, 6, 14, 9, tzinfo=LONDON), LONDON) == datetime(
        2026, 6, 20, 10, tzinfo=LONDON
    )


def test_the_weekday_is_the_clients_not_utcs() -> None:
    # Monday 09:00 in Lord Howe is still Sunday in UTC; "Monday" means the client's Monday.
    p = plan("09:00", days={0})
    got = next_fire(p, utc(2026, 6, 14, 0), LORD_HOWE)
    assert got == datetime(2026, 6, 15, 9, tzinfo=LORD_HOWE)
    assert got.astimezone(UTC).weekday() == 6


def test_after_may_be_given_in_any_zone() -> None:
    p = plan("09:00")
    in_tokyo = datetime(2026, 6, 10, 20, tzinfo=ZoneInfo("Asia/Tokyo"))  # 12:00 in London
    assert next_fire(p, in_tokyo, LONDON) == datetime(2026, 6, 11, 9, tzinfo=LONDON)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        next_fire(plan("09:00"), datetime(2026, 6, 10, 12), LONDON)
    with pytest.raises(ValueError):
        fires_between(plan("09:00"), utc(2026, 6, 10), datetime(2026, 6, 11), LONDON)


# --- when: daylight saving -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "day", "planned", "fires_utc"),
    [
        # New York, 8 Mar 2026: 02:00 EST jumps to 03:00 EDT. 02:30 fires at 03:00 EDT.
        (NEW_YORK, (2026, 3, 8), "02:30", utc(2026, 3, 8, 7, 0)),
        # London, 29 Mar 2026: 01:00 GMT jumps to 02:00 BST. 01:30 fires at 02:00 BST.
        (LONDON, (2026, 3, 29), "01:30", utc(2026, 3, 29, 1, 0)),
        # Lord Howe, 4 Oct 2026: 02:00 (+10:30) jumps half an hour to 02:30 (+11).
        (LORD_HOWE, (2026, 10, 4), "02:15", utc(2026, 10, 3, 15, 30)),
    ],
)
def test_spring_forward_fires_right_after_the_gap(
    tz: ZoneInfo, day: tuple[int, int, int], planned: str, fires_utc: datetime
) -> None:
    p = plan(planned)
    start = datetime(*day, tzinfo=tz) - timedelta(hours=12)
    fires = fires_between(p, start, start + timedelta(hours=48), tz)
    assert fires[0].timestamp() == fires_utc.timestamp()
    assert fires[0].tzinfo == tz
    # the day after, the reminder is back at its usual wall-clock time
    assert (fires[1].hour, fires[1].minute) == tuple(int(x) for x in planned.split(":"))
    assert len(fires) == 2


def test_two_times_inside_one_gap_fire_once() -> None:
    p = plan("02:10", "02:40", "09:00")
    day = fires_between(
        p, datetime(2026, 3, 7, 23, tzinfo=NEW_YORK), datetime(2026, 3, 8, 23, tzinfo=NEW_YORK), NEW_YORK
    )
    assert [f.astimezone(UTC) for f in day] == [utc(2026, 3, 8, 7), utc(2026, 3, 8, 13)]


@pytest.mark.parametrize(
    ("tz", "day", "planned", "first_utc"),
    [
        # New York, 1 Nov 2026: 02:00 EDT goes back to 01:00 EST; 01:30 happens twice.
        (NEW_YORK, (2026, 11, 1), "01:30", utc(2026, 11, 1, 5, 30)),
        # London, 25 Oct 2026: 02:00 BST goes back to 01:00 GMT.
        (LONDON, (2026, 10, 25), "01:30", utc(2026, 10, 25, 0, 30)),
        # Lord Howe, 5 Apr 2026: 02:00 (+11) goes back half an hour to 01:30 (+10:30).
        (LORD_HOWE, (2026, 4, 5), "01:45", utc(2026, 4, 4, 14, 45)),
    ],
)
def test_fall_back_fires_once_at_the_first_occurrence(
    tz: ZoneInfo, day: tuple[int, int, int], planned: str, first_utc: datetime
) -> None:
    p = plan(planned)
    start = datetime(*day, tzinfo=tz) - timedelta(hours=6)
    end = datetime(*day, tzinfo=tz) + timedelta(hours=23)
    fires = fires_between(p, start, end, tz)
    # (an ambiguous local time never compares equal across zones, so compare instants)
    assert [f.timestamp() for f in fires] == [first_utc.timestamp()]
    # Asked between the two occurrences, the answer is tomorrow, not the repeat.
    between = first_utc + timedelta(minutes=20)
    nxt = next_fire(p, between, tz)
    assert nxt is not None and nxt.astimezone(tz).date() > first_utc.astimezone(tz).date()


def test_fall_back_when_after_is_given_as_the_repeated_wall_time() -> None:
    # 01:20 EST (the second 01:20, fold=1) is after the first 01:30 EDT: no second reminder that night.
    second = datetime(2026, 11, 1, 1, 20, tzinfo=NEW_YORK, fold=1)
    assert second.astimezone(UTC) == utc(2026, 11, 1, 6, 20)
    assert next_fire(plan("01:30"), second, NEW_YORK) == datetime(2026, 11, 2, 1, 30, tzinfo=NEW_YORK)


def test_utc_never_shifts() -> None:
    fires = fires_between(plan("02:30"), utc(2026, 3, 1), utc(2026, 12, 1), UTC_ZONE)
    assert all((f.hour, f.minute) == (2, 30) for f in fires)
    assert len(fires) == (datetime(2026, 12, 1) - datetime(2026, 3, 1)).days


@pytest.mark.parametrize("tz", ZONES, ids=str)
def test_a_year_of_daily_reminders_is_one_per_day(tz: ZoneInfo) -> None:
    start = datetime(2026, 1, 1, tzinfo=tz)
    fires = fires_between(plan("01:30", "02:30"), start, start + timedelta(days=365), tz, limit=1000)
    days = [f.date() for f in fires]
    by_day = {d: days.count(d) for d in set(days)}
    assert len(by_day) == 365
    # Two a day, except a spring-forward day where both times fall into (or after) the same gap.
    assert all(n in (1, 2) for n in by_day.values())
    assert sum(1 for n in by_day.values() if n == 1) <= 1


# --- the banner fallback ---------------------------------------------------------------------------


def test_fires_between_is_half_open_and_limited() -> None:
    p = plan("09:00")
    assert fires_between(p, utc(2026, 6, 10, 9), utc(2026, 6, 11, 9), UTC_ZONE) == [utc(2026, 6, 11, 9)]
    assert fires_between(p, utc(2026, 6, 10, 9), utc(2026, 6, 10, 9), UTC_ZONE) == []
    assert len(fires_between(p, utc(2020, 1, 1), utc(2026, 1, 1), UTC_ZONE, limit=10)) == 10


def test_last_due_gives_one_banner_however_long_away() -> None:
    p = plan("09:00", "19:00")
    assert last_due(p, utc(2026, 6, 10, 10), utc(2026, 6, 10, 18), UTC_ZONE) is None
    assert last_due(p, utc(2026, 6, 10, 10), utc(2026, 6, 10, 20), UTC_ZONE) == utc(2026, 6, 10, 19)
    assert last_due(p, utc(2025, 1, 1), utc(2026, 6, 10, 8), UTC_ZONE) == utc(2026, 6, 9, 19)
    assert last_due(ReminderPlan(), utc(2025, 1, 1), utc(2026, 6, 10), UTC_ZONE) is None


# --- properties ------------------------------------------------------------------------------------

times_st = st.lists(
    st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda hm: f"{hm[0]:02d}:{hm[1]:02d}"),
    min_size=1,
    max_size=4,
    unique=True,
)


@settings(max_examples=30, deadline=None)
@given(
    times=times_st,
    days=st.sets(st.integers(0, 6), min_size=1),
    zone=st.sampled_from(ZONES),
    start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1)),
)
def test_next_fire_is_the_first_planned_moment_after(
    times: list[str], days: set[int], zone: ZoneInfo, start: datetime
) -> None:
    p = ReminderPlan(True, days, times)
    after = start.replace(tzinfo=UTC)
    got = next_fire(p, after, zone)
    assert got is not None
    assert got.astimezone(UTC) > after
    assert got - after <= timedelta(days=7, hours=1)
    local = got.astimezone(zone)
    assert local.weekday() in days
    wall = f"{local.hour:02d}:{local.minute:02d}"
    if wall not in p.times:  # only allowed when a planned time fell into a spring-forward gap
        assert local.utcoffset() != (local - timedelta(hours=3)).utcoffset()
    # Nothing planned was skipped: walking minute by minute finds no earlier planned wall time
    # (other than the repeat of a time on a fall-back night, which must not fire again).
    minute = after.replace(second=0, microsecond=0) + timedelta(minutes=1)
    while minute < got:
        here = minute.astimezone(zone)
        if here.weekday() in days and f"{here.hour:02d}:{here.minute:02d}" in p.times:
            assert here.fold == 1, here
        minute += timedelta(minutes=1)
