"""The German and Spanish catalogues: complete, in step with the code, and safe to format."""

from __future__ import annotations

import gettext
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "build_scripts"))
import i18n as catalogue_tool  # noqa: E402  (build_scripts/i18n.py)

LANGUAGES = catalogue_tool.TRANSLATED
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")
# Texts that are the same word in another language, or not words at all.
SAME_EVERYWHERE = {
    " · demo",
    "US Letter",
    "Name {n}",
    "Check-in, {day}: {what}",
    "OK",
    "No",  # Spanish "No"
    "Feedback",  # German uses the word too
    "Check-in",
    "Check-ins",
    "PDF",
    "Markdown",
    "{day}, {time}",
    "%",
    "0",
    "10",
}
CLDR_PATTERN_IDS = {
    "EEEE d MMMM",
    "EEEE d MMMM y",
    "d MMMM",
    "d MMMM y",
    "LLLL y",
    "d MMM",
    "d MMM y",
    "EEE d MMM",
    "EEE d MMM y",
}


def _catalogue(language: str):
    with catalogue_tool.po_path(language).open("rb") as source:
        return read_po(source, locale=language)


def _messages(language: str):
    return [m for m in _catalogue(language) if m.id]


@pytest.fixture(scope="module")
def code_ids() -> set:
    return {m.id for m in catalogue_tool.extract() if m.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_wrapped_text_is_in_the_catalogue(language, code_ids):
    """Run `python build_scripts/i18n.py` after wrapping new text."""
    missing = code_ids - {m.id for m in _messages(language)}
    assert not missing, f"not in {language}.po: {sorted(map(str, missing))[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_is_translated_and_not_fuzzy(language):
    untranslated = [
        m.id
        for m in _messages(language)
        if m.fuzzy or not (all(m.string) if isinstance(m.id, tuple) else m.string)
    ]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated[:15]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    for message in _messages(language):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            if not text:
                continue
            got = set(PLACEHOLDER.findall(text))
            # a singular may say "one" instead of {n}; every other placeholder must stay
            assert got <= wanted, f"{language}: {message.id!r} -> {text!r} has unknown {got - wanted}"
            if len(ids) == 1:
                assert got == wanted, f"{language}: {message.id!r} -> {text!r}"
            text.format(**{p.strip("{}"): "x" for p in wanted})  # no stray braces


def _has_words(text: str) -> bool:
    """Text with words of its own, not only placeholders, numbers and punctuation."""
    return bool(re.search(r"[^\W\d_]{2,}", PLACEHOLDER.sub("", text)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_left(language):
    same = [
        m.id
        for m in _messages(language)
        if isinstance(m.id, str)
        and m.string == m.id
        and m.id not in SAME_EVERYWHERE
        and m.id not in CLDR_PATTERN_IDS
        and _has_words(m.id)
    ]
    assert not same, f"{language} texts still in English: {same[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_date_patterns_are_valid_cldr(language):
    by_id = {m.id: m.string for m in _messages(language)}
    for pattern_id in CLDR_PATTERN_IDS:
        pattern = by_id.get(pattern_id) or pattern_id
        assert format_date(date(2026, 3, 5), pattern, locale=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    """The committed .mo is what `python build_scripts/i18n.py compile` makes of the .po."""
    path = catalogue_tool.po_path(language).with_suffix(".mo")
    with path.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for message in _messages(language):
        if isinstance(message.id, tuple):
            if all(message.string):
                assert compiled.ngettext(message.id[0], message.id[1], 1) == message.string[0]
        elif message.string and not message.fuzzy:
            assert compiled.gettext(message.id) == message.string, message.id


def test_rewriting_an_unchanged_catalogue_leaves_the_file_alone(tmp_path: Path) -> None:
    """Only a changed message rewrites a catalogue: a run over the same code keeps git quiet."""
    from datetime import datetime

    from babel.messages.catalog import Catalog

    path = tmp_path / "companion.po"

    def catalogue(day: int, text: str) -> Catalog:
        made = Catalog(locale="de", project="Companion", creation_date=datetime(2026, 12, day, 9, 0))
        made.add("Save", text)
        return made

    catalogue_tool._write(catalogue(1, "Speichern"), path)
    first = path.read_bytes()
    catalogue_tool._write(catalogue(2, "Speichern"), path)
    assert path.read_bytes() == first
    catalogue_tool._write(catalogue(3, "Sichern"), path)
    assert b'msgstr "Sichern"' in path.read_bytes()
