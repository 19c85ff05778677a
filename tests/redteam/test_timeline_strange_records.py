"""Finding 6, the screen's half: one strange record must not take the journal timeline down.

A restore now refuses records the app would never have written, but a journal restored by an
older version, or damaged by an old bug, may still hold one: a check-in dated 2**63-1 µs, a
strength of infinity or NaN, ``needs: 5``, a title that is a list. The timeline used to raise on
the first of them (year out of range, OverflowError, TypeError) at every unlock, so nothing
could be read. Now each such row says "This entry can't be shown", can still be deleted, and
every other row shows as before. The two small cleaners that turn stored numbers into choices
(`clamp_intensity`, `valid_timeout`) fall back to their default for infinity and NaN too.
"""

from __future__ import annotations

import asyncio
import math
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest
from conftest import create_vault

from companion.core.idle import AUTO_LOCK_DEFAULT_S, valid_timeout
from companion.core.kind_ids import CHECKIN, JOURNAL
from companion.core.records import now_us
from companion.kinds.checkin import TimelineFilter, clamp_intensity
from companion.services.stores import Stores
from companion.ui.screens.journal_screen import JournalListScreen

CANT_SHOW = "This entry can't be shown"
T = now_us() - 3_600_000_000  # an hour ago: every row's date is an ordinary one

STRANGE: list[tuple[str, str, dict[str, Any], int]] = [
    ("far future date", CHECKIN, {"v": 1, "feelings": [{"word": "calm"}]}, 2**63 - 1),
    ("infinite strength", CHECKIN, {"v": 1, "body": [{"region": "chest", "intensity": math.inf}]}, T),
    ("NaN strength", CHECKIN, {"v": 1, "body": [{"region": "chest", "intensity": math.nan}]}, T),
    ("needs a number", CHECKIN, {"v": 1, "needs": 5}, T),
    ("feelings a number", CHECKIN, {"v": 1, "feelings": 7}, T),
    ("body a number", CHECKIN, {"v": 1, "body": 3}, T),
    ("entry dated 2**63-1", JOURNAL, {"title": "x", "body": "y"}, 2**63 - 1),
]
GOOD: list[tuple[str, dict[str, Any]]] = [
    (JOURNAL, {"title": "A good walk", "body": "By the river"}),
    (CHECKIN, {"v": 1, "feelings": [{"word": "calm", "level": "mild"}], "needs": ["rest"]}),
    (CHECKIN, {}),  # every key missing: an empty check-in still shows
    (JOURNAL, {}),  # an entry without title or body: "Untitled entry"
]


class _Page:
    width, height, web = 400, 800, True

    def __init__(self) -> None:
        self.dialogs: list[Any] = []

    def update(self, *_args: Any) -> None:
        pass

    def show_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog)

    def pop_dialog(self) -> None:
        if self.dialogs:
            self.dialogs.pop()


def _shell(stores: Stores | None) -> SimpleNamespace:
    shell = SimpleNamespace(page=_Page(), stores=stores, toasts=[], confirms=[], current=None)
    shell.toast = lambda message, *_a, **_k: shell.toasts.append(message)
    shell.handler = lambda fn: fn
    shell.touch = lambda: None
    shell.report_error = lambda exc: (_ for _ in ()).throw(exc)

    def confirm(title: str, text: str, action: str, on_confirm: Any, keep: str = "Keep it") -> None:
        shell.confirms.append((title, on_confirm))

    shell.confirm = confirm
    return shell


def _texts(control: Any) -> list[str]:
    found: list[str] = []

    def walk(c: Any) -> None:
        if isinstance(c, ft.Text) and c.value:
            found.append(c.value)
        for name in ("content", "controls", "title", "subtitle", "leading", "trailing"):
            child = getattr(c, name, None)
            for item in child if isinstance(child, list) else [child]:
                if isinstance(item, ft.Control):
                    walk(item)

    walk(control)
    return found


def _buttons(control: Any) -> list[Any]:
    found: list[Any] = []

    def walk(c: Any) -> None:
        if isinstance(c, (ft.IconButton, ft.TextButton, ft.OutlinedButton)):
            found.append(c)
        for name in ("content", "controls", "title", "subtitle", "leading", "trailing"):
            child = getattr(c, name, None)
            for item in child if isinstance(child, list) else [child]:
                if isinstance(item, ft.Control):
                    walk(item)

    walk(control)
    return found


