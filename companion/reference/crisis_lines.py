"""Emergency and crisis numbers by country, to suggest on the "Need help now" page.

Only a first suggestion: a person in Germany should not be shown 911 and 988 first, so the
region is read from the device's locale and its national numbers lead. Numbers change, so
the page says to check them, and the person can always edit them. Unknown regions fall back
to the caller's defaults (112, 911, 988).
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

DATA = Path(__file__).with_name("data") / "crisis_lines.json"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
_REGION = re.compile(r"^[A-Za-z]{2,3}[_-]([A-Za-z]{2})\b")


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
    if environ is None:
        try:
            return region_of(locale.getlocale()[0])
        except ValueError:
            return None
    return None


def for_region(region: str | None) -> CountryLines | None:
    """The table's entry for ``region`` (any case), or None when it has none."""
    return countries().get((region or "").upper())
