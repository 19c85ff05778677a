#!/bin/sh
# Android App Bundle for Google Play:
#   sh build_scripts/build_aab.sh [flet build options...]      -> build/aab/
# Play needs it signed with your upload key: see docs/building.md. BUILD_CHECK_ONLY=1 checks only.
set -eu
TARGET=aab
# shellcheck source=build_scripts/_common.sh
. "$(dirname -- "$0")/_common.sh"
need_flet
need_flutter
need_android
run_build "$@"
