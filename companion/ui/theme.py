"""One calm colour scheme for light and dark, used everywhere."""

from __future__ import annotations

import flet as ft

SEED = "#3F7F78"  # a muted teal: quiet, not clinical
PHONE_MAX_WIDTH = 720  # below this the shell uses a bottom bar, above it a side rail
CONTENT_MAX_WIDTH = 760  # keep lines readable on wide screens


def light() -> ft.Theme:
    return ft.Theme(color_scheme_seed=SEED, visual_density=ft.VisualDensity.COMFORTABLE)


def dark() -> ft.Theme:
    return ft.Theme(color_scheme_seed=SEED, visual_density=ft.VisualDensity.COMFORTABLE)


def apply(page: ft.Page) -> None:
    page.theme = light()
    page.dark_theme = dark()
    page.theme_mode = ft.ThemeMode.SYSTEM
