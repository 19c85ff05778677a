"""Notifications and vibration, when the device has them, and a calm fallback when it doesn't.

plyer promises notifications and vibration everywhere, but in practice many backends are
missing: it falls back to a stub that raises NotImplementedError, its Android code expects
python-for-android's ``jnius`` classes (absent in a Flet build), and on Linux it needs D-Bus or
``notify-send``. So nothing here trusts plyer: every touch is guarded, nothing ever raises out,
and when system notifications can't be shown, reminders become a gentle in-app banner
(`BannerNotifier`) that the UI shows while Companion is open.

The ``explain`` texts are for the settings screen and say honestly what will happen (English,
marked for translation: the screen shows them through ``_()``).
Calls into plyer can block for a moment (D-Bus, a subprocess): the UI should make them from a
worker thread (``asyncio.to_thread``).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import math
import os
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Protocol, runtime_checkable

from companion.core.i18n import N_
from companion.core.records import now_us
from companion.core.textfit import shorten
from companion.reference import breathing

APP_NAME = "Companion"

# The ``explain`` sentences stay English here (marked for translation): show them through `_()`.
CAN_NOTIFY = N_("Your device can show reminders as notifications while Companion is running.")
BANNER_ONLY = N_("On this device reminders show as a gentle banner while Companion is open.")
BANNER_IN_BROWSER = N_("In a web browser, reminders show as a gentle banner while Companion is open.")
STOPPED_WORKING = N_(
    "Notifications didn't work on this device just now, so reminders show as a gentle banner "
    "while Companion is open."
)
MAX_TITLE = 63  # Windows cuts titles at 64 characters; we'd rather choose where
MAX_MESSAGE = 255
MAX_BANNERS = 5

# Flet's names for platforms -> plyer's. Unknown names get no system notifications.
_PLYER_PLATFORM = {
    "android": "android",
    "android_tv": "android",
    "ios": "ios",
    "macos": "macosx",
    "macosx": "macosx",
    "windows": "win",
    "win": "win",
    "linux": "linux",
}


def _safe(text: str) -> str:
    """Typographic apostrophes: plyer's Flatpak backend quotes text with ' and breaks on it."""
    return text.replace("'", "’")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """plyer prints a traceback and warnings when a backend is missing; that's expected here."""
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


def _load_plyer(module: ModuleType | None) -> ModuleType | None:
    if module is not None:
        return module
    try:
        with _quiet():
            return importlib.import_module("plyer")
    except Exception:  # noqa: BLE001 - a missing or broken plyer just means "no backend"
        return None


def _resolve(plyer: ModuleType, facade_name: str, feature: str) -> Any | None:
    """plyer's implementation of ``feature``, or None when only its do-nothing facade is there."""
    try:
        with _quiet():
            proxy = getattr(plyer, feature)
            impl_class = proxy.__class__  # plyer's proxy loads the platform backend here
            facades = getattr(plyer, "facades", None)
            facade = getattr(facades, facade_name, None) if facades is not None else None
    except Exception:  # noqa: BLE001 - ImportError, NotImplementedError, jnius errors ...
        return None
    if facade is not None and impl_class is facade:
        return None
    return proxy


def _apple_mobile() -> bool:
    """Python before 3.13 says "darwin" on iPhones and iPads too; the machine name tells them apart."""
    try:
        return os.uname().machine.startswith(("iPhone", "iPad", "iPod"))
    except (AttributeError, OSError):  # pragma: no cover - uname is always there on Apple systems
        return False


def host_platform() -> str:
    """The platform this Python runs on, in plyer's words (android, ios, win, macosx, linux)."""
    if hasattr(sys, "getandroidapilevel"):
        return "android"
    if sys.platform in ("win32", "cygwin"):
        return "win"
    if sys.platform == "ios" or (sys.platform == "darwin" and _apple_mobile()):
        return "ios"
    if sys.platform == "darwin":
        return "macosx"
    if sys.platform.startswith("linux"):
        return "linux"
    return sys.platform


