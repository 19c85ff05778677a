"""`flet build` settings, the entry point it packages, and the app's icon and splash images.

Flutter can't run here, so these checks stop where `flet build` would start Flutter. Up to
that point they run flet-cli's own code (pinned in the test extra) on our pyproject.toml:
its pyproject loader, entry-point validation, template settings (names, ids, permissions,
splash), the flutter build arguments, its default excludes, its icon/splash file chooser and
the generator that renders every platform's icons and splash screens.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import io
import os
import re
import sys
import tomllib
from pathlib import Path

import flet_platform_assets as fpa
import pytest
from flet_cli.commands.build import Command
from flet_cli.commands.build_base import ICON_PLATFORMS, SPLASH_PLATFORMS
from flet_cli.utils.android import ANDROID_ARCH_TO_FLUTTER_TARGET_PLATFORM
from flet_cli.utils.app_excludes import find_default_excludes
from flet_cli.utils.hash_stamp import HashStamp
from flet_cli.utils.pyproject_toml import load_pyproject_toml
from flet_cli.utils.python_versions import PythonRelease
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parents[3]
ASSETS = ROOT / "assets"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
FLET = PYPROJECT["tool"]["flet"]
TARGETS = ("apk", "aab", "ipa", "macos", "windows", "linux", "web")
BUNDLE_ID = "org.companionapp.companion"

# Why each Android permission is there. Anything else (INTERNET included) must stay out.
ANDROID_PERMISSIONS = {
    "android.permission.POST_NOTIFICATIONS": "opt-in reminders (companion/kinds/reminders.py)",
    "android.permission.VIBRATE": "the light tap on each breath in Settle",
    "android.permission.RECEIVE_BOOT_COMPLETED": "reminders set while closed survive a phone restart",
    "android.permission.SCHEDULE_EXACT_ALARM": "exact reminder times where Android 12+ allows them",
    "android.permission.USE_BIOMETRIC": "opt-in unlock with fingerprint or face",
}
# The phone extensions (pyproject [project].dependencies) and the Flutter package each ships.
PHONE_EXTENSIONS = {
    "flet-local-auth": "flet_local_auth",
    "flet-secure-storage": "flet_secure_storage",
    "flet-permission-handler": "flet_permission_handler",
    "flet-notifications": "flet_notifications",
}
PHONE_TARGETS = ("apk", "aab", "ipa")
FACE_ID_SENTENCE = (
    "Companion can open your journal with Face ID if you turn that on in Settings. "
    "Your passphrase always works too."
)
# What `flet build` may put in the app's Python package, at the top of the app path.
PACKAGED_REQUIRED = {"main.py", "companion", "assets"}
PACKAGED_ALLOWED = PACKAGED_REQUIRED | {"pyproject.toml", "README.md", "SECURITY.md"}


class FletRefused(AssertionError):
    pass


def flet_build(target: str, tmp_path: Path) -> Command:
    """flet-cli's `flet build <target>` for this repository, up to the first Flutter step.

    `initialize_command` is left out (it installs Flutter and fetches the Python build
    manifest from GitHub); the attributes it would set are set here instead. Where flet
    would stop with an error (`cleanup(1, message)`), the test fails with that message.
    """
    parser = argparse.ArgumentParser()
    cmd = Command(parser)
    cmd.options = parser.parse_args([target, str(ROOT)])
    cmd.verbose = cmd.options.verbose
    cmd.target_platform = target
    cmd.package_platform = cmd.platforms[target]["package_platform"]
    cmd.config_platform = cmd.platforms[target]["config_platform"]
    cmd.python_app_path = Path(cmd.options.python_app_path).resolve()
    cmd.get_pyproject = load_pyproject_toml(cmd.python_app_path)
    cmd.build_dir = tmp_path / "build"
    cmd.flutter_dir = cmd.build_dir / "flutter"
    cmd.python_release = PythonRelease(
        short="3.14",
        standalone="3.14.0",
        pyodide="0.29.0",
        android_abis=tuple(ANDROID_ARCH_TO_FLUTTER_TARGET_PLATFORM),
        prerelease=False,
    )

    def refuse(exit_code: int, message: object = None, no_border: bool = False) -> None:
        raise FletRefused(f"flet build {target} would stop: {message}")

    cmd.cleanup = refuse
    cmd.validate_entry_point()
    cmd.setup_template_data()
    return cmd


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Command]:
    return {t: flet_build(t, tmp_path_factory.mktemp(t)) for t in TARGETS}


# --- layout and identity ------------------------------------------------------------------


@pytest.mark.parametrize("target", TARGETS)
def test_flet_accepts_the_project(builds: dict[str, Command], target: str) -> None:
    cmd = builds[target]
    assert cmd.package_app_path == ROOT
    assert cmd.python_module_filename == "main.py"
    data = cmd.template_data
    assert data["product_name"] == "Companion"
    assert data["bundle_id"] == BUNDLE_ID
    assert data["org_name"] == "org.companionapp"
    assert data["project_name"] == "companion"
    assert data["project_description"] == PYPROJECT["project"]["description"]
    assert data["copyright"] and data["company_name"] == "Companion"
    assert data["artifact_name"] == ("companion" if target == "linux" else "Companion")


def test_bundle_id_is_valid_everywhere() -> None:
    # Android applicationId: dot-separated Java identifiers, at least two; Apple: the same
    # characters are safe. Lower case, no hyphens, so one id works on every store.
    assert FLET["bundle_id"] == BUNDLE_ID
    assert re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+", BUNDLE_ID)
    assert BUNDLE_ID.startswith(FLET["org"] + ".")


@pytest.mark.parametrize("target", ["apk", "ipa", "macos"])
def test_flutter_gets_the_version_and_build_number(builds: dict[str, Command], target: str) -> None:
    version = PYPROJECT["project"]["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "stores want x.y.z"
    assert isinstance(FLET["build_number"], int) and FLET["build_number"] >= 1
    assert "version" not in FLET, "one version, in [project]: flet reads it from there"
    args: list[str] = []
    builds[target].add_flutter_command_args(args)
    assert args[args.index("--build-name") + 1] == version
    assert args[args.index("--build-number") + 1] == str(FLET["build_number"])


@pytest.mark.parametrize("target", ["apk", "aab"])
def test_android_permissions_are_exactly_what_companion_uses(builds: dict[str, Command], target: str) -> None:
    options = builds[target].template_data["options"]
    declared = {name for name, value in options["android_permissions"].items() if value}
    assert declared == set(ANDROID_PERMISSIONS), "update ANDROID_PERMISSIONS with the reason"
    assert "android.permission.INTERNET" not in declared
    # One cross-platform permission group, "biometric": Apple's Face ID sentence, nothing
    # on Android, and no hardware Android would require.
    assert FLET.get("permissions") == ["biometric"]
    assert not any(options["android_features"].values())


def test_ios_gets_our_face_id_sentence_and_nothing_else(builds: dict[str, Command]) -> None:
    assert builds["ipa"].template_data["options"]["info_plist"] == {
        "NSFaceIDUsageDescription": FACE_ID_SENTENCE
    }


def test_splash_and_boot_screen_match_the_app_background(builds: dict[str, Command]) -> None:
    splash = builds["apk"].template_data["splash"]
    assert splash["android"] and splash["ios"] and splash["web"]
    boot = FLET["boot_screen"]["flet"]
    assert (splash["color"], splash["dark_color"]) == (boot["bgcolor_light"], boot["bgcolor_dark"])
    assert builds["web"].template_data["pwa_background_color"] == splash["color"]
    assert builds["apk"].template_data["boot_screen"]["name"] == "flet"


# --- the entry point ----------------------------------------------------------------------


def load_main():
    spec = importlib.util.spec_from_file_location("companion_main_entry", ROOT / "main.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_entry_point_runs_the_command_line_from_a_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    from companion import cli

    monkeypatch.delenv("FLET_PLATFORM", raising=False)
    calls = []
    monkeypatch.setattr(cli, "main", lambda argv=None: calls.append(argv))
    entry = load_main()
    assert not entry.packaged()
    entry.main()
    assert calls == [None]


def test_entry_point_runs_the_app_inside_a_built_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With FLET_PLATFORM set (the Flutter shell does that) there is no window or server to pick."""
    import flet

    from companion import cli

    storage = tmp_path / "app-storage"
    monkeypatch.setenv("FLET_PLATFORM", "android")
    monkeypatch.setenv("FLET_APP_STORAGE_DATA", str(storage))
    monkeypatch.delenv("COMPANION_DATA_DIR", raising=False)
    monkeypatch.delenv("COMPANION_NETLOG", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)  # Python on Android may say sys.platform == "linux"
    monkeypatch.setattr(cli, "main", lambda argv=None: pytest.fail("the command line must not run"))
    runs = []
    monkeypatch.setattr(flet, "run", lambda target, **kwargs: runs.append((target, kwargs)))
    entry = load_main()
    assert entry.packaged()
    entry.main()
    assert len(runs) == 1
    target, kwargs = runs[0]
    assert callable(target) and kwargs == {}
    data_dir = storage / "companion"
    assert data_dir.is_dir()
    if os.name == "posix":
        assert data_dir.stat().st_mode & 0o077 == 0


