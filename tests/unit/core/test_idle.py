from __future__ import annotations

from conftest import FakeClock

from companion.core.idle import AUTO_LOCK_DEFAULT_S, IdleLock, valid_timeout


def test_locks_only_after_the_quiet_time(clock: FakeClock) -> None:
    idle = IdleLock(300, clock)
    clock.now += 299
    assert not idle.expired() and idle.remaining() == 1
    clock.now += 1
    assert idle.expired() and idle.remaining() == 0


def test_any_interaction_restarts_the_wait(clock: FakeClock) -> None:
    idle = IdleLock(60, clock)
    clock.now += 50
    idle.touch()
    clock.now += 50
    assert not idle.expired()
    clock.now += 10
    assert idle.expired()


def test_a_shorter_setting_applies_at_once(clock: FakeClock) -> None:
    idle = IdleLock(3600, clock)
    clock.now += 120
    assert not idle.expired()
    idle.timeout_s = 60
    assert idle.expired()


def test_stored_setting_is_cleaned() -> None:
    assert valid_timeout(60) == 60
    assert valid_timeout("900") == 900
    for odd in (None, "soon", 7, -1, 10**9, 3.5):
        assert valid_timeout(odd) == AUTO_LOCK_DEFAULT_S
