"""What a screen may ask of the shell around it.

Screens are typed against this Protocol, never against the controller class, so no screen
imports the shell and the shell is the only place that knows every screen (through
`ui.shell.routes`). A screen opens another by route name: ``await shell.open("prepare")``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import flet as ft

if TYPE_CHECKING:
    from companion.services.stores import Stores

Handler = Callable[[Any], Any]


class ShownScreen(Protocol):
    """What the shell needs of the screen on show (the full contract is `kit.screen.Screen`)."""

    async def on_show(self) -> None: ...


class Shell(Protocol):
    page: ft.Page
    demo: bool
    data_dir: Path
    home_dir: Path | None
    path: Path
    prepare_demo: Callable[[Path], Path] | None

    @property
    def stores(self) -> Stores | None:
        """The open journal's stores; None while locked."""

    @property
    def current(self) -> ShownScreen | None: ...

    @property
    def auto_lock_s(self) -> int: ...

    @auto_lock_s.setter
    def auto_lock_s(self, seconds: int) -> None: ...

    def touch(self) -> None: ...

    # navigation, by route name (see ui.shell.routes)
    async def open(self, route: str, **params: Any) -> None: ...
    async def replace(self, route: str, **params: Any) -> None: ...
    async def show_public(self, route: str, **params: Any) -> None: ...
    async def go_section(self, section_id: str) -> None: ...
    async def back(self) -> None: ...

    # the journal's life
    async def unlock(self, secret: str, *, recovery: bool = False) -> None: ...
    async def create_journal(self, passphrase: str) -> str: ...
    async def finish_create(self) -> None: ...
    def unlock_wait_s(self) -> float: ...
    async def lock(self, reason: str) -> None: ...
    async def open_demo_journal(self, demo_dir: Path, passphrase: str) -> None: ...
    async def enter_demo(self) -> None: ...
    async def leave_demo(self) -> None: ...
    async def delete_everything(self) -> None: ...
    async def after_checkin(self, intense: bool, *, edited: bool) -> None: ...
    async def reminder_delivery(self) -> str:
        """How reminders reach this device, in a sentence for Settings."""

    # one error policy (ui.shell.errors): screens' handlers and on_show/on_leave go through it
    def handler(self, fn: Handler) -> Callable[[Any], Awaitable[Any]]: ...
    def report_error(self, exc: BaseException) -> None: ...

    # messages
    def toast(self, message: str, action: str | None = None, on_action: Handler | None = None) -> None: ...
    def confirm(
        self, title: str, text: str, action: str, on_confirm: Handler, keep: str = "Keep it"
    ) -> None: ...