# --- what goes into the app ---------------------------------------------------------------


def packaged_top_level(cmd: Command) -> set[str]:
    """The entries `flet build` copies from the app path, the way flet-cli and serious_python do.

    flet-cli passes `build`, [tool.flet.app].exclude (and `assets` for web) plus its default
    excludes (hidden top-level entries, virtualenvs, __pycache__) to serious_python, which
    skips any entry whose path relative to the app path is in that list.
    """
    explicit = ["build", *cmd.get_platform_setting("app.exclude", [])]
    if cmd.target_platform == "web":
        explicit.append("assets")
    include = cmd.get_platform_setting("app.include", [])
    skip = set(explicit) | set(find_default_excludes(cmd.package_app_path, include, explicit))
    shipped = set()
    for entry in cmd.package_app_path.iterdir():
        if entry.name not in skip:
            shipped.add(entry.name)
    # Nothing skipped deeper down may be something we meant to ship.
    for rel in skip:
        assert Path(rel).name == "__pycache__" or len(Path(rel).parts) == 1, rel
    return shipped


@pytest.mark.parametrize("target", ["apk", "ipa", "macos", "windows", "linux"])
def test_only_the_app_is_packaged(builds: dict[str, Command], target: str) -> None:
    shipped = packaged_top_level(builds[target])
    assert shipped >= PACKAGED_REQUIRED
    assert shipped <= PACKAGED_ALLOWED, (
        f"flet build would also package {sorted(shipped - PACKAGED_ALLOWED)}: add it to "
        "[tool.flet.app].exclude in pyproject.toml (or to PACKAGED_ALLOWED here if the app needs it)"
    )


