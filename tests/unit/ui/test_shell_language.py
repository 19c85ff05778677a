"""The shell's own words and the shared widgets in German and Spanish (English unchanged).

The secret toggle, the theme and text size names, the error sentence the shell shows, the
card maker's menus and messages, the reminder banner and the friendly times: no browser, a
fake page and shell where one is needed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest
from conftest import run_async as run

from companion.core import i18n
from companion.core.errors import VaultLocked
from companion.core.i18n import _
from companion.ui.kit import theme
from companion.ui.shell import errors, routes
from companion.ui.shell.reminder_watcher import ReminderWatcher
from companion.ui.widgets import common


class _Page:
    width, height, web = 400, 800, True
    platform = None

    def __init__(self) -> None:
        self.dialogs: list[Any] = []

    def update(self, *_args: Any) -> None:
        pass

    def show_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog)


def _shell() -> SimpleNamespace:
    shell = SimpleNamespace(page=_Page(), stores=None, toasts=[], current=None)
    shell.toast = lambda message, action=None, on_action=None: shell.toasts.append((message, action))
    shell.handler = lambda fn: fn
    shell.report_error = lambda exc: (_ for _ in ()).throw(exc)

    async def show_public(route: str, **_params: Any) -> None:
        pass

    shell.show_public = show_public
    return shell


# --- the shared widgets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Show passphrase"), ("de", "Passphrase anzeigen"), ("es", "Mostrar la frase de contraseña")],
)
def test_the_secret_toggle_speaks_the_language_it_is_made_in(language: str, label: str) -> None:
    field = ft.TextField(password=True)
    with i18n.use(language):
        box = common.show_secret_toggle([field], _Page())
    assert box.label == label
    # a label the screen chose is kept as it is
    assert common.show_secret_toggle([field], _Page(), "Show what I type").label == "Show what I type"


@pytest.mark.parametrize(("language", "label"), [("en", "0 to 10"), ("de", "0 bis 10"), ("es", "0 a 10")])
def test_the_intensity_scale_is_named_in_the_language(language: str, label: str) -> None:
    with i18n.use(language):
        scale = common.IntensityScale(None, _Page())
    assert scale.control.label == label


def test_a_menu_button_reads_label_and_choice_in_the_language() -> None:
    menu = common.ChoiceMenu("How often", [("daily", "every day")], "daily")
    assert menu.text.value == "How often: every day"
    with i18n.use("de"):
        menu = common.ChoiceMenu(_("How often"), [("daily", _("every day"))], "daily")
    assert menu.text.value == "Wie oft: jeden Tag"


def test_undo_after_a_delete_is_offered_in_the_language() -> None:
    deleted: list[str] = []
    record = object()
    stores = SimpleNamespace(records=SimpleNamespace(get=lambda _id: record, put_back=lambda _r: None))
    shell = _shell()
    shell.stores = stores
    with i18n.use("es"):
        run(common.delete_with_undo(shell, "r1", deleted.append, "Entrada borrada."))
    assert deleted == ["r1"]
    assert shell.toasts == [("Entrada borrada.", "Deshacer")]


def test_friendly_times_in_every_language() -> None:
    now = datetime.now().astimezone()
    today = now.replace(hour=17, minute=30, second=0, microsecond=0)
    yesterday = today - timedelta(days=1)
    assert common.friendly_time(today) == "Today, 17:30"
    assert common.friendly_time(yesterday) == "Yesterday, 17:30"
    with i18n.use("de"):
        assert common.friendly_time(today) == "Heute, 17:30 Uhr"
        assert common.friendly_time(yesterday) == "Gestern, 17:30 Uhr"
    with i18n.use("es"):
        assert common.friendly_time(today) == "Hoy, 17:30"
    # an older day: English exactly as it always was (strftime), the others from their calendars
    old = datetime(2020, 9, 8, 17, 30).astimezone()
    assert common.friendly_time(old) == old.strftime("%d %b %Y, %H:%M") == "08 Sep 2020, 17:30"
    with i18n.use("de"):
        assert common.friendly_time(old) == "8. Sept. 2020, 17:30 Uhr"
    with i18n.use("es"):
        assert common.friendly_time(old) == "8 sept 2020, 17:30"


# --- the look --------------------------------------------------------------------------------


def test_theme_and_text_size_names_are_english_until_shown() -> None:
    assert theme.THEME_LABELS == {"system": "Like my device", "light": "Light", "dark": "Dark"}
    assert theme.TEXT_SIZE_LABELS["very_large"] == "Very large"
    with i18n.use("de"):
        assert [_(label) for label in theme.THEME_LABELS.values()] == ["Wie mein Gerät", "Hell", "Dunkel"]
        assert _(theme.TEXT_SIZE_LABELS["standard"]) == "Normal"
    with i18n.use("es"):
        assert [_(label) for label in theme.THEME_LABELS.values()] == [
            "Como mi dispositivo",
            "Claro",
            "Oscuro",
        ]
        assert _(theme.TEXT_SIZE_LABELS["larger"]) == "Más grande"


# --- the error policy ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("en", "Something went wrong on our side; nothing was lost."),
        ("de", "Bei uns ist etwas schiefgegangen; es ist nichts verloren."),
        ("es", "Algo ha fallado por nuestra parte; no se ha perdido nada."),
    ],
)
def test_a_bug_is_reported_in_the_language(language: str, start: str) -> None:
    shell = _shell()
    with i18n.use(language):
        errors.report(shell, RuntimeError("a bug of ours"))
        errors.report(shell, VaultLocked())
        locked = str(VaultLocked())
    assert shell.toasts[0][0].startswith(start)
    assert shell.toasts[1][0] == locked  # a CompanionError already is a sentence in the language


# --- the reminder banner ---------------------------------------------------------------------


def test_the_reminder_banner_and_its_explanation_speak_the_language() -> None:
    shell = _shell()
    watcher = ReminderWatcher(shell)
    with i18n.use("de"):
        watcher.show_banner("Ein Moment zum Einchecken, wenn du magst.")
        explained = run(watcher.explain())
    banner = shell.page.dialogs[-1]
    assert [b.content for b in banner.actions] == ["Check-in", "Nicht jetzt"]
    assert explained.startswith("Im Webbrowser erscheinen Erinnerungen")
    assert run(watcher.explain()).startswith("In a web browser, reminders show")


# --- the card maker ----------------------------------------------------------------------------


def _card_maker(language: str) -> Any:
    with i18n.use(language):
        screen = routes.make("card_maker", _shell())
        screen.build_cached()
    return screen


def test_the_card_maker_menus_in_english_are_as_before() -> None:
    screen = _card_maker("en")
    editor = screen.editors[0]
    shown = [c.value for c in screen.build_cached().controls if isinstance(c, ft.Text)]
    assert "For therapists: make a card your client can open in Companion, and a handout to print. " in (
        " ".join(shown) + " "
    )
    run(screen._start_from("feedback_before_session"))
    assert screen.ready_note.value.endswith(". Change anything you like.")
    assert editor.often.text.value == "How often: every day"
    assert [text for _k, text in editor.often.options] == [
        "every day",
        "some times a week",
        "on particular days",
    ]
    assert [text for _k, text in editor.times.options][:3] == ["once", "twice", "3 times"]
    lengths = [text for _k, text in editor.length.options]
    assert lengths[:3] == ["until your client removes it", "1 week", "2 weeks"]
    assert lengths[-1] == "until a date"
    monday = editor.days["mon"]
    assert (monday.label, monday.semantics_label) == ("Mon", "Monday")


@pytest.mark.parametrize(
    ("language", "often", "times", "weeks", "until", "monday"),
    [
        ("de", "Wie oft: jeden Tag", "zweimal", "2 Wochen", "bis zu einem Datum", "Montag"),
        ("es", "Con qué frecuencia: todos los días", "dos veces", "2 semanas", "hasta una fecha", "lunes"),
    ],
)
def test_the_card_maker_menus_speak_the_language(language, often, times, weeks, until, monday) -> None:
    screen = _card_maker(language)
    editor = screen.editors[0]
    assert editor.often.text.value == often
    assert dict(editor.times.options)["2"] == times
    assert dict(editor.length.options)["2"] == weeks
    assert dict(editor.length.options)["date"] == until
    assert editor.days["mon"].semantics_label == monday
    assert editor.start.hint_text.startswith("2026-12-01; ")
    shown = [c.value for c in screen.build_cached().controls if isinstance(c, ft.Text)]
    assert any(text.startswith(("Für Therapeutinnen", "Para terapeutas")) for text in shown)


def test_a_card_maker_problem_is_told_in_the_language() -> None:
    screen = _card_maker("de")
    editor = screen.editors[0]
    editor.length.set_value("date")
    with i18n.use("de"):
        run(screen.changed(None))
    assert screen.preview_error.visible
    assert "Übung 1: Bitte trag den letzten Tag ein" in screen.preview_error.value
    with i18n.use("es"):
        run(screen.changed(None))
    assert "práctica 1: indica el último día" in screen.preview_error.value
    run(screen.changed(None))
    assert "practice 1: please fill in the last day, or choose another length" in screen.preview_error.value
