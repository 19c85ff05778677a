"""How the app looks before unlocking: theme, text size and reduce motion, in a small clear file.

The unlock screen is shown before any key exists, so these three choices cannot live only
inside the encrypted journal: a person who reads large text in dark mode would meet a small,
bright unlock screen every time. They reveal nothing about what anyone writes (SECURITY.md says
so); the encrypted settings stay the source of truth and this file mirrors them.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

APPEARANCE_FILENAME = "appearance.json"
MAX_BYTES = 1024  # three short words; anything bigger is not ours
MAX_WORD = 20


@dataclass(frozen=True)
class Appearance:
    theme: str = "system"
    text_size: str = "standard"
    reduce_motion: bool = False


def _word(value: object, default: str) -> str:
    if isinstance(value, str) and 0 < len(value) <= MAX_WORD and value.isascii() and value.isalnum():
        return value
    return default


def load(data_dir: Path) -> Appearance:
    """The saved look, or the defaults when there is none or the file is not ours."""
    path = data_dir / APPEARANCE_FILENAME
    try:
        if path.is_symlink() or path.stat().st_size > MAX_BYTES:
            return Appearance()
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Appearance()
    if not isinstance(data, dict):
        return Appearance()
    default = Appearance()
    return Appearance(
        theme=_word(data.get("theme"), default.theme),
        text_size=_word(data.get("text_size"), default.text_size),
        reduce_motion=data.get("reduce_motion") is True,
    )


def save(data_dir: Path, appearance: Appearance) -> None:
    """Write atomically, readable by the owner only; a failure is harmless (defaults next time)."""
    if not data_dir.is_dir():
        return
    text = json.dumps(asdict(load_safe(appearance)), sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{APPEARANCE_FILENAME}.", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, data_dir / APPEARANCE_FILENAME)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def load_safe(appearance: Appearance) -> Appearance:
    """The same cleaning `load` applies, so what is written is what would be read."""
    default = Appearance()
    return Appearance(
        theme=_word(appearance.theme, default.theme),
        text_size=_word(appearance.text_size, default.text_size),
        reduce_motion=appearance.reduce_motion is True,
    )
