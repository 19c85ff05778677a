"""First run: say what Companion is (and isn't), then create the journal."""

from __future__ import annotations

import flet as ft

from companion.core.errors import CompanionError
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
from companion.vault import passphrase as passphrase_rules


class WelcomeScreen(Screen):
    title = N_("Welcome")

    def build(self) -> ft.Control:
        self.first = ft.TextField(
            label=_("Passphrase"),
            password=True,
            on_change=self._on_type,
            on_submit=self._focus_repeat,
        )
        self.repeat = ft.TextField(
            label=_("Repeat passphrase"),
            password=True,
            on_change=self._on_type,
            on_submit=self._create,
        )
        self.hint = small(passphrase_rules.strength("").hint)
        self.meter = ft.ProgressBar(value=0, semantics_label=_("Passphrase strength"))
        self.error = error_text()
        self.button = primary_button(_("Create my journal"), self._create)
        self.busy = ft.ProgressRing(visible=False, width=20, height=20)
        return column(
            heading(_("Welcome to Companion")),
            body(
                _(
                    "Companion is a private place, between therapy sessions, to notice what your body "
                    "is telling you, find words for what you feel, and gather what you want to bring "
                    "to your next session."
                )
            ),
            body(
                # Translators: "Need help now" is the button at the top of every screen: use its words
                _(
                    "It is not a crisis service: if you are in danger, call your local emergency "
                    "number, or tap Need help now at the top."
                ),
            ),
            ft.Divider(),
            ft.Text(_("Create your journal"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            body(
                _(
                    "Choose a passphrase. Everything you write is locked with it, on this device only. "
                    "A few unrelated words work well."
                ),
                muted=True,
            ),
            self.first,
            self.meter,
            self.hint,
            self.repeat,
            show_secret_toggle([self.first, self.repeat], self.ctl.page, _("Show passphrase")),
            self.error,
            ft.Row([self.button, self.busy], spacing=12),
            *self._demo_offer(),
            ft.Row(
                [
                    ft.TextButton(
                        content=_("Make a homework card"),
                        icon=ft.Icons.ASSIGNMENT_OUTLINED,
                        on_click=self._card_maker,
                    )
                ],
                wrap=True,
            ),
        )

    def _demo_offer(self) -> list[ft.Control]:
        if self.ctl.demo or self.ctl.prepare_demo is None:
            return []
        self.demo_button = ft.TextButton(
            content=_("Look around a demo journal first"),
            icon=ft.Icons.AUTO_STORIES_OUTLINED,
            on_click=self._demo,
        )
        return [
            ft.Divider(),
            small(_("Curious first? The demo is filled with invented entries and kept apart from yours.")),
            ft.Row([self.demo_button], wrap=True),
            ft.Container(height=8),
        ]

    async def _demo(self, _e: ft.ControlEvent) -> None:
        self.demo_button.disabled = True
        self.busy.visible = True
        self.ctl.page.update()
        try:
            await self.ctl.enter_demo()
        except (CompanionError, OSError, ValueError) as exc:
            self.demo_button.disabled = False
            self.busy.visible = False
            show_error(
                self.error,
                # Translators: {reason} is the system's own description of what went wrong
                _("The demo couldn't be opened ({reason}). Your journal wasn't touched.").format(reason=exc),
            )
            self.ctl.page.update()

    async def _card_maker(self, _e: ft.ControlEvent) -> None:
        await self.ctl.show_public("card_maker")  # a therapist needs no journal for this

    async def _focus_repeat(self, _e: ft.ControlEvent) -> None:
        await self.repeat.focus()

    def _on_type(self, _e: ft.ControlEvent) -> None:
        strength = passphrase_rules.strength(self.first.value)
        self.hint.value = strength.hint
        self.meter.value = strength.level / 3
        show_error(self.error, "")

    async def _create(self, _e: ft.ControlEvent) -> None:
        secret, again = self.first.value, self.repeat.value
        if passphrase_rules.length(secret) < passphrase_rules.MIN_LENGTH:
            show_error(
                self.error,
                _("Please choose a passphrase of at least {minimum} characters.").format(
                    minimum=passphrase_rules.MIN_LENGTH
                ),
            )
            self.ctl.page.update()
            return
        if passphrase_rules.normalise(secret) != passphrase_rules.normalise(again):
            show_error(self.error, _("The two passphrases don't match yet. Please type them again."))
            self.ctl.page.update()
            return
        self.button.disabled = True
        self.busy.visible = True
        show_error(self.error, "")
        self.ctl.page.update()
        try:
            code = await self.ctl.create_journal(secret)
        except CompanionError as exc:
            show_error(self.error, str(exc))
            self.button.disabled = False
            self.busy.visible = False
            self.ctl.page.update()
            return
        self.first.value = self.repeat.value = ""
        await self.ctl.replace("recovery_code", code=code)


class RecoveryCodeScreen(Screen):
    """Shown once after creating the journal (and again from settings on request)."""

    title = N_("Your recovery code")

    def __init__(self, ctl: Shell, code: str, *, from_settings: bool = False) -> None:
        super().__init__(ctl)
        self.code = code
        self.from_settings = from_settings

    def build(self) -> ft.Control:
        return column(
            heading(_("Keep this recovery code safe")),
            body(
                _(
                    "If you ever forget your passphrase, this code opens your journal instead. "
                    "Write it down or save it somewhere private. It is shown only now."
                )
            ),
            ft.Container(
                ft.Text(
                    self.code,
                    theme_style=ft.TextThemeStyle.TITLE_LARGE,  # 22 px, grows with the text size
                    font_family="monospace",
                    selectable=True,
                    weight=ft.FontWeight.W_600,
                    # Translators: read aloud by a screen reader; {code} is spelled out letter by letter
                    semantics_label=_("Recovery code {code}").format(code=" ".join(self.code)),
                ),
                padding=16,
                border_radius=12,
                bgcolor=ft.Colors.SECONDARY_CONTAINER,
            ),
            ft.Row(
                [ft.OutlinedButton(content=_("Copy code"), icon=ft.Icons.COPY, on_click=self._copy)],
                wrap=True,
            ),
            body(
                _(
                    "Without your passphrase or this code, nobody can open your journal - not even us. "
                    "There is no other way back in."
                ),
                muted=True,
            ),
            primary_button(_("I've kept it safe"), self._done),
        )

    async def _copy(self, _e: ft.ControlEvent) -> None:
        await ft.Clipboard().set(self.code)
        self.ctl.toast(_("Copied. Paste it somewhere private, then clear your clipboard."))

    async def _done(self, _e: ft.ControlEvent) -> None:
        if self.from_settings:
            await self.ctl.back()
        else:
            await self.ctl.finish_create()
