"""Journeys that span screens and folders: the demo journal, and starting over."""

from __future__ import annotations

import asyncio

from companion.adapters.paths import DEMO_PASSPHRASE, journal_present, vault_path
from companion.adapters.wipe import delete_everything as wipe
from companion.core.i18n import _
from companion.ui.kit import theme
from companion.ui.kit.shell import Shell


async def enter_demo(ctl: Shell) -> None:
    """Open the demo journal in this window only; the real data folder is remembered for later."""
    if ctl.prepare_demo is None:
        return
    demo_dir = await asyncio.to_thread(ctl.prepare_demo, ctl.data_dir)
    await ctl.open_demo_journal(demo_dir, DEMO_PASSPHRASE)


async def leave_demo(ctl: Shell) -> None:
    """Back to the real data folder (after locking): its journal, or the welcome screen."""
    if ctl.home_dir is None:
        return
    ctl.data_dir, ctl.home_dir, ctl.demo = ctl.home_dir, None, False
    ctl.path = vault_path(ctl.data_dir)
    ctl.apply_saved_look()
    exists = await asyncio.to_thread(journal_present, ctl.data_dir)
    await ctl.show_public("unlock" if exists else "welcome")


async def delete_everything(ctl: Shell) -> None:
    """Delete everything: lock, remove the files, and start again from the welcome screen.

    In a demo started with ``--demo`` a fresh demo takes its place; a demo visited from the
    welcome screen is left for the real (empty) folder.
    """
    if ctl.stores is None:
        return  # locked meanwhile (a dialog outlived the journal): nothing is deleted
    data_dir = ctl.data_dir
    await ctl.lock(reason="asked")
    theme.apply(ctl.page)  # the look file goes with everything else
    try:
        result = await asyncio.to_thread(wipe, data_dir)
    except OSError:
        ctl.toast(
            _(
                "Some of Companion's files couldn't be deleted just now. Please close Companion "
                "everywhere it is open, then try again."
            )
        )
        return
    if ctl.demo and ctl.home_dir is None and ctl.prepare_demo is not None:
        await asyncio.to_thread(ctl.prepare_demo, data_dir.parent)
        await ctl.show_public("unlock")
        ctl.toast(_("The demo journal has been reset to its sample entries."))
        return
    if ctl.demo:
        await leave_demo(ctl)
    else:
        await ctl.show_public("welcome")
    ctl.toast(result.message)
