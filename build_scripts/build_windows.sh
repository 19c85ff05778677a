#!/bin/sh
# Windows app, on Windows with Visual Studio's "Desktop development with C++" workload; run it
# from Git Bash (which Flutter needs anyway). Set PYTHON=python if there is no python3.
#   sh build_scripts/build_windows.sh [flet build options...]  -> build/windows/
# Signing the .exe is a separate step: see docs/building.md. BUILD_CHECK_ONLY=1 checks only.
set -eu
TARGET=windows
# shellcheck source=build_scripts/_common.sh
. "$(dirname -- "$0")/_common.sh"
need_os Windows "Build the Windows app on Windows (Git Bash) with Visual Studio's C++ workload."
need_flet
need_flutter
run_build "$@"
