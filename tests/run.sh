#!/bin/sh
# The one test command, for a developer laptop and CI alike:
#   sh tests/run.sh [pytest args...]
# On a fresh Debian/Ubuntu machine it installs what the browser tests need
# (Chromium from apt, never `playwright install`) and uv, then runs pytest in
# the project's locked environment. Exits with pytest's status.
set -eu

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$ROOT"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
    if command -v apt-get >/dev/null 2>&1; then
        echo "run.sh: installing Chromium with apt-get" >&2
        as_root apt-get update
        # Debian calls the package chromium; older Ubuntu only has chromium-browser.
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
            || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium-browser
    else
        echo "run.sh: /usr/bin/chromium missing and no apt-get; browser tests will skip (fail under CI)" >&2
    fi
fi

if ! UV=$(sh build_scripts/ensure_uv.sh); then
    # A minimal Debian/Ubuntu has python3 without pip, which ensure_uv.sh needs.
    command -v apt-get >/dev/null 2>&1 || exit 1
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-pip
    UV=$(sh build_scripts/ensure_uv.sh)
fi

# Packages installed with their bytecode compiled, as build_scripts/start.sh does: start-up
# timings in the tests and benchmarks then match what people get.
export UV_COMPILE_BYTECODE=1

# Last command: with `set -e` the script exits with pytest's status either way.
# $UV is unquoted on purpose: it may be "python3 -m uv".
$UV run --extra test pytest "$@"
