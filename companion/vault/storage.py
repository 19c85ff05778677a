"""SQLite storage through SQLModel: tables, connection settings and migrations.

Only ids, record kinds, timestamps and the vault header are in clear; every
byte a person wrote lives in ``RecordRow.ciphertext``. Durability settings
(WAL, ``synchronous=FULL``) make a returned save survive a crash or power cut;
``secure_delete`` overwrites freed pages so deleted entries don't linger.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Field, SQLModel, create_engine

from companion.core.errors import VaultDamaged, VaultFromNewerVersion

SCHEMA_VERSION = 5


class SchemaVersion(SQLModel, table=True):
    __tablename__ = "schema_version"
    version: int = Field(primary_key=True)


class VaultHeader(SQLModel, table=True):
    """One row: how to turn a passphrase or recovery code into the data key."""

    __tablename__ = "vault_header"
    id: int = Field(default=1, primary_key=True)
    format: int
    kdf: str  # KdfParams as JSON
    salt: bytes
    wrapped_key: bytes
    recovery_salt: bytes | None = None
    recovery_wrapped_key: bytes | None = None
    created_at: int
    # Failed unlock attempts since the last success, and when the latest one was (microseconds,
    # wall clock): the growing wait between guesses survives closing and reopening the app.
    unlock_failures: int = 0
    last_failure_at: int | None = None
    # Raised by every full re-key: a window still holding the previous data key sees the
    # change inside its write transaction and stops instead of writing with a retired key.
    key_epoch: int = 0
    # "Unlock with fingerprint or face" (Vault.enable_device_unlock): a third wrap of the data
    # key, by a random key kept in the phone's secure storage under `device_key_id`. When the
    # passphrase last opened the journal and when the phone had last started then, and the
    # failed fingerprint/face checks since: the rules that send the person back to the passphrase.
    device_key_id: str | None = None
    device_salt: bytes | None = None
    device_wrapped_key: bytes | None = None
    device_confirmed_at: int | None = None
    device_boot_at: int | None = None
    device_failures: int = 0


class RecordRow(SQLModel, table=True):
    __tablename__ = "records"
    id: str = Field(primary_key=True)
    kind: str
    created_at: int  # microseconds since the epoch, UTC
    updated_at: int
    fmt: int
    ciphertext: bytes


# --- migrations -----------------------------------------------------------------------------
# Each step takes a raw sqlite3 connection inside one transaction. Steps are
# never edited once shipped; a change to the schema is a new step.


def _to_v1(con: sqlite3.Connection) -> None:
    statements = """
        CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY);
        CREATE TABLE vault_header (
            id INTEGER NOT NULL PRIMARY KEY,
            format INTEGER NOT NULL,
            kdf VARCHAR NOT NULL,
            salt BLOB NOT NULL,
            wrapped_key BLOB NOT NULL,
            recovery_salt BLOB,
            recovery_wrapped_key BLOB,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE records (
            id VARCHAR NOT NULL PRIMARY KEY,
            kind VARCHAR NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            fmt INTEGER NOT NULL,
            ciphertext BLOB NOT NULL
        );
        CREATE INDEX ix_records_created ON records (created_at DESC, id DESC);
        """
    # One statement at a time: executescript() would commit behind our back.
    for statement in statements.split(";"):
        if statement.strip():
            con.execute(statement)


def _to_v2(con: sqlite3.Connection) -> None:
    # Listing one kind (journal, check-ins...) newest first, without scanning others.
    con.execute("CREATE INDEX ix_records_kind_created ON records (kind, created_at DESC, id DESC)")


def _to_v3(con: sqlite3.Connection) -> None:
    # The unlock guard's failure count, kept in the file so restarting the app doesn't reset it.
    con.execute("ALTER TABLE vault_header ADD COLUMN unlock_failures INTEGER NOT NULL DEFAULT 0")
    con.execute("ALTER TABLE vault_header ADD COLUMN last_failure_at INTEGER")


def _to_v4(con: sqlite3.Connection) -> None:
    # Which data key is current (see Vault.rekey); every journal starts on its first one.
    con.execute("ALTER TABLE vault_header ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 0")


def _to_v5(con: sqlite3.Connection) -> None:
    # The device wrap for "Unlock with fingerprint or face"; absent (NULL) until turned on.
    for column in (
        "device_key_id VARCHAR",
        "device_salt BLOB",
        "device_wrapped_key BLOB",
        "device_confirmed_at INTEGER",
        "device_boot_at INTEGER",
        "device_failures INTEGER NOT NULL DEFAULT 0",
    ):
        con.execute(f"ALTER TABLE vault_header ADD COLUMN {column}")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _to_v1,
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
}


def schema_version(con: sqlite3.Connection) -> int:
    has_table = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = con.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(con: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the file up to ``target``, one transaction per step; returns the new version."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise VaultFromNewerVersion(current)
    for version in range(current + 1, target + 1):
        con.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](con)
            con.execute("DELETE FROM schema_version")
            con.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return max(current, target)


def _apply_pragmas(dbapi_con: sqlite3.Connection) -> None:
    dbapi_con.execute("PRAGMA journal_mode=WAL")
    dbapi_con.execute("PRAGMA synchronous=FULL")
    dbapi_con.execute("PRAGMA secure_delete=ON")
    dbapi_con.execute("PRAGMA foreign_keys=ON")
    dbapi_con.execute("PRAGMA busy_timeout=5000")


def check_file(path: Path) -> None:
    """Refuse, without writing, a file SQLite can't read or whose pages are broken."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA quick_check").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise VaultDamaged(str(exc)) from exc
    if not result or result[0] != "ok":
        raise VaultDamaged(str(result))


WRITE = "companion_write"


def writing(engine: Engine) -> Engine:
    """The engine for a write transaction: ``with writing(engine).begin() as conn: ...``."""
    return engine.execution_options(**{WRITE: True})


def open_engine(path: Path) -> Engine:
    """An engine on ``path`` with our pragmas, migrated to the current schema."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "isolation_level": None},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con, _record):  # noqa: ANN001 - SQLAlchemy callback
        _apply_pragmas(dbapi_con)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001 - SQLAlchemy callback
        # With the driver's own transaction handling off, start them ourselves. A write takes
        # the write lock up front (IMMEDIATE): a plain BEGIN that later tries to write while
        # another thread writes fails at once with "database is locked", busy timeout or not.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")

    try:
        raw = engine.raw_connection()
        try:
            migrate(raw.driver_connection)
        finally:
            raw.close()
    except sqlite3.DatabaseError as exc:
        engine.dispose()
        raise VaultDamaged(str(exc)) from exc
    return engine
