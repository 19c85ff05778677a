"""Small German and Spanish vocabulary data for the summary and PDF tests (one copy for both).

The summary speaks the language of the session that builds it. The words are written here
(the shipped files' choices may change); the catalogue is the shipped one.
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

MINI_VOCABULARY = {
    "de": {
        "feelings.json": {
            "version": 1,
            "language": "de",
            "families": [],
            "feelings": [{"id": "disappointed", "word": "enttäuscht", "definition": "Anders als erhofft."}],
        },
        "needs.json": {"version": 1, "needs": [{"id": "rest", "label": "Ruhe", "explanation": "Pause."}]},
        "body.json": {
            "version": 1,
            "regions": [{"id": "chest", "name": "Brust"}],
            "sensations": [{"id": "tight", "name": "Eng", "description": "Wenig Platz."}],
        },
    },
    "es": {
        "feelings.json": {
            "version": 1,
            "language": "es",
            "families": [],
            "feelings": [{"id": "disappointed", "word": "decepcionado", "definition": "No como esperaba."}],
        },
        "needs.json": {"version": 1, "needs": [{"id": "rest", "label": "Descanso", "explanation": "Pausa."}]},
        "body.json": {
            "version": 1,
            "regions": [{"id": "chest", "name": "Pecho"}],
            "sensations": [{"id": "tight", "name": "Apretado", "description": "Poco espacio."}],
        },
    },
}


@pytest.fixture
def speaks(tmp_path, monkeypatch):
    """German and Spanish words for the summary: small vocabulary data, and the catalogue."""
    from companion.core import i18n
    from companion.reference import vocabulary

    root = tmp_path / "data"
    shutil.copytree(Path(str(resources.files("companion.reference") / "data")), root)
    for language, files in MINI_VOCABULARY.items():
        folder = root / language
        shutil.rmtree(folder, ignore_errors=True)  # always the small data: the shipped words may change
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(vocabulary, "_DATA_ROOT", root)
    vocabulary._clear_caches()
    yield i18n
    vocabulary._clear_caches()
