"""The language of the code running now: pinned, per session, or English."""

from __future__ import annotations

import asyncio
import contextvars

import pytest

from companion.core import i18n
from companion.core.i18n import _, ngettext


@pytest.fixture(autouse=True)
def _no_lookup():
    i18n.set_lookup(None)
    yield
    i18n.set_lookup(None)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["de-AT"], "de"),
        (["es_MX.UTF-8"], "es"),
        (["fr-FR", "es-ES", "en"], "es"),
        (["fr", "it"], "en"),
        ([None, "", "DE"], "de"),
        (["sr@latin"], "en"),
        ([], "en"),
    ],
)
def test_pick_language_takes_the_first_supported(tags, expected, monkeypatch):
    monkeypatch.setattr(i18n, "LANGUAGES", dict(i18n.ALL_LANGUAGES))
    assert i18n.pick_language(tags) == expected


def test_only_offered_languages_are_picked(monkeypatch):
    monkeypatch.setattr(i18n, "LANGUAGES", {"en": "English"})
    assert i18n.pick_language(["de-DE", "es"]) == "en"
    assert not i18n.offered("de") and i18n.supported("de")


def test_device_language_reads_the_usual_variables_in_order(monkeypatch):
    monkeypatch.setattr(i18n, "LANGUAGES", dict(i18n.ALL_LANGUAGES))
    assert i18n.device_language({"LANGUAGE": "fr:es:en", "LANG": "de_DE.UTF-8"}) == "es"
    assert i18n.device_language({"LC_ALL": "de_CH.UTF-8", "LANG": "es_ES.UTF-8"}) == "de"
    assert i18n.device_language({"LANG": "C.UTF-8"}) == "en"
    assert i18n.device_language({}) == "en"


def test_english_when_nothing_says_otherwise():
    assert i18n.current() == "en"
    assert _("Lock") == "Lock"
    assert ngettext("{n} entry", "{n} entries", 1) == "{n} entry"
    assert ngettext("{n} entry", "{n} entries", 2) == "{n} entries"


def test_use_pins_and_restores():
    with i18n.use("de"):
        assert i18n.current() == "de"
        with i18n.use("es"):
            assert i18n.current() == "es"
        assert i18n.current() == "de"
    assert i18n.current() == "en"
    with i18n.use("xx"):  # an unknown code means English, never an error
        assert i18n.current() == "en"


def test_the_session_lookup_answers_unless_pinned():
    i18n.set_lookup(lambda: "es")
    assert i18n.current() == "es"
    with i18n.use("de"):
        assert i18n.current() == "de"
    i18n.set_lookup(lambda: "klingon")
    assert i18n.current() == "en"
    i18n.set_lookup(lambda: None)
    assert i18n.current() == "en"


def test_translations_are_found_for_german_and_spanish():
    with i18n.use("de"):
        german = _("Lock")
    with i18n.use("es"):
        spanish = _("Lock")
    assert german not in ("", "Lock")
    assert spanish not in ("", "Lock", german)


def test_a_worker_thread_keeps_the_language_it_was_started_in():
    async def run() -> str:
        with i18n.use("de"):
            return await asyncio.to_thread(i18n.current)

    assert asyncio.run(run()) == "de"
    ctx = contextvars.copy_context()
    assert ctx.run(i18n.current) == "en"


def test_unknown_text_falls_back_to_english():
    with i18n.use("es"):
        assert _("A sentence nobody wrapped 7f3a") == "A sentence nobody wrapped 7f3a"
