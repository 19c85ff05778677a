"""Save the whole journal as one encrypted backup file, and add a backup back into a journal."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import flet as ft

from companion.core.errors import BackupError, BackupTooLarge, CompanionError
from companion.core.i18n import N_, _, ngettext
from companion.export import backup
from companion.ui.kit import theme
from companion.ui.kit.screen import Screen
from companion.ui.widgets.common import (
    body,
    button_row,
    column,
    error_text,
    heading,
    outlined_button,
    primary_button,
    show_error,
    show_secret_toggle,
    small,
    wrapping_checkbox,
)
from companion.vault import passphrase

if TYPE_CHECKING:
    from companion.services.stores import Stores


class SaveBackupScreen(Screen):
    title = N_("Save a backup")

    def build(self) -> ft.Control:
        def field(label: str) -> ft.TextField:
            return ft.TextField(label=label, password=True, on_change=self._on_type)

        self.first = field(_("Backup passphrase"))
        self.repeat = field(_("Repeat backup passphrase"))
        self.error = error_text()
        self.note = body("", muted=True)
        self.note.visible = False
        self.button = primary_button(_("Save backup"), self._save, icon=ft.Icons.SAVE_ALT)
        self.busy = ft.ProgressRing(visible=False, width=20, height=20)
        return column(
            heading(_("Keep a copy somewhere safe")),
            body(
                _(
                    "A backup is one file holding your whole journal: entries, check-ins, notes and "
                    "settings. You can keep it on a USB stick, another computer or in the cloud."
                )
            ),
            body(
                _(
                    "The file is locked with a passphrase. Your journal passphrase is fine, or choose "
                    "a different one just for backups. You'll need it to restore, and nobody can "
                    "open the file without it, not even us."
                ),
                muted=True,
            ),
            self.first,
            self.repeat,
            show_secret_toggle([self.first, self.repeat], self.ctl.page, _("Show passphrases")),
            self.error,
            ft.Row([self.button, self.busy], spacing=12, wrap=True),
            self.note,
        )

    def _on_type(self, _e: ft.ControlEvent) -> None:
        show_error(self.error, "")
        self.ctl.touch()

    def _busy(self, busy: bool) -> None:
        self.button.disabled = busy
        self.busy.visible = busy
        self.ctl.page.update()

    async def _save(self, _e: ft.ControlEvent) -> None:
        stores = self.ctl.stores
        if stores is None:
            return
        secret = self.first.value or ""
        if passphrase.length(secret) < passphrase.MIN_LENGTH:
            show_error(
                self.error,
                _("Please use at least {minimum} characters.").format(minimum=passphrase.MIN_LENGTH),
            )
        elif passphrase.normalise(secret) != passphrase.normalise(self.repeat.value or ""):
            show_error(self.error, _("The two passphrases don't match yet."))
        else:
            show_error(self.error, "")
            self.note.visible = False
            self._busy(True)
            try:
                data = await asyncio.to_thread(stores.backups.export, secret)
            except CompanionError as exc:
                show_error(self.error, str(exc))
                self._busy(False)
                return
            await self._write(data)
            self._busy(False)
            return
        self.ctl.page.update()

    async def _write(self, data: bytes) -> None:
        name = backup.suggested_backup_name()
        try:
            path = await ft.FilePicker().save_file(
                dialog_title=_("Save your backup"), file_name=name, src_bytes=data
            )
        except Exception as exc:  # noqa: BLE001 - the platform's save dialog failed
            show_error(
                self.error,
                # Translators: {reason} is the system's own description of what went wrong
                _("The backup couldn't be saved ({reason}). Nothing was lost; try again?").format(reason=exc),
            )
            return
        if path is None and not self.ctl.page.web:
            self.note.value = _("Not saved. You can try again whenever you like.")
        else:
            if path:
                # Translators: {name} is the backup's file name, {path} where it was saved
                saved = _("Saved {name} to {path}. It opens only with the backup passphrase you just chose.")
            else:
                # Translators: {name} is the backup's file name
                saved = _("Saved {name}. It opens only with the backup passphrase you just chose.")
            self.note.value = saved.format(name=name, path=path)
            self.first.value = self.repeat.value = ""
        self.note.visible = True


class RestoreBackupScreen(Screen):
    """Open a backup, show what restoring it would do, and write only what the person confirms.

    A backup may have been made by someone else. So the file and its passphrase are checked
    first (off the UI thread: Argon2 runs under the process-wide lock), the plan is shown in
    plain words, and nothing is written before "Add what's missing" is pressed. Entries here
    that the backup has differently are replaced only when that is ticked, explicitly.
    """

    title = N_("Restore a backup")

    def __init__(self, ctl) -> None:
        super().__init__(ctl)
        self.data: bytes | None = None
        self.file_name = ""
        self._plan: backup.RestorePlan | None = None  # decrypted records: held only while asking
        self._plan_stores: Stores | None = None  # the open journal the plan was worked out for
        self._replace = False
        self._working = False

    def build(self) -> ft.Control:
        self.chosen = body(_("No file chosen yet."), muted=True)
        self.passphrase = ft.TextField(
            label=_("Backup passphrase"),
            password=True,
            on_change=lambda _e: show_error(self.error, ""),
            on_submit=self._ask,
        )
        self.error = error_text()
        self.result = ft.Container(
            body(""),
            padding=12,
            border_radius=12,
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
            visible=False,
        )
        # Translators: the button that checks a backup and shows what restoring it would add
        self.button = primary_button(_("Restore"), self._ask, icon=ft.Icons.RESTORE, disabled=True)
        self.busy = ft.ProgressRing(visible=False, width=20, height=20)
        return column(
            heading(_("Bring back a backup")),
            body(
                _(
                    "Restoring adds what is missing from this journal. First you'll see what the "
                    "backup would add: nothing is written until you say so, and nothing already here "
                    "is removed or changed unless you choose it."
                )
            ),
            small(
                _(
                    "Entries you deleted after the backup was made will come back. This device keeps "
                    "its own settings."
                )
            ),
            button_row(
                outlined_button(_("Choose a backup file"), self._pick, icon=ft.Icons.FOLDER_OPEN_OUTLINED)
            ),
            self.chosen,
            self.passphrase,
            show_secret_toggle([self.passphrase], self.ctl.page, _("Show what I type")),
            self.error,
            ft.Row([self.button, self.busy], spacing=12, wrap=True),
            self.result,
        )

    async def on_leave(self) -> None:
        self._forget_plan()

    async def _pick(self, _e: ft.ControlEvent) -> None:
        self.ctl.touch()
        try:
            files = await ft.FilePicker().pick_files(
                dialog_title=_("Choose a Companion backup"),
                allow_multiple=False,
                with_data=True,
                cancel_upload_on_window_blur=False,
            )
        except Exception as exc:  # noqa: BLE001 - the platform's file dialog failed
            show_error(
                self.error,
                # Translators: {reason} is the system's own description of what went wrong
                _("The file couldn't be opened ({reason}). Nothing was changed.").format(reason=exc),
            )
            self.ctl.page.update()
            return
        self.ctl.touch()
        if not files:
            return
        picked = files[0]
        show_error(self.error, "")
        self.result.visible = False
        try:
            if picked.size > backup.max_file_bytes():
                raise BackupTooLarge(backup.MAX_BODY_BYTES // backup.MIB)
            if picked.bytes is not None:
                data = picked.bytes
            elif picked.path:
                data = await asyncio.to_thread(backup.load_backup_file, picked.path)
            else:
                raise OSError("no content")
        except BackupError as exc:
            self._forget(str(exc))
            return
        except OSError:
            self._forget(_("That file couldn't be read. Nothing was changed."))
            return
        self.data, self.file_name = data, picked.name
        # Translators: {name} is the chosen backup's file name
        self.chosen.value = _("Chosen: {name}").format(name=picked.name)
        self.chosen.color = None
        self.button.disabled = False
        self.ctl.page.update()

    def _forget(self, message: str) -> None:
        self.data, self.file_name = None, ""
        self.chosen.value = _("No file chosen yet.")
        self.button.disabled = True
        show_error(self.error, message)
        self.ctl.page.update()

    def _forget_plan(self) -> None:
        self._plan, self._plan_stores, self._replace = None, None, False

    def _busy(self, busy: bool) -> None:
        self._working = busy
        self.button.disabled = busy or self.data is None
        self.busy.visible = busy
        self.ctl.page.update()

    async def _ask(self, _e: ft.ControlEvent) -> None:
        """Check the file and passphrase and show what restoring would do; writes nothing."""
        if self._working:
            return  # a second tap or Enter while the backup is still being opened
        self._forget_plan()
        if self.data is None:
            show_error(self.error, _("Please choose a backup file first."))
        elif not (self.passphrase.value or "").strip():
            show_error(self.error, _("Please type the backup's passphrase."))
        else:
            await self._preview()
            return
        self.ctl.page.update()

    async def _preview(self) -> None:
        stores, data = self.ctl.stores, self.data
        if stores is None or data is None:
            return
        self.ctl.touch()
        show_error(self.error, "")
        self.result.visible = False
        self._busy(True)
        try:
            plan = await asyncio.to_thread(stores.backups.preview, data, self.passphrase.value or "")
        except CompanionError as exc:
            show_error(self.error, str(exc))
            return
        finally:
            self._busy(False)
        if self.ctl.stores is not stores:
            return  # the journal locked while the backup was being opened
        if not plan.adds and not plan.changes:
            self._show_result(plan.message)
            return
        self._plan, self._plan_stores, self._replace = plan, stores, False
        self._ask_to_apply(plan)

    def _ask_to_apply(self, plan: backup.RestorePlan) -> None:
        """The plan in plain words; adding what's missing is the default, replacing is a choice."""
        parts: list[ft.Control] = [ft.Text(plan.message)]
        if plan.changes:
            n = plan.changes
            parts.append(
                wrapping_checkbox(
                    ngettext(
                        "Also replace {n} changed entry with the backup's version",
                        "Also replace {n} changed entries with the backup's version",
                        n,
                    ).format(n=n),
                    False,
                    self._on_replace,
                    detail=_(
                        "Only if you're sure the backup is right: what is here now would be "
                        "replaced. Left off, your versions stay as they are."
                    ),
                )
            )
        self.go = ft.FilledButton(content=_("Add what's missing"), on_click=self._confirmed)
        self.ctl.page.show_dialog(
            ft.AlertDialog(
                modal=True,
                title=ft.Text(_("Add this backup to your journal?")),
                content=ft.Column(
                    parts,
                    tight=True,
                    spacing=16,
                    width=420,
                    scroll=ft.ScrollMode.AUTO,
                    horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                ),
                actions=[ft.TextButton(content=_("Not now"), on_click=self._cancelled), self.go],
            )
        )

    async def _on_replace(self, e: ft.ControlEvent) -> None:
        self.ctl.touch()
        self._replace = bool(e.control.value)
        plan = self._plan
        if self._replace and plan is not None:
            # Translators: a button; {n} is how many changed entries would be replaced
            self.go.content = _("Add and replace {n}").format(n=plan.changes)
        else:
            self.go.content = _("Add what's missing")
        self.ctl.page.update()

    async def _cancelled(self, _e: ft.ControlEvent) -> None:
        self._forget_plan()
        self.ctl.page.pop_dialog()
        self.ctl.touch()

    async def _confirmed(self, _e: ft.ControlEvent) -> None:
        plan, plan_stores, replace = self._plan, self._plan_stores, self._replace
        if plan is None:
            return  # a second tap: the first one is already writing
        self._forget_plan()
        self.ctl.page.pop_dialog()
        stores = self.ctl.stores
        if stores is None or stores is not plan_stores or not stores.is_open:
            return  # the journal locked while the question was open: nothing is written
        self._busy(True)
        try:
            outcome = await asyncio.to_thread(stores.backups.apply, plan, replace and plan.changes > 0)
        except CompanionError as exc:
            show_error(self.error, str(exc))
        else:
            self.passphrase.value = ""
            self._show_result(outcome.message)
            await self._reload_settings()
        finally:
            self.ctl.touch()
            self._busy(False)

    def _show_result(self, message: str) -> None:
        self.result.content = body(message)
        self.result.visible = True
        self.ctl.page.update()

    async def _reload_settings(self) -> None:
        """A journal without settings of its own takes the backup's: read them again."""
        stores = self.ctl.stores
        if stores is None:
            return
        settings = await asyncio.to_thread(stores.reload_settings)
        self.ctl.auto_lock_s = settings.get("auto_lock_s")
        theme.apply_saved(self.ctl.page, settings)
