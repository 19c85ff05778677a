"""`flet` (flet-cli), plus the Android project changes two extensions need before Flutter runs.

Used by build_scripts/_common.sh in place of the plain `flet` command:

    python build_scripts/flet_build.py build apk ...      (any flet arguments)

`[tool.flet]` in pyproject.toml declares what flet can declare (dependencies, permissions,
Face ID's sentence). Two things it can't, and which would otherwise make an Android build fail
or half-work:

* flet-notifications (flutter_local_notifications) needs its broadcast receivers inside
  `<application>` (scheduled reminders, and re-arming them after a restart of the phone) and
  core-library desugaring in the app's Gradle file. The package's own patcher does exactly
  that (`flet_notifications.patcher`, MIT), idempotently.
* flet-local-auth (local_auth) needs the Android activity to be a FlutterFragmentActivity;
  a FlutterActivity makes every fingerprint check fail with "no_fragment_activity".

So this runs flet-cli's own build, with one hook just before its Flutter step: the generated
project is patched there, every build, after flet has written its templates. iOS needs nothing
extra. tests/unit/app/test_build_config.py checks the patch on a project shaped like flet's.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

FLUTTER_ACTIVITY = "io.flutter.embedding.android.FlutterActivity"
FRAGMENT_ACTIVITY = "io.flutter.embedding.android.FlutterFragmentActivity"


def use_fragment_activity(flutter_dir: Path) -> list[str]:
    """MainActivity extends FlutterFragmentActivity (local_auth's BiometricPrompt needs it)."""
    changed = []
    for path in sorted((flutter_dir / "android" / "app" / "src" / "main").rglob("MainActivity.kt")):
        text = path.read_text(encoding="utf-8")
        if "FlutterFragmentActivity" in text:
            continue
        text = text.replace(f"import {FLUTTER_ACTIVITY}\n", f"import {FRAGMENT_ACTIVITY}\n")
        text = text.replace(": FlutterActivity()", ": FlutterFragmentActivity()")
        if "FlutterFragmentActivity()" not in text:
            raise RuntimeError(
                f"{path}: MainActivity no longer looks like flet's; update build_scripts/flet_build.py"
            )
        path.write_text(text, encoding="utf-8")
        changed.append("MainActivity extends FlutterFragmentActivity")
    return changed


def patch_android_project(flutter_dir: Path) -> list[str]:
    """Everything the Android project needs beyond flet's template; returns what changed."""
    from flet_notifications.patcher import patch_gradle, patch_manifest

    manifest = flutter_dir / "android" / "app" / "src" / "main" / "AndroidManifest.xml"
    if not manifest.is_file():
        raise RuntimeError(f"no Android manifest at {manifest}: flet's project layout changed")
    changes = patch_manifest(manifest)
    changes += patch_gradle(flutter_dir / "android" / "app" / "build.gradle.kts")
    changes += use_fragment_activity(flutter_dir)
    return changes


def install_hook() -> Callable[..., object]:
    """Wrap flet-cli's `run_flutter` so Android projects are patched first; returns the original."""
    from flet_cli.commands.build import Command

    original = getattr(Command.run_flutter, "__wrapped__", Command.run_flutter)

    def run_flutter(self) -> object:  # noqa: ANN001 - flet-cli's Command
        if getattr(self, "package_platform", None) == "Android":
            for change in patch_android_project(Path(self.flutter_dir)):
                print(f"companion: Android project: {change}", file=sys.stderr)
        return original(self)

    run_flutter.__wrapped__ = original  # type: ignore[attr-defined]
    Command.run_flutter = run_flutter
    return original


def main(argv: list[str] | None = None) -> None:
    install_hook()
    from flet_cli.cli import main as flet_main

    sys.argv = ["flet", *(sys.argv[1:] if argv is None else argv)]
    flet_main()


if __name__ == "__main__":
    main()
