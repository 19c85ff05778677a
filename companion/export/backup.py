"""One-file encrypted backup of the whole journal, and restoring it without duplicates.

A backup has to outlive this app: the format is small, versioned and written down in
docs/backup-format.md, with a standalone script that decrypts it using only the
``cryptography`` library. Layout (all offsets in bytes):

    MAGIC (17)  "COMPANION-BACKUP\\n"
    N (4)       length of the header, unsigned big-endian
    header (N)  UTF-8 JSON: format, version, created, Argon2id settings and salt, wrapped key
    nonce (12)  then AES-256-GCM ciphertext + 16-byte tag of the zlib-compressed body JSON

The passphrase (NFKC-normalised, as for the journal) goes through Argon2id with the
journal's parameters and *wraps* a random content key; the content key encrypts the
body with every byte before the nonce as associated data. Wrapping instead of encrypting
directly lets us tell "wrong passphrase" apart from "damaged file", and authenticating
the header means a changed byte anywhere is detected.

Restoring merges by record id inside one transaction (see `restore_backup`), so restoring
the same backup twice, or into a journal that already has some of it, adds nothing twice.

A backup is outside input: someone else may have made it. So restoring (see
`preview_restore` and `apply_restore`) only ADDS what is missing unless the person chooses to
let the backup change entries that are already here; settings never replace the journal's
own; every record is checked by `companion.kinds.validate` and cleaned of invisible format
characters; and the inflated body, the JSON it holds and the record count are all bounded.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import struct
import tempfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from companion.core.errors import (
    BackupDamaged,
    BackupTooLarge,
    BackupTooNew,
    BackupWrongPassphrase,
    PassphraseTooShort,
)
from companion.core.i18n import _, ngettext
from companion.core.kind_ids import DRAFT, SETTINGS
from companion.core.records import Record, now_us
from companion.core.textclean import clean_strings
from companion.kinds.validate import InvalidRecord, validate_record
from companion.vault import crypto
from companion.vault import passphrase as passphrase_rules
from companion.vault.crypto import MAX_KDF_ITERATIONS, MAX_KDF_LANES, MAX_KDF_MEMORY_KIB  # shared bounds
from companion.vault.vault import Vault

MAGIC = b"COMPANION-BACKUP\n"
FORMAT = "companion-backup"
VERSION = 1
SUFFIX = ".companion"
WRAP_PURPOSE = "backup"  # wrapped-key AAD: b"companion/wrap/v1/backup"
CIPHER = "aes-256-gcm"
COMPRESSION = "zlib"

_LENGTH = struct.Struct(">I")
_PREFIX = len(MAGIC) + _LENGTH.size
_TAG_BYTES = 16
_WRAPPED_BYTES = crypto.NONCE_BYTES + crypto.KEY_BYTES + _TAG_BYTES

MIB = 1024 * 1024
# Ten years of daily writing is ~20 MB of JSON. The limits stop a small file from
# inflating into gigabytes of memory (a zlib "bomb": 64 KiB becomes 64 MiB).
MAX_BODY_BYTES = 64 * MIB  # decompressed body
MAX_HEADER_BYTES = 64 * 1024
MAX_BACKUP_BYTES = MAX_BODY_BYTES + MAX_HEADER_BYTES + MIB  # a picked file larger than this isn't read
MAX_RECORDS = 200_000
# Parsed JSON costs ~50 bytes per value however short it is written ("ab", is 5 bytes), so
# values are capped too: every comma may start one, and a decade of daily writing has
# ~1.5 million. With these caps the worst body costs ~0.3 GB of memory to read, not 1.7 GB.
MAX_JSON_VALUES = 3_000_000
MAX_JSON_OBJECTS = 1_000_000  # every {...} in the body
_INFLATE_CHUNK = MIB
MAX_ID_CHARS = 200
MAX_KIND_CHARS = 100
_MAX_US = 2**63 - 1


def max_file_bytes() -> int:
    """Largest file worth reading: the compressed body can't sensibly exceed the body limit."""
    return MAX_BACKUP_BYTES


