"""Start-up options, data folder choice, and the web page we serve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion import cli, paths

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_and_options(tmp_path: Path) -> None:
    args = cli.parse_args([])
    assert not args.web and args.port == 0 and args.data_dir is None
    args = cli.parse_args(["--web", "--port", "9000", "--data-dir", str(tmp_path)])
    assert args.web and args.port == 9000 and args.data_dir == tmp_path


def test_bad_port_is_refused() -> None:
    with pytest.raises(SystemExit):
        cli.parse_args(["--port", "not-a-number"])


def test_data_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("COMPANION_DATA_DIR", raising=False)
    monkeypatch.delenv("FLET_APP_STORAGE_DATA", raising=False)
    desktop = paths.default_data_dir()
    assert desktop.name == "Companion"
    monkeypatch.setenv("FLET_APP_STORAGE_DATA", str(tmp_path / "mobile"))
    monkeypatch.setenv("FLET_PLATFORM", "macos")  # a built desktop app keeps the usual folder
    assert paths.default_data_dir() == desktop
    monkeypatch.setenv("FLET_PLATFORM", "android")
    assert paths.default_data_dir() == tmp_path / "mobile" / "companion"
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "mine"))
    assert paths.default_data_dir() == tmp_path / "mine"


def test_private_dir_is_owner_only(tmp_path: Path) -> None:
    folder = paths.ensure_private_dir(tmp_path / "a" / "b")
    assert folder.is_dir()
    assert folder.stat().st_mode & 0o077 == 0


def test_server_binds_to_loopback_only() -> None:
    assert cli.LOOPBACK == "127.0.0.1"


def test_served_page_keeps_the_client_on_this_computer() -> None:
    page = (ROOT / "assets" / "index.html").read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp, "assets/index.html must carry a Content-Security-Policy"
    policy = csp.group(1)
    assert "default-src 'self'" in policy
    assert "https:" not in policy and "*" not in policy.replace("127.0.0.1:*", "").replace("localhost:*", "")
    assert "<title>Companion</title>" in page


def test_served_page_matches_the_installed_flet_client() -> None:
    """Our index.html is Flet's plus our policy: a Flet upgrade must refresh it (the script says how)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("refresh", ROOT / "build_scripts" / "refresh_index_html.py")
    assert spec and spec.loader
    refresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(refresh)
    expected = refresh.build(refresh.upstream_index())
    assert (ROOT / "assets" / "index.html").read_text(encoding="utf-8") == expected, (
        "assets/index.html is out of date: run python build_scripts/refresh_index_html.py"
    )