@pytest.fixture
def journal(tmp_path: Path):
    vault = create_vault(tmp_path)
    strange_ids = {vault.add(kind, payload, created_us=at).id: name for name, kind, payload, at in STRANGE}
    for n, (kind, payload) in enumerate(GOOD):
        vault.add(kind, payload, created_us=T - 1_000_000 * (n + 1))
    stores = Stores.open(vault)
    yield stores, strange_ids
    stores.close()


def _screen(stores: Stores) -> JournalListScreen:
    screen = JournalListScreen(_shell(stores))
    screen.build_cached()
    return screen


def test_every_strange_record_is_one_calm_row_and_the_rest_shows(journal) -> None:
    stores, strange_ids = journal
    screen = _screen(stores)
    asyncio.run(screen.on_show())
    words = [" ".join(_texts(row)) for row in screen.items.controls]
    assert sum(CANT_SHOW in w for w in words) == len(STRANGE)
    everything = " | ".join(words)
    assert "A good walk" in everything
    assert "calm" in everything
    assert "Untitled entry" in everything
    assert sum(w.startswith("Check-in") for w in words) == 2  # the good one and the empty one


@pytest.mark.parametrize("name", [s[0] for s in STRANGE])
def test_each_strange_record_alone_gives_a_row(journal, name: str) -> None:
    stores, strange_ids = journal
    record_id = next(i for i, n in strange_ids.items() if n == name)
    row = _screen(stores)._row(stores.records.get(record_id))
    assert CANT_SHOW in " ".join(_texts(row))


def test_a_strange_row_can_still_be_deleted(journal) -> None:
    stores, strange_ids = journal
    screen = _screen(stores)
    record_id = next(i for i, n in strange_ids.items() if n == "infinite strength")
    row = screen._row(stores.records.get(record_id))
    delete = [b for b in _buttons(row) if "Delete" in (b.tooltip or "") + str(getattr(b, "content", ""))]
    assert len(delete) == 1
    asyncio.run(delete[0].on_click(None))
    title, on_confirm = screen.ctl.confirms[-1]
    assert "Delete" in title
    assert record_id in {r.id for r in stores._vault.iter_all()}  # nothing before the confirmation
    asyncio.run(on_confirm(None))
    assert record_id not in {r.id for r in stores._vault.iter_all()}
    assert screen.ctl.toasts  # with an Undo, like every other delete


def test_search_and_filters_show_strange_rows_calmly(journal) -> None:
    stores, _ = journal
    screen = _screen(stores)
    hits = stores.records.search("chest", [JOURNAL, CHECKIN], 200)
    assert hits  # the infinite and NaN strengths are on the chest
    rows = [" ".join(_texts(screen._row(r))) for r in hits]
    assert any(CANT_SHOW in r for r in rows)
    # a filter reads every check-in: one that can't be read matches nothing, one that can
    # (the far-future "calm") is listed as a calm row
    assert len(stores.checkins.filtered(TimelineFilter(region="chest"))) == 0
    screen.word_pick.value = "calm"
    asyncio.run(screen._on_filter(None))
    rows = [" ".join(_texts(row)) for row in screen.items.controls]
    assert len(rows) == 2 and sum(CANT_SHOW in r for r in rows) == 1
    assert screen.status.value == "2 check-ins match"


@pytest.mark.parametrize(
    "value",
    [math.inf, -math.inf, math.nan, "inf", "nan", 10**400],
    ids=["inf", "-inf", "nan", "text inf", "text nan", "huge"],
)
def test_clamp_intensity_falls_back_for_infinity_and_nan(value: Any) -> None:
    assert clamp_intensity(value) == 5


@pytest.mark.parametrize(
    "value",
    [math.inf, -math.inf, math.nan, "inf", 10**400, "10" * 400],
    ids=["inf", "-inf", "nan", "text inf", "huge", "long text"],
)
def test_valid_timeout_falls_back_for_infinity_and_nan(value: Any) -> None:
    assert valid_timeout(value) == AUTO_LOCK_DEFAULT_S
