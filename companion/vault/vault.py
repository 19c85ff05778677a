"""The encrypted journal: create, unlock, re-key, and store records.

A `Vault` object *is* the unlocked state: it holds the data key and a cache of
decrypted text for search (`search_cache`). The UI keeps one per browser tab or
window and calls `lock()` to drop both.

Record formats: 1 (older journals) seals the payload JSON with the id, kind and format
as associated data. 2 (written now) pads the payload to a size bucket, so the ciphertext
no longer gives away the text's exact length, and binds the created and updated times
too. Both open; every write uses 2.
"""

from __future__ import annotations

import secrets
import sqlite3
import uuid
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import and_, bindparam, delete, func, or_, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from companion.core.errors import (
    CompanionError,
    NoVault,
    PassphraseNeeded,
    PassphraseTooShort,
    RecordNotFound,
    RecordUnreadable,
    VaultDamaged,
    VaultExists,
    VaultFromNewerVersion,
    VaultLocked,
    WrongPassphrase,
    WrongRecoveryCode,
)
from companion.core.records import Cursor, Page, Record, now_us
from companion.vault import crypto
from companion.vault import passphrase as passphrase_rules
from companion.vault.search_cache import Entry, SearchCache, encode_payload, payload_of, rough_entry
from companion.vault.storage import RecordRow, VaultHeader, open_engine, writing
from companion.vault.unlock_guard import guard_for

VAULT_FORMAT = 1
LEGACY_RECORD_FMT = 1  # unpadded; id, kind and format as associated data
RECORD_FMT = 2  # padded; timestamps bound too. Every write uses this one.
READABLE_RECORD_FMTS = (LEGACY_RECORD_FMT, RECORD_FMT)
PASSPHRASE_PURPOSE = "passphrase"
RECOVERY_PURPOSE = "recovery"
DEVICE_PURPOSE = "device"

# "Unlock with fingerprint or face": when the passphrase is asked for again all the same.
DEVICE_MAX_FAILURES = 5  # fingerprint/face checks not recognised in a row: the wrap is removed
DEVICE_MAX_AGE_US = 7 * 24 * 3600 * 1_000_000  # a week after the passphrase was last typed
DEVICE_BOOT_TOLERANCE_US = 5 * 60 * 1_000_000  # a later start of the phone than this: a restart
# Every header column of the device wrap, as they are when it is off. Each change of the
# passphrase or the recovery code, and every re-key, writes these in the same UPDATE.
NO_DEVICE_WRAP: dict[str, Any] = {
    "device_key_id": None,
    "device_salt": None,
    "device_wrapped_key": None,
    "device_confirmed_at": None,
    "device_boot_at": None,
    "device_failures": 0,
}


@dataclass(frozen=True)
class DeviceUnlockState:
    """Whether the device wrap may open the journal now; ``reason`` says why not (`PassphraseNeeded`)."""

    key_id: str | None
    reason: str  # "" when usable; "off", "restart", "expired" or "failures" otherwise

    @property
    def enabled(self) -> bool:
        return self.key_id is not None

    @property
    def usable(self) -> bool:
        return self.enabled and not self.reason


def device_unlock_state(header: VaultHeader, *, boot_us: int | None, now: int) -> DeviceUnlockState:
    """The rules, in order: is there a wrap, too many misses, a restart of the phone, a week gone.

    A phone that can't say when it started (``boot_us`` None) or a header without the start
    recorded counts as restarted: the passphrase once more, never less.
    """
    if header.device_key_id is None or header.device_wrapped_key is None or header.device_salt is None:
        return DeviceUnlockState(None, "off")
    key_id = header.device_key_id
    if (header.device_failures or 0) >= DEVICE_MAX_FAILURES:
        return DeviceUnlockState(key_id, "failures")
    stored_boot = header.device_boot_at
    if boot_us is None or stored_boot is None or abs(boot_us - stored_boot) > DEVICE_BOOT_TOLERANCE_US:
        return DeviceUnlockState(key_id, "restart")
    confirmed = header.device_confirmed_at
    if confirmed is None or not 0 <= now - confirmed <= DEVICE_MAX_AGE_US:
        return DeviceUnlockState(key_id, "expired")  # a clock set back counts as expired too
    return DeviceUnlockState(key_id, "")


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
    """The header row, refused in plain words if a newer app wrote it or it makes no sense."""
    with _damage_as_vault_damaged(), Session(engine) as session:
        header = session.get(VaultHeader, 1)
        if header is None:
            raise NoVault()
        session.expunge(header)
    if not isinstance(header.format, int) or header.format < 1:
        raise VaultDamaged(f"unknown vault format {header.format!r}")
    if header.format > VAULT_FORMAT:
        raise VaultFromNewerVersion(header.format)
    return header


