"""The check-in steps, the body map and a past check-in read back, in German and Spanish: a real
journal behind a fake shell (see test_settings_language.py), no browser. A check-in saved while
the app spoke English shows its feelings, places, sensations and needs in the language of today."""

from __future__ import annotations

import asyncio

import pytest
from conftest import run_async as run
from test_settings_language import FakeShell, built, texts  # tests/unit/ui/test_settings_language.py

from companion.core import i18n
from companion.kinds.checkin import BodyMark, CheckIn
from companion.services.stores import Stores
from companion.ui.widgets.body_map import FACE_GROUP, BodyMap, accessible_label
from companion.ui.widgets.feelings_picker import FeelingsPicker, word_to_add
from companion.vault.vault import Vault


@pytest.fixture
def journal(tmp_path):
    vault, _ = Vault.create(tmp_path / "journal.sqlite", "a long test passphrase", with_recovery_code=False)
    stores = Stores.open(vault)
    yield tmp_path, stores
    stores.close()


def saved_in_english(stores: Stores) -> str:
    """A check-in made while the app spoke English: chest tight at 7, disappointed (very), rest."""
    with i18n.use("en"):
        checkin = (
            CheckIn(happened="A long meeting")
            .mark(BodyMark("chest", ("tight",), "", 7))
            .add_feeling("disappointed", "strong")
            .add_feeling("wobbly")
            .toggle_need("rest")
        )
        return stores.checkins.add(checkin).id


async def _stay(*_a, **_k) -> None:
    """Scrolling needs a real page; these screens start at the top anyway."""


def opened(route: str, shell: FakeShell, **params):
    """A screen built and shown, as the shell opens it (no scrolling: there is no real page)."""
    screen, _shown = built(route, shell, **params)
    if hasattr(screen, "_to_top"):
        screen._to_top = _stay
    if hasattr(screen, "area"):
        object.__setattr__(screen.area, "scroll_to", _stay)
    run(screen.on_show())
    return screen


def step_texts(screen, step: int) -> list[str]:
    screen.step = step
    screen._show_step()
    return texts(screen.build_cached())


