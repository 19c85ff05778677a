"""Kill a writing process at random moments: every entry it reported saved must still be there."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.vault.vault import Vault

PW = "correct horse battery staple"
WRITER = Path(__file__).resolve().parent / "crash_writer.py"
KILLS = 20
LINE = re.compile(r"^([0-9a-f]{32}) (\S+) (\d+)$")


def _start(path: Path, tag: str, out: Path) -> subprocess.Popen:
    env = dict(os.environ, COMPANION_CRASH_PASSPHRASE=PW)
    with out.open("wb") as stream:
        return subprocess.Popen(
            [sys.executable, str(WRITER), str(path), tag],
            stdout=stream,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=path.parent,
        )


def _wait_ready(proc: subprocess.Popen, out: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not out.read_bytes().startswith(b"READY\n"):
        if proc.poll() is not None:
            pytest.fail(f"writer exited early ({proc.returncode}):\n{out.read_text(errors='replace')}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("writer never became ready")
        time.sleep(0.005)


def _saved(out: Path) -> list[tuple[str, str, int]]:
    """Complete lines only: a line cut short by the kill was never fully reported."""
    text = out.read_bytes().decode("utf-8", errors="replace")
    complete = text.split("\n")[:-1]
    saved = []
    for line in complete:
        if line == "READY":
            continue
        match = LINE.match(line)
        assert match, f"unexpected writer output: {line!r}\n{text[-2000:]}"
        saved.append((match[1], match[2], int(match[3])))
    return saved


def test_killed_writer_loses_nothing_it_reported(tmp_path):
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    first = vault.add("journal", {"title": "before any crash", "body": "still here"})
    vault.lock()

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    reported: list[tuple[str, str, int]] = []
    ready_runs = 0
    for run in range(KILLS):
        out = tmp_path / f"run-{run}.out"
        proc = _start(path, str(run), out)
        if run % 5 == 4:
            # Sometimes anywhere at all: while importing, deriving the key, or writing.
            time.sleep(rng.uniform(0.0, 1.5))
        else:
            _wait_ready(proc, out)
            ready_runs += 1
            time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, (seed, out.read_text(errors="replace")[-2000:])
        reported.extend(_saved(out))

    assert ready_runs >= KILLS * 3 // 4
    assert len(reported) >= 20, f"seed {seed}: the writers hardly wrote anything ({len(reported)})"
    assert len({rid for rid, _, _ in reported}) == len(reported)

    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)], seed
    finally:
        con.close()

    vault = Vault.unlock(path, PW)
    try:
        for record_id, tag, n in reported:
            record = vault.get(record_id)
            assert record.payload["run"] == tag and record.payload["n"] == n, seed
            assert record.payload["title"] == f"crash run {tag} #{n}"
        assert vault.get(first.id) == first
        # Entries that committed just before a kill but were never reported may exist too.
        assert vault.count() >= len(reported) + 1
        page = vault.list_page(limit=10_000)
        assert page.unreadable == []
        after = vault.add("journal", {"body": "the journal still takes new entries"})
    finally:
        vault.lock()
    vault = Vault.unlock(path, PW)
    try:
        assert vault.get(after.id).payload == {"body": "the journal still takes new entries"}
    finally:
        vault.lock()
