"""Sessions: dates, labels, "since my last session" and the next appointment, in a real vault."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from conftest import empty
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.errors import RecordNotFound
from companion.core.records import now_us, to_us
from companion.kinds.sessions import (
    MAX_LABEL,
    MAX_US,
    MIN_US,
    SESSION,
    Session,
    Sessions,
    describe,
    validated,
)
from companion.vault.vault import Vault

HOUR = 3_600_000_000
DAY = 24 * HOUR
NOW = to_us(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))


@pytest.fixture
def store(vault: Vault) -> Sessions:
    empty(vault)
    return Sessions(vault)


moments = st.integers(min_value=MIN_US, max_value=MAX_US - 1)


# --- the value and its payload ---------------------------------------------------------------


@given(moments, st.text(), st.one_of(st.none(), moments), st.text())
def test_payload_round_trip_with_any_text(when: int, label: str, next_us: int | None, note: str) -> None:
    session = Session(when, label, next_us, note)
    payload = session.to_payload()
    assert payload["v"] == 2
    assert Session.from_payload(payload) == session


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        "junk",
        {},
        {"when_us": "soon", "label": 42, "next_us": {"x": 1}, "note": None},
        {"when_us": True, "next_us": False},
        {"when_us": float("nan"), "next_us": float("inf")},
        {"when_us": 10**30, "next_us": -(10**30)},
    ],
)
def test_damaged_payload_falls_back_quietly(payload: object) -> None:
    session = Session.from_payload(payload, fallback_when_us=NOW)
    assert session == Session(NOW)


def test_stored_numbers_as_text_or_float_are_still_read() -> None:
    session = Session.from_payload({"when_us": str(NOW), "next_us": float(NOW + DAY)})
    assert session.when_us == NOW and session.next_us == NOW + DAY


def test_label_is_trimmed_and_kept_to_one_line() -> None:
    assert validated(Session(NOW, "  Sam \n  Lee ")).label == "Sam Lee"
    assert validated(Session(NOW, "   ")).label == ""


def test_label_length_limit_is_friendly() -> None:
    assert validated(Session(NOW, "x" * MAX_LABEL)).label == "x" * MAX_LABEL
    assert validated(Session(NOW, "  " + "x" * MAX_LABEL + "  ")).label == "x" * MAX_LABEL
    with pytest.raises(ValueError, match="80 characters or fewer"):
        validated(Session(NOW, "x" * (MAX_LABEL + 1)))


@pytest.mark.parametrize(
    "session",
    [Session(True), Session(1.5), Session(MIN_US - 1), Session(MAX_US), Session(NOW, next_us=MAX_US + 5)],  # type: ignore[arg-type]
)
def test_impossible_dates_are_refused(session: Session) -> None:
    with pytest.raises(ValueError, match="date"):
        validated(session)


def test_describe_in_a_given_time_zone() -> None:
    cet = timezone(timedelta(hours=1))
    when = to_us(datetime(2026, 11, 24, 17, 0, tzinfo=cet))
    assert describe(Session(when, " Sam "), tz=cet, now_us=when) == "Tue 24 Nov, 17:00 with Sam"
    assert describe(Session(when), tz=cet, now_us=when) == "Tue 24 Nov, 17:00"
    # The same moment seen from UTC is an hour earlier; another year shows the year.
    assert (
        describe(Session(when, "Sam"), tz=UTC, now_us=when + 400 * DAY) == "Tue 24 Nov 2026, 16:00 with Sam"
    )


def test_describe_uses_local_time_by_default() -> None:
    text = describe(Session(NOW, "Sam"))
    assert text.endswith(" with Sam") and ", " in text


# --- the store -------------------------------------------------------------------------------


def test_add_get_update_delete(store: Sessions, vault: Vault) -> None:
    record = store.add(Session(NOW, " Sam ", NOW + 7 * DAY, "first one"))
    assert record.kind == SESSION
    assert store.get(record.id) == Session(NOW, "Sam", NOW + 7 * DAY, "first one")
    moved = store.update(record.id, Session(NOW - DAY, "Sam"))
    assert moved.created_us == record.created_us  # moving the date doesn't touch the clear times
    assert store.get(record.id) == Session(NOW - DAY, "Sam")
    store.delete(record.id)
    with pytest.raises(RecordNotFound):
        store.get(record.id)


# --- the clear timestamps say when a session was written, never when it is -------------------


def test_a_new_sessions_clear_times_are_the_write_time_not_the_appointment(
    store: Sessions, vault: Vault
) -> None:
    appointment = now_us() + 30 * DAY
    before = now_us()
    record = store.add(Session(appointment, "Sam", next_us=appointment + 7 * DAY))
    after = now_us()
    stored = vault.get(record.id)
    assert before <= stored.created_us <= after and before <= stored.updated_us <= after
    assert stored.payload["when_us"] == appointment  # the appointment lives in the sealed payload
    store.update(record.id, Session(appointment + DAY, "Sam"))
    edited = vault.get(record.id)
    assert edited.created_us == stored.created_us and after <= edited.updated_us <= now_us()
    assert appointment + DAY not in (edited.created_us, edited.updated_us)


def _old_style(vault: Vault, when: int, payload: dict[str, object]) -> str:
    """A session as version 1 stored it: the start as the record's clear creation time."""
    return vault.add(SESSION, {"v": 1, **payload}, created_us=when).id


