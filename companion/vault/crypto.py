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
import struct
import threading
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

# Argon2id settings a reader accepts (journal header and backup header alike): generous room
# for future increases, but a damaged or hostile header must not make us allocate gigabytes
# or spin for minutes, and values past C integer range must be refused before they reach C.
MAX_KDF_MEMORY_KIB = 1024 * 1024
MAX_KDF_ITERATIONS = 32
MAX_KDF_LANES = 64
MIN_KDF_KIB_PER_LANE = 8  # Argon2's own floor: 8 KiB of memory per lane

# OpenSSL's Argon2id runs its lanes on a shared thread pool; two derivations at once can each
# hold part of the pool and wait for the rest for ever. Every Argon2id call in the process
# (unlock, passphrase change, backups) goes through this one lock. A derivation takes ~0.15 s,
# so waiting for another costs little, and it also caps the memory in use at one derivation.
_ARGON2_LOCK = threading.Lock()


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

    def within_bounds(self) -> bool:
        """Settings a reader may run: not so large that a crafted header exhausts the device."""
        return (
            self.algorithm == "argon2id"
            and 1 <= self.lanes <= MAX_KDF_LANES
            and MIN_KDF_KIB_PER_LANE * self.lanes <= self.memory_kib <= MAX_KDF_MEMORY_KIB
            and 1 <= self.iterations <= MAX_KDF_ITERATIONS
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
    """Argon2id, one derivation at a time in this process (see `_ARGON2_LOCK`)."""
    if not params.within_bounds():
        raise ValueError(f"unsupported key derivation settings {params}")
    with _ARGON2_LOCK:
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


DEVICE_SECRET_BYTES = 32  # the random key "Unlock with fingerprint or face" keeps on the phone


def derive_device_key(secret: bytes, salt: bytes) -> bytes:
    """The key that wraps the data key for fingerprint/face unlock: HKDF of a random 256-bit secret."""
    if len(secret) != DEVICE_SECRET_BYTES:
        raise ValueError("not a device key")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"companion/device/v1")
    return hkdf.derive(secret)


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


def record_aad(record_id: str, kind: str, fmt: int, created_us: int = 0, updated_us: int = 0) -> bytes:
    """Binds a ciphertext to its row: moved to another id or kind, it won't open.

    From format 2 on, the created and updated times are bound too, so a record can't be
    moved to another day or made to look newer by editing the clear timestamp columns.
    Format 1 records (written before) keep their original associated data and still open.
    """
    aad = b"companion/record\x00" + record_id.encode() + b"\x00" + kind.encode() + b"\x00" + str(fmt).encode()
    if fmt >= 2:
        aad += b"\x00" + str(created_us).encode() + b"\x00" + str(updated_us).encode()
    return aad


# --- padding (record format 2) ---------------------------------------------------------------
# Ciphertext length would otherwise equal the text's length to the byte. Padding to buckets
# leaves only a coarse size: 256-byte steps up to 4 KiB (most entries), then 4 KiB steps.

_PAD_LENGTH = struct.Struct(">I")
PAD_SMALL_STEP = 256
PAD_SMALL_LIMIT = 4096
PAD_LARGE_STEP = 4096


def padded_size(length: int) -> int:
    """The bucket a plaintext of ``length`` bytes (plus its length prefix) is padded to."""
    step = PAD_SMALL_STEP if length <= PAD_SMALL_LIMIT else PAD_LARGE_STEP
    return max(step, -(-length // step) * step)


def pad(plain: bytes) -> bytes:
    """A 4-byte length, the bytes, then zeros up to the bucket size."""
    framed = _PAD_LENGTH.pack(len(plain)) + plain
    return framed + bytes(padded_size(len(framed)) - len(framed))


def unpad(padded: bytes) -> bytes:
    """Undo `pad`; a length that doesn't fit means the plaintext is not what we wrote."""
    if len(padded) < _PAD_LENGTH.size:
        raise ValueError("padded payload too short")
    (length,) = _PAD_LENGTH.unpack_from(padded)
    end = _PAD_LENGTH.size + length
    if end > len(padded):
        raise ValueError("padded payload length out of range")
    return padded[_PAD_LENGTH.size : end]


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
