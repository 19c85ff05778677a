"""Delete everything: remove the journal and everything Companion keeps, from this device.

Careful by design: ``--data-dir`` or ``COMPANION_DATA_DIR`` can point Companion at any folder,
even one full of someone's documents. So a whole folder is removed only when it is one of
Companion's own (the platform's app-data folder, the phone's private storage, or the demo
folder inside one of those); anywhere else, only files Companion itself writes are removed,
other files are left where they are, and the folder goes only if that leaves it empty.

Lock the journal before calling this: an open database would simply be written again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from companion.adapters.appearance import APPEARANCE_FILENAME
from companion.adapters.paths import APP_NAME, DEMO_FOLDER, VAULT_FILENAME
from companion.core.i18n import _

# What Companion writes into a data folder: the journal and SQLite's companions to it.
_OWN_SUFFIXES = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class WipeResult:
    removed: int  # files and folders removed
    left: tuple[Path, ...]  # other people's files, left in place

    @property
    def message(self) -> str:
        """What happened, in a sentence for the person (in the current language)."""
        if not self.left:
            return _("Everything Companion kept on this device has been deleted.")
        return _(
            "Your journal has been deleted. The folder also held other files that Companion "
            "didn't make, so they were left where they are."
        )


def own_data_dirs() -> list[Path]:
    """The folders Companion chooses for itself (never one a person pointed it at)."""
    dirs = [Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))]
    mobile = os.environ.get("FLET_APP_STORAGE_DATA")
    if mobile:
        dirs.append(Path(mobile) / "companion")
    return [_resolved(d) for d in dirs]


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path.expanduser()))


def is_own_data_dir(data_dir: Path) -> bool:
    """Companion's own app-data folder, or the demo folder inside one: safe to remove whole."""
    here = _resolved(data_dir)
    return any(here in (own, own / DEMO_FOLDER) for own in own_data_dirs())


def _known_files(data_dir: Path) -> list[Path]:
    """Files Companion writes: the journal, SQLite's side files, the look, our temporary files."""
    found = [data_dir / (VAULT_FILENAME + suffix) for suffix in _OWN_SUFFIXES]
    found.append(data_dir / APPEARANCE_FILENAME)
    with contextlib.suppress(OSError):
        ours = (f".{VAULT_FILENAME}.", f".{APPEARANCE_FILENAME}.")
        found += [p for p in data_dir.iterdir() if p.name.startswith(ours)]
    return [p for p in found if p.is_file() and not p.is_symlink()]


def _remove_tree(path: Path) -> None:
    def retry_writable(func, failed_path, _exc):  # shutil's callback shape
        # read-only files (Windows) would otherwise stop the removal half way
        os.chmod(failed_path, stat.S_IWRITE)
        func(failed_path)

    if sys.version_info >= (3, 12):  # pragma: no cover - depends on the Python running the tests
        shutil.rmtree(path, onexc=retry_writable)
    else:  # pragma: no cover
        shutil.rmtree(path, onerror=retry_writable)


def delete_everything(data_dir: Path) -> WipeResult:
    """Remove the journal in ``data_dir`` and everything else Companion keeps there.

    Raises OSError if a file can't be removed (for example, still open on Windows); whatever
    was removed before that stays removed, and calling again finishes the job.
    """
    data_dir = Path(data_dir)
    if data_dir.is_symlink():
        raise OSError(f"{data_dir} is a link; Companion doesn't follow it to delete files")
    if not data_dir.is_dir():
        return WipeResult(0, ())
    if is_own_data_dir(data_dir):
        count = sum(1 for _ in data_dir.rglob("*")) + 1
        _remove_tree(data_dir)
        return WipeResult(count, ())
    removed = 0
    for path in _known_files(data_dir):
        path.unlink(missing_ok=True)
        removed += 1
    demo = data_dir / DEMO_FOLDER
    if demo.is_dir() and not demo.is_symlink():
        inner = delete_everything(demo)
        removed += inner.removed
    left = tuple(sorted(data_dir.iterdir())) if data_dir.exists() else ()
    if not left:
        with contextlib.suppress(OSError):
            data_dir.rmdir()
            removed += 1
    return WipeResult(removed, left)
