"""Every route builds its screen: a wrong control argument fails here in seconds, not in a browser.

The shell is a fake with a real journal behind it (fakes, not mocks): screens get the same
`Stores` they get in the app.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest

from companion.services.stores import Stores
from companion.ui.shell import routes
from companion.vault.vault import Vault

PARAMS: dict[str, dict[str, Any]] = {
    "editor": {"record_id": None},
    "composer": {"record_id": None},
    "reflection": {"session_id": None},
    "recovery_code": {"code": "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"},
}


class FakePage:
    width = 400
    height = 800
    web = True
    platform = ft.PagePlatform.LINUX
    theme_mode = ft.ThemeMode.SYSTEM

    def update(self, *_args: Any) -> None:
        pass

    def show_dialog(self, _dialog: Any) -> None:
        pass

    def pop_dialog(self) -> None:
        return None


@pytest.fixture(scope="module")
def shell(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    folder: Path = tmp_path_factory.mktemp("screens")
    vault, _ = Vault.create(folder / "journal.sqlite", "a long test passphrase", with_recovery_code=False)
    stores = Stores.open(vault)
    fake = SimpleNamespace(
        page=FakePage(),
        stores=stores,
        demo=False,
        data_dir=folder,
        home_dir=None,
        path=folder / "journal.sqlite",
        prepare_demo=None,
        auto_lock_s=300,
        current=None,
    )
    fake.touch = lambda: None
    fake.toast = lambda *_a, **_k: None
    fake.handler = lambda fn: fn
    fake.report_error = lambda exc: (_ for _ in ()).throw(exc)
    fake.language_choice = lambda: None  # Settings shows the journal's language choice
    yield fake
    stores.close()


@pytest.mark.parametrize("route", sorted(routes.ROUTES))
def test_every_route_builds(route: str, shell: SimpleNamespace) -> None:
    screen = routes.make(route, shell, **PARAMS.get(route, {}))
    control = screen.build_cached()
    assert isinstance(control, ft.Control)
    assert screen.route == route


def test_an_unknown_route_says_so() -> None:
    with pytest.raises(KeyError, match="no screen is called"):
        routes.screen_class("nowhere")
