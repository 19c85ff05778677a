"""The web server's warm-up (`companion.ui.app.warm_up`): what the first session would
otherwise do itself between the browser's connection and the first screen."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

from companion.ui.app import flet_names_in

# In a fresh interpreter: which modules the warm-up leaves imported.
PROBE = """
import json, sys
from companion.ui.app import warm_up
before = set(sys.modules)
warm_up()
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_it_imports_the_first_screens_their_flet_controls_and_a_theme_but_not_storage() -> None:
    command = [sys.executable, "-c", PROBE]
    out = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    loaded = set(json.loads(out.stdout))
    assert {"companion.ui.screens.unlock_screen", "companion.ui.screens.welcome_screen"} <= loaded
    assert "companion.ui.shell.controller" in loaded
    # Flet's theme classes, made on first use (see warm_up)
    assert "flet.controls.theme" in loaded
    # the controls the first screens name, which Flet imports when a control is first named
    assert {"flet.controls.material.progress_ring", "flet.controls.material.outlined_button"} <= loaded
    # Storage stays with the session, imported while the person types their passphrase.
    assert not {"sqlmodel", "sqlalchemy", "companion.services.access"} & loaded


def test_flet_names_are_read_from_each_modules_source(tmp_path: Path) -> None:
    source = tmp_path / "screen.py"
    source.write_text("x = ft.TextField(label='a')\ny = ft.Icons.ADD\nz = other.Thing\nft.colors_lower\n")
    module = types.ModuleType("screen")
    module.__file__ = str(source)
    assert flet_names_in([module, types.ModuleType("no_file")]) == {"TextField", "Icons"}
