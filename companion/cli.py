"""Command line entry point: `companion [--web] [--port N] [--data-dir PATH] [--demo]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from companion.adapters.paths import DEMO_FOLDER, DEMO_PASSPHRASE, default_data_dir, ensure_private_dir
from companion.adapters.webguard import LOOPBACK, serve
from companion.core import i18n
from companion.core.i18n import _


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="companion",
        description=_("Companion: a private space for the time between therapy sessions."),
    )
    parser.add_argument(
        "--web",
        action="store_true",
        help=_("serve the app to a browser on this computer instead of opening a window"),
    )
    # Translators: command line help; keep "--web" as it is
    parser.add_argument("--port", type=int, default=0, help=_("port for --web (default: 8550)"))
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        # Translators: command line help; keep COMPANION_DATA_DIR as it is
        help=_("folder for the journal (default: the platform's app-data folder; also COMPANION_DATA_DIR)"),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        # {folder} and {passphrase} are the same in every language (see "Preparing the demo" below)
        help=_(
            "open a demo journal full of invented sample entries (in its own '{folder}' folder inside "
            "the data folder; passphrase: {passphrase}). Your own journal is not touched."
        ).format(folder=DEMO_FOLDER, passphrase=DEMO_PASSPHRASE),
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
    # The terminal speaks the computer's language. Pinned only around our own output and the
    # demo (written in that language): the app's sessions find their own language.
    language = i18n.device_language()
    with i18n.use(language):
        args = parse_args(argv)
    from companion.adapters.netaudit import install_from_env

    install_from_env()
    data_dir = ensure_private_dir((args.data_dir or default_data_dir()).expanduser().resolve())
    if args.demo:
        with i18n.use(language):
            # Translators: printed in the terminal; {passphrase} stays in English
            preparing = _("Preparing the demo journal (sample data; passphrase: {passphrase})...")
            print(preparing.format(passphrase=DEMO_PASSPHRASE), flush=True)
            data_dir = prepare_demo_lazily(data_dir)

    import flet as ft

    from companion.ui.app import make_app, warm_up

    web = args.web or not has_display()
    assets = str(Path(__file__).resolve().parent.parent / "assets")
    if web:
        port = args.port or 8550
        with i18n.use(language):
            # Translators: printed in the terminal; {address} is a web address (http://127.0.0.1:8550)
            running = _("Companion is running at {address}").format(address=f"http://{LOOPBACK}:{port}")
            print(running, flush=True)
        # Flet's web app behind a guard: loopback only, and only this address's own page
        # may talk to it (see companion/adapters/webguard.py).
        serve(
            make_app(data_dir, demo=args.demo, prepare_demo=prepare_demo_lazily),
            port=port,
            assets_dir=assets,
            warm_up=warm_up,
        )
    else:
        ft.run(
            make_app(data_dir, demo=args.demo, prepare_demo=prepare_demo_lazily),
            assets_dir=assets,
            no_cdn=True,
        )


if __name__ == "__main__":  # pragma: no cover
    main()
