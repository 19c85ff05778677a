"""The vault: opening and locking, keys, the unlock guard, records, listing and search."""

from __future__ import annotations

import base64
import math
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import FakeClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.errors import (
    CompanionError,
    NoVault,
    PassphraseTooShort,
    RecordNotFound,
    TryAgainLater,
    VaultExists,
    VaultLocked,
    WrongPassphrase,
    WrongRecoveryCode,
)
from companion.core.records import Cursor, Record
from companion.vault import crypto, unlock_guard
from companion.vault.unlock_guard import MAX_WAIT_S, UnlockGuard, guard_for
from companion.vault.vault import Vault, vault_exists

PW = "correct horse battery staple"
PW2 = "a quiet lantern by the river"
CODE_RE = r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$"
BASE_US = 1_700_000_000_000_000  # Nov 2023, in microseconds

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


# --- helpers -----------------------------------------------------------------------------------


def try_unlock(path: Path, passphrase: str) -> Vault:
    """Unlock without waiting on earlier failures (the guard is tested on its own)."""
    guard_for(path).succeeded()
    return Vault.unlock(path, passphrase)


def opens_with(path: Path, passphrase: str) -> bool:
    try:
        vault = try_unlock(path, passphrase)
    except WrongPassphrase:
        guard_for(path).succeeded()
        return False
    vault.lock()
    return True


def journal_content(path: Path) -> list[tuple]:
    """Every record and header byte except the unlock guard's failure count, which a wrong
    guess is meant to change (it is kept in the file so restarting doesn't reset the wait)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        header = con.execute(
            "SELECT id, format, kdf, salt, wrapped_key, recovery_salt, recovery_wrapped_key, created_at"
            " FROM vault_header"
        ).fetchall()
        return header + con.execute("SELECT * FROM records ORDER BY id").fetchall()
    finally:
        con.close()


def query(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def header_row(path: Path) -> tuple:
    return query(path, "SELECT * FROM vault_header")[0]


def ciphertexts(path: Path) -> dict[str, bytes]:
    return dict(query(path, "SELECT id, ciphertext FROM records"))


def unique_kind() -> str:
    return f"kind-{uuid.uuid4().hex[:12]}"


def unique_token() -> str:
    return "tok" + uuid.uuid4().hex


def new_locked_vault(directory: Path, n_records: int = 0) -> tuple[Path, str, list[Record]]:
    path = directory / "journal.sqlite"
    vault, code = Vault.create(path, PW)
    records = [vault.add("journal", {"title": f"entry {i}", "body": f"text {i}"}) for i in range(n_records)]
    vault.lock()
    return path, code, records


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One unlocked vault for the tests that only add records of their own."""
    path = tmp_path_factory.mktemp("shared") / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    yield vault
    vault.lock()


# --- create / unlock / lock --------------------------------------------------------------------


def test_create_returns_unlocked_vault_and_recovery_code(tmp_path):
    path = tmp_path / "journal.sqlite"
    assert not vault_exists(path)
    vault, code = Vault.create(path, PW)
    try:
        assert vault_exists(path)
        assert not vault.is_locked
        assert code is not None
        assert re.match(CODE_RE, code)
        assert vault.count() == 0
        assert vault.kdf_params() == crypto.DEFAULT_KDF
    finally:
        vault.lock()
    assert vault.is_locked


def test_create_in_missing_folder(tmp_path):
    path = tmp_path / "a" / "b" / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    vault.lock()
    assert path.is_file()


def test_lock_then_unlock_keeps_records(tmp_path):
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    record = vault.add("journal", {"title": "kept", "body": "across a lock"})
    vault.lock()
    vault.lock()  # locking twice is harmless
    reopened = Vault.unlock(path, PW)
    try:
        assert reopened.get(record.id) == record
        assert reopened.count() == 1
    finally:
        reopened.lock()


def test_create_without_recovery_code(tmp_path):
    path = tmp_path / "journal.sqlite"
    vault, code = Vault.create(path, PW, with_recovery_code=False)
    vault.lock()
    assert code is None
    assert header_row(path)[5:7] == (None, None)
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery(path, crypto.new_recovery_code())
    guard_for(path).succeeded()


@pytest.mark.parametrize("short", ["", "short", "1234567", "   1234567   ", "\u3000abc\u3000"])
def test_create_refuses_short_passphrase(tmp_path, short):
    path = tmp_path / "journal.sqlite"
    with pytest.raises(PassphraseTooShort) as err:
        Vault.create(path, short)
    assert "8" in str(err.value)
    assert not path.exists()


def test_create_accepts_exactly_minimum_length(tmp_path):
    vault, _ = Vault.create(tmp_path / "journal.sqlite", "12345678")
    vault.lock()


