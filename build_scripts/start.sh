#!/bin/sh
# Install what Companion needs (uv, then the app's locked dependencies) and start it:
#   sh build_scripts/start.sh [--web] [--port N] [--data-dir PATH]
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$ROOT"
UV=$(sh build_scripts/ensure_uv.sh)
# $UV is unquoted on purpose: it may be "python3 -m uv".
exec $UV run companion "$@"
