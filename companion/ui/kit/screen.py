"""The small contract every screen follows, so the shell can stack and leave them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from companion.ui.kit.theme import CONTENT_MAX_WIDTH

if TYPE_CHECKING:
    from companion.ui.shell.controller import AppController


class Screen:
    """A screen builds its controls once and may save work when left."""

    title = "Companion"
    max_width = CONTENT_MAX_WIDTH  # a screen with two panes side by side may ask for more

    def __init__(self, ctl: AppController) -> None:
        self.ctl = ctl

    _built: ft.Control | None = None

    def build(self) -> ft.Control:  # pragma: no cover - every screen overrides it
        raise NotImplementedError

    def build_cached(self) -> ft.Control:
        """Controls are built once, so typed text survives a re-layout (e.g. rotating a phone)."""
        if self._built is None:
            self._built = self.build()
        return self._built

    async def on_leave(self) -> None:
        """Called before the screen is replaced or the app locks: save drafts here."""

    async def on_show(self) -> None:
        """Called after the screen is on the page: load data here."""

    def relayout(self) -> None:
        """Called when the window changes between phone and wide layouts."""
