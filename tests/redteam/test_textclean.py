"""Finding 8: invisible format characters must not survive an import.

Tag characters, zero-width spaces, LRM/RLM, bidi overrides and the other Unicode format
characters (category Cf) draw nothing, yet they hide words from search and reorder what a
line shows. Backups and homework cards come from outside, so both import paths clean them
with `companion.core.textclean.clean_text`, keeping only the joiners that real writing needs.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from conftest import create_vault
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.records import Record
from companion.export import backup
from companion.kinds.homework_card import parse_card
from companion.vault import crypto

HIDDEN = "\u200b\u200e\u200f\u202e\u2066\u2069\ufeff\u00ad\u2060\U000e0041\U000e007f\u061c"
ZWJ, ZWNJ = "\u200d", "\u200c"
PW = "a long backup passphrase"
FAST = crypto.KdfParams(memory_kib=64, iterations=1, lanes=1)
T = 1_750_000_000_000_000


def _clean(text: str) -> str:
    from companion.core.textclean import clean_text

    return clean_text(text)


def _leftovers(text: str) -> set[str]:
    """Format characters still in ``text`` other than the joiners (checked separately)."""
    return {c for c in text if unicodedata.category(c) in ("Cf", "Cs") and c not in (ZWJ, ZWNJ)}


def _joiners_in_context(text: str) -> bool:
    """Every kept joiner has a neighbour on both sides that is not itself a joiner or Cf."""
    for i, c in enumerate(text):
        if c in (ZWJ, ZWNJ):
            if i == 0 or i == len(text) - 1:
                return False
            if unicodedata.category(text[i - 1]) == "Cf" or unicodedata.category(text[i + 1]) == "Cf":
                return False
    return True


any_text = st.text(
    st.one_of(
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from([*HIDDEN, ZWJ, ZWNJ, "\ufe0f", "👩", "💻", "م", "ی", "क", "\u094d", "ष"]),
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_textclean_leaves_no_format_characters_and_is_idempotent(text: str) -> None:
    once = _clean(text)
    assert not _leftovers(once)
    assert _joiners_in_context(once)
    assert _clean(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs", "Cf")), max_size=80))
def test_textclean_text_without_format_characters_is_unchanged(text: str) -> None:
    assert _clean(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\u200bb\u200ec\U000e0041d", "abcd"),
        ("\u202egnp.exe", "gnp.exe"),
        ("👩\u200d💻 at work", "👩\u200d💻 at work"),  # emoji ZWJ sequence stays one emoji
        ("❤\ufe0f\u200d🔥", "❤\ufe0f\u200d🔥"),  # variation selector (Mn) and ZWJ both stay
        ("👍🏽", "👍🏽"),  # skin tone
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian ZWNJ
        ("क्\u200dष", "क्\u200dष"),  # Devanagari ZWJ after virama
        ("a\u200db", "ab"),  # joiners between Latin letters join nothing
        ("👩\u200d\u200d💻", "👩💻"),  # two joiners in a row join nothing
        ("\u200dstart", "start"),
    ],
)
def test_textclean_keeps_joiners_only_where_writing_needs_them(text: str, expected: str) -> None:
    assert _clean(text) == expected


def test_textclean_variation_selectors_are_marks_not_format() -> None:
    assert unicodedata.category("\ufe0f") == unicodedata.category("\ufe0e") == "Mn"


def test_textclean_backup_restore_cleans_every_string(tmp_path: Path) -> None:
    vault = create_vault(tmp_path)
    sneaky = Record(
        "e1",
        "checkin",
        T,
        T,
        {
            "v": 1,
            "note": f"fine{HIDDEN} 👩\u200d💻",
            "body": [{"region": "chest", "sensations": [f"tight{HIDDEN}"], "other": "", "intensity": 3}],
        },
    )
    entry = Record("e2", "journal", T, T, {"title": f"ti\u200btle{HIDDEN}", "body": f"\u202eword{HIDDEN}"})
    backup.restore_backup(vault, backup.pack_backup([sneaky, entry], PW, kdf=FAST), PW)
    stored = {r.id: r for r in vault.iter_all()}
    text = json.dumps([stored["e1"].payload, stored["e2"].payload], ensure_ascii=False)
    assert not _leftovers(text)
    assert stored["e1"].payload["note"] == "fine 👩\u200d💻"
    assert stored["e1"].payload["body"][0]["sensations"] == ["tight"]
    assert stored["e2"].payload == {"title": "title", "body": "word"}


def test_textclean_homework_card_cleans_titles_notes_and_prompts() -> None:
    card = {
        "format": "companion-homework",
        "version": 1,
        "practices": [
            {
                "what": "prompt",
                "title": f"Wri\u200bte{HIDDEN}",
                "note": f"every\u2060day{HIDDEN}",
                "prompt": f"What hel\u200fped?{HIDDEN}",
                "often": "daily",
            }
        ],
    }
    (practice,) = parse_card(json.dumps(card).encode(), today=date(2026, 12, 1))
    for text in (practice.title, practice.note, practice.prompt):
        assert not _leftovers(text), repr(text)
    assert (practice.title, practice.note, practice.prompt) == ("Write", "everyday", "What helped?")
