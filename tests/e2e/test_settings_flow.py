"""Settings in a real browser: passphrase, look and feel, reminders, backup and restore, deleting, demo."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from companion.adapters.paths import vault_path
from companion.core.localtime import local_zone
from companion.export import backup

from . import harness
from .flows import PASSPHRASE, choose, create_journal, go_to, lock, unlock
from .harness import (
    AppPage,
    AppProcess,
    OpenPage,
    StartApp,
    click_button,
    expect_no_text,
    expect_text,
    fill,
    settle,
    shot,
    textbox,
)

pytestmark = pytest.mark.e2e

VIEWPORTS = [pytest.param((400, 800), id="phone"), pytest.param((1280, 800), id="desktop")]
NEW_PASSPHRASE = "lanterns over the harbour"
BACKUP_PASSPHRASE = "a separate backup secret"


def said(app: AppPage, text: str):
    """Text Flutter may fold into its group's accessible name (a column of texts and buttons)."""
    spoken = app.page.locator(f'flt-semantics[aria-label*="{text}"]')
    return app.page.get_by_text(text).or_(spoken).first


def expect_said(app: AppPage, text: str) -> None:
    expect(said(app, text)).to_be_visible()


def button(app: AppPage, name: str):
    return app.page.get_by_role("button", name=name, exact=True)


def bring_into_view(app: AppPage, item) -> None:
    """Wheel the page (pointer over the content, never the bottom bar) until ``item`` shows.

    Settings is one long column; everything in it exists in the accessibility tree, but
    a tap only lands once Flutter has scrolled it on screen.
    """
    width, height = app.page.viewport_size["width"], app.page.viewport_size["height"]
    bottom = height - 90  # clear of a phone's bottom navigation bar
    last_y = None
    for _ in range(40):
        # bounding_box() would wait the full default timeout for a node not in the tree yet
        box = item.bounding_box(timeout=2_000) if item.count() else None
        if box and box["y"] >= 60 and box["y"] + box["height"] <= bottom:
            return
        if box and box["y"] == last_y and box["y"] + box["height"] <= height - 8:
            return  # the end of the list, with the item on screen (no bottom bar here)
        last_y = box["y"] if box else None
        app.page.mouse.move(width * 0.6, height * 0.45)
        app.page.mouse.wheel(0, 200 if not box or box["y"] > 60 else -200)
        settle(app, 150)
    raise AssertionError("could not scroll the item into view")


def in_dialog(app: AppPage, name: str):
    """A button of the open dialog (the screen behind may have one with the same name)."""
    return app.page.get_by_role("alertdialog").get_by_role("button", name=name, exact=True)


def press(app: AppPage, name: str) -> None:
    """Scroll a settings button into view, then tap it."""
    target = button(app, name).first
    bring_into_view(app, target)
    target.click()


def write_entry(app: AppPage, text: str) -> None:
    click_button(app, "New entry")
    fill(app, "What's on your mind?", text)
    click_button(app, "Save entry")
    expect_text(app, text)


# --- passphrase ------------------------------------------------------------------------------


def test_change_passphrase_then_unlock_with_the_new_one(app_server: AppProcess, open_page: OpenPage) -> None:
    app = open_page(app_server.url)
    create_journal(app)
    write_entry(app, "Still here after the new lock")
    go_to(app, "Settings")
    click_button(app, "Change passphrase")
    fill(app, "Current passphrase", "not the passphrase")
    fill(app, "New passphrase", NEW_PASSPHRASE)
    fill(app, "Repeat new passphrase", NEW_PASSPHRASE)
    click_button(app, "Change passphrase")
    expect_text(app, "doesn't open this journal")
    fill(app, "Current passphrase", PASSPHRASE)
    click_button(app, "Change passphrase")
    expect_text(app, "Passphrase changed")
    lock(app)
    fill(app, "Passphrase", PASSPHRASE)
    click_button(app, "Unlock")
    expect_text(app, "doesn't open this journal")
    unlock(app, NEW_PASSPHRASE)
    expect_text(app, "Still here after the new lock")


# --- look and feel, reminders ----------------------------------------------------------------


