"""Which language each page (each browser tab, each window) speaks.

`core.i18n` asks "which language does the code running now use?"; the answer here is the one
kept for the page Flet says is running it (Flet sets that page for every event handler, and
`asyncio.to_thread` and `page.run_task` carry it along). Kept per page, never one global: two
tabs are two sessions and may be in different journals.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref

import flet as ft

from companion.core import i18n

_BY_PAGE: dict[int, str] = {}
DEVICE_INFO_TIMEOUT_S = 3.0


def _running_page_language() -> str | None:
    try:
        page = ft.context.page
    except RuntimeError:  # outside any page: tests, the command line
        return None
    return _BY_PAGE.get(id(page))


def install() -> None:
    """Point `core.i18n` at the pages' languages (idempotent: every page's main calls it)."""
    i18n.set_lookup(_running_page_language)


def set_for(page: ft.Page, language: str) -> None:
    key = id(page)
    if key not in _BY_PAGE:
        with contextlib.suppress(TypeError):  # a stand-in page in a test may not take weak references
            weakref.finalize(page, _BY_PAGE.pop, key, None)  # a closed tab leaves nothing behind
    _BY_PAGE[key] = language if i18n.supported(language) else i18n.DEFAULT


# Flutter's own words (a date picker's month names, "Tab 1 of 5" for a screen reader) follow
# the page's locale; English keeps Flutter's default, as it always had.
_FLUTTER_LOCALES = {"en": ("en", "US"), "de": ("de", "DE"), "es": ("es", "ES")}


def tell_flutter(page: ft.Page, language: str) -> None:
    """Let Flutter's built-in texts speak ``language`` too (sent with the next page update)."""
    if language == i18n.DEFAULT and getattr(page, "locale_configuration", None) is None:
        return
    page.locale_configuration = ft.LocaleConfiguration(
        supported_locales=[ft.Locale(*code) for code in _FLUTTER_LOCALES.values()],
        current_locale=ft.Locale(*_FLUTTER_LOCALES.get(language, _FLUTTER_LOCALES[i18n.DEFAULT])),
    )


def of(page: ft.Page) -> str:
    return _BY_PAGE.get(id(page), i18n.DEFAULT)


async def device_preference(page: ft.Page) -> str | None:
    """The language the phone, computer or browser asks for; None if it doesn't say in time."""
    try:
        info = await asyncio.wait_for(page.get_device_info(), DEVICE_INFO_TIMEOUT_S)
    except Exception:  # noqa: BLE001 - an unknown device keeps the language we started with
        return None
    locales = getattr(info, "locales", None) or []
    tags = [getattr(locale, "language_code", None) for locale in locales]
    if not any(tags):
        return None
    return i18n.pick_language(tags)
