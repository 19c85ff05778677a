"""Notification and vibration adapters against stand-ins for plyer: detection, fallback, never raising."""

from __future__ import annotations

import enum
import sys
import types
from typing import Any

import pytest

from companion.adapters import notify
from companion.adapters.notify import (
    BANNER_IN_BROWSER,
    BANNER_ONLY,
    CAN_NOTIFY,
    MAX_BANNERS,
    STOPPED_WORKING,
    BannerNotifier,
    Notifier,
    NullVibrator,
    PlyerNotifier,
    PlyerVibrator,
    Vibrator,
    detect_notifier,
    detect_vibrator,
    vibration_pattern_for,
)

# --- stand-ins for plyer -------------------------------------------------------------------------


class FacadeNotification:
    """Like plyer.facades.Notification: what plyer falls back to when no backend loads."""

    def notify(self, **kwargs: Any) -> None:
        raise NotImplementedError()


class FacadeVibrator:
    def vibrate(self, time: float = 1) -> None:
        raise NotImplementedError()

    def exists(self) -> bool:
        raise NotImplementedError()


class WorkingNotification:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def notify(self, **kwargs: Any) -> None:
        self.sent.append(kwargs)


class FailingNotification:
    def __init__(self, error: Exception) -> None:
        self.error = error
        self.calls = 0

    def notify(self, **kwargs: Any) -> None:
        self.calls += 1
        raise self.error


class FakeVibrator:
    def __init__(self, exists: Any = True, error: Exception | None = None) -> None:
        self._exists = exists
        self.error = error
        self.buzzes: list[float] = []

    def exists(self) -> bool:
        if isinstance(self._exists, Exception):
            raise self._exists
        return self._exists

    def vibrate(self, time: float = 1) -> None:
        if self.error is not None:
            raise self.error
        self.buzzes.append(time)


class JavaException(Exception):
    """What pyjnius raises when python-for-android's classes aren't there."""


def fake_plyer(notification: Any = None, vibrator: Any = None) -> types.ModuleType:
    module = types.ModuleType("plyer")
    module.facades = types.SimpleNamespace(Notification=FacadeNotification, Vibrator=FacadeVibrator)
    module.notification = notification if notification is not None else FacadeNotification()
    module.vibrator = vibrator if vibrator is not None else FacadeVibrator()
    return module


@pytest.fixture
def on_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notify, "host_platform", lambda: "linux")


# --- notifications -------------------------------------------------------------------------------


def test_a_working_backend_is_used(monkeypatch: pytest.MonkeyPatch, on_linux: None) -> None:
    backend = WorkingNotification()
    monkeypatch.setitem(sys.modules, "plyer", fake_plyer(backend))
    chosen = detect_notifier()
    assert isinstance(chosen, PlyerNotifier)
    assert chosen.available and chosen.explain == CAN_NOTIFY
    assert chosen.notify("Companion", "A moment to check in, if you'd like.") is True
    sent = backend.sent[0]
    assert sent["title"] == "Companion" and sent["app_name"] == "Companion"
    assert sent["message"] == "A moment to check in, if you’d like."  # no bare ' for plyer's Flatpak quoting


def test_the_stub_backend_means_banner(monkeypatch: pytest.MonkeyPatch, on_linux: None) -> None:
    monkeypatch.setitem(sys.modules, "plyer", fake_plyer(FacadeNotification()))
    banner = BannerNotifier()
    chosen = detect_notifier(banner=banner)
    assert chosen is banner
    assert chosen.available is False and chosen.explain == BANNER_ONLY
    assert chosen.notify("Companion", "Hello") is True
    assert [(b.title, b.message) for b in banner.take()] == [("Companion", "Hello")]


@pytest.mark.parametrize(
    "error", [NotImplementedError(), AttributeError("'NoneType' has no 'getSystemService'"), JavaException()]
)
def test_a_backend_that_fails_hands_over_to_the_banner(
    monkeypatch: pytest.MonkeyPatch, on_linux: None, error: Exception
) -> None:
    backend = FailingNotification(error)
    monkeypatch.setitem(sys.modules, "plyer", fake_plyer(backend))
    banner = BannerNotifier()
    chosen = detect_notifier(banner=banner)
    assert isinstance(chosen, PlyerNotifier) and chosen.available
    assert chosen.notify("Companion", "First") is True  # shown after all, as a banner
    assert chosen.available is False
    assert chosen.explain == STOPPED_WORKING
    assert "banner" in chosen.explain and "didn't work" in chosen.explain
    assert chosen.notify("Companion", "Second") is True
    assert backend.calls == 1  # once broken, plyer isn't tried again
    assert [b.message for b in banner.take()] == ["First", "Second"]