def test_create_refuses_weak_kdf(tmp_path):
    path = tmp_path / "journal.sqlite"
    with pytest.raises(ValueError):
        Vault.create(path, PW, kdf=crypto.KdfParams(memory_kib=1024, iterations=1))
    assert not path.exists()


def test_create_refuses_existing_journal(tmp_path):
    path, _, records = new_locked_vault(tmp_path, 2)
    before = path.read_bytes()
    with pytest.raises(VaultExists):
        Vault.create(path, PW2)
    with pytest.raises(VaultExists):
        Vault.create(path, PW)
    assert path.read_bytes() == before
    assert opens_with(path, PW)
    assert not opens_with(path, PW2)


def test_create_refuses_any_non_empty_file(tmp_path):
    path = tmp_path / "journal.sqlite"
    path.write_bytes(b"my notes, not a journal")
    with pytest.raises(VaultExists):
        Vault.create(path, PW)
    assert path.read_bytes() == b"my notes, not a journal"


def test_unlock_missing_or_empty_file(tmp_path):
    path = tmp_path / "journal.sqlite"
    with pytest.raises(NoVault):
        Vault.unlock(path, PW)
    path.touch()
    with pytest.raises(NoVault):
        Vault.unlock(path, PW)
    with pytest.raises(NoVault):
        Vault.unlock_with_recovery(path, crypto.new_recovery_code())
    assert path.read_bytes() == b""


def test_wrong_passphrase_changes_nothing(tmp_path):
    path, _, records = new_locked_vault(tmp_path, 3)
    before = journal_content(path)
    for wrong in ["correct horse battery stapler", "Correct horse battery staple", "x" * 40]:
        with pytest.raises(WrongPassphrase) as err:
            try_unlock(path, wrong)
        assert isinstance(err.value, CompanionError)
        assert journal_content(path) == before
    vault = try_unlock(path, PW)
    try:
        assert [vault.get(r.id) for r in records] == records
    finally:
        vault.lock()


# --- unlock guard ------------------------------------------------------------------------------


def test_guard_waits_grow_then_cap():
    clock = FakeClock()
    guard = UnlockGuard(clock)
    guard.check()
    assert guard.wait_seconds() == 0
    waits = []
    for _ in range(12):
        waits.append(guard.failed())
        assert guard.wait_seconds() == waits[-1]
    assert guard.failures == 12
    assert waits[0] == 0  # one slip of the fingers costs nothing
    assert waits[1] >= 1
    for earlier, later in zip(waits, waits[1:], strict=False):
        assert later >= earlier
        assert later > earlier or later == MAX_WAIT_S
    assert waits[-1] == MAX_WAIT_S
    assert max(waits) == MAX_WAIT_S


def test_guard_blocks_until_wait_has_passed():
    clock = FakeClock()
    guard = UnlockGuard(clock)
    guard.failed()
    guard.check()
    wait = guard.failed()
    assert wait > 0
    with pytest.raises(TryAgainLater) as err:
        guard.check()
    assert err.value.seconds == pytest.approx(wait)
    clock.now += wait / 2
    with pytest.raises(TryAgainLater) as err:
        guard.check()
    assert err.value.seconds == pytest.approx(wait / 2)
    assert isinstance(err.value, CompanionError)
    clock.now += wait / 2
    guard.check()
    assert guard.wait_seconds() == 0
    # The next failure waits longer than the last.
    assert guard.failed() > wait


def test_guard_success_resets():
    clock = FakeClock()
    guard = UnlockGuard(clock)
    for _ in range(5):
        guard.failed()
    guard.succeeded()
    assert guard.failures == 0
    assert guard.wait_seconds() == 0
    guard.check()
    assert guard.failed() == 0


def test_guard_is_shared_per_file(tmp_path):
    path = tmp_path / "journal.sqlite"
    assert guard_for(path) is guard_for(tmp_path / "." / "journal.sqlite")
    assert guard_for(path) is not guard_for(tmp_path / "other.sqlite")


def test_unlock_too_soon_raises_try_again_later(tmp_path, monkeypatch):
    path, code, _ = new_locked_vault(tmp_path)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(path, "not the passphrase at all")
    with pytest.raises(WrongPassphrase):
        Vault.unlock(path, "still not the passphrase")
    before = path.read_bytes()  # the failures above are counted in the file; a refusal writes nothing

    def no_derivation(*args, **kwargs):
        raise AssertionError("a refused attempt must not reach key derivation")

    monkeypatch.setattr(crypto, "derive_passphrase_key", no_derivation)
    monkeypatch.setattr(crypto, "derive_recovery_key", no_derivation)
    with pytest.raises(TryAgainLater) as err:
        Vault.unlock(path, PW)  # even the right one has to wait
    assert 0 < err.value.seconds <= MAX_WAIT_S
    with pytest.raises(TryAgainLater):
        Vault.unlock_with_recovery(path, code)
    assert path.read_bytes() == before