def test_excludes_name_the_folders_that_must_never_ship() -> None:
    exclude = set(FLET["app"]["exclude"])
    for name in ("tests", "benchmarks", "build_scripts", "docs", ".ci", "test-output"):
        assert name in exclude
    for cache in (".venv", ".hypothesis", ".pytest_cache", ".ruff_cache"):
        assert cache in exclude
    assert FLET["app"].get("default_excludes", True) is not False


# --- icon and splash images ---------------------------------------------------------------


def chosen_image(cmd: Command, names: list[str], tmp_path: Path) -> str | None:
    """The file flet's own chooser picks from assets/ for the first name that resolves."""
    stamp = HashStamp(tmp_path / "stamp")
    for name in names:
        found = cmd.find_platform_image(ASSETS, name, stamp)
        if found:
            return found
    return None


def platform_target(platform: str) -> str:
    return next(t for t, p in ICON_PLATFORMS.items() if p == platform and t in TARGETS)


@pytest.mark.parametrize("platform", sorted(set(ICON_PLATFORMS.values())))
def test_every_platform_gets_a_sharp_icon_from_icon_png(
    builds: dict[str, Command], platform: str, tmp_path: Path
) -> None:
    cmd = builds[platform_target(platform)]
    # The same lookup as flet's customize_icons: icon_<platform>.* first, then icon.*;
    # icon.svg next to icon.png is never picked.
    assert chosen_image(cmd, [f"icon_{platform}"], tmp_path) is None
    assert chosen_image(cmd, ["icon"], tmp_path) == "icon.png"
    source, pre_rendered = fpa.load_source(ASSETS / "icon.png")
    options = fpa.IconOptions(
        background=cmd._resolve_icon_background(),
        macos_style=cmd.get_pyproject("tool.flet.macos.icon_style") or "auto",
        application_id=cmd.template_data["bundle_id"],
    )
    result = fpa.render_icons(source, options, platform=platform, pre_rendered=pre_rendered, derived=True)
    # No "source too small", no "will be clipped by the launcher mask", nothing else either.
    assert result.warnings == []
    assert result.assets or result.ico


