"""Key derivation parameters, AEAD sealing, key wrapping and recovery codes."""

from __future__ import annotations

import base64
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.vault import crypto
from companion.vault.crypto import DecryptionFailed, KdfParams

# Cheap Argon2id settings for tests that only check determinism, never used for a vault.
FAST_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)

keys = st.binary(min_size=crypto.KEY_BYTES, max_size=crypto.KEY_BYTES)
plaintexts = st.binary(max_size=4096)
aads = st.binary(max_size=256)


# --- KdfParams ---------------------------------------------------------------------------------


def test_default_kdf_meets_owasp_floor():
    params = crypto.DEFAULT_KDF
    assert params == KdfParams()
    assert params.algorithm == "argon2id"
    assert params.memory_kib >= 64 * 1024  # 64 MiB
    assert params.iterations >= 3
    assert params.lanes >= 1
    assert params.meets_owasp_floor()


@pytest.mark.parametrize(
    ("memory_kib", "iterations", "ok"),
    [
        (19 * 1024, 2, True),
        (19 * 1024 - 1, 2, False),
        (12 * 1024, 3, True),
        (12 * 1024 - 1, 3, False),
        (9 * 1024, 4, True),
        (7 * 1024, 5, True),
        (7 * 1024 - 1, 5, False),
        (47 * 1024, 1, True),
        (47 * 1024 - 1, 1, False),
        (64 * 1024, 1, True),
        (1024, 10, False),
        (64, 1, False),
    ],
)
def test_owasp_floor_rows(memory_kib, iterations, ok):
    assert KdfParams(memory_kib=memory_kib, iterations=iterations).meets_owasp_floor() is ok


@pytest.mark.parametrize("algorithm", ["argon2i", "argon2d", "scrypt", "ARGON2ID", ""])
def test_owasp_floor_requires_argon2id(algorithm):
    assert not KdfParams(algorithm=algorithm).meets_owasp_floor()


@given(
    st.builds(
        KdfParams,
        memory_kib=st.integers(1, 2**31),
        iterations=st.integers(1, 2**16),
        lanes=st.integers(1, 2**10),
        algorithm=st.text(max_size=20),
    )
)
def test_kdf_params_json_round_trip(params):
    text = params.to_json()
    assert json.loads(text) == {
        "memory_kib": params.memory_kib,
        "iterations": params.iterations,
        "lanes": params.lanes,
        "algorithm": params.algorithm,
    }
    assert KdfParams.from_json(text) == params


def test_default_kdf_json_round_trip():
    assert KdfParams.from_json(crypto.DEFAULT_KDF.to_json()) == crypto.DEFAULT_KDF


def test_derive_passphrase_key_is_deterministic_and_input_sensitive():
    salt = bytes(range(crypto.SALT_BYTES))
    key = crypto.derive_passphrase_key(b"secret words", salt, FAST_KDF)
    assert len(key) == crypto.KEY_BYTES
    assert crypto.derive_passphrase_key(b"secret words", salt, FAST_KDF) == key
    assert crypto.derive_passphrase_key(b"secret word", salt, FAST_KDF) != key
    assert crypto.derive_passphrase_key(b"secret words", bytes(crypto.SALT_BYTES), FAST_KDF) != key
    other = KdfParams(memory_kib=64, iterations=2, lanes=1)
    assert crypto.derive_passphrase_key(b"secret words", salt, other) != key


def test_derive_passphrase_key_rejects_unknown_algorithm():
    with pytest.raises(ValueError):
        crypto.derive_passphrase_key(b"x", crypto.new_salt(), KdfParams(algorithm="scrypt"))


def test_salts_and_data_keys_are_fresh():
    salts = {crypto.new_salt() for _ in range(200)}
    data_keys = {crypto.new_data_key() for _ in range(200)}
    assert len(salts) == 200 and all(len(s) == crypto.SALT_BYTES for s in salts)
    assert len(data_keys) == 200 and all(len(k) == crypto.KEY_BYTES for k in data_keys)


# --- seal / open -------------------------------------------------------------------------------


@given(key=keys, plaintext=plaintexts, aad=aads)
def test_seal_open_round_trip(key, plaintext, aad):
    blob = crypto.seal(key, plaintext, aad)
    assert len(blob) == crypto.NONCE_BYTES + len(plaintext) + 16
    assert crypto.open_sealed(key, blob, aad) == plaintext


