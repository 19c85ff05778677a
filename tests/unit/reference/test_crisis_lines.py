"""The crisis-line table: its shape, honest provenance, and picking a region from a locale."""

from __future__ import annotations

import json
import re
from datetime import date

from conftest import create_vault

from companion.core import i18n
from companion.kinds.settings import DEFAULT_CRISIS_LINES, CrisisLine, Settings, default_crisis_lines
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


def test_a_locale_without_a_region_is_not_taken_for_the_united_states(monkeypatch) -> None:
    """Python reads "C.UTF-8" as en_US; the help page must not suggest US numbers from that."""
    for name in cl.LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert cl.device_region() is None
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert cl.device_region() == "ES"


# --- in other languages --------------------------------------------------------------------


def test_every_word_in_the_table_is_either_translated_or_a_name() -> None:
    """A new line in the table must be sorted: a description to translate, or an organisation's name."""
    for entry in cl.countries().values():
        for line in entry.lines:
            assert line.name in cl.WORDS or line.name in cl.PROPER_NAMES, (entry.code, line.name)
            assert not line.note or line.note in cl.WORDS, (entry.code, line.note)
    assert not cl.WORDS & cl.PROPER_NAMES


def test_descriptions_and_countries_follow_the_language_and_names_and_numbers_stay() -> None:
    germany = cl.for_region("DE")
    assert cl.country_name(germany) == "Germany"
    assert [line.name for line in cl.shown_lines(germany)] == ["Emergency services", "TelefonSeelsorge"]
    with i18n.use("de"):
        assert cl.country_name(germany) == "Deutschland"
        lines = cl.shown_lines(germany)
        assert [line.name for line in lines] == ["Notruf", "TelefonSeelsorge"]
        assert lines[0].note == "Polizei: 110"
        assert [line.number for line in lines] == [line.number for line in germany.lines]
    with i18n.use("es"):
        assert cl.country_name(cl.for_region("GB")) == "Reino Unido"
        lines = cl.shown_lines(cl.for_region("GB"))
        assert [line.name for line in lines] == ["Servicios de emergencia", "Samaritans"]
        assert lines[1].note == "Gratis, a cualquier hora"


def test_default_lines_are_translated_when_shown_but_saved_lines_never(tmp_path) -> None:
    settings = Settings(create_vault(tmp_path))
    assert settings.crisis_lines() == list(DEFAULT_CRISIS_LINES)  # English, as always
    with i18n.use("es"):
        shown = settings.crisis_lines()
        assert shown[0] == CrisisLine(
            "Servicios de emergencia (Europa y muchos países)", "112", "Gratis, desde cualquier teléfono"
        )
        assert shown[1].note == ""  # never the catalogue's header, which _("") would give
        assert [line.number for line in default_crisis_lines()] == ["112", "911", "988"]
    mine = [CrisisLine("Emergency services", "112", "Free, any time"), CrisisLine("Anna", "0170 123", "")]
    settings.set_crisis_lines(mine)
    with i18n.use("de"):
        assert settings.crisis_lines() == mine  # the person's own words, exactly as saved
