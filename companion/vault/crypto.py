"""Key derivation, key wrapping and per-record authenticated encryption.

Envelope design: a random 256-bit *data key* encrypts every record; the
passphrase (through Argon2id) and the recovery code (through HKDF, since it is
already 160 random bits) only *wrap* that data key. Changing the passphrase
therefore rewrites one small header row, never the journal.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import asdict, dataclass

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
RECOVERY_BYTES = 20  # 160 bits, shown as 32 base32 characters

# OWASP's lowest acceptable Argon2id rows: (memory KiB, iterations).
OWASP_FLOOR = ((19 * 1024, 2), (12 * 1024, 3), (9 * 1024, 4), (7 * 1024, 5), (47 * 1024, 1))


class DecryptionFailed(Exception):
    """Authentication failed: wrong key, or the bytes or their context changed."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id settings, stored in the vault header so they can be raised later."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4
    algorithm: str = "argon2id"

    def meets_owasp_floor(self) -> bool:
        return self.algorithm == "argon2id" and any(
            self.memory_kib >= mem and self.iterations >= it for mem, it in OWASP_FLOOR
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> KdfParams:
        data = json.loads(text)
        return cls(
            memory_kib=int(data["memory_kib"]),
            iterations=int(data["iterations"]),
            lanes=int(data["lanes"]),
            algorithm=str(data["algorithm"]),
        )


DEFAULT_KDF = KdfParams()


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def derive_passphrase_key(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    if params.algorithm != "argon2id":
        raise ValueError(f"unsupported key derivation {params.algorithm!r}")
    try:
        kdf = Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=params.iterations,
            lanes=params.lanes,
            memory_cost=params.memory_kib,
        )
        return kdf.derive(secret)
    except UnsupportedAlgorithm:
        return _argon2id_fallback(secret, salt, params)


def _argon2id_fallback(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    """The same Argon2id through argon2-cffi, for builds whose OpenSSL lacks it.

    The phone builds of `cryptography` link an OpenSSL without Argon2; argon2-cffi computes
    the identical key (tested), so a journal made on one device opens on the other.
    """
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret,
        salt,
        time_cost=params.iterations,
        memory_cost=params.memory_kib,
        parallelism=params.lanes,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def derive_recovery_key(code_bytes: bytes, salt: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"companion/recovery/v1")
    return hkdf.derive(code_bytes)


def _aead(key: bytes | AESGCM) -> AESGCM:
    return key if isinstance(key, AESGCM) else AESGCM(key)


def seal(key: bytes | AESGCM, plaintext: bytes, aad: bytes) -> bytes:
    """AES-256-GCM with a fresh random nonce, returned as nonce || ciphertext+tag.

    Random 96-bit nonces are safe here: a journal writes far fewer than the
    2^32 messages per key at which collisions would start to matter.
    """
    nonce = os.urandom(NONCE_BYTES)
    return nonce + _aead(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes | AESGCM, blob: bytes, aad: bytes) -> bytes:
    if len(blob) < NONCE_BYTES + 16:
        raise DecryptionFailed("ciphertext too short")
    try:
        return _aead(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except InvalidTag as exc:
        raise DecryptionFailed("authentication failed") from exc


def wrap_key(wrapping_key: bytes, data_key: bytes, purpose: str) -> bytes:
    return seal(wrapping_key, data_key, b"companion/wrap/v1/" + purpose.encode())


def unwrap_key(wrapping_key: bytes, wrapped: bytes, purpose: str) -> bytes:
    return open_sealed(wrapping_key, wrapped, b"companion/wrap/v1/" + purpose.encode())


def record_aad(record_id: str, kind: str, fmt: int) -> bytes:
    """Binds a ciphertext to its row: moved to another id or kind, it won't open."""
    return (
        b"companion/record\x00" + record_id.encode() + b"\x00" + kind.encode() + b"\x00" + str(fmt).encode()
    )


# --- recovery codes -------------------------------------------------------------------------

_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
# Characters people confuse when copying a code by hand.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})


def new_recovery_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode()
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def recovery_code_bytes(code: str) -> bytes:
    """Accept the code however it was copied: any case, spaces, dashes, 0/O and 1/I mixed."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_LOOKALIKES)
    if len(cleaned) != 32 or any(ch not in _B32 for ch in cleaned):
        raise ValueError("not a recovery code")
    return base64.b32decode(cleaned)
