"""The small contract every screen follows, so the shell can stack and leave them."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import flet as ft

from companion.core.errors import VaultLocked
from companion.ui.kit.theme import CONTENT_MAX_WIDTH

if TYPE_CHECKING:
    from companion.services.stores import Stores
    from companion.ui.kit.shell import Shell

EVENT_PARAMETER_NAMES = {"e", "_e", "event", "_event"}


def is_event_handler(fn: Any) -> bool:
    """An ``async def _x(self, e)``: how every screen writes the handlers it gives to controls."""
    if not inspect.iscoroutinefunction(fn) or getattr(fn, "__guarded__", False):
        return False
    params = list(inspect.signature(fn).parameters.values())
    return len(params) == 2 and params[1].name in EVENT_PARAMETER_NAMES


def guard_handler(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Route any failure of a screen's handler to the shell's one error policy."""

    @functools.wraps(fn)
    async def run(self: Screen, event: Any) -> Any:
        try:
            return await fn(self, event)
        except Exception as exc:  # noqa: BLE001 - reported as a kind sentence by the shell
            self.ctl.report_error(exc)
            return None

    run.__guarded__ = True  # type: ignore[attr-defined]
    return run


class Screen:
    """A screen builds its controls once and may save work when left.

    Every ``async def handler(self, e)`` of a screen (its mixins included) is wrapped, when the
    class is made, so that a failure becomes a sentence for the person instead of a crash.
    """

    title = "Companion"
    max_width = CONTENT_MAX_WIDTH  # a screen with two panes side by side may ask for more
    route = ""  # set by the shell's routes, with the parameters it was opened with
    params: dict[str, Any] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in dir(cls):
            if name.startswith("__") or name in ("on_show", "on_leave"):
                continue
            attr = inspect.getattr_static(cls, name)
            if is_event_handler(attr):
                setattr(cls, name, guard_handler(attr))

    def __init__(self, ctl: Shell) -> None:
        self.ctl = ctl

    _built: ft.Control | None = None

    @property
    def stores(self) -> Stores:
        """The open journal's stores; `VaultLocked` (a kind sentence) once it has locked."""
        stores = self.ctl.stores
        if stores is None:
            raise VaultLocked()
        return stores

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

    def resume_params(self) -> dict[str, Any]:
        """Parameters that reopen this screen where the person was, after an automatic lock.

        Nothing decrypted may be in here (it is kept while locked): ids and positions only.
        What was typed comes back from the encrypted drafts.
        """
        return dict(self.params)