@pytest.mark.parametrize("platform", sorted(set(SPLASH_PLATFORMS.values())))
def test_every_platform_gets_light_and_dark_splash_screens(
    builds: dict[str, Command], platform: str, tmp_path: Path
) -> None:
    cmd = builds[next(t for t, p in SPLASH_PLATFORMS.items() if p == platform and t in TARGETS)]
    # flet's customize_splash_images lookup: splash_<platform>, splash (then the icon).
    light = chosen_image(cmd, [f"splash_{platform}", "splash"], tmp_path)
    dark = chosen_image(cmd, [f"splash_dark_{platform}", "splash_dark"], tmp_path)
    assert (light, dark) == ("splash.png", "splash_dark.png")
    splash = cmd.template_data["splash"]
    options = fpa.SplashOptions(
        color=splash["color"],
        dark_color=splash["dark_color"],
        icon_background=cmd.splash_setting("icon_background"),
        icon_dark_background=cmd.splash_setting("icon_dark_background"),
        icon_fit=cmd.splash_setting("icon_fit") or "contain",
    )
    light_image = fpa.square(fpa.load_source(ASSETS / light)[0])[0]
    dark_image = fpa.square(fpa.load_source(ASSETS / dark)[0])[0]
    result = fpa.render_splash(light_image, dark_image, options, platform=platform)
    assert result.warnings == []
    # Never enlarged: the largest image any platform makes (Android 12's 288dp icon at
    # xxxhdpi, 1152px) comes straight from the source.
    assert max(a.image.width for a in result.assets) <= light_image.width


def test_icon_and_splash_files() -> None:
    icon = Image.open(ASSETS / "icon.png")
    assert icon.size == (1024, 1024) and icon.mode == "RGBA"
    alpha = icon.getchannel("A")
    # Transparent around the mark, so flet frames it per platform and fills the
    # background with icon_background where an icon must be opaque (iOS, macOS, Android).
    assert alpha.getpixel((0, 0)) == 0 and alpha.getpixel((1023, 1023)) == 0
    assert alpha.getpixel((512, 512)) == 255
    for name in ("splash.png", "splash_dark.png"):
        image = Image.open(ASSETS / name)
        assert image.size == (1152, 1152) and image.mode == "RGBA"
    favicon = Image.open(ASSETS / "favicon.png")
    assert favicon.size == (64, 64) and favicon.mode == "RGBA"
    assert (ASSETS / "icon.svg").read_text(encoding="utf-8").startswith("<svg ")


def test_favicon_replaces_flets_in_the_web_server() -> None:
    """`companion --web` serves assets/ ahead of Flet's web files, so the same name wins."""
    import flet_web

    assert (Path(flet_web.__file__).parent / "web" / "favicon.png").is_file()
    assert (ASSETS / "favicon.png").is_file()


def load_make_icons():
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "build_scripts" / "make_icons.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_icons", module)
    spec.loader.exec_module(module)
    return module


def test_images_are_what_make_icons_draws() -> None:
    make_icons = load_make_icons()
    assert FLET["icon_background"] == make_icons.BACKGROUND
    assert make_icons.LIGHT.leaf == make_icons.SEED
    from companion.ui.kit import theme

    assert make_icons.SEED == theme.SEED
    for name, data in make_icons.render_all().items():
        path = ASSETS / name
        if name.endswith(".svg"):
            assert path.read_bytes() == data, f"{name} is stale: run python build_scripts/make_icons.py"
            continue
        drawn = Image.open(io.BytesIO(data))
        committed = Image.open(path)
        assert (committed.size, committed.mode) == (drawn.size, drawn.mode), name
        # Pixel-equal up to rounding, so another Pillow version doesn't fail this.
        diff = ImageChops.difference(committed, drawn).getextrema()
        assert max(high for _, high in diff) <= 2, f"{name} is stale: run python build_scripts/make_icons.py"


# --- Python packages on Android and iOS ---------------------------------------------------


