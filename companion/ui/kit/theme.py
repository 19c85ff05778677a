"""One calm colour scheme for light and dark, used everywhere, and the person's own choices.

Two choices live in the encrypted settings: light, dark or the device's look (``theme``), and
a text size (``text_size``), up to twice the standard. Flet 1.0.5 has no app-wide text scale,
so a larger size is a text theme whose Material 3 styles are scaled; text that sets its own size
stays as it is (so screens use theme styles), and navigation labels stop growing where the bar
runs out of room.

The colours are Flutter's ``ColorScheme.fromSeed(SEED)`` (Material's tonal-spot scheme) with no
overrides: tests/test_contrast.py checks every text/background pair the app uses against WCAG
AA in both modes, and tests/e2e/test_theme_render.py checks the browser draws those colours.
"""

from __future__ import annotations

from typing import Any

import flet as ft

from companion.core.i18n import N_

SEED = "#3F7F78"  # a muted teal: quiet, not clinical
PHONE_MAX_WIDTH = 720  # below this the shell uses a bottom bar, above it a side rail
CONTENT_MAX_WIDTH = 760  # keep lines readable on wide screens

THEME_KEY = "theme"
TEXT_SIZE_KEY = "text_size"
REDUCE_MOTION_KEY = "reduce_motion"

THEME_MODES: dict[str, ft.ThemeMode] = {
    "system": ft.ThemeMode.SYSTEM,
    "light": ft.ThemeMode.LIGHT,
    "dark": ft.ThemeMode.DARK,
}
# Shown through `_()` where they are listed (Settings): N_ only marks them for translation.
THEME_LABELS: dict[str, str] = {
    # Translators: the colour theme that follows the device's light or dark setting
    "system": N_("Like my device"),
    # Translators: the light colour theme
    "light": N_("Light"),
    # Translators: the dark colour theme
    "dark": N_("Dark"),
}
DEFAULT_THEME = "system"

# Up to twice the standard size (WCAG 1.4.4). The keys are stored in settings: keep old ones.
TEXT_SCALES: dict[str, float] = {
    "standard": 1.0,
    "large": 1.15,
    "larger": 1.3,
    "very_large": 1.6,
    "largest": 2.0,
}
# Translators: the sizes of text a person can choose in Settings
TEXT_SIZE_LABELS: dict[str, str] = {
    "standard": N_("Standard"),
    "large": N_("Large"),
    "larger": N_("Larger"),
    "very_large": N_("Very large"),
    "largest": N_("Largest"),
}
DEFAULT_TEXT_SIZE = "standard"

# Material 3's type scale (Flutter's Typography.englishLike2021), in logical pixels.
M3_SIZES: dict[str, float] = {
    "display_large": 57,
    "display_medium": 45,
    "display_small": 36,
    "headline_large": 32,
    "headline_medium": 28,
    "headline_small": 24,
    "title_large": 22,
    "title_medium": 16,
    "title_small": 14,
    "label_large": 14,
    "label_medium": 12,
    "label_small": 11,
    "body_large": 16,
    "body_medium": 14,
    "body_small": 12,
}


def theme_choice(value: Any) -> str:
    return value if isinstance(value, str) and value in THEME_MODES else DEFAULT_THEME


def text_size_choice(value: Any) -> str:
    return value if isinstance(value, str) and value in TEXT_SCALES else DEFAULT_TEXT_SIZE


def text_theme(scale: float) -> ft.TextTheme | None:
    """Every Material style scaled; None at the standard size (Flutter's own theme, untouched).

    Flet replaces a style rather than merging it, so each keeps the theme's text colour
    explicitly; weights and spacing still come from Flutter's type scale.
    """
    if scale == 1.0:
        return None
    styles = {
        name: ft.TextStyle(size=round(size * scale, 1), color=ft.Colors.ON_SURFACE)
        for name, size in M3_SIZES.items()
    }
    return ft.TextTheme(**styles)


NAV_BAR_LABEL_MAX = 14  # px: the phone's bottom bar
NAV_RAIL_LABEL_MAX = 16  # px: the side rail on a wide window


def _nav_labels(scale: float, limit: float) -> dict[ft.ControlState, ft.TextStyle]:
    """Navigation labels that grow with the text but stop at ``limit`` px.

    Five tabs share a phone's width, about 80 px each: beyond 14 px "Settings" no longer fits
    and wraps out of the bar. The icons carry each tab too, as on other platforms whose tab
    bars keep their size. Colours and weight are Material 3's defaults (Flet replaces the style).
    """
    size = round(min(M3_SIZES["label_medium"] * scale, limit), 1)
    return {
        ft.ControlState.SELECTED: ft.TextStyle(
            size=size, weight=ft.FontWeight.W_500, color=ft.Colors.ON_SURFACE
        ),
        ft.ControlState.DEFAULT: ft.TextStyle(
            size=size, weight=ft.FontWeight.W_500, color=ft.Colors.ON_SURFACE_VARIANT
        ),
    }


def _theme(scale: float) -> ft.Theme:
    if scale == 1.0:
        return ft.Theme(color_scheme_seed=SEED, visual_density=ft.VisualDensity.COMFORTABLE)
    bar = _nav_labels(scale, NAV_BAR_LABEL_MAX)
    rail = _nav_labels(scale, NAV_RAIL_LABEL_MAX)
    return ft.Theme(
        color_scheme_seed=SEED,
        visual_density=ft.VisualDensity.COMFORTABLE,
        text_theme=text_theme(scale),
        navigation_bar_theme=ft.NavigationBarTheme(label_text_style=bar),
        navigation_rail_theme=ft.NavigationRailTheme(
            selected_label_text_style=rail[ft.ControlState.SELECTED],
            unselected_label_text_style=rail[ft.ControlState.DEFAULT],
        ),
    )


def light(scale: float = 1.0) -> ft.Theme:
    return _theme(scale)


def dark(scale: float = 1.0) -> ft.Theme:
    return _theme(scale)


def apply(page: ft.Page, mode: str = DEFAULT_THEME, text_size: str = DEFAULT_TEXT_SIZE) -> None:
    """Set the look; the caller updates the page."""
    scale = TEXT_SCALES[text_size_choice(text_size)]
    page.theme = light(scale)
    page.dark_theme = dark(scale)
    page.theme_mode = THEME_MODES[theme_choice(mode)]


def apply_saved(page: ft.Page, settings: Any) -> None:
    """The person's saved look (from `Settings`), used right after unlocking."""
    apply(page, settings.get(THEME_KEY), settings.get(TEXT_SIZE_KEY))


def apply_appearance(page: ft.Page, appearance: Any) -> None:
    """The look kept beside the journal (`adapters.appearance`), used before unlocking."""
    apply(page, appearance.theme, appearance.text_size)


def appearance_of(settings: Any, appearance_type: Any) -> Any:
    """The three look choices from the encrypted settings, to mirror beside the journal."""
    return appearance_type(
        theme=theme_choice(settings.get(THEME_KEY)),
        text_size=text_size_choice(settings.get(TEXT_SIZE_KEY)),
        reduce_motion=bool(settings.get(REDUCE_MOTION_KEY, False)),
    )
