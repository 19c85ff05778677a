"""The journal timeline, the entry editor, Sessions and the after-session reflection in German
and Spanish: a real journal behind a fake shell (see test_settings_language.py), no browser."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from conftest import run_async as run
from test_settings_language import FakeShell, built, texts  # tests/unit/ui/test_settings_language.py

from companion.core import i18n
from companion.core.records import to_us
from companion.kinds.checkin import BodyMark, CheckIn
from companion.kinds.journal import Entry
from companion.kinds.sessions import Session
from companion.services.stores import Stores
from companion.vault.vault import Vault

DE_DAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ES_DAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


@pytest.fixture
def journal(tmp_path):
    vault, _ = Vault.create(tmp_path / "journal.sqlite", "a long test passphrase", with_recovery_code=False)
    stores = Stores.open(vault)
    yield tmp_path, stores
    stores.close()


def shown_after_show(route: str, shell: FakeShell, **params) -> list[str]:
    screen, _built = built(route, shell, **params)
    run(screen.on_show())
    return texts(screen.build_cached())


SAID = {
    "de": {
        "empty": [
            "Einträge durchsuchen",
            "Neuer Eintrag",
            "Filtern",
            "Muster",
            "Gefühlsfamilie: Alle",
            "Körperbereich: Alle",
            "Dein Tagebuch ist da, wann immer du es brauchst.",
            "Check-in starten",
        ],
        "editor": ["Titel (freiwillig)", "Was beschäftigt dich?", "Eintrag speichern"],
        "timeline": ["Check-in", "wütend", "Brust 6/10", "Unfertiger Eintrag: Half"],
        "sessions": [
            "Wann ist die Sitzung?",
            "Name deiner Therapeutin / deines Therapeuten (freiwillig)",
            "Nächster Termin (freiwillig)",
            "Nächster Termin: Datum wählen",
            "Sitzung eintragen",
            "Deine Sitzungen",
            "Zurückblicken",
            "Entfernen",
        ],
        "reflection": [
            "Was ich mir fürs nächste Mal wünsche",
            "Ein paar kurze Skalen ausfüllen",
            "Wir haben an dem gearbeitet, was mir wichtig ist",
            "Tempo: Überspringen",
            "Rückblick speichern",
        ],
    },
    "es": {
        "empty": [
            "Buscar entradas",
            "Nueva entrada",
            "Filtrar",
            "Patrones",
            "Familia de sentimientos: Cualquiera",
            "Zona del cuerpo: Cualquiera",
            "Tu diario está aquí cuando lo quieras.",
            "Empezar un registro",
        ],
        "editor": ["Título (opcional)", "¿Qué tienes en mente?", "Guardar entrada"],
        "timeline": ["Registro", "enfadado/a", "Pecho 6/10", "Entrada sin terminar: Half"],
        "sessions": [
            "¿Cuándo es la sesión?",
            "Nombre de tu terapeuta (opcional)",
            "Próxima cita (opcional)",
            "Próxima cita: elige una fecha",
            "Añadir sesión",
            "Tus sesiones",
            "Reflexionar",
            "Quitar",
        ],
        "reflection": [
            "Lo que me gustaría la próxima vez",
            "Añadir unas escalas rápidas",
            "Trabajamos en lo que me importa",
            "Ritmo: Omitir",
            "Guardar reflexión",
        ],
    },
}
ENGLISH = {
    "empty": ["Search entries", "New entry", "Filter", "Your journal is here whenever you want it."],
    "editor": ["Title (optional)", "What's on your mind?", "Save entry"],
    "timeline": ["angry", "Chest 6/10", "Unfinished entry: Half", "Continue writing where you left off"],
    "sessions": ["When is the session?", "Add session", "Your sessions", "Reflect", "Remove"],
    "reflection": ["What I'd like next time", "Add a few quick scales", "Save reflection"],
}


def test_the_empty_journal_and_the_editor_in_english_as_before(journal) -> None:
    folder, stores = journal
    shell = FakeShell(stores, folder)
    assert set(ENGLISH["empty"]) <= set(shown_after_show("journal", shell))
    assert set(ENGLISH["editor"]) <= set(shown_after_show("editor", shell, record_id=None))
    stores.checkins.add(CheckIn().mark(BodyMark("chest", (), "", 6)).add_feeling("angry"))
    stores.journal.save_draft(None, Entry("Half", "written"))
    assert set(ENGLISH["timeline"]) <= set(shown_after_show("journal", shell))


@pytest.mark.parametrize("language", ["de", "es"])
def test_the_journal_speaks_the_language(journal, language: str) -> None:
    folder, stores = journal
    shell = FakeShell(stores, folder)
    said = SAID[language]
    with i18n.use(language):
        empty = shown_after_show("journal", shell)
        editor = shown_after_show("editor", shell, record_id=None)
    for words in said["empty"]:
        assert words in empty, (words, empty)
    for words in said["editor"]:
        assert words in editor, (words, editor)
    assert not set(ENGLISH["empty"]) & set(empty)
    assert not set(ENGLISH["editor"]) & set(editor)

    # a check-in (stored by id: the row shows the language's words) and an unfinished entry
    stores.checkins.add(CheckIn().mark(BodyMark("chest", (), "", 6)).add_feeling("angry"))
    stores.journal.save_draft(None, Entry("Half", "written"))
    with i18n.use(language):
        timeline = shown_after_show("journal", shell)
    for words in said["timeline"]:
        assert words in timeline, (words, timeline)
    assert not set(ENGLISH["timeline"]) & set(timeline)


@pytest.mark.parametrize("language", ["de", "es"])
def test_a_search_and_a_filter_count_in_the_language(journal, language: str) -> None:
    folder, stores = journal
    shell = FakeShell(stores, folder)
    stores.journal.add(Entry("Garden", "the roses"))
    stores.journal.add(Entry("Garden again", "the roses, twice"))
    stores.checkins.add(CheckIn().add_feeling("sad"))
    expected = {
        "de": ("2 Einträge passen", "Nichts gefunden für „Mond“.", "1 Check-in passt"),
        "es": ("2 entradas coinciden", "No se encontró nada para «Mond».", "1 registro coincide"),
    }[language]
    with i18n.use(language):
        screen, _shown = built("journal", shell)
        run(screen.on_show())
        screen.search.value = "roses"
        run(screen._on_search_change(None))
        found = screen.status.value
        screen.search.value = "Mond"
        run(screen._on_search_change(None))
        nothing = screen.status.value
        screen.search.value = ""
        screen.word_pick.value = {"de": "traurig", "es": "triste"}[language]
        run(screen._on_filter(None))
        filtered = screen.status.value
    assert (found, nothing, filtered) == expected


@pytest.mark.parametrize("language", ["de", "es"])
def test_sessions_and_the_reflection_speak_the_language_with_local_dates(journal, language: str) -> None:
    folder, stores = journal
    shell = FakeShell(stores, folder)
    day = date(date.today().year, 3, 2)  # this year: no year in the line
    when = datetime.combine(day, time(17, 30)).astimezone()
    stores.sessions.add(Session(to_us(when), "Sam"))
    with i18n.use(language):
        screen, _shown = built("sessions", shell)
        run(screen.on_show())
        sessions = texts(screen.build_cached())
        screen.next.day = day
        screen.next._show()
        picked = texts(screen.next.control)
        reflection = built("reflection", shell, session_id=None)[1]
    line = {
        "de": f"{DE_DAYS[day.weekday()]}, 2. März, 17:30 Uhr mit Sam",
        "es": f"{ES_DAYS[day.weekday()]}, 2 de marzo, 17:30 con Sam",
    }[language]
    assert line in sessions, (line, sessions)
    date_button = {
        "de": f"Datum des nächsten Termins: {DE_DAYS[day.weekday()]}, 2. März. Ändern",
        "es": f"Fecha de la próxima cita: {ES_DAYS[day.weekday()]}, 2 de marzo. Cambiar",
    }[language]
    assert date_button in picked, (date_button, picked)
    for words in SAID[language]["sessions"]:
        assert words in sessions, (words, sessions)
    for words in SAID[language]["reflection"]:
        assert words in reflection, (words, reflection)
    assert not set(ENGLISH["sessions"]) & set(sessions)
    assert not set(ENGLISH["reflection"]) & set(reflection)


def test_sessions_in_english_as_before(journal) -> None:
    folder, stores = journal
    shell = FakeShell(stores, folder)
    day = date(date.today().year, 3, 2)
    stores.sessions.add(Session(to_us(datetime.combine(day, time(17, 30)).astimezone()), "Sam"))
    screen, _shown = built("sessions", shell)
    run(screen.on_show())
    shown = texts(screen.build_cached())
    english_day = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[
        day.weekday()
    ]
    assert f"{english_day} 2 March, 17:30 with Sam" in shown
    assert set(ENGLISH["sessions"]) <= set(shown)
    assert set(ENGLISH["reflection"]) <= set(built("reflection", shell, session_id=None)[1])
