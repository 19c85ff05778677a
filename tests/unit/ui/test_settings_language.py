"""Settings' Language menu, and the screens of Settings, Help, Welcome, Unlock and Backup in
German and Spanish, with a fake shell (a real journal behind it) and no browser."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest
from conftest import run_async as run

from companion.core import i18n
from companion.kinds import reminders as reminder_rules
from companion.services.stores import Stores
from companion.ui.shell import routes
from companion.vault.vault import Vault


class FakePage:
    """Just enough of `ft.Page` for a screen: a browser on a computer unless told otherwise."""

    width, height = 400, 800
    theme_mode = ft.ThemeMode.SYSTEM

    def __init__(self, platform: ft.PagePlatform = ft.PagePlatform.LINUX, web: bool = True) -> None:
        self.platform = platform
        self.web = web
        self.dialogs: list[Any] = []
        self.tasks: list[Any] = []

    def update(self, *_args: Any) -> None:
        pass

    def show_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog)

    def pop_dialog(self) -> None:
        return None

    def run_task(self, fn: Any, *args: Any) -> None:
        self.tasks.append((fn, args))


class FakeShell(SimpleNamespace):
    """The Shell protocol as these screens use it; the language choice kept like the controller."""

    def __init__(self, stores: Stores | None, folder: Path) -> None:
        super().__init__(
            page=FakePage(),
            stores=stores,
            demo=False,
            data_dir=folder,
            home_dir=None,
            path=folder / "journal.sqlite",
            prepare_demo=lambda folder: folder,
            auto_lock_s=300,
            current=None,
            toasts=[],
            chosen=[],
        )

    def touch(self) -> None: ...

    def toast(self, message: str, *_a: Any, **_k: Any) -> None:
        self.toasts.append(message)

    def handler(self, fn: Any) -> Any:
        return fn

    def report_error(self, exc: BaseException) -> None:
        raise exc

    def language_choice(self) -> str | None:
        return self.stores.settings.get("language") if self.stores is not None else None

    async def set_language(self, choice: str | None) -> None:
        self.chosen.append(choice)
        self.stores.settings.set("language", choice)

    async def reminder_delivery(self) -> str:
        return ""

    async def device_unlock_available(self) -> bool:
        return False

    async def device_unlock_offer(self) -> str | None:
        return None


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("settings-language")
    vault, _ = Vault.create(folder / "journal.sqlite", "a long test passphrase", with_recovery_code=False)
    stores = Stores.open(vault)
    yield folder, stores
    stores.close()


@pytest.fixture
def every_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """German and Spanish offered, as they will be once every screen speaks them."""
    monkeypatch.setattr(i18n, "LANGUAGES", dict(i18n.ALL_LANGUAGES))


def texts(control: Any, seen: set[int] | None = None) -> list[str]:
    """Every piece of text a person (or a screen reader) meets in ``control``, in order."""
    seen = set() if seen is None else seen
    if control is None or id(control) in seen:
        return []
    if isinstance(control, str):
        return [control]
    if isinstance(control, list | tuple):
        return [text for item in control for text in texts(item, seen)]
    if not isinstance(control, ft.BaseControl):
        return []
    seen.add(id(control))
    found: list[str] = []
    for name in ("value", "label", "content", "title", "subtitle", "semantics_label", "tooltip", "hint_text"):
        value = getattr(control, name, None)
        if name == "value" and not isinstance(value, str):
            continue
        found += texts(value, seen)
    for name in ("controls", "actions", "items", "segments"):
        found += texts(getattr(control, name, None), seen)
    return found


def built(route: str, shell: FakeShell, **params: Any) -> tuple[Any, list[str]]:
    screen = routes.make(route, shell, **params)
    return screen, texts(screen.build_cached())


# --- the Language menu ---------------------------------------------------------------------


def test_the_language_menu_offers_the_device_and_each_language_by_its_own_name(
    journal, every_language
) -> None:
    folder, stores = journal
    stores.settings.set("language", None)
    shell = FakeShell(stores, folder)
    settings, shown = built("settings", shell)
    menu = settings.language_menu
    assert menu.options == [
        ("", "Same as this device"),
        ("en", "English"),
        ("de", "Deutsch"),
        ("es", "Español"),
    ]
    assert "Language: Same as this device" in shown
    assert "Words, dates and the feelings list follow this. What you wrote stays as you wrote it." in shown
    with i18n.use("de"):
        _settings, german = built("settings", shell)
        options = _settings.language_menu.options
    assert "Sprache: Wie auf diesem Gerät" in german
    assert [name for _key, name in options[1:]] == ["English", "Deutsch", "Español"]  # never translated


def test_choosing_a_language_asks_the_shell_after_the_menu_shows_it(journal, every_language) -> None:
    folder, stores = journal
    stores.settings.set("language", None)
    shell = FakeShell(stores, folder)
    settings, _shown = built("settings", shell)
    run(settings._on_language("de"))
    assert shell.chosen == []  # the menu shows the pick first; the rebuild comes right after
    (task, args), *_ = shell.page.tasks
    run(task(*args))
    assert shell.chosen == ["de"] and stores.settings.get("language") == "de"
    again, shown = built("settings", shell)
    assert again.language_menu.value == "de" and "Language: Deutsch" in shown
    shell.page.tasks.clear()
    run(again._on_language("de"))  # the same choice again: nothing to do
    assert shell.page.tasks == []
    run(again._on_language(""))  # back to the device's
    (task, args), *_ = shell.page.tasks
    run(task(*args))
    assert shell.chosen == ["de", None] and stores.settings.get("language") is None


# --- the screens in German and Spanish -----------------------------------------------------

SAID = {
    "de": {
        "settings": [
            "Darstellung",
            "Sprache: Wie auf diesem Gerät",
            "Sperren nach: 5 Minuten",
            "Alles löschen",
        ],
        "help": ["Wenn du gerade in Gefahr bist", "Nummern, die du anrufen kannst", "Nummern bearbeiten"],
        "welcome": ["Willkommen bei Companion", "Mein Tagebuch anlegen", "Passphrase anzeigen"],
        "unlock": [
            "Willkommen zurück",
            "Entsperren",
            "Passphrase vergessen? Nimm deinen Wiederherstellungscode",
        ],
        "save_backup": ["Bewahr eine Kopie an einem sicheren Ort auf", "Sicherung speichern"],
        "restore_backup": [
            "Eine Sicherung zurückholen",
            "Noch keine Datei gewählt.",
            "Sicherungsdatei wählen",
        ],
    },
    "es": {
        "settings": [
            "Aspecto",
            "Idioma: Igual que este dispositivo",
            "Bloquear tras: 5 minutos",
            "Borrar todo",
        ],
        "help": ["Si ahora mismo estás en peligro", "Números a los que puedes llamar", "Editar números"],
        "welcome": [
            "Te damos la bienvenida a Companion",
            "Crear mi diario",
            "Mostrar la frase de contraseña",
        ],
        "unlock": [
            "Hola de nuevo",
            "Desbloquear",
            "¿Olvidaste tu frase de contraseña? Usa tu código de recuperación",
        ],
        "save_backup": ["Guarda una copia en un lugar seguro", "Guardar copia de seguridad"],
        "restore_backup": ["Recuperar una copia de seguridad", "Aún no has elegido ningún archivo."],
    },
}
ENGLISH = ["Look and feel", "Numbers you can call", "Welcome to Companion", "Welcome back", "Save backup"]


@pytest.mark.parametrize("language", ["de", "es"])
@pytest.mark.parametrize("route", sorted(SAID["de"]))
def test_the_screens_speak_the_language(journal, language: str, route: str) -> None:
    folder, stores = journal
    stores.settings.set("language", None)
    shell = FakeShell(None if route in ("welcome", "unlock") else stores, folder)
    with i18n.use(language):
        _screen, shown = built(route, shell)
    for words in SAID[language][route]:
        assert words in shown, (words, shown)
    assert not set(ENGLISH) & set(shown)


@pytest.mark.parametrize(
    ("language", "preview", "summary"),
    [
        (
            "de",
            "Erinnerungen sagen: „Ein Moment zum Einchecken, wenn du magst.“",
            "Erinnerungen: Jeden Tag um 19:00.",
        ),
        (
            "es",
            "Los recordatorios dirán: «Un momento para registrar cómo estás, si te apetece.»",
            "Recordatorios: Todos los días a las 19:00.",
        ),
    ],
)
def test_the_reminders_section_speaks_the_language(
    journal, language: str, preview: str, summary: str
) -> None:
    folder, stores = journal
    reminder_rules.save_plan(stores.settings, reminder_rules.ReminderPlan(True, tone="neutral"))
    try:
        with i18n.use(language):
            settings, shown = built("settings", FakeShell(stores, folder))
        assert preview in shown and summary in shown
        assert reminder_rules.day_short(0) not in shown  # the chips use the language's day names
    finally:
        reminder_rules.save_plan(stores.settings, reminder_rules.ReminderPlan())