def test_an_old_style_record_still_reads_with_its_appointment_time(store: Sessions, vault: Vault) -> None:
    without_start = _old_style(vault, NOW - 7 * DAY, {"label": "Sam", "next_us": NOW + 7 * DAY})
    with_start = _old_style(vault, NOW - 14 * DAY, {"when_us": NOW - 14 * DAY, "label": "Sam"})
    assert store.get(without_start) == Session(NOW - 7 * DAY, "Sam", NOW + 7 * DAY)
    assert store.get(with_start) == Session(NOW - 14 * DAY, "Sam")
    fresh = store.add(Session(NOW - 3 * DAY, "Sam")).id  # written now, i.e. after NOW
    assert [r.id for r, _s in store.all()] == [fresh, without_start, with_start]
    assert store.since_last_session(NOW) == NOW - 3 * DAY
    assert store.since_last_session(NOW - 4 * DAY) == NOW - 7 * DAY
    assert store.next_appointment(NOW) == NOW + 7 * DAY


def test_editing_an_old_style_record_replaces_its_clear_appointment_time(
    store: Sessions, vault: Vault
) -> None:
    future = now_us() + 10 * DAY
    record_id = _old_style(vault, future, {"when_us": future, "label": "Sam"})
    before = now_us()
    store.update(record_id, Session(future, "Sam", note="bring the letter"))
    edited = vault.get(record_id)
    assert before <= edited.created_us <= now_us()
    assert edited.payload["v"] == 2
    assert store.get(record_id) == Session(future, "Sam", note="bring the letter")
    # Later edits keep that write time as the creation time.
    store.update(record_id, Session(future, "Sam"))
    assert vault.get(record_id).created_us == edited.created_us


def test_old_start_times_are_hidden_once_after_unlock(store: Sessions, vault: Vault) -> None:
    future = now_us() + 10 * DAY
    old = _old_style(vault, future, {"when_us": future, "label": "Sam", "note": "the letter"})
    fresh = store.add(Session(NOW, "Sam")).id
    fresh_record = vault.get(fresh)
    assert store.hide_old_start_times() == 1
    hidden = vault.get(old)
    assert hidden.created_us <= now_us() and hidden.created_us != future
    assert hidden.payload["v"] == 2
    assert store.get(old) == Session(future, "Sam", note="the letter")
    assert vault.get(fresh) == fresh_record  # new-style records are left alone
    assert store.hide_old_start_times() == 0


def test_invalid_update_changes_nothing(store: Sessions) -> None:
    record = store.add(Session(NOW, "Sam"))
    with pytest.raises(ValueError):
        store.update(record.id, Session(NOW, "x" * 200))
    assert store.get(record.id) == Session(NOW, "Sam")


def test_other_records_are_never_treated_as_sessions(store: Sessions, vault: Vault) -> None:
    other = vault.add("checkin", {"note": "mine"})
    with pytest.raises(RecordNotFound):
        store.get(other.id)
    with pytest.raises(RecordNotFound):
        store.update(other.id, Session(NOW))
    with pytest.raises(RecordNotFound):
        store.delete(other.id)
    assert vault.get(other.id).payload == {"note": "mine"}


