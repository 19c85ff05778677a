"""The web server's warm-up (`companion.ui.app.warm_up`): what the first session would
otherwise do itself between the browser's connection and the first screen."""

from __future__ import annotations

import json
import subprocess
import sys

# In a fresh interpreter: which modules the warm-up leaves imported.
PROBE = """
import json, sys
from companion.ui.app import warm_up
before = set(sys.modules)
warm_up()
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_it_imports_the_first_screens_and_builds_a_theme_but_leaves_storage_alone() -> None:
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
