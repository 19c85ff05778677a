"""Full re-key: a new data key, every record re-encrypted, crash-safe at any moment.

A passphrase change only re-wraps the data key, so someone who kept an old copy of the file
and later learns the old passphrase (or the data key itself) still reads everything written
since. `Vault.rekey` retires the data key. The crash test kills a re-keying process at random
moments, as tests/unit/vault/test_crash.py does for saving: the journal must always open with
exactly one of the two passphrases and show every record.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE, create_vault

from companion.core.errors import VaultLocked, WrongPassphrase, WrongRecoveryCode
from companion.vault import crypto
from companion.vault import vault as vault_module
from companion.vault.unlock_guard import guard_for
from companion.vault.vault import Vault

WORKER = Path(__file__).resolve().parent / "vault_rekey_worker.py"
NEW = "a completely new passphrase"
KILLS = 8
RECORDS = 1000


def _ciphertexts(path: Path) -> dict[str, bytes]:
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT id, ciphertext FROM records"))
    finally:
        con.close()


def _opens_with(path: Path, passphrase: str) -> Vault | None:
    guard_for(path).succeeded()
    try:
        return Vault.unlock(path, passphrase)
    except WrongPassphrase:
        guard_for(path).succeeded()
        return None


def test_rekey_retires_the_old_key_and_keeps_every_record(tmp_path):
    path = tmp_path / "journal.sqlite"
    vault, old_code = Vault.create(path, TEST_PASSPHRASE)
    records = [vault.add("journal", {"body": f"entry {n}"}) for n in range(20)]
    old_key = vault._key
    before = _ciphertexts(path)
    new_code = vault.rekey(TEST_PASSPHRASE, NEW)
    after = _ciphertexts(path)
    assert [vault.get(r.id) for r in records] == records  # this window keeps working
    vault.lock()

    assert new_code is not None and new_code != old_code
    assert all(after[rid] != before[rid] for rid in before)
    for record in records:  # the retired key opens none of the re-encrypted records
        aad = crypto.record_aad(record.id, "journal", 2, record.created_us, record.updated_us)
        with pytest.raises(crypto.DecryptionFailed):
            crypto.open_sealed(old_key, after[record.id], aad)
    assert _opens_with(path, TEST_PASSPHRASE) is None
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery(path, old_code)
    guard_for(path).succeeded()
    for opened in (_opens_with(path, NEW), Vault.unlock_with_recovery(path, new_code)):
        assert opened is not None
        assert [opened.get(r.id) for r in records] == records
        opened.lock()


def test_rekey_with_a_wrong_current_passphrase_changes_nothing(tmp_path):
    vault = create_vault(tmp_path)
    vault.add("journal", {"body": "kept"})
    before = _ciphertexts(vault.path)
    with pytest.raises(WrongPassphrase):
        vault.rekey("not the passphrase", NEW)
    assert _ciphertexts(vault.path) == before
    vault.lock()


def test_windows_holding_the_retired_key_cannot_write_with_it(tmp_path):
    first = create_vault(tmp_path)
    same_process_tab = Vault.unlock(first.path, TEST_PASSPHRASE)
    other_process = Vault.unlock(first.path, TEST_PASSPHRASE)
    vault_module._open_vaults.discard(other_process)  # as if it lived in another process
    try:
        first.rekey(TEST_PASSPHRASE, NEW)
        assert same_process_tab.is_locked
        count = first.count()
        with pytest.raises(VaultLocked):
            other_process.add("journal", {"body": "sealed with a retired key"})
        with pytest.raises(VaultLocked):
            other_process.change_passphrase(NEW, "would wrap the retired key")
        assert first.count() == count
    finally:
        for vault in (first, same_process_tab, other_process):
            vault.lock()


def _run_worker(path: Path, source: str, target: str, out: Path) -> subprocess.Popen:
    env = dict(os.environ, REKEY_FROM=source, REKEY_TO=target)
    with out.open("wb") as stream:
        return subprocess.Popen(
            [sys.executable, str(WORKER), str(path)], stdout=stream, stderr=subprocess.STDOUT, env=env
        )


def _wait_ready(proc: subprocess.Popen, out: Path) -> float:
    deadline = time.monotonic() + 60
    while not out.read_bytes().startswith(b"READY\n"):
        if proc.poll() is not None:
            pytest.fail(f"worker exited early:\n{out.read_text(errors='replace')}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("worker never became ready")
        time.sleep(0.002)
    return time.monotonic()


def test_killed_rekey_leaves_old_or_new_never_neither(tmp_path):
    path = tmp_path / "journal.sqlite"
    vault = create_vault(tmp_path)
    added = [vault.add("journal", {"body": f"entry {n} " + "words " * (n % 50)}) for n in range(RECORDS)]
    expected = {r.id: r for r in added}
    vault.lock()
    passphrases = [TEST_PASSPHRASE, NEW]
    current = 0

    # One run to the end, to learn how long a re-key takes here.
    out = tmp_path / "full.out"
    proc = _run_worker(path, passphrases[current], passphrases[1 - current], out)
    ready = _wait_ready(proc, out)
    assert proc.wait(timeout=120) == 0, out.read_text(errors="replace")
    duration = time.monotonic() - ready
    current = 1 - current

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    outcomes = []
    for run in range(KILLS):
        out = tmp_path / f"run-{run}.out"
        proc = _run_worker(path, passphrases[current], passphrases[1 - current], out)
        _wait_ready(proc, out)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        finished = b"DONE" in out.read_bytes()

        old_opened = _opens_with(path, passphrases[current])
        new_opened = _opens_with(path, passphrases[1 - current])
        opened = [v for v in (old_opened, new_opened) if v is not None]
        assert len(opened) == 1, f"seed {seed}, run {run}: opens with {len(opened)} passphrases"
        if finished:
            assert new_opened is not None, f"seed {seed}: a finished re-key was lost"
        try:
            page = opened[0].list_page(limit=RECORDS + 10)
            assert page.unreadable == [], f"seed {seed}, run {run}"
            assert {r.id: r for r in page.records} == expected, f"seed {seed}, run {run}"
        finally:
            opened[0].lock()
        if new_opened is not None:
            current = 1 - current
        outcomes.append("new" if new_opened is not None else "old")

    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    print(f"seed {seed}: re-key {duration:.2f} s, outcomes {outcomes}")