def _shown_here(platform: Any, web: bool) -> bool:
    """True when a system notification from this process would reach the person using the app.

    In a browser, or when the screen is on another device than this Python (Flet can serve a
    phone from a computer), a notification would pop up on the wrong machine.
    """
    if web:
        return False
    if platform is None:
        return True
    name = str(getattr(platform, "value", platform)).strip().lower()
    wanted = _PLYER_PLATFORM.get(name)
    return wanted is not None and wanted == host_platform()


# --- notifications -------------------------------------------------------------------------------


@runtime_checkable
class Notifier(Protocol):
    """Anything that can show a reminder. ``available``: it can reach people outside the app."""

    available: bool
    explain: str

    def notify(self, title: str, message: str) -> bool:
        """Show or queue the message; True when it was handed on, False when it went nowhere."""
        ...


@dataclass(frozen=True)
class Banner:
    title: str
    message: str
    at_us: int


class BannerNotifier:
    """The fallback that always works: messages wait in a short queue for the UI to show in-app.

    Repeats are folded into one (three reminders that came due while away are one banner), and
    only the last few are kept, so coming back never means a pile of messages.
    """

    available = False

    def __init__(self, explain: str = BANNER_ONLY) -> None:
        self.explain = explain
        self._queue: list[Banner] = []

    def notify(self, title: str, message: str) -> bool:
        title, message = shorten(title, MAX_TITLE), shorten(message, MAX_MESSAGE)
        self._queue = [b for b in self._queue if (b.title, b.message) != (title, message)]
        self._queue.append(Banner(title, message, now_us()))
        del self._queue[:-MAX_BANNERS]
        return True

    def pending(self) -> list[Banner]:
        return list(self._queue)

    def take(self) -> list[Banner]:
        """Everything waiting, oldest first, and an empty queue afterwards."""
        taken, self._queue = self._queue, []
        return taken

    def clear(self) -> None:
        self._queue = []


class _PlyerFacade:
    """One plyer facade, looked up on first use and switched off after its first failure.

    plyer imports fine everywhere but its backends fail in many ways (python-for-android
    classes missing, no D-Bus, no vibrator), so nothing is trusted until it has been asked.
    """

    _facade = ""  # plyer's class name, e.g. "Notification"
    _attr = ""  # plyer's instance name, e.g. "notification"

    def __init__(self, module: ModuleType | None = None) -> None:
        self._module = module
        self._backend: Any | None = None
        self._probed = False
        self._broken = False

    def _usable(self, backend: Any) -> bool:
        """A further check of a backend plyer did provide; the default trusts it."""
        return True

    def _probe(self) -> Any | None:
        if not self._probed:
            self._probed = True
            plyer = _load_plyer(self._module)
            backend = _resolve(plyer, self._facade, self._attr) if plyer is not None else None
            self._backend = backend if backend is not None and self._usable(backend) else None
        return self._backend

    def _working_backend(self) -> Any | None:
        return None if self._broken else self._probe()

    @property
    def available(self) -> bool:
        return self._working_backend() is not None


class PlyerNotifier(_PlyerFacade):
    """System notifications through plyer, loaded on first use; never raises.

    ``module`` lets tests pass a stand-in for plyer. If a notification fails after detection
    said yes, the notifier turns itself off, says so in ``explain``, and hands the message (and
    every later one) to ``fallback``.
    """

    _facade, _attr = "Notification", "notification"

    def __init__(
        self,
        module: ModuleType | None = None,
        *,
        fallback: BannerNotifier | None = None,
        app_name: str = APP_NAME,
    ) -> None:
        super().__init__(module)
        self.fallback = fallback
        self.app_name = app_name

    @property
    def explain(self) -> str:
        if self._broken:
            return STOPPED_WORKING
        return CAN_NOTIFY if self.available else BANNER_ONLY

    def notify(self, title: str, message: str) -> bool:
        backend = self._working_backend()
        if backend is not None:
            try:
                with _quiet():
                    backend.notify(
                        title=_safe(shorten(title, MAX_TITLE)),
                        message=_safe(shorten(message, MAX_MESSAGE)),
                        app_name=self.app_name,
                        timeout=10,
                    )
                return True
            except Exception:  # noqa: BLE001 - any backend failure means "use the banner"
                self._broken = True
        if self.fallback is not None:
            return self.fallback.notify(title, message)
        return False


