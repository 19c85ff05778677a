"""Settle (the breathing screen) in German and Spanish: its labels, buttons and screen-reader names,
and every word shown or read out during a whole breathing pause, with a real journal behind a fake
shell (see test_settings_language.py) and a fake clock instead of waiting. No browser."""

from __future__ import annotations

import asyncio
import re
from types import SimpleNamespace

import pytest
from conftest import run_async as run
from test_settings_language import FakeShell, built, texts  # tests/unit/ui/test_settings_language.py

from companion.core import i18n
from companion.reference import breathing
from companion.services.stores import Stores
from companion.ui.screens import breathing_screen
from companion.vault.vault import Vault


@pytest.fixture
def journal(tmp_path):
    vault, _ = Vault.create(tmp_path / "journal.sqlite", "a long test passphrase", with_recovery_code=False)
    stores = Stores.open(vault)
    yield tmp_path, stores
    stores.close()


SAID = {
    "de": [
        "Atme mit dem Kreis: Er wird größer, wenn du einatmest, und kleiner, wenn du ausatmest. "
        "Langsames Ausatmen hilft dem Körper, zur Ruhe zu kommen.",
        "Rhythmus: Langsam: 4 ein, 6 aus",
        "Minuten: 3",
        "Quadrat: 4-4-4-4",
        "Mein eigener Rhythmus",
        "Ein (s)",
        "Halten (s)",
        "Aus (s)",
        "Pause (s)",
        "Sekunden für jeden Teil des Atemzugs. Halten und Pause dürfen 0 sein.",
        "Bewegung reduzieren",
        "Wie angespannt fühlst du dich gerade? (freiwillig)",
        "Anspannung vorher, 0 bis 10",
        "Bereit",
        "Verlauf des Atemzugs",
        "Verbleibende Zeit",
        "Starten",
        "Pausieren",
        "Beenden",
        "Wie angespannt fühlst du dich jetzt? (freiwillig)",
        "Anspannung danach, 0 bis 10",
        "Notiz aufheben",
        "Überspringen",
    ],
    "es": [
        "Respira al ritmo del círculo: crece cuando inhalas y se encoge cuando exhalas. "
        "Exhalar despacio ayuda a que el cuerpo se calme.",
        "Ritmo: Lenta: inhala 4, exhala 6",
        "Minutos: 3",
        "Cuadrada: 4-4-4-4",
        "Mi propio ritmo",
        "Inhala (s)",
        "Mantén (s)",
        "Exhala (s)",
        "Pausa (s)",
        "Tensión antes, de 0 a 10",
        "Todo listo",
        "Avance de la respiración",
        "Tiempo restante",
        "Empezar",
        "Parar",
        "¿Cuánta tensión sientes ahora? (opcional)",
        "Guardar esta nota",
        "Omitir",
    ],
}

# English that must not be left on the screen (numbers and "4-7-8" are the same everywhere).
ENGLISH = [
    "Breathe along with the circle",
    "Rhythm",
    "Minutes",
    "Slow: in 4, out 6",
    "Box: 4-4-4-4",
    "My own rhythm",
    "In (s)",
    "Hold (s)",
    "Out (s)",
    "Rest (s)",
    "Seconds for each part",
    "Reduce motion",
    "How tense",
    "Tension before",
    "Tension after",
    "Ready",
    "Breath progress",
    "Time left",
    "Start",
    "Stop",
    "Keep this note",
    "Skip",
]


def test_the_screen_in_english_is_as_it_always_was(journal) -> None:
    folder, stores = journal
    _screen, shown = built("settle", FakeShell(stores, folder))
    for text in (
        "Rhythm: Slow: in 4, out 6",
        "Minutes: 3",
        "In (s)",
        "Ready",
        "Start",
        "Tension before, 0 to 10",
    ):
        assert text in shown


@pytest.mark.parametrize("language", ["de", "es"])
def test_every_label_button_and_screen_reader_name_is_translated(journal, language: str) -> None:
    folder, stores = journal
    with i18n.use(language):
        screen, shown = built("settle", FakeShell(stores, folder))
        title = i18n._(screen.title)
    for text in SAID[language]:
        assert text in shown, text
    left = [text for text in shown for english in ENGLISH if re.search(rf"\b{re.escape(english)}\b", text)]
    assert left == []
    assert title == {"de": "Durchatmen", "es": "Calma"}[language]


