"""Passphrase normalisation and strength hints, and that odd passphrases still open a vault."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.errors import PassphraseTooShort, WrongPassphrase
from companion.vault import passphrase as passphrase_rules
from companion.vault.unlock_guard import guard_for
from companion.vault.vault import Vault

# Every code point except lone surrogates (which cannot come from a keyboard or be UTF-8 encoded).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)


def _try_unlock(path: Path, passphrase: str) -> Vault:
    guard_for(path).succeeded()  # these tests are about normalisation, not about waiting
    return Vault.unlock(path, passphrase)


def _round_trip(tmp_path: Path, create_with: str, unlock_with: str) -> None:
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, create_with)
    record = vault.add("journal", {"body": "still here"})
    vault.lock()
    reopened = _try_unlock(path, unlock_with)
    try:
        assert reopened.get(record.id).payload == {"body": "still here"}
    finally:
        reopened.lock()


# --- normalisation -----------------------------------------------------------------------------


def test_composed_and_decomposed_are_the_same():
    composed = "caf\u00e9 cr\u00e8me"
    decomposed = "cafe\u0301 cre\u0300me"
    assert composed != decomposed
    assert (
        passphrase_rules.normalise(composed)
        == passphrase_rules.normalise(decomposed)
        == "café crème".encode()
    )
    assert passphrase_rules.length(composed) == passphrase_rules.length(decomposed) == 10


def test_full_width_and_compatibility_forms_fold():
    assert passphrase_rules.normalise("ｃｏｒｒｅｃｔ　ｈｏｒｓｅ") == b"correct horse"
    assert passphrase_rules.normalise("\ufb01ve \u2460") == b"five 1"  # ligature fi, circled one


def test_outer_whitespace_is_trimmed_inner_kept():
    assert passphrase_rules.normalise("  \t my  pass phrase \n\u3000") == b"my  pass phrase"
    assert passphrase_rules.length("   abc   ") == 3
    assert passphrase_rules.normalise("a b") != passphrase_rules.normalise("ab")


def test_case_is_significant():
    assert passphrase_rules.normalise("Horse") != passphrase_rules.normalise("horse")


@given(any_text)
def test_all_normal_forms_give_the_same_bytes(text):
    expected = passphrase_rules.normalise(text)
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        assert passphrase_rules.normalise(unicodedata.normalize(form, text)) == expected
    assert passphrase_rules.normalise(" \t" + text + "\n ") == expected


@given(any_text)
def test_normalise_is_idempotent(text):
    once = passphrase_rules.normalise(text)
    assert passphrase_rules.normalise(once.decode("utf-8")) == once


@settings(max_examples=300)
@given(any_text)
def test_odd_unicode_never_crashes(text):
    raw = passphrase_rules.normalise(text)
    assert isinstance(raw, bytes)
    n = passphrase_rules.length(text)
    assert n == len(raw.decode("utf-8"))
    result = passphrase_rules.strength(text)
    assert result.level in (0, 1, 2, 3)
    assert result.hint
    # The hint and the gate at creation agree: acceptable exactly when long enough.
    assert result.acceptable == (n >= passphrase_rules.MIN_LENGTH)
    assert (result.level == 0) == (not result.acceptable)


# --- strength ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\u3000\u3000", "\t\n"])
def test_strength_empty(text):
    result = passphrase_rules.strength(text)
    assert (result.level, result.acceptable) == (0, False)


@pytest.mark.parametrize("text", ["a", "short", "1234567", "  abcdefg  ", "ｓｈｏｒｔ"])
def test_strength_too_short(text):
    result = passphrase_rules.strength(text)
    assert (result.level, result.acceptable) == (0, False)
    assert str(passphrase_rules.MIN_LENGTH) in result.hint


@pytest.mark.parametrize(
    "text",
    ["password", "PASSWORD", "  Password ", "12345678", "companion", "aaaaaaaaaaaa", "abababababab"],
)
def test_strength_common_is_weak(text):
    result = passphrase_rules.strength(text)
    assert (result.level, result.acceptable) == (1, True)
    assert "guess" in result.hint


@pytest.mark.parametrize(
    "text",
    ["correct horse battery staple", "my cat naps on the warm radiator", "Seven Blue Kites Over Utrecht"],
)
def test_strength_long_multiword_is_strong(text):
    result = passphrase_rules.strength(text)
    assert (result.level, result.acceptable) == (3, True)


def test_strength_middle_levels():
    assert passphrase_rules.strength("sunflowe").level == 1  # eight lower-case letters
    assert passphrase_rules.strength("sunflowers12").level == 2  # twelve characters
    assert passphrase_rules.strength("Sunfl0wer!").level == 2  # short but varied
    assert passphrase_rules.strength("Sunfl0wer!Garden").level == 3  # 16 characters, four classes


def test_strength_never_gets_worse_by_appending_words():
    text = "lantern"
    previous = passphrase_rules.strength(text).level
    for word in ["meadow", "quiet", "river", "copper", "autumn"]:
        text = f"{text} {word}"
        level = passphrase_rules.strength(text).level
        assert level >= previous
        previous = level
    assert previous == 3


# --- end to end with a vault -------------------------------------------------------------------


def test_vault_opens_with_decomposed_form(tmp_path):
    composed = "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e"
    decomposed = "cafe\u0301 cre\u0300me bru\u0302le\u0301e"
    _round_trip(tmp_path, composed, decomposed)


def test_vault_opens_with_full_width_typing(tmp_path):
    _round_trip(tmp_path, "ｃｏｒｒｅｃｔ　ｈｏｒｓｅ　２０２４", "correct horse 2024")


def test_vault_opens_with_surrounding_whitespace(tmp_path):
    _round_trip(tmp_path, "  padded pass phrase\t\n", "padded pass phrase")


def test_vault_rejects_too_short_after_trimming(tmp_path):
    path = tmp_path / "journal.sqlite"
    with pytest.raises(PassphraseTooShort):
        Vault.create(path, "\u3000  abcdefg  \u3000")
    assert not path.exists()


def test_no_upper_bound_on_length(tmp_path):
    long_passphrase = ("river stone, quiet lantern; " * 400)[:10_000]
    assert len(long_passphrase) == 10_000
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, long_passphrase)
    record = vault.add("journal", {"body": "long"})
    vault.lock()
    reopened = _try_unlock(path, long_passphrase)
    assert reopened.get(record.id).payload == {"body": "long"}
    reopened.lock()
    almost = long_passphrase[:5000] + "X" + long_passphrase[5001:]
    with pytest.raises(WrongPassphrase):
        _try_unlock(path, almost)
    guard_for(path).succeeded()


@pytest.mark.parametrize(
    "passphrase",
    [
        "🔐🌈 my journal ✨ 2024",
        "👨\u200d👩\u200d👧\u200d👦 family 🇳🇱 flags",
        "שלום עולם זו סיסמה",
        "كلمة سر طويلة جدا",
        "\u202eright to left override\u202c",
        "e\u0301te\u0301 n\u0303 z\u0308 combining",
        "zero\u200bwidth\u200cnon\u200djoiner\u2060\ufeffchars",
        "Καλημέρα κόσμε 世界 こんにちは",
    ],
)
def test_odd_unicode_passphrases_work_end_to_end(tmp_path, passphrase):
    path = tmp_path / "journal.sqlite"
    vault, _ = Vault.create(path, passphrase)
    record = vault.add("journal", {"body": passphrase})
    vault.lock()
    for variant in (passphrase, unicodedata.normalize("NFD", passphrase)):
        reopened = _try_unlock(path, variant)
        assert reopened.get(record.id).payload == {"body": passphrase}
        reopened.lock()
