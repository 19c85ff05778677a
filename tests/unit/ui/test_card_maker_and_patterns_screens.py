"""The card maker and Patterns screens, driven through a fake shell with a real journal behind it."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import flet as ft
from conftest import create_vault

from companion.core.kind_ids import CHECKIN
from companion.core.records import now_us
from companion.export.card_maker import make_card
from companion.kinds.homework_card import parse_card
from companion.kinds.sharing import BRING
from companion.services.stores import Stores
from companion.ui.shell import routes


class _Page:
    width, height, web = 400, 800, True

    def update(self, *_args: Any) -> None:
        pass


def _shell(stores: Stores | None) -> SimpleNamespace:
    shell = SimpleNamespace(page=_Page(), stores=stores, toasts=[], opened=[])
    shell.toast = lambda message, *_a, **_k: shell.toasts.append(message)
    shell.handler = lambda fn: fn
    shell.report_error = lambda exc: (_ for _ in ()).throw(exc)

    async def show_public(route: str, **_params: Any) -> None:
        shell.opened.append(route)

    shell.show_public = show_public
    return shell


def _texts(control: ft.Control) -> list[str]:
    """Every Text value under ``control``, depth first."""
    found: list[str] = []

    def walk(c: Any) -> None:
        if isinstance(c, ft.Text) and c.value:
            found.append(c.value)
        for name in ("content", "controls"):
            child = getattr(c, name, None)
            for item in child if isinstance(child, list) else [child]:
                if isinstance(item, ft.Control):
                    walk(item)

    walk(control)
    return found


def test_the_card_maker_works_without_a_journal_and_previews_the_import() -> None:
    shell = _shell(None)  # the welcome screen: nothing unlocked
    screen = routes.make("card_maker", shell)
    screen.build_cached()
    asyncio.run(screen._start_from("feedback_before_session"))
    assert screen.name.value == "Feedback before our next session"
    assert len(screen.editors) == 2
    preview = " ".join(_texts(screen.preview))
    assert '"Feedback for our next session" (feedback for my therapist), once a week' in preview
    screen.editors[0].title.value = "Thanks and wishes"
    asyncio.run(screen.changed(None))
    assert "Thanks and wishes" in " ".join(_texts(screen.preview))
    practices = parse_card(make_card(screen.forms()))
    assert practices[0].title == "Thanks and wishes"
    asyncio.run(screen._back(None))
    assert shell.opened == ["welcome"]


def test_a_typing_mistake_in_a_date_shows_on_the_form_and_keeps_everything() -> None:
    screen = routes.make("card_maker", _shell(None))
    screen.build_cached()
    screen.editors[0].start.value = "1.12.2026"
    asyncio.run(screen.changed(None))
    assert screen.preview_error.visible
    assert "practice 1: the first day" in screen.preview_error.value
    assert "Nothing you typed was lost" in screen.preview_error.value
    assert screen.editors[0].start.value == "1.12.2026"


def test_patterns_shows_sentences_and_brings_one(tmp_path) -> None:
    vault = create_vault(tmp_path)
    moment = now_us()
    for n in range(3):
        body = [{"region": "chest", "sensations": ["tight"], "intensity": 6}]
        vault.add(
            CHECKIN, {"body": body, "feelings": [{"word": "anxious", "level": "mild"}]}, created_us=moment - n
        )
    stores = Stores.open(vault)
    shell = _shell(stores)
    screen = routes.make("patterns", shell)
    screen.build_cached()
    asyncio.run(screen.on_show())
    words = _texts(screen.content)
    assert "Your chest came up in 3 of 3 check-ins, on average 6 of 10 (mostly tight)." in words
    assert "No session noted yet" in screen.period_note.value
    asyncio.run(screen._bringer(words[1])(None))
    topics = [topic for _r, topic in stores.topics.ordered()]
    assert topics[0].state == BRING and "since my last session" in topics[0].text
    assert shell.toasts and "summary" in shell.toasts[0]
    asyncio.run(screen._on_period("all"))
    assert any("3 check-ins in this time." in w for w in _texts(screen.content))
    stores.close()
