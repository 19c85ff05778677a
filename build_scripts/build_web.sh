#!/bin/sh
# A static web build (Python running in the browser through Pyodide). Not a way to ship
# Companion today, so this stops unless COMPANION_ALLOW_STATIC_WEB=1; see docs/building.md.
# For Companion in a browser use `companion --web`, which serves it from this computer only.
#   COMPANION_ALLOW_STATIC_WEB=1 sh build_scripts/build_web.sh  -> build/web/
set -eu
TARGET=web
# shellcheck source=build_scripts/_common.sh
. "$(dirname -- "$0")/_common.sh"
if [ "${COMPANION_ALLOW_STATIC_WEB:-}" != 1 ]; then
    cannot_build "a static web build would not keep the journal" \
        "In the browser the journal would live in memory and vanish on reload, Argon2id is not" \
        "available there, and flet copies assets/index.html (the local-server page) over the" \
        "static page. Use 'companion --web' instead. To build anyway for an experiment:" \
        "COMPANION_ALLOW_STATIC_WEB=1 sh build_scripts/build_web.sh"
fi
need_flet
need_flutter
run_build "$@"
