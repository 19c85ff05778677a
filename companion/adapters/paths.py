"""Where Companion keeps its data.

The data folder is chosen once at start-up and handed down; nothing else in the
package guesses paths, so tests and the `--data-dir` option can point the whole
app somewhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Companion"
VAULT_FILENAME = "journal.sqlite"
DEMO_FOLDER = "demo"
# For the demo journal only. It is written here in the open, so it protects nothing: never use
# it (or the demo folder) for real entries.
DEMO_PASSPHRASE = "demo journal"


def default_data_dir() -> Path:
    """The folder a normal install uses.

    Mobile builds get a private, backed-up folder from Flet through
    ``FLET_APP_STORAGE_DATA``; on desktop we follow the platform's convention.
    """
    override = os.environ.get("COMPANION_DATA_DIR")
    if override:
        return Path(override).expanduser()
    mobile = os.environ.get("FLET_APP_STORAGE_DATA")
    # Flet sets this in built desktop apps too, where the platform's usual folder (the one the
    # README names) is the right home; only phones must use the sandbox folder Flet gives.
    if mobile and os.environ.get("FLET_PLATFORM", "").lower() in ("android", "ios"):
        return Path(mobile) / "companion"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def vault_path(data_dir: Path) -> Path:
    return data_dir / VAULT_FILENAME


def ensure_private_dir(path: Path) -> Path:
    """Create the folder readable only by its owner (where the OS supports modes)."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        path.chmod(0o700)
    except OSError:  # pragma: no cover - e.g. some mobile or network filesystems
        pass
    return path


def demo_data_dir(base: Path) -> Path:
    """The demo's own folder inside ``base``: opening the demo never touches the real journal."""
    return base / DEMO_FOLDER


def journal_present(data_dir: Path) -> bool:
    """A journal is present when its file exists and is not empty (no storage import needed)."""
    path = vault_path(data_dir)
    return path.exists() and path.stat().st_size > 0
