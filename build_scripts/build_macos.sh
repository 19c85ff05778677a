#!/bin/sh
# macOS app on a Mac with Xcode:
#   sh build_scripts/build_macos.sh [flet build options...]    -> build/macos/Companion.app
# For other people's Macs sign and notarise it: --macos-distribution developer-id (see
# docs/building.md). BUILD_CHECK_ONLY=1 checks only.
set -eu
TARGET=macos
# shellcheck source=build_scripts/_common.sh
. "$(dirname -- "$0")/_common.sh"
need_os macOS "Build the macOS app on a Mac with Xcode."
need_flet
need_flutter
need_xcode
run_build "$@"