def detect_notifier(
    platform: Any = None,
    *,
    web: bool = False,
    banner: BannerNotifier | None = None,
    module: ModuleType | None = None,
) -> Notifier:
    """The best notifier that really works here, backed by ``banner`` (made if not given).

    ``platform`` is Flet's ``page.platform`` (or its string value) and ``web`` is ``page.web``;
    None means "this machine". The UI should keep ``banner`` and show what it queues.
    """
    banner = banner if banner is not None else BannerNotifier()
    if not _shown_here(platform, web):
        if web:
            banner.explain = BANNER_IN_BROWSER
        return banner
    plyer_notifier = PlyerNotifier(module, fallback=banner)
    return plyer_notifier if plyer_notifier.available else banner


# --- vibration -----------------------------------------------------------------------------------

MIN_BUZZ_S = 0.01
MAX_BUZZ_S = 1.0

# A light tap on each breathing phase change, a little longer for the out-breath, so the
# rhythm can be followed with eyes closed.
_PHASE_BUZZ_S = {breathing.IN.strip(): 0.04, breathing.HOLD_IN.strip(): 0.02, breathing.OUT.strip(): 0.07}
_DEFAULT_BUZZ_S = 0.03


def vibration_pattern_for(phase_label: str) -> float:
    """How long to vibrate, in seconds, as a breathing phase ("In", "Hold", "Out") begins."""
    return _PHASE_BUZZ_S.get(str(phase_label).strip().capitalize(), _DEFAULT_BUZZ_S)


def _buzz_length(seconds: Any) -> float:
    try:
        length = float(seconds)
    except (TypeError, ValueError):
        return _DEFAULT_BUZZ_S
    if not math.isfinite(length):
        return _DEFAULT_BUZZ_S
    return max(MIN_BUZZ_S, min(MAX_BUZZ_S, length))


@runtime_checkable
class Vibrator(Protocol):
    available: bool

    def vibrate(self, seconds: float) -> bool:
        """Vibrate briefly; True if the device was asked to, False otherwise. Never raises."""
        ...


class NullVibrator:
    """For devices without a vibrator (and browsers): quietly does nothing."""

    available = False

    def vibrate(self, seconds: float) -> bool:
        return False


class PlyerVibrator(_PlyerFacade):
    """plyer's vibrator (Android, iOS), loaded on first use; turns itself off after a failure."""

    _facade, _attr = "Vibrator", "vibrator"

    def _usable(self, backend: Any) -> bool:
        try:
            with _quiet():
                return backend.exists() is True
        except Exception:  # noqa: BLE001 - "can't tell" counts as no
            return False

    def vibrate(self, seconds: float) -> bool:
        backend = self._working_backend()
        if backend is None:
            return False
        length = _buzz_length(seconds)
        try:
            with _quiet():
                backend.vibrate(time=length)
            return True
        except Exception:  # noqa: BLE001 - vibration is a nicety, never an error
            self._broken = True
            return False


def detect_vibrator(platform: Any = None, *, web: bool = False, module: ModuleType | None = None) -> Vibrator:
    """plyer's vibrator on a phone running this Python, else `NullVibrator`.

    On phones the UI should prefer Flet's HapticFeedback; this is the fallback for builds
    where that isn't available.
    """
    if not _shown_here(platform, web) or host_platform() not in ("android", "ios"):
        return NullVibrator()
    vibrator = PlyerVibrator(module)
    return vibrator if vibrator.available else NullVibrator()
