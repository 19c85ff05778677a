"""Fixtures shared by every layer's tests: a journal to write into, a clock to move by hand.

Fakes, not mocks: each stands in for a real collaborator with the same small interface,
so a test exercises our code exactly as the app does.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

from companion.vault.vault import Vault

# Browser fixtures (a Companion server, Chromium pages, the watchdog) for tests/e2e and the
# browser tests in tests/redteam.
pytest_plugins = ("e2e.plugin",)

TEST_PASSPHRASE = "a long test passphrase"


def create_vault(folder: Path, passphrase: str = TEST_PASSPHRASE) -> Vault:
    """A fresh, unlocked journal in ``folder`` (no recovery code: it costs a second wrap)."""
    vault, _ = Vault.create(folder / "journal.sqlite", passphrase, with_recovery_code=False)
    return vault


def empty(vault: Vault) -> Vault:
    for record in list(vault.iter_all()):
        vault.delete(record.id)
    return vault


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    """One journal per test module (a key derivation costs ~0.1 s, so it is shared)."""
    shared = create_vault(tmp_path_factory.mktemp("journal"))
    yield shared
    shared.lock()


@pytest.fixture
def empty_vault(vault: Vault) -> Vault:
    """The module's journal, emptied, for tests that count what they wrote."""
    return empty(vault)


@pytest.fixture
def new_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], Vault]]:
    """A factory for extra journals (a backup's source and target, say); all locked afterwards."""
    made: list[Vault] = []

    def make() -> Vault:
        made.append(create_vault(tmp_path_factory.mktemp("extra")))
        return made[-1]

    yield make
    for v in made:
        v.lock()


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def run_async(coro: Coroutine[Any, Any, Any]) -> Any:
    """``asyncio.run`` in a thread of its own (the browser tests' loop may already run in this
    one), in a copy of this thread's context, so a language pinned with ``i18n.use()`` holds."""
    out: dict[str, Any] = {}
    context = contextvars.copy_context()

    def target() -> None:
        try:
            out["value"] = context.run(asyncio.run, coro)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            out["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out.get("value")