def mobile_requirements(platform_system: str, config_platform: str) -> set[str]:
    """Names of the requirements flet-cli hands pip for a phone build, markers evaluated.

    serious_python fakes platform.system() for pip (so platform_system markers see Android or
    iOS) but leaves sys_platform at the build machine's value.
    """
    from flet_cli.utils.project_dependencies import get_project_dependencies
    from packaging.markers import default_environment
    from packaging.requirements import Requirement

    deps = get_project_dependencies(PYPROJECT["project"]["dependencies"]) or []
    deps += get_project_dependencies(FLET.get(config_platform, {}).get("dependencies")) or []
    env = default_environment() | {"platform_system": platform_system}
    reqs = [Requirement(d) for d in deps]
    return {r.name for r in reqs if r.marker is None or r.marker.evaluate(env)}


@pytest.mark.parametrize(("system", "config"), [("Android", "android"), ("iOS", "ios")])
def test_phone_builds_leave_out_the_desktop_and_web_runtimes(system: str, config: str) -> None:
    names = mobile_requirements(system, config)
    assert "flet" in names
    assert "flet-desktop" not in names
    assert "flet-web" not in names


# --- phone extensions: fingerprint/face, secure storage, permissions, scheduled reminders ---


@pytest.mark.parametrize(("system", "config"), [("Android", "android"), ("iOS", "ios")])
def test_phone_builds_get_every_phone_extension_pinned(system: str, config: str) -> None:
    from packaging.requirements import Requirement

    assert set(PHONE_EXTENSIONS) <= mobile_requirements(system, config)
    pins = {Requirement(d).name: Requirement(d) for d in PYPROJECT["project"]["dependencies"]}
    for name in PHONE_EXTENSIONS:
        (spec,) = pins[name].specifier
        assert spec.operator == "==", f"{name} must be pinned exactly"
    assert str(pins["flet-local-auth"].specifier) == "==1.0.5"  # the same release line as flet


def shipped_flutter_packages() -> Path:
    """Where the installed wheels keep their Flutter halves (site-packages/flutter/<name>)."""
    import flet_local_auth

    return Path(flet_local_auth.__file__).resolve().parents[1] / "flutter"


@pytest.mark.parametrize("target", PHONE_TARGETS)
def test_flet_registers_each_extensions_flutter_package(
    builds: dict[str, Command], target: str, tmp_path: Path
) -> None:
    """serious_python copies each wheel's flutter/<name> into flutter-packages-temp; flet-cli's own
    `register_flutter_extensions` then adds every one of them to the app's pubspec dependencies."""
    import shutil

    cmd = builds[target]
    cmd.flutter_packages_dir = tmp_path / "flutter-packages"
    cmd.flutter_packages_temp_dir = tmp_path / "flutter-packages-temp"
    for package in (*PHONE_EXTENSIONS.values(), "flet_charts"):
        source = shipped_flutter_packages() / package
        assert (source / "pubspec.yaml").is_file(), f"{package} ships no Flutter package"
        shutil.copytree(source, cmd.flutter_packages_temp_dir / package)
    cmd.flutter_dependencies = {}
    cmd.no_rich_output = True  # status lines go to the log (no live console in a test)
    cmd.emojis = collections.defaultdict(str)  # set by initialize_command, which needs Flutter
    cmd.register_flutter_extensions()
    registered = set(cmd.template_data["flutter"]["dependencies"])
    assert set(PHONE_EXTENSIONS.values()) <= registered
    for package in PHONE_EXTENSIONS.values():
        assert cmd.flutter_dependencies[package] == {"path": str(cmd.flutter_packages_dir / package)}


def test_flutter_local_notifications_is_what_flet_notifications_wraps() -> None:
    import yaml

    pubspec = yaml.safe_load((shipped_flutter_packages() / "flet_notifications" / "pubspec.yaml").read_text())
    assert "flutter_local_notifications" in pubspec["dependencies"]
    assert "timezone" in pubspec["dependencies"]


@pytest.mark.parametrize("target", PHONE_TARGETS)
def test_app_and_packages_ship_as_bytecode(builds: dict[str, Command], target: str) -> None:
    """flet build passes --compile-app and --compile-packages to serious_python when these say so."""
    cmd = builds[target]
    assert FLET["compile"] == {"app": True, "packages": True}
    assert cmd.get_bool_setting(cmd.options.compile_app, "compile.app", True) is True
    assert cmd.get_bool_setting(cmd.options.compile_packages, "compile.packages", True) is True


