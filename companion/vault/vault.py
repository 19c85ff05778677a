"""The encrypted journal: create, unlock, re-key, and store records.

A `Vault` object *is* the unlocked state: it holds the data key and a cache of
decrypted text for search. The UI keeps one per browser tab or window and
calls `lock()` to drop both.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from companion.core.errors import (
    NoVault,
    PassphraseTooShort,
    RecordNotFound,
    RecordUnreadable,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    WrongPassphrase,
    WrongRecoveryCode,
)
from companion.core.records import Cursor, Page, Record, now_us
from companion.vault import crypto
from companion.vault import passphrase as pp
from companion.vault.storage import RecordRow, VaultHeader, open_engine, writing
from companion.vault.textsearch import fold, matches, payload_text, terms
from companion.vault.unlock_guard import guard_for

VAULT_FORMAT = 1
RECORD_FMT = 1
PASSPHRASE_PURPOSE = "passphrase"
RECOVERY_PURPOSE = "recovery"


def vault_exists(path: Path) -> bool:
    """A journal is present when the file exists and is not empty."""
    return path.exists() and path.stat().st_size > 0


@contextmanager
def _damage_as_vault_damaged() -> Iterator[None]:
    try:
        yield
    except (sqlite3.DatabaseError, SADatabaseError) as exc:
        if isinstance(exc, OperationalError) and "locked" in str(exc):
            raise
        raise VaultDamaged(str(exc)) from exc


def _read_header(engine: Engine) -> VaultHeader:
    with _damage_as_vault_damaged(), Session(engine) as session:
        header = session.get(VaultHeader, 1)
        if header is None:
            raise NoVault()
        session.expunge(header)
        return header


def _header_kdf(header: VaultHeader) -> crypto.KdfParams:
    """The stored key-derivation settings; a damaged header is reported, not crashed on."""
    try:
        params = crypto.KdfParams.from_json(header.kdf)
    except (ValueError, KeyError, TypeError) as exc:
        raise VaultDamaged(f"unreadable key settings: {exc}") from exc
    if params.algorithm != "argon2id" or params.memory_kib < 8 or params.iterations < 1 or params.lanes < 1:
        raise VaultDamaged(f"unsupported key settings: {params}")
    return params


def _encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# One record in the search cache: (created_us, id, kind, updated_us, payload JSON, folded text).
# Only what matching and sorting need is kept ready; a Record is rebuilt from its JSON when it
# is a hit. Keeping every payload as Python objects made the first search after unlock (which
# fills the cache) markedly slower, for records most searches never return.
_Entry = tuple[int, str, str, int, bytes, str]
_SORT_KEY = itemgetter(0, 1)  # newest first: created_us, then id
_json_prefix = json.JSONDecoder().raw_decode  # json.loads without its per-call overhead


def _entry(record: Record) -> _Entry:
    text = fold(payload_text(record.payload))
    return (record.created_us, record.id, record.kind, record.updated_us, _encode(record.payload), text)


def _entry_record(entry: _Entry) -> Record:
    created_us, record_id, kind, updated_us, plain, _text = entry
    return Record(record_id, kind, created_us, updated_us, json.loads(plain.decode("utf-8")))


class Vault:
    """An unlocked journal. Construct through `create`, `unlock` or `unlock_with_recovery`."""

    def __init__(self, path: Path, engine: Engine, data_key: bytes) -> None:
        self.path = path
        self._engine: Engine | None = engine
        self._key: bytes | None = data_key
        self._aead: AESGCM | None = AESGCM(data_key)  # one cipher object, reused for every record
        self._search_cache: dict[str, _Entry] | None = None
        # Writes that happen while the cache is being built, replayed onto it afterwards
        # (None marks a delete), so a save during the first search is never missed.
        self._pending: dict[str, Record | None] | None = None
        self._cache_lock = threading.Lock()
        self._build_lock = threading.Lock()  # one build at a time: a search waits for the warm-up

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        kdf: crypto.KdfParams = crypto.DEFAULT_KDF,
        with_recovery_code: bool = True,
    ) -> tuple[Vault, str | None]:
        """Make a new journal; returns it unlocked and the recovery code to show once."""
        if pp.length(passphrase) < pp.MIN_LENGTH:
            raise PassphraseTooShort(pp.MIN_LENGTH)
        if not kdf.meets_owasp_floor():
            raise ValueError("key derivation settings are below the OWASP minimum")
        if vault_exists(path):
            raise VaultExists()
        path.parent.mkdir(parents=True, exist_ok=True)
        data_key = crypto.new_data_key()
        salt = crypto.new_salt()
        kek = crypto.derive_passphrase_key(pp.normalise(passphrase), salt, kdf)
        header = VaultHeader(
            id=1,
            format=VAULT_FORMAT,
            kdf=kdf.to_json(),
            salt=salt,
            wrapped_key=crypto.wrap_key(kek, data_key, PASSPHRASE_PURPOSE),
            created_at=now_us(),
        )
        code = None
        if with_recovery_code:
            code = crypto.new_recovery_code()
            header.recovery_salt, header.recovery_wrapped_key = cls._wrap_for_recovery(data_key, code)
        engine = open_engine(path)
        with Session(writing(engine)) as session:
            session.add(header)
            session.commit()
        return cls(path, engine, data_key), code

    @classmethod
    def unlock(cls, path: Path, passphrase: str) -> Vault:
        guard = guard_for(path)
        guard.check()
        engine, header = cls._open(path)
        try:
            params = _header_kdf(header)
        except VaultDamaged:
            engine.dispose()
            raise
        try:
            kek = crypto.derive_passphrase_key(pp.normalise(passphrase), header.salt, params)
            data_key = crypto.unwrap_key(kek, header.wrapped_key, PASSPHRASE_PURPOSE)
        except crypto.DecryptionFailed:
            engine.dispose()
            guard.failed()
            raise WrongPassphrase() from None
        guard.succeeded()
        return cls(path, engine, data_key)

    @classmethod
    def unlock_with_recovery(cls, path: Path, code: str) -> Vault:
        guard = guard_for(path)
        guard.check()
        engine, header = cls._open(path)
        try:
            if header.recovery_salt is None or header.recovery_wrapped_key is None:
                raise crypto.DecryptionFailed("no recovery code set")
            key = crypto.derive_recovery_key(crypto.recovery_code_bytes(code), header.recovery_salt)
            data_key = crypto.unwrap_key(key, header.recovery_wrapped_key, RECOVERY_PURPOSE)
        except (crypto.DecryptionFailed, ValueError):
            engine.dispose()
            guard.failed()
            raise WrongRecoveryCode() from None
        guard.succeeded()
        return cls(path, engine, data_key)

    @staticmethod
    def _open(path: Path) -> tuple[Engine, VaultHeader]:
        if not vault_exists(path):
            raise NoVault()
        engine = open_engine(path)
        try:
            return engine, _read_header(engine)
        except BaseException:
            engine.dispose()
            raise

    @staticmethod
    def _wrap_for_recovery(data_key: bytes, code: str) -> tuple[bytes, bytes]:
        salt = crypto.new_salt()
        key = crypto.derive_recovery_key(crypto.recovery_code_bytes(code), salt)
        return salt, crypto.wrap_key(key, data_key, RECOVERY_PURPOSE)

    # --- keys ----------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._key is None

    def _require(self) -> tuple[Engine, bytes]:
        if self._engine is None or self._key is None:
            raise VaultLocked()
        return self._engine, self._key

    def _cipher(self) -> tuple[Engine, AESGCM]:
        if self._engine is None or self._aead is None:
            raise VaultLocked()
        return self._engine, self._aead

    def kdf_params(self) -> crypto.KdfParams:
        engine, _ = self._require()
        return _header_kdf(_read_header(engine))

    def change_passphrase(self, current: str, new: str, *, kdf: crypto.KdfParams | None = None) -> None:
        """Re-wrap the data key. One UPDATE in one transaction: old or new works, never neither."""
        engine, data_key = self._require()
        if pp.length(new) < pp.MIN_LENGTH:
            raise PassphraseTooShort(pp.MIN_LENGTH)
        if kdf is not None and not kdf.meets_owasp_floor():
            raise ValueError("key derivation settings are below the OWASP minimum")
        header = _read_header(engine)
        old_kdf = _header_kdf(header)
        try:
            kek = crypto.derive_passphrase_key(pp.normalise(current), header.salt, old_kdf)
            crypto.unwrap_key(kek, header.wrapped_key, PASSPHRASE_PURPOSE)
        except crypto.DecryptionFailed:
            raise WrongPassphrase() from None
        params = kdf or (old_kdf if old_kdf.meets_owasp_floor() else crypto.DEFAULT_KDF)
        salt = crypto.new_salt()
        wrapped = crypto.wrap_key(
            crypto.derive_passphrase_key(pp.normalise(new), salt, params),
            data_key,
            PASSPHRASE_PURPOSE,
        )
        with Session(writing(engine)) as session:
            session.exec(
                update(VaultHeader)
                .where(VaultHeader.id == 1)
                .values(kdf=params.to_json(), salt=salt, wrapped_key=wrapped)
            )
            session.commit()

    def new_recovery_code(self) -> str:
        """Replace the recovery code; the old one stops working."""
        engine, data_key = self._require()
        code = crypto.new_recovery_code()
        salt, wrapped = self._wrap_for_recovery(data_key, code)
        with Session(writing(engine)) as session:
            session.exec(
                update(VaultHeader)
                .where(VaultHeader.id == 1)
                .values(recovery_salt=salt, recovery_wrapped_key=wrapped)
            )
            session.commit()
        return code

    def lock(self) -> None:
        """Forget the key and every decrypted byte this object holds."""
        self._key = None
        self._aead = None
        with self._cache_lock:
            self._search_cache = None
            self._pending = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    # --- records -------------------------------------------------------------------------

    def _seal(self, key: AESGCM, record_id: str, kind: str, payload: dict[str, Any]) -> bytes:
        return crypto.seal(key, _encode(payload), crypto.record_aad(record_id, kind, RECORD_FMT))

    def _open_row(self, key: AESGCM, row: Any) -> Record:
        try:
            plain = crypto.open_sealed(key, row.ciphertext, crypto.record_aad(row.id, row.kind, row.fmt))
            payload = json.loads(plain.decode("utf-8"))
        except (crypto.DecryptionFailed, ValueError):
            raise RecordUnreadable(row.id) from None
        return Record(row.id, row.kind, row.created_at, row.updated_at, payload)

    def add(self, kind: str, payload: dict[str, Any], *, created_us: int | None = None) -> Record:
        """Store a new record; durable on disk when this returns."""
        engine, key = self._cipher()
        record_id = uuid.uuid4().hex
        stamp = now_us()
        created = created_us if created_us is not None else stamp
        blob = self._seal(key, record_id, kind, payload)
        with _damage_as_vault_damaged(), writing(engine).begin() as conn:
            conn.execute(
                RecordRow.__table__.insert().values(
                    id=record_id,
                    kind=kind,
                    created_at=created,
                    updated_at=stamp,
                    fmt=RECORD_FMT,
                    ciphertext=blob,
                )
            )
        record = Record(record_id, kind, created, stamp, dict(payload))
        self._cache_put(record)
        return record

    def update(self, record_id: str, payload: dict[str, Any], *, created_us: int | None = None) -> Record:
        engine, key = self._cipher()
        stamp = now_us()
        with _damage_as_vault_damaged(), writing(engine).begin() as conn:
            row = conn.execute(
                select(RecordRow.kind, RecordRow.created_at).where(RecordRow.id == record_id)
            ).first()
            if row is None:
                raise RecordNotFound(record_id)
            kind, created = row
            if created_us is not None:
                created = created_us
            conn.execute(
                update(RecordRow)
                .where(RecordRow.id == record_id)
                .values(
                    ciphertext=self._seal(key, record_id, kind, payload),
                    fmt=RECORD_FMT,
                    updated_at=stamp,
                    created_at=created,
                )
            )
        record = Record(record_id, kind, created, stamp, dict(payload))
        self._cache_put(record)
        return record

    def delete(self, record_id: str) -> None:
        """Remove the row; secure_delete overwrites the freed bytes."""
        engine, _ = self._require()
        with _damage_as_vault_damaged(), writing(engine).begin() as conn:
            result = conn.execute(delete(RecordRow).where(RecordRow.id == record_id))
        if result.rowcount == 0:
            raise RecordNotFound(record_id)
        with self._cache_lock:
            if self._search_cache is not None:
                self._search_cache.pop(record_id, None)
            elif self._pending is not None:
                self._pending[record_id] = None

    def import_records(self, records: Iterable[Record]) -> tuple[int, int, int]:
        """Store records under their own ids and times, in ONE transaction: all or nothing.

        For restoring a backup and for imports, where a record keeps the id and timestamps it
        was made with, so bringing in the same thing twice adds nothing. An unknown id is
        added; a known id of the same kind is replaced only when the incoming copy is newer
        (``updated_us``); anything else stays exactly as it is here. If anything fails, the
        transaction is rolled back and the journal is unchanged.
        Returns (added, updated, unchanged).
        """
        engine, key = self._cipher()
        stored: list[Record] = []
        added = updated = unchanged = 0
        with _damage_as_vault_damaged(), writing(engine).begin() as conn:
            for record in records:
                row = conn.execute(
                    select(RecordRow.kind, RecordRow.updated_at).where(RecordRow.id == record.id)
                ).first()
                if row is not None and (row.kind != record.kind or row.updated_at >= record.updated_us):
                    unchanged += 1
                    continue
                values = {
                    "kind": record.kind,
                    "created_at": record.created_us,
                    "updated_at": record.updated_us,
                    "fmt": RECORD_FMT,
                    "ciphertext": self._seal(key, record.id, record.kind, record.payload),
                }
                if row is None:
                    conn.execute(RecordRow.__table__.insert().values(id=record.id, **values))
                    added += 1
                else:
                    conn.execute(update(RecordRow).where(RecordRow.id == record.id).values(**values))
                    updated += 1
                stored.append(
                    Record(record.id, record.kind, record.created_us, record.updated_us, dict(record.payload))
                )
        for record in stored:
            self._cache_put(record)
        return added, updated, unchanged

    def get(self, record_id: str) -> Record:
        engine, key = self._cipher()
        with _damage_as_vault_damaged(), engine.connect() as conn:
            row = conn.execute(select(RecordRow).where(RecordRow.id == record_id)).first()
        if row is None:
            raise RecordNotFound(record_id)
        return self._open_row(key, row)

    def count(self, kinds: Iterable[str] | None = None) -> int:
        engine, _ = self._require()
        query = select(func.count()).select_from(RecordRow)
        if kinds is not None:
            query = query.where(RecordRow.kind.in_(list(kinds)))
        with _damage_as_vault_damaged(), engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def list_page(
        self,
        kinds: Iterable[str] | None = None,
        *,
        after: Cursor | None = None,
        limit: int = 30,
        start_us: int | None = None,
        end_us: int | None = None,
    ) -> Page:
        """Newest first, ``limit`` at a time; pass the returned cursor to continue.

        Keyset paging on the (kind, created_at, id) index: each page reads only
        its own rows, whatever the journal's size.
        """
        engine, key = self._cipher()
        query = select(RecordRow)
        if kinds is not None:
            query = query.where(RecordRow.kind.in_(list(kinds)))
        if start_us is not None:
            query = query.where(RecordRow.created_at >= start_us)
        if end_us is not None:
            query = query.where(RecordRow.created_at < end_us)
        if after is not None:
            query = query.where(
                or_(
                    RecordRow.created_at < after.created_us,
                    and_(RecordRow.created_at == after.created_us, RecordRow.id < after.id),
                )
            )
        query = query.order_by(RecordRow.created_at.desc(), RecordRow.id.desc()).limit(limit + 1)
        with _damage_as_vault_damaged(), engine.connect() as conn:
            rows = conn.execute(query).all()
        more = len(rows) > limit
        rows = rows[:limit]
        records: list[Record] = []
        unreadable: list[str] = []
        for row in rows:
            try:
                records.append(self._open_row(key, row))
            except RecordUnreadable:
                unreadable.append(row.id)
        cursor = Cursor(rows[-1].created_at, rows[-1].id) if more and rows else None
        return Page(records, unreadable, cursor)

    def iter_all(self, kinds: Iterable[str] | None = None, batch: int = 500) -> Iterator[Record]:
        """Every readable record, newest first, a batch at a time."""
        cursor: Cursor | None = None
        kinds = list(kinds) if kinds is not None else None
        while True:
            page = self.list_page(kinds, after=cursor, limit=batch)
            yield from page.records
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    # --- search --------------------------------------------------------------------------

    def _cache_put(self, record: Record) -> None:
        with self._cache_lock:
            if self._search_cache is not None:
                self._search_cache[record.id] = _entry(record)
            elif self._pending is not None:
                self._pending[record.id] = record

    def _open_for_search(
        self, key: AESGCM, record_id: str, kind: str, fmt: int, blob: bytes
    ) -> tuple[bytes, str] | None:
        """A row's payload JSON and folded text (None if unreadable): `_open_row`, minus the Record."""
        try:
            plain = crypto.open_sealed(key, blob, crypto.record_aad(record_id, kind, fmt))
            text = plain.decode("utf-8")
            payload, end = _json_prefix(text)
            if end != len(text):
                raise ValueError("extra data after the payload")
            return plain, fold(payload_text(payload))
        except (crypto.DecryptionFailed, ValueError):
            return None

    def _ensure_search_cache(self) -> dict[str, _Entry]:
        """Decrypt everything once per unlock; later writes keep the cache current.

        One pass over plain columns, decrypting and folding each row, no Record objects:
        this is the wait before the first search after unlock (see benchmarks/). A search
        made while the background warm-up is building waits for it rather than building twice.
        """
        with self._cache_lock:
            if self._search_cache is not None:
                return self._search_cache
        with self._build_lock:
            return self._build_search_cache()

    def _build_search_cache(self) -> dict[str, _Entry]:
        with self._cache_lock:
            if self._search_cache is not None:
                return self._search_cache  # built while this caller waited
            if self._pending is None:
                self._pending = {}
        engine, key = self._cipher()
        cache: dict[str, _Entry] = {}
        columns = (RecordRow.id, RecordRow.kind, RecordRow.created_at, RecordRow.updated_at)
        query = select(*columns, RecordRow.fmt, RecordRow.ciphertext)
        with _damage_as_vault_damaged(), engine.connect() as conn:
            for record_id, kind, created, updated, fmt, blob in conn.execute(query):
                opened = self._open_for_search(key, record_id, kind, fmt, blob)
                if opened is not None:  # unreadable rows: list_page reports them, search skips them
                    cache[record_id] = (created, record_id, kind, updated, *opened)
        with self._cache_lock:
            if self._search_cache is None:
                for record_id, record in (self._pending or {}).items():
                    if record is None:
                        cache.pop(record_id, None)
                    else:
                        cache[record_id] = _entry(record)
                self._search_cache = cache
                self._pending = None
            return self._search_cache

    def matching(
        self,
        predicate: Callable[[Record], bool],
        kinds: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> list[Record]:
        """Records for which ``predicate`` holds, newest first (filters on encrypted content)."""
        allowed = set(kinds) if kinds is not None else None
        cache = self._ensure_search_cache()
        with self._cache_lock:
            candidates = [e for e in cache.values() if allowed is None or e[2] in allowed]
        hits = [r for r in map(_entry_record, candidates) if predicate(r)]
        hits.sort(key=lambda r: (r.created_us, r.id), reverse=True)
        return hits[:limit] if limit is not None else hits

    def warm_search(self) -> None:
        """Decrypt everything for search now (call in the background right after unlock)."""
        self._ensure_search_cache()

    def search(
        self, query: str, kinds: Iterable[str] | None = None, limit: int | None = None
    ) -> list[Record]:
        """Records containing every word of ``query`` (any case, any accents), newest first."""
        wanted = terms(query)
        if not wanted:
            return []
        allowed = set(kinds) if kinds is not None else None
        cache = self._ensure_search_cache()
        with self._cache_lock:
            hits = [
                entry
                for entry in cache.values()
                if (allowed is None or entry[2] in allowed) and matches(entry[5], wanted)
            ]
        hits.sort(key=_SORT_KEY, reverse=True)
        return [_entry_record(e) for e in (hits[:limit] if limit is not None else hits)]


__all__ = ["Cursor", "Vault", "vault_exists"]
