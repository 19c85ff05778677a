"""The phone-only parts of the screens, with a fake shell (a real journal behind it) and no browser.

Unlock: the fingerprint/face button appears only when the shell offers it. Settings: the switch
only where the device has it. Reminders: a plain sentence comes before the system's question,
and a refusal is answered kindly. Summary: on a phone, the share sheet besides saving.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest
from conftest import run_async as run
from test_settings_language import FakePage  # tests/unit/ui/test_settings_language.py

from companion.core.errors import PassphraseNeeded
from companion.kinds import reminders as reminder_rules
from companion.services.stores import Stores
from companion.services.system_reminders import ASK_FIRST, REFUSED
from companion.ui.shell import routes
from companion.vault.vault import Vault


class FakeShell(SimpleNamespace):
    """The Shell protocol's phone parts, scripted; the rest as the screens need it."""

    def __init__(self, stores: Stores | None, folder: Path, **kw: Any) -> None:
        super().__init__(
            page=FakePage(ft.PagePlatform.ANDROID, web=False),
            stores=stores,
            demo=False,
            data_dir=folder,
            home_dir=None,
            path=folder / "journal.sqlite",
            prepare_demo=None,
            auto_lock_s=300,
            current=None,
            offer=None,
            unlock_error=None,
            available=False,
            enabled=False,
            permission=True,
            closed_app=True,
            toasts=[],
            calls=[],
        )
        self.__dict__.update(kw)

    def touch(self) -> None: ...

    def toast(self, message: str, *_a: Any, **_k: Any) -> None:
        self.toasts.append(message)

    def handler(self, fn: Any) -> Any:
        return fn

    def report_error(self, exc: BaseException) -> None:
        raise exc

    async def device_unlock_offer(self) -> str | None:
        return self.offer

    async def unlock_with_device(self) -> None:
        self.calls.append("unlock_with_device")
        if self.unlock_error is not None:
            raise self.unlock_error

    async def device_unlock_available(self) -> bool:
        return self.available

    async def device_unlock_enabled(self) -> bool:
        return self.enabled

    async def set_device_unlock(self, on: bool, passphrase: str = "") -> None:
        self.calls.append(("set_device_unlock", on, passphrase))

    async def reminders_changed(self, turned_on: bool) -> bool | None:
        self.calls.append(("reminders_changed", turned_on))
        return self.permission if turned_on else None

    def reminders_can_reach_closed_app(self) -> bool:
        return self.closed_app

    async def reminder_delivery(self) -> str:
        return "delivery sentence"

    async def open_phone_settings(self) -> None:
        self.calls.append("open_phone_settings")

    def language_choice(self) -> str | None:
        return None


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("phone-screens")
    vault, _ = Vault.create(folder / "journal.sqlite", "a long test passphrase", with_recovery_code=False)
    stores = Stores.open(vault)
    yield folder, stores
    stores.close()


def screen(route: str, shell: FakeShell, **params: Any):
    made = routes.make(route, shell, **params)
    made.build_cached()
    return made


# --- unlock --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offer", "button", "note"),
    [(None, False, False), ("", True, False), ("Your phone has restarted ...", False, True)],
    ids=["not here", "offered", "passphrase this time"],
)
def test_the_unlock_button_shows_only_when_offered(journal, offer, button: bool, note: bool) -> None:
    folder, _stores = journal
    shell = FakeShell(None, folder, offer=offer)
    unlock = screen("unlock", shell)
    run(unlock.on_show())
    assert unlock.device_button.visible is button
    assert unlock.device_note.visible is note
    assert unlock.field.visible is not False  # the passphrase is always there


@pytest.mark.parametrize(
    ("platform", "web", "focused"),
    [
        (ft.PagePlatform.ANDROID, False, True),
        (ft.PagePlatform.LINUX, False, True),
        (ft.PagePlatform.LINUX, True, False),
    ],
    ids=["phone", "desktop", "browser"],
)
def test_the_passphrase_field_takes_focus_by_itself_except_in_a_browser(
    journal, platform, web: bool, focused: bool
) -> None:
    """In a browser a screen reader turns on the page's accessibility tree only after the page
    has loaded, and a field Flutter focused before then cannot take focus again from it (the
    browser test turns accessibility on late to check)."""
    folder, _stores = journal
    shell = FakeShell(None, folder)
    shell.page = FakePage(platform, web)
    assert screen("unlock", shell).field.autofocus is focused


