"""Settings: passphrase, recovery code, auto-lock and crisis numbers."""

from __future__ import annotations

import asyncio

import flet as ft

from companion import passphrase as pp
from companion.errors import CompanionError
from companion.idle import AUTO_LOCK_CHOICES_S
from companion.ui.common import (
    ChoiceMenu,
    body,
    column,
    error_text,
    primary_button,
    show_error,
    show_secret_toggle,
    small,
)
from companion.ui.screen import Screen

AUTO_LOCK_NAMES = ("1 minute", "5 minutes", "15 minutes", "60 minutes")
AUTO_LOCK_CHOICES = dict(zip(AUTO_LOCK_CHOICES_S, AUTO_LOCK_NAMES, strict=True))


def section_title(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)


class SettingsScreen(Screen):
    title = "Settings"

    def build(self) -> ft.Control:
        self.auto_lock = ChoiceMenu(
            "Lock after",
            [(str(k), v) for k, v in AUTO_LOCK_CHOICES.items()],
            str(self.ctl.auto_lock_s),
            self._on_auto_lock,
        )
        return column(
            section_title("Privacy"),
            ft.Row([self.auto_lock.control]),
            small("Companion locks itself when you haven't touched it for this long."),
            ft.Divider(),
            section_title("Passphrase and recovery"),
            ft.Row(
                [
                    ft.OutlinedButton(
                        content="Change passphrase", icon=ft.Icons.PASSWORD, on_click=self._change
                    ),
                    ft.OutlinedButton(
                        content="Make a new recovery code",
                        icon=ft.Icons.KEY_OUTLINED,
                        on_click=self._recovery,
                    ),
                ],
                wrap=True,
            ),
            ft.Divider(),
            section_title("Crisis numbers"),
            body("Set the numbers that show on the Need help now page.", muted=True),
            ft.Row(
                [
                    ft.OutlinedButton(
                        content="Edit crisis numbers", icon=ft.Icons.SUPPORT_OUTLINED, on_click=self._help
                    )
                ]
            ),
        )

    async def _on_auto_lock(self, key: str) -> None:
        seconds = int(key or 300)
        self.ctl.auto_lock_s = seconds
        if self.ctl.settings is not None:
            await asyncio.to_thread(self.ctl.settings.set, "auto_lock_s", seconds)
        self.ctl.toast(f"Companion will lock after {AUTO_LOCK_CHOICES.get(seconds, seconds)} without use.")

    async def _change(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open(ChangePassphraseScreen(self.ctl))

    async def _recovery(self, _e: ft.ControlEvent) -> None:
        from companion.ui.welcome import RecoveryCodeScreen

        if self.ctl.vault is None:
            return
        code = await asyncio.to_thread(self.ctl.vault.new_recovery_code)
        await self.ctl.open(RecoveryCodeScreen(self.ctl, None, code, from_settings=True))

    async def _help(self, _e: ft.ControlEvent) -> None:
        from companion.ui.help_view import HelpScreen

        await self.ctl.open(HelpScreen(self.ctl))


class ChangePassphraseScreen(Screen):
    title = "Change passphrase"

    def build(self) -> ft.Control:
        def field(label: str) -> ft.TextField:
            return ft.TextField(
                label=label,
                password=True,
                on_change=lambda _e: show_error(self.error, ""),
            )

        self.current = field("Current passphrase")
        self.new = field("New passphrase")
        self.repeat = field("Repeat new passphrase")
        self.error = error_text()
        self.button = primary_button("Change passphrase", self._apply)
        return column(
            body("Your entries stay exactly as they are; only the lock changes.", muted=True),
            self.current,
            self.new,
            self.repeat,
            show_secret_toggle([self.current, self.new, self.repeat], self.ctl.page, "Show passphrases"),
            self.error,
            ft.Row([self.button]),
        )

    async def _apply(self, _e: ft.ControlEvent) -> None:
        if self.ctl.vault is None:
            return
        if pp.length(self.new.value) < pp.MIN_LENGTH:
            show_error(self.error, f"Please choose at least {pp.MIN_LENGTH} characters.")
        elif pp.normalise(self.new.value) != pp.normalise(self.repeat.value):
            show_error(self.error, "The new passphrases don't match yet.")
        else:
            self.button.disabled = True
            self.ctl.page.update()
            try:
                await asyncio.to_thread(self.ctl.vault.change_passphrase, self.current.value, self.new.value)
            except CompanionError as exc:
                show_error(self.error, str(exc))
                self.button.disabled = False
            else:
                self.ctl.toast("Passphrase changed. Use the new one next time.")
                await self.ctl.back()
                return
        self.ctl.page.update()
