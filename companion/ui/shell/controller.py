"""Per-window (per browser tab) state: the open journal's stores, the screen stack, auto-lock.

Nothing here is module-global: in web mode every tab gets its own controller,
so one person's unlocked journal can never show up in another tab.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import flet as ft

from companion.adapters import appearance
from companion.adapters.paths import journal_present, vault_path
from companion.core import i18n
from companion.core.errors import CompanionError, PassphraseNeeded
from companion.core.i18n import N_, _
from companion.core.idle import IdleLock, valid_timeout
from companion.ui.kit import theme
from companion.ui.kit.screen import Screen
from companion.ui.kit.shell import Handler
from companion.ui.shell import errors, flows, language, routes
from companion.ui.shell.phone import PhoneFeatures, run_soon
from companion.ui.widgets.common import icon_button, side_padding

if TYPE_CHECKING:
    from companion.services.stores import Stores
    from companion.ui.shell.reminder_watcher import ReminderWatcher

# Storage (SQLModel, SQLAlchemy) is the slow part of starting: it is imported in the background
# while the first screen shows, and unlocking waits for it only if the person is quicker.
ACCESS_MODULE = "companion.services.access"

FIRST_SCREENS = ("unlock", "welcome")  # what a start shows: unlock, or welcome with no journal yet

IDLE_CHECK_INTERVAL_S = 5
IDLE_CLOCK_RATE_ENV = "COMPANION_TEST_IDLE_CLOCK_RATE"


def _idle_clock() -> Callable[[], float]:
    """The clock the auto-lock counts quiet time on.

    Browser tests that wait for the one-minute lock set COMPANION_TEST_IDLE_CLOCK_RATE (up to
    12) so a minute passes in a few seconds; the rule itself is tested in core/idle. Anything
    else, or no setting, is the real clock.
    """
    try:
        rate = float(os.environ.get(IDLE_CLOCK_RATE_ENV) or 1)
    except ValueError:
        rate = 1.0
    if not 1 < rate <= 12:
        return time.monotonic
    start = time.monotonic()
    return lambda: start + (time.monotonic() - start) * rate


MOBILE_PLATFORMS = {ft.PagePlatform.ANDROID, ft.PagePlatform.IOS}
BACKGROUND_STATES = {ft.AppLifecycleState.HIDE, ft.AppLifecycleState.PAUSE}
TIMING = os.environ.get("COMPANION_TIMING") == "1"  # benchmarks/browser.py reads these lines


def _timing(what: str, subject: object, start: float) -> None:
    if TIMING:
        ms = (time.perf_counter() - start) * 1000
        print(f"companion-timing {what} {type(subject).__name__} {ms:.1f}", flush=True)


AUTOMATIC_LOCKS = {"idle", "background"}  # the person didn't choose to leave: bring them back


@dataclass(frozen=True)
class Resume:
    """Where the person was when the journal locked by itself (route names and ids only)."""

    path: Path
    section: str
    stack: tuple[tuple[str, dict[str, Any]], ...]


@dataclass(frozen=True)
class Section:
    id: str
    label: str
    icon: ft.IconData
    selected_icon: ft.IconData
    route: str


class AppController:
    """The `Shell` every screen talks to (see `ui.kit.shell`)."""

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
        self.reminder_watcher: ReminderWatcher | None = None  # while unlocked
        self._stores: Stores | None = None
        self._pending: Stores | None = None  # a new journal, open once its recovery code is kept
        self._opening = False  # an unlock is running: a second tap or Enter is ignored
        self._access: asyncio.Task[ModuleType] | None = None
        self._resume: Resume | None = None  # where an automatic lock interrupted the person
        self.idle = IdleLock(clock=_idle_clock())
        self.stack: list[Screen] = []
        self.section_id = "journal"
        self._public_return: Screen | None = None
        self._wide: bool | None = None
        self._idle_task: asyncio.Task | None = None
        # Fingerprint/face unlock and reminders while closed: found at start on phones only.
        self.phone = PhoneFeatures()
        self._phone_task: asyncio.Task[PhoneFeatures] | None = None
        # The language: the journal's choice once unlocked (None: follow the device), else the
        # device's. Kept per page (ui.shell.language), so two tabs never mix.
        language.install()
        self._language_choice: str | None = None
        self._device_language = i18n.device_language()
        language.set_for(page, self._device_language)
        language.tell_flutter(page, self._device_language)

    # --- start-up and events -------------------------------------------------------------

    @property
    def stores(self) -> Stores | None:
        return self._stores

    @property
    def unlocked_now(self) -> bool:
        return self._stores is not None

    async def start(self) -> None:
        page = self.page
        page.title = "Companion"
        self.apply_saved_look()
        page.padding = 0
        page.on_resize = self._on_resize
        page.on_keyboard_event = self._on_key
        page.on_app_lifecycle_state_change = self._on_lifecycle
        self._build_chrome()
        self._access = asyncio.create_task(asyncio.to_thread(importlib.import_module, ACCESS_MODULE))
        self._phone_task = asyncio.create_task(PhoneFeatures.detect(page.platform, web=bool(page.web)))
        unlock, welcome = FIRST_SCREENS
        await self.show_public(unlock if journal_present(self.data_dir) else welcome)
        self._idle_task = asyncio.create_task(self._watch_idle())
        page.run_task(self._follow_device_language)

    async def phone_features(self) -> PhoneFeatures:
        """What this device offers (detected in the background since start; nothing off phones)."""
        if self._phone_task is not None:
            try:
                self.phone = await self._phone_task
            except Exception:  # noqa: BLE001 - a failed detection means "no phone features"
                self.phone = PhoneFeatures()
            self._phone_task = None
        return self.phone

    def apply_saved_look(self) -> None:
        """Before unlocking: the look kept beside this journal (theme, text size), else the device's."""
        theme.apply_appearance(self.page, appearance.load(self.data_dir))

    def remember_look(self) -> None:
        """Mirror the journal's look beside it, so the next unlock screen already looks right."""
        if self._stores is not None:
            appearance.save(self.data_dir, theme.appearance_of(self._stores.settings, appearance.Appearance))

    async def access(self) -> ModuleType:
        """The storage-facing module, imported in the background since start-up."""
        if self._access is None:
            self._access = asyncio.create_task(asyncio.to_thread(importlib.import_module, ACCESS_MODULE))
        return await self._access

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
            if self._stores is not None and self.idle.expired():
                await self.lock(reason="idle")

    async def _on_resize(self, _e: ft.Event) -> None:
        if self._stores is not None and self._wide != self.is_wide():
            self._render()

    def can_go_back(self) -> bool:
        if self._stores is None:
            return self._public_return is not None
        return len(self.stack) > 1 or self.section_id != "journal"

    async def _on_system_back(self, _e: ft.ControlEvent) -> None:
        view = self.page.views[0]
        if not self.can_go_back():
            await view.confirm_pop(True)
            return
        await view.confirm_pop(False)
        if self._stores is not None and len(self.stack) <= 1:
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
        return SECTIONS

    @property
    def current(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def _build_chrome(self) -> None:
        """App bar, navigation and content frame are made once and then only updated.

        Replacing them on every screen change made Flutter rebuild the whole page, and a
        text field opened in that moment could lose its first keystrokes.
        """
        self._help_button = ft.TextButton(
            content=_("Need help now"), icon=ft.Icons.SUPPORT_OUTLINED, on_click=self._open_help
        )
        self._lock_wide = ft.TextButton(
            content=_("Lock"), icon=ft.Icons.LOCK_OUTLINE, on_click=self._on_lock_click
        )
        self._lock_phone = icon_button(ft.Icons.LOCK_OUTLINE, _("Lock"), self._on_lock_click)
        self._back_button = icon_button(ft.Icons.ARROW_BACK, _("Back"), self._on_back_click)
        self._title = ft.Text("Companion")
        self._bar = ft.AppBar(title=self._title, automatically_imply_leading=False, center_title=False)
        self._content = ft.Container(expand=True)
        # The sections' navigation is made with the first unlocked screen: the welcome and unlock
        # screens have none, and Flet building its classes would delay the first screen.
        self._navbar: ft.NavigationBar | None = None
        self._rail: ft.NavigationRail | None = None
        self._wide_row: ft.Row | None = None
        self._layout = ""

    def _build_navigation(self) -> tuple[ft.NavigationBar, ft.NavigationRail, ft.Row]:
        if self._navbar is None or self._rail is None or self._wide_row is None:
            sections = self.sections()
            self._navbar = ft.NavigationBar(
                destinations=[
                    ft.NavigationBarDestination(icon=s.icon, selected_icon=s.selected_icon, label=_(s.label))
                    for s in sections
                ],
                on_change=self._on_nav,
            )
            self._rail = ft.NavigationRail(
                label_type=ft.NavigationRailLabelType.ALL,
                destinations=[
                    ft.NavigationRailDestination(icon=s.icon, selected_icon=s.selected_icon, label=_(s.label))
                    for s in sections
                ],
                on_change=self._on_nav,
            )
            self._wide_row = ft.Row(
                [self._rail, ft.VerticalDivider(width=1), self._content],
                expand=True,
                vertical_alignment=ft.CrossAxisAlignment.STRETCH,
            )
        return self._navbar, self._rail, self._wide_row

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
        unlocked = self._stores is not None

        self._title.value = _(screen.title) if unlocked else "Companion"
        if self.demo:
            # Translators: added to the screen title while the sample journal is shown
            self._title.value += _(" · demo")
        # a phone's app bar also holds "Need help now" and Lock: a smaller title keeps it whole
        self._title.theme_style = None if self._wide else ft.TextThemeStyle.TITLE_MEDIUM
        # ... and a fixed size there, so a larger text setting can't squeeze it to "S…"
        self._title.size = None if self._wide else 16
        # ... and a long title ("Restore a backup", "New recovery code") wraps to a second line
        # instead of being cut to "New recovery c…"
        self._title.max_lines = None if self._wide else 2
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
        layout = "public" if not unlocked else ("wide" if self._wide else "phone")
        navbar, wide_row = None, None
        if unlocked:
            navbar, rail, wide_row = self._build_navigation()
            index = next((i for i, s in enumerate(self.sections()) if s.id == self.section_id), 0)
            navbar.selected_index = rail.selected_index = index
        if layout != self._layout:
            self._layout = layout
            view.navigation_bar = navbar if layout == "phone" else None
            view.controls = [wide_row] if wide_row is not None and layout == "wide" else [self._content]
        self.page.update()
        _timing("render", screen, start)  # build (first time) + sending the page update

    async def _on_show(self, screen: Screen) -> None:
        start = time.perf_counter()
        await errors.guarded(self, screen.on_show)
        _timing("on_show", screen, start)

    # --- navigation ----------------------------------------------------------------------

    async def _leave_current(self) -> None:
        if self.current is not None:
            await errors.guarded(self, self.current.on_leave)

    async def show_public(self, route: str, **params: Any) -> None:
        """A screen seen without unlocking: welcome, unlock, help."""
        screen = routes.make(route, self, **params)
        await self._leave_current()
        self.stack = [screen]
        self._render()
        await self._on_show(screen)

    async def open(self, route: str, **params: Any) -> None:
        """Go one step deeper inside the current section."""
        screen = routes.make(route, self, **params)
        self.touch()
        await self._leave_current()
        self.stack.append(screen)
        self._render()
        await self._on_show(screen)

    async def replace(self, route: str, **params: Any) -> None:
        screen = routes.make(route, self, **params)
        await self._leave_current()
        if self.stack:
            self.stack[-1] = screen
        else:
            self.stack = [screen]
        self._render()
        await self._on_show(screen)

    async def back(self) -> None:
        if self._stores is None:
            if self._public_return is not None:
                target, self._public_return = self._public_return, None
                await self._leave_current()
                self.stack = [target]
                self._render()
                await self._on_show(target)
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
        self.stack = [routes.make(section.route, self)]
        self._render()
        await self._on_show(self.stack[-1])

    async def _on_nav(self, e: ft.ControlEvent) -> None:
        sections = self.sections()
        await self.go_section(sections[int(e.control.selected_index)].id)

    async def _on_back_click(self, _e: ft.ControlEvent) -> None:
        await self.back()

    async def _open_help(self, _e: ft.ControlEvent) -> None:
        self.touch()
        if routes.route_of(self.current) == "help":
            return
        if self._stores is None:
            self._public_return = self.current
            await self.show_public("help")
        else:
            await self.open("help")

    # --- locking -------------------------------------------------------------------------

    async def unlock(self, secret: str, *, recovery: bool = False) -> None:
        """Open the journal; a `CompanionError` says why not. A second call meanwhile is ignored."""
        if self._opening or self._stores is not None:
            return
        self._opening = True
        try:
            access = await self.access()
            stores = await asyncio.to_thread(access.unlock, self.path, secret, recovery=recovery)
        finally:
            self._opening = False
        await self._opened(stores)
        phone = await self.phone_features()
        if phone.device is not None and not recovery and not self.demo:
            self.page.run_task(self._after_passphrase, phone, stores)
        if stores.keys.opened_with_recovery:
            await self.open("change_passphrase")  # the passphrase was forgotten: a new one first

    async def _after_passphrase(self, phone: PhoneFeatures, stores: Stores) -> None:
        if phone.device is None:
            return
        try:
            await phone.device.after_passphrase_unlock(stores)
        except CompanionError:
            pass  # locked meanwhile: the next passphrase unlock does it

    # --- fingerprint or face ---------------------------------------------------------------

    async def device_unlock_offer(self) -> str | None:
        """For the unlock screen: None hides the button, "" offers it, a sentence says why not now."""
        phone = await self.phone_features()
        if phone.device is None or self.demo:
            return None
        try:
            state = await phone.device.status(self.path)
        except CompanionError:
            return None
        if not state.enabled or state.reason == "failures":
            return None
        return "" if state.usable else PassphraseNeeded(state.reason).args[0]

    async def unlock_with_device(self) -> None:
        """The phone checks a fingerprint or face, then the journal opens; `PassphraseNeeded` if not."""
        phone = await self.phone_features()
        if phone.device is None or self._opening or self._stores is not None:
            return
        self._opening = True
        try:
            stores = await phone.device.unlock(self.path)
        finally:
            self._opening = False
        if stores is not None:
            await self._opened(stores)

    async def device_unlock_available(self) -> bool:
        """Settings offers the switch only on a phone whose sensor and secure storage answer."""
        return (await self.phone_features()).device is not None and not self.demo

    async def device_unlock_enabled(self) -> bool:
        phone = await self.phone_features()
        if phone.device is None or self._stores is None:
            return False
        return await phone.device.is_enabled(self._stores)

    async def set_device_unlock(self, on: bool, passphrase: str = "") -> None:
        """Turn fingerprint or face unlock on (the passphrase is checked) or off."""
        phone = await self.phone_features()
        stores = self._stores
        if phone.device is None or stores is None:
            return
        if on:
            await phone.device.enable(stores, passphrase)
        else:
            await phone.device.disable(stores)

    # --- reminders while closed ------------------------------------------------------------

    async def reminders_changed(self, turned_on: bool) -> bool | None:
        """After the plan was saved: ask for notifications (only when just turned on), then re-plan.

        Returns whether the phone allows notifications when it was asked, else None.
        """
        phone = await self.phone_features()
        stores = self._stores
        if phone.scheduler is None or stores is None or self.demo:
            return None
        allowed = await phone.ask_permission() if turned_on else None
        await phone.sync_reminders(stores, demo=self.demo)
        return allowed

    async def open_phone_settings(self) -> None:
        """The phone's settings page for Companion (after notifications were refused)."""
        await (await self.phone_features()).open_settings()

    def reminders_can_reach_closed_app(self) -> bool:
        """A phone scheduler is here: a sentence comes before the system's permission question."""
        return self.phone.scheduler is not None and not self.demo

    async def _forget_device_key(self) -> None:
        await (await self.phone_features()).forget_device_key()

    async def _sync_reminders(self, stores: Stores) -> None:
        try:
            await (await self.phone_features()).sync_reminders(stores, demo=self.demo)
        except CompanionError:
            pass  # locked meanwhile: the next unlock re-plans

    def unlock_wait_s(self) -> float:
        access = self._access.result() if self._access is not None and self._access.done() else None
        return 0.0 if access is None else access.wait_s(self.path)

    async def create_journal(self, passphrase: str) -> str:
        """Create the journal; it opens once the person has kept the recovery code (`finish_create`)."""
        if self._opening or self._pending is not None:
            raise CompanionError(_("Your journal is already being created. One moment, please."))
        self._opening = True
        try:
            access = await self.access()
            self._pending, code = await asyncio.to_thread(access.create, self.path, passphrase)
        finally:
            self._opening = False
        return code

    async def finish_create(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            await self._opened(pending)

    async def open_demo_journal(self, demo_dir: Path, passphrase: str) -> None:
        # the phone's reminders belong to the real journal: none while a demo is shown
        await (await self.phone_features()).cancel_reminders()
        access = await self.access()
        stores = await asyncio.to_thread(access.unlock, vault_path(demo_dir), passphrase)
        self.home_dir, self.data_dir, self.path, self.demo = (
            self.data_dir,
            demo_dir,
            vault_path(demo_dir),
            True,
        )
        await self._opened(stores)

    async def _opened(self, stores: Stores) -> None:
        """Called once a journal is open: its settings apply, and the timeline shows."""
        self._stores = stores
        settings = stores.settings
        self.auto_lock_s = settings.get("auto_lock_s")
        choice = settings.get("language")
        self._language_choice = choice if i18n.offered(choice) else None
        self._speak(self._language_choice or self._device_language)
        theme.apply_saved(self.page, settings)
        await asyncio.to_thread(self.remember_look)
        self._public_return = None
        self.touch()
        await self._resume_or_start()
        self.page.run_task(self._warm_search, stores)
        # imported here, after unlock: the first screen doesn't need it
        from companion.ui.shell.reminder_watcher import ReminderWatcher

        self.reminder_watcher = ReminderWatcher(self)
        self.reminder_watcher.start()
        # A passphrase or recovery-code change removes the device wrap in the file; the key kept
        # on the phone goes too (the hook runs in the worker thread that made the change).
        stores.keys.after_revoke = run_soon(self.page.run_task, self._forget_device_key)
        self.page.run_task(self._sync_reminders, stores)

    async def _resume_or_start(self) -> None:
        """After an automatic lock: the same screens, step and draft; otherwise the timeline."""
        resume, self._resume = self._resume, None
        if resume is None or resume.path != self.path or not resume.stack:
            await self.go_section("journal")
            return
        await self.go_section(resume.section)
        (first_route, first_params), *deeper = resume.stack
        if first_params or routes.route_of(self.current) != first_route:
            await self.replace(first_route, **first_params)
        for route, params in deeper:
            await self.open(route, **params)

    async def _warm_search(self, stores: Stores) -> None:
        """Decrypt for search in the background, so the first search is as quick as the rest."""
        try:
            start = time.perf_counter()
            await asyncio.to_thread(stores.records.warm_search)
            _timing("warm_search", stores, start)
        except CompanionError:
            pass  # locked meanwhile, or a damaged file: the search itself will say so

    async def reminder_delivery(self) -> str:
        explained = (await self.phone_features()).explain()
        if explained and not self.demo:
            return explained
        watcher = self.reminder_watcher
        return "" if watcher is None else await watcher.explain()

    async def enter_demo(self) -> None:
        await flows.enter_demo(self)

    async def leave_demo(self) -> None:
        await flows.leave_demo(self)

    async def delete_everything(self) -> None:
        if self._stores is not None and not self.demo:
            # the journal's reminders and its key on the phone go with it (a demo has neither)
            await (await self.phone_features()).before_delete_everything()
        await flows.delete_everything(self)

    async def _on_lock_click(self, _e: ft.ControlEvent) -> None:
        await self.lock(reason="asked")

    async def lock(self, reason: str) -> None:
        """Save open drafts, then drop the key, every decrypted control and every open dialog.

        A dialog left open (say "Delete everything?") must not stay usable without the passphrase,
        and an Undo toast holds a deleted record's text: all of them go.
        """
        if self._stores is None:
            return
        if self.reminder_watcher is not None:
            self.reminder_watcher, watcher = None, self.reminder_watcher
            watcher.stop()
        self._resume = self._place_to_resume() if reason in AUTOMATIC_LOCKS else None
        try:
            await self._leave_current()
        finally:
            stores, self._stores = self._stores, None
            self.stack = []
            self._content.content = None  # decrypted controls go with the key
            self.close_dialogs()
            stores.close()
            await self.show_public("unlock", reason=reason)

    def _place_to_resume(self) -> Resume | None:
        try:
            stack = tuple((s.route, s.resume_params()) for s in self.stack if s.route)
        except Exception:  # noqa: BLE001 - never let remembering the place stop the lock
            return None
        return Resume(self.path, self.section_id, stack) if stack else None

    def close_dialogs(self) -> None:
        """Close every dialog, sheet, banner and snackbar this page shows."""
        for _attempt in range(100):  # a bound, though pop_dialog empties the stack long before
            if self.page.pop_dialog() is None:
                break

    async def after_checkin(self, intense: bool, *, edited: bool) -> None:
        """Back to the timeline; after a strong check-in, gently offer a pause or help."""
        if edited:
            await self.back()
        else:
            await self.go_section("journal")
        if not intense:
            return

        async def breathe(_e: ft.ControlEvent) -> None:
            # the "Check-in saved" note goes too: it would cover Start, Pause and Stop
            self.close_dialogs()
            await self.go_section("settle")
            # one tap from the offer starts breathing, not the rhythm settings
            start_now = getattr(self.current, "start_now", None)
            if start_now is not None:
                await start_now()

        async def help_now(_e: ft.ControlEvent) -> None:
            self.page.pop_dialog()
            await self.open("help")

        self.page.show_dialog(
            ft.AlertDialog(
                title=ft.Text(_("That sounds like a lot")),
                content=ft.Text(
                    _(
                        "Thank you for noticing it. If it helps, you could slow down with a few breaths. "
                        "And if you need someone now, help is one tap away."
                    )
                ),
                actions=[
                    ft.FilledButton(content=_("Take a breathing pause"), on_click=self.handler(breathe)),
                    ft.OutlinedButton(content=_("Need help now"), on_click=help_now),
                    ft.TextButton(content=_("Not now"), on_click=lambda _e: self.page.pop_dialog()),
                ],
                actions_overflow_button_spacing=8,
            )
        )

    def confirm(
        self, title: str, text: str, action: str, on_confirm: Handler, keep: str | None = None
    ) -> None:
        """Ask before anything that can't be undone; the safe choice comes first ("Keep it")."""
        self.page.show_dialog(
            ft.AlertDialog(
                modal=True,
                title=ft.Text(title),
                content=ft.Text(text),
                actions=[
                    ft.TextButton(content=keep or _("Keep it"), on_click=lambda _e: self.page.pop_dialog()),
                    ft.FilledButton(
                        content=action,
                        on_click=self.handler(on_confirm),
                        style=ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR),
                    ),
                ],
            )
        )

    # --- language ------------------------------------------------------------------------

    def language_choice(self) -> str | None:
        """The journal's language setting: a code, or None to follow the device."""
        return self._language_choice

    async def set_language(self, choice: str | None) -> None:
        """Keep the choice in the encrypted settings and show every screen in it at once."""
        if choice is not None and not i18n.offered(choice):
            raise CompanionError(_("That language isn't available yet."))
        stores = self._stores
        if stores is None:
            return
        await asyncio.to_thread(stores.settings.set, "language", choice)
        self._language_choice = choice
        await self._relabel()

    async def _follow_device_language(self) -> None:
        """The browser, phone or computer says its language only after start: follow it if asked to."""
        preferred = await language.device_preference(self.page)
        if preferred is None or preferred == self._device_language:
            return
        self._device_language = preferred
        if self._language_choice is None:
            await self._relabel()

    def _speak(self, wanted: str) -> bool:
        """Use ``wanted`` for this page from now on; True if that changed anything."""
        if wanted == language.of(self.page):
            return False
        language.set_for(self.page, wanted)
        language.tell_flutter(self.page, wanted)
        self._build_chrome()  # navigation, Lock, Back and "Need help now" are made once
        return True

    async def _relabel(self) -> None:
        """Rebuild the screens on show in the page's (new) language, keeping the person's place."""
        if not self._speak(self._language_choice or self._device_language) or not self.stack:
            return
        if self._stores is None:
            screen = self.current
            if screen is not None and screen.route:
                await self.show_public(screen.route, **screen.resume_params())
            return
        stores, place = self._stores, self._place_to_resume()
        await self._leave_current()
        self.stack = []
        self._resume = place
        await self._resume_or_start()
        # Reminders the phone already holds speak the old language: hand them over again.
        self.page.run_task(self._sync_reminders, stores)

    # --- messages ------------------------------------------------------------------------

    def toast(self, message: str, action: str | None = None, on_action: Handler | None = None) -> None:
        handler = None if on_action is None else self.handler(on_action)
        self.page.show_dialog(ft.SnackBar(content=ft.Text(message), action=action, on_action=handler))

    # --- one error policy ----------------------------------------------------------------

    def handler(self, fn: Handler) -> Callable[[Any], Any]:
        """``fn`` as an event handler whose failures become a kind sentence, never a crash."""
        return errors.handler(self, fn)

    def report_error(self, exc: BaseException) -> None:
        errors.report(self, exc)


SECTIONS = [
    Section(
        "checkin", N_("Check in"), ft.Icons.SELF_IMPROVEMENT_OUTLINED, ft.Icons.SELF_IMPROVEMENT, "checkin"
    ),
    Section("journal", N_("Journal"), ft.Icons.BOOK_OUTLINED, ft.Icons.BOOK, "journal"),
    Section("session", N_("Session"), ft.Icons.FORUM_OUTLINED, ft.Icons.FORUM, "session"),
    Section("settle", N_("Settle"), ft.Icons.AIR_OUTLINED, ft.Icons.AIR, "settle"),
    Section("settings", N_("Settings"), ft.Icons.TUNE_OUTLINED, ft.Icons.TUNE, "settings"),
]
