#!/bin/sh
# Make sure uv is usable and print the command that runs it (e.g. "uv" or
# "python3 -m uv"), so callers can do: UV=$(sh build_scripts/ensure_uv.sh).
# Only that command goes to stdout; all chatter goes to stderr.
set -eu

PY=${PYTHON:-python3}

if uv --version >/dev/null 2>&1; then
    echo uv
    exit 0
fi
if "$PY" -m uv --version >/dev/null 2>&1; then
    echo "$PY -m uv"
    exit 0
fi

# --user, unless python3 is itself a virtualenv (pip refuses --user there).
USER_FLAG=--user
if "$PY" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)'; then USER_FLAG=; fi

echo "ensure_uv: installing uv with pip" >&2
# Debian/Ubuntu mark the system Python "externally managed" (PEP 668); uv is a
# self-contained tool, so a user install beside the system packages is safe.
if ! "$PY" -m pip install $USER_FLAG --quiet uv >&2; then
    echo "ensure_uv: pip refused; retrying with --break-system-packages" >&2
    "$PY" -m pip install $USER_FLAG --quiet --break-system-packages uv >&2
fi

# ~/.local/bin may not be on PATH, so run it as a module.
if ! "$PY" -m uv --version >/dev/null 2>&1; then
    echo "ensure_uv: uv still not usable after installing it" >&2
    exit 1
fi
echo "$PY -m uv"