# --- the Android patch (build_scripts/flet_build.py) ----------------------------------------

# The parts of flet's Android template that the patch touches, as flet 1.0 renders them.
TEMPLATE_MANIFEST = """<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    xmlns:tools="http://schemas.android.com/tools">
    <uses-permission android:name="android.permission.POST_NOTIFICATIONS" />
    <uses-permission android:name="android.permission.INTERNET" tools:node="remove" />
    <application android:label="Companion" android:name="${applicationName}">
        <activity android:name=".MainActivity" android:exported="true" android:launchMode="singleTop" />
        <meta-data android:name="flutterEmbedding" android:value="2" />
    </application>
</manifest>
"""
TEMPLATE_GRADLE = """android {
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    defaultConfig {
        applicationId = "org.companionapp.companion"
    }
}

dependencies {}
"""
TEMPLATE_ACTIVITY = """package org.companionapp.companion

import io.flutter.embedding.android.FlutterActivity

class MainActivity : FlutterActivity()
"""


def load_flet_build():
    spec = importlib.util.spec_from_file_location("flet_build", ROOT / "build_scripts" / "flet_build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def android_project(root: Path) -> Path:
    app = root / "android" / "app"
    (app / "src" / "main" / "kotlin" / "org" / "companionapp" / "companion").mkdir(parents=True)
    (app / "src" / "main" / "AndroidManifest.xml").write_text(TEMPLATE_MANIFEST, encoding="utf-8")
    (app / "build.gradle.kts").write_text(TEMPLATE_GRADLE, encoding="utf-8")
    kotlin = app / "src" / "main" / "kotlin" / "org" / "companionapp" / "companion" / "MainActivity.kt"
    kotlin.write_text(TEMPLATE_ACTIVITY, encoding="utf-8")
    return root


def test_the_android_patch_adds_receivers_desugaring_and_a_fragment_activity(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    flet_build = load_flet_build()
    project = android_project(tmp_path / "flutter")
    changes = flet_build.patch_android_project(project)
    assert changes
    android = "{http://schemas.android.com/apk/res/android}"
    root = ET.parse(project / "android/app/src/main/AndroidManifest.xml").getroot()
    receivers = {r.get(android + "name"): r for r in root.find("application").findall("receiver")}
    boot = receivers["com.dexterous.flutterlocalnotifications.ScheduledNotificationBootReceiver"]
    assert "com.dexterous.flutterlocalnotifications.ScheduledNotificationReceiver" in receivers
    assert all(r.get(android + "exported") == "false" for r in receivers.values())
    actions = {a.get(android + "name") for f in boot.findall("intent-filter") for a in f.findall("action")}
    assert "android.intent.action.BOOT_COMPLETED" in actions
    # the patch adds only permissions Companion declares itself (ANDROID_PERMISSIONS)
    added = {p.get(android + "name") for p in root.findall("uses-permission") if p.get(android + "name")}
    assert added - {"android.permission.INTERNET"} <= set(ANDROID_PERMISSIONS)
    gradle = (project / "android/app/build.gradle.kts").read_text()
    assert "isCoreLibraryDesugaringEnabled = true" in gradle and "coreLibraryDesugaring(" in gradle
    activity = next((project / "android").rglob("MainActivity.kt")).read_text()
    assert "class MainActivity : FlutterFragmentActivity()" in activity
    assert "import io.flutter.embedding.android.FlutterFragmentActivity" in activity
    assert flet_build.patch_android_project(project) == []  # a second build changes nothing


def test_the_android_patch_runs_right_before_flutter_for_android_only(tmp_path: Path, monkeypatch) -> None:
    from flet_cli.commands.build import Command

    flet_build = load_flet_build()
    ran: list[str] = []
    monkeypatch.setattr(Command, "run_flutter", lambda self: ran.append(self.package_platform))
    flet_build.install_hook()
    project = android_project(tmp_path / "flutter")
    for platform in ("Android", "iOS"):
        stub = type("Stub", (), {"package_platform": platform, "flutter_dir": project})()
        Command.run_flutter(stub)
    assert ran == ["Android", "iOS"]
    assert "FlutterFragmentActivity" in next((project / "android").rglob("MainActivity.kt")).read_text()
