"""Encrypted one-file backups: format, failures that change nothing, and merging restores."""

from __future__ import annotations

import ast
import json
import os
import re
import sqlite3
import stat
import struct
import unicodedata
import zlib
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.errors import (
    BackupDamaged,
    BackupError,
    BackupTooLarge,
    BackupTooNew,
    BackupWrongPassphrase,
    CompanionError,
    PassphraseTooShort,
)
from companion.core.records import Record
from companion.export import backup
from companion.export.backup import (
    MAGIC,
    RestoreResult,
    export_backup,
    load_backup_file,
    pack_backup,
    read_backup,
    restore_backup,
    suggested_backup_name,
    write_backup,
)
from companion.kinds.settings import SETTINGS, Settings
from companion.vault import crypto
from companion.vault.drafts import DRAFT, Drafts
from companion.vault.vault import Vault

PW = "a long backup passphrase"
FAST = crypto.KdfParams(memory_kib=64, iterations=1, lanes=1)  # tests only: cheap to derive
DOC = Path(__file__).resolve().parents[3] / "docs" / "backup-format.md"
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" * 20

HUGE = ("Ich war so müde, und doch 🌧️→🌤️ — " * 40_000)[:1_200_000]  # about 1.2 million characters


# --- helpers -----------------------------------------------------------------------------------


def new_vault(directory: Path) -> Vault:
    vault, _ = Vault.create(directory / "journal.sqlite", "a long test passphrase", with_recovery_code=False)
    return vault


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    vault = new_vault(tmp_path_factory.mktemp("source"))
    yield vault
    vault.lock()


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    vault = new_vault(tmp_path_factory.mktemp("target"))
    yield vault
    vault.lock()


def wipe(vault: Vault) -> None:
    for record in list(vault.iter_all()):
        vault.delete(record.id)


def snapshot(vault: Vault) -> list[tuple]:
    """Everything observable about the journal's records, in a fixed order."""
    return sorted(
        (r.id, r.kind, r.created_us, r.updated_us, json.dumps(r.payload, sort_keys=True))
        for r in vault.iter_all()
    )


def as_rows(records: list[Record]) -> list[tuple]:
    return sorted(
        (r.id, r.kind, r.created_us, r.updated_us, json.dumps(r.payload, sort_keys=True)) for r in records
    )


def fill(vault: Vault) -> None:
    """A journal with one of everything, including text no one would type by hand."""
    wipe(vault)
    vault.add("journal", {"title": "Nach der Sitzung 🌱", "body": "I said the thing.\nZürich, 東京, عربى"})
    vault.add("journal", {"title": "", "body": HUGE})
    vault.add("journal", {"title": "linked", "body": "answer", "homework_id": "abc"})
    vault.add(
        "checkin",
        {"v": 1, "body": [{"region": "chest", "sensations": ["tight"], "intensity": 7}], "feelings": []},
    )
    vault.add("feedback", {"v": 1, "kind": "appreciation", "state": "private", "text": "It helped 💛"})
    vault.add("topic", {"v": 1, "text": "sleep", "state": "bring", "order": 0.0})
    vault.add("homework", {"v": 1, "what": "checkin", "often": "daily", "start": "2026-11-18"})
    vault.add("breathing", {"pattern": "slow", "seconds": 120, "before": 7, "after": None})
    vault.add("session", {"v": 1, "when": "2026-11-20", "notes": "\x00 odd \u2028 bytes \x7f"})
    Settings(vault).set("auto_lock_minutes", 5)
    Drafts(vault, "journal").save(None, {"title": "half", "body": "unsaved"})


def header_of(data: bytes) -> tuple[dict, int]:
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    return json.loads(data[start : start + length]), start + length


def with_header(data: bytes, change) -> bytes:
    """The same ciphertext under a changed header (as someone editing the file would make)."""
    header, end = header_of(data)
    change(header)
    raw = json.dumps(header, separators=(",", ":")).encode()
    return MAGIC + struct.pack(">I", len(raw)) + raw + data[end:]


def fast_backup(records: list[Record], passphrase: str = PW) -> bytes:
    return pack_backup(records, passphrase, kdf=FAST)


