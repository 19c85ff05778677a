"""The browser tests' sped-up quiet-time clock: only when asked, only within bounds."""

from __future__ import annotations

import time

import pytest

from companion.ui.shell import controller
from companion.ui.shell.controller import IDLE_CLOCK_RATE_ENV, _idle_clock


@pytest.mark.parametrize("setting", [None, "", "fast", "1", "0.5", "-3", "13", "nan", "inf"])
def test_without_a_sensible_rate_the_real_clock_counts(monkeypatch: pytest.MonkeyPatch, setting) -> None:
    if setting is None:
        monkeypatch.delenv(IDLE_CLOCK_RATE_ENV, raising=False)
    else:
        monkeypatch.setenv(IDLE_CLOCK_RATE_ENV, setting)
    assert _idle_clock() is time.monotonic


def test_a_rate_makes_quiet_time_pass_faster(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(controller.time, "monotonic", lambda: now[0])
    monkeypatch.setenv(IDLE_CLOCK_RATE_ENV, "4")
    clock = _idle_clock()
    before = clock()
    now[0] += 15.0
    assert clock() - before == pytest.approx(60.0)
