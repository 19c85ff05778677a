"""Settings: look and feel, reminders, privacy, passphrase, backups, crisis numbers, deleting."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import flet as ft

from companion.core import i18n
from companion.core.errors import CompanionError
from companion.core.i18n import N_, _, ngettext
from companion.core.idle import AUTO_LOCK_CHOICES_S
from companion.ui.kit import theme
from companion.ui.kit.screen import Screen
from companion.ui.kit.shell import Shell
from companion.ui.widgets.common import (
    ChoiceMenu,
    body,
    column,
    error_text,
    outlined_button,
    primary_button,
    show_error,
    show_secret_toggle,
    small,
)
from companion.ui.widgets.reminders_section import RemindersSection, store_setting
from companion.vault import passphrase as passphrase_rules

if TYPE_CHECKING:
    from companion.kinds.settings import Settings
    from companion.services.stores import Stores

CONFIRM_WORD = "DELETE"  # typed to delete everything; `confirm_word()` is the one shown
DEVICE_LANGUAGE = ""  # the Language menu's "Same as this device" (stored as None)
DEVICE_UNLOCK_HELP = N_(
    "Your passphrase still works, and Companion asks for it after your phone restarts, once a "
    "week, and after 5 tries that aren't recognised. Anyone whose fingerprint or face this phone "
    "accepts could open your journal, so leave this off if others can unlock your phone."
)
DEMO_NOTE = N_(
    "This is the demo journal, filled with invented sample entries. Its passphrase is public, "
    "so please don't use it for your own words."
)


def auto_lock_name(seconds: int) -> str:
    """ "5 minutes": a Lock after choice, in the current language."""
    minutes = max(1, seconds // 60)
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)


def auto_lock_choices() -> dict[int, str]:
    """Every Lock after choice, seconds to its name."""
    return {seconds: auto_lock_name(seconds) for seconds in AUTO_LOCK_CHOICES_S}


def confirm_word() -> str:
    """The word typed to delete everything, in the current language."""
    # Translators: the word a person types, in capitals, to confirm deleting their whole journal
    return _("DELETE")


def language_options() -> list[tuple[str, str]]:
    """The Language menu: the device's, then each language by its own name (never translated)."""
    return [(DEVICE_LANGUAGE, _("Same as this device")), *i18n.LANGUAGES.items()]


def section_title(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)


LOOK_KEYS = {theme.THEME_KEY, theme.TEXT_SIZE_KEY, theme.REDUCE_MOTION_KEY}  # mirrored beside the journal