def test_unlock_allowed_again_after_the_wait(tmp_path, monkeypatch):
    path, code, _ = new_locked_vault(tmp_path)
    clock = FakeClock()
    guard = UnlockGuard(clock)
    # Guards live in a per-process table keyed by the resolved path; give this file a fake clock.
    monkeypatch.setitem(unlock_guard._guards, path.resolve(), guard)
    waits = []
    for attempt in range(4):
        with pytest.raises(WrongPassphrase):
            Vault.unlock(path, f"wrong passphrase {attempt}")
        waits.append(guard.wait_seconds())
        if attempt < 3:
            clock.now += waits[-1]
    assert waits[0] == 0 and waits[1] > 0 and waits[3] > waits[2] > waits[1]
    with pytest.raises(TryAgainLater):
        Vault.unlock(path, PW)
    clock.now += guard.wait_seconds()
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery(path, crypto.new_recovery_code())
    assert guard.failures == 5
    clock.now += guard.wait_seconds()
    vault = Vault.unlock(path, PW)
    vault.lock()
    assert guard.failures == 0 and guard.wait_seconds() == 0


# --- recovery code -----------------------------------------------------------------------------


def test_unlock_with_recovery_code(tmp_path):
    path, code, records = new_locked_vault(tmp_path, 2)
    for typed in (code, code.lower(), code.replace("-", ""), code.replace("-", " "), f" {code} "):
        vault = Vault.unlock_with_recovery(path, typed)
        try:
            assert [vault.get(r.id) for r in records] == records
        finally:
            vault.lock()


def test_wrong_recovery_code(tmp_path):
    path, code, _ = new_locked_vault(tmp_path)
    before = journal_content(path)
    for wrong in (crypto.new_recovery_code(), "garbage", code[:-1], ""):
        guard_for(path).succeeded()
        with pytest.raises(WrongRecoveryCode):
            Vault.unlock_with_recovery(path, wrong)
    assert journal_content(path) == before
    guard_for(path).succeeded()


def test_new_recovery_code_invalidates_old(tmp_path):
    path, old_code, records = new_locked_vault(tmp_path, 1)
    vault = Vault.unlock(path, PW)
    new_code = vault.new_recovery_code()
    vault.lock()
    assert new_code != old_code
    assert re.match(CODE_RE, new_code)
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery(path, old_code)
    guard_for(path).succeeded()
    vault = Vault.unlock_with_recovery(path, new_code)
    assert vault.get(records[0].id) == records[0]
    vault.lock()
    assert opens_with(path, PW)


# --- change passphrase -------------------------------------------------------------------------


def test_change_passphrase_with_wrong_current_changes_nothing(tmp_path):
    path, code, records = new_locked_vault(tmp_path, 2)
    vault = Vault.unlock(path, PW)
    header, blobs = header_row(path), ciphertexts(path)
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("not my current passphrase", PW2)
    assert header_row(path) == header
    assert ciphertexts(path) == blobs
    assert not vault.is_locked
    vault.lock()
    assert opens_with(path, PW)
    assert not opens_with(path, PW2)


def test_change_passphrase_too_short_changes_nothing(tmp_path):
    path, _, _ = new_locked_vault(tmp_path)
    vault = Vault.unlock(path, PW)
    header = header_row(path)
    with pytest.raises(PassphraseTooShort):
        vault.change_passphrase(PW, "tiny")
    vault.lock()
    assert header_row(path) == header


def test_change_passphrase(tmp_path):
    path, code, records = new_locked_vault(tmp_path, 5)
    vault = Vault.unlock(path, PW)
    header, blobs = header_row(path), ciphertexts(path)
    vault.change_passphrase(PW, PW2)
    # The open vault keeps working with the same key.
    assert [vault.get(r.id) for r in records] == records
    vault.lock()

    after = header_row(path)
    assert after[3] != header[3] and after[4] != header[4]  # new salt, new wrapped key
    assert after[5:7] == header[5:7]  # recovery wrapping untouched
    assert ciphertexts(path) == blobs  # not a single record was re-encrypted

    assert not opens_with(path, PW)
    reopened = try_unlock(path, PW2)
    assert [reopened.get(r.id) for r in records] == records
    reopened.lock()
    recovered = Vault.unlock_with_recovery(path, code)
    assert recovered.count() == 5
    recovered.lock()


def test_change_passphrase_can_raise_kdf(tmp_path):
    path, _, records = new_locked_vault(tmp_path, 1)
    stronger = crypto.KdfParams(memory_kib=96 * 1024, iterations=3, lanes=2)
    vault = Vault.unlock(path, PW)
    vault.change_passphrase(PW, PW2, kdf=stronger)
    assert vault.kdf_params() == stronger
    vault.lock()
    reopened = try_unlock(path, PW2)
    assert reopened.kdf_params() == stronger
    assert reopened.get(records[0].id) == records[0]
    reopened.lock()