# What each step says, in each language.
SAID = {
    "de": {
        "body": [
            "1. Körper",
            "2. Gefühle",
            "3. Bedürfnisse",
            "4. Überblick",
            "Wo in deinem Körper spürst du etwas?",
            "Vorne",
            "Rücken",
            "Gesicht",
            "Liste",
            "Weiter",
            "Was du bemerkt hast",
            "Brust: Eng (7/10)",
            "Brust, markiert mit 7 von 10",
        ],
        "feelings": [
            "Was fühlst du?",
            "Gefühlswort suchen",
            "enttäuscht",
            "wobbly",
            "In deinen eigenen Worten",
            "Wie stark? Freiwillig.",
            "Wie stark ist „enttäuscht“? Freiwillig",
            "enttäuscht entfernen",
            "Ein bisschen",
            "Ziemlich",
            "Sehr",
            "Ich bin mir noch nicht sicher",
            "Oder nach Familien stöbern",
            "Zurück",
        ],
        "needs": ["Was könntest du gerade brauchen?", "Ausruhen", "Was ist passiert?", "Was war los?"],
        "review": [
            "Das ist dein Check-in",
            "Körper",
            "Brust: Eng (7/10)",
            "Gefühle",
            "enttäuscht, sehr",
            "Bedürfnisse",
            "Ausruhen",
            "Was passiert ist",
            "A long meeting",
            "Check-in speichern",
        ],
        "view": [
            "Check-in bearbeiten",
            "Check-in löschen",
            "Was ich bemerkt habe",
            "Brust",
            "Eng",
            "Stärke 7 von 10",
            "Was ich gefühlt habe",
            "enttäuscht, sehr",
            "wobbly",
            "In meinen eigenen Worten",
            "Was ich gebraucht habe",
            "Ausruhen",
            "Was ich geschrieben habe",
            "Was passiert ist",
        ],
        "sheet": [
            "Brust",
            "Wie fühlt es sich an? Wähle alles, was passt.",
            "Eng",
            "Etwas anderes (in deinen Worten)",
            "Diese Stelle entfernen",
            "Abbrechen",
            "Fertig",
        ],
    },
    "es": {
        "body": [
            "1. Cuerpo",
            "2. Sentimientos",
            "3. Necesidades",
            "4. Resumen",
            "¿Dónde notas algo en tu cuerpo?",
            "Delante",
            "Espalda",
            "Cara",
            "Lista",
            "Siguiente",
            "Lo que notaste",
            "Pecho: apretado (7/10)",
            "Pecho, marcado con 7 de 10",
        ],
        "feelings": [
            "¿Qué sientes?",
            "Buscar un sentimiento",
            "decepcionado/a",
            "wobbly",
            "Con tus propias palabras",
            "¿Qué tan fuerte? Opcional.",
            "¿Qué tan fuerte es “decepcionado/a”? Opcional",
            "Quitar decepcionado/a",
            "Un poco",
            "Bastante",
            "Mucho",
            "Aún no lo sé",
            "O explora por familias",
            "Anterior",
        ],
        "needs": ["¿Qué podrías necesitar ahora mismo?", "Descanso", "¿Qué pasó?", "¿Qué estaba pasando?"],
        "review": [
            "Este es tu registro",
            "Cuerpo",
            "Pecho: apretado (7/10)",
            "Sentimientos",
            "decepcionado/a, mucho",
            "Necesidades",
            "Descanso",
            "Lo que pasó",
            "A long meeting",
            "Guardar registro",
        ],
        "view": [
            "Editar registro",
            "Borrar registro",
            "Lo que noté",
            "Pecho",
            "apretado",
            "Intensidad 7 de 10",
            "Lo que sentí",
            "decepcionado/a, mucho",
            "wobbly",
            "Con mis propias palabras",
            "Lo que necesitaba",
            "Descanso",
            "Lo que escribí",
            "Lo que pasó",
        ],
        "sheet": [
            "Pecho",
            "¿Cómo se siente? Elige lo que encaje.",
            "Apretado",
            "Otra cosa (con tus palabras)",
            "Quitar este lugar",
            "Cancelar",
            "Listo",
        ],
    },
}
ENGLISH = {
    "body": ["1. Body", "4. Review", "Front", "Back", "Face", "List", "Next", "Chest: tight (7/10)"],
    "feelings": ["What are you feeling?", "disappointed", "How strong is disappointed? Optional", "Very"],
    "review": ["Here's your check-in", "disappointed, very", "Rest", "Save check-in"],
    "view": ["Edit check-in", "What I noticed", "Chest", "tight", "Strength 7 of 10", "disappointed, very"],
}


def test_the_check_in_in_english_as_before(journal) -> None:
    folder, stores = journal
    record_id = saved_in_english(stores)
    shell = FakeShell(stores, folder)
    screen = opened("checkin", shell, record_id=record_id)
    for step, name in enumerate(("body", "feelings")):
        shown = step_texts(screen, step)
        for words in ENGLISH[name]:
            assert words in shown, (words, shown)
    assert set(ENGLISH["review"]) <= set(step_texts(screen, 3))
    view = opened("checkin_view", shell, record_id=record_id)
    assert set(ENGLISH["view"]) <= set(texts(view.build_cached()))


@pytest.mark.parametrize("language", ["de", "es"])
def test_each_step_speaks_the_language_and_shows_an_english_check_in_in_it(journal, language: str) -> None:
    folder, stores = journal
    record_id = saved_in_english(stores)
    shell = FakeShell(stores, folder)
    said = SAID[language]
    with i18n.use(language):
        screen = opened("checkin", shell, record_id=record_id)
        shown = {
            name: step_texts(screen, step)
            for step, name in enumerate(("body", "feelings", "needs", "review"))
        }
    for name, words_list in shown.items():
        for words in said[name]:
            assert words in words_list, (name, words, words_list)
    assert "disappointed" not in shown["feelings"] and "disappointed, very" not in shown["review"]
    with i18n.use(language):
        screen.side_picker.selected = ["list"]  # the places as a list, each with what was noticed
        listed = step_texts(screen, 0)
    assert {"de": "Eng (7/10)", "es": "apretado (7/10)"}[language] in listed
    assert "Front" not in shown["body"] and "Where do you notice something in your body?" not in shown["body"]