def test_without_a_fallback_failure_is_false_not_an_exception() -> None:
    notifier = PlyerNotifier(fake_plyer(FailingNotification(RuntimeError("dbus went away"))))
    assert notifier.notify("Companion", "Hello") is False
    assert notifier.available is False


class _ExplodingModule(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name == "notification" or name == "vibrator":
            raise ImportError("No module named 'jnius'")
        raise AttributeError(name)


@pytest.mark.parametrize(
    "module",
    [None, _ExplodingModule("plyer"), types.ModuleType("plyer")],  # missing, import error, no attribute
    ids=["not-installed", "import-error", "no-feature"],
)
def test_no_usable_plyer_means_banner(monkeypatch: pytest.MonkeyPatch, on_linux: None, module: Any) -> None:
    monkeypatch.setitem(sys.modules, "plyer", module)  # None makes "import plyer" fail
    chosen = detect_notifier()
    assert isinstance(chosen, BannerNotifier) and chosen.explain == BANNER_ONLY
    notifier = PlyerNotifier()
    assert notifier.available is False and notifier.notify("a", "b") is False
    assert isinstance(detect_vibrator("android"), NullVibrator)


def test_plyers_own_proxy_falling_back_is_detected_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    """The real plyer proxy prints a traceback when its backend can't load; we keep that quiet."""
    from plyer import facades
    from plyer.utils import Proxy

    module = types.ModuleType("plyer")
    module.facades = facades
    module.notification = Proxy("no_such_feature", facades.Notification)
    notifier = PlyerNotifier(module)
    assert notifier.available is False
    assert notifier.notify("Companion", "Hello") is False
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_in_a_browser_or_on_another_device_only_the_banner_is_honest(
    monkeypatch: pytest.MonkeyPatch, on_linux: None
) -> None:
    monkeypatch.setitem(sys.modules, "plyer", fake_plyer(WorkingNotification()))
    web = detect_notifier("linux", web=True)
    assert isinstance(web, BannerNotifier) and web.explain == BANNER_IN_BROWSER
    # A phone showing a Flet app served from this Linux machine: a notification would pop up here.
    for other in ("ios", "android", "windows", "macos", "fuchsia", ""):
        assert isinstance(detect_notifier(other), BannerNotifier), other
    assert isinstance(detect_notifier("linux"), PlyerNotifier)
    assert isinstance(detect_notifier(" Linux "), PlyerNotifier)


def test_flet_style_platform_enums_are_understood(monkeypatch: pytest.MonkeyPatch) -> None:
    class PagePlatform(enum.Enum):
        ANDROID = "android"
        MACOS = "macos"

    monkeypatch.setattr(notify, "host_platform", lambda: "macosx")
    monkeypatch.setitem(sys.modules, "plyer", fake_plyer(WorkingNotification()))
    assert isinstance(detect_notifier(PagePlatform.MACOS), PlyerNotifier)
    assert isinstance(detect_notifier(PagePlatform.ANDROID), BannerNotifier)


def test_detection_is_lazy(monkeypatch: pytest.MonkeyPatch) -> None:
    touched: list[str] = []

    class Watching(types.ModuleType):
        def __getattr__(self, name: str) -> Any:
            touched.append(name)
            raise AttributeError(name)

    notifier = PlyerNotifier(Watching("plyer"))
    assert touched == []
    assert notifier.available is False
    assert touched  # looked only when asked
    count = len(touched)
    notifier.notify("a", "b")
    assert len(touched) == count  # and only once


def test_banner_queue_stays_short_and_calm() -> None:
    banner = BannerNotifier()
    for _ in range(3):
        banner.notify("Companion", "A moment to check in, if you'd like.")
    assert len(banner.pending()) == 1  # three reminders while away: one banner
    for i in range(10):
        banner.notify("Companion", f"message {i}")
    assert len(banner.pending()) == MAX_BANNERS
    assert banner.pending()[-1].message == "message 9"
    taken = banner.take()
    assert len(taken) == MAX_BANNERS and banner.pending() == []
    banner.notify("x" * 500, "y\n\n  z" + "w" * 1000)
    only = banner.pending()[0]
    assert len(only.title) <= notify.MAX_TITLE and len(only.message) <= notify.MAX_MESSAGE
    assert only.message.startswith("y z") and only.message.endswith("…")
    banner.clear()
    assert banner.take() == []


def test_everything_meets_the_protocols() -> None:
    module = fake_plyer(WorkingNotification(), FakeVibrator())
    for notifier in (BannerNotifier(), PlyerNotifier(module)):
        assert isinstance(notifier, Notifier)
        assert isinstance(notifier.explain, str) and notifier.explain.endswith(".")
    for vibrator in (NullVibrator(), PlyerVibrator(module)):
        assert isinstance(vibrator, Vibrator)


def test_explain_texts_are_plain_and_kind() -> None:
    for text in (CAN_NOTIFY, BANNER_ONLY, BANNER_IN_BROWSER, STOPPED_WORKING):
        assert "plyer" not in text.lower() and "error" not in text.lower()
        assert "reminders" in text


# --- vibration -----------------------------------------------------------------------------------


def test_a_working_vibrator_buzzes_within_bounds() -> None:
    fake = FakeVibrator()
    vibrator = PlyerVibrator(fake_plyer(vibrator=fake))
    assert vibrator.available
    assert vibrator.vibrate(0.05) is True
    assert vibrator.vibrate(60) is True
    assert vibrator.vibrate(-3) is True
    assert vibrator.vibrate(float("nan")) is True
    assert vibrator.vibrate("junk") is True  # type: ignore[arg-type]
    assert fake.buzzes[0] == pytest.approx(0.05)
    assert all(notify.MIN_BUZZ_S <= b <= notify.MAX_BUZZ_S for b in fake.buzzes)


@pytest.mark.parametrize("exists", [False, None, NotImplementedError(), JavaException()])
def test_no_vibrator_or_cant_tell_means_unavailable(exists: Any) -> None:
    vibrator = PlyerVibrator(fake_plyer(vibrator=FakeVibrator(exists=exists)))
    assert vibrator.available is False
    assert vibrator.vibrate(0.1) is False


def test_the_stub_vibrator_means_unavailable() -> None:
    vibrator = PlyerVibrator(fake_plyer(vibrator=FacadeVibrator()))
    assert vibrator.available is False and vibrator.vibrate(0.1) is False


def test_a_vibrator_that_fails_turns_itself_off() -> None:
    fake = FakeVibrator(error=JavaException("android.permission.VIBRATE"))
    vibrator = PlyerVibrator(fake_plyer(vibrator=fake))
    assert vibrator.available
    assert vibrator.vibrate(0.1) is False
    assert vibrator.available is False


def test_detect_vibrator_only_on_a_phone_running_this_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "plyer", fake_plyer(vibrator=FakeVibrator()))
    monkeypatch.setattr(notify, "host_platform", lambda: "linux")
    assert isinstance(detect_vibrator(), NullVibrator)
    assert isinstance(detect_vibrator("android"), NullVibrator)
    monkeypatch.setattr(notify, "host_platform", lambda: "android")
    assert isinstance(detect_vibrator("android"), PlyerVibrator)
    assert isinstance(detect_vibrator(), PlyerVibrator)
    assert isinstance(detect_vibrator("android", web=True), NullVibrator)
    monkeypatch.setitem(sys.modules, "plyer", fake_plyer(vibrator=FakeVibrator(exists=False)))
    assert isinstance(detect_vibrator("android"), NullVibrator)
    assert NullVibrator().vibrate(1) is False


def test_vibration_for_breathing_phases() -> None:
    inhale, hold, exhale = (vibration_pattern_for(x) for x in ("In", "Hold", "Out"))
    assert exhale > inhale > hold > 0
    assert vibration_pattern_for("Hold ") == hold  # the "hold after breathing out" label
    assert vibration_pattern_for("out") == exhale
    for label in ("In", "Hold", "Out", "anything", ""):
        assert notify.MIN_BUZZ_S <= vibration_pattern_for(label) <= 0.1
