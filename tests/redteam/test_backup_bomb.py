"""Finding 7: a small authenticated backup must not inflate into gigabytes of memory.

Anyone who knows a backup's passphrase (or made the file) can write a body that zlib
squeezes a thousandfold: 64 KiB became 64 MiB of JSON and ~1.7 GB of Python objects. The
inflated size, the number of JSON objects and the number of records are now capped, and a
picked file is measured before it is read.
"""

from __future__ import annotations

import os
import tracemalloc
import zlib
from pathlib import Path

import pytest

from companion.core.errors import BackupTooLarge
from companion.export import backup
from companion.vault import crypto

PW = "a long backup passphrase"
FAST = crypto.KdfParams(memory_kib=64, iterations=1, lanes=1)
MIB = 1024 * 1024


def _sealed_body(body: bytes) -> bytes:
    """A correctly encrypted backup around any body (what an attacker with the passphrase makes)."""
    real = backup.pack_backup([], PW, kdf=FAST)
    header, kek_params = backup._split(real)[0], backup._kdf(backup._split(real)[0])
    kek = crypto.derive_passphrase_key(backup.passphrase_rules.normalise(PW), kek_params[1], kek_params[0])
    content_key = crypto.unwrap_key(kek, backup._bytes(header["wrapped_key"], "k"), backup.WRAP_PURPOSE)
    aad = backup._split(real)[1]
    return aad + crypto.seal(content_key, zlib.compress(body, 9), aad)


def test_backup_bomb_is_refused_before_it_fills_memory() -> None:
    body = b'{"records":[],"pad":"' + b"a" * (80 * MIB) + b'"}'
    data = _sealed_body(body)
    del body
    assert len(data) < 200 * 1024  # a small file ...
    tracemalloc.start()
    try:
        with pytest.raises(BackupTooLarge):
            backup.read_backup(data, PW)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * MIB  # ... refused after at most the 64 MiB cap, not 80 MiB + JSON


def test_backup_json_object_count_is_capped() -> None:
    objects = backup.MAX_JSON_OBJECTS + 1 if hasattr(backup, "MAX_JSON_OBJECTS") else 1_000_001
    body = b'{"records":[[' + b"{}," * objects + b"{}]]}"
    with pytest.raises(BackupTooLarge):
        backup.read_backup(_sealed_body(body), PW)


def test_backup_record_count_is_capped() -> None:
    count = getattr(backup, "MAX_RECORDS", 200_000) + 1
    body = b'{"records":[' + b"1," * count + b"1]}"
    with pytest.raises(BackupTooLarge):
        backup.read_backup(_sealed_body(body), PW)


def test_backup_picked_file_is_measured_before_reading(tmp_path: Path) -> None:
    limit = getattr(backup, "MAX_BACKUP_BYTES", 70 * MIB)
    assert limit <= 70 * MIB
    big = tmp_path / "big.companion"
    with big.open("wb") as fh:  # sparse: costs no disk
        fh.truncate(limit + 1)
    assert os.path.getsize(big) == limit + 1
    assert backup.max_file_bytes() == limit  # what the backup screen compares a picked file with
    with pytest.raises(BackupTooLarge):
        backup.load_backup_file(big)


def test_backup_many_short_values_are_capped() -> None:
    """ "ab", is 5 bytes of JSON but ~60 bytes of memory: 62 MiB of them cost ~0.9 GB before."""
    count = getattr(backup, "MAX_JSON_VALUES", 3_000_000) + 1
    body = b'{"records":[],"pad":[' + b'"ab",' * count + b'"ab"]}'
    with pytest.raises(BackupTooLarge):
        backup.read_backup(_sealed_body(body), PW)
