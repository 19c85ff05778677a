# shellcheck shell=sh
# Shared by build_scripts/build_<target>.sh; not run on its own. POSIX sh.
#
# A build script sets TARGET (a `flet build` target) and sources this file, calls the
# need_* checks it wants, then `run_build "$@"`. Settings, all optional:
#   BUILD_CHECK_ONLY=1              check the prerequisites and print the command, build nothing
#   COMPANION_BUILD_NUMBER=N        override [tool.flet].build_number (CI: one number per upload)
#   COMPANION_FLET_INSTALLS_TOOLS=1 let flet download what is missing (Flutter, JDK 17, Android
#                                   SDK) into your home folder instead of stopping here
#   FLET="..."                      how to run flet-cli (default: uv run --extra test python
#                                   build_scripts/flet_build.py: flet plus the Android patch)
# Anything after the script name is passed on to `flet build`, e.g. signing options.

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$ROOT" || exit 2

say() {
    printf '%s\n' "build_$TARGET: $*" >&2
}

# Stop with a clear reason (first argument) and what to do about it (the rest, one line each).
cannot_build() {
    say "cannot build yet: $1"
    shift
    for line in "$@"; do
        printf '  %s\n' "$line" >&2
    done
    exit 2
}

tools_may_be_installed() {
    [ "${COMPANION_FLET_INSTALLS_TOOLS:-}" = 1 ]
}

# --- what to build ----------------------------------------------------------------------

# The value of `key = ...` in one [section] of pyproject.toml, quotes and comment removed.
pyproject_value() {
    awk -v section="[$1]" -v key="$2" '
        /^\[/ { current = $0; next }
        current == section && $0 ~ "^" key "[ \t]*=" {
            sub(/^[^=]*=[ \t]*/, ""); sub(/[ \t]+#.*$/, ""); gsub(/"/, ""); print; exit
        }' pyproject.toml
}

VERSION=$(pyproject_value project version)
BUILD_NUMBER=${COMPANION_BUILD_NUMBER:-$(pyproject_value tool.flet build_number)}
if ! printf '%s\n' "$VERSION" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$'; then
    cannot_build "[project].version in pyproject.toml is '$VERSION', not x.y.z" \
        "App stores need three numbers, for example 0.1.0."
fi
if ! printf '%s\n' "$BUILD_NUMBER" | grep -Eq '^[1-9][0-9]*$'; then
    cannot_build "the build number is '$BUILD_NUMBER', not a whole number from 1 up" \
        "Set build_number under [tool.flet] in pyproject.toml, or COMPANION_BUILD_NUMBER."
fi
say "Companion $VERSION (build $BUILD_NUMBER) for $TARGET"

# --- checks -------------------------------------------------------------------------------

host_os() {
    case $(uname -s) in
        Linux) echo Linux ;;
        Darwin) echo macOS ;;
        MINGW* | MSYS* | CYGWIN* | Windows_NT) echo Windows ;;
        *) uname -s ;;
    esac
}

need_os() {
    HOST=$(host_os)
    if [ "$HOST" != "$1" ]; then
        cannot_build "flet build $TARGET only runs on $1, and this is $HOST" "$2"
    fi
}

need_flet() {
    if [ -z "${FLET:-}" ]; then
        UV=$(sh build_scripts/ensure_uv.sh) || cannot_build "uv is not available" \
            "See build_scripts/ensure_uv.sh; it needs python3 with pip."
        # $UV is unquoted on purpose where it is used: it may be "python3 -m uv".
        # flet-cli itself, plus what two phone extensions need in the Android project (see there)
        FLET="$UV run --extra test python build_scripts/flet_build.py"
    fi
    # shellcheck disable=SC2086
    if ! FLET_VERSIONS=$($FLET --version 2>/dev/null); then
        cannot_build "flet-cli does not run (tried: $FLET --version)" \
            "It is pinned in the project's test extra: python3 -m uv sync --extra test"
    fi
    FLUTTER_VERSION=$(printf '%s\n' "$FLET_VERSIONS" | sed -n 's/^Flutter: *//p')
}