@given(plaintext=st.binary(min_size=8, max_size=512))
def test_sealed_blob_does_not_contain_plaintext(plaintext):
    key = crypto.new_data_key()
    blob = crypto.seal(key, plaintext, b"")
    assert plaintext not in blob[crypto.NONCE_BYTES :]


def test_nonces_are_unique_across_many_seals():
    key = crypto.new_data_key()
    blobs = [crypto.seal(key, b"same text every time", b"aad") for _ in range(20_000)]
    nonces = {blob[: crypto.NONCE_BYTES] for blob in blobs}
    assert len(nonces) == len(blobs)
    assert len(set(blobs)) == len(blobs)


@given(key=keys, plaintext=plaintexts, aad=aads, data=st.data())
def test_flipping_any_byte_fails(key, plaintext, aad, data):
    blob = crypto.seal(key, plaintext, aad)
    position = data.draw(st.integers(0, len(blob) - 1), label="position")
    mask = data.draw(st.integers(1, 255), label="mask")
    tampered = bytearray(blob)
    tampered[position] ^= mask
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(key, bytes(tampered), aad)


@given(key=keys, plaintext=plaintexts, aad=aads, data=st.data())
def test_truncated_or_extended_blob_fails(key, plaintext, aad, data):
    blob = crypto.seal(key, plaintext, aad)
    cut = data.draw(st.integers(0, len(blob) - 1), label="cut")
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(key, blob[:cut], aad)
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(key, blob + data.draw(st.binary(min_size=1, max_size=4)), aad)


@given(key=keys, plaintext=plaintexts, aad=aads, other=aads)
def test_different_aad_fails(key, plaintext, aad, other):
    if other == aad:
        other = aad + b"\x00"
    blob = crypto.seal(key, plaintext, aad)
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(key, blob, other)


@given(key=keys, other=keys, plaintext=plaintexts, aad=aads)
def test_wrong_key_fails(key, other, plaintext, aad):
    if other == key:
        other = bytes(b ^ 1 for b in key)
    blob = crypto.seal(key, plaintext, aad)
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(other, blob, aad)


# --- key wrapping ------------------------------------------------------------------------------


def test_wrap_unwrap_round_trip():
    kek, data_key = crypto.new_data_key(), crypto.new_data_key()
    wrapped = crypto.wrap_key(kek, data_key, "passphrase")
    assert data_key not in wrapped
    assert crypto.unwrap_key(kek, wrapped, "passphrase") == data_key


def test_unwrap_with_wrong_key_fails():
    kek, data_key = crypto.new_data_key(), crypto.new_data_key()
    wrapped = crypto.wrap_key(kek, data_key, "passphrase")
    with pytest.raises(DecryptionFailed):
        crypto.unwrap_key(crypto.new_data_key(), wrapped, "passphrase")


@pytest.mark.parametrize("wrong_purpose", ["recovery", "Passphrase", "passphrase ", ""])
def test_unwrap_with_wrong_purpose_fails(wrong_purpose):
    kek, data_key = crypto.new_data_key(), crypto.new_data_key()
    wrapped = crypto.wrap_key(kek, data_key, "passphrase")
    with pytest.raises(DecryptionFailed):
        crypto.unwrap_key(kek, wrapped, wrong_purpose)


def test_wrapped_key_does_not_open_as_a_record():
    kek, data_key = crypto.new_data_key(), crypto.new_data_key()
    wrapped = crypto.wrap_key(kek, data_key, "passphrase")
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(kek, wrapped, crypto.record_aad("passphrase", "journal", 1))


def test_record_aad_binds_id_kind_and_format():
    base = crypto.record_aad("abc", "journal", 1)
    variants = [
        crypto.record_aad("abd", "journal", 1),
        crypto.record_aad("abc", "draft", 1),
        crypto.record_aad("abc", "journal", 2),
    ]
    assert all(v != base for v in variants)
    key = crypto.new_data_key()
    blob = crypto.seal(key, b"{}", base)
    for aad in variants:
        with pytest.raises(DecryptionFailed):
            crypto.open_sealed(key, blob, aad)


# --- recovery codes ----------------------------------------------------------------------------

CODE_RE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$")


def _format_code(raw: bytes) -> str:
    text = base64.b32encode(raw).decode()
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def test_recovery_code_format():
    codes = [crypto.new_recovery_code() for _ in range(500)]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert CODE_RE.match(code), code
        raw = crypto.recovery_code_bytes(code)
        assert len(raw) == crypto.RECOVERY_BYTES
        assert _format_code(raw) == code


