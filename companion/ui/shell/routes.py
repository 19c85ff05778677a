"""The one map from route names to screens.

Only this module knows where screens live. It loads a screen's module on first use, so the
first screen (welcome or unlock) does not pull in the record kinds and the storage layer, and
no screen ever imports another: a screen asks the shell to ``open("prepare")``.
"""

from __future__ import annotations

import importlib
from typing import Any

from companion.ui.kit.screen import Screen
from companion.ui.kit.shell import Shell

_SCREENS = "companion.ui.screens."

ROUTES: dict[str, tuple[str, str]] = {
    # seen without unlocking
    "welcome": ("welcome_screen", "WelcomeScreen"),
    "recovery_code": ("welcome_screen", "RecoveryCodeScreen"),
    "unlock": ("unlock_screen", "UnlockScreen"),
    "help": ("help_screen", "HelpScreen"),
    "card_maker": ("card_maker_screen", "CardMakerScreen"),
    # the five sections and what opens from them
    "journal": ("journal_screen", "JournalListScreen"),
    "editor": ("journal_screen", "EditorScreen"),
    "checkin": ("checkin_screen", "CheckInScreen"),
    "checkin_view": ("checkin_view_screen", "CheckInViewScreen"),
    "session": ("feedback_screen", "FeedbackHomeScreen"),
    "composer": ("feedback_screen", "ComposerScreen"),
    "prepare": ("prepare_screen", "PrepareScreen"),
    "session_card": ("prepare_screen", "SessionCardScreen"),
    "sessions": ("sessions_screen", "SessionsScreen"),
    "reflection": ("sessions_screen", "ReflectionScreen"),
    "homework": ("homework_screen", "HomeworkScreen"),
    "patterns": ("patterns_screen", "PatternsScreen"),
    "practice_form": ("homework_screen", "PracticeFormScreen"),
    "settle": ("breathing_screen", "BreathingScreen"),
    "settings": ("settings_screen", "SettingsScreen"),
    "change_passphrase": ("settings_screen", "ChangePassphraseScreen"),
    "new_recovery_code": ("settings_screen", "NewRecoveryCodeScreen"),
    "save_backup": ("backup_screen", "SaveBackupScreen"),
    "restore_backup": ("backup_screen", "RestoreBackupScreen"),
}


def screen_class(route: str) -> type[Screen]:
    try:
        module, name = ROUTES[route]
    except KeyError:
        raise KeyError(f"no screen is called {route!r}") from None
    return getattr(importlib.import_module(_SCREENS + module), name)


def make(route: str, shell: Shell, **params: Any) -> Screen:
    screen = screen_class(route)(shell, **params)
    screen.route, screen.params = route, dict(params)  # how to make it again after a lock
    return screen


def route_of(screen: object) -> str | None:
    """The route name of a screen instance (for "is help already showing?")."""
    for route, (module, name) in ROUTES.items():
        cls = type(screen)
        if cls.__name__ == name and cls.__module__ == _SCREENS + module:
            return route
    return None
