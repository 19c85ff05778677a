#!/bin/sh
# Linux app bundle (executable plus its data and lib folders):
#   sh build_scripts/build_linux.sh [flet build options...]    -> build/linux/
# Build on the oldest distribution you want to support. BUILD_CHECK_ONLY=1 checks only.
set -eu
TARGET=linux
# shellcheck source=build_scripts/_common.sh
. "$(dirname -- "$0")/_common.sh"
need_os Linux "Build the Linux app on Linux."
need_flet
need_flutter
need_linux_toolchain
run_build "$@"