@given(st.binary(min_size=crypto.RECOVERY_BYTES, max_size=crypto.RECOVERY_BYTES))
def test_recovery_code_bytes_round_trip(raw):
    assert crypto.recovery_code_bytes(_format_code(raw)) == raw


_LOOKALIKE = {"O": "0", "I": "1", "B": "8", "G": "9"}


@given(raw=st.binary(min_size=crypto.RECOVERY_BYTES, max_size=crypto.RECOVERY_BYTES), data=st.data())
def test_recovery_code_accepts_sloppy_copies(raw, data):
    code = base64.b32encode(raw).decode()
    typed = []
    for ch in code:
        if ch in _LOOKALIKE and data.draw(st.booleans(), label=f"lookalike {ch}"):
            ch = _LOOKALIKE[ch]
        if data.draw(st.booleans(), label="lower"):
            ch = ch.lower()
        typed.append(ch)
        typed.append(data.draw(st.sampled_from(["", "", " ", "-", "  ", " - ", "\t"]), label="sep"))
    sloppy = data.draw(st.sampled_from(["", " ", "\n"])) + "".join(typed)
    assert crypto.recovery_code_bytes(sloppy) == raw


def test_recovery_code_variants_by_hand():
    raw = bytes(range(20))
    code = _format_code(raw)
    assert crypto.recovery_code_bytes(code.lower()) == raw
    assert crypto.recovery_code_bytes(code.replace("-", "")) == raw
    assert crypto.recovery_code_bytes(code.replace("-", " ")) == raw
    assert crypto.recovery_code_bytes(f"  {code}  ") == raw
    # A code full of O and I, typed with zeros and ones.
    raw_oi = base64.b32decode("OIOIOIOIOIOIOIOIOIOIOIOIOIOIOIOI")
    assert crypto.recovery_code_bytes("0101-0101-0101-0101-0101-0101-0101-0101") == raw_oi
    assert crypto.recovery_code_bytes("o1o1 o1o1 o1o1 o1o1 o1o1 o1o1 o1o1 o1o1") == raw_oi


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "hello",
        "not a recovery code at all",
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-456",  # 31 characters
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567A",  # 33 characters
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD",
        "ÉÉÉÉ-ÉÉÉÉ-ÉÉÉÉ-ÉÉÉÉ-ÉÉÉÉ-ÉÉÉÉ-ÉÉÉÉ-ÉÉÉÉ",
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-456Ω",
        "----------------",
    ],
)
def test_recovery_code_rejects_garbage(bad):
    with pytest.raises(ValueError):
        crypto.recovery_code_bytes(bad)


@settings(max_examples=300)
@given(st.text())
def test_recovery_code_bytes_never_crashes(text):
    try:
        raw = crypto.recovery_code_bytes(text)
    except ValueError:
        return
    assert len(raw) == crypto.RECOVERY_BYTES


def test_recovery_key_depends_on_code_and_salt():
    code = crypto.recovery_code_bytes(crypto.new_recovery_code())
    salt = crypto.new_salt()
    key = crypto.derive_recovery_key(code, salt)
    assert len(key) == crypto.KEY_BYTES
    assert crypto.derive_recovery_key(code, salt) == key
    assert crypto.derive_recovery_key(code, crypto.new_salt()) != key
    other = crypto.recovery_code_bytes(crypto.new_recovery_code())
    assert crypto.derive_recovery_key(other, salt) != key


@settings(max_examples=10, deadline=None)
@given(st.binary(min_size=1, max_size=64), st.binary(min_size=16, max_size=16))
def test_phone_fallback_derives_the_same_key(secret: bytes, salt: bytes) -> None:
    """argon2-cffi (used where cryptography lacks Argon2id) must give byte-identical keys."""
    params = KdfParams(memory_kib=8 * 1024, iterations=2, lanes=2)
    assert crypto._argon2id_fallback(secret, salt, params) == crypto.derive_passphrase_key(
        secret, salt, params
    )


def test_unsupported_argon2_in_openssl_uses_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    from cryptography.exceptions import UnsupportedAlgorithm

    class NoArgon2:
        def __init__(self, **_kwargs: object) -> None:
            raise UnsupportedAlgorithm("this OpenSSL has no Argon2")

    params = KdfParams(memory_kib=8 * 1024, iterations=2, lanes=2)
    expected = crypto.derive_passphrase_key(b"secret words", b"s" * 16, params)
    monkeypatch.setattr(crypto, "Argon2id", NoArgon2)
    assert crypto.derive_passphrase_key(b"secret words", b"s" * 16, params) == expected