SAMPLE = [
    Record("a1", "journal", 1_700_000_000_000_000, 1_700_000_100_000_000, {"title": "one", "body": "ü 🌱"}),
    Record("b2", "checkin", 1_700_000_200_000_000, 1_700_000_200_000_000, {"v": 1, "note": "calm"}),
    Record("c3", "settings", 1_700_000_300_000_000, 1_700_000_400_000_000, {"auto_lock_minutes": 5}),
]


@pytest.fixture(scope="module")
def valid() -> bytes:
    return fast_backup(SAMPLE)


# --- round trip --------------------------------------------------------------------------------


def test_full_journal_round_trips_into_an_empty_journal(source: Vault, tmp_path: Path) -> None:
    fill(source)
    before = snapshot(source)
    data = export_backup(source, PW)
    assert len(data) < len(HUGE.encode()) // 5  # compressed before encryption
    empty = new_vault(tmp_path)
    try:
        result = restore_backup(empty, data, PW)
        assert result == RestoreResult(added=len(before), already_there=0, updated=0)
        assert snapshot(empty) == before
        assert empty.search("Zürich")  # restored records are searchable right away
        assert Settings(empty).get("auto_lock_minutes") == 5
        assert Drafts(empty, "journal").find(None) is not None
    finally:
        empty.lock()


def test_export_uses_the_journal_key_settings_and_hides_content(source: Vault) -> None:
    fill(source)
    data = export_backup(source, PW)
    assert data.startswith(b"COMPANION-BACKUP\n")
    header, _ = header_of(data)
    assert header["format"] == "companion-backup"
    assert header["version"] == 1
    assert header["cipher"] == "aes-256-gcm"
    assert header["compression"] == "zlib"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", header["created"])
    kdf = header["kdf"]
    assert (kdf["name"], kdf["memory_kib"], kdf["iterations"], kdf["lanes"]) == ("argon2id", 65536, 3, 4)
    assert len(backup.base64.b64decode(kdf["salt"])) == 16
    for secret in (b"Sitzung", "Zürich".encode(), b"unsaved", b"auto_lock", b"journal", b"checkin"):
        assert secret not in data
    # Two backups of the same journal share no salt, key or nonce.
    again = export_backup(source, PW)
    assert header_of(again)[0]["kdf"]["salt"] != kdf["salt"]
    assert header_of(again)[0]["wrapped_key"] != header["wrapped_key"]


def test_export_refuses_a_short_passphrase(source: Vault, tmp_path: Path) -> None:
    with pytest.raises(PassphraseTooShort):
        export_backup(source, "short")
    with pytest.raises(PassphraseTooShort):
        write_backup(source, tmp_path / "b.companion", "   short   ")
    assert not (tmp_path / "b.companion").exists()


def test_passphrase_is_normalised_like_the_journal() -> None:
    composed = "Zürich ist schön, oder?"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    data = fast_backup(SAMPLE, composed)
    assert as_rows(read_backup(data, "  " + decomposed + "\n")) == as_rows(SAMPLE)


def test_write_backup_is_private_atomic_and_replaces(source: Vault, tmp_path: Path) -> None:
    fill(source)
    path = tmp_path / suggested_backup_name(date(2026, 11, 25))
    path.write_bytes(b"an older backup")
    stats = write_backup(source, path, PW)
    assert stats.records == source.count() and stats.unreadable == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 or os.name == "nt"
    assert os.listdir(tmp_path) == [path.name]  # no temporary file left behind
    assert as_rows(read_backup(load_backup_file(path), PW)) == snapshot(source)


