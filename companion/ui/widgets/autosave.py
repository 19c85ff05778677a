"""Encrypted drafts for editing screens: saved every few seconds and whenever the
screen is left (back, another section, auto-lock), so closing or killing the app
never takes what someone was writing.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any, Protocol

import flet as ft

from companion.core.i18n import _

AUTOSAVE_EVERY_S = 3.0
TYPING_PAUSE_S = 1.2  # keep the draft once typing pauses: saving mid-word lost keys in the browser


class DraftStore(Protocol):
    def find_draft(self, target: str | None) -> tuple[str, Any] | None: ...
    def save_draft(self, target: str | None, value: Any, draft_id: str | None = None) -> str: ...
    def discard_draft(self, target: str | None, draft_id: str | None = None) -> None: ...


class DraftAutosave:
    """Mixin for a Screen that edits one record (``record_id`` None for a new one).

    The screen provides ``draft_store()`` (None once locked), ``draft_value()`` (the
    current value, with ``is_empty``) and keeps ``saved`` (the stored value, if any)
    and, optionally, a ``draft_note`` text that says when the draft was last kept.
    """

    ctl: Any
    record_id: str | None
    saved: Any = None
    draft_note: ft.Text | None = None

    @property
    def dirty(self) -> bool:
        return self._dirty

    @dirty.setter
    def dirty(self, value: bool) -> None:
        self._dirty = value
        if value:
            self._changed_at = time.monotonic()

    def _typing(self) -> bool:
        return time.monotonic() - getattr(self, "_changed_at", 0.0) < TYPING_PAUSE_S

    def init_autosave(self) -> None:
        self.draft_id: str | None = None
        self.dirty = False
        self.closed = False
        self._save_lock = asyncio.Lock()

    def draft_store(self) -> DraftStore | None:  # pragma: no cover - screens override
        raise NotImplementedError

    def draft_value(self) -> Any:  # pragma: no cover - screens override
        raise NotImplementedError

    async def restore_draft(self) -> Any | None:
        """The kept draft's value when it differs from what is saved (and remember its id)."""
        store = self.draft_store()
        if store is None:
            return None
        found = await asyncio.to_thread(store.find_draft, self.record_id)
        if found is None:
            return None
        self.draft_id, kept = found
        return kept if not kept.is_empty and kept != self.saved else None

    def start_autosave(self) -> None:
        self.ctl.page.run_task(self._autosave_loop)

    async def _autosave_loop(self) -> None:
        while not self.closed:
            await asyncio.sleep(AUTOSAVE_EVERY_S)
            while self.dirty and not self.closed and self._typing():
                await asyncio.sleep(TYPING_PAUSE_S / 2)
            if self.dirty and not self.closed:
                await self.save_draft()
                if self.draft_note is not None and not self.closed:
                    # Translators: {time} is a time of day like "17:30"
                    self.draft_note.value = _("Draft kept safe at {time}").format(time=time.strftime("%H:%M"))
                    # Only the note: a whole-page update mid-typing could send the text field
                    # a value older than what the person has typed since.
                    with contextlib.suppress(RuntimeError):  # the screen was just taken down
                        self.draft_note.update()

    async def save_draft(self) -> None:
        async with self._save_lock:
            store = self.draft_store()
            if not self.dirty or store is None:
                return
            self.dirty = False
            value = self.draft_value()
            if value.is_empty or value == self.saved:
                await asyncio.to_thread(store.discard_draft, self.record_id, self.draft_id)
                self.draft_id = None
            else:
                self.draft_id = await asyncio.to_thread(
                    store.save_draft, self.record_id, value, self.draft_id
                )

    async def finish_draft(self) -> None:
        """After a real save or delete: the draft has done its job."""
        store = self.draft_store()
        if store is not None:
            await asyncio.to_thread(store.discard_draft, self.record_id, self.draft_id)
        self.draft_id = None
        self.dirty = False
        self.closed = True

    async def on_leave(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.dirty = True
        await self.save_draft()
