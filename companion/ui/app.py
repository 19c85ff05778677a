"""Builds the Flet `main` for one data folder."""

from __future__ import annotations

from pathlib import Path

import flet as ft

from companion.ui.shell.controller import AppController


def make_app(data_dir: Path, *, demo: bool = False):
    async def main(page: ft.Page) -> None:
        # One controller per page: each browser tab has its own locked/unlocked state.
        controller = AppController(page, data_dir, demo=demo)
        await controller.start()

    return main