def _header_kdf(header: VaultHeader) -> crypto.KdfParams:
    """The stored key-derivation settings; a damaged or hostile header is reported, not run.

    Same bounds as a backup's header: a crafted file must not make unlocking allocate
    gigabytes, spin for minutes, or hand C a number it can't hold.
    """
    try:
        params = crypto.KdfParams.from_json(header.kdf)
    except (ValueError, KeyError, TypeError, OverflowError) as exc:
        raise VaultDamaged(f"unreadable key settings: {exc}") from exc
    if not params.within_bounds():
        raise VaultDamaged(f"unsupported key settings: {params}")
    return params


def _decrypt(
    key: AESGCM, record_id: str, kind: str, created: int, updated: int, fmt: int, blob: bytes
) -> bytes:
    """A row's payload JSON in either readable format; `DecryptionFailed`/`ValueError` if not."""
    if fmt not in READABLE_RECORD_FMTS:
        raise ValueError(f"unknown record format {fmt}")
    plain = crypto.open_sealed(key, blob, crypto.record_aad(record_id, kind, fmt, created, updated))
    return crypto.unpad(plain) if fmt >= 2 else plain


def _check_new_passphrase(new: str) -> None:
    if passphrase_rules.length(new) < passphrase_rules.MIN_LENGTH:
        raise PassphraseTooShort(passphrase_rules.MIN_LENGTH)


def _passphrase_wrap(new: str, data_key: bytes, kdf: crypto.KdfParams) -> dict[str, Any]:
    """Header values wrapping ``data_key`` with ``new`` (settings raised to today's floor if lower)."""
    params = kdf if kdf.meets_owasp_floor() else crypto.DEFAULT_KDF
    salt = crypto.new_salt()
    kek = crypto.derive_passphrase_key(passphrase_rules.normalise(new), salt, params)
    return {
        "kdf": params.to_json(),
        "salt": salt,
        "wrapped_key": crypto.wrap_key(kek, data_key, PASSPHRASE_PURPOSE),
    }


def _store_failures(engine: Engine, failures: int, at_us: int | None) -> None:
    """Keep the unlock guard's count in the header; best effort (a busy file keeps memory's)."""
    with suppress(sqlite3.Error, SADatabaseError), writing(engine).begin() as conn:
        conn.execute(
            update(VaultHeader)
            .where(VaultHeader.id == 1)
            .values(unlock_failures=failures, last_failure_at=at_us)
        )


def _store_device(engine: Engine, values: dict[str, Any]) -> None:
    """Write device-wrap columns while locked (a miss counted, a wrap removed); one transaction."""
    with _damage_as_vault_damaged(), writing(engine).begin() as conn:
        conn.execute(update(VaultHeader).where(VaultHeader.id == 1).values(**values))


_ALL_ROWS_SQL = "SELECT id, kind, created_at, updated_at, fmt, ciphertext FROM records"
_KEY_EPOCH_SQL = "SELECT key_epoch FROM vault_header WHERE id = 1"

# Every unlocked Vault in this process, so a re-key can lock the other windows on the same file.
_open_vaults: weakref.WeakSet[Vault] = weakref.WeakSet()