@pytest.mark.parametrize("language", ["de", "es"])
def test_a_place_opens_its_sheet_in_the_language(journal, language: str) -> None:
    folder, stores = journal
    record_id = saved_in_english(stores)
    shell = FakeShell(stores, folder)
    with i18n.use(language):
        screen = opened("checkin", shell, record_id=record_id)
        run(screen._open_region("chest"))
        sheet = texts(shell.page.dialogs[-1])
    for words in SAID[language]["sheet"]:
        assert words in sheet, (words, sheet)


@pytest.mark.parametrize("language", ["de", "es"])
def test_a_past_check_in_reads_in_the_language(journal, language: str) -> None:
    folder, stores = journal
    record_id = saved_in_english(stores)
    shell = FakeShell(stores, folder)
    with i18n.use(language):
        view = opened("checkin_view", shell, record_id=record_id)
        shown = texts(view.build_cached())
        title = i18n._(view.title)
    for words in SAID[language]["view"]:
        assert words in shown, (words, shown)
    assert title == {"de": "Check-in", "es": "Registro"}[language]
    assert "disappointed, very" not in shown and "What I felt" not in shown


@pytest.mark.parametrize("language", ["de", "es"])
def test_a_chosen_feeling_is_known_by_its_id_in_any_language(journal, language: str) -> None:
    marks = [("chest", ["tight"], 7)]
    with i18n.use(language):
        picker = FeelingsPicker(lambda _word: asyncio.sleep(0), page=FakeShell(None, journal[0]).page)
        picker.set_body_suggestions(marks, set())
        offered = texts(picker.suggest_box)
        anxious = {"de": "ängstlich", "es": "con ansiedad"}[language]
        assert anxious in offered
        picker.set_body_suggestions(marks, {"anxious"})  # chosen: stored by id, shown in words
        assert anxious not in texts(picker.suggest_box)
        typed = {"de": "Enttäuscht ", "es": "decepcionada"}[language]
        assert word_to_add(typed) == "disappointed"  # Enter adds the id a check-in stores
        assert CheckIn().add_feeling(word_to_add(typed)).feelings[0].word == "disappointed"


@pytest.mark.parametrize(
    ("language", "chest", "whole", "face"),
    [
        (
            "de",
            "Brust, markiert mit 7 von 10",
            "Ganzer Körper, markiert",
            "Gesichtspartien: näher zeigen, 2 Stellen markiert",
        ),
        (
            "es",
            "Pecho, marcado con 7 de 10",
            "Todo el cuerpo, marcado",
            "Cara y rasgos: ver de cerca, 2 lugares marcados",
        ),
    ],
)
def test_the_body_map_names_its_places_in_the_language(
    language: str, chest: str, whole: str, face: str
) -> None:
    with i18n.use(language):
        body_map = BodyMap(side="front", marks={"chest": 7, "whole_body": None, "eyes": 3, "jaw": None})
        assert accessible_label("chest", 7) == chest
        assert body_map._targets["chest"].label == chest
        assert body_map._special["whole_body"][0].label == whole
        assert body_map._targets[FACE_GROUP].label == face


@pytest.mark.parametrize(("language", "word"), [("de", "enttäuscht"), ("es", "decepcionado")])
def test_a_check_in_made_in_the_language_is_saved_by_id(journal, language: str, word: str) -> None:
    folder, stores = journal
    shell = FakeShell(stores, folder)
    after: list[bool] = []

    async def after_checkin(intense: bool, *, edited: bool) -> None:
        after.append(edited)

    shell.after_checkin = after_checkin
    with i18n.use(language):
        screen = opened("checkin", shell)
        run(screen._add_feeling(word_to_add(word)))
        run(screen._add_feeling("wackelig"))  # a word of their own: kept as written
        shown = step_texts(screen, 1)
        run(screen._save(None))
        toast = shell.toasts[-1]
    assert word in " ".join(shown) and "wackelig" in shown
    assert toast == {"de": "Check-in gespeichert.", "es": "Registro guardado."}[language]
    ((_record, saved),) = stores.checkins.pairs()
    picks = saved.feelings
    assert [(p.word, p.own) for p in picks] == [("disappointed", False), ("wackelig", True)]
    assert after == [False]