def test_change_passphrase_refuses_weak_kdf(tmp_path):
    path, _, _ = new_locked_vault(tmp_path)
    vault = Vault.unlock(path, PW)
    header = header_row(path)
    try:
        with pytest.raises(ValueError):
            vault.change_passphrase(PW, PW2, kdf=crypto.KdfParams(memory_kib=1024, iterations=1, lanes=1))
        assert header_row(path) == header
    finally:
        vault.lock()


# --- change passphrase: crash in the middle ----------------------------------------------------

KILL_AT_SCRIPT = r"""
import os, signal, sys
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import Engine
from companion.vault.vault import Vault

path, current, new, point = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
state = {"updated": False}

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def is_header_update(statement):
    return statement.lstrip().upper().startswith("UPDATE VAULT_HEADER")

@event.listens_for(Engine, "before_cursor_execute")
def before(conn, cursor, statement, parameters, context, executemany):
    if is_header_update(statement) and point == "before_update":
        die()

@event.listens_for(Engine, "after_cursor_execute")
def after(conn, cursor, statement, parameters, context, executemany):
    if is_header_update(statement):
        state["updated"] = True
        if point == "after_update":
            die()

real_commit = SQLiteDialect_pysqlite.do_commit

def do_commit(self, dbapi_connection):
    if state["updated"] and point == "before_commit":
        die()
    real_commit(self, dbapi_connection)
    if state["updated"] and point == "after_commit":
        die()

SQLiteDialect_pysqlite.do_commit = do_commit

vault = Vault.unlock(path, current)
print("READY", flush=True)
vault.change_passphrase(current, new)
print("CHANGED", flush=True)
"""

ALTERNATE_SCRIPT = r"""
import sys
from pathlib import Path
from companion.vault.vault import Vault

path, current, new = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
vault = Vault.unlock(path, current)
print("READY", flush=True)
while True:
    vault.change_passphrase(current, new)
    print("NOW", new, flush=True)
    current, new = new, current
"""


def _spawn(script: str, args: list[str], out: Path, cwd: Path) -> subprocess.Popen:
    with out.open("wb") as stream:
        return subprocess.Popen(
            [sys.executable, "-c", script, *args], stdout=stream, stderr=subprocess.STDOUT, cwd=cwd
        )


