"""The phone adapters (biometrics, secure storage, scheduled notifications) without a phone.

Each Flet wrapper is driven through a stand-in for the *extension's* service object (the
third-party part), so what we send and how we read answers is checked; the extensions' own
signatures are checked against what we call, so an upgrade that renames something fails here.
"""

from __future__ import annotations

import asyncio
import inspect
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import run_async as run

from companion.adapters import biometrics, scheduled_notifications, secure_store
from companion.adapters.biometrics import Check, FakeAuthenticator, FletAuthenticator, answer_for_error
from companion.adapters.scheduled_notifications import FakeScheduler, FletScheduler, Pending, SchedulerError
from companion.adapters.secure_store import ENTRY, FletSecureStore, MemorySecureStore, SecureStoreError


class Recorder:
    """Stands in for a Flet extension's service: records calls, answers from a table."""

    def __init__(self, **answers: Any) -> None:
        self.answers = answers
        self.calls: list[tuple[str, tuple, dict]] = []

    def __getattr__(self, name: str):
        async def method(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            answer = self.answers.get(name)
            if isinstance(answer, BaseException):
                raise answer
            if isinstance(answer, float) and answer < 0:  # never answers (a client without the extension)
                await asyncio.sleep(3600)
            return answer

        return method

    def called(self, name: str) -> list[tuple[tuple, dict]]:
        return [(a, k) for n, a, k in self.calls if n == name]


# --- the extensions still have what we call -----------------------------------------------


def params(fn) -> set[str]:
    return set(inspect.signature(fn).parameters)


def test_the_extensions_offer_the_calls_we_make() -> None:
    from flet_local_auth import LocalAuthentication
    from flet_notifications import LocalNotifications
    from flet_secure_storage import SecureStorage

    assert {
        "reason",
        "biometric_only",
        "sensitive_transaction",
        "android_messages",
        "ios_messages",
    } <= params(LocalAuthentication.authenticate)
    for name in ("is_device_supported", "get_available_biometrics"):
        assert callable(getattr(LocalAuthentication, name))
    for name in ("get", "set", "remove", "contains_key"):
        assert {"key", "android", "ios"} <= params(getattr(SecureStorage, name))
    assert {
        "id",
        "when",
        "title",
        "body",
        "payload",
        "match_components",
        "schedule_mode",
        "time_zone",
    } <= params(LocalNotifications.schedule)
    assert "channel_id" in params(LocalNotifications.schedule)
    for name in (
        "request_permissions",
        "are_notifications_enabled",
        "can_schedule_exact_notifications",
        "get_pending_notifications",
        "cancel",
        "cancel_pending",
        "create_notification_channel",
    ):
        assert callable(getattr(LocalNotifications, name)), name


def test_real_wrappers_build_without_a_page() -> None:
    """Off a page nothing registers; on a desktop or web page `detect_*` never builds them."""
    assert FletScheduler()._service is not None
    assert FletAuthenticator()._service is not None
    assert FletSecureStore()._service is not None


# --- detection: phones only ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "web"),
    [("linux", False), ("windows", False), ("macos", False), ("android", True), ("ios", True), (None, False)],
)
def test_nothing_is_offered_off_a_phone(platform, web) -> None:
    assert run(biometrics.detect_authenticator(platform, web=web)) is None
    assert run(secure_store.detect_secure_store(platform, web=web)) is None
    assert run(scheduled_notifications.detect_scheduler(platform, web=web)) is None


def test_a_phone_client_without_the_extension_offers_nothing(monkeypatch) -> None:
    """`flet run` on a phone: the package imports, but nothing answers on the other side."""
    monkeypatch.setattr(biometrics, "PROBE_TIMEOUT_S", 0.05)
    monkeypatch.setattr(secure_store, "PROBE_TIMEOUT_S", 0.05)
    monkeypatch.setattr(scheduled_notifications, "PROBE_TIMEOUT_S", 0.05)
    silent = Recorder(
        is_device_supported=-1.0,
        get_available_biometrics=-1.0,
        contains_key=-1.0,
        are_notifications_enabled=-1.0,
    )
    assert run(FletAuthenticator(silent).available()) is False
    assert run(FletSecureStore(silent).works()) is False
    assert run(FletScheduler(silent).works()) is False


# --- biometrics ---------------------------------------------------------------------------


