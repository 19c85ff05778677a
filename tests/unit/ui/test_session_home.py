"""The Session screen with a long history of feedback: the newest cards first, the rest on request."""

from __future__ import annotations

import flet as ft
import pytest
from conftest import run_async as run
from test_settings_language import FakeShell, built, texts

from companion.kinds.feedback import BRING, PRIVATE, FeedbackDraft
from companion.services.stores import Stores
from companion.ui.screens.feedback_screen import FIRST_CARDS, MORE_CARDS
from companion.vault.vault import Vault

PRIVATE_DRAFTS = FIRST_CARDS + MORE_CARDS + 4


@pytest.fixture(scope="module")
def long_history(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("session-home")
    vault, _ = Vault.create(folder / "journal.sqlite", "a long test passphrase", with_recovery_code=False)
    stores = Stores.open(vault)
    for n in range(PRIVATE_DRAFTS):
        stores.feedback.add(FeedbackDraft(kind="appreciation", text=f"private draft number {n}."))
    for n in range(2):
        record = stores.feedback.add(FeedbackDraft(kind="appreciation", text=f"bringing number {n}."))
        stores.feedback.set_state(record.id, BRING)
    yield folder, stores
    stores.close()


def _cards(screen) -> list[str]:
    return [c.content.subtitle.value for c in screen.groups.controls if isinstance(c, ft.Card)]


def _tap(button: ft.TextButton) -> None:
    """As Flet would: the handler called, and awaited when it is a coroutine function."""
    result = button.on_click(None)
    if result is not None:
        run(result)


def _more(screen) -> list[ft.TextButton]:
    return [c for c in screen.groups.controls if isinstance(c, ft.TextButton)]


def test_a_long_group_shows_its_newest_cards_and_the_rest_a_tap_at_a_time(long_history) -> None:
    folder, stores = long_history
    assert len(stores.feedback.by_state()[PRIVATE]) == PRIVATE_DRAFTS
    screen, _ = built("session", FakeShell(stores, folder))
    run(screen.on_show())

    cards = _cards(screen)
    # Both items being brought, then only the newest private drafts, newest first.
    assert cards[:2] == ["bringing number 1.", "bringing number 0."]
    assert cards[2:] == [
        f"private draft number {n}." for n in range(PRIVATE_DRAFTS - 1, PRIVATE_DRAFTS - 1 - FIRST_CARDS, -1)
    ]
    [more] = _more(screen)
    assert texts(more) == [f"Show {MORE_CARDS} more"]

    _tap(more)
    assert len(_cards(screen)) == 2 + FIRST_CARDS + MORE_CARDS
    [more] = _more(screen)
    assert texts(more) == ["Show 4 more"]

    _tap(more)
    assert len(_cards(screen)) == 2 + PRIVATE_DRAFTS
    assert _more(screen) == []
    assert _cards(screen)[-1] == "private draft number 0."


def test_what_was_opened_stays_open_when_the_screen_refreshes(long_history) -> None:
    folder, stores = long_history
    screen, _ = built("session", FakeShell(stores, folder))
    run(screen.on_show())
    _tap(_more(screen)[0])
    run(screen.on_show())  # coming back to the tab, or a topic ticked
    assert len(_cards(screen)) == 2 + FIRST_CARDS + MORE_CARDS
