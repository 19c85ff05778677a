"""What the adapters say to a person, in German and Spanish (and English exactly as before):
the sentence after "Delete everything", the reminder delivery sentences, the phone's reminder
channel and its fingerprint or face dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import run_async as run

from companion.adapters import notify
from companion.adapters.biometrics import FletAuthenticator
from companion.adapters.scheduled_notifications import FletScheduler
from companion.adapters.wipe import WipeResult
from companion.core import i18n
from companion.core.i18n import _


class Recorder:
    """Stands in for a Flet extension's service: records every call, answers True."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple, dict]] = []

    def __getattr__(self, name: str):
        async def method(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            return True

        return method

    def called(self, name: str) -> list[tuple[tuple, dict]]:
        return [(a, k) for n, a, k in self.calls if n == name]


@pytest.mark.parametrize(
    ("language", "everything", "left"),
    [
        (
            "en",
            "Everything Companion kept on this device has been deleted.",
            "Your journal has been deleted.",
        ),
        (
            "de",
            "Alles, was Companion auf diesem Gerät aufbewahrt hat, ist gelöscht.",
            "Dein Tagebuch ist gelöscht.",
        ),
        (
            "es",
            "Se ha borrado todo lo que Companion guardaba en este dispositivo.",
            "Tu diario se ha borrado.",
        ),
    ],
)
def test_the_sentence_after_delete_everything(language: str, everything: str, left: str) -> None:
    with i18n.use(language):
        assert WipeResult(3, ()).message == everything
        assert WipeResult(2, (Path("notes.txt"),)).message.startswith(left)


def test_delivery_sentences_stay_english_until_shown() -> None:
    banner = notify.BannerNotifier()
    assert banner.explain == "On this device reminders show as a gentle banner while Companion is open."
    with i18n.use("de"):
        assert _(banner.explain).startswith("Auf diesem Gerät erscheinen Erinnerungen als sanfter Hinweis")
        assert _(notify.CAN_NOTIFY).startswith("Dein Gerät kann Erinnerungen")
    with i18n.use("es"):
        assert _(notify.STOPPED_WORKING).startswith("Las notificaciones no han funcionado")
        assert _(notify.BANNER_IN_BROWSER).startswith("En un navegador web")


def _channel(language: str) -> Any:
    service = Recorder()
    scheduler = FletScheduler(service, permissions=Recorder())
    with i18n.use(language):
        run(scheduler._ensure_channel())
        run(scheduler._ensure_channel())  # once per language
    made = service.called("create_notification_channel")
    assert len(made) == 1
    return made[0][0][0]


def test_the_reminder_channel_is_named_in_the_language() -> None:
    assert _channel("en").name == "Gentle reminders"
    assert _channel("de").name == "Sanfte Erinnerungen"
    channel = _channel("es")
    assert (channel.name, channel.description) == (
        "Recordatorios amables",
        "Los recordatorios para registrar cómo estás que elegiste en los ajustes de Companion.",
    )


def test_a_new_language_renames_the_channel() -> None:
    service = Recorder()
    scheduler = FletScheduler(service, permissions=Recorder())
    run(scheduler._ensure_channel())
    with i18n.use("de"):
        run(scheduler._ensure_channel())
    names = [args[0].name for args, _k in service.called("create_notification_channel")]
    assert names == ["Gentle reminders", "Sanfte Erinnerungen"]


@pytest.mark.parametrize(
    ("language", "title", "cancel"),
    [
        ("en", "Open Companion", "Use my passphrase"),
        ("de", "Companion öffnen", "Meine Passphrase verwenden"),
        ("es", "Abrir Companion", "Usar mi frase de contraseña"),
    ],
)
def test_the_fingerprint_dialog_speaks_the_language(language: str, title: str, cancel: str) -> None:
    service = Recorder()
    with i18n.use(language):
        run(FletAuthenticator(service).check("reason"))
    (_args, kwargs) = service.called("authenticate")[0]
    assert kwargs["android_messages"].sign_in_title == title
    assert kwargs["android_messages"].cancel_button == cancel
    assert kwargs["ios_messages"].cancel_button == cancel
