"""Builds the Flet `main` for one data folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import flet as ft

from companion.ui.shell.controller import AppController


def make_app(data_dir: Path, *, demo: bool = False, prepare_demo: Callable[[Path], Path] | None = None):
    """``prepare_demo`` comes from the entry point, which alone may know the demo filler."""

    async def main(page: ft.Page) -> None:
        # One controller per page: each browser tab has its own locked/unlocked state.
        controller = AppController(page, data_dir, demo=demo, prepare_demo=prepare_demo)
        await controller.start()

    return main
