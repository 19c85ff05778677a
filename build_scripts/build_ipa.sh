#!/bin/sh
# iOS app archive on a Mac with Xcode:
#   sh build_scripts/build_ipa.sh [flet build options...]      -> build/ipa/
# Without --ios-team-id, --ios-provisioning-profile and --ios-signing-certificate you get an
# .xcarchive only; see docs/building.md. BUILD_CHECK_ONLY=1 checks only.
set -eu
TARGET=ipa
# shellcheck source=build_scripts/_common.sh
. "$(dirname -- "$0")/_common.sh"
need_os macOS "Build iOS apps on a Mac with Xcode."
need_flet
need_flutter
need_xcode
run_build "$@"
