"""The look kept in clear beside the journal: round trip, and nothing but three harmless words."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from companion.adapters import appearance
from companion.adapters.appearance import APPEARANCE_FILENAME, Appearance


def test_round_trip(tmp_path: Path) -> None:
    look = Appearance(theme="dark", text_size="larger", reduce_motion=True)
    appearance.save(tmp_path, look)
    assert appearance.load(tmp_path) == look
    assert (tmp_path / APPEARANCE_FILENAME).stat().st_mode & 0o077 == 0


def test_no_file_means_the_device_look(tmp_path: Path) -> None:
    assert appearance.load(tmp_path) == Appearance()


def test_only_the_three_choices_are_written(tmp_path: Path) -> None:
    appearance.save(tmp_path, Appearance(theme="dark"))
    written = json.loads((tmp_path / APPEARANCE_FILENAME).read_text())
    assert set(written) == {"theme", "text_size", "reduce_motion"}


@given(st.binary(max_size=3000))
def test_a_hostile_file_gives_the_defaults_or_clean_words(raw: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / APPEARANCE_FILENAME).write_bytes(raw)
        look = appearance.load(Path(folder))
    assert isinstance(look.reduce_motion, bool)
    for word in (look.theme, look.text_size):
        assert word.isascii() and word.isalnum() and len(word) <= appearance.MAX_WORD


def test_long_or_strange_values_are_not_taken(tmp_path: Path) -> None:
    text = json.dumps({"theme": "dark\u202e" + "x" * 50, "text_size": ["large"], "reduce_motion": "yes"})
    (tmp_path / APPEARANCE_FILENAME).write_text(text)
    assert appearance.load(tmp_path) == Appearance()


def test_a_big_file_is_not_read(tmp_path: Path) -> None:
    (tmp_path / APPEARANCE_FILENAME).write_text(json.dumps({"theme": "dark", "pad": "x" * 5000}))
    assert appearance.load(tmp_path) == Appearance()
