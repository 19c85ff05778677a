"""Builds the Flet `main` for one data folder."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import flet as ft

FLET_NAME = re.compile(r"\bft\.([A-Z]\w*)")


def make_app(data_dir: Path, *, demo: bool = False, prepare_demo: Callable[[Path], Path] | None = None):
    """``prepare_demo`` comes from the entry point, which alone may know the demo filler."""

    async def main(page: ft.Page) -> None:
        # Imported here, not above: a web server starts answering without it (see warm_up).
        from companion.ui.shell.controller import AppController

        # One controller per page: each browser tab has its own locked/unlocked state.
        controller = AppController(page, data_dir, demo=demo, prepare_demo=prepare_demo)
        await controller.start()

    return main


def warm_up() -> None:
    """The first session's one-time Python work, done while the browser starts Flutter.

    In web mode the server answers at once, and the browser then spends about a second
    starting Flutter's engine before the first session opens: time enough to import the shell
    and the first screens, the Flet controls they name (Flet imports a control's module when
    it is first named) and to build a theme once (Flet makes its theme classes on first use),
    work that would otherwise come between the browser's connection and the first screen.
    The storage layer is left to the session (it is imported while the person types): importing
    it here would slow the browser's own start on a two-core machine more than it saves.
    Desktop and phone apps start their session at once and skip this.
    """
    from companion.ui.kit import theme
    from companion.ui.shell import controller, routes

    theme.light()
    for first in controller.FIRST_SCREENS:
        routes.screen_class(first)  # imports its module
    loaded = [module for name, module in list(sys.modules.items()) if name.startswith("companion.ui.")]
    for name in sorted(flet_names_in(loaded)):
        getattr(ft, name, None)


def flet_names_in(modules: list[ModuleType]) -> set[str]:
    """The ``ft.Name`` attributes these modules' source mentions."""
    names: set[str] = set()
    for module in modules:
        path = getattr(module, "__file__", None)
        if path and path.endswith(".py"):
            names.update(FLET_NAME.findall(Path(path).read_text(encoding="utf-8")))
    return names
