"""Known answers: a journal written by an earlier build must keep opening, byte for byte the same.

The committed fixture is only ever read; each test works on a copy in a temporary folder.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from companion.core.errors import WrongPassphrase, WrongRecoveryCode
from companion.core.records import Record
from companion.kinds.journal import Entry, Journal
from companion.kinds.settings import CrisisLine, Settings
from companion.vault.storage import SCHEMA_VERSION
from companion.vault.unlock_guard import guard_for
from companion.vault.vault import Vault

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
VAULT = FIXTURES / "vault_v1.sqlite"
ANSWERS = json.loads((FIXTURES / "vault_v1.json").read_text(encoding="utf-8"))
ORIGINAL_SHA256 = hashlib.sha256(VAULT.read_bytes()).hexdigest()


def expected_records() -> list[Record]:
    return [
        Record(r["id"], r["kind"], r["created_us"], r["updated_us"], r["payload"]) for r in ANSWERS["records"]
    ]


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "journal.sqlite"
    shutil.copyfile(VAULT, target)
    return target


@pytest.fixture(autouse=True, scope="module")
def committed_fixture_is_never_modified():
    yield
    assert hashlib.sha256(VAULT.read_bytes()).hexdigest() == ORIGINAL_SHA256
    for suffix in ("-wal", "-shm", "-journal"):
        assert not VAULT.with_name(VAULT.name + suffix).exists()


def test_fixture_is_a_single_self_contained_file():
    assert not VAULT.with_name(VAULT.name + "-wal").exists()
    assert not VAULT.with_name(VAULT.name + "-shm").exists()
    con = sqlite3.connect(f"file:{VAULT}?immutable=1", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        version = con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        assert version == ANSWERS["schema_version"]
        assert con.execute("SELECT COUNT(*) FROM records").fetchone() == (len(ANSWERS["records"]),)
    finally:
        con.close()


def test_expected_records_cover_the_interesting_cases():
    kinds = [r["kind"] for r in ANSWERS["records"]]
    assert kinds.count("journal") >= 3 and kinds.count("settings") == 1
    text = json.dumps(ANSWERS["records"], ensure_ascii=False)
    for sample in ("é", "Κ", "今", "🌱"):
        assert sample in text


def _assert_exact_contents(vault: Vault) -> None:
    expected = expected_records()
    everything = list(vault.iter_all())
    assert sorted(everything, key=lambda r: r.id) == sorted(expected, key=lambda r: r.id)
    assert vault.count() == len(expected)
    for record in expected:
        assert vault.get(record.id) == record
    page = vault.list_page(limit=100)
    assert page.unreadable == []
    assert [r.id for r in page.records] == [
        r.id for r in sorted(expected, key=lambda r: (r.created_us, r.id), reverse=True)
    ]


def test_unlocks_with_passphrase(copy):
    vault = Vault.unlock(copy, ANSWERS["passphrase"])
    try:
        _assert_exact_contents(vault)
        assert json.loads(vault.kdf_params().to_json()) == ANSWERS["kdf"]
    finally:
        vault.lock()
    con = sqlite3.connect(copy)
    try:
        assert con.execute("SELECT MAX(version) FROM schema_version").fetchone() == (SCHEMA_VERSION,)
        header_format = con.execute("SELECT format FROM vault_header").fetchone()[0]
        assert header_format == ANSWERS["vault_format"]
        assert {row[0] for row in con.execute("SELECT DISTINCT fmt FROM records")} == {ANSWERS["record_fmt"]}
    finally:
        con.close()


def test_unlocks_with_recovery_code(copy):
    code = ANSWERS["recovery_code"]
    for typed in (code, code.lower().replace("-", " ")):
        vault = Vault.unlock_with_recovery(copy, typed)
        try:
            _assert_exact_contents(vault)
        finally:
            vault.lock()


def test_wrong_secrets_are_refused(copy):
    with pytest.raises(WrongPassphrase):
        Vault.unlock(copy, ANSWERS["passphrase"] + "!")
    guard_for(copy).succeeded()
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery(copy, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    guard_for(copy).succeeded()


def test_features_read_the_fixture(copy):
    vault = Vault.unlock(copy, ANSWERS["passphrase"])
    try:
        journal = Journal(vault)
        entries = [r for r in ANSWERS["records"] if r["kind"] == "journal"]
        for r in entries:
            assert journal.get(r["id"]) == Entry(r["payload"]["title"], r["payload"]["body"])
        assert [r.id for r in journal.search("cafe seance")] == [entries[0]["id"]]
        assert [r.id for r in journal.search("καλημερα")] == [entries[1]["id"]]
        assert [r.id for r in journal.search("気持ち")] == [entries[2]["id"]]
        (settings_record,) = [r for r in ANSWERS["records"] if r["kind"] == "settings"]
        stored = settings_record["payload"]["crisis_lines"]
        assert Settings(vault).crisis_lines() == [CrisisLine(**line) for line in stored]
    finally:
        vault.lock()


def test_copy_can_be_changed_and_reopened(copy):
    """The old file accepts new writes and a passphrase change without losing anything."""
    vault = Vault.unlock(copy, ANSWERS["passphrase"])
    added = vault.add("journal", {"title": "new", "body": "written by this version"})
    vault.change_passphrase(ANSWERS["passphrase"], "a brand new passphrase")
    vault.lock()
    reopened = Vault.unlock(copy, "a brand new passphrase")
    try:
        assert reopened.get(added.id).payload == {"title": "new", "body": "written by this version"}
        for record in expected_records():
            assert reopened.get(record.id) == record
    finally:
        reopened.lock()
