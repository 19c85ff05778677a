"""Growing waits between failed unlock attempts.

Argon2id already makes each guess expensive; the wait adds a human-scale brake
on someone trying passphrases at the keyboard. Guards are shared per journal
file within the process, so opening a second browser tab does not reset them.

Three rules keep the brake from being side-stepped:

- An attempt is *reserved* before its key derivation starts (`attempt()`): one
  attempt per journal at a time, so guesses sent together are tried one after
  another, each checked against the wait the previous one left.
- The failure count is kept in the journal's header too (the vault writes it),
  and a guard adopts it the first time this process touches the journal, so
  restarting the app doesn't give a fresh set of free guesses.
- The wait never exceeds `MAX_WAIT_S`, even if the clock jumps, and a success
  resets everything: the owner is never locked out for good.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from companion.core.errors import TryAgainLater

FREE_ATTEMPTS = 1
MAX_WAIT_S = 30.0


def wait_after(failures: int) -> float:
    """The wait that follows the ``failures``-th failure in a row."""
    extra = failures - FREE_ATTEMPTS
    return 0.0 if extra <= 0 else min(MAX_WAIT_S, 1.0 * 2 ** min(extra - 1, 16))


class UnlockGuard:
    def __init__(
        self, clock: Callable[[], float] = time.monotonic, wall_clock: Callable[[], float] = time.time
    ) -> None:
        self._clock = clock
        self._wall_clock = wall_clock
        self._failures = 0
        self._not_before = 0.0
        self._adopted = False
        self._lock = threading.Lock()
        self._attempt_lock = threading.Lock()

    @property
    def failures(self) -> int:
        return self._failures

    def wait_seconds(self) -> float:
        """How long until the next attempt is allowed (0 when it is)."""
        return min(MAX_WAIT_S, max(0.0, self._not_before - self._clock()))

    def check(self) -> None:
        remaining = self.wait_seconds()
        if remaining > 0:
            raise TryAgainLater(remaining)

    @contextmanager
    def attempt(self) -> Iterator[None]:
        """Reserve the next attempt: one at a time, and only once any wait has passed.

        A second attempt made while one is deriving waits for it (a fraction of a second),
        then faces the wait that attempt's failure left, instead of being tried alongside.
        """
        self.check()
        with self._attempt_lock:
            self.check()
            yield

    def adopt(self, failures: int, last_failure_us: int | None) -> None:
        """Take over the count stored in the journal, once per process (after a restart).

        The wait left is measured on the wall clock from the stored failure time; a clock
        set back or forward can shorten it to nothing or stretch it to `MAX_WAIT_S`, never more.
        """
        with self._lock:
            if self._adopted:
                return
            self._adopted = True
            if failures <= self._failures:
                return
            self._failures = failures
            since = 0.0 if last_failure_us is None else self._wall_clock() - last_failure_us / 1e6
            remaining = min(MAX_WAIT_S, max(0.0, wait_after(failures) - max(0.0, since)))
            self._not_before = self._clock() + remaining

    def failed(self) -> float:
        """Record a failure; returns the wait before the next attempt."""
        with self._lock:
            self._failures += 1
            wait = wait_after(self._failures)
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