class Vault:
    """An unlocked journal. Construct through `create`, `unlock` or `unlock_with_recovery`."""

    def __init__(self, path: Path, engine: Engine, data_key: bytes, key_epoch: int = 0) -> None:
        self.path = path
        self._engine: Engine | None = engine
        self._key: bytes | None = data_key
        self._aead: AESGCM | None = AESGCM(data_key)  # one cipher object, reused for every record
        self._key_epoch = key_epoch  # which data key this object holds (see `rekey`)
        self._search = SearchCache(self._load_for_search)
        # True only right after opening with the recovery code, until a new passphrase is set:
        # the code itself is the proof then, the one time the old passphrase isn't asked for.
        self.opened_with_recovery = False
        self.opened_with_device = False  # by fingerprint or face: the passphrase wasn't typed
        _open_vaults.add(self)

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
        if passphrase_rules.length(passphrase) < passphrase_rules.MIN_LENGTH:
            raise PassphraseTooShort(passphrase_rules.MIN_LENGTH)
        if not kdf.meets_owasp_floor():
            raise ValueError("key derivation settings are below the OWASP minimum")
        if vault_exists(path):
            raise VaultExists()
        path.parent.mkdir(parents=True, exist_ok=True)
        data_key = crypto.new_data_key()
        salt = crypto.new_salt()
        kek = crypto.derive_passphrase_key(passphrase_rules.normalise(passphrase), salt, kdf)
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
        def open_key(header: VaultHeader) -> bytes:
            params = _header_kdf(header)  # VaultDamaged before any derivation
            kek = crypto.derive_passphrase_key(passphrase_rules.normalise(passphrase), header.salt, params)
            return crypto.unwrap_key(kek, header.wrapped_key, PASSPHRASE_PURPOSE)

        return cls._attempt(path, open_key, WrongPassphrase)

    @classmethod
    def unlock_with_recovery(cls, path: Path, code: str) -> Vault:
        def open_key(header: VaultHeader) -> bytes:
            if header.recovery_salt is None or header.recovery_wrapped_key is None:
                raise crypto.DecryptionFailed("no recovery code set")
            key = crypto.derive_recovery_key(crypto.recovery_code_bytes(code), header.recovery_salt)
            return crypto.unwrap_key(key, header.recovery_wrapped_key, RECOVERY_PURPOSE)

        vault = cls._attempt(path, open_key, WrongRecoveryCode)
        vault.opened_with_recovery = True
        return vault

    @classmethod
    def _attempt(
        cls, path: Path, open_key: Callable[[VaultHeader], bytes], wrong: Callable[[], CompanionError]
    ) -> Vault:
        """One guarded unlock attempt: reserved before deriving, its failure kept in the file.

        The attempt holds the journal's guard for its whole length, so guesses sent together
        run one after another and each meets the wait the one before it left. A failure is
        written to the header before the person (or a script) hears the answer, so closing
        the app to dodge the wait gains nothing.
        """
        guard = guard_for(path)
        with guard.attempt():
            engine, header = cls._open(path)
            try:
                guard.adopt(header.unlock_failures or 0, header.last_failure_at)
                guard.check()
                try:
                    data_key = open_key(header)
                except (crypto.DecryptionFailed, ValueError):
                    guard.failed()
                    _store_failures(engine, guard.failures, now_us())
                    raise wrong() from None
                if header.unlock_failures:
                    _store_failures(engine, 0, None)
                guard.succeeded()
            except BaseException:
                engine.dispose()
                raise
        return cls(path, engine, data_key, header.key_epoch or 0)

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

    # --- unlock with fingerprint or face -----------------------------------------------------

    @classmethod
    def device_unlock_status(cls, path: Path, *, boot_us: int | None) -> DeviceUnlockState:
        """Whether the unlock screen may offer fingerprint or face, read without unlocking."""
        engine, header = cls._open(path)
        engine.dispose()
        return device_unlock_state(header, boot_us=boot_us, now=now_us())

    @classmethod
    def unlock_with_device(cls, path: Path, key_id: str, secret: bytes, *, boot_us: int | None) -> Vault:
        """Open with the device key, after the phone confirmed a fingerprint or face.

        `PassphraseNeeded` says why not: the rules of `device_unlock_state`, a key kept for an
        older wrap, or a wrap that doesn't open (damaged or tampered with: it is removed, since
        it can never work again). Never a way around the passphrase's own wait: this takes no
        guesses, the key is 256 random bits.
        """
        engine, header = cls._open(path)
        try:
            state = device_unlock_state(header, boot_us=boot_us, now=now_us())
            if not state.usable:
                raise PassphraseNeeded(state.reason)
            if not secrets.compare_digest(key_id, state.key_id or ""):
                raise PassphraseNeeded("refused")
            assert header.device_salt is not None and header.device_wrapped_key is not None
            try:
                kek = crypto.derive_device_key(secret, header.device_salt)
                data_key = crypto.unwrap_key(kek, header.device_wrapped_key, DEVICE_PURPOSE + key_id)
            except (crypto.DecryptionFailed, ValueError):
                _store_device(engine, NO_DEVICE_WRAP)
                raise PassphraseNeeded("refused") from None
            if header.device_failures:
                _store_device(engine, {"device_failures": 0})
        except BaseException:
            engine.dispose()
            raise
        vault = cls(path, engine, data_key, header.key_epoch or 0)
        vault.opened_with_device = True
        return vault

    @classmethod
    def note_device_failure(cls, path: Path) -> bool:
        """A fingerprint or face the phone didn't recognise; True when that used up the limit.

        Kept in the header like the passphrase's misses, so closing the app doesn't reset it.
        At the limit the wrap is removed: only the passphrase opens the journal, and the
        person turns fingerprint or face unlock on again in Settings if they want it.
        """
        engine, header = cls._open(path)
        try:
            if header.device_wrapped_key is None:
                return False
            failures = (header.device_failures or 0) + 1
            revoked = failures >= DEVICE_MAX_FAILURES
            _store_device(engine, NO_DEVICE_WRAP if revoked else {"device_failures": failures})
            return revoked
        finally:
            engine.dispose()

    @classmethod
    def remove_device_wrap(cls, path: Path) -> None:
        """Remove the device wrap without unlocking (the phone lost the key it belongs to).

        Only ever takes a way in away: whoever can call this could delete the file anyway.
        """
        engine, header = cls._open(path)
        try:
            if header.device_wrapped_key is not None or header.device_key_id is not None:
                _store_device(engine, NO_DEVICE_WRAP)
        finally:
            engine.dispose()

    def enable_device_unlock(self, passphrase: str, secret: bytes, *, boot_us: int | None) -> str:
        """Wrap the data key a third time with ``secret`` (kept on the phone); returns its id.

        The passphrase is asked for first: someone who finds the journal open must not be able
        to add their own way in. A new id each time, so a key kept for an earlier wrap never
        opens this one.
        """
        engine, data_key = self._require()
        self._verify_passphrase(engine, passphrase)
        key_id = secrets.token_hex(8)
        salt = crypto.new_salt()
        kek = crypto.derive_device_key(secret, salt)
        self._write_header(
            engine,
            {
                "device_key_id": key_id,
                "device_salt": salt,
                "device_wrapped_key": crypto.wrap_key(kek, data_key, DEVICE_PURPOSE + key_id),
                "device_confirmed_at": now_us(),
                "device_boot_at": boot_us,
                "device_failures": 0,
            },
        )
        return key_id

    def disable_device_unlock(self) -> None:
        """Remove the device wrap; the key kept on the phone then opens nothing."""
        engine, _ = self._require()
        self._write_header(engine, NO_DEVICE_WRAP)

    def device_unlock_key_id(self) -> str | None:
        """The id of the device wrap, or None when fingerprint or face unlock is off."""
        engine, _ = self._require()
        return _read_header(engine).device_key_id

    def confirm_passphrase_typed(self, *, boot_us: int | None) -> None:
        """After the passphrase opened the journal: the week and the restart rule start again.

        Writes only when a device wrap exists, so journals without one never change here.
        """
        engine, _ = self._require()
        if _read_header(engine).device_wrapped_key is None:
            return
        self._write_header(
            engine, {"device_confirmed_at": now_us(), "device_boot_at": boot_us, "device_failures": 0}
        )

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

    @contextmanager
    def _writing(self, engine: Engine) -> Iterator[Connection]:
        """A write transaction that first checks this object still holds the journal's data key.

        After a re-key (here or in another window or process), a window that unlocked before
        it must not seal records, or wrap a passphrase, with the retired key: they would be
        unreadable to everyone. It gets `VaultLocked` and unlocks again; nothing is written.
        """
        with _damage_as_vault_damaged(), writing(engine).begin() as conn:
            epoch = conn.exec_driver_sql(_KEY_EPOCH_SQL).scalar()  # plain SQL: far cheaper than Core
            if (epoch or 0) != self._key_epoch:
                raise VaultLocked()
            yield conn

    def _verify_passphrase(self, engine: Engine, passphrase: str) -> tuple[VaultHeader, crypto.KdfParams]:
        """The header and its settings, once ``passphrase`` is shown to open it."""
        header = _read_header(engine)
        params = _header_kdf(header)
        try:
            kek = crypto.derive_passphrase_key(passphrase_rules.normalise(passphrase), header.salt, params)
            crypto.unwrap_key(kek, header.wrapped_key, PASSPHRASE_PURPOSE)
        except crypto.DecryptionFailed:
            raise WrongPassphrase() from None
        return header, params

    def kdf_params(self) -> crypto.KdfParams:
        engine, _ = self._require()
        return _header_kdf(_read_header(engine))

    def change_passphrase(self, current: str, new: str, *, kdf: crypto.KdfParams | None = None) -> None:
        """Re-wrap the data key. One UPDATE in one transaction: old or new works, never neither."""
        engine, data_key = self._require()
        if kdf is not None and not kdf.meets_owasp_floor():
            raise ValueError("key derivation settings are below the OWASP minimum")
        _check_new_passphrase(new)
        _header, old_kdf = self._verify_passphrase(engine, current)
        self._write_header(engine, {**_passphrase_wrap(new, data_key, kdf or old_kdf), **NO_DEVICE_WRAP})

    def replace_forgotten_passphrase(self, new: str) -> str:
        """After opening with the recovery code: a new passphrase and a new code, in one write.

        The used code stops working (it may have been read off a note), and the new code is
        returned to be shown once. Only a vault opened with the recovery code may do this;
        everyone else changes the passphrase by giving the current one.
        """
        engine, data_key = self._require()
        if not self.opened_with_recovery:
            raise VaultLocked()
        _check_new_passphrase(new)
        code = crypto.new_recovery_code()
        recovery_salt, recovery_wrapped = self._wrap_for_recovery(data_key, code)
        values = _passphrase_wrap(new, data_key, _header_kdf(_read_header(engine)))
        self._write_header(
            engine,
            {
                **values,
                **NO_DEVICE_WRAP,
                "recovery_salt": recovery_salt,
                "recovery_wrapped_key": recovery_wrapped,
            },
        )
        self.opened_with_recovery = False
        return code

    def new_recovery_code(self) -> str:
        """Replace the recovery code; the old one stops working."""
        engine, data_key = self._require()
        code = crypto.new_recovery_code()
        salt, wrapped = self._wrap_for_recovery(data_key, code)
        self._write_header(engine, {"recovery_salt": salt, "recovery_wrapped_key": wrapped, **NO_DEVICE_WRAP})
        return code

    def _write_header(self, engine: Engine, values: dict[str, Any]) -> None:
        """One UPDATE of the header in one transaction: the old or the new state, never neither."""
        with self._writing(engine) as conn:
            conn.execute(update(VaultHeader).where(VaultHeader.id == 1).values(**values))

    def rekey(self, current_passphrase: str, new_passphrase: str) -> str | None:
        """A new data key, every record re-encrypted with it, and a new passphrase.

        Unlike `change_passphrase`, this helps when an old copy of the file *and* the old
        passphrase (or the data key itself) may have leaked: nothing written from now on, and
        nothing already here, opens with the old key. Everything happens in ONE SQLite
        transaction, so a crash or kill at any moment leaves the journal opening with the old
        passphrase (nothing changed) or the new one (everything changed), never half of each.
        If the journal had a recovery code, the old one stops working and the new code is
        returned, to be shown once; otherwise returns None. Other windows on this journal are
        locked and need the new passphrase.
        """
        engine, _ = self._cipher()
        old_aead = self._aead
        _check_new_passphrase(new_passphrase)
        header, old_kdf = self._verify_passphrase(engine, current_passphrase)
        new_key = crypto.new_data_key()
        values = {
            **_passphrase_wrap(new_passphrase, new_key, old_kdf),
            **NO_DEVICE_WRAP,
            "key_epoch": self._key_epoch + 1,
        }
        code = None
        if header.recovery_wrapped_key is not None:
            code = crypto.new_recovery_code()
            values["recovery_salt"], values["recovery_wrapped_key"] = self._wrap_for_recovery(new_key, code)
        new_aead = AESGCM(new_key)
        with self._writing(engine) as conn:
            self._reseal_every_record(conn, old_aead, new_aead)
            conn.execute(update(VaultHeader).where(VaultHeader.id == 1).values(**values))
        self._key, self._aead, self._key_epoch = new_key, new_aead, self._key_epoch + 1
        for other in list(_open_vaults):
            if other is not self and Path(other.path).resolve() == Path(self.path).resolve():
                other.lock()
        self._checkpoint()  # the WAL still holds every record sealed with the old key
        return code

    @staticmethod
    def _reseal_every_record(conn: Connection, old: AESGCM, new: AESGCM) -> None:
        """Re-encrypt each readable row with ``new`` (as format 2); unreadable rows stay as they are."""
        columns = (RecordRow.id, RecordRow.kind, RecordRow.created_at, RecordRow.updated_at)
        rows = conn.execute(select(*columns, RecordRow.fmt, RecordRow.ciphertext)).all()
        resealed = []
        for record_id, kind, created, updated, fmt, blob in rows:
            try:
                plain = _decrypt(old, record_id, kind, created, updated, fmt, blob)
            except (crypto.DecryptionFailed, ValueError):
                continue  # already unreadable with the old key; no worse with the new one
            aad = crypto.record_aad(record_id, kind, RECORD_FMT, created, updated)
            resealed.append({"rid": record_id, "blob": crypto.seal(new, crypto.pad(plain), aad)})
        if resealed:  # one prepared statement for every row
            statement = (
                update(RecordRow)
                .where(RecordRow.id == bindparam("rid"))
                .values(fmt=RECORD_FMT, ciphertext=bindparam("blob"))
            )
            conn.execute(statement, resealed)

    def lock(self) -> None:
        """Forget the key and every decrypted byte this object holds.

        The write-ahead log is folded into the file and emptied first, so old versions of
        edited or deleted records don't wait in `-wal` for the next checkpoint.
        """
        self._key = None
        self._aead = None
        self._search.clear()
        if self._engine is not None:
            self._checkpoint()
            self._engine.dispose()
            self._engine = None

    def _checkpoint(self) -> None:
        """Copy the WAL into the file and truncate it to 0 bytes (best effort: a reader may hold it)."""
        if self._engine is None:
            return
        with suppress(sqlite3.Error, SADatabaseError), self._engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    # --- records -------------------------------------------------------------------------

    def _seal(self, key: AESGCM, record: Record) -> bytes:
        """``record``'s payload, padded and sealed as format 2 (timestamps in the associated data)."""
        aad = crypto.record_aad(record.id, record.kind, RECORD_FMT, record.created_us, record.updated_us)
        return crypto.seal(key, crypto.pad(encode_payload(record.payload)), aad)

    def _row_values(self, key: AESGCM, record: Record) -> dict[str, Any]:
        """The columns that store ``record``: clear metadata plus its sealed payload."""
        return {
            "kind": record.kind,
            "created_at": record.created_us,
            "updated_at": record.updated_us,
            "fmt": RECORD_FMT,
            "ciphertext": self._seal(key, record),
        }

    def _open_row(self, key: AESGCM, row: Any) -> Record:
        try:
            plain = _decrypt(key, row.id, row.kind, row.created_at, row.updated_at, row.fmt, row.ciphertext)
            payload = payload_of(plain)
        except (crypto.DecryptionFailed, ValueError):
            raise RecordUnreadable(row.id) from None
        return Record(row.id, row.kind, row.created_at, row.updated_at, payload)

    def add(self, kind: str, payload: dict[str, Any], *, created_us: int | None = None) -> Record:
        """Store a new record; durable on disk when this returns."""
        engine, key = self._cipher()
        stamp = now_us()
        record = Record(
            uuid.uuid4().hex, kind, stamp if created_us is None else created_us, stamp, dict(payload)
        )
        values = self._row_values(key, record)
        with self._writing(engine) as conn:
            conn.execute(RecordRow.__table__.insert().values(id=record.id, **values))
        self._search.put(record)
        return record

    def update(self, record_id: str, payload: dict[str, Any], *, created_us: int | None = None) -> Record:
        engine, key = self._cipher()
        stamp = now_us()
        with self._writing(engine) as conn:
            row = conn.execute(
                select(RecordRow.kind, RecordRow.created_at).where(RecordRow.id == record_id)
            ).first()
            if row is None:
                raise RecordNotFound(record_id)
            created = row.created_at if created_us is None else created_us
            record = Record(record_id, row.kind, created, stamp, dict(payload))
            conn.execute(
                update(RecordRow).where(RecordRow.id == record_id).values(**self._row_values(key, record))
            )
        self._search.put(record)
        return record

    def delete(self, record_id: str) -> None:
        """Remove the row; secure_delete overwrites the freed bytes in the file.

        The write-ahead log still holds the pages the record was written in, so it is
        folded into the file and truncated right away: deleted text doesn't linger there
        until the app closes. Deleting is rare, so the extra sync costs little.
        """
        engine, _ = self._require()
        with _damage_as_vault_damaged(), writing(engine).begin() as conn:
            result = conn.execute(delete(RecordRow).where(RecordRow.id == record_id))
        if result.rowcount == 0:
            raise RecordNotFound(record_id)
        self._search.remove(record_id)
        self._checkpoint()

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
        with self._writing(engine) as conn:
            for record in records:
                row = conn.execute(
                    select(RecordRow.kind, RecordRow.updated_at).where(RecordRow.id == record.id)
                ).first()
                if row is not None and (row.kind != record.kind or row.updated_at >= record.updated_us):
                    unchanged += 1
                    continue
                copy = Record(
                    record.id, record.kind, record.created_us, record.updated_us, dict(record.payload)
                )
                values = self._row_values(key, copy)
                if row is None:
                    conn.execute(RecordRow.__table__.insert().values(id=record.id, **values))
                    added += 1
                else:
                    conn.execute(update(RecordRow).where(RecordRow.id == record.id).values(**values))
                    updated += 1
                stored.append(copy)
        for record in stored:
            self._search.put(record)
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

    def _open_for_search(
        self, key: AESGCM, record_id: str, kind: str, created: int, updated: int, fmt: int, blob: bytes
    ) -> Entry | None:
        """A row as the search cache keeps it (None if unreadable): `_open_row`, minus the Record."""
        try:
            plain = _decrypt(key, record_id, kind, created, updated, fmt, blob)
            return rough_entry(created, record_id, kind, updated, plain)
        except (crypto.DecryptionFailed, ValueError):
            return None

    def _load_for_search(self) -> Iterator[Entry]:
        """Every readable row, decrypted and folded, for the search cache's one build per unlock.

        One pass over plain columns, no Record objects: this is the wait before the first
        search after unlock (see benchmarks/). Unreadable rows are skipped here; list_page
        reports them.
        """
        engine, key = self._cipher()
        with _damage_as_vault_damaged(), engine.connect() as conn:
            # plain SQL and all rows at once: Core's per-row fetch was a sixth of this wait
            rows = conn.exec_driver_sql(_ALL_ROWS_SQL).fetchall()
            for record_id, kind, created, updated, fmt, blob in rows:
                entry = self._open_for_search(key, record_id, kind, created, updated, fmt, blob)
                if entry is not None:
                    yield entry

    def matching(
        self,
        predicate: Callable[[Record], bool],
        kinds: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> list[Record]:
        """Records for which ``predicate`` holds, newest first (filters on encrypted content)."""
        return self._search.matching(predicate, kinds, limit)

    def warm_search(self) -> None:
        """Decrypt everything for search now (call in the background right after unlock)."""
        self._search.warm()

    def search(
        self, query: str, kinds: Iterable[str] | None = None, limit: int | None = None
    ) -> list[Record]:
        """Records containing every word of ``query`` (any case, any accents), newest first."""
        return self._search.search(query, kinds, limit)


__all__ = ["Cursor", "Vault", "vault_exists"]