def test_write_failure_leaves_the_old_file(source: Vault, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "b.companion"
    path.write_bytes(b"previous")

    def broken(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(backup.os, "replace", broken)
    with pytest.raises(OSError):
        write_backup(source, path, PW)
    assert path.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["b.companion"]


def test_unreadable_rows_are_counted_not_fatal(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    try:
        good = vault.add("journal", {"body": "fine"})
        bad = vault.add("journal", {"body": "will be damaged"})
        con = sqlite3.connect(vault.path)
        con.execute("UPDATE records SET ciphertext = ? WHERE id = ?", (b"\x00" * 60, bad.id))
        con.commit()
        con.close()
        stats = write_backup(vault, tmp_path / "b.companion", PW)
        assert (stats.records, stats.unreadable) == (1, 1)
        restored = read_backup((tmp_path / "b.companion").read_bytes(), PW)
        assert [r.id for r in restored] == [good.id]
    finally:
        vault.lock()


def test_suggested_name() -> None:
    assert suggested_backup_name(date(2026, 11, 25)) == "companion-backup-2026-11-25.companion"
    assert suggested_backup_name(datetime(2027, 1, 2, 23, 59)) == "companion-backup-2027-01-02.companion"
    assert re.fullmatch(r"companion-backup-\d{4}-\d\d-\d\d\.companion", suggested_backup_name())


# --- failures: friendly, specific, and nothing changes -----------------------------------------


def test_wrong_passphrase(valid: bytes) -> None:
    with pytest.raises(BackupWrongPassphrase) as caught:
        read_backup(valid, "not the passphrase")
    assert "Nothing was changed" in str(caught.value)


def test_tampered_header_byte_is_detected(valid: bytes) -> None:
    # A harmless-looking change (the date) still breaks the authentication.
    tampered = with_header(valid, lambda h: h.update(created="1999-01-01T00:00:00Z"))
    with pytest.raises(BackupDamaged):
        read_backup(tampered, PW)
    at = valid.index(b'"created":"') + len('"created":"') + 3
    flipped = bytearray(valid)
    flipped[at] = ord("7") if flipped[at] != ord("7") else ord("8")
    with pytest.raises(BackupDamaged):
        read_backup(bytes(flipped), PW)


def test_tampered_body_byte_is_detected(valid: bytes) -> None:
    for at in (len(valid) - 1, len(valid) - 20, len(valid) - 40):
        changed = bytearray(valid)
        changed[at] ^= 0x01
        with pytest.raises(BackupDamaged) as caught:
            read_backup(bytes(changed), PW)
        assert str(caught.value) == (
            "This file isn't a Companion backup, or it has been damaged. Nothing was changed."
        )


def test_changed_salt_reads_as_a_wrong_passphrase(valid: bytes) -> None:
    tampered = with_header(valid, lambda h: h["kdf"].update(salt=backup._b64(bytes(16))))
    with pytest.raises(BackupWrongPassphrase):
        read_backup(tampered, PW)


@pytest.mark.parametrize("cut", [0, 5, 17, 20, 21, 100, -1, -16, -17])
def test_truncated_file(valid: bytes, cut: int) -> None:
    with pytest.raises(BackupDamaged):
        read_backup(valid[:cut], PW)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        os.urandom(4096),
        PDF,
        b"COMPANION-BACKUP",
        MAGIC,
        MAGIC + b"\xff\xff\xff\xff",
        MAGIC + struct.pack(">I", 2) + b"{}" + bytes(40),
        MAGIC + struct.pack(">I", 4) + b"\xff\xfe{}" + bytes(40),
        MAGIC + struct.pack(">I", 2) + b"[]" + bytes(40),
        "ein Tagebuch 🌱".encode() * 100,
    ],
    ids=["empty", "random", "pdf", "no-newline", "magic-only", "huge-length", "empty-header", "utf16", "list"]
    + ["text"],
)
def test_foreign_files(data: bytes) -> None:
    with pytest.raises(BackupDamaged):
        read_backup(data, PW)


def test_too_new_version(valid: bytes) -> None:
    newer = with_header(valid, lambda h: h.update(version=2, kdf={"name": "something-new"}))
    with pytest.raises(BackupTooNew) as caught:
        read_backup(newer, PW)
    assert "newer version of Companion" in str(caught.value)
    assert "Nothing was changed" in str(caught.value)


@pytest.mark.parametrize(
    "change",
    [
        lambda h: h.update(version=0),
        lambda h: h.update(version=True),
        lambda h: h.update(version="1"),
        lambda h: h.update(format="something-else"),
        lambda h: h.update(compression="bzip2"),
        lambda h: h.update(cipher="chacha20"),
        lambda h: h.update(wrapped_key="not base64!"),
        lambda h: h.update(wrapped_key=backup._b64(bytes(10))),
        lambda h: h.pop("kdf"),
        lambda h: h["kdf"].update(name="scrypt"),
        lambda h: h["kdf"].update(salt=backup._b64(b"short")),
        lambda h: h["kdf"].update(memory_kib=2**40),  # would need a terabyte: refused before allocating
        lambda h: h["kdf"].update(iterations=10**6),
        lambda h: h["kdf"].update(lanes=0),
        lambda h: h["kdf"].update(lanes=64, memory_kib=64),  # below Argon2's 8 KiB per lane
        lambda h: h["kdf"].update(memory_kib=1.5),
    ],
)
def test_bad_headers_are_damaged(valid: bytes, change) -> None:
    with pytest.raises(BackupDamaged):
        read_backup(with_header(valid, change), PW)


@pytest.mark.parametrize(
    "records",
    [
        [SAMPLE[0], SAMPLE[0]],  # the same id twice
    ],
)
def test_bad_bodies_are_damaged(records: list[Record]) -> None:
    with pytest.raises(BackupDamaged):
        read_backup(fast_backup(records), PW)


@pytest.mark.parametrize(
    "records",
    [
        [Record("", "journal", 1, 1, {})],
        [Record("x" * 500, "journal", 1, 1, {})],
        [Record("x", "", 1, 1, {})],
        [Record("x", "journal", -1, 1, {})],
        [Record("x", "journal", 1, True, {})],  # type: ignore[arg-type]
        [Record("x", "journal", 1, 1.5, {})],  # type: ignore[arg-type]
        [Record("x", "journal", 1, 1, ["not", "an", "object"])],  # type: ignore[arg-type]
    ],
)
def test_bad_records_are_left_out_and_the_rest_read(records: list[Record]) -> None:
    contents = backup.read_backup_contents(fast_backup([*records, SAMPLE[0]]), PW)
    assert contents.records == [SAMPLE[0]]
    assert contents.left_out == 1


def test_absurd_sizes_are_refused_without_reading_everything(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(backup, "MAX_BODY_BYTES", 100_000)
    big = [Record("big", "journal", 1, 1, {"body": "a" * 200_000})]  # compresses to almost nothing
    with pytest.raises(BackupTooLarge):
        fast_backup(big)
    monkeypatch.setattr(backup, "MAX_BODY_BYTES", 1_000_000)
    bomb = fast_backup(big)
    assert len(bomb) < 5_000
    monkeypatch.setattr(backup, "MAX_BODY_BYTES", 100_000)
    with pytest.raises(BackupTooLarge) as caught:
        read_backup(bomb, PW)
    assert "Nothing was changed" in str(caught.value)
    with pytest.raises(BackupTooLarge):
        read_backup(bomb + bytes(backup.max_file_bytes()), PW)
    huge_file = tmp_path / "huge.companion"
    with huge_file.open("wb") as fh:
        fh.truncate(backup.max_file_bytes() + 1)  # sparse: costs no disk
    with pytest.raises(BackupTooLarge):
        load_backup_file(huge_file)


def test_body_that_is_not_json_or_not_compressed_is_damaged() -> None:
    def sealed(body: bytes) -> bytes:
        good = fast_backup([])
        header, end = header_of(good)
        kek = crypto.derive_passphrase_key(
            PW.encode(),
            backup.base64.b64decode(header["kdf"]["salt"]),
            FAST,
        )
        key = crypto.unwrap_key(kek, backup.base64.b64decode(header["wrapped_key"]), "backup")
        return good[:end] + crypto.seal(key, body, good[:end])

    assert read_backup(sealed(zlib.compress(b'{"records":[]}')), PW) == []
    for body in (
        b"not compressed",
        zlib.compress(b"not json"),
        zlib.compress(b"\xff\xfe"),
        zlib.compress(b'{"records":{}}'),
        zlib.compress(b"[]"),
        zlib.compress(b"[" * 100_000),
        zlib.compress(b'{"records":[]}')[:-3],
        zlib.compress(b'{"records":[]}') + b"trailing",
    ):
        with pytest.raises(BackupDamaged):
            read_backup(sealed(body), PW)


# --- merging ----------------------------------------------------------------------------------


def test_restore_merges_and_never_adds_twice(source: Vault, target: Vault) -> None:
    fill(source)
    wipe(target)
    own = target.add("journal", {"title": "only in the target", "body": "mine"})
    data = export_backup(source, PW)
    n = source.count()

    first = restore_backup(target, data, PW)
    # The target had no settings or drafts of its own, so everything from the backup came in.
    assert (first.added, first.updated, first.already_there) == (n, 0, 0)
    assert target.count() == n + 1
    assert target.get(own.id).payload["body"] == "mine"

    second = restore_backup(target, data, PW)
    assert (second.added, second.updated, second.already_there) == (0, 0, n)
    assert target.count() == n + 1
    assert second.message.startswith("Nothing needed to be added")


def test_newer_copy_wins_either_way(source: Vault, target: Vault) -> None:
    wipe(source)
    wipe(target)
    a = source.add("journal", {"body": "a, first version"})
    b = source.add("journal", {"body": "b, first version"})
    old = export_backup(source, PW)
    restore_backup(target, old, PW)

    target.update(a.id, {"body": "a, edited on this device"})
    source.update(b.id, {"body": "b, edited before the second backup"})
    newer = export_backup(source, PW)

    kept = restore_backup(target, newer, PW)  # by default nothing here is changed ...
    assert (kept.added, kept.updated, kept.already_there, kept.kept_yours) == (0, 0, 1, 1)
    assert target.get(b.id).payload["body"] == "b, first version"
    assert "your version was kept" in kept.message

    result = restore_backup(target, newer, PW, replace_changed=True)  # ... unless the person chooses
    assert (result.added, result.updated, result.already_there) == (0, 1, 1)
    assert target.get(a.id).payload["body"] == "a, edited on this device"
    assert target.get(b.id).payload["body"] == "b, edited before the second backup"
    assert target.search("second backup")  # the search cache follows the update
    assert not target.search("first version b")

    older = restore_backup(target, old, PW)  # an old backup never overwrites newer work
    assert (older.added, older.updated) == (0, 0)
    assert target.get(b.id).payload["body"] == "b, edited before the second backup"


def test_this_journals_own_settings_and_drafts_stay(source: Vault, target: Vault) -> None:
    wipe(source)
    wipe(target)
    Settings(source).set("theme", "from the backup")
    Drafts(source, "journal").save(None, {"body": "draft from the backup"})
    Drafts(source, "checkin").save("some-entry", {"note": "checkin draft from the backup"})
    source.add("journal", {"body": "entry"})
    Settings(target).set("theme", "this device")
    Drafts(target, "journal").save(None, {"body": "draft on this device"})
    data = export_backup(source, PW)

    result = restore_backup(target, data, PW)
    assert (result.added, result.already_there) == (2, 2)  # entry + check-in draft; settings + draft kept
    assert target.count([SETTINGS]) == 1
    assert Settings(target).get("theme") == "this device"
    assert Drafts(target, "journal").find(None)[1] == {"body": "draft on this device"}
    assert Drafts(target, "checkin").find("some-entry")[1] == {"note": "checkin draft from the backup"}
    assert target.count([DRAFT]) == 2


def test_odd_drafts_are_left_out_and_drafts_merge_by_owner(target: Vault) -> None:
    wipe(target)
    odd = [
        Record("d1", DRAFT, 1, 1, {"for_kind": ["journal"], "target": {"x": [1]}, "content": {}}),
        Record("d2", DRAFT, 2, 2, {"content": "no owner"}),
        Record("d3", DRAFT, 3, 3, {}),
        Record("d4", DRAFT, 4, 4, {"for_kind": "journal", "target": None, "content": {"body": "old"}}),
        Record("d5", DRAFT, 5, 5, {"for_kind": "journal", "target": None, "content": {"body": "new"}}),
    ]
    result = restore_backup(target, fast_backup(odd), PW)
    assert (result.added, result.already_there, result.left_out) == (1, 1, 3)  # same owner: the newest
    assert {r.id for r in target.iter_all()} == {"d5"}


def test_settings_come_in_when_the_journal_has_none(target: Vault) -> None:
    wipe(target)
    records = [
        Record("s-old", SETTINGS, 1, 10, {"theme": "old"}),
        Record("s-new", SETTINGS, 2, 20, {"theme": "new"}),
    ]
    result = restore_backup(target, fast_backup(records), PW)
    assert (result.added, result.already_there) == (1, 1)
    assert Settings(target).get("theme") == "new"


def test_failed_restore_changes_nothing(source: Vault, target: Vault, monkeypatch) -> None:
    fill(source)
    wipe(target)
    target.add("journal", {"body": "already here"})
    target.warm_search()
    before = snapshot(target)
    data = export_backup(source, PW)
    calls = {"n": 0}
    real_seal = Vault._seal

    def failing_seal(self, *args):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("power cut")
        return real_seal(self, *args)

    monkeypatch.setattr(Vault, "_seal", failing_seal)
    with pytest.raises(RuntimeError):
        restore_backup(target, data, PW)
    monkeypatch.undo()
    assert calls["n"] == 4
    assert snapshot(target) == before
    assert target.search("Zürich") == []  # nothing half-restored in the search cache either
    assert restore_backup(target, data, PW).added == source.count()


def test_import_records_keeps_ids_times_and_ignores_kind_clashes(target: Vault) -> None:
    wipe(target)
    mine = target.add("journal", {"body": "mine"})
    clash = Record(mine.id, "checkin", 1, mine.updated_us + 10, {"note": "other kind"})
    fresh = Record("fresh-id", "journal", 5, 6, {"body": "fresh"})
    assert target.import_records([clash, fresh]) == (1, 0, 1)
    assert target.get(mine.id) == mine
    assert target.get("fresh-id") == fresh
    assert target.import_records([]) == (0, 0, 0)


def test_restore_result_messages() -> None:
    assert (
        RestoreResult(3, 2, 1).message
        == "Restored: 3 items added and 1 brought up to date; 2 were already here."
    )
    assert RestoreResult(1, 0, 0).message == "Restored: 1 item added."
    assert RestoreResult(0, 1, 2).message == "Restored: 2 brought up to date; 1 was already here."
    assert "already in your journal" in RestoreResult(0, 5, 0).message


def test_errors_are_companion_errors_with_warm_messages() -> None:
    for error in (BackupWrongPassphrase(), BackupDamaged("x"), BackupTooNew(9), BackupTooLarge(512)):
        assert isinstance(error, BackupError) and isinstance(error, CompanionError)
        text = str(error)
        assert text.endswith(".") and "Nothing was changed" in text
        for jargon in ("AES", "GCM", "JSON", "header", "tag", "KDF", "Argon", "zlib"):
            assert jargon not in text


# --- the documented format works without this app ---------------------------------------------


def doc_snippet() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    found = [b for b in blocks if "def decrypt_backup" in b]
    assert len(found) == 1
    return found[0]


def test_doc_snippet_uses_only_the_standard_library_and_cryptography() -> None:
    allowed = {"base64", "json", "struct", "sys", "unicodedata", "zlib", "getpass", "cryptography"}
    for node in ast.walk(ast.parse(doc_snippet())):
        if isinstance(node, ast.Import):
            assert {a.name.split(".")[0] for a in node.names} <= allowed
        elif isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] in allowed


def test_doc_snippet_decrypts_a_real_backup(source: Vault, tmp_path: Path, monkeypatch, capsys) -> None:
    fill(source)
    path = tmp_path / "b.companion"
    write_backup(source, path, PW)
    namespace: dict = {"__name__": "doc_snippet"}
    exec(compile(doc_snippet(), str(DOC), "exec"), namespace)
    decrypted = namespace["decrypt_backup"](path.read_bytes(), PW)
    rows = [Record(**item) for item in decrypted["records"]]
    assert as_rows(rows) == snapshot(source)

    # And as the script a person would run: asks for the passphrase, prints JSON.
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PW)
    monkeypatch.setattr("sys.argv", ["decrypt_companion_backup.py", str(path)])
    exec(compile(doc_snippet(), str(DOC), "exec"), {"__name__": "__main__"})
    printed = json.loads(capsys.readouterr().out)
    assert as_rows([Record(**item) for item in printed["records"]]) == snapshot(source)


