"""Fixtures shared by every layer's tests: a journal to write into, a clock to move by hand.

Fakes, not mocks: each stands in for a real collaborator with the same small interface,
so a test exercises our code exactly as the app does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

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
