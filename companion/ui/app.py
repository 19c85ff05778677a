"""Builds the Flet `main` for one data folder."""

from __future__ import annotations

from pathlib import Path

import flet as ft


def make_app(data_dir: Path):
    async def main(page: ft.Page) -> None:
        page.title = "Companion"
        page.add(ft.Text("Companion"))

    return main
