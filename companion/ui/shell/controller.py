"""Per-window (per browser tab) state: the unlocked vault, the screen stack, auto-lock.

Nothing here is module-global: in web mode every tab gets its own controller,
so one person's unlocked journal can never show up in another tab.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import flet as ft

from companion.adapters.paths import vault_path
from companion.core.errors import CompanionError
from companion.core.idle import IdleLock, valid_timeout
from companion.kinds.checkin import CheckIns
from companion.kinds.journal import Journal
from companion.kinds.settings import Settings
from companion.ui.kit import theme
from companion.ui.kit.screen import Screen
from companion.ui.widgets.common import icon_button, side_padding
from companion.vault.vault import Vault, vault_exists

IDLE_CHECK_INTERVAL_S = 5
MOBILE_PLATFORMS = {ft.PagePlatform.ANDROID, ft.PagePlatform.IOS}
BACKGROUND_STATES = {ft.AppLifecycleState.HIDE, ft.AppLifecycleState.PAUSE}
TIMING = os.environ.get("COMPANION_TIMING") == "1"  # benchmarks/browser.py reads these lines


def _timing(what: str, subject: object, start: float) -> None:
    if TIMING:
        ms = (time.perf_counter() - start) * 1000
        print(f"companion-timing {what} {type(subject).__name__} {ms:.1f}", flush=True)


@dataclass(frozen=True)
class Section:
    id: str
    label: str
    icon: ft.IconData
    selected_icon: ft.IconData
    make: Callable[[AppController], Screen]


class AppController:
    def __init__(
        self,
        page: ft.Page,
        data_dir: Path,
        *,
        demo: bool = False,
        prepare_demo: Callable[[Path], Path] | None = None,
    ) -> None:
        self.page = page
        self.data_dir = data_dir
        self.path = vault_path(data_dir)
        self.demo = demo  # the sample journal: marked as such on screen
        self.prepare_demo = prepare_demo  # makes (or finds) the demo journal; None: no demo offered
        self.home_dir: Path | None = None  # the real data folder while this page visits the demo
        self.reminder_watcher = None  # ReminderWatcher while unlocked
        self.vault: Vault | None = None
        self.journal: Journal | None = None
        self.settings: Settings | None = None
        self.checkins: CheckIns | None = None
        self.idle = IdleLock()
        self.stack: list[Screen] = []
        self.section_id = "journal"
        self._public_return: Screen | None = None
        self._wide: bool | None = None
        self._idle_task: asyncio.Task | None = None

    # --- start-up and events -------------------------------------------------------------

    async def start(self) -> None:
        from companion.ui.screens.unlock_screen import UnlockScreen
        from companion.ui.screens.welcome_screen import WelcomeScreen

        page = self.page
        page.title = "Companion"
        theme.apply(page)
        page.padding = 0
        page.on_resize = self._on_resize
        page.on_keyboard_event = self._on_key
        page.on_app_lifecycle_state_change = self._on_lifecycle
        self._build_chrome()
        first = UnlockScreen(self) if vault_exists(self.path) else WelcomeScreen(self)
        await self.show_public(first)
        self._idle_task = asyncio.create_task(self._watch_idle())

    def touch(self) -> None:
        self.idle.touch()

    @property
    def auto_lock_s(self) -> int:
        return int(self.idle.timeout_s)

    @auto_lock_s.setter
    def auto_lock_s(self, seconds: int) -> None:
        self.idle.timeout_s = valid_timeout(seconds)

    async def _watch_idle(self) -> None:
        while True:
            await asyncio.sleep(IDLE_CHECK_INTERVAL_S)
            if self.vault is not None and self.idle.expired():
                await self.lock(reason="idle")

    async def _on_resize(self, _e: ft.Event) -> None:
        if self.vault is not None and self._wide != self.is_wide():
            self._render()

    def can_go_back(self) -> bool:
        if self.vault is None:
            return self._public_return is not None
        return len(self.stack) > 1 or self.section_id != "journal"

    async def _on_system_back(self, _e: ft.ControlEvent) -> None:
        view = self.page.views[0]
        if not self.can_go_back():
            await view.confirm_pop(True)
            return
        await view.confirm_pop(False)
        if self.vault is not None and len(self.stack) <= 1:
            await self.go_section("journal")  # a section's first screen: back to the timeline
        else:
            await self.back()

    async def _on_key(self, e: ft.KeyboardEvent) -> None:
        self.touch()
        if e.key == "Escape":
            await self.back()

    async def _on_lifecycle(self, e: ft.AppLifecycleStateChangeEvent) -> None:
        if e.state in BACKGROUND_STATES and self.page.platform in MOBILE_PLATFORMS:
            await self.lock(reason="background")

    # --- layout --------------------------------------------------------------------------

    def is_wide(self) -> bool:
        return (self.page.width or 0) >= theme.PHONE_MAX_WIDTH

    def sections(self) -> list[Section]:
        from companion.ui.screens.breathing_screen import BreathingScreen
        from companion.ui.screens.checkin_screen import CheckInScreen
        from companion.ui.screens.feedback_screen import FeedbackHomeScreen
        from companion.ui.screens.journal_screen import JournalListScreen
        from companion.ui.screens.settings_screen import SettingsScreen

        return [
            Section(
                "checkin",
                "Check in",
                ft.Icons.SELF_IMPROVEMENT_OUTLINED,
                ft.Icons.SELF_IMPROVEMENT,
                CheckInScreen,
            ),
            Section("journal", "Journal", ft.Icons.BOOK_OUTLINED, ft.Icons.BOOK, JournalListScreen),
            Section("session", "Session", ft.Icons.FORUM_OUTLINED, ft.Icons.FORUM, FeedbackHomeScreen),
            Section("settle", "Settle", ft.Icons.AIR_OUTLINED, ft.Icons.AIR, BreathingScreen),
            Section("settings", "Settings", ft.Icons.TUNE_OUTLINED, ft.Icons.TUNE, SettingsScreen),
        ]

    @property
    def current(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def _build_chrome(self) -> None:
        """App bar, navigation and content frame are made once and then only updated.

        Replacing them on every screen change made Flutter rebuild the whole page, and a
        text field opened in that moment could lose its first keystrokes.
        """
        self._help_button = ft.TextButton(
            content="Need help now", icon=ft.Icons.SUPPORT_OUTLINED, on_click=self._open_help
        )
        self._lock_wide = ft.TextButton(
            content="Lock", icon=ft.Icons.LOCK_OUTLINE, on_click=self._on_lock_click
        )
        self._lock_phone = icon_button(ft.Icons.LOCK_OUTLINE, "Lock", self._on_lock_click)
        self._back_button = icon_button(ft.Icons.ARROW_BACK, "Back", self._on_back_click)
        self._title = ft.Text("Companion")
        self._bar = ft.AppBar(title=self._title, automatically_imply_leading=False, center_title=False)
        self._content = ft.Container(expand=True)
        sections = self.sections()
        self._navbar = ft.NavigationBar(
            destinations=[
                ft.NavigationBarDestination(icon=s.icon, selected_icon=s.selected_icon, label=s.label)
                for s in sections
            ],
            on_change=self._on_nav,
        )
        self._rail = ft.NavigationRail(
            label_type=ft.NavigationRailLabelType.ALL,
            destinations=[
                ft.NavigationRailDestination(icon=s.icon, selected_icon=s.selected_icon, label=s.label)
                for s in sections
            ],
            on_change=self._on_nav,
        )
        self._wide_row = ft.Row(
            [self._rail, ft.VerticalDivider(width=1), self._content],
            expand=True,
            vertical_alignment=ft.CrossAxisAlignment.STRETCH,
        )
        self._layout = ""

    def _render(self) -> None:
        screen = self.current
        if screen is None:
            return
        start = time.perf_counter()
        view = self.page.views[0]
        view.padding = 0
        # Android's back gesture goes one step back inside the app (never past a draft) instead
        # of closing it; only on a section's first screen does it leave.
        view.can_pop = False
        view.on_confirm_pop = self._on_system_back
        self._wide = self.is_wide()
        unlocked = self.vault is not None

        self._title.value = screen.title if unlocked else "Companion"
        if self.demo:
            self._title.value += " · demo"
        # a phone's app bar also holds "Need help now" and Lock: a smaller title keeps it whole
        self._title.theme_style = None if self._wide else ft.TextThemeStyle.TITLE_MEDIUM
        # ... and a fixed size there, so a larger text setting can't squeeze it to "S…"
        self._title.size = None if self._wide else 16
        show_back = len(self.stack) > 1 or (not unlocked and self._public_return is not None)
        self._bar.leading = self._back_button if show_back else None
        actions: list[ft.Control] = [self._help_button]
        if unlocked:
            actions.append(self._lock_wide if self._wide else self._lock_phone)
        self._bar.actions = actions
        view.appbar = self._bar

        self._content.content = screen.build_cached()
        screen.relayout()
        self._content.padding = ft.Padding.symmetric(
            horizontal=side_padding((self.page.width or 400) - (100 if self._wide else 0), screen.max_width),
            vertical=8,
        )
        index = next((i for i, s in enumerate(self.sections()) if s.id == self.section_id), 0)
        self._navbar.selected_index = index
        self._rail.selected_index = index

        layout = "public" if not unlocked else ("wide" if self._wide else "phone")
        if layout != self._layout:
            self._layout = layout
            view.navigation_bar = self._navbar if layout == "phone" else None
            view.controls = [self._wide_row] if layout == "wide" else [self._content]
        self.page.update()
        _timing("render", screen, start)  # build (first time) + sending the page update

    async def _on_show(self, screen: Screen) -> None:
        start = time.perf_counter()
        await screen.on_show()
        _timing("on_show", screen, start)

    # --- navigation ----------------------------------------------------------------------

    async def _leave_current(self) -> None:
        if self.current is not None:
            await self.current.on_leave()

    async def show_public(self, screen: Screen) -> None:
        """A screen seen without unlocking: welcome, unlock, help."""
        await self._leave_current()
        self.stack = [screen]
        self._render()
        await self._on_show(screen)

    async def open(self, screen: Screen) -> None:
        """Go one step deeper inside the current section."""
        self.touch()
        await self._leave_current()
        self.stack.append(screen)
        self._render()
        await self._on_show(screen)

    async def replace(self, screen: Screen) -> None:
        await self._leave_current()
        if self.stack:
            self.stack[-1] = screen
        else:
            self.stack = [screen]
        self._render()
        await self._on_show(screen)

    async def back(self) -> None:
        if self.vault is None:
            if self._public_return is not None:
                target, self._public_return = self._public_return, None
                await self.show_public(target)
            return
        if len(self.stack) <= 1:
            return
        await self._leave_current()
        self.stack.pop()
        self._render()
        await self._on_show(self.stack[-1])

    async def go_section(self, section_id: str) -> None:
        self.touch()
        await self._leave_current()
        self.section_id = section_id
        section = next(s for s in self.sections() if s.id == section_id)
        self.stack = [section.make(self)]
        self._render()
        await self._on_show(self.stack[-1])

    async def _on_nav(self, e: ft.ControlEvent) -> None:
        sections = self.sections()
        await self.go_section(sections[int(e.control.selected_index)].id)

    async def _on_back_click(self, _e: ft.ControlEvent) -> None:
        await self.back()

    async def _open_help(self, _e: ft.ControlEvent) -> None:
        from companion.ui.screens.help_screen import HelpScreen

        self.touch()
        if self.vault is None:
            current = self.current
            if isinstance(current, HelpScreen):
                return
            self._public_return = current
            await self.show_public(HelpScreen(self))
        elif not isinstance(self.current, HelpScreen):
            await self.open(HelpScreen(self))

    # --- locking -------------------------------------------------------------------------

    async def unlocked(self, vault: Vault) -> None:
        """Called by the welcome and unlock screens once a vault is open."""
        self.vault = vault
        self.journal = Journal(vault)
        self.checkins = CheckIns(vault)
        self.settings = await asyncio.to_thread(Settings, vault)
        self.auto_lock_s = self.settings.get("auto_lock_s")
        theme.apply_saved(self.page, self.settings)
        self._public_return = None
        self.touch()
        await self.go_section("journal")
        self.page.run_task(self._warm_search, vault)
        from companion.ui.shell.reminders import ReminderWatcher

        self.reminder_watcher = ReminderWatcher(self)
        self.reminder_watcher.start()

    async def _warm_search(self, vault: Vault) -> None:
        """Decrypt for search in the background, so the first search is as quick as the rest."""
        try:
            start = time.perf_counter()
            await asyncio.to_thread(vault.warm_search)
            _timing("warm_search", vault, start)
        except CompanionError:
            pass  # locked meanwhile, or a damaged file: the search itself will say so

    async def _on_lock_click(self, _e: ft.ControlEvent) -> None:
        await self.lock(reason="asked")

    async def lock(self, reason: str) -> None:
        """Save open drafts, then drop the key and every decrypted control."""
        from companion.ui.screens.unlock_screen import UnlockScreen

        if self.vault is None:
            return
        if self.reminder_watcher is not None:
            self.reminder_watcher, watcher = None, self.reminder_watcher
            watcher.stop()
        try:
            await self._leave_current()
        finally:
            vault, self.vault = self.vault, None
            self.journal = None
            self.checkins = None
            self.settings = None
            self.stack = []
            self._content.content = None  # decrypted controls go with the key
            vault.lock()
            await self.show_public(UnlockScreen(self, reason=reason))

    async def after_checkin(self, intense: bool, *, edited: bool) -> None:
        """Back to the timeline; after a strong check-in, gently offer a pause or help."""
        from companion.ui.screens.help_screen import HelpScreen

        if edited:
            await self.back()
        else:
            await self.go_section("journal")
        if not intense:
            return

        async def breathe(_e: ft.ControlEvent) -> None:
            self.page.pop_dialog()
            await self.go_section("settle")

        async def help_now(_e: ft.ControlEvent) -> None:
            self.page.pop_dialog()
            await self.open(HelpScreen(self))

        self.page.show_dialog(
            ft.AlertDialog(
                title=ft.Text("That sounds like a lot"),
                content=ft.Text(
                    "Thank you for noticing it. If it helps, you could slow down with a few breaths. "
                    "And if you need someone now, help is one tap away."
                ),
                actions=[
                    ft.FilledButton(content="Take a breathing pause", on_click=breathe),
                    ft.OutlinedButton(content="Need help now", on_click=help_now),
                    ft.TextButton(content="Not now", on_click=lambda _e: self.page.pop_dialog()),
                ],
                actions_overflow_button_spacing=8,
            )
        )

    def confirm(self, title: str, text: str, action: str, on_confirm, keep: str = "Keep it") -> None:
        """Ask before anything that can't be undone; the safe choice comes first."""
        self.page.show_dialog(
            ft.AlertDialog(
                modal=True,
                title=ft.Text(title),
                content=ft.Text(text),
                actions=[
                    ft.TextButton(content=keep, on_click=lambda _e: self.page.pop_dialog()),
                    ft.FilledButton(
                        content=action,
                        on_click=on_confirm,
                        style=ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR),
                    ),
                ],
            )
        )

    # --- messages ------------------------------------------------------------------------

    def toast(self, message: str, action: str | None = None, on_action=None) -> None:
        self.page.show_dialog(ft.SnackBar(content=ft.Text(message), action=action, on_action=on_action))
