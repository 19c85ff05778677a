"""Python's part of a cold start: process start -> the first screen's first page update.

    python -m benchmarks.first_screen DATA_DIR     (prints one JSON line)

Run in a fresh interpreter by `suite.first_screen`, which notes the wall clock just before it
starts this process. Here the app is built exactly as `companion` builds it (`make_app`), and
its `main` runs against a stand-in page that records the moment the first screen is sent
(`page.update()`), plus whether the storage layer (SQLModel/SQLAlchemy) was imported by then.
Flet's own server or the phone's Flutter engine is not part of this: it is the Python work the
person waits for before anything of Companion appears.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

STORAGE_MODULES = ("sqlmodel", "sqlalchemy")


class FirstUpdatePage:
    """Just enough of `ft.Page` for the shell's start: every attribute settable, one view."""

    def __init__(self) -> None:
        self.views = [SimpleNamespace()]
        self.width, self.height = 400, 800
        self.platform = None
        self.web = False
        self.first_update: float | None = None
        self.storage_loaded_at_first_update: bool | None = None
        self.done = asyncio.Event()

    def update(self, *_controls: Any) -> None:
        if self.first_update is None:
            self.first_update = time.time()
            self.storage_loaded_at_first_update = any(m in sys.modules for m in STORAGE_MODULES)
            self.done.set()

    def run_task(self, handler: Any, *args: Any) -> None:
        asyncio.get_running_loop().create_task(handler(*args))

    def show_dialog(self, *_a: Any) -> None: ...

    def pop_dialog(self) -> None:
        return None


async def _main(data_dir: Path) -> dict[str, Any]:
    from companion.ui.app import make_app
    from companion.ui.shell import controller  # noqa: F401 - `main` imports it: counted as imports

    imported = time.time()
    import flet as ft

    ft.Theme  # noqa: B018 - flet builds its theme classes on first use: timed on its own here
    theme_classes = time.time() - imported
    page = FirstUpdatePage()
    await make_app(data_dir)(page)  # type: ignore[arg-type]
    await asyncio.wait_for(page.done.wait(), 30)
    return {
        "first_update": page.first_update,
        "imported": imported,
        "theme_classes_s": theme_classes,
        "storage_loaded": page.storage_loaded_at_first_update,
    }


def main() -> None:
    data_dir = Path(sys.argv[1])
    result = asyncio.run(_main(data_dir))
    print(json.dumps(result), flush=True)
    sys.stdout.flush()
    # the background import of the storage layer may still run: don't wait for it
    import os

    os._exit(0)


if __name__ == "__main__":
    main()
