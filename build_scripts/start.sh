#!/bin/sh
# Install what Companion needs (uv, then the app's locked dependencies) and start it:
#   sh build_scripts/start.sh [--web] [--port N] [--data-dir PATH]
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$ROOT"
UV=$(sh build_scripts/ensure_uv.sh)
# Install with bytecode compiled: the first start then skips compiling ~2,000 modules
# (SQLAlchemy, Flet, cryptography ...), about 2 s on a small machine.
export UV_COMPILE_BYTECODE=1
# $UV is unquoted on purpose: it may be "python3 -m uv".
exec $UV run companion "$@"
