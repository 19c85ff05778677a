"""Emergency and crisis numbers by country, to suggest on the "Need help now" page.

Only a first suggestion: a person in Germany should not be shown 911 and 988 first, so the
region is read from the device's locale and its national numbers lead. Numbers change, so
the page says to check them, and the person can always edit them. Unknown regions fall back
to the caller's defaults (112, 911, 988).

The table is written in English. Its descriptions ("Emergency services", "Free, any time") are
listed in `WORDS` so they reach the translators, and `shown` gives them in the current language;
the organisations' own names ("Samaritans", "TelefonSeelsorge") stay as they are. Country names
come from the language's CLDR data (Babel).
"""

from __future__ import annotations

import json
import locale
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from companion.core.i18n import N_, _, current

DATA = Path(__file__).with_name("data") / "crisis_lines.json"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
_REGION = re.compile(r"^[A-Za-z]{2,3}[_-]([A-Za-z]{2})\b")

# Every name and note in the table that describes rather than names (tests/unit/reference/
# test_crisis_lines.py fails on a new one that is in neither this set nor PROPER_NAMES).
WORDS: frozenset[str] = frozenset(
    {
        # Translators: a crisis line's name: the country's emergency number (police, ambulance, fire)
        N_("Emergency services"),
        # Translators: a crisis line's name
        N_("Police"),
        # Translators: a crisis line's name
        N_("Ambulance"),
        # Translators: a crisis line's name; MDA is Israel's ambulance service (keep the letters)
        N_("Ambulance (MDA)"),
        # Translators: a crisis line's name; SAMU is Brazil's ambulance service (keep the letters)
        N_("Ambulance (SAMU)"),
        # Translators: a crisis line's name
        N_("Fire and ambulance"),
        # Translators: a crisis line's name (Iceland)
        N_("Red Cross helpline"),
        # Translators: a crisis line's name (Spain's 024)
        N_("Suicidal behaviour line"),
        # Translators: a crisis line's name
        N_("Suicide prevention line"),
        # Translators: a crisis line's name (Belgium): keep the Dutch name, translate "(Dutch)"
        N_("Zelfmoordlijn (Dutch)"),
        # Translators: a crisis line's name (Belgium): keep the French name, translate "(French)"
        N_("Centre de Prévention du Suicide (French)"),
        # Translators: a crisis line's name (Norway): keep "Mental Helse", an organisation's name
        N_("Mental Helse helpline"),
        # Translators: a crisis line's name (Israel): keep "ERAN", an organisation's name
        N_("ERAN emotional first aid"),
        # Translators: a crisis line's name (Finland): keep "MIELI", an organisation's name
        N_("MIELI Crisis Helpline"),
        # Translators: a note beside a crisis number; keep the numbers as they are
        N_("112 works too"),
        # Translators: a note beside a crisis number; keep the numbers as they are
        N_("999 works too"),
        # Translators: a note beside a crisis number; keep the numbers as they are
        N_("Ambulance: 113"),
        # Translators: a note beside a crisis number; keep the numbers as they are
        N_("Ambulance: 144"),
        # Translators: a note beside a crisis number: it answers at any hour
        N_("Any time"),
        # Translators: a note beside a crisis number
        N_("Call or text, any time"),
        # Translators: a note beside a crisis number
        N_("Free call or text, any time"),
        # Translators: a note beside a crisis number: calling costs nothing, at any hour
        N_("Free, any time"),
        # Translators: a note beside a crisis number; keep the numbers as they are
        N_("Free, any time; also 0800 111 0 222"),
        # Translators: a note beside a crisis number; keep the numbers as they are
        N_("Free, any time; or 113"),
        # Translators: a note beside a crisis number (Portugal's SNS 24)
        N_("Health line with psychological support"),
        # Translators: a note beside a crisis number; keep "SAMU" and the number
        N_("Medical help (SAMU): 15"),
        # Translators: a note beside a crisis number; keep the number
        N_("Police: 110"),
    }
)
# Organisations' own names in the table: shown as they are in every language.
PROPER_NAMES: frozenset[str] = frozenset(
    {
        "113 Zelfmoordpreventie",
        "9-8-8 Suicide Crisis Helpline",
        "988 Suicide & Crisis Lifeline",
        "CVV",
        "Die Dargebotene Hand / La Main Tendue",
        "Lifeline",
        "Livslinien",
        "Línea de la Vida",
        "NCMH Crisis Hotline",
        "Need to talk?",
        "SADAG Suicide Crisis Line",
        "SNS 24",
        "Samaritans",
        "Samaritans of Singapore",
        "Självmordslinjen (Mind)",
        "Tele-MANAS",
        "Telefon zaufania dla dorosłych",
        "TelefonSeelsorge",
        "Telefonseelsorge",
    }
)
_BABEL_LOCALES = {"de": "de_DE", "es": "es_ES"}


@dataclass(frozen=True)
class Line:
    name: str
    number: str
    note: str = ""


@dataclass(frozen=True)
class CountryLines:
    code: str  # ISO 3166-1 alpha-2, upper case
    country: str
    lines: tuple[Line, ...]
    sources: tuple[str, ...]
    checked: str  # ISO date the entry was last compiled


@cache
def countries() -> dict[str, CountryLines]:
    """Every country in the table, keyed by its upper-case code (read once)."""
    doc = json.loads(DATA.read_text(encoding="utf-8"))
    table: dict[str, CountryLines] = {}
    for row in doc["countries"]:
        table[row["code"]] = CountryLines(
            code=row["code"],
            country=row["country"],
            lines=tuple(Line(i["name"], i["number"], i.get("note", "")) for i in row["lines"]),
            sources=tuple(row["sources"]),
            checked=row["checked"],
        )
    return table


def region_of(locale_name: str | None) -> str | None:
    """``"de_DE.UTF-8"`` or ``"en-GB"`` -> ``"DE"`` / ``"GB"``; None when no region is named."""
    match = _REGION.match((locale_name or "").strip())
    return match.group(1).upper() if match else None


def device_region(environ: Mapping[str, str] | None = None) -> str | None:
    """The region of this device's locale: the environment first, then Python's locale."""
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        for part in (env.get(name) or "").split(":"):
            region = region_of(part)
            if region:
                return region
    # A locale named without a region ("C.UTF-8", "POSIX") says none: Python's own guess from it
    # would be "en_US", and the help page would suggest another country's numbers.
    if environ is None and not any(env.get(name) for name in LOCALE_VARIABLES):
        try:
            return region_of(locale.getlocale()[0])
        except ValueError:
            return None
    return None


def for_region(region: str | None) -> CountryLines | None:
    """The table's entry for ``region`` (any case), or None when it has none."""
    return countries().get((region or "").upper())


def shown(text: str) -> str:
    """A name or note from the table in the current language; names of organisations stay."""
    return _(text) if text in WORDS else text


def shown_lines(entry: CountryLines) -> tuple[Line, ...]:
    """``entry``'s lines as the current language shows them (the numbers never change)."""
    return tuple(Line(shown(line.name), line.number, shown(line.note)) for line in entry.lines)


def country_name(entry: CountryLines) -> str:
    """``entry``'s country in the current language ("Germany", "Deutschland", "Alemania")."""
    babel_locale = _BABEL_LOCALES.get(current())
    if babel_locale is None:
        return entry.country  # English: the table's own name, as it always was
    return _territories(babel_locale).get(entry.code, entry.country)


@cache
def _territories(babel_locale: str) -> dict[str, str]:
    from babel import Locale  # on first use: the first screen doesn't wait for Babel

    return dict(Locale.parse(babel_locale).territories)