# --- fuzzing -----------------------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> tuple[Vault, list[tuple]]:
    vault = new_vault(tmp_path_factory.mktemp("fuzz"))
    vault.add("journal", {"body": "already here"})
    Settings(vault).set("theme", "mine")
    yield vault, snapshot(vault)
    vault.lock()


def refused_and_unchanged(vault: Vault, before: list[tuple], data: bytes) -> None:
    with pytest.raises(BackupError):
        restore_backup(vault, data, PW)
    assert snapshot(vault) == before


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=2048),
        st.binary(max_size=512).map(lambda b: MAGIC + b),
        st.tuples(st.integers(0, 2**32 - 1), st.binary(max_size=512)).map(
            lambda t: MAGIC + struct.pack(">I", t[0]) + t[1]
        ),
    )
)
def test_fuzz_random_bytes_are_refused(fuzz_target, data: bytes) -> None:
    refused_and_unchanged(*fuzz_target, data)


@FUZZ
@given(st.data())
def test_fuzz_truncations_and_bit_flips_are_refused(fuzz_target, valid: bytes, data) -> None:
    how = data.draw(st.sampled_from(["truncate", "flip", "insert", "delete"]))
    at = data.draw(st.integers(0, len(valid) - 1))
    if how == "truncate":
        changed = valid[:at]
    elif how == "flip":
        bit = data.draw(st.integers(0, 7))
        changed = valid[:at] + bytes([valid[at] ^ (1 << bit)]) + valid[at + 1 :]
    elif how == "insert":
        changed = valid[:at] + data.draw(st.binary(min_size=1, max_size=8)) + valid[at:]
    else:
        changed = valid[:at] + valid[at + data.draw(st.integers(1, 8)) :]
    refused_and_unchanged(*fuzz_target, changed)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(st.characters(exclude_categories=("Cs",)), max_size=10), children, max_size=4
        )
    ),
    max_leaves=20,
)
records_strategy = st.lists(
    st.builds(
        Record,
        id=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40),
        kind=st.sampled_from(
            ["journal", "checkin", "feedback", "settings", "draft", "homework", "x-ünknown"]
        ),
        created_us=st.integers(0, 2**62),
        updated_us=st.integers(0, 2**62),
        payload=st.dictionaries(st.text(max_size=12), json_values, max_size=5),
    ),
    max_size=6,
    unique_by=lambda r: r.id,
)


@settings(max_examples=120, deadline=None)
@given(records_strategy, st.text(st.characters(exclude_categories=("Cs",)), max_size=30))
def test_fuzz_random_records_are_read_or_left_out(records: list[Record], passphrase: str) -> None:
    contents = backup.read_backup_contents(fast_backup(records, passphrase), passphrase)
    assert len(contents.records) + contents.left_out == len(records)
    ids = {r.id for r in records}
    assert all(r.id in ids for r in contents.records)


plain_text = st.text(st.characters(exclude_categories=("Cs", "Cf")), max_size=60)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            Record,
            id=st.uuids().map(lambda u: u.hex),
            kind=st.just("journal"),
            created_us=st.integers(0, 1_700_000_000_000_000),
            updated_us=st.integers(0, 1_700_000_000_000_000),
            payload=st.builds(lambda t, b: {"title": t[:200], "body": b}, plain_text, plain_text),
        ),
        max_size=6,
        unique_by=lambda r: r.id,
    )
)
def test_fuzz_round_trip_of_valid_records(records: list[Record]) -> None:
    assert read_backup(fast_backup(records), PW) == records
