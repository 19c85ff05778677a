"""Dates and numbers the way each language writes them."""

from __future__ import annotations

from datetime import date, time

import pytest

from companion.core import i18n, localformat

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("language", "this_year", "other_year", "when"),
    [
        ("en", "Tuesday 24 November", "Monday 24 November 2025", "Tuesday 24 November, 17:30"),
        ("de", "Dienstag, 24. November", "Montag, 24. November 2025", "Dienstag, 24. November, 17:30 Uhr"),
        ("es", "martes, 24 de noviembre", "lunes, 24 de noviembre de 2025", "martes, 24 de noviembre, 17:30"),
    ],
)
def test_days(language, this_year, other_year, when):
    with i18n.use(language):
        assert localformat.day(date(2026, 11, 24), TODAY) == this_year
        assert localformat.day(date(2025, 11, 24), TODAY) == other_year
        assert localformat.day_and_time(date(2026, 11, 24), time(17, 30), TODAY) == when


@pytest.mark.parametrize(
    ("language", "short", "month", "number"),
    [
        ("en", "3 March", "March 2026", "4.5"),
        ("de", "3. März", "März 2026", "4,5"),
        ("es", "3 de marzo", "marzo de 2026", "4,5"),
    ],
)
def test_short_days_months_and_numbers(language, short, month, number):
    with i18n.use(language):
        assert localformat.short_day(date(2026, 3, 3), TODAY) == short
        assert localformat.month(date(2026, 3, 3)) == month
        assert localformat.decimal(4.5) == number
        assert localformat.decimal(8.0) == "8"
        assert localformat.clock(time(7, 5)) == "07:05"
