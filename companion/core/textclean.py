"""Remove invisible format characters from text that comes from outside the app.

Backups and homework cards are made by someone else's hands or tools. Unicode "format"
characters (category Cf: zero-width spaces, left-to-right / right-to-left marks and
overrides, tag characters, the byte-order mark, soft hyphens ...) draw nothing, yet they can
hide words from search, reverse how a line reads, or smuggle text past a reader. Imported
text therefore loses them, with two exceptions that change how real writing looks:

- ZERO WIDTH JOINER (U+200D) between two pictographs builds one emoji ("👩‍💻");
- ZERO WIDTH NON-JOINER (U+200C) and ZWJ between letters of Arabic, Persian, Syriac and
  Indic scripts choose the right letter shapes (Persian "می‌خواهم", Devanagari "क्‍ष").

Emoji variation selectors (U+FE0E/U+FE0F) are nonspacing marks (Mn), not Cf, and stay.
Lone surrogates (Cs) are removed too: they can't be shown or stored as UTF-8.
England/Scotland/Wales flags are tag sequences; they become a plain black flag.
"""

from __future__ import annotations

import unicodedata

ZWNJ = "\u200c"
ZWJ = "\u200d"
_JOINERS = frozenset((ZWNJ, ZWJ))
_STRIPPED_CATEGORIES = frozenset(("Cf", "Cs"))

# Scripts whose letters join or form conjuncts, where ZWJ/ZWNJ are part of correct spelling.
_JOINING_SCRIPT_RANGES: tuple[tuple[int, int], ...] = (
    (0x0600, 0x08FF),  # Arabic, Syriac, Arabic Supplement, Thaana, NKo, Arabic Extended
    (0x0900, 0x0DFF),  # Devanagari ... Sinhala
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0xA8E0, 0xA8FF),  # Devanagari Extended
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFF),  # Arabic Presentation Forms-B
)

# Where pictographic emoji live (plus U+FE0F, which ends many of them before a ZWJ).
_PICTOGRAPH_RANGES: tuple[tuple[int, int], ...] = (
    (0x00A9, 0x00A9),
    (0x00AE, 0x00AE),
    (0x203C, 0x3299),  # arrows, misc technical, dingbats, misc symbols, CJK symbols used as emoji
    (0xFE0F, 0xFE0F),
    (0x1F000, 0x1FAFF),  # emoji blocks, including skin-tone modifiers and regional indicators
)


def _in(ranges: tuple[tuple[int, int], ...], char: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in ranges)


def _is_pictograph(char: str) -> bool:
    return _in(_PICTOGRAPH_RANGES, char) and unicodedata.category(char) not in _STRIPPED_CATEGORIES


def _is_joining_letter(char: str) -> bool:
    return _in(_JOINING_SCRIPT_RANGES, char) and unicodedata.category(char)[0] in "LM"


def _joiner_needed(joiner: str, before: str, after: str) -> bool:
    """A joiner stays only between two characters it actually joins."""
    if _is_joining_letter(before) and _is_joining_letter(after):
        return True
    return joiner == ZWJ and _is_pictograph(before) and _is_pictograph(after)


def is_stripped(char: str) -> bool:
    """Whether ``char`` belongs to a class that `clean_text` removes (joiners: by context)."""
    return unicodedata.category(char) in _STRIPPED_CATEGORIES


def clean_text(text: str) -> str:
    """``text`` without invisible format characters; text that has none comes back unchanged.

    Two steps keep the result stable (cleaning twice changes nothing): first every format
    character except the joiners goes, then each joiner is judged by its neighbours in what
    is left. Two joiners in a row join nothing, so both go.
    """
    if text.isascii() or not any(is_stripped(c) for c in text):
        return text
    kept = [c for c in text if c in _JOINERS or not is_stripped(c)]
    out: list[str] = []
    for index, char in enumerate(kept):
        if char in _JOINERS:
            before = kept[index - 1] if index > 0 else ""
            after = kept[index + 1] if index + 1 < len(kept) else ""
            if not (before and after and _joiner_needed(char, before, after)):
                continue
        out.append(char)
    return "".join(out)


def clean_strings(value: object) -> object:
    """``value`` (JSON-like: dicts, lists, strings ...) with every string and key cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_strings(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(k) if isinstance(k, str) else k: clean_strings(v) for k, v in value.items()}
    return value


__all__ = ["ZWJ", "ZWNJ", "clean_strings", "clean_text", "is_stripped"]