def _too_large() -> BackupTooLarge:
    return BackupTooLarge(max(1, MAX_BODY_BYTES // MIB))


@dataclass(frozen=True)
class BackupStats:
    """What went into a backup; ``unreadable`` rows were damaged in the journal and left out."""

    records: int
    unreadable: int


def _items(count: int) -> str:
    # Translators: how many things a backup holds or changes (entries, check-ins, settings...)
    return ngettext("{n} item", "{n} items", count).format(n=count)


def _restored(added: int, updated: int, already: int) -> str:
    """The first sentence after restoring, when something was added or brought up to date."""
    items = _items(added)
    if already:
        if added and updated:
            # Translators: {items} is "3 items"; {updated} and {already} are numbers of items
            text = ngettext(
                "Restored: {items} added and {updated} brought up to date; {already} was already here.",
                "Restored: {items} added and {updated} brought up to date; {already} were already here.",
                already,
            )
        elif added:
            # Translators: {items} is "3 items"; {already} is a number of items
            text = ngettext(
                "Restored: {items} added; {already} was already here.",
                "Restored: {items} added; {already} were already here.",
                already,
            )
        else:
            # Translators: {updated} and {already} are numbers of items
            text = ngettext(
                "Restored: {updated} brought up to date; {already} was already here.",
                "Restored: {updated} brought up to date; {already} were already here.",
                already,
            )
    elif added and updated:
        # Translators: {items} is "3 items"; {updated} is a number of items
        text = _("Restored: {items} added and {updated} brought up to date.")
    elif added:
        # Translators: {items} is "3 items"
        text = _("Restored: {items} added.")
    else:
        # Translators: {updated} is a number of items in the journal replaced by newer copies
        text = ngettext(
            "Restored: {updated} brought up to date.", "Restored: {updated} brought up to date.", updated
        )
    return text.format(items=items, updated=updated, already=already)


@dataclass(frozen=True)
class RestoreResult:
    added: int
    already_there: int
    updated: int
    kept_yours: int = 0  # entries here that the backup would have changed, left as they are
    left_out: int = 0  # records in the backup that couldn't be read or checked, not restored

    @property
    def message(self) -> str:
        """Sentences for the screen after restoring."""
        if self.added == 0 and self.updated == 0:
            sentences = [
                _("Nothing needed to be added: everything in this backup is already in your journal.")
            ]
        else:
            sentences = [_restored(self.added, self.updated, self.already_there)]
        if self.kept_yours:
            # Translators: the English singular is kept as it was; say it naturally for one item
            text = ngettext(
                "{n} item in your journal differs from the backup; your version was kept.",
                "{n} items in your journal differ from the backup; your versions were kept.",
                self.kept_yours,
            )
            sentences.append(text.format(n=self.kept_yours))
        if self.left_out:
            # Translators: the English singular is kept as it was; say it naturally for one item
            text = ngettext(
                "{n} item in the backup couldn't be read and was left out. Nothing in your journal was lost.",
                "{n} items in the backup couldn't be read and were left out. "
                "Nothing in your journal was lost.",
                self.left_out,
            )
            sentences.append(text.format(n=self.left_out))
        return " ".join(sentences)


@dataclass(frozen=True)
class BackupContents:
    """The records of a backup that passed every check, and how many didn't."""

    records: list[Record]
    left_out: int = 0


@dataclass(frozen=True)
class RestorePlan:
    """What restoring a backup would do, worked out before anything is written.

    The screen shows it ("12 new items; 3 entries here would change") and asks; `apply_restore`
    then adds ``to_add`` and, only with ``replace_changed=True``, writes ``to_change`` too.
    """

    to_add: tuple[Record, ...]
    to_change: tuple[Record, ...]  # same id here, backup copy newer and different
    already_there: int  # identical, older in the backup, or this journal's own settings/drafts
    left_out: int  # refused: unreadable, impossible values or dates

    @property
    def adds(self) -> int:
        return len(self.to_add)

    @property
    def changes(self) -> int:
        return len(self.to_change)

    @property
    def changed_kinds(self) -> dict[str, int]:
        """How many existing records of each kind the backup would change."""
        counts: dict[str, int] = {}
        for record in self.to_change:
            counts[record.kind] = counts.get(record.kind, 0) + 1
        return counts

    @property
    def message(self) -> str:
        """A plain summary for the question before restoring."""
        if self.adds:
            # Translators: {items} is "3 items"
            sentences = [_("This backup would add {items} to your journal.").format(items=_items(self.adds))]
        else:
            sentences = [_("This backup has nothing new to add.")]
        if self.changes:
            # Translators: the English singular is kept as it was; say it naturally for one item
            text = ngettext(
                "{n} item already in your journal is different in the backup; "
                "it stays as it is unless you choose to replace it.",
                "{n} items already in your journal are different in the backup; "
                "they stay as they are unless you choose to replace them.",
                self.changes,
            )
            sentences.append(text.format(n=self.changes))
        if self.left_out:
            text = ngettext(
                "{n} item couldn't be read and will be left out.",
                "{n} items couldn't be read and will be left out.",
                self.left_out,
            )
            sentences.append(text.format(n=self.left_out))
        return " ".join(sentences)


def suggested_backup_name(now: date | datetime | None = None) -> str:
    """ "companion-backup-2026-11-25.companion": sorts by date in any file list."""
    day = now if now is not None else date.today()
    return f"companion-backup-{day:%Y-%m-%d}{SUFFIX}"


# --- writing -----------------------------------------------------------------------------------


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _record_json(record: Record) -> dict[str, Any]:
    return {
        "id": record.id,
        "kind": record.kind,
        "created_us": record.created_us,
        "updated_us": record.updated_us,
        "payload": record.payload,
    }


def pack_backup(
    records: Iterable[Record],
    passphrase: str,
    *,
    kdf: crypto.KdfParams = crypto.DEFAULT_KDF,
    created_us: int | None = None,
) -> bytes:
    """Encrypt ``records`` into backup bytes. The app calls `export_backup`; tests pass cheap ``kdf``."""
    body = json.dumps(
        {"records": [_record_json(r) for r in records]}, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")
    if len(body) > MAX_BODY_BYTES:
        raise _too_large()
    salt = crypto.new_salt()
    content_key = crypto.new_data_key()
    kek = crypto.derive_passphrase_key(passphrase_rules.normalise(passphrase), salt, kdf)
    stamp = created_us if created_us is not None else now_us()
    header = {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.fromtimestamp(stamp / 1_000_000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "kdf": {
            "name": kdf.algorithm,
            "salt": _b64(salt),
            "memory_kib": kdf.memory_kib,
            "iterations": kdf.iterations,
            "lanes": kdf.lanes,
        },
        "wrapped_key": _b64(crypto.wrap_key(kek, content_key, WRAP_PURPOSE)),
        "cipher": CIPHER,
        "compression": COMPRESSION,
    }
    header_bytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    aad = MAGIC + _LENGTH.pack(len(header_bytes)) + header_bytes
    return aad + crypto.seal(content_key, zlib.compress(body, 6), aad)


def _gather(vault: Vault) -> tuple[list[Record], int]:
    """Every readable record, plus how many rows could not be decrypted."""
    records: list[Record] = []
    unreadable = 0
    cursor = None
    while True:
        page = vault.list_page(after=cursor, limit=500)
        records.extend(page.records)
        unreadable += len(page.unreadable)
        if page.next_cursor is None:
            return records, unreadable
        cursor = page.next_cursor


def _check_new_passphrase(passphrase: str) -> None:
    if passphrase_rules.length(passphrase) < passphrase_rules.MIN_LENGTH:
        raise PassphraseTooShort(passphrase_rules.MIN_LENGTH)


def export_backup(vault: Vault, passphrase: str) -> bytes:
    """The whole journal (entries, check-ins, settings, drafts...) as one encrypted backup."""
    _check_new_passphrase(passphrase)
    records, _unreadable = _gather(vault)
    return pack_backup(records, passphrase)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write to a private temporary file next to ``path``, then rename over it.

    A crash or a full disk leaves either the old file or the new one, never half of one;
    the file is readable by its owner only (0600).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.chmod(tmp, 0o600)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX only)
        with contextlib.suppress(OSError):
            dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def write_backup(vault: Vault, path: Path | str, passphrase: str) -> BackupStats:
    """Save a backup to ``path`` (replacing any file there only once the new one is complete)."""
    _check_new_passphrase(passphrase)
    records, unreadable = _gather(vault)
    _write_atomic(Path(path), pack_backup(records, passphrase))
    return BackupStats(len(records), unreadable)


# --- reading -----------------------------------------------------------------------------------


def load_backup_file(path: Path | str) -> bytes:
    """The file's bytes, refusing absurd sizes before reading them into memory.

    Reads at most one byte past the limit, so a file that grows after the size check
    can't make us read more.
    """
    path = Path(path)
    if path.stat().st_size > MAX_BACKUP_BYTES:
        raise _too_large()
    with path.open("rb") as fh:
        data = fh.read(MAX_BACKUP_BYTES + 1)
    if len(data) > MAX_BACKUP_BYTES:
        raise _too_large()
    return data


def _json(raw: bytes, what: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BackupDamaged(f"{what} is not JSON: {exc}") from None


def _int(value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BackupDamaged(f"bad {what}: {value!r}")
    return value


def _bytes(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise BackupDamaged(f"bad {what}")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error) as exc:
        raise BackupDamaged(f"bad {what}: {exc}") from None


def _split(data: bytes) -> tuple[dict[str, Any], bytes, bytes]:
    """(header, associated data, nonce + ciphertext); raises before any key work."""
    if len(data) > max_file_bytes():
        raise _too_large()
    if not data.startswith(MAGIC) or len(data) < _PREFIX:
        raise BackupDamaged("no backup signature")
    (header_len,) = _LENGTH.unpack_from(data, len(MAGIC))
    end = _PREFIX + header_len
    if header_len > MAX_HEADER_BYTES or len(data) < end + crypto.NONCE_BYTES + _TAG_BYTES:
        raise BackupDamaged("truncated or bad header length")
    header = _json(data[_PREFIX:end], "header")
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupDamaged("not a backup header")
    version = _int(header.get("version"), 1, 2**31, "version")
    if version > VERSION:
        raise BackupTooNew(version)
    if header.get("cipher") != CIPHER or header.get("compression") != COMPRESSION:
        raise BackupDamaged("unknown cipher or compression")
    return header, data[:end], data[end:]


def _kdf(header: dict[str, Any]) -> tuple[crypto.KdfParams, bytes]:
    spec = header.get("kdf")
    if not isinstance(spec, dict) or spec.get("name") != "argon2id":
        raise BackupDamaged("unknown key derivation")
    lanes = _int(spec.get("lanes"), 1, MAX_KDF_LANES, "lanes")
    params = crypto.KdfParams(
        memory_kib=_int(spec.get("memory_kib"), 8 * lanes, MAX_KDF_MEMORY_KIB, "memory"),
        iterations=_int(spec.get("iterations"), 1, MAX_KDF_ITERATIONS, "iterations"),
        lanes=lanes,
    )
    salt = _bytes(spec.get("salt"), "salt")
    if not crypto.SALT_BYTES <= len(salt) <= 64:
        raise BackupDamaged("bad salt length")
    return params, salt


def _decompress(blob: bytes) -> bytes:
    """Inflate in bounded chunks, stopping as soon as the output passes MAX_BODY_BYTES."""
    inflater = zlib.decompressobj()
    chunks: list[bytes] = []
    size = 0
    pending = blob
    try:
        while pending and not inflater.eof:
            chunk = inflater.decompress(pending, _INFLATE_CHUNK)
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise _too_large()
            chunks.append(chunk)
            pending = inflater.unconsumed_tail
        if not inflater.eof:
            tail = inflater.flush(_INFLATE_CHUNK)
            size += len(tail)
            if size > MAX_BODY_BYTES:
                raise _too_large()
            chunks.append(tail)
    except zlib.error as exc:
        raise BackupDamaged(f"bad compression: {exc}") from None
    if not inflater.eof or inflater.unused_data:
        raise BackupDamaged("compressed body incomplete")
    return b"".join(chunks)


def _body_json(raw: bytes) -> Any:
    """The body's JSON, giving up as soon as it holds more objects than any journal could."""
    if raw.count(b",") > MAX_JSON_VALUES:
        raise _too_large()
    seen = [0]

    def count(obj: dict[str, Any]) -> dict[str, Any]:
        seen[0] += 1
        if seen[0] > MAX_JSON_OBJECTS:
            raise _too_large()
        return obj

    try:
        # NaN and Infinity parse as floats; validate_record then leaves their record out.
        return json.loads(raw.decode("utf-8"), object_hook=count)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BackupDamaged(f"body is not JSON: {exc}") from None


def _record(item: Any, now: int) -> Record:
    """One checked, cleaned record; `InvalidRecord` for anything the app wouldn't have saved."""
    if not isinstance(item, dict):
        raise InvalidRecord("record is not an object")
    record_id, kind, payload = item.get("id"), item.get("kind"), item.get("payload")
    if not isinstance(record_id, str) or not 0 < len(record_id) <= MAX_ID_CHARS:
        raise InvalidRecord("bad record id")
    if not isinstance(kind, str) or not 0 < len(kind) <= MAX_KIND_CHARS:
        raise InvalidRecord("bad record kind")
    if not isinstance(payload, dict):
        raise InvalidRecord("record payload is not an object")
    payload = clean_strings(payload)  # invisible format characters never reach the screen
    created, updated = item.get("created_us"), item.get("updated_us")
    validate_record(kind, payload, created, updated, now=now)
    return Record(record_id, kind, created, updated, payload)  # type: ignore[arg-type]


def read_backup(data: bytes, passphrase: str) -> list[Record]:
    """Every usable record in a backup. Raises only `BackupError` subclasses, each with a friendly message."""
    return read_backup_contents(data, passphrase).records


def read_backup_contents(data: bytes, passphrase: str, *, now: int | None = None) -> BackupContents:
    """The backup's usable records and how many were left out; raises only `BackupError`s."""
    header, aad, sealed = _split(data)
    params, salt = _kdf(header)
    wrapped = _bytes(header.get("wrapped_key"), "wrapped key")
    if len(wrapped) != _WRAPPED_BYTES:
        raise BackupDamaged("bad wrapped key length")
    try:
        kek = crypto.derive_passphrase_key(passphrase_rules.normalise(passphrase), salt, params)
    except (ValueError, MemoryError) as exc:
        raise BackupDamaged(f"unusable key settings: {exc}") from None
    try:
        content_key = crypto.unwrap_key(kek, wrapped, WRAP_PURPOSE)
    except crypto.DecryptionFailed:
        raise BackupWrongPassphrase() from None
    try:
        compressed = crypto.open_sealed(content_key, sealed, aad)
    except crypto.DecryptionFailed:
        raise BackupDamaged("body or header changed") from None
    body = _body_json(_decompress(compressed))
    items = body.get("records") if isinstance(body, dict) else None
    if not isinstance(items, list):
        raise BackupDamaged("no record list")
    if len(items) > MAX_RECORDS:
        raise _too_large()
    stamp = now if now is not None else now_us()
    records: list[Record] = []
    left_out = 0
    for item in items:
        try:
            records.append(_record(item, stamp))
        except InvalidRecord:
            left_out += 1
    if len({r.id for r in records}) != len(records):
        raise BackupDamaged("duplicate record ids")
    return BackupContents(records, left_out)


# --- restoring ---------------------------------------------------------------------------------


def _draft_key(record: Record) -> str:
    """What a draft belongs to; as text, so odd values in a damaged draft can't break the merge."""
    return json.dumps(
        [record.payload.get("for_kind"), record.payload.get("target")], sort_keys=True, default=str
    )


def _merge_plan(vault: Vault, records: list[Record]) -> tuple[list[Record], int]:
    """Which records to hand to the vault, and how many to leave out because this journal has its own.

    Most records simply merge by id. Two kinds are "one of" per journal, and a second copy
    under another id would confuse them, so this journal's own copy wins:
    - settings: the app reads a single settings record. If this journal has one, a backup's
      settings are left out, even under the same id (crisis numbers and the auto-lock are
      the client's own, not whoever made the file); if it has none, the backup's newest is used.
    - drafts: one per (kind, entry being edited). A backup's draft is left out when this
      journal already has a different draft for the same thing.
    """
    local_settings = {r.id for r in vault.iter_all([SETTINGS])}
    local_drafts = {_draft_key(r): r.id for r in vault.iter_all([DRAFT])}
    keep: list[Record] = []
    skipped = 0
    settings_taken = bool(local_settings)
    for record in sorted(records, key=lambda r: r.updated_us, reverse=True):
        if record.kind == SETTINGS:  # never over this journal's own, whatever the id
            if settings_taken:
                skipped += 1
                continue
            settings_taken = True
        elif record.kind == DRAFT:
            owner = local_drafts.setdefault(_draft_key(record), record.id)
            if owner != record.id:
                skipped += 1
                continue
        keep.append(record)
    return keep, skipped


def _same(a: Record, b: Record) -> bool:
    return (a.kind, a.created_us, a.updated_us, a.payload) == (b.kind, b.created_us, b.updated_us, b.payload)


def preview_restore(vault: Vault, contents: BackupContents) -> RestorePlan:
    """What restoring ``contents`` would add and change here; writes nothing.

    A record whose id is new is added. One whose id is here already "would change" only when
    the backup's copy is of the same kind, newer and different; everything else stays.
    """
    keep, skipped = _merge_plan(vault, contents.records)
    ids = {r.id for r in keep}
    local = {r.id: r for r in vault.iter_all() if r.id in ids} if ids else {}
    to_add: list[Record] = []
    to_change: list[Record] = []
    unchanged = skipped
    for record in keep:
        mine = local.get(record.id)
        if mine is None:
            to_add.append(record)
        elif mine.kind == record.kind and record.updated_us > mine.updated_us and not _same(mine, record):
            to_change.append(record)
        else:
            unchanged += 1
    return RestorePlan(tuple(to_add), tuple(to_change), unchanged, contents.left_out)


def apply_restore(vault: Vault, plan: RestorePlan, *, replace_changed: bool = False) -> RestoreResult:
    """Write ``plan`` in one transaction: on any failure nothing changes.

    Only what is missing is added, unless ``replace_changed`` (the person chose it after
    seeing the preview): then the backup's newer copies replace the ones here too.
    """
    records = list(plan.to_add) + (list(plan.to_change) if replace_changed else [])
    added, updated, unchanged = vault.import_records(records)
    kept = 0 if replace_changed else plan.changes
    return RestoreResult(
        added=added,
        already_there=plan.already_there + unchanged,
        updated=updated,
        kept_yours=kept,
        left_out=plan.left_out,
    )


def restore_backup(
    vault: Vault, data: bytes, passphrase: str, *, replace_changed: bool = False
) -> RestoreResult:
    """Read, check and merge a backup into ``vault`` (see `preview_restore` / `apply_restore`).

    Entries deleted here after the backup was made come back, since a backup holds no
    record of deletions; entries here that the backup has differently stay as they are
    unless ``replace_changed``.
    """
    contents = read_backup_contents(data, passphrase)
    return apply_restore(vault, preview_restore(vault, contents), replace_changed=replace_changed)


__all__ = [
    "MAX_BACKUP_BYTES",
    "BackupContents",
    "BackupStats",
    "RestorePlan",
    "RestoreResult",
    "apply_restore",
    "export_backup",
    "load_backup_file",
    "pack_backup",
    "preview_restore",
    "read_backup",
    "read_backup_contents",
    "restore_backup",
    "suggested_backup_name",
    "write_backup",
]