class FakeClock:
    """time.monotonic and asyncio.sleep for the screen: each tick moves the clock on at once."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


@pytest.mark.parametrize(
    ("language", "pattern_id", "words", "end"),
    [
        (
            "de",
            "box",
            {"Einatmen", "Halten", "Ausatmen"},
            ("Gut gemacht", "Aufgehoben: Quadrat-Atmung, 1 Minute"),
        ),
        (
            "es",
            "478",
            {"Inhala", "Mantén", "Exhala"},
            ("Bien hecho", "Guardado: Respiración 4-7-8, 1 minuto"),
        ),
        ("de", "slow", {"Einatmen", "Ausatmen"}, ("Gut gemacht", "Aufgehoben: Langsames Atmen, 1 Minute")),
    ],
)
def test_a_whole_pause_speaks_only_the_persons_language(
    journal, monkeypatch: pytest.MonkeyPatch, language: str, pattern_id: str, words: set[str], end: tuple
) -> None:
    """Start, breathe a whole minute on a fake clock, pause and go on, finish, answer the last question."""
    folder, stores = journal
    clock = FakeClock()
    monkeypatch.setattr(breathing_screen, "time", SimpleNamespace(monotonic=clock.monotonic))
    monkeypatch.setattr(
        breathing_screen, "asyncio", SimpleNamespace(sleep=clock.sleep, to_thread=asyncio.to_thread)
    )
    shell = FakeShell(stores, folder)
    with i18n.use(language):
        screen, _shown = built("settle", shell)
        screen.pattern_pick.value = pattern_id
        screen.minutes.value = "1"
        phases: list[str] = []
        shell.page.update = lambda *_a: phases.append(screen.phase.value)

        async def breathe() -> list[str]:
            await screen._start(None)
            (loop, args), *_ = shell.page.tasks
            buttons = [screen.start_btn.content, screen.pause_btn.content, screen.stop_btn.content]
            await screen._pause(None)
            buttons.append(screen.start_btn.content)  # "Continue"
            paused = screen.phase.value
            await screen._start(None)
            await loop(*args)
            assert screen.after_box.visible
            kept_note = screen.kept.value
            screen.after.value = 4
            await screen._save_after(None)
            return [*buttons, paused, kept_note, screen.kept_line.value, screen.phase.value]

        said = run(breathe())
        history = texts(screen.history)

    spoken = set(phases)
    cycle = breathing.pattern(pattern_id).cycle
    assert words <= spoken  # every phase of the breath came round
    assert not spoken & {"In", "Hold", "Out", "Ready", "Paused", "Well done", "Stopped"}
    others = {"de": {"Bereit", "Pausiert"}, "es": {"Todo listo", "En pausa"}}[language]
    assert spoken <= words | others | {end[0]}
    assert len(phases) >= 60 / cycle
    start, pause, stop, carry_on, paused, kept_note, kept_line, ready = said
    assert (start, pause, stop, carry_on, paused, ready) == {
        "de": ("Starten", "Pausieren", "Beenden", "Weiter", "Pausiert", "Bereit"),
        "es": ("Empezar", "Pausa", "Parar", "Continuar", "En pausa", "Todo listo"),
    }[language]
    assert (
        kept_note
        == {
            "de": "Diese Pause ist bei deinen Atempausen aufgehoben; du findest sie weiter unten.",
            "es": "Esta pausa se guarda con tus pausas para respirar; la encontrarás más abajo.",
        }[language]
    )
    assert kept_line == end[1] + {"de": " · Anspannung danach 4", "es": " · tensión 4 después"}[language]
    assert history[0] == {"de": "Letzte Pausen", "es": "Pausas recientes"}[language]
    (_record, session), *_ = stores.breathing.recent(1)
    assert session.pattern == pattern_id and session.after == 4  # kept by id, not by the words shown


def test_a_typed_rhythm_that_does_not_work_is_explained_in_the_persons_language(journal) -> None:
    folder, stores = journal
    shell = FakeShell(stores, folder)
    with i18n.use("es"):
        screen, _shown = built("settle", shell)
        screen.pattern_pick.value = breathing_screen.CUSTOM
        screen.custom_fields[2].value = "tres"
        run(screen._start(None))
    assert screen.error.value == "Escribe con un número los segundos para exhalar, por ejemplo 4."
    assert not screen.running