class SettingsScreen(Screen):
    title = N_("Settings")

    def __init__(self, ctl: Shell) -> None:
        super().__init__(ctl)
        self.lock = asyncio.Lock()  # settings are written one at a time

    @property
    def settings(self) -> Settings | None:
        stores = self.ctl.stores
        return None if stores is None else stores.settings

    def _saved(self, key: str, default: Any = None) -> Any:
        settings = self.settings
        return settings.get(key, default) if settings is not None else default

    def build(self) -> ft.Control:
        self._seen = self.settings
        self.theme_menu = ChoiceMenu(
            # Translators: the colour theme menu ("Theme: Light")
            _("Theme"),
            [(key, _(label)) for key, label in theme.THEME_LABELS.items()],
            theme.theme_choice(self._saved(theme.THEME_KEY)),
            self._on_theme,
        )
        self.text_menu = ChoiceMenu(
            _("Text size"),
            [(key, _(label)) for key, label in theme.TEXT_SIZE_LABELS.items()],
            theme.text_size_choice(self._saved(theme.TEXT_SIZE_KEY)),
            self._on_text_size,
        )
        self.language_menu = ChoiceMenu(
            _("Language"),
            language_options(),
            self.ctl.language_choice() or DEVICE_LANGUAGE,
            self._on_language,
        )
        self.reduce_motion = ft.Switch(
            label=_("Reduce motion"),
            value=bool(self._saved(theme.REDUCE_MOTION_KEY, False)),
            on_change=self._on_reduce_motion,
        )
        self.auto_lock = ChoiceMenu(
            # Translators: the menu choosing when the journal locks itself ("Lock after: 5 minutes")
            _("Lock after"),
            [(str(k), v) for k, v in auto_lock_choices().items()],
            str(self.ctl.auto_lock_s),
            self._on_auto_lock,
        )
        self.reminders = RemindersSection(self.ctl, self.lock)
        # offered by on_show, only on a phone with a fingerprint or face enrolled (never on web)
        self.device_switch = ft.Switch(
            label=_("Unlock with fingerprint or face"), value=False, on_change=self._on_device_unlock
        )
        self.device_row = ft.Column(
            [ft.Row([self.device_switch]), small(_(DEVICE_UNLOCK_HELP))], visible=False
        )
        controls: list[ft.Control] = []
        if self.ctl.demo:
            controls += [self._demo_note(), ft.Divider()]
        controls += [
            section_title(_("Look and feel")),
            ft.Row([self.theme_menu.control, self.text_menu.control], wrap=True, spacing=12, run_spacing=12),
            ft.Row([self.language_menu.control], wrap=True),
            small(_("Words, dates and the feelings list follow this. What you wrote stays as you wrote it.")),
            ft.Row([self.reduce_motion]),
            small(_("Breathing then shows words and a quiet bar instead of a moving circle.")),
            ft.Divider(),
            section_title(_("Gentle reminders")),
            self.reminders.control,
            ft.Divider(),
            section_title(_("Privacy")),
            ft.Row([self.auto_lock.control], wrap=True),
            small(_("Companion locks itself when you haven't touched it for this long.")),
            self.device_row,
            ft.Divider(),
            section_title(_("Passphrase and recovery")),
            ft.Row(
                [
                    outlined_button(_("Change passphrase"), icon=ft.Icons.PASSWORD, on_click=self._change),
                    outlined_button(
                        _("Make a new recovery code"), icon=ft.Icons.KEY_OUTLINED, on_click=self._recovery
                    ),
                ],
                wrap=True,
            ),
            ft.Divider(),
            # Translators: the Settings section about backup files
            section_title(_("Backup")),
            body(
                _("Save your whole journal as one encrypted file, or bring a backup back in."),
                muted=True,
            ),
            ft.Row(
                [
                    outlined_button(_("Save a backup"), icon=ft.Icons.SAVE_ALT, on_click=self._save_backup),
                    outlined_button(
                        _("Restore from a backup"), icon=ft.Icons.RESTORE, on_click=self._restore_backup
                    ),
                ],
                wrap=True,
            ),
            ft.Divider(),
            section_title(_("Crisis numbers")),
            body(_("Set the numbers that show on the Need help now page."), muted=True),
            ft.Row(
                [
                    outlined_button(
                        _("Edit crisis numbers"), icon=ft.Icons.SUPPORT_OUTLINED, on_click=self._help
                    )
                ]
            ),
            ft.Row(
                [
                    outlined_button(
                        _("Make a homework card"),
                        icon=ft.Icons.ASSIGNMENT_OUTLINED,
                        on_click=self._card_maker,
                    )
                ]
            ),
            ft.Divider(),
            self._danger_zone(),
            ft.Container(height=24),
        ]
        return column(*controls)

    def _demo_note(self) -> ft.Control:
        parts: list[ft.Control] = [body(_(DEMO_NOTE))]
        if self.ctl.home_dir is not None:
            parts.append(
                ft.Row(
                    [outlined_button(_("Leave the demo"), icon=ft.Icons.LOGOUT, on_click=self._leave_demo)]
                )
            )
        return ft.Container(
            ft.Column(parts, spacing=8),
            padding=12,
            border_radius=12,
            bgcolor=ft.Colors.TERTIARY_CONTAINER,
        )

    def _danger_zone(self) -> ft.Control:
        return ft.Container(
            ft.Column(
                [
                    section_title(_("Delete everything")),
                    body(
                        _(
                            "Removes your journal from this device: every entry, check-in, note and "
                            "setting. It can't be undone. A backup file you saved elsewhere stays yours."
                        ),
                        muted=True,
                    ),
                    ft.Row(
                        [
                            outlined_button(
                                _("Delete everything"),
                                icon=ft.Icons.DELETE_FOREVER_OUTLINED,
                                on_click=self._ask_delete,
                                style=ft.ButtonStyle(
                                    color=ft.Colors.ERROR, side=ft.BorderSide(1, ft.Colors.ERROR)
                                ),
                            )
                        ]
                    ),
                ],
                spacing=12,
            ),
            padding=16,
            border=ft.Border.all(1, ft.Colors.ERROR),
            border_radius=12,
        )

    async def on_show(self) -> None:
        if self._seen is not self.settings and isinstance(self._built, ft.Column):
            # the settings were read again (a restored backup brought some): show them
            self._built.controls = self.build().controls
            self.ctl.page.update()
        await self.reminders.on_show()
        if await self.ctl.device_unlock_available():
            self.device_switch.value = await self.ctl.device_unlock_enabled()
            self.device_row.visible = True
            self.ctl.page.update()

    # --- look and feel -------------------------------------------------------------------

    async def _store(self, key: str, value: Any) -> None:
        settings = self.settings
        if settings is None:
            return
        stored = await store_setting(self.ctl, self.lock, lambda: settings.set(key, value))
        if stored and key in LOOK_KEYS:
            await asyncio.to_thread(self.ctl.remember_look)

    async def _on_theme(self, key: str) -> None:
        self.ctl.touch()
        self.ctl.page.theme_mode = theme.THEME_MODES[theme.theme_choice(key)]
        self.ctl.page.update()
        await self._store(theme.THEME_KEY, key)

    async def _on_text_size(self, key: str) -> None:
        self.ctl.touch()
        theme.apply(self.ctl.page, self.theme_menu.value, key)
        self.ctl.page.update()
        await self._store(theme.TEXT_SIZE_KEY, key)

    async def _on_reduce_motion(self, _e: ft.ControlEvent) -> None:
        self.ctl.touch()
        await self._store(theme.REDUCE_MOTION_KEY, bool(self.reduce_motion.value))

    async def _on_language(self, key: str) -> None:
        """The shell keeps the choice (encrypted) and shows every screen in it, this one rebuilt.

        Run after the menu has shown the pick: the rebuild replaces this screen's controls.
        """
        self.ctl.touch()
        choice = key or None
        if choice == self.ctl.language_choice():
            return
        self.ctl.page.run_task(self.ctl.handler(self._switch_language), choice)

    async def _switch_language(self, choice: str | None) -> None:
        async with self.lock:  # settings are written one at a time
            await self.ctl.set_language(choice)

    # --- privacy and passphrase ----------------------------------------------------------

    async def _on_auto_lock(self, key: str) -> None:
        seconds = int(key or 300)
        self.ctl.auto_lock_s = seconds
        await self._store("auto_lock_s", seconds)
        minutes = max(1, seconds // 60)
        self.ctl.toast(
            ngettext(
                "Companion will lock after {n} minute without use.",
                "Companion will lock after {n} minutes without use.",
                minutes,
            ).format(n=minutes)
        )

    async def _on_device_unlock(self, _e: ft.ControlEvent) -> None:
        self.ctl.touch()
        if not self.device_switch.value:
            await self.ctl.set_device_unlock(False)
            self.ctl.toast(_("Fingerprint or face unlock is off. The key it kept on this phone is gone."))
            return
        self._ask_passphrase_for_device_unlock()

    def _ask_passphrase_for_device_unlock(self) -> None:
        """Turning it on asks for the passphrase: someone who finds the journal open can't add a way in."""
        field = ft.TextField(label=_("Your passphrase"), password=True, autofocus=True)
        error = error_text()

        async def turn_on(_e: ft.ControlEvent) -> None:
            try:
                await self.ctl.set_device_unlock(True, field.value or "")
            except CompanionError as exc:
                field.value = ""
                show_error(error, str(exc))
                self.ctl.page.update()
                return
            self.ctl.page.pop_dialog()
            self.ctl.toast(_("Fingerprint or face unlock is on. Your passphrase works too."))

        def keep_off(_e: ft.ControlEvent) -> None:
            self.ctl.page.pop_dialog()
            self.device_switch.value = False
            self.ctl.page.update()

        self.ctl.page.show_dialog(
            ft.AlertDialog(
                modal=True,
                title=ft.Text(_("Unlock with fingerprint or face?")),
                content=ft.Column(
                    [
                        body(_(DEVICE_UNLOCK_HELP)),
                        small(_("To turn it on, please type your passphrase.")),
                        field,
                        error,
                    ],
                    tight=True,
                    spacing=12,
                    width=420,
                ),
                actions=[
                    ft.TextButton(content=_("Keep it off"), on_click=keep_off),
                    ft.FilledButton(content=_("Turn on"), on_click=self.ctl.handler(turn_on)),
                ],
            )
        )

    async def _change(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("change_passphrase")

    async def _recovery(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("new_recovery_code")

    async def _help(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("help")

    # --- backup --------------------------------------------------------------------------

    async def _card_maker(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("card_maker")

    async def _save_backup(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("save_backup")

    async def _restore_backup(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("restore_backup")

    # --- demo and deleting ---------------------------------------------------------------

    async def _leave_demo(self, _e: ft.ControlEvent) -> None:
        await self.ctl.lock(reason="asked")
        await self.ctl.leave_demo()

    def _ask_delete(self, _e: ft.ControlEvent) -> None:
        self.ctl.touch()
        word = ft.TextField(
            # Translators: {word} is the word to type, "DELETE" in capitals (translated on its own)
            label=_("Type {word} to confirm").format(word=confirm_word()),
            on_change=self._on_confirm_typed,
        )
        self._go = ft.FilledButton(
            content=_("Delete everything"),
            disabled=True,
            on_click=self._delete,
            style=ft.ButtonStyle(  # red only once the word is typed; greyed out until then
                bgcolor={
                    ft.ControlState.DISABLED: ft.Colors.with_opacity(0.12, ft.Colors.ON_SURFACE),
                    ft.ControlState.DEFAULT: ft.Colors.ERROR,
                },
                color={
                    ft.ControlState.DISABLED: ft.Colors.with_opacity(0.38, ft.Colors.ON_SURFACE),
                    ft.ControlState.DEFAULT: ft.Colors.ON_ERROR,
                },
            ),
        )
        self.ctl.page.show_dialog(
            ft.AlertDialog(
                modal=True,
                title=ft.Text(_("Delete everything?")),
                content=ft.Column(
                    [
                        ft.Text(
                            _(
                                "This deletes your journal from this device: every entry, check-in, note "
                                "and setting. It can't be undone. If you have a backup file, you can "
                                "restore it into a new journal later."
                            )
                        ),
                        word,
                    ],
                    tight=True,
                    spacing=16,
                    width=420,
                    horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                ),
                actions=[
                    ft.TextButton(
                        content=_("Keep my journal"), on_click=lambda _e: self.ctl.page.pop_dialog()
                    ),
                    self._go,
                ],
            )
        )

    def _on_confirm_typed(self, e: ft.ControlEvent) -> None:
        typed = (e.control.value or "").strip().upper()
        self._go.disabled = typed not in {confirm_word().upper(), CONFIRM_WORD}  # English works too
        self._go.update()

    async def _delete(self, _e: ft.ControlEvent) -> None:
        self.ctl.page.pop_dialog()
        if self.ctl.stores is None:
            return  # the journal locked while the question was open: nothing is deleted
        await self.ctl.delete_everything()


class ChangePassphraseScreen(Screen):
    """A new passphrase: with the current one, or right after opening with the recovery code.

    "My passphrase may have leaked" also makes a new key inside and seals every entry again, so
    an old copy of the journal plus the old passphrase opens nothing written before or after.
    """

    title = N_("Change passphrase")

    def __init__(self, ctl: Shell) -> None:
        super().__init__(ctl)
        self.forgot = self.stores.keys.opened_with_recovery
        # the shell shows the title through _()
        self.title = N_("Set a new passphrase") if self.forgot else N_("Change passphrase")

    def build(self) -> ft.Control:
        def field(label: str) -> ft.TextField:
            return ft.TextField(label=label, password=True, on_change=self._on_type)

        self.current = field(_("Current passphrase"))
        self.current.visible = not self.forgot
        self.new = field(_("New passphrase"))
        self.repeat = field(_("Repeat new passphrase"))
        self.hint = small(passphrase_rules.strength("").hint)
        self.meter = ft.ProgressBar(value=0, semantics_label=_("Passphrase strength"))
        self.leaked = ft.Checkbox(
            label=_("My passphrase may have leaked: also change the key inside (takes a little longer)"),
            value=False,
            visible=not self.forgot,
        )
        self.error = error_text()
        action = _("Set new passphrase") if self.forgot else _("Change passphrase")
        self.button = primary_button(action, self._apply)
        intro = (
            _(
                "You opened your journal with your recovery code. Choose a new passphrase now; "
                "you'll also get a new recovery code, and the one you just used stops working."
            )
            if self.forgot
            else _("Your entries stay exactly as they are; only the lock changes.")
        )
        return column(
            body(intro, muted=True),
            self.current,
            self.new,
            self.meter,
            self.hint,
            self.repeat,
            show_secret_toggle([self.current, self.new, self.repeat], self.ctl.page, _("Show passphrases")),
            self.leaked,
            self.error,
            ft.Row([self.button]),
        )

    def _on_type(self, _e: ft.ControlEvent) -> None:
        strength = passphrase_rules.strength(self.new.value or "")
        self.hint.value = strength.hint
        self.meter.value = strength.level / 3
        show_error(self.error, "")

    async def _apply(self, _e: ft.ControlEvent) -> None:
        stores = self.ctl.stores
        if stores is None or self.button.disabled:
            return
        if passphrase_rules.length(self.new.value) < passphrase_rules.MIN_LENGTH:
            show_error(
                self.error,
                _("Please choose at least {minimum} characters.").format(minimum=passphrase_rules.MIN_LENGTH),
            )
        elif passphrase_rules.normalise(self.new.value) != passphrase_rules.normalise(self.repeat.value):
            show_error(self.error, _("The new passphrases don't match yet."))
        else:
            self.button.disabled = True
            self.ctl.page.update()
            try:
                code = await asyncio.to_thread(self._change, stores)
            except CompanionError as exc:
                show_error(self.error, str(exc))
                self.button.disabled = False
            else:
                self.current.value = self.new.value = self.repeat.value = ""
                self.ctl.toast(_("Passphrase changed. Use the new one next time."))
                if code:
                    await self.ctl.replace("recovery_code", code=code, from_settings=True)
                else:
                    await self.ctl.back()
                return
        self.ctl.page.update()

    def _change(self, stores: Stores) -> str | None:
        """The new recovery code to show, when this change made one."""
        new = self.new.value or ""
        if self.forgot:
            return stores.keys.replace_forgotten_passphrase(new)
        if self.leaked.value:
            return stores.keys.rekey(self.current.value or "", new)
        stores.keys.change_passphrase(self.current.value or "", new)
        return None


class NewRecoveryCodeScreen(Screen):
    """A new recovery code cancels the old one, so the passphrase is asked for first.

    Someone who finds the phone unlocked must not be able to swap the code for one of their own.
    """

    title = N_("New recovery code")

    def build(self) -> ft.Control:
        self.passphrase = ft.TextField(label=_("Your passphrase"), password=True, on_submit=self._make)
        self.error = error_text()
        self.button = primary_button(_("Make a new recovery code"), self._make)
        return column(
            body(
                _(
                    "Your old recovery code will stop working as soon as the new one is made. "
                    "To make sure it's you, please type your passphrase."
                ),
                muted=True,
            ),
            self.passphrase,
            show_secret_toggle([self.passphrase], self.ctl.page, _("Show what I type")),
            self.error,
            ft.Row([self.button]),
        )

    async def _make(self, _e: ft.ControlEvent) -> None:
        stores = self.ctl.stores
        if stores is None or self.button.disabled:
            return
        self.button.disabled = True
        show_error(self.error, "")
        self.ctl.page.update()
        try:
            code = await asyncio.to_thread(stores.keys.new_recovery_code, self.passphrase.value or "")
        except CompanionError as exc:
            self.passphrase.value = ""
            show_error(self.error, str(exc))
            self.button.disabled = False
            self.ctl.page.update()
            return
        self.passphrase.value = ""
        await self.ctl.replace("recovery_code", code=code, from_settings=True)
