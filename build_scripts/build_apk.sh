#!/bin/sh
# Android APK, for installing directly on a phone or an emulator (the Play Store wants build_aab.sh):
#   sh build_scripts/build_apk.sh [flet build options...]      -> build/apk/
# Signing: see docs/building.md (FLET_ANDROID_SIGNING_KEY_STORE and friends). Unsigned builds
# are signed with Flutter's debug key, fine for testing only. BUILD_CHECK_ONLY=1 checks only.
set -eu
TARGET=apk
# shellcheck source=build_scripts/_common.sh
. "$(dirname -- "$0")/_common.sh"
need_flet
need_flutter
need_android
run_build "$@"