# Flutter x.y of the version flet wants, where flet itself looks: ~/flutter/<version>, then PATH.
need_flutter() {
    tools_may_be_installed && return 0
    FLUTTER="$HOME/flutter/$FLUTTER_VERSION/bin/flutter"
    [ -x "$FLUTTER" ] || FLUTTER=$(command -v flutter 2>/dev/null) || FLUTTER=
    if [ -z "$FLUTTER" ]; then
        cannot_build "Flutter SDK $FLUTTER_VERSION not found (looked in ~/flutter/$FLUTTER_VERSION and on PATH)" \
            "Install Flutter $FLUTTER_VERSION (https://docs.flutter.dev/install/archive) and put its bin/ on PATH," \
            "or run again with COMPANION_FLET_INSTALLS_TOOLS=1 to let flet download it (about 1 GB)."
    fi
    FOUND=$("$FLUTTER" --version --no-version-check --suppress-analytics 2>/dev/null |
        sed -n 's/^Flutter \([0-9]*\.[0-9]*\)\..*/\1/p')
    WANT=$(printf '%s\n' "$FLUTTER_VERSION" | cut -d. -f1,2)
    if [ "$FOUND" != "$WANT" ]; then
        cannot_build "$FLUTTER is Flutter ${FOUND:-of unknown version}; flet needs $WANT.x ($FLUTTER_VERSION)" \
            "Install Flutter $FLUTTER_VERSION into ~/flutter/$FLUTTER_VERSION (flet prefers that folder)," \
            "or run again with COMPANION_FLET_INSTALLS_TOOLS=1 to let flet download it."
    fi
}

# What flet checks before an Android build: JDK 17 and an SDK with a few packages.
need_android() {
    tools_may_be_installed && return 0
    JDK=
    for dir in "${JAVA_HOME:-}" "$HOME/java/17.0.13+11" "$HOME/java/17.0.13+11/Contents/Home"; do
        if [ -n "$dir" ] && "$dir/bin/javac" -version 2>&1 | grep -q '^javac 17\.'; then
            JDK=$dir
            break
        fi
    done
    if [ -z "$JDK" ]; then
        cannot_build "no JDK 17 (JAVA_HOME=${JAVA_HOME:-unset})" \
            "Set JAVA_HOME to a JDK 17 (e.g. Temurin 17), or run again with" \
            "COMPANION_FLET_INSTALLS_TOOLS=1 to let flet download one into ~/java."
    fi
    SDK=
    for dir in "${ANDROID_HOME:-}" "${ANDROID_SDK_ROOT:-}" "$HOME/Android/Sdk" \
        "$HOME/Library/Android/sdk" "$HOME/Android/sdk"; do
        if [ -n "$dir" ] && [ -d "$dir/platform-tools" ] && [ -d "$dir/platforms/android-35" ] &&
            [ -d "$dir/build-tools/34.0.0" ]; then
            SDK=$dir
            break
        fi
    done
    if [ -z "$SDK" ]; then
        cannot_build "no Android SDK with platform-tools, platforms;android-35 and build-tools;34.0.0" \
            "Install them with Android Studio or sdkmanager and set ANDROID_HOME, or run again" \
            "with COMPANION_FLET_INSTALLS_TOOLS=1 to let flet install them into ~/Android/sdk."
    fi
}

need_xcode() {
    if ! xcodebuild -version >/dev/null 2>&1; then
        cannot_build "Xcode is not installed or not selected" \
            "Install Xcode from the App Store, then: sudo xcode-select -s /Applications/Xcode.app"
    fi
}

need_linux_toolchain() {
    MISSING=
    for tool in clang cmake ninja pkg-config; do
        command -v "$tool" >/dev/null 2>&1 || MISSING="$MISSING $tool"
    done
    if command -v pkg-config >/dev/null 2>&1 && ! pkg-config --exists gtk+-3.0; then
        MISSING="$MISSING libgtk-3-dev"
    fi
    if [ -n "$MISSING" ]; then
        cannot_build "missing Linux build tools:$MISSING" \
            "On Debian/Ubuntu: sudo apt-get install clang cmake ninja-build pkg-config libgtk-3-dev" \
            "(the full list flet uses: $FLET --version --json, \"linux_dependencies\")."
    fi
}

# --- build --------------------------------------------------------------------------------

# The command line as it may appear in a log: values of *password* options hidden.
shown_args() {
    HIDE_NEXT=
    for arg in "$@"; do
        if [ -n "$HIDE_NEXT" ]; then
            printf ' ***'
            HIDE_NEXT=
            continue
        fi
        case $arg in
            --*password*=*) printf ' %s=***' "${arg%%=*}" ;;
            --*password*) printf ' %s' "$arg"; HIDE_NEXT=1 ;;
            *) printf ' %s' "$arg" ;;
        esac
    done
}

run_build() {
    if tools_may_be_installed; then
        set -- --yes "$@"
    fi
    set -- build "$TARGET" --build-version "$VERSION" --build-number "$BUILD_NUMBER" "$@"
    if [ "${BUILD_CHECK_ONLY:-}" = 1 ]; then
        say "ready; would run: flet$(shown_args "$@")"
        exit 0
    fi
    say "running: flet$(shown_args "$@")"
    # shellcheck disable=SC2086
    exec $FLET "$@"
}
