"""Growing waits between failed unlock attempts.

Argon2id already makes each guess expensive; the wait adds a human-scale brake
on someone trying passphrases at the keyboard. Guards are shared per journal
file within the process, so opening a second browser tab does not reset them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from companion.core.errors import TryAgainLater

FREE_ATTEMPTS = 1
MAX_WAIT_S = 30.0


class UnlockGuard:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._failures = 0
        self._not_before = 0.0
        self._lock = threading.Lock()

    @property
    def failures(self) -> int:
        return self._failures

    def wait_seconds(self) -> float:
        """How long until the next attempt is allowed (0 when it is)."""
        return max(0.0, self._not_before - self._clock())

    def check(self) -> None:
        remaining = self.wait_seconds()
        if remaining > 0:
            raise TryAgainLater(remaining)

    def failed(self) -> float:
        """Record a failure; returns the wait before the next attempt."""
        with self._lock:
            self._failures += 1
            extra = self._failures - FREE_ATTEMPTS
            wait = 0.0 if extra <= 0 else min(MAX_WAIT_S, 1.0 * 2 ** (extra - 1))
            self._not_before = self._clock() + wait
            return wait

    def succeeded(self) -> None:
        with self._lock:
            self._failures = 0
            self._not_before = 0.0


_guards: dict[Path, UnlockGuard] = {}
_guards_lock = threading.Lock()


def guard_for(path: Path) -> UnlockGuard:
    with _guards_lock:
        return _guards.setdefault(Path(path).resolve(), UnlockGuard())
