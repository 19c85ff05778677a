"""Each page (browser tab) speaks its own language; the lookup follows Flet's current page."""

from __future__ import annotations

import asyncio
import gc

import pytest
from flet.controls.context import _context_page  # Flet sets this for every event handler

from companion.core import i18n
from companion.ui.shell import language


class FakePage:
    """Only what the lookup needs: an identity Flet can hold as the current page."""

    def __init__(self, locales: list[str] | None = None, *, hang: bool = False) -> None:
        self._locales = locales
        self._hang = hang

    async def get_device_info(self):
        if self._hang:
            await asyncio.sleep(60)
        if self._locales is None:
            raise RuntimeError("no device info here")
        return type("Info", (), {"locales": [type("L", (), {"language_code": c})() for c in self._locales]})()


@pytest.fixture(autouse=True)
def _installed():
    language.install()
    yield
    i18n.set_lookup(None)


def _as_page(page, fn):
    token = _context_page.set(page)
    try:
        return fn()
    finally:
        _context_page.reset(token)


def test_two_pages_two_languages():
    german, spanish = FakePage(), FakePage()
    language.set_for(german, "de")
    language.set_for(spanish, "es")
    assert _as_page(german, i18n.current) == "de"
    assert _as_page(spanish, i18n.current) == "es"
    assert i18n.current() == "en"  # outside any page


def test_an_unknown_language_is_kept_as_english():
    page = FakePage()
    language.set_for(page, "fr")
    assert language.of(page) == "en"


def test_a_closed_page_leaves_nothing_behind():
    page = FakePage()
    language.set_for(page, "de")
    key = id(page)
    del page
    gc.collect()
    assert key not in language._BY_PAGE


@pytest.mark.parametrize(
    ("locales", "expected"),
    [(["de", "en"], "de"), (["fr", "es"], "es"), (["fr"], "en"), ([], None), (None, None)],
)
def test_device_preference(locales, expected, monkeypatch):
    monkeypatch.setattr(i18n, "LANGUAGES", dict(i18n.ALL_LANGUAGES))
    assert asyncio.run(language.device_preference(FakePage(locales))) == expected


def test_a_device_that_never_answers_does_not_hold_up_the_app(monkeypatch):
    monkeypatch.setattr(language, "DEVICE_INFO_TIMEOUT_S", 0.05)
    assert asyncio.run(language.device_preference(FakePage(hang=True))) is None
