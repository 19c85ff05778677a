"""Small building blocks shared by the screens."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

import flet as ft

from companion.ui.theme import CONTENT_MAX_WIDTH

Handler = Callable[[ft.ControlEvent], Awaitable[None] | None]


def heading(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, weight=ft.FontWeight.W_600)


def body(text: str, *, muted: bool = False, selectable: bool = False) -> ft.Text:
    return ft.Text(
        text,
        theme_style=ft.TextThemeStyle.BODY_LARGE,
        color=ft.Colors.ON_SURFACE_VARIANT if muted else None,
        selectable=selectable,
    )


def small(text: str, *, color: str | None = None) -> ft.Text:
    return ft.Text(
        text, theme_style=ft.TextThemeStyle.BODY_SMALL, color=color or ft.Colors.ON_SURFACE_VARIANT
    )


def column(*controls: ft.Control, scroll: bool = True, spacing: int = 16) -> ft.Column:
    """A full-height column of content; the shell adds side margins on wide screens."""
    return ft.Column(
        list(controls),
        spacing=spacing,
        scroll=ft.ScrollMode.AUTO if scroll else None,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


def side_padding(available_width: float | None) -> int:
    """Margins that keep text at a readable width on a wide window."""
    width = available_width or 400
    return int(max(16, (width - CONTENT_MAX_WIDTH) / 2))


def error_text() -> ft.Text:
    return ft.Text("", color=ft.Colors.ERROR, visible=False, theme_style=ft.TextThemeStyle.BODY_MEDIUM)


def show_error(label: ft.Text, message: str) -> None:
    label.value = message
    label.visible = bool(message)


def friendly_time(moment: datetime) -> str:
    local = moment.astimezone()
    today = datetime.now().astimezone().date()
    if local.date() == today:
        return "Today, " + local.strftime("%H:%M")
    if (today - local.date()).days == 1:
        return "Yesterday, " + local.strftime("%H:%M")
    if local.year == today.year:
        return local.strftime("%a %d %b, %H:%M")
    return local.strftime("%d %b %Y, %H:%M")


def primary_button(text: str, on_click: Handler, **kwargs) -> ft.FilledButton:
    return ft.FilledButton(content=text, on_click=on_click, **kwargs)


def secondary_button(text: str, on_click: Handler, **kwargs) -> ft.OutlinedButton:
    return ft.OutlinedButton(content=text, on_click=on_click, **kwargs)


def icon_button(icon: ft.IconData, label: str, on_click: Handler, **kwargs) -> ft.Control:
    """An icon-only button that screen readers (and browser tests) know by ``label``.

    Flutter puts a tooltip's text on a separate node, so the name is given
    through Semantics and the inner button's own (unnamed) node is hidden.
    """
    return ft.Semantics(
        label=label,
        button=True,
        container=True,
        exclude_semantics=True,
        on_tap=on_click,
        content=ft.IconButton(icon=icon, on_click=on_click, tooltip=label, **kwargs),
    )
