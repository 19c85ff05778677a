"""The crisis-line table: its shape, honest provenance, and picking a region from a locale."""

from __future__ import annotations

import json
import re
from datetime import date

from companion.reference import crisis_lines as cl

PHONE = re.compile(r"^\+?[0-9][0-9 ]*[0-9]$|^[0-9]$")


def test_table_covers_at_least_thirty_countries_each_with_a_source_and_a_date() -> None:
    table = cl.countries()
    assert len(table) >= 30
    for code, entry in table.items():
        assert re.fullmatch(r"[A-Z]{2}", code) and entry.code == code
        assert entry.country and entry.lines, code
        assert entry.sources and all(s.startswith("https://") for s in entry.sources), code
        assert date.fromisoformat(entry.checked) <= date.today(), code
        for line in entry.lines:
            assert line.name.strip(), code
            assert PHONE.match(line.number), (code, line.number)


def test_the_file_says_how_it_was_checked_and_that_numbers_change() -> None:
    doc = json.loads(cl.DATA.read_text(encoding="utf-8"))
    assert "check" in doc["about"].lower() and doc["how_checked"].strip()
    assert {"about", "how_checked", "countries"} == set(doc)
    codes = [row["code"] for row in doc["countries"]]
    assert len(codes) == len(set(codes))


def test_well_known_numbers_lead_for_their_country() -> None:
    assert [line.number for line in cl.for_region("us").lines] == ["911", "988"]
    assert "116 123" in [line.number for line in cl.for_region("GB").lines]
    assert "0800 111 0 111" in [line.number for line in cl.for_region("DE").lines]
    assert cl.for_region("AU").lines[0].number == "000"
    assert cl.for_region("XX") is None and cl.for_region(None) is None


def test_region_comes_from_the_locale() -> None:
    assert cl.region_of("de_DE.UTF-8") == "DE"
    assert cl.region_of("en-GB") == "GB"
    assert cl.region_of("C.UTF-8") is None and cl.region_of("") is None and cl.region_of(None) is None
    assert cl.device_region({"LANG": "fr_FR.UTF-8"}) == "FR"
    assert cl.device_region({"LC_ALL": "", "LANG": "C", "LANGUAGE": "C:nl_NL"}) == "NL"
    assert cl.device_region({"LANG": "C.UTF-8"}) is None
