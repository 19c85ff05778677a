"""Command line entry point: `companion [--web] [--port N] [--data-dir PATH] [--demo]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from companion.adapters.paths import default_data_dir, ensure_private_dir
from companion.adapters.webguard import LOOPBACK, serve


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


def prepare_demo_lazily(base: Path) -> Path:
    """``demo.prepare_demo``, imported only when asked: it pulls in every record kind and storage."""
    from companion.demo import prepare_demo

    return prepare_demo(base)


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
        data_dir = prepare_demo_lazily(data_dir)

    import flet as ft

    from companion.ui.app import make_app

    web = args.web or not has_display()
    assets = str(Path(__file__).resolve().parent.parent / "assets")
    if web:
        port = args.port or 8550
        print(f"Companion is running at http://{LOOPBACK}:{port}", flush=True)
        # Flet's web app behind a guard: loopback only, and only this address's own page
        # may talk to it (see companion/adapters/webguard.py).
        serve(
            make_app(data_dir, demo=args.demo, prepare_demo=prepare_demo_lazily),
            port=port,
            assets_dir=assets,
        )
    else:
        ft.run(
            make_app(data_dir, demo=args.demo, prepare_demo=prepare_demo_lazily),
            assets_dir=assets,
            no_cdn=True,
        )


if __name__ == "__main__":  # pragma: no cover
    main()
