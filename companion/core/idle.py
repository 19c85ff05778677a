"""When to lock: a small clock-driven rule, kept apart from the UI so it can be tested."""

from __future__ import annotations

import time
from collections.abc import Callable

AUTO_LOCK_DEFAULT_S = 5 * 60
AUTO_LOCK_CHOICES_S = (60, 5 * 60, 15 * 60, 60 * 60)


class IdleLock:
    """Says when no interaction has happened for ``timeout_s`` seconds."""

    def __init__(self, timeout_s: float = AUTO_LOCK_DEFAULT_S, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self.timeout_s = timeout_s
        self._last = clock()

    def touch(self) -> None:
        self._last = self._clock()

    def remaining(self) -> float:
        return max(0.0, self.timeout_s - (self._clock() - self._last))

    def expired(self) -> bool:
        return self._clock() - self._last >= self.timeout_s


def valid_timeout(seconds: object) -> int:
    """A stored setting, cleaned: anything odd falls back to the default."""
    try:
        value = int(seconds)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):  # int(inf) overflows, int(nan) is a ValueError
        return AUTO_LOCK_DEFAULT_S
    return value if value in AUTO_LOCK_CHOICES_S else AUTO_LOCK_DEFAULT_S
