"""A homework card given in several languages shows in the person's language: on the Homework
screen and on the printed handout."""

from __future__ import annotations

import io
import json
from datetime import date

import pypdf
import pytest
from conftest import run_async as run
from test_settings_language import FakeShell, built, texts  # tests/unit/ui/test_settings_language.py

from companion.core import i18n
from companion.export.handout import render_handout
from companion.kinds.homework import PROMPT
from companion.kinds.homework_card import parse_card
from companion.services.stores import Stores
from companion.vault.vault import Vault

PROMPT_TEXTS = {"en": "What went well today?", "de": "Was ging heute gut?", "es": "¿Qué salió bien hoy?"}
NOTES = {"en": "Two lines are plenty.", "de": "Zwei Zeilen reichen.", "es": "Dos líneas bastan."}


def card() -> bytes:
    practice = {"what": PROMPT, "title": "Evening", "prompt": PROMPT_TEXTS, "note": NOTES}
    return json.dumps({"format": "companion-homework", "version": 1, "practices": [practice]}).encode()


@pytest.fixture
def journal(tmp_path):
    vault, _ = Vault.create(tmp_path / "journal.sqlite", "a long test passphrase", with_recovery_code=False)
    stores = Stores.open(vault)
    stores.homework.add_all(parse_card(card(), date.today()))
    yield tmp_path, stores
    stores.close()


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_the_homework_screen_shows_the_card_in_the_language(journal, language: str) -> None:
    folder, stores = journal
    with i18n.use(language):
        screen, _built = built("homework", FakeShell(stores, folder))
        run(screen.on_show())
        shown = texts(screen.build_cached())
    assert PROMPT_TEXTS[language] in shown
    assert any(NOTES[language] in text for text in shown)
    others = [PROMPT_TEXTS[other] for other in PROMPT_TEXTS if other != language]
    assert not set(others) & set(shown)


@pytest.mark.parametrize("language", ["de", "es"])
def test_the_handout_prints_the_card_in_the_language(language: str) -> None:
    with i18n.use(language):
        pdf = render_handout(parse_card(card(), date(2026, 11, 25)), file_name="evening.companion-card")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert NOTES[language] in text and PROMPT_TEXTS[language] in text
    assert NOTES["en"] not in text
