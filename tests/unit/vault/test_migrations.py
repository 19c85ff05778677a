"""Schema migrations: old files open and upgrade, newer files are refused, steps are atomic."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from companion.core.errors import VaultDamaged
from companion.vault import crypto, passphrase, storage
from companion.vault.storage import SCHEMA_VERSION, migrate, schema_version
from companion.vault.unlock_guard import guard_for
from companion.vault.vault import LEGACY_RECORD_FMT, PASSPHRASE_PURPOSE, RECOVERY_PURPOSE, VAULT_FORMAT, Vault

PW = "correct horse battery staple"

V1_RECORDS = [
    ("journal", 1_600_000_000_000_000, {"title": "Old times", "body": "Written by version one ✍️"}),
    ("journal", 1_600_000_100_000_000, {"title": "Ελληνικά", "body": "Καλημέρα"}),
    ("checkin", 1_600_000_200_000_000, {"mood": 4, "notes": ["calm", "日本語"]}),
    ("settings", 1_600_000_300_000_000, {"crisis_lines": []}),
]


def connect(path: Path) -> sqlite3.Connection:
    # Autocommit mode, as the app's engine uses: migrate() issues its own BEGIN/COMMIT.
    return sqlite3.connect(path, isolation_level=None)


def objects(path: Path) -> set[tuple[str, str, str]]:
    con = connect(path)
    try:
        rows = con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        con.close()
    return {(t, n, " ".join((s or "").split())) for t, n, s in rows}


def version_of(path: Path) -> int:
    con = connect(path)
    try:
        return schema_version(con)
    finally:
        con.close()


def index_names(path: Path) -> set[str]:
    return {name for kind, name, _ in objects(path) if kind == "index"}


def build_v1_vault(path: Path) -> tuple[str, dict[str, tuple[str, int, dict]]]:
    """A journal exactly as the version-1 schema and the crypto layer would have written it."""
    con = connect(path)
    con.execute("BEGIN")
    storage.MIGRATIONS[1](con)
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute("COMMIT")

    data_key = crypto.new_data_key()
    salt = crypto.new_salt()
    kek = crypto.derive_passphrase_key(passphrase.normalise(PW), salt, crypto.DEFAULT_KDF)
    code = crypto.new_recovery_code()
    recovery_salt = crypto.new_salt()
    recovery_key = crypto.derive_recovery_key(crypto.recovery_code_bytes(code), recovery_salt)
    con.execute("BEGIN")
    con.execute(
        "INSERT INTO vault_header (id, format, kdf, salt, wrapped_key, recovery_salt, "
        "recovery_wrapped_key, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
        (
            VAULT_FORMAT,
            crypto.DEFAULT_KDF.to_json(),
            salt,
            crypto.wrap_key(kek, data_key, PASSPHRASE_PURPOSE),
            recovery_salt,
            crypto.wrap_key(recovery_key, data_key, RECOVERY_PURPOSE),
            1_600_000_000_000_000,
        ),
    )
    expected = {}
    for kind, created, payload in V1_RECORDS:
        record_id = uuid.uuid4().hex
        plain = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        blob = crypto.seal(data_key, plain, crypto.record_aad(record_id, kind, LEGACY_RECORD_FMT))
        con.execute(
            "INSERT INTO records (id, kind, created_at, updated_at, fmt, ciphertext)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (record_id, kind, created, created, LEGACY_RECORD_FMT, blob),
        )
        expected[record_id] = (kind, created, payload)
    con.execute("COMMIT")
    con.close()
    return code, expected


def test_v1_database_is_migrated_on_unlock(tmp_path):
    path = tmp_path / "journal.sqlite"
    code, expected = build_v1_vault(path)
    assert version_of(path) == 1
    assert "ix_records_kind_created" not in index_names(path)

    vault = Vault.unlock(path, PW)
    try:
        assert version_of(path) == SCHEMA_VERSION
        assert "ix_records_kind_created" in index_names(path)
        for record_id, (kind, created, payload) in expected.items():
            record = vault.get(record_id)
            assert (record.kind, record.created_us, record.updated_us, record.payload) == (
                kind,
                created,
                created,
                payload,
            )
        journal_ids = [r.id for r in vault.list_page(["journal"]).records]
        assert journal_ids == sorted(
            (rid for rid, (kind, _, _) in expected.items() if kind == "journal"),
            key=lambda rid: expected[rid][1],
            reverse=True,
        )
        # The upgraded file accepts new writes.
        new = vault.add("journal", {"body": "written after the upgrade"})
    finally:
        vault.lock()

    recovered = Vault.unlock_with_recovery(path, code)
    try:
        assert recovered.get(new.id).payload == {"body": "written after the upgrade"}
        assert recovered.count() == len(expected) + 1
    finally:
        recovered.lock()


def test_migrated_schema_matches_a_new_vault(tmp_path):
    old = tmp_path / "old.sqlite"
    build_v1_vault(old)
    Vault.unlock(old, PW).lock()
    fresh = tmp_path / "fresh.sqlite"
    Vault.create(fresh, PW)[0].lock()
    assert objects(old) == objects(fresh)


def test_downgraded_vault_is_upgraded_again(tmp_path):
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    record = vault.add("journal", {"body": "from v2, pretending to be v1"})
    vault.lock()
    con = connect(path)
    con.execute("DROP INDEX ix_records_kind_created")  # undo step 2
    con.execute("ALTER TABLE vault_header DROP COLUMN unlock_failures")  # undo step 3
    con.execute("ALTER TABLE vault_header DROP COLUMN last_failure_at")
    con.execute("ALTER TABLE vault_header DROP COLUMN key_epoch")  # undo step 4
    for column in DEVICE_COLUMNS:  # undo step 5
        con.execute(f"ALTER TABLE vault_header DROP COLUMN {column}")
    con.execute("UPDATE schema_version SET version = 1")
    con.close()
    assert version_of(path) == 1

    vault = Vault.unlock(path, PW)
    try:
        assert version_of(path) == SCHEMA_VERSION
        assert "ix_records_kind_created" in index_names(path)
        assert vault.get(record.id) == record
    finally:
        vault.lock()


DEVICE_COLUMNS = (
    "device_key_id",
    "device_salt",
    "device_wrapped_key",
    "device_confirmed_at",
    "device_boot_at",
    "device_failures",
)


def test_a_v4_journal_gains_an_empty_device_wrap(tmp_path):
    """Step 5 (fingerprint or face unlock) adds its columns switched off: nothing opens by them."""
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    vault.lock()
    con = connect(path)
    for column in DEVICE_COLUMNS:
        con.execute(f"ALTER TABLE vault_header DROP COLUMN {column}")
    con.execute("UPDATE schema_version SET version = 4")
    con.close()
    Vault.unlock(path, PW).lock()
    con = connect(path)
    try:
        row = con.execute(f"SELECT {', '.join(DEVICE_COLUMNS)} FROM vault_header").fetchone()
    finally:
        con.close()
    assert row == (None, None, None, None, None, 0)
    assert version_of(path) == SCHEMA_VERSION == 5


def test_migrate_from_empty(tmp_path):
    path = tmp_path / "empty.sqlite"
    con = connect(path)
    try:
        assert schema_version(con) == 0
        assert migrate(con) == SCHEMA_VERSION
        assert schema_version(con) == SCHEMA_VERSION
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"schema_version", "vault_header", "records"} <= tables
        # Running it again is a no-op.
        before = objects(path)
        assert migrate(con) == SCHEMA_VERSION
        assert objects(path) == before
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    finally:
        con.close()


def test_migrate_one_step_at_a_time(tmp_path):
    path = tmp_path / "steps.sqlite"
    con = connect(path)
    try:
        assert migrate(con, target=1) == 1
        assert schema_version(con) == 1
        assert "ix_records_kind_created" not in index_names(path)
        assert migrate(con) == SCHEMA_VERSION
        assert "ix_records_kind_created" in index_names(path)
    finally:
        con.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, PW)
    vault.add("journal", {"body": "from the future"})
    vault.lock()
    con = connect(path)
    con.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    con.close()
    before = path.read_bytes()

    with pytest.raises(VaultDamaged):
        Vault.unlock(path, PW)
    guard_for(path).succeeded()
    assert path.read_bytes() == before
    assert version_of(path) == SCHEMA_VERSION + 1

    con = connect(path)
    try:
        with pytest.raises(VaultDamaged):
            migrate(con)
    finally:
        con.close()
    assert path.read_bytes() == before


class Boom(Exception):
    pass


def test_failing_step_leaves_version_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "journal.sqlite"
    build_v1_vault(path)
    before = objects(path)

    def broken_v2(con: sqlite3.Connection) -> None:
        con.execute("CREATE TABLE half_done (x INTEGER)")
        con.execute("CREATE INDEX ix_records_kind_created ON records (kind, created_at DESC, id DESC)")
        raise Boom("disk full, say")

    monkeypatch.setitem(storage.MIGRATIONS, 2, broken_v2)
    con = connect(path)
    try:
        with pytest.raises(Boom):
            migrate(con)
        assert not con.in_transaction
    finally:
        con.close()
    assert version_of(path) == 1
    assert objects(path) == before  # the half-done table and index were rolled back

    monkeypatch.undo()
    vault = Vault.unlock(path, PW)
    try:
        assert version_of(path) == SCHEMA_VERSION
        assert vault.count() == len(V1_RECORDS)
    finally:
        vault.lock()


def test_earlier_steps_stay_committed_when_a_later_one_fails(tmp_path, monkeypatch):
    path = tmp_path / "steps.sqlite"

    def broken_v2(con: sqlite3.Connection) -> None:
        con.execute("CREATE INDEX ix_records_kind_created ON records (kind, created_at DESC, id DESC)")
        raise Boom("interrupted")

    monkeypatch.setitem(storage.MIGRATIONS, 2, broken_v2)
    con = connect(path)
    try:
        with pytest.raises(Boom):
            migrate(con)
    finally:
        con.close()
    assert version_of(path) == 1
    names = {name for _, name, _ in objects(path)}
    assert {"schema_version", "vault_header", "records", "ix_records_created"} <= names
    assert "ix_records_kind_created" not in names


def test_failing_first_step_leaves_an_empty_file(tmp_path, monkeypatch):
    path = tmp_path / "steps.sqlite"

    def broken_v1(con: sqlite3.Connection) -> None:
        con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY)")
        con.execute("CREATE TABLE records (id TEXT)")
        raise Boom("interrupted")

    monkeypatch.setitem(storage.MIGRATIONS, 1, broken_v1)
    con = connect(path)
    try:
        with pytest.raises(Boom):
            migrate(con)
    finally:
        con.close()
    assert version_of(path) == 0
    assert objects(path) == set()


def test_sqlite_error_in_a_step_is_reported_as_damage(tmp_path, monkeypatch):
    path = tmp_path / "journal.sqlite"
    build_v1_vault(path)

    def broken_v2(con: sqlite3.Connection) -> None:
        con.execute("CREATE INDEX ix_broken ON no_such_table (x)")

    monkeypatch.setitem(storage.MIGRATIONS, 2, broken_v2)
    with pytest.raises(VaultDamaged):
        Vault.unlock(path, PW)
    guard_for(path).succeeded()
    assert version_of(path) == 1
