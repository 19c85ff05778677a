"""Command line entry point: `companion [--web] [--port N] [--data-dir PATH] [--demo]`."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from companion.adapters.paths import default_data_dir, ensure_private_dir, vault_path

LOOPBACK = "127.0.0.1"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="companion",
        description="Companion: a private space for the time between therapy sessions.",
    )
    parser.add_argument(
        "--web",
        action="store_true",
        help="serve the app to a browser on this computer instead of opening a window",
    )
    parser.add_argument("--port", type=int, default=0, help="port for --web (default: 8550)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder for the journal (default: the platform's app-data folder; also COMPANION_DATA_DIR)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=(
            "open a demo journal full of invented sample entries (in its own 'demo' folder inside "
            "the data folder; passphrase: demo journal). Your own journal is not touched."
        ),
    )
    return parser.parse_args(argv)


def prepare_demo(base: Path) -> Path:
    """The demo journal's folder inside ``base``, created and filled with sample data if absent.

    The demo is built in a temporary folder next to it and moved into place only when
    complete, so an interrupted start never leaves a half-filled demo behind. An existing demo
    journal is opened as it is (whatever was added to it stays).
    """
    from companion import demo
    from companion.core.localtime import local_zone
    from companion.core.records import now_us
    from companion.vault.vault import Vault, vault_exists

    base = ensure_private_dir(base)
    target = demo.demo_data_dir(base)
    if vault_exists(vault_path(target)):
        return target
    building = Path(tempfile.mkdtemp(prefix=".demo-", dir=base))
    try:
        vault, _ = Vault.create(vault_path(building), demo.DEMO_PASSPHRASE, with_recovery_code=False)
        try:
            demo.fill_demo(vault, now_us(), tz=local_zone())
        finally:
            vault.lock()
        if target.is_dir() and not target.is_symlink():
            target.rmdir()  # an empty leftover; a folder with anything in it is never replaced
        os.replace(building, target)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(building)
        raise
    return ensure_private_dir(target)


def has_display() -> bool:
    """Whether a desktop window could open here."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    from companion.adapters.netaudit import install_from_env

    install_from_env()
    data_dir = ensure_private_dir((args.data_dir or default_data_dir()).expanduser().resolve())
    if args.demo:
        print("Preparing the demo journal (sample data; passphrase: demo journal)...", flush=True)
        data_dir = prepare_demo(data_dir)

    import flet as ft

    from companion.ui.app import make_app

    web = args.web or not has_display()
    assets = str(Path(__file__).resolve().parent.parent / "assets")
    if web:
        port = args.port or 8550
        # Flet reads these; setting them keeps the server on loopback only.
        os.environ["FLET_FORCE_WEB_SERVER"] = "true"
        os.environ["FLET_SERVER_IP"] = LOOPBACK
        os.environ["FLET_SERVER_PORT"] = str(port)
        print(f"Companion is running at http://{LOOPBACK}:{port}", flush=True)
        ft.run(
            make_app(data_dir, demo=args.demo),
            host=LOOPBACK,
            port=port,
            view=ft.AppView.WEB_BROWSER,
            assets_dir=assets,
            no_cdn=True,
        )
    else:
        ft.run(make_app(data_dir, demo=args.demo), assets_dir=assets, no_cdn=True)


if __name__ == "__main__":  # pragma: no cover
    main()
