"""Companion's entry point for `flet build`, which runs `main.py` from the root of the app path.

From a checkout, `python main.py [--web] [--port N] [--data-dir PATH]` is the same as the
`companion` command. Inside an app made by `flet build`, the Flutter shell starts this file
with FLET_PLATFORM set and talks to Python in-process: there is no window or web server to
choose, so the command line is skipped and the app simply runs.
"""

from __future__ import annotations

import os


def packaged() -> bool:
    """True inside an app built by `flet build` (its Flutter shell sets FLET_PLATFORM)."""
    return bool(os.environ.get("FLET_PLATFORM"))


def run_packaged() -> None:
    import flet as ft

    from companion.adapters.netaudit import install_from_env
    from companion.adapters.paths import default_data_dir, ensure_private_dir
    from companion.cli import prepare_demo_lazily
    from companion.ui.app import make_app

    install_from_env()
    # On a phone default_data_dir() is inside FLET_APP_STORAGE_DATA, the app's private storage.
    data_dir = ensure_private_dir(default_data_dir().expanduser().resolve())
    # Flet passes FLET_ASSETS_DIR (the packaged assets/) itself.
    ft.run(make_app(data_dir, prepare_demo=prepare_demo_lazily))


def main() -> None:
    if packaged():
        run_packaged()
    else:
        from companion.cli import main as cli_main

        cli_main()


if __name__ == "__main__":
    main()
