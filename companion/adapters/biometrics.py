"""Asking the phone to confirm a fingerprint or face (flet-local-auth), and when it restarted.

Companion uses the phone's own check and never sees a fingerprint or a face: the system
answers yes, no, or "not now". `Authenticator` is the small interface; `FletAuthenticator`
wraps flet-local-auth; `FakeAuthenticator` is the scripted stand-in the tests use.

`boot_instant_s` tells when the phone last started, so the passphrase can be asked for once
after every restart of the phone, the way phones ask for their own PIN.
"""

from __future__ import annotations

import asyncio
import enum
import sys
import time
from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

from companion.core.i18n import _

PROBE_TIMEOUT_S = 3.0
# The system dialog can stay open while the person finds their glasses; then it's abandoned.
CHECK_TIMEOUT_S = 120.0
PHONE_PLATFORMS = ("android", "ios")


class Check(enum.Enum):
    """What the phone answered."""

    CONFIRMED = "confirmed"  # a fingerprint or face of this phone's owner
    FAILED = "failed"  # not recognised (or the phone locked its sensor after several misses)
    CANCELLED = "cancelled"  # the person closed the dialog, or the system did
    UNAVAILABLE = "unavailable"  # no sensor, nothing enrolled, or the sensor is busy

    @property
    def counts_as_failure(self) -> bool:
        """Only a real miss counts towards the limit: closing the dialog is not a guess."""
        return self is Check.FAILED


@runtime_checkable
class Authenticator(Protocol):
    async def available(self) -> bool:
        """True when a fingerprint or face is enrolled and the sensor can be used now."""
        ...

    async def check(self, reason: str) -> Check:
        """Show the system dialog with ``reason``; never raises."""
        ...


class FakeAuthenticator:
    """Answers from a script, one per `check`, and records each reason it was shown."""

    def __init__(self, answers: Iterable[Check] = (), *, has_sensor: bool = True) -> None:
        self.answers = list(answers)
        self.has_sensor = has_sensor
        self.reasons: list[str] = []

    async def available(self) -> bool:
        return self.has_sensor

    async def check(self, reason: str) -> Check:
        self.reasons.append(reason)
        if not self.has_sensor:
            return Check.UNAVAILABLE
        return self.answers.pop(0) if self.answers else Check.CANCELLED


def _platform_name(platform: Any) -> str:
    return str(getattr(platform, "value", platform) or "").strip().lower()


# flet-local-auth's error codes -> what they mean for Companion.
_CANCELLED_CODES = {"userCanceled", "systemCanceled", "timeout", "userRequestedFallback", "authInProgress"}
_FAILED_CODES = {"temporaryLockout", "biometricLockout"}


def answer_for_error(code: str) -> Check:
    """A flet-local-auth error code (e.g. "userCanceled") as a `Check`."""
    if code in _CANCELLED_CODES:
        return Check.CANCELLED
    if code in _FAILED_CODES:
        return Check.FAILED
    return Check.UNAVAILABLE


class FletAuthenticator:
    """flet-local-auth: fingerprint or face only (the phone's PIN is not accepted here).

    A PIN would let anyone who watched it being typed in open the journal; the passphrase is
    the fallback instead.
    """

    def __init__(self, service: Any | None = None) -> None:
        if service is None:
            from flet_local_auth import LocalAuthentication

            service = LocalAuthentication()
        self._service = service

    async def available(self) -> bool:
        try:
            supported, enrolled = await asyncio.wait_for(
                asyncio.gather(self._service.is_device_supported(), self._service.get_available_biometrics()),
                PROBE_TIMEOUT_S,
            )
        except Exception:  # noqa: BLE001 - no extension, no sensor or no answer: not offered
            return False
        return bool(supported) and bool(enrolled)

    async def check(self, reason: str) -> Check:
        try:
            from flet_local_auth import AndroidAuthMessages, IOSAuthMessages, LocalAuthException
        except ImportError:  # pragma: no cover - available() said no already
            return Check.UNAVAILABLE
        try:
            ok = await asyncio.wait_for(
                self._service.authenticate(
                    reason,
                    biometric_only=True,
                    sensitive_transaction=True,
                    persist_across_backgrounding=False,
                    android_messages=AndroidAuthMessages(
                        # Translators: the title of the phone's fingerprint or face dialog
                        sign_in_title=_("Open Companion"),
                        # Translators: the button that closes the fingerprint or face dialog
                        cancel_button=_("Use my passphrase"),
                    ),
                    ios_messages=IOSAuthMessages(cancel_button=_("Use my passphrase")),
                ),
                CHECK_TIMEOUT_S,
            )
        except LocalAuthException as exc:
            return answer_for_error(getattr(exc.code, "value", str(exc.code)))
        except TimeoutError:
            return Check.CANCELLED
        except Exception:  # noqa: BLE001 - anything else from the platform: use the passphrase
            return Check.UNAVAILABLE
        return Check.CONFIRMED if ok is True else Check.FAILED


async def detect_authenticator(platform: Any, *, web: bool) -> Authenticator | None:
    """flet-local-auth on Android and iOS when the phone has an enrolled fingerprint or face."""
    if web or _platform_name(platform) not in PHONE_PLATFORMS:
        return None
    try:
        authenticator = FletAuthenticator()
    except Exception:  # noqa: BLE001 - the package is missing or can't register
        return None
    return authenticator if await authenticator.available() else None


def boot_instant_s() -> float | None:
    """When this device last started (wall-clock seconds), or None where that can't be told.

    Linux and Android count the time since start in CLOCK_BOOTTIME (sleep included); Apple's
    CLOCK_MONOTONIC does the same. Moving the wall clock moves the answer too, which only
    makes Companion ask for the passphrase once more: never the other way round.
    """
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    if clock is None and sys.platform in ("darwin", "ios"):
        clock = getattr(time, "CLOCK_MONOTONIC", None)
    if clock is None:
        return None
    try:
        return time.time() - time.clock_gettime(clock)
    except OSError:  # pragma: no cover - a kernel without that clock
        return None
