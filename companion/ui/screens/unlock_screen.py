"""Later runs: the passphrase (or recovery code) opens the journal."""

from __future__ import annotations

import asyncio

import flet as ft

from companion.adapters.paths import DEMO_PASSPHRASE
from companion.core.errors import CompanionError, PassphraseNeeded, TryAgainLater
from companion.core.i18n import N_, _
from companion.ui.kit.screen import Screen
from companion.ui.kit.shell import Shell
from companion.ui.widgets.common import (
    body,
    column,
    error_text,
    heading,
    primary_button,
    show_error,
    show_secret_toggle,
    small,
)

REASONS = {  # English; shown through _()
    "idle": N_("Locked after a few quiet minutes, to keep your journal private."),
    "background": N_("Locked while Companion was in the background."),
    "asked": N_("Your journal is locked."),
}
FORGOT = N_("Forgot your passphrase? Use your recovery code")


class UnlockScreen(Screen):
    title = "Companion"

    def __init__(self, ctl: Shell, reason: str | None = None) -> None:
        super().__init__(ctl)
        self.reason = reason
        self.use_recovery = False

    def build(self) -> ft.Control:
        self.field = ft.TextField(
            label=_("Passphrase"),
            password=True,
            # Not in a browser: a field focused before a screen reader turns on the page's
            # accessibility tree can then never take focus from it (a Flutter web limitation),
            # and a screen reader turns it on only after the page has loaded.
            autofocus=not self.ctl.page.web,
            on_submit=self._unlock,
            on_change=lambda _e: show_error(self.error, ""),
        )
        self.error = error_text()
        # Translators: the button that opens the locked journal
        self.button = primary_button(_("Unlock"), self._unlock)
        self.busy = ft.ProgressRing(visible=False, width=20, height=20)
        self.switch = ft.TextButton(
            content=_(FORGOT),
            on_click=self._toggle,
            visible=not self.ctl.demo,  # the demo has no recovery code; its passphrase is shown
        )
        # Fingerprint or face (phones where the person turned it on): shown by on_show once the
        # shell knows; the passphrase field stays, and is the only way in after a restart.
        self.device_button = ft.OutlinedButton(
            content=_("Use fingerprint or face"),
            icon=ft.Icons.FINGERPRINT,
            on_click=self._unlock_with_device,
            visible=False,
        )
        self.device_note = small("")
        self.device_note.visible = False
        reason = REASONS.get(self.reason or "", "")
        note = _(reason) if reason else _("Your journal is locked. Type your passphrase to open it.")
        return column(
            *self._demo_marker(),
            heading(_("Welcome back")),
            body(note, muted=True),
            self.field,
            show_secret_toggle([self.field], self.ctl.page, _("Show what I type")),
            self.error,
            ft.Row([self.button, self.busy], spacing=12),
            ft.Row([self.device_button], wrap=True),
            self.device_note,
            ft.Row([self.switch], wrap=True),
        )

    async def on_show(self) -> None:
        offer = await self.ctl.device_unlock_offer()
        if offer is None:
            return
        self.device_button.visible = offer == ""
        self.device_note.value = offer
        self.device_note.visible = bool(offer)
        self.ctl.page.update()

    async def _unlock_with_device(self, _e: ft.ControlEvent) -> None:
        if self.button.disabled or self.device_button.disabled:
            return
        self.device_button.disabled = True
        show_error(self.error, "")
        self.ctl.page.update()
        try:
            await self.ctl.unlock_with_device()
        except PassphraseNeeded as exc:
            show_error(self.error, str(exc))
            if exc.reason not in ("missed", "unavailable"):
                self.device_button.visible = False  # the passphrase this time
        finally:
            self.device_button.disabled = False
        if self.ctl.stores is None:
            self.ctl.page.update()

    def _demo_marker(self) -> list[ft.Control]:
        """The sample journal says so, and says its (public) passphrase."""
        if not self.ctl.demo:
            return []
        parts: list[ft.Control] = [
            ft.Text(_("Demo journal – sample data"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            body(
                # Translators: {passphrase} is the demo's public passphrase; use your language's quotes
                _(
                    "Everything in it is invented. Its passphrase is “{passphrase}”; please keep "
                    "your own words for your own journal."
                ).format(passphrase=DEMO_PASSPHRASE)
            ),
        ]
        if self.ctl.home_dir is not None:
            parts.append(ft.Row([ft.OutlinedButton(content=_("Leave the demo"), on_click=self._leave_demo)]))
        return [
            ft.Container(
                ft.Column(parts, spacing=8),
                padding=12,
                border_radius=12,
                bgcolor=ft.Colors.TERTIARY_CONTAINER,
            )
        ]

    async def _leave_demo(self, _e: ft.ControlEvent) -> None:
        await self.ctl.leave_demo()

    async def _toggle(self, _e: ft.ControlEvent) -> None:
        self.use_recovery = not self.use_recovery
        self.field.label = _("Recovery code") if self.use_recovery else _("Passphrase")
        self.field.password = not self.use_recovery
        self.field.value = ""
        self.switch.content = _("Use my passphrase instead") if self.use_recovery else _(FORGOT)
        show_error(self.error, "")
        self.ctl.page.update()

    async def _unlock(self, _e: ft.ControlEvent) -> None:
        if self.button.disabled:
            return  # one attempt at a time: a second Enter while the first runs is ignored
        secret = self.field.value or ""
        if not secret.strip():
            show_error(self.error, _("Please type your passphrase first."))
            self.ctl.page.update()
            return
        self.button.disabled = True
        self.busy.visible = True
        show_error(self.error, "")
        self.ctl.page.update()
        try:
            await self.ctl.unlock(secret, recovery=self.use_recovery)
        except CompanionError as exc:
            self.field.value = ""
            self.busy.visible = False
            show_error(self.error, str(exc))
            self.ctl.page.update()
            await self._cool_down(exc)
            return
        except Exception:
            self.busy.visible = False
            self.button.disabled = False
            self.ctl.page.update()
            raise  # the shell's error policy says so kindly; the screen stays usable
        self.field.value = ""

    async def _cool_down(self, exc: CompanionError) -> None:
        """Keep the button disabled through the growing wait, counting down gently."""
        base = str(exc) if not isinstance(exc, TryAgainLater) else ""
        while (wait := self.ctl.unlock_wait_s()) > 0:
            # Translators: on the Unlock button while it waits; {seconds} is a whole number, s for seconds
            self.button.content = _("Wait {seconds} s").format(seconds=f"{wait:.0f}")
            self.ctl.page.update()
            await asyncio.sleep(min(1.0, wait))
        self.button.content = _("Unlock")
        self.button.disabled = False
        if base:
            show_error(self.error, base)
        self.ctl.page.update()
        try:
            await self.field.focus()
        except Exception:  # the screen may be gone by now  # noqa: BLE001
            pass