def test_a_sensor_counts_only_with_something_enrolled() -> None:
    assert run(
        FletAuthenticator(Recorder(is_device_supported=True, get_available_biometrics=["face"])).available()
    )
    assert not run(
        FletAuthenticator(Recorder(is_device_supported=True, get_available_biometrics=[])).available()
    )
    assert not run(
        FletAuthenticator(Recorder(is_device_supported=False, get_available_biometrics=["x"])).available()
    )
    assert not run(FletAuthenticator(Recorder(is_device_supported=RuntimeError("no"))).available())


def test_the_check_asks_for_a_fingerprint_or_face_only() -> None:
    service = Recorder(authenticate=True)
    assert run(FletAuthenticator(service).check("Open your Companion journal")) is Check.CONFIRMED
    (args, kwargs) = service.called("authenticate")[0]
    assert args == ("Open your Companion journal",)
    assert kwargs["biometric_only"] is True  # the phone's PIN is not a way into the journal
    assert kwargs["persist_across_backgrounding"] is False
    assert run(FletAuthenticator(Recorder(authenticate=False)).check("x")) is Check.FAILED


@pytest.mark.parametrize(
    ("code", "answer"),
    [
        ("userCanceled", Check.CANCELLED),
        ("systemCanceled", Check.CANCELLED),
        ("timeout", Check.CANCELLED),
        ("userRequestedFallback", Check.CANCELLED),
        ("temporaryLockout", Check.FAILED),
        ("biometricLockout", Check.FAILED),
        ("noBiometricsEnrolled", Check.UNAVAILABLE),
        ("uiUnavailable", Check.UNAVAILABLE),
        ("something new", Check.UNAVAILABLE),
    ],
)
def test_errors_from_the_phone_mean_what_they_say(code: str, answer: Check) -> None:
    from flet_local_auth import LocalAuthErrorCode, LocalAuthException

    assert answer_for_error(code) is answer
    known = {c.value: c for c in LocalAuthErrorCode}
    if code in known:
        service = Recorder(authenticate=LocalAuthException(known[code]))
        assert run(FletAuthenticator(service).check("x")) is answer
    assert answer.counts_as_failure is (answer is Check.FAILED)


def test_the_fake_answers_from_its_script() -> None:
    fake = FakeAuthenticator([Check.FAILED, Check.CONFIRMED])
    assert [run(fake.check("a")), run(fake.check("b")), run(fake.check("c"))] == [
        Check.FAILED,
        Check.CONFIRMED,
        Check.CANCELLED,
    ]
    assert fake.reasons == ["a", "b", "c"]
    assert run(FakeAuthenticator(has_sensor=False).check("x")) is Check.UNAVAILABLE


def test_boot_instant_is_steady_within_a_run() -> None:
    first = biometrics.boot_instant_s()
    if first is None:
        pytest.skip("this system has no boot clock")
    assert abs((biometrics.boot_instant_s() or 0) - first) < 2
    assert first < datetime.now().timestamp()


# --- secure storage -----------------------------------------------------------------------


def test_secure_store_options_keep_the_key_on_this_phone() -> None:
    from flet_secure_storage import KeychainAccessibility

    service = Recorder(set=None, get="value", remove=None)
    store = FletSecureStore(service)
    run(store.write(ENTRY, "value"))
    assert run(store.read(ENTRY)) == "value"
    run(store.delete(ENTRY))
    (_args, kwargs) = service.called("set")[0]
    assert kwargs["ios"].accessibility == KeychainAccessibility.PASSCODE  # this device only, needs a passcode
    assert kwargs["ios"].synchronizable is False  # never to iCloud
    assert [n for n, _a, _k in service.calls] == ["set", "get", "remove"]


def test_secure_store_failures() -> None:
    broken = FletSecureStore(
        Recorder(set=RuntimeError("locked"), get=RuntimeError("x"), remove=RuntimeError("x"))
    )
    with pytest.raises(SecureStoreError):
        run(broken.write(ENTRY, "v"))
    assert run(broken.read(ENTRY)) is None  # an unreadable key is a missing one: the passphrase then
    run(broken.delete(ENTRY))  # never raises
    assert run(FletSecureStore(Recorder(get=12)).read(ENTRY)) is None


def test_memory_store_is_a_faithful_fake() -> None:
    store = MemorySecureStore()
    run(store.write("k", "v"))
    assert run(store.read("k")) == "v"
    run(store.delete("k"))
    assert run(store.read("k")) is None and store.deleted == ["k"]
    store.broken = True
    with pytest.raises(SecureStoreError):
        run(store.write("k", "v"))


# --- scheduled notifications --------------------------------------------------------------