@pytest.fixture
def quick_reminders(start_app: StartApp) -> AppProcess:
    """A server that looks for due reminders every 2 s instead of every 30."""
    return start_app(env={"COMPANION_REMINDER_CHECK_S": "2"})


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_look_and_feel_and_a_gentle_reminder(
    quick_reminders: AppProcess, open_page: OpenPage, viewport: tuple[int, int]
) -> None:
    name = f"settings-{viewport[0]}"
    app = open_page(quick_reminders.url, viewport=viewport)
    create_journal(app)
    go_to(app, "Settings")
    expect_text(app, "Look and feel")
    shot(app, f"{name}-01-top")

    # dark, larger text: applied at once, kept after locking
    choose(app, "Theme", "Dark")
    choose(app, "Text size", "Larger")
    shot(app, f"{name}-02-dark-larger")
    reduce = app.page.get_by_role("switch", name="Reduce motion")
    reduce.click()
    expect(reduce).to_be_checked()

    # A reminder set last, so on the phone, whose run waits for it, it arrives after
    # everything else here, however slow the machine: about two minutes from now (the
    # server shares this machine's clock and zone). On the desktop a banner would only
    # get in the way of the menus, so its reminder is hours away.
    switch = app.page.get_by_role("switch", name="Remind me to check in")
    bring_into_view(app, switch)
    switch.click()
    expect(switch).to_be_checked()
    app.page.get_by_role("checkbox", name="Sun", exact=True).click()
    expect_said(app, "Reminders: Mon, Tue, Wed, Thu, Fri and Sat at")
    app.page.get_by_role("checkbox", name="Sun", exact=True).click()
    expect_said(app, "Reminders: Every day at")
    choose(app, "Words", "Warm")
    expect_said(app, "If there's room for a quiet moment")
    # below the fold with larger text: Flutter only builds what is near the screen
    bring_into_view(app, said(app, "In a web browser, reminders show as a gentle banner"))
    ahead = timedelta(minutes=2) if viewport[0] < 1000 else timedelta(hours=3)
    due = (datetime.now(local_zone()) + ahead).strftime("%H:%M")
    fill(app, "Time 1", due)
    app.page.keyboard.press("Enter")
    expect_said(app, f"Reminders: Every day at {due}.")
    shot(app, f"{name}-03-reminders")

    # the reminder arrives as a banner while the app is open (the wide layout shows the
    # same banner, so only the phone run waits for it)
    go_to(app, "Journal")
    if viewport[0] < 1000:
        expect(button(app, "Not now")).to_be_visible(timeout=180_000)
        expect_said(app, "Hello. If there's room for a quiet moment")
        shot(app, f"{name}-04-reminder-banner")
        click_button(app, "Check in")
        expect(button(app, "Not now")).to_have_count(0)
        expect_no_text(app, "Hello. If there's room")

    lock(app)
    unlock(app)
    go_to(app, "Settings")
    expect(app.page.get_by_role("button", name=re.compile("Theme: Dark"))).to_be_visible()
    expect(app.page.get_by_role("button", name=re.compile("Text size: Larger"))).to_be_visible()
    expect(app.page.get_by_role("switch", name="Reduce motion")).to_be_checked()
    choose(app, "Text size", "Standard")
    shot(app, f"{name}-05-dark-standard")
    assert not app.unexpected_outside_requests()


# --- backup and restore ----------------------------------------------------------------------


