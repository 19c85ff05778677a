"""Which language Companion speaks right now, and the words in it.

User-facing text is written in English in the code and wrapped in ``_()``; German and Spanish
come from gettext catalogues (``companion/locale/<lang>/LC_MESSAGES/companion.po``, compiled
to ``.mo`` beside it, extracted and compiled with Babel: ``python -m build_scripts.i18n``).

The language is not a module global: in the web build every browser tab is its own session in
one process, and two tabs may be on different screens of different journals. The UI installs a
*lookup* that answers "which language does the session running this code use?" (Flet keeps
the current page in a context variable for every event). Code outside any session (tests, the
command line, worker threads started with a copied context) can pin a language with
:func:`use`. English is the fallback everywhere, so a missing translation shows English, never
an empty label.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources

__all__ = [
    "ALL_LANGUAGES",
    "DEFAULT",
    "LANGUAGES",
    "READY",
    "N_",
    "_",
    "current",
    "device_language",
    "ngettext",
    "offered",
    "pick_language",
    "set_lookup",
    "supported",
    "use",
]

DEFAULT = "en"
# Each language by its own name: a person looking for theirs reads it in that language.
ALL_LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "es": "Español"}
# Offered to people (followed from the device, listed in Settings) only once every screen, the
# summary and the vocabulary speak it: half an app in German is worse than all of it in English.
# Languages not yet offered can still be pinned with `use()` (tests, checking translations).
READY: tuple[str, ...] = ("en", "de", "es")
LANGUAGES: dict[str, str] = {code: ALL_LANGUAGES[code] for code in READY}
DOMAIN = "companion"

_pinned: ContextVar[str | None] = ContextVar("companion_language", default=None)
_lookup: Callable[[], str | None] | None = None


def supported(language: object) -> bool:
    """A language Companion has words for (catalogues and vocabulary), offered or not yet."""
    return isinstance(language, str) and language in ALL_LANGUAGES


def offered(language: object) -> bool:
    """A language a person can get: from their device, or by choosing it in Settings."""
    return isinstance(language, str) and language in LANGUAGES


def set_lookup(lookup: Callable[[], str | None] | None) -> None:
    """Install how the running session's language is found (the UI does this once)."""
    global _lookup
    _lookup = lookup


def current() -> str:
    """The language of the code running now: pinned by :func:`use`, else the session's, else English."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    if _lookup is not None:
        found = _lookup()
        if supported(found):
            return found  # type: ignore[return-value]
    return DEFAULT


@contextmanager
def use(language: str) -> Iterator[None]:
    """Speak ``language`` inside the block (an unknown one means English)."""
    token = _pinned.set(language if supported(language) else DEFAULT)
    try:
        yield
    finally:
        _pinned.reset(token)


def pick_language(preferences: Iterable[str | None]) -> str:
    """The first offered language among locale tags in order of preference ("de-AT", "es_MX.UTF-8")."""
    for tag in preferences:
        if not tag:
            continue
        base = tag.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
        if base in LANGUAGES:
            return base
    return DEFAULT


def device_language(environ: dict[str, str] | None = None) -> str:
    """The language this computer's settings ask for (desktop and the local web build)."""
    env = os.environ if environ is None else environ
    tags: list[str] = []
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        tags.extend(value.split(":"))  # LANGUAGE may list several: "de_AT:de:en"
    return pick_language(tags)


@cache
def _catalogue(language: str) -> _gettext.NullTranslations:
    """The compiled catalogue, read through importlib.resources so it works from a zip too."""
    path = resources.files("companion") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, OSError):
        return _gettext.NullTranslations()
    return _gettext.GNUTranslations(io.BytesIO(data))


def _(message: str) -> str:
    """``message`` in the current language (English when there is no translation)."""
    language = current()
    if language == DEFAULT:
        return message
    return _catalogue(language).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted phrase that fits ``count`` in the current language."""
    language = current()
    if language == DEFAULT:
        return singular if count == 1 else plural
    return _catalogue(language).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark text for translation where it is defined (a constant); translate it with ``_()`` where shown."""
    return message