def alarm(nid: int = 7_300_900) -> SimpleNamespace:
    return SimpleNamespace(
        id=nid,
        first_local=datetime(2026, 6, 1, 9, 0),
        zone="Europe/Berlin",
        title="Companion",
        body="A moment to check in, if you'd like.",
        tag="companion-reminders:v1:abc",
    )


@pytest.mark.parametrize(("exact", "mode"), [(False, "inexactAllowWhileIdle"), (True, "exactAllowWhileIdle")])
def test_weekly_schedule_goes_out_as_a_repeating_wall_time(exact: bool, mode: str) -> None:
    service = Recorder(schedule=None, create_notification_channel=None)
    scheduler = FletScheduler(service)
    run(scheduler.schedule_weekly(alarm(), exact=exact))
    run(scheduler.schedule_weekly(alarm(7_300_901), exact=exact))
    assert len(service.called("create_notification_channel")) == 1  # once per run
    (_args, kwargs) = service.called("schedule")[0]
    assert kwargs["id"] == 7_300_900 and kwargs["payload"] == "companion-reminders:v1:abc"
    assert kwargs["when"] == datetime(2026, 6, 1, 9, 0) and kwargs["when"].tzinfo is None  # wall time
    assert kwargs["time_zone"] == "Europe/Berlin"
    assert kwargs["match_components"].value == "dayOfWeekAndTime"  # every week, same day and time
    assert kwargs["schedule_mode"].value == mode
    assert kwargs["title"] == "Companion" and kwargs["body"] == "A moment to check in, if you'd like."


def test_scheduler_reads_and_cancels_and_reports_refusals() -> None:
    pending = [SimpleNamespace(id=7_300_900, payload="tag"), SimpleNamespace(id=3, payload=None)]
    service = Recorder(get_pending_notifications=pending, cancel=None, cancel_pending=None)
    scheduler = FletScheduler(service)
    assert run(scheduler.pending()) == [Pending(7_300_900, "tag"), Pending(3, "")]
    run(scheduler.cancel([1, 2]))
    assert [a for a, _k in service.called("cancel")] == [(1,), (2,)]
    run(scheduler.cancel_everything())
    assert service.called("cancel_pending")
    failing = FletScheduler(
        Recorder(schedule=RuntimeError("no"), get_pending_notifications=RuntimeError("no"))
    )
    with pytest.raises(SchedulerError):
        run(failing.schedule_weekly(alarm(), exact=False))
    with pytest.raises(SchedulerError):
        run(failing.pending())


def test_permission_is_asked_only_when_told_to() -> None:
    service = Recorder(request_permissions=True, are_notifications_enabled=False)
    scheduler = FletScheduler(service)
    assert run(scheduler.permission(ask=False)) is False
    assert not service.called("request_permissions")
    assert run(scheduler.permission(ask=True)) is True
    assert run(FletScheduler(Recorder(request_permissions=RuntimeError("x"))).permission(ask=True)) is False


def test_ios_does_not_ask_when_the_service_starts() -> None:
    service = FletScheduler()._service
    assert service.request_alert_permission is False
    assert service.request_sound_permission is False and service.request_badge_permission is False


def test_exactness_defaults_to_inexact_when_unknown() -> None:
    assert run(FletScheduler(Recorder(can_schedule_exact_notifications=True)).exact_allowed()) is True
    assert (
        run(FletScheduler(Recorder(can_schedule_exact_notifications=RuntimeError())).exact_allowed()) is False
    )


def test_fake_scheduler() -> None:
    fake = FakeScheduler(allow=False)
    assert run(fake.permission(ask=True)) is False and fake.asked == 1
    run(fake.schedule_weekly(alarm(), exact=False))
    assert run(fake.pending()) == [Pending(7_300_900, "companion-reminders:v1:abc")]
    run(fake.cancel([7_300_900]))
    assert run(fake.pending()) == []


def test_the_phones_settings_page_opens_through_the_permission_handler() -> None:
    permissions = Recorder(open_app_settings=True)
    assert run(FletScheduler(Recorder(), permissions).open_settings()) is True
    assert permissions.called("open_app_settings")
    assert run(FletScheduler(Recorder(), Recorder(open_app_settings=RuntimeError())).open_settings()) is False
    assert run(FletScheduler(Recorder()).open_settings()) is False  # none given: nothing to open
    from flet_permission_handler import PermissionHandler

    assert callable(PermissionHandler.open_app_settings)
    assert isinstance(FletScheduler()._permissions, PermissionHandler)