def test_backup_then_restore_into_a_fresh_journal(
    start_app: StartApp, open_page: OpenPage, tmp_path: Path
) -> None:
    first = start_app(tmp_path / "first")
    app = open_page(first.url)
    create_journal(app)
    write_entry(app, "Walked by the river at dusk")
    go_to(app, "Settings")
    press(app, "Save a backup")
    expect_text(app, "Keep a copy somewhere safe")
    fill(app, "Backup passphrase", BACKUP_PASSPHRASE)
    fill(app, "Repeat backup passphrase", BACKUP_PASSPHRASE + "!")
    click_button(app, "Save backup")
    expect_text(app, "don't match")
    fill(app, "Repeat backup passphrase", BACKUP_PASSPHRASE)
    shot(app, "backup-01-save")
    with app.page.expect_download() as download_info:
        click_button(app, "Save backup")
    download = download_info.value
    assert re.fullmatch(r"companion-backup-\d{4}-\d{2}-\d{2}\.companion", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    records = backup.read_backup(saved.read_bytes(), BACKUP_PASSPHRASE)
    bodies = [r.payload.get("body") for r in records if r.kind == "journal"]
    assert bodies == ["Walked by the river at dusk"]
    expect_said(app, "It opens only with the backup passphrase")
    shot(app, "backup-02-saved")

    # a fresh journal somewhere else gets it back
    second = start_app(tmp_path / "second")
    fresh = open_page(second.url)
    create_journal(fresh, "another journal entirely")
    expect_no_text(fresh, "Walked by the river")
    go_to(fresh, "Settings")
    press(fresh, "Restore from a backup")
    expect_text(fresh, "Bring back a backup")
    with fresh.page.expect_file_chooser() as chooser:
        click_button(fresh, "Choose a backup file")
    chooser.value.set_files(saved)
    expect_said(fresh, f"Chosen: {saved.name}")

    # a wrong passphrase changes nothing
    fill(fresh, "Backup passphrase", "not the backup secret")
    click_button(fresh, "Restore")
    expect_text(fresh, "doesn't open this backup")

    # the right one shows the plan first; "Not now" writes nothing
    fill(fresh, "Backup passphrase", BACKUP_PASSPHRASE)
    click_button(fresh, "Restore")
    expect_text(fresh, "Add this backup to your journal?")
    shot(fresh, "backup-03-confirm")
    in_dialog(fresh, "Not now").click()
    expect_no_text(fresh, "Add this backup to your journal?")
    click_button(fresh, "Restore")
    in_dialog(fresh, "Add what's missing").click()
    expect_said(fresh, "Restored: ")
    shot(fresh, "backup-04-restored")
    go_to(fresh, "Journal")
    expect_text(fresh, "Walked by the river at dusk")
    shot(fresh, "backup-05-journal-after-restore")


# --- delete everything -----------------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_delete_everything_needs_the_word_then_starts_over(
    app_server: AppProcess, open_page: OpenPage, viewport: tuple[int, int]
) -> None:
    name = f"delete-{viewport[0]}"
    keep = app_server.data_dir / "not-companions.txt"
    keep.write_text("someone else's file")
    app = open_page(app_server.url, viewport=viewport)
    create_journal(app)
    write_entry(app, "About to be deleted")
    go_to(app, "Settings")
    press(app, "Delete everything")
    expect_text(app, "Delete everything?")
    confirm = in_dialog(app, "Delete everything")
    expect(confirm).to_be_disabled()
    fill(app, "Type DELETE to confirm", "delet")
    expect(confirm).to_be_disabled()
    shot(app, f"{name}-01-confirm")
    click_button(app, "Keep my journal")
    expect_no_text(app, "Delete everything?")
    assert vault_path(app_server.data_dir).exists()

    press(app, "Delete everything")
    fill(app, "Type DELETE to confirm", "delete")
    confirm = in_dialog(app, "Delete everything")
    expect(confirm).to_be_enabled()
    confirm.click()
    expect_text(app, "Welcome to Companion")
    expect_said(app, "Your journal has been deleted")
    shot(app, f"{name}-02-welcome-again")
    assert not vault_path(app_server.data_dir).exists()
    assert not any(p.name.startswith("journal.sqlite") for p in app_server.data_dir.iterdir())
    assert keep.read_text() == "someone else's file"

    # and a new journal can be made right away
    create_journal(app, "a brand new start here")
    expect_no_text(app, "About to be deleted")


# --- demo ------------------------------------------------------------------------------------


def test_demo_from_the_welcome_screen_leaves_the_real_journal_alone(
    app_server: AppProcess, open_page: OpenPage
) -> None:
    app = open_page(app_server.url)
    expect_text(app, "Welcome to Companion")
    press(app, "Look around a demo journal first")
    expect(button(app, "New entry")).to_be_visible(timeout=60_000)
    expect_text(app, "Journal · demo")
    shot(app, "demo-01-journal")
    go_to(app, "Settings")
    expect_said(app, "This is the demo journal")
    shot(app, "demo-02-settings")
    lock(app)
    expect_said(app, "Demo journal – sample data")
    expect_said(app, "“demo journal”")
    shot(app, "demo-03-locked")
    click_button(app, "Leave the demo")
    expect_text(app, "Welcome to Companion")
    expect_no_text(app, "· demo")
    assert not vault_path(app_server.data_dir).exists()
    assert vault_path(app_server.data_dir / "demo").exists()
    assert textbox(app, "Passphrase").count() == 1


def test_demo_flag_opens_the_marked_sample_journal(
    start_app: StartApp, open_page: OpenPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = harness.app_command()
    monkeypatch.setattr(harness, "app_command", lambda: [*command, "--demo"])
    server = start_app(tmp_path / "data")
    app = open_page(server.url)
    expect_said(app, "Demo journal – sample data")
    expect_said(app, "“demo journal”")
    expect(button(app, "Leave the demo")).to_have_count(0)  # started as a demo: nothing to go back to
    shot(app, "demo-flag-01-locked")
    unlock(app, "demo journal")
    expect_text(app, "Journal · demo")
    expect_text(app, "Check-in")
    assert not vault_path(tmp_path / "data").exists()  # the real journal's place stays empty

    # deleting everything in the demo brings back a fresh one
    go_to(app, "Settings")
    press(app, "Delete everything")
    fill(app, "Type DELETE to confirm", "DELETE")
    in_dialog(app, "Delete everything").click()
    expect_said(app, "The demo journal has been reset")
    expect_said(app, "Demo journal – sample data")
    unlock(app, "demo journal")
    expect_text(app, "Check-in")
