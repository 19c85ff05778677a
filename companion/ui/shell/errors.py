"""The one error policy at the UI's edge.

Every event handler of a screen and every `on_show`/`on_leave` runs through here. A
`CompanionError` already is a sentence written for the person, so it is shown as it is; anything
else is a bug of ours: it is logged on this device (never sent anywhere) and the person reads
that nothing was lost, with the screen still usable. Without this, Flet would end the whole
session and show a stack trace in the window.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from companion.core.errors import CompanionError
from companion.core.i18n import N_, _

log = logging.getLogger("companion.ui")

# Marked here, translated when shown (`_()` in `report`).
SOMETHING_WRONG = N_("Something went wrong on our side; nothing was lost. Please try that again.")


def report(shell: Any, exc: BaseException) -> None:
    if isinstance(exc, CompanionError):
        message = str(exc)
    else:
        log.error("unexpected error in a screen", exc_info=exc)
        message = _(SOMETHING_WRONG)
    try:
        shell.toast(message)
    except Exception:  # noqa: BLE001 - the page may be closing; the log above still has it
        log.warning("could not show an error message", exc_info=True)


async def guarded(shell: Any, fn: Callable[..., Any], *args: Any) -> Any:
    """Run ``fn`` (sync or async); report instead of raising. Returns its result, or None."""
    try:
        result = fn(*args)
        if inspect.isawaitable(result):
            result = await result
        return result
    except Exception as exc:  # noqa: BLE001 - this is the catch point the policy asks for
        report(shell, exc)
        return None


def handler(shell: Any, fn: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    """``fn`` wrapped for use as a Flet event handler."""
    if getattr(fn, "__guarded__", False):
        return fn

    async def run(*args: Any) -> Any:
        return await guarded(shell, fn, *args)

    run.__guarded__ = True  # type: ignore[attr-defined]
    run.__name__ = getattr(fn, "__name__", "handler")
    return run
