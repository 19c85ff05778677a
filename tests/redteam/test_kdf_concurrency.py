"""Argon2id derivations started together must all finish (finding: two at once deadlocked).

OpenSSL runs Argon2id's four lanes on a shared thread pool; several derivations at once could
each hold part of the pool and wait for the rest for ever. Every derivation in the process now
goes through one lock in `crypto`. A deadlock here must FAIL the test, not hang it: threads are
daemons and are joined with a deadline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from conftest import create_vault

from companion.core.records import Record
from companion.export.backup import pack_backup, read_backup
from companion.vault import crypto
from companion.vault import passphrase as passphrase_rules
from companion.vault.vault import Vault

THREADS = 6
DEADLINE_S = 90.0  # six derivations take ~1 s one after another; a deadlock never ends


def _run_all(jobs: list[Callable[[], object]]) -> tuple[list[object], list[BaseException], int]:
    """Start every job at once; returns results, errors and how many never finished in time."""
    results: list[object] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(jobs))

    def run(job: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(job())
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,), daemon=True) for job in jobs]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + DEADLINE_S
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return results, errors, sum(thread.is_alive() for thread in threads)


def test_six_argon2id_derivations_at_once_all_finish():
    salt = crypto.new_salt()
    jobs = [
        (lambda i=i: crypto.derive_passphrase_key(f"guess {i}".encode(), salt, crypto.DEFAULT_KDF))
        for i in range(THREADS)
    ]
    results, errors, stuck = _run_all(jobs)
    assert stuck == 0, f"{stuck} of {THREADS} derivations never finished (deadlock)"
    assert errors == []
    assert len(set(results)) == THREADS  # six different passphrases, six different keys


def test_unlock_backup_and_passphrase_change_at_once_all_finish(tmp_path: Path):
    """Every place that runs Argon2id (unlock, backup write and read, passphrase change) at once."""
    journals = [create_vault(tmp_path / f"j{i}") for i in range(3)]
    paths = [journal.path for journal in journals]
    for journal in journals[:2]:
        journal.lock()
    changing = journals[2]
    backup = pack_backup([Record("a" * 32, "journal", 1, 1, {"body": "x"})], pp_backup := "backup passphrase")

    def unlock(path: Path) -> Callable[[], object]:
        return lambda: Vault.unlock(path, "a long test passphrase").lock()

    jobs: list[Callable[[], object]] = [
        unlock(paths[0]),
        unlock(paths[1]),
        lambda: pack_backup([], "another backup passphrase"),
        lambda: read_backup(backup, pp_backup),
        lambda: changing.change_passphrase("a long test passphrase", "a changed passphrase"),
        lambda: crypto.derive_passphrase_key(
            passphrase_rules.normalise("plain"), crypto.new_salt(), crypto.DEFAULT_KDF
        ),
    ]
    try:
        _results, errors, stuck = _run_all(jobs)
    finally:
        changing.lock()
    assert stuck == 0, f"{stuck} of {len(jobs)} derivations never finished (deadlock)"
    assert errors == []