@pytest.mark.parametrize(
    ("reason", "keeps_button"), [("missed", True), ("restart", False), ("failures", False)]
)
def test_a_refused_fingerprint_says_why_and_leaves_the_passphrase(
    journal, reason: str, keeps_button: bool
) -> None:
    folder, _stores = journal
    shell = FakeShell(None, folder, offer="", unlock_error=PassphraseNeeded(reason))
    unlock = screen("unlock", shell)
    run(unlock.on_show())
    run(unlock._unlock_with_device(None))
    assert shell.calls == ["unlock_with_device"]
    assert unlock.error.value == str(PassphraseNeeded(reason))
    assert unlock.device_button.visible is keeps_button
    assert unlock.device_button.disabled is False


# --- settings ------------------------------------------------------------------------------


def test_the_fingerprint_switch_is_offered_only_where_the_device_has_it(journal) -> None:
    folder, stores = journal
    hidden = screen("settings", FakeShell(stores, folder, available=False))
    run(hidden.on_show())
    assert hidden.device_row.visible is False
    shown = screen("settings", FakeShell(stores, folder, available=True, enabled=True))
    run(shown.on_show())
    assert shown.device_row.visible is True and shown.device_switch.value is True


def test_turning_the_switch_on_asks_for_the_passphrase_and_off_removes_it(journal) -> None:
    folder, stores = journal
    shell = FakeShell(stores, folder, available=True)
    settings = screen("settings", shell)
    run(settings.on_show())
    settings.device_switch.value = True
    run(settings._on_device_unlock(None))
    dialog = shell.page.dialogs[-1]
    assert isinstance(dialog, ft.AlertDialog) and "fingerprint or face" in dialog.title.value
    field = next(c for c in dialog.content.controls if isinstance(c, ft.TextField))
    assert field.password is True
    field.value = "a long test passphrase"
    run(dialog.actions[1].on_click(None))
    assert ("set_device_unlock", True, "a long test passphrase") in shell.calls
    settings.device_switch.value = False
    run(settings._on_device_unlock(None))
    assert ("set_device_unlock", False, "") in shell.calls


# --- reminders -----------------------------------------------------------------------------


def reminders_section(shell: FakeShell):
    from companion.ui.widgets.reminders_section import RemindersSection

    return RemindersSection(shell, asyncio.Lock())


def test_turning_reminders_on_explains_before_the_system_asks(journal) -> None:
    folder, stores = journal
    reminder_rules.save_plan(stores.settings, reminder_rules.ReminderPlan())
    shell = FakeShell(stores, folder, permission=False)
    section = reminders_section(shell)
    section.switch.value = True

    async def turn_on_and_continue() -> None:
        await section._on_switch(None)
        dialog = shell.page.dialogs[-1]
        assert dialog.content.value == ASK_FIRST
        assert not any(c[0] == "reminders_changed" for c in shell.calls if isinstance(c, tuple))  # not yet
        await dialog.actions[1].on_click(None)  # "Continue"

    run(turn_on_and_continue())
    assert ("reminders_changed", True) in shell.calls
    assert shell.toasts == [REFUSED]  # refused: said kindly, and the banner stays
    assert reminder_rules.load_plan(stores.settings).enabled


def test_off_a_phone_no_question_is_asked(journal) -> None:
    folder, stores = journal
    reminder_rules.save_plan(stores.settings, reminder_rules.ReminderPlan())
    shell = FakeShell(stores, folder, closed_app=False)
    shell.page = FakePage(ft.PagePlatform.LINUX)
    section = reminders_section(shell)
    section.switch.value = True
    run(section._on_switch(None))
    assert shell.page.dialogs == []
    assert [fn.__name__ for fn, _args in shell.page.tasks] == ["_replan"]


# --- sharing the summary -------------------------------------------------------------------


def test_on_a_phone_the_summary_can_go_to_the_share_sheet(journal) -> None:
    folder, stores = journal
    shell = FakeShell(stores, folder)
    prepare = screen("prepare", shell)
    run(prepare._save(b"summary text", "txt", protected=False))
    dialog = shell.page.dialogs[-1]
    assert dialog.title.value == "Your summary is ready"
    labels = [a.content for a in dialog.actions]
    assert labels == ["Not now", "Save to a file", "Share…"]
    assert "Anyone who gets it can read it." in dialog.content.value


@pytest.mark.parametrize(
    ("platform", "web"), [(ft.PagePlatform.LINUX, False), (ft.PagePlatform.ANDROID, True)]
)
def test_desktop_and_web_keep_saving(journal, monkeypatch, platform, web: bool) -> None:
    folder, stores = journal
    shell = FakeShell(stores, folder)
    shell.page = FakePage(platform, web)
    prepare = screen("prepare", shell)
    saved = []

    async def fake_save_file(data: bytes, name: str, *, protected: bool) -> None:
        saved.append(name)

    monkeypatch.setattr(prepare, "_save_file", fake_save_file)
    run(prepare._save(b"summary text", "txt", protected=False))
    assert shell.page.dialogs == [] and len(saved) == 1