def test_all_is_newest_first_whatever_order_they_were_entered(store: Sessions) -> None:
    times = [NOW - 3 * DAY, NOW + 2 * DAY, NOW - 30 * DAY, NOW, NOW + HOUR]
    for when in times:
        store.add(Session(when))
    assert [s.when_us for _r, s in store.all()] == sorted(times, reverse=True)


def test_with_no_sessions_everything_is_none(store: Sessions) -> None:
    assert store.all() == []
    assert store.last_before(NOW) is None
    assert store.next_appointment(NOW) is None
    assert store.since_last_session(NOW) is None  # "since my last session" means everything


def test_since_last_session_with_past_and_future_sessions(store: Sessions) -> None:
    store.add(Session(NOW - 14 * DAY, "Sam"))
    last = store.add(Session(NOW - 7 * DAY, "Sam"))
    store.add(Session(NOW + 7 * DAY, "Sam"))
    assert store.since_last_session(NOW) == NOW - 7 * DAY
    found = store.last_before(NOW)
    assert found is not None and found[0].id == last.id
    assert store.next_appointment(NOW) == NOW + 7 * DAY


def test_only_future_sessions_mean_everything_so_far(store: Sessions) -> None:
    store.add(Session(NOW + DAY))
    assert store.since_last_session(NOW) is None
    assert store.next_appointment(NOW) == NOW + DAY


def test_only_past_sessions_have_no_next_appointment(store: Sessions) -> None:
    store.add(Session(NOW - DAY))
    assert store.next_appointment(NOW) is None
    assert store.since_last_session(NOW) == NOW - DAY


def test_several_sessions_on_the_same_day(store: Sessions) -> None:
    morning, noon, evening = NOW - 3 * HOUR, NOW, NOW + 5 * HOUR
    for when in (evening, morning, noon):
        store.add(Session(when, "Sam"))
    # A session starting right now is the last one "at or before now".
    assert store.since_last_session(NOW) == noon
    assert store.since_last_session(NOW - 1) == morning
    assert store.next_appointment(NOW) == evening
    assert store.next_appointment(evening) is None


def test_next_appointment_also_uses_noted_next_dates(store: Sessions) -> None:
    store.add(Session(NOW - 7 * DAY, "Sam", next_us=NOW - DAY))  # already past: ignored
    store.add(Session(NOW - DAY, "Sam", next_us=NOW + 6 * DAY))
    assert store.next_appointment(NOW) == NOW + 6 * DAY
    store.add(Session(NOW + 3 * DAY, "Sam"))
    assert store.next_appointment(NOW) == NOW + 3 * DAY


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(-20 * DAY, 20 * DAY), st.one_of(st.none(), st.integers(-20 * DAY, 40 * DAY))),
        max_size=6,
    ),
    st.integers(-25 * DAY, 25 * DAY),
)
def test_ranges_match_a_plain_reading_of_the_dates(
    vault: Vault, plan: list[tuple[int, int | None]], offset: int
) -> None:
    empty(vault)
    store = Sessions(vault)
    for when, nxt in plan:
        store.add(Session(NOW + when, next_us=None if nxt is None else NOW + nxt))
    now = NOW + offset
    starts = [NOW + w for w, _n in plan]
    moments = starts + [NOW + n for _w, n in plan if n is not None]
    assert store.since_last_session(now) == max((s for s in starts if s <= now), default=None)
    assert store.next_appointment(now) == min((m for m in moments if m > now), default=None)


def test_damaged_session_record_is_shown_at_its_stored_date(store: Sessions, vault: Vault) -> None:
    vault.add(SESSION, {"v": 1, "when_us": "???", "label": ["x"], "next_us": "later"}, created_us=NOW)
    vault.add(SESSION, {"v": 99}, created_us=NOW - DAY)
    assert [s for _r, s in store.all()] == [Session(NOW), Session(NOW - DAY)]
    assert store.since_last_session(NOW) == NOW


def test_unicode_and_a_very_long_note_survive_reopening(store: Sessions, vault: Vault) -> None:
    note = ("שלום " * 2_000) + ("🫶" * 10_000) + ("x" * 30_000)
    note = note[:50_000]
    assert len(note) == 50_000
    record = store.add(Session(NOW, "Zoë 🌿 مريم", None, note))
    again = Vault.unlock(vault.path, "a long test passphrase")
    try:
        session = Sessions(again).get(record.id)
    finally:
        again.lock()
    assert session.note == note
    assert session.label == "Zoë 🌿 مريم"
