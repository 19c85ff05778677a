"""Guesses sent together, and restarts, must not get around the growing unlock wait.

Findings: the wait was counted only after an attempt finished, so six guesses sent at once
were all tried; and the count lived only in memory, so restarting the app reset it.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE, FakeClock, create_vault

from companion.core.errors import TryAgainLater, WrongPassphrase
from companion.vault import crypto, unlock_guard
from companion.vault.unlock_guard import FREE_ATTEMPTS, MAX_WAIT_S, UnlockGuard
from companion.vault.vault import Vault

GUESSES = 6


class CountingDerivation:
    """The real Argon2id, counting calls and how many ran at the same moment."""

    def __init__(self) -> None:
        self.real = crypto.derive_passphrase_key
        self.calls = 0
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def __call__(self, *args, **kwargs) -> bytes:
        with self._lock:
            self.calls += 1
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            time.sleep(0.05)  # widen the window in which a second guess could slip in
            return self.real(*args, **kwargs)
        finally:
            with self._lock:
                self.running -= 1


@pytest.fixture
def locked_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A fresh guard table: this process "starts" with no guard for the journal.
    monkeypatch.setattr(unlock_guard, "_guards", {})
    vault = create_vault(tmp_path)
    vault.lock()
    return vault.path


def _header(path: Path) -> tuple[int, int | None]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT unlock_failures, last_failure_at FROM vault_header").fetchone()
    finally:
        con.close()


def test_guesses_sent_together_are_tried_one_at_a_time(locked_journal, monkeypatch):
    spy = CountingDerivation()
    monkeypatch.setattr(crypto, "derive_passphrase_key", spy)
    outcomes: list[str] = []
    barrier = threading.Barrier(GUESSES)

    def guess(n: int) -> None:
        barrier.wait(timeout=30)
        try:
            Vault.unlock(locked_journal, f"a wrong guess number {n}")
        except WrongPassphrase:
            outcomes.append("wrong")
        except TryAgainLater:
            outcomes.append("wait")

    threads = [threading.Thread(target=guess, args=(n,), daemon=True) for n in range(GUESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads)
    assert spy.most_at_once == 1, "two guesses derived keys at the same time"
    # The free slip, then one more whose failure starts the wait; the rest are refused unheard.
    assert spy.calls == FREE_ATTEMPTS + 1
    assert sorted(outcomes) == ["wait"] * (GUESSES - spy.calls) + ["wrong"] * spy.calls


def test_the_same_person_in_two_tabs_both_get_in(locked_journal):
    opened: list[Vault] = []
    barrier = threading.Barrier(2)

    def unlock() -> None:
        barrier.wait(timeout=30)
        opened.append(Vault.unlock(locked_journal, TEST_PASSPHRASE))

    threads = [threading.Thread(target=unlock, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(opened) == 2
    for vault in opened:
        vault.lock()


def test_failure_count_survives_a_restart(locked_journal, monkeypatch):
    for n in range(FREE_ATTEMPTS + 1):
        with pytest.raises(WrongPassphrase):
            Vault.unlock(locked_journal, f"a wrong guess number {n}")
    failures, at = _header(locked_journal)
    assert failures == FREE_ATTEMPTS + 1 and at is not None

    monkeypatch.setattr(unlock_guard, "_guards", {})  # the app was closed and started again
    with pytest.raises(TryAgainLater) as err:
        Vault.unlock(locked_journal, TEST_PASSPHRASE)
    assert 0 < err.value.seconds <= MAX_WAIT_S


def test_the_wait_is_capped_and_a_success_resets_it(locked_journal, monkeypatch):
    """However large the stored count, or however far the clock was moved, the owner gets in."""
    con = sqlite3.connect(locked_journal)
    far_future_us = int((time.time() + 10 * 365 * 86400) * 1e6)
    con.execute("UPDATE vault_header SET unlock_failures = ?, last_failure_at = ?", (10**9, far_future_us))
    con.commit()
    con.close()
    clock = FakeClock()
    monkeypatch.setitem(unlock_guard._guards, locked_journal.resolve(), UnlockGuard(clock))
    with pytest.raises(TryAgainLater) as err:
        Vault.unlock(locked_journal, TEST_PASSPHRASE)
    assert err.value.seconds <= MAX_WAIT_S
    clock.advance(MAX_WAIT_S)
    Vault.unlock(locked_journal, TEST_PASSPHRASE).lock()
    assert _header(locked_journal) == (0, None)
