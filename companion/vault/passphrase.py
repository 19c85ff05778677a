"""Passphrase rules: normalisation and a plain-language strength hint.

Normalising (Unicode NFKC, outer whitespace trimmed) means the same passphrase
typed on a phone keyboard, a desktop keyboard or with a different input method
produces the same bytes, so it keeps opening the journal.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from companion.core.i18n import _

MIN_LENGTH = 8

# A few of the most guessed choices; a full list would add weight for little gain
# because the hint is advice, not a gate beyond the minimum length.
_COMMON = {
    "password",
    "passwort",
    "12345678",
    "123456789",
    "1234567890",
    "qwertyuiop",
    "iloveyou",
    "letmein1",
    "password1",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "trustno1",
    "welcome1",
    "abc12345",
    "11111111",
    "00000000",
    "qwerty123",
    "asdfghjk",
    "companion",
    "therapy1",
}


def normalise(passphrase: str) -> bytes:
    """The exact bytes fed to key derivation."""
    return unicodedata.normalize("NFKC", passphrase).strip().encode("utf-8")


def length(passphrase: str) -> int:
    """Length in user-perceived characters after normalisation (roughly code points)."""
    return len(unicodedata.normalize("NFKC", passphrase).strip())


@dataclass(frozen=True)
class Strength:
    level: int  # 0 too short, 1 weak, 2 okay, 3 strong
    acceptable: bool
    hint: str


def strength(passphrase: str) -> Strength:
    """Advice the welcome screen shows while the client types."""
    text = unicodedata.normalize("NFKC", passphrase).strip()
    n = len(text)
    if n == 0:
        return Strength(
            0,
            False,
            _("Choose something only you know, at least {minimum} characters.").format(minimum=MIN_LENGTH),
        )
    if n < MIN_LENGTH:
        return Strength(
            0, False, _("A little longer, please: at least {minimum} characters.").format(minimum=MIN_LENGTH)
        )
    lowered = text.lower()
    if lowered in _COMMON or len(set(lowered)) <= 2:
        return Strength(1, True, _("This one is easy to guess. A few unrelated words would be safer."))
    words = len(text.split())
    classes = sum(
        [
            any(c.islower() for c in text),
            any(c.isupper() for c in text),
            any(c.isdigit() for c in text),
            any(not c.isalnum() for c in text),
        ]
    )
    if n >= 20 or (words >= 4 and n >= 16) or (n >= 14 and classes >= 3):
        return Strength(3, True, _("Strong. Make sure you can remember it."))
    if n >= 12 or classes >= 3:
        return Strength(2, True, _("Good. A few more words would make it even stronger."))
    return Strength(
        1, True, _("Okay, but short. Three or four unrelated words are easy to remember and hard to guess.")
    )
