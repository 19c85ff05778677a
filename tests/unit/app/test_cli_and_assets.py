"""Start-up options, data folder choice, and the web page we serve."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from companion import cli, demo
from companion.adapters import paths

ROOT = Path(__file__).resolve().parents[3]


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
    refresh = _refresh_script()
    expected = refresh.build(refresh.upstream_index())
    assert (ROOT / "assets" / "index.html").read_text(encoding="utf-8") == expected, (
        "assets/index.html is out of date: run python build_scripts/refresh_index_html.py"
    )
    manifest = refresh.font_manifest(refresh.upstream_font_manifest())
    assert refresh.FONT_MANIFEST.read_text(encoding="utf-8") == manifest, (
        "assets/assets/FontManifest.json is out of date: run python build_scripts/refresh_index_html.py"
    )


def _refresh_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("refresh", ROOT / "build_scripts" / "refresh_index_html.py")
    assert spec and spec.loader
    refresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(refresh)
    return refresh


def test_what_the_page_preloads_is_what_flets_client_ships() -> None:
    """A preload of a file Flet renamed would cost a wasted request and hide the real one."""
    import flet_web

    web = Path(flet_web.__file__).parent / "web"
    page = (ROOT / "assets" / "index.html").read_text(encoding="utf-8")
    preloaded = re.findall(r'<link rel="(?:module)?preload" href="([^"]+)"', page)
    assert len(preloaded) == 6
    fonts = {"assets/fonts/roboto.woff2"}  # added to the manifest by Flet's server, from its own folder
    for href in preloaded:
        assert (web / href).is_file() or href in fonts, href
    listed = {
        font["asset"]
        for family in json.loads(_refresh_script().FONT_MANIFEST.read_text())
        for font in family["fonts"]
    }
    assert {f"assets/{asset}" for asset in listed} | fonts == {h for h in preloaded if "/fonts/" in h}


def test_the_fonts_left_out_of_the_web_client_are_never_asked_for() -> None:
    """The trimmed font manifest has no Cupertino icons and no math fonts: nothing may need them."""
    manifest = _refresh_script().FONT_MANIFEST.read_text(encoding="utf-8")
    assert "cupertino" not in manifest.lower() and "KaTeX" not in manifest
    for source in (ROOT / "companion").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "CupertinoIcons" not in text, source
        assert "ft.Markdown" not in text and "Cupertino" not in text, source


# --- the demo journal ---------------------------------------------------------------------------


def test_demo_flag() -> None:
    assert not cli.parse_args([]).demo
    assert cli.parse_args(["--demo"]).demo


def test_prepare_demo_fills_its_own_folder_once(tmp_path: Path) -> None:
    from companion import demo
    from companion.kinds.journal import JOURNAL
    from companion.vault.vault import Vault

    base = tmp_path / "data"
    folder = demo.prepare_demo(base)
    assert folder == demo.demo_data_dir(base)
    assert sorted(p.name for p in base.iterdir()) == ["demo"]  # no half-built leftovers
    assert not paths.vault_path(base).exists()  # the real journal's place is untouched
    assert folder.stat().st_mode & 0o077 == 0
    vault = Vault.unlock(paths.vault_path(folder), demo.DEMO_PASSPHRASE)
    try:
        entries = vault.count([JOURNAL])
        assert entries > 0
        vault.add(JOURNAL, {"title": "tried it", "body": "typed in the demo"})
    finally:
        vault.lock()
    stamp = paths.vault_path(folder).stat().st_mtime_ns
    assert demo.prepare_demo(base) == folder  # a second start opens the same demo as it is
    assert paths.vault_path(folder).stat().st_mtime_ns == stamp
    vault = Vault.unlock(paths.vault_path(folder), demo.DEMO_PASSPHRASE)
    try:
        assert vault.count([JOURNAL]) == entries + 1
    finally:
        vault.lock()


def test_prepare_demo_replaces_an_empty_leftover_folder(tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    folder = demo.prepare_demo(tmp_path)
    assert paths.vault_path(folder).stat().st_size > 0


def test_prepare_demo_never_replaces_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "mine.txt").write_text("not Companion's")
    with pytest.raises(OSError):
        demo.prepare_demo(tmp_path)
    assert (tmp_path / "demo" / "mine.txt").read_text() == "not Companion's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]


def test_main_with_demo_runs_the_app_on_the_demo_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import flet as ft

    from companion.ui import app as app_module

    made: dict[str, object] = {}

    def fake_make_app(data_dir: Path, *, demo: bool = False, prepare_demo=None):
        made.update(data_dir=data_dir, demo=demo)
        return "main"

    monkeypatch.setattr(app_module, "make_app", fake_make_app)
    monkeypatch.setattr(ft, "run", lambda target, **kwargs: made.update(target=target, **kwargs))
    monkeypatch.setattr(cli, "has_display", lambda: True)
    cli.main(["--demo", "--data-dir", str(tmp_path / "data")])
    assert made["demo"] is True
    assert made["data_dir"] == (tmp_path / "data" / "demo").resolve()
    assert made["target"] == "main"
    assert paths.vault_path(tmp_path / "data" / "demo").exists()

    made.clear()
    cli.main(["--data-dir", str(tmp_path / "data")])
    assert made["demo"] is False
    assert made["data_dir"] == (tmp_path / "data").resolve()