def _wait_for_ready(proc: subprocess.Popen, out: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while b"READY\n" not in out.read_bytes():
        if proc.poll() is not None:
            pytest.fail(f"helper exited early ({proc.returncode}): {out.read_text(errors='replace')}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("helper never became ready")
        time.sleep(0.01)


def _one_works(path: Path) -> tuple[bool, bool]:
    old, new = opens_with(path, PW), opens_with(path, PW2)
    return old, new


@pytest.mark.parametrize(
    ("point", "expect_new"),
    [("before_update", False), ("after_update", False), ("before_commit", False), ("after_commit", True)],
)
def test_change_passphrase_killed_at_each_step(tmp_path, point, expect_new):
    path, code, records = new_locked_vault(tmp_path, 3)
    out = tmp_path / "out.txt"
    proc = _spawn(KILL_AT_SCRIPT, [str(path), PW, PW2, point], out, tmp_path)
    proc.wait(timeout=120)
    output = out.read_text(errors="replace")
    assert proc.returncode == -signal.SIGKILL, output
    assert "READY" in output and "CHANGED" not in output

    old_works, new_works = _one_works(path)
    assert old_works != new_works, "exactly one passphrase must open the journal"
    assert new_works is expect_new
    vault = try_unlock(path, PW2 if new_works else PW)
    try:
        assert [vault.get(r.id) for r in records] == records
    finally:
        vault.lock()
    assert query(path, "PRAGMA integrity_check") == [("ok",)]


def test_change_passphrase_killed_at_random_moments(tmp_path):
    path, _, records = new_locked_vault(tmp_path, 2)
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    current, other = PW, PW2
    for attempt in range(4):
        out = tmp_path / f"out-{attempt}.txt"
        proc = _spawn(ALTERNATE_SCRIPT, [str(path), current, other], out, tmp_path)
        _wait_for_ready(proc, out)
        time.sleep(rng.uniform(0.0, 1.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, (seed, out.read_text(errors="replace"))

        old_works, new_works = _one_works(path)
        assert old_works != new_works, f"seed {seed}, attempt {attempt}: exactly one must work"
        current, other = (PW, PW2) if old_works else (PW2, PW)
        vault = try_unlock(path, current)
        assert [vault.get(r.id) for r in records] == records
        vault.lock()
    assert query(path, "PRAGMA integrity_check") == [("ok",)]


# --- records -----------------------------------------------------------------------------------


def test_add_get_update_delete(shared):
    before = shared.count()
    payload = {"title": "First", "body": "Hello", "tags": ["a", "b"]}
    record = shared.add("journal", payload)
    assert len(record.id) == 32 and int(record.id, 16) >= 0
    assert record.kind == "journal"
    assert record.payload == payload
    assert record.created_us == record.updated_us
    assert abs(record.created_us - time.time() * 1_000_000) < 60 * 1_000_000
    assert shared.get(record.id) == record
    assert shared.count() == before + 1

    time.sleep(0.002)
    updated = shared.update(record.id, {"title": "First, edited", "body": "Hello again"})
    assert updated.id == record.id and updated.kind == "journal"
    assert updated.created_us == record.created_us
    assert updated.updated_us > record.updated_us
    assert shared.get(record.id) == updated
    assert shared.get(record.id).payload == {"title": "First, edited", "body": "Hello again"}

    moved = shared.update(record.id, {"title": "moved"}, created_us=BASE_US)
    assert shared.get(record.id).created_us == BASE_US == moved.created_us

    shared.delete(record.id)
    assert shared.count() == before
    with pytest.raises(RecordNotFound) as err:
        shared.get(record.id)
    assert err.value.record_id == record.id


def test_add_with_explicit_created_time(shared):
    record = shared.add("journal", {"body": "back-dated"}, created_us=BASE_US + 42)
    assert record.created_us == BASE_US + 42
    assert shared.get(record.id).created_us == BASE_US + 42
    assert shared.get(record.id).created_at.year == 2023


def test_stored_payload_is_a_copy(shared):
    payload = {"title": "original"}
    record = shared.add("journal", payload)
    payload["title"] = "changed afterwards"
    assert record.payload == {"title": "original"}
    assert shared.get(record.id).payload == {"title": "original"}


@pytest.mark.parametrize("operation", ["get", "update", "delete"])
def test_missing_record(shared, operation):
    missing = uuid.uuid4().hex
    with pytest.raises(RecordNotFound) as err:
        if operation == "get":
            shared.get(missing)
        elif operation == "update":
            shared.update(missing, {"body": "x"})
        else:
            shared.delete(missing)
    assert err.value.record_id == missing


def test_delete_twice(shared):
    record = shared.add("journal", {"body": "once"})
    shared.delete(record.id)
    with pytest.raises(RecordNotFound):
        shared.delete(record.id)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stamps=st.lists(st.integers(0, 5), max_size=30), limit=st.integers(1, 12))
def test_list_page_covers_everything_once_newest_first(shared, stamps, limit):
    kind = unique_kind()
    added = {}
    for i, stamp in enumerate(stamps):
        record = shared.add(kind, {"i": i}, created_us=BASE_US + stamp)
        added[record.id] = record
    seen: list[Record] = []
    cursor: Cursor | None = None
    pages = 0
    while True:
        page = shared.list_page([kind], after=cursor, limit=limit)
        pages += 1
        assert page.unreadable == []
        assert len(page.records) <= limit
        seen.extend(page.records)
        if page.next_cursor is None:
            break
        assert len(page.records) == limit
        assert page.next_cursor == Cursor(page.records[-1].created_us, page.records[-1].id)
        cursor = page.next_cursor
        assert pages <= len(stamps)
    ids = [r.id for r in seen]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(added)
    assert all(r == added[r.id] for r in seen)
    keys = [(r.created_us, r.id) for r in seen]
    assert keys == sorted(keys, reverse=True)
    assert pages == max(1, math.ceil(len(stamps) / limit))
    assert shared.count([kind]) == len(stamps)


def test_iter_all_matches_paging(shared):
    kind = unique_kind()
    ids = {shared.add(kind, {"n": n}, created_us=BASE_US + n // 3).id for n in range(25)}
    everything = list(shared.iter_all([kind], batch=4))
    assert {r.id for r in everything} == ids and len(everything) == 25
    keys = [(r.created_us, r.id) for r in everything]
    assert keys == sorted(keys, reverse=True)


def test_list_page_date_range(shared):
    kind = unique_kind()
    by_offset = {off: shared.add(kind, {"off": off}, created_us=BASE_US + off).id for off in (0, 10, 20, 30)}

    def listed(**kw):
        return [r.id for r in shared.list_page([kind], limit=100, **kw).records]

    assert listed(start_us=BASE_US + 10, end_us=BASE_US + 30) == [by_offset[20], by_offset[10]]
    assert listed(start_us=BASE_US + 11) == [by_offset[30], by_offset[20]]
    assert listed(end_us=BASE_US + 10) == [by_offset[0]]
    assert listed(start_us=BASE_US + 31) == []
    # Range and cursor together.
    first = shared.list_page([kind], limit=1, start_us=BASE_US + 10)
    assert [r.id for r in first.records] == [by_offset[30]]
    rest = shared.list_page([kind], limit=10, start_us=BASE_US + 10, after=first.next_cursor)
    assert [r.id for r in rest.records] == [by_offset[20], by_offset[10]]
    assert rest.next_cursor is None


def test_list_page_kinds_filter(shared):
    kind_a, kind_b, kind_c = unique_kind(), unique_kind(), unique_kind()
    a = {shared.add(kind_a, {"k": "a"}).id for _ in range(3)}
    b = {shared.add(kind_b, {"k": "b"}).id for _ in range(2)}
    assert {r.id for r in shared.list_page([kind_a], limit=50).records} == a
    assert {r.id for r in shared.list_page([kind_b], limit=50).records} == b
    assert {r.id for r in shared.list_page([kind_a, kind_b], limit=50).records} == a | b
    assert {r.id for r in shared.list_page((k for k in [kind_b]), limit=50).records} == b
    assert shared.list_page([kind_c], limit=50).records == []
    assert shared.count([kind_a, kind_b]) == 5
    everything = {r.id for r in shared.iter_all()}
    assert a | b <= everything


# --- search ------------------------------------------------------------------------------------


def _ids(records: list[Record]) -> list[str]:
    return [r.id for r in records]


def test_search_is_case_and_accent_insensitive(shared):
    tok = unique_token()
    record = shared.add("journal", {"title": f"Café in Zürich {tok}", "body": "Un ÉTÉ très chaud, naïve"})
    for q in [
        f"cafe {tok}",
        f"CAFÉ {tok}",
        f"zurich {tok}",
        f"ete {tok}",
        f"été {tok}",
        f"NAIVE {tok}",
        tok.upper(),
        f"Café Zürich été {tok}",
    ]:
        assert _ids(shared.search(q)) == [record.id], q
    assert shared.search(f"paris {tok}") == []


def test_search_all_words_must_match(shared):
    tok = unique_token()
    one = shared.add("journal", {"body": f"apple banana {tok}"}, created_us=BASE_US + 1)
    two = shared.add("journal", {"body": f"apple cherry {tok}"}, created_us=BASE_US + 2)
    assert _ids(shared.search(f"apple {tok}")) == [two.id, one.id]  # newest first
    assert _ids(shared.search(f"apple {tok}", limit=1)) == [two.id]
    assert _ids(shared.search(f"banana {tok}")) == [one.id]
    assert _ids(shared.search(f"  cherry   {tok}  ")) == [two.id]
    assert shared.search(f"banana cherry {tok}") == []
    assert shared.search("") == []
    assert shared.search("   ") == []


def test_search_looks_inside_nested_payloads(shared):
    tok = unique_token()
    record = shared.add("checkin", {"mood": 3, "notes": [{"text": f"deep {tok}"}], "tags": ["Ünïcode"]})
    assert _ids(shared.search(f"deep {tok}")) == [record.id]
    assert _ids(shared.search(f"unicode {tok}")) == [record.id]


def test_search_kinds_filter(shared):
    tok = unique_token()
    kind_a, kind_b = unique_kind(), unique_kind()
    a = shared.add(kind_a, {"body": f"shared word {tok}"})
    b = shared.add(kind_b, {"body": f"shared word {tok}"})
    assert set(_ids(shared.search(tok))) == {a.id, b.id}
    assert _ids(shared.search(tok, kinds=[kind_a])) == [a.id]
    assert _ids(shared.search(tok, kinds=[kind_b])) == [b.id]
    assert shared.search(tok, kinds=[unique_kind()]) == []


def test_search_follows_changes_after_cache_is_built(shared):
    tok = unique_token()
    record = shared.add("journal", {"body": f"before {tok}"})
    assert _ids(shared.search(f"before {tok}")) == [record.id]  # cache built now
    shared.update(record.id, {"body": f"after {tok}"})
    assert shared.search(f"before {tok}") == []
    assert _ids(shared.search(f"after {tok}")) == [record.id]
    assert shared.search(f"after {tok}")[0].payload == {"body": f"after {tok}"}
    late = shared.add("journal", {"body": f"late arrival {tok}"})
    assert _ids(shared.search(f"arrival {tok}")) == [late.id]
    shared.delete(record.id)
    assert shared.search(f"after {tok}") == []
    assert _ids(shared.search(tok)) == [late.id]


def test_search_after_lock_and_unlock(tmp_path):
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    record = vault.add("journal", {"body": "Ränder des Tages"})
    assert _ids(vault.search("rander")) == [record.id]
    vault.lock()
    reopened = Vault.unlock(path, PW)
    try:
        assert _ids(reopened.search("RÄNDER tages")) == [record.id]
    finally:
        reopened.lock()


# --- payload round trip ------------------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | text
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=12,
)
payloads = st.dictionaries(text, json_values, max_size=5) | st.fixed_dictionaries(
    {"title": text, "body": st.text(st.characters(exclude_categories=("Cs",)), max_size=2000)}
)


@pytest.fixture(scope="module")
def round_trip_vault(tmp_path_factory):
    path = tmp_path_factory.mktemp("round_trip") / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    holder = {"path": path, "vault": vault}
    yield holder
    holder["vault"].lock()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(payloads, min_size=1, max_size=6))
def test_payload_round_trip_including_lock(round_trip_vault, batch):
    vault = round_trip_vault["vault"]
    records = [vault.add("journal", payload) for payload in batch]
    for record, payload in zip(records, batch, strict=True):
        assert vault.get(record.id).payload == payload
    vault.lock()
    vault = round_trip_vault["vault"] = Vault.unlock(round_trip_vault["path"], PW)
    for record, payload in zip(records, batch, strict=True):
        got = vault.get(record.id)
        assert got.payload == payload
        assert (got.kind, got.created_us) == ("journal", record.created_us)


# --- locked ------------------------------------------------------------------------------------

LOCKED_OPERATIONS = {
    "add": lambda v, rid: v.add("journal", {"body": "x"}),
    "get": lambda v, rid: v.get(rid),
    "update": lambda v, rid: v.update(rid, {"body": "changed"}),
    "delete": lambda v, rid: v.delete(rid),
    "list_page": lambda v, rid: v.list_page(),
    "iter_all": lambda v, rid: list(v.iter_all()),
    "count": lambda v, rid: v.count(),
    "search": lambda v, rid: v.search("kept"),
    "change_passphrase": lambda v, rid: v.change_passphrase(PW, PW2),
    "new_recovery_code": lambda v, rid: v.new_recovery_code(),
    "kdf_params": lambda v, rid: v.kdf_params(),
}


@pytest.fixture(scope="module")
def locked(tmp_path_factory):
    path = tmp_path_factory.mktemp("locked") / "journal.sqlite"
    vault, code = Vault.create(path, PW)
    record = vault.add("journal", {"body": "kept"})
    assert vault.search("kept")  # fill the search cache before locking
    vault.lock()
    return path, code, vault, record


@pytest.mark.parametrize("operation", sorted(LOCKED_OPERATIONS))
def test_operations_after_lock_raise_vault_locked(locked, operation):
    path, code, vault, record = locked
    assert vault.is_locked
    with pytest.raises(VaultLocked) as err:
        LOCKED_OPERATIONS[operation](vault, record.id)
    assert isinstance(err.value, CompanionError)


def test_locked_operations_changed_nothing(locked):
    path, code, vault, record = locked
    reopened = Vault.unlock(path, PW)
    try:
        assert reopened.count() == 1
        assert reopened.get(record.id) == record
    finally:
        reopened.lock()
    recovered = Vault.unlock_with_recovery(path, code)
    recovered.lock()


# --- nothing a person writes reaches the disk in clear ----------------------------------------


def _forms(canary: str) -> dict[str, bytes]:
    """The canary as it could appear on disk if some layer stored it in clear or lightly encoded."""
    raw = canary.encode("utf-8")
    forms = {
        "utf-8": raw,
        "utf-16-le": canary.encode("utf-16-le"),
        "utf-16-be": canary.encode("utf-16-be"),
        "hex": raw.hex().encode(),
        "HEX": raw.hex().upper().encode(),
    }
    for shift in range(3):
        for name, encoder in (("base64", base64.b64encode), ("base64url", base64.urlsafe_b64encode)):
            encoded = encoder(b"\x00" * shift + raw)
            # Only the characters that depend on the canary alone, whatever bytes surround it.
            start = 4 if shift else 0
            end = (shift + len(raw)) // 3 * 4
            forms[f"{name}+{shift}"] = encoded[start:end]
    return forms


def _leaks(directory: Path, canary: str) -> list[str]:
    found = []
    for file in sorted(p for p in directory.iterdir() if p.is_file()):
        data = file.read_bytes()
        for name, form in _forms(canary).items():
            if form in data or form.lower() in data.lower():
                found.append(f"{file.name}: {name}")
    return found


CANARIES = {
    "title": "CanaryTitle-ocelot-5e2b-Ünïcødé",
    "body": "CanaryBody-pangolin-91ac-Ελληνικά",
    "nested": "CanaryNested-axolotl-0d3f-日本語",
    "updated": "CanaryUpdated-narwhal-77e1-çà",
    "deleted": "CanaryDeleted-quokka-2a9c-ñ",
}


def test_canary_detection_works(tmp_path):
    """The leak check itself must be able to fail, in every encoding and alignment."""
    canary = CANARIES["title"]
    raw = canary.encode()
    samples = [
        raw,
        canary.encode("utf-16-le"),
        canary.encode("utf-16-be"),
        raw.hex().encode(),
        *(base64.b64encode(pad + raw + b"tail") for pad in (b"", b"x", b"xy")),
        *(base64.urlsafe_b64encode(pad + raw) for pad in (b"", b"x", b"xy")),
    ]
    for i, sample in enumerate(samples):
        (tmp_path / f"sample-{i}").write_bytes(os.urandom(50) + sample + os.urandom(50))
        assert _leaks(tmp_path, canary), sample
        (tmp_path / f"sample-{i}").unlink()
    (tmp_path / "clean").write_bytes(os.urandom(4000))
    assert _leaks(tmp_path, canary) == []


def test_plaintext_never_on_disk(tmp_path):
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    vault.add("journal", {"title": CANARIES["title"], "body": "ordinary words"})
    vault.add("journal", {"title": "", "body": f"Dear diary,\n{CANARIES['body']}\n"})
    vault.add("checkin", {"mood": 2, "notes": [{"text": CANARIES["nested"]}], CANARIES["nested"]: 1})
    editable = vault.add("journal", {"title": "draft", "body": "first version"})
    vault.update(editable.id, {"title": CANARIES["updated"], "body": CANARIES["updated"]})
    doomed = vault.add("journal", {"title": CANARIES["deleted"], "body": CANARIES["deleted"]})
    vault.delete(doomed.id)
    for i in range(50):  # enough to spill over several pages
        vault.add("journal", {"title": f"{CANARIES['body']} {i}", "body": CANARIES["title"] * 3})
    assert vault.search(CANARIES["title"])  # the search cache holds clear text in memory only

    files_while_open = {p.name for p in tmp_path.iterdir()}
    assert "journal.sqlite-wal" in files_while_open
    for canary in CANARIES.values():
        assert _leaks(tmp_path, canary) == [], canary
    vault.lock()
    for canary in CANARIES.values():
        assert _leaks(tmp_path, canary) == [], canary
    # And the data really is there.
    reopened = Vault.unlock(path, PW)
    assert reopened.count() == 54
    assert len(reopened.search(CANARIES["title"].lower())) == 51
    reopened.lock()


def test_writes_during_the_first_search_build_are_not_lost(tmp_path) -> None:
    """A save or delete racing the background search warm-up must still be searchable."""
    import threading

    from companion.vault.vault import Vault as _Vault

    vault, _ = _Vault.create(tmp_path / "race.sqlite", "race condition pass", with_recovery_code=False)
    doomed = vault.add("journal", {"body": "doomedword"})
    for i in range(300):
        vault.add("journal", {"body": f"filler {i}"})
    started = threading.Event()
    original = vault._open_for_search

    def slow_open(*row):
        started.set()
        time.sleep(0.002)  # keep the build in progress while the writes below happen
        return original(*row)

    vault._open_for_search = slow_open  # type: ignore[method-assign]
    builder = threading.Thread(target=vault.warm_search)
    builder.start()
    assert started.wait(5), "the build never decrypted a row"
    fresh = vault.add("journal", {"body": "freshword"})
    assert builder.is_alive(), "the writes must race the build"
    vault.delete(doomed.id)
    builder.join()
    assert [r.id for r in vault.search("freshword")] == [fresh.id]
    assert vault.search("doomedword") == []


def test_writes_from_two_threads_wait_for_each_other(tmp_path) -> None:
    """Saving settings while a draft autosaves must not fail with "database is locked"."""
    import threading

    from companion.vault.vault import Vault as _Vault

    vault, _ = _Vault.create(tmp_path / "two.sqlite", "two writers at once", with_recovery_code=False)
    ids = [vault.add("journal", {"body": f"start {i}"}).id for i in range(2)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def writer(record_id: str) -> None:
        try:
            barrier.wait()
            for n in range(60):
                vault.update(record_id, {"body": f"edit {n}"})
                vault.add("draft", {"n": n})
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert vault.count(["draft"]) == 120
    vault.lock()


# --- a forgotten passphrase ----------------------------------------------------------------------


def test_after_the_recovery_code_a_new_passphrase_needs_no_old_one(tmp_path: Path) -> None:
    path = tmp_path / "forgot.sqlite"
    vault, code = Vault.create(path, "the first passphrase")
    record = vault.add("journal", {"body": "still here"})
    vault.lock()
    recovered = Vault.unlock_with_recovery(path, code or "")
    assert recovered.opened_with_recovery
    new_code = recovered.replace_forgotten_passphrase("a brand new passphrase")
    assert not recovered.opened_with_recovery  # once only
    recovered.lock()
    again = Vault.unlock(path, "a brand new passphrase")
    assert again.get(record.id).payload == {"body": "still here"}
    again.lock()
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery(path, code or "")  # the used code stops working
    Vault.unlock_with_recovery(path, new_code).lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(path, "the first passphrase")
