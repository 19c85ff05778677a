"""Sessions, journal entries and topics say their dates and sentences in German and Spanish;
English stays as it always was."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from companion.core import i18n
from companion.core.records import to_us
from companion.kinds.journal import Entry, Journal, display_title
from companion.kinds.sessions import MAX_LABEL, Session, Sessions, describe, validated
from companion.kinds.topics import Topics
from companion.vault.vault import Vault

WHEN = to_us(datetime(2026, 11, 24, 16, 0, tzinfo=UTC))  # a Tuesday
YEAR = 400 * 24 * 3600 * 1_000_000

SAID = {
    "en": ("Tue 24 Nov, 16:00 with Sam", "Tue 24 Nov 2026, 16:00", "Untitled entry"),
    "de": ("Di., 24. Nov., 16:00 Uhr mit Sam", "Di., 24. Nov. 2026, 16:00 Uhr", "Eintrag ohne Titel"),
    "es": ("mar 24 de nov, 16:00 con Sam", "mar 24 de nov de 2026, 16:00", "Entrada sin título"),
}
REFUSED = {
    "de": {
        "empty": "Ein leerer Eintrag wird nicht gespeichert.",
        "topic": "Schreib zuerst ein paar Worte, damit es etwas anzusprechen gibt.",
        "date": "Dieses Datum sieht nicht ganz richtig aus. Magst du es noch einmal wählen?",
        "name": f"Bitte halte den Namen bei höchstens {MAX_LABEL} Zeichen. Ein Vorname reicht völlig.",
    },
    "es": {
        "empty": "Una entrada vacía no se guarda.",
        "topic": "Escribe primero unas palabras, para que haya algo que plantear.",
        "date": "Esa fecha no parece correcta. ¿Puedes elegirla de nuevo?",
        "name": f"Deja el nombre en {MAX_LABEL} caracteres o menos, por favor. Con el nombre de pila basta.",
    },
}


@pytest.fixture
def vault(tmp_path):
    vault, _ = Vault.create(tmp_path / "journal.sqlite", "a long test passphrase", with_recovery_code=False)
    yield vault
    vault.lock()


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_a_session_and_an_untitled_entry_read_in_the_language(language: str) -> None:
    with i18n.use(language):
        said = (
            describe(Session(WHEN, " Sam "), tz=UTC, now_us=WHEN),
            describe(Session(WHEN), tz=UTC, now_us=WHEN + YEAR),
            display_title(Entry("", "  \n ")),
        )
    assert said == SAID[language]


def test_english_short_dates_keep_their_shape() -> None:
    january = to_us(datetime(2026, 1, 5, 8, 5, tzinfo=UTC))
    assert describe(Session(january, "Ana"), tz=UTC, now_us=january) == "Mon 5 Jan, 08:05 with Ana"


@pytest.mark.parametrize("language", ["de", "es"])
def test_refusals_are_said_in_the_language(vault, language: str) -> None:
    said = REFUSED[language]
    with i18n.use(language):
        with pytest.raises(ValueError) as empty:
            Journal(vault).add(Entry("", "\n"))
        with pytest.raises(ValueError) as topic:
            Topics(vault).add("   ")
        with pytest.raises(ValueError) as bad_date:
            validated(Session(-(10**18)))
        with pytest.raises(ValueError) as long_name:
            Sessions(vault).add(Session(WHEN, "x" * (MAX_LABEL + 1)))
    assert str(empty.value) == said["empty"]
    assert str(topic.value) == said["topic"]
    assert str(bad_date.value) == said["date"]
    assert str(long_name.value) == said["name"]


def test_refusals_in_english_as_before(vault) -> None:
    with pytest.raises(ValueError, match="An empty entry isn't saved."):
        Journal(vault).add(Entry("", "  "))
    with pytest.raises(ValueError, match="Write a few words first, so there's something to bring up."):
        Topics(vault).add("")
