"""Dates, times and numbers written the way the current language writes them (Babel).

The patterns are translatable text themselves (a translator knows whether their language
says "Tuesday 24 November", "Dienstag, 24. November" or "martes, 24 de noviembre"); Babel
supplies the day and month names. Babel is imported on first use, not at start-up: the unlock
screen shows no dates.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from typing import Any

from companion.core.i18n import _, current

__all__ = ["clock", "day", "day_and_time", "decimal", "month", "pattern", "short_day", "weekday"]

# English dates are written the British way, as they always were in Companion.
_BABEL_LOCALE = {"en": "en_GB", "de": "de_DE", "es": "es_ES"}


@cache
def _locale(language: str) -> Any:
    from babel import Locale

    return Locale.parse(_BABEL_LOCALE.get(language, "en_GB"))


def _format(value: date | datetime | time, pattern: str) -> str:
    from babel.dates import format_date, format_time

    locale = _locale(current())
    if isinstance(value, time):
        return format_time(value, pattern, locale=locale)
    return format_date(value, pattern, locale=locale)


def pattern(value: date | datetime | time, cldr_pattern: str) -> str:
    """``value`` in a CLDR pattern the caller chose (and made translatable), in the current language."""
    return _format(value, cldr_pattern)


def day(value: date, today: date | None = None) -> str:
    """ "Tuesday 24 November", with the year only when it isn't this one."""
    today = today or date.today()
    if value.year == today.year:
        # Translators: a date with its weekday, in Babel/CLDR pattern letters (EEEE weekday,
        # d day, MMMM month name). Text in 'single quotes' is printed as it is.
        return _format(value, _("EEEE d MMMM"))
    # Translators: as "EEEE d MMMM", with the year (y).
    return _format(value, _("EEEE d MMMM y"))


def short_day(value: date, today: date | None = None) -> str:
    """ "24 November" (the year only when it isn't this one)."""
    today = today or date.today()
    if value.year == today.year:
        # Translators: a day and month in CLDR pattern letters.
        return _format(value, _("d MMMM"))
    # Translators: a day, month and year in CLDR pattern letters.
    return _format(value, _("d MMMM y"))


def weekday(value: date) -> str:
    """ "Tuesday"."""
    return _format(value, "EEEE")


def month(value: date) -> str:
    """ "November 2026"."""
    # Translators: a month and year in CLDR pattern letters (LLLL is the month name on its own).
    return _format(value, _("LLLL y"))


def clock(value: time) -> str:
    """ "17:30": the 24-hour clock in every language Companion speaks."""
    return f"{value:%H:%M}"


def day_and_time(value: date, at: time, today: date | None = None) -> str:
    """ "Tuesday 24 November, 17:30"."""
    # Translators: {day} is a date like "Tuesday 24 November", {time} a time like "17:30".
    return _("{day}, {time}").format(day=day(value, today), time=clock(at))


def decimal(number: float, digits: int = 1) -> str:
    """A number with the current language's decimal mark ("4.5", "4,5")."""
    from babel.numbers import format_decimal

    pattern = "#,##0." + "#" * digits if digits else "#,##0"
    return format_decimal(number, format=pattern, locale=_locale(current()))
