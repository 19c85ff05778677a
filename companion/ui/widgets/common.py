"""Small building blocks shared by the screens."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import flet as ft

from companion.core import i18n
from companion.core.i18n import _
from companion.ui.kit.theme import CONTENT_MAX_WIDTH
from companion.ui.widgets.tappable import TappableSemantics

Handler = Callable[[ft.ControlEvent], Awaitable[None] | None]


def heading(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, weight=ft.FontWeight.W_600)


def subtitle(text: str) -> ft.Text:
    """A heading inside a screen (a group of choices, a section of a list)."""
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)


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


def side_padding(available_width: float | None, max_width: float = CONTENT_MAX_WIDTH) -> int:
    """Margins that keep text at a readable width on a wide window."""
    width = available_width or 400
    return int(max(16, (width - max_width) / 2))


def error_text() -> ft.Text:
    return ft.Text("", color=ft.Colors.ERROR, visible=False, theme_style=ft.TextThemeStyle.BODY_MEDIUM)


def show_error(label: ft.Text, message: str) -> None:
    label.value = message
    label.visible = bool(message)


def friendly_time(moment: datetime) -> str:
    """ "Today, 17:30", "Tue 24 Nov, 17:30", "24 Nov 2025, 17:30", in the current language."""
    local = moment.astimezone()
    today = datetime.now().astimezone().date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        # Translators: {time} is a time of day like "17:30"
        return _("Today, {time}").format(time=clock)
    if (today - local.date()).days == 1:
        return _("Yesterday, {time}").format(time=clock)
    if (local.date() - today).days == 1:
        return _("Tomorrow, {time}").format(time=clock)
    if i18n.current() == i18n.DEFAULT:
        # English as it always was (CLDR's British English would write "Sept")
        if local.year == today.year:
            return local.strftime("%a %d %b, %H:%M")
        return local.strftime("%d %b %Y, %H:%M")
    from companion.core import localformat

    if local.year == today.year:
        # Translators: a short date in CLDR pattern letters (EEE short weekday, dd day,
        # MMM short month), as in "Tue 24 Nov"
        day = localformat.pattern(local.date(), _("EEE dd MMM"))
    else:
        # Translators: a short date with the year in CLDR pattern letters, as in "24 Nov 2025"
        day = localformat.pattern(local.date(), _("dd MMM y"))
    # Translators: {day} is a short date like "Tue 24 Nov", {time} a time like "17:30"
    return _("{day}, {time}").format(day=day, time=clock)


def primary_button(text: str, on_click: Handler, **kwargs) -> ft.FilledButton:
    return ft.FilledButton(content=text, on_click=on_click, **kwargs)


def outlined_button(
    text: str, on_click: Handler, icon: ft.IconData | None = None, **kwargs
) -> ft.OutlinedButton:
    return ft.OutlinedButton(content=text, icon=icon, on_click=on_click, **kwargs)


def delete_button(text: str, on_click: Handler) -> ft.OutlinedButton:
    """The one way a screen offers to delete what it shows: outlined, in the error colour."""
    return outlined_button(
        text, on_click, icon=ft.Icons.DELETE_OUTLINE, style=ft.ButtonStyle(color=ft.Colors.ERROR)
    )


def button_row(*buttons: ft.Control, spacing: int = 10) -> ft.Row:
    """Buttons side by side that wrap to a second line on a narrow phone instead of being cut."""
    return ft.Row(list(buttons), wrap=True, spacing=spacing)


def icon_button(icon: ft.IconData, label: str, on_click: Handler, **kwargs) -> ft.Control:
    """An icon-only button that screen readers (and browser tests) know by ``label``.

    Flutter puts a tooltip's text on a separate node, so the name is given through
    Semantics, whose tap is wired for assistive technology; pointer taps reach the
    inner IconButton, whose own unnamed node is hidden.
    """
    handler = once_per_tap(on_click)
    return TappableSemantics(
        label=label,
        button=True,
        container=True,
        exclude_semantics=True,
        on_tap=handler,
        on_click=handler,
        content=ft.IconButton(icon=icon, on_click=handler, tooltip=label, **kwargs),
    )


def once_per_tap(on_click: Handler, window_s: float = 0.4) -> Handler:
    """One tap may arrive both as a pointer click and as an accessibility action: act once."""
    last = [0.0]

    async def handler(e: ft.ControlEvent) -> None:
        now = time.monotonic()
        if now - last[0] < window_s:
            return
        last[0] = now
        result = on_click(e)
        if inspect.isawaitable(result):
            await result

    return handler


class ChoiceMenu:
    """Pick one of a few options from a menu; the button reads "Label: choice".

    Used instead of Dropdown, whose button has no accessible name in Flet 1.0.5 web:
    here the visible text is the name, so screen readers announce the current choice.
    """

    def __init__(
        self,
        label: str,
        options: list[tuple[str, str]],
        value: str,
        on_change: Callable[[str], Awaitable[None]] | None = None,
    ) -> None:
        self.label = label
        self.options = options
        self.value = value
        self.on_change = on_change
        # loose: as wide as its words, and wraps when a narrow screen or large text needs it
        # (only where the menu sits in a wrapping Row, which gives it a width to keep within)
        self.text = ft.Text(expand=True, expand_loose=True)
        self.control = ft.PopupMenuButton(
            content=ft.Container(
                ft.Row([self.text, ft.Icon(ft.Icons.ARROW_DROP_DOWN, size=20)], spacing=4, tight=True),
                padding=ft.Padding.symmetric(horizontal=12, vertical=8),
                border=ft.Border.all(1, ft.Colors.OUTLINE),
                border_radius=8,
            ),
            items=[],
            menu_position=ft.PopupMenuPosition.UNDER,
        )
        self._refresh()

    def _refresh(self) -> None:
        names = dict(self.options)
        # Translators: a menu button showing its name and the current choice, "How often: every day"
        self.text.value = _("{label}: {choice}").format(
            label=self.label, choice=names.get(self.value, self.value)
        )
        self.control.items = [
            ft.PopupMenuItem(content=text, checked=key == self.value, on_click=self._picker(key))
            for key, text in self.options
        ]

    def set_value(self, value: str) -> None:
        self.value = value
        self._refresh()

    def _picker(self, key: str):
        async def pick(_e: ft.ControlEvent) -> None:
            self.set_value(key)
            if self.on_change is not None:
                await self.on_change(key)
            self.control.update()

        return pick


class IntensityScale:
    """0-10 as eleven tappable numbers: one tap to any value, each named for screen readers.

    (A Slider would be the obvious choice, but in Flet 1.0.5 web its value overlay
    covers the whole dialog in the accessibility tree and blocks every other tap.)
    With ``optional=True`` tapping the chosen number again clears it (a skipped answer).
    """

    def __init__(
        self, value: int | None, page: ft.Page, *, optional: bool = False, label: str | None = None
    ) -> None:
        self.value = value
        self.page = page
        self.optional = optional
        self.chips = [
            ft.Chip(
                label=ft.Text(str(n), color=ft.Colors.ON_PRIMARY if n == value else None),
                selected=n == value,
                show_checkmark=False,
                selected_color=ft.Colors.PRIMARY,  # the chosen number stands out clearly (WCAG 3:1)
                on_select=self._choose(n),
            )
            for n in range(11)
        ]
        self.control = ft.Semantics(
            label=_("0 to 10") if label is None else label,
            container=True,
            content=ft.Row(self.chips, wrap=True, spacing=4, run_spacing=4),
        )

    def _choose(self, n: int):
        async def choose(_e: ft.ControlEvent) -> None:
            self.value = None if (self.optional and self.value == n) else n
            for i, chip in enumerate(self.chips):
                chip.selected = i == self.value
                chip.label.color = ft.Colors.ON_PRIMARY if chip.selected else None
            self.page.update()

        return choose


def show_secret_toggle(fields: list[ft.TextField], page: ft.Page, label: str | None = None) -> ft.Checkbox:
    """One named checkbox that reveals the passphrase fields.

    Used instead of the fields' own eye icons, which have no accessible name in
    Flet 1.0.5 web: a screen reader would announce them as an unnamed button.
    """

    def toggle(e: ft.ControlEvent) -> None:
        for field in fields:
            field.password = not e.control.value
        page.update()

    return ft.Checkbox(label=_("Show passphrase") if label is None else label, value=False, on_change=toggle)


async def delete_with_undo(ctl: Any, record_id: str, delete: Callable[[str], Any], message: str) -> None:
    """Delete, then offer a short-lived Undo that puts the very same record back.

    The record is read before it goes (it stays only in this page's memory, and the toast
    holding it is closed when the journal locks) and restored with its own id and dates, so it
    returns exactly where it was.
    """
    stores = ctl.stores
    if stores is None:
        return
    record = await asyncio.to_thread(stores.records.get, record_id)
    await asyncio.to_thread(delete, record_id)

    async def undo(_e: ft.ControlEvent) -> None:
        current = ctl.stores
        if current is None:
            return
        await asyncio.to_thread(current.records.put_back, record)
        ctl.toast(_("It's back."))
        if ctl.current is not None:
            await ctl.current.on_show()

    ctl.toast(message, action=_("Undo"), on_action=undo)


def wrapping_checkbox(
    label: str, value: bool, on_change: Handler, *, detail: str = "", disabled: bool = False
) -> ft.Row:
    """A checkbox whose label wraps (Flet 1.0.5 keeps a Checkbox's own label on one line).

    The box carries the label as its accessible name; the text beside it wraps and, when
    tapped, toggles the box as a label would. The box itself is the row's first control.
    """
    box = ft.Checkbox(value=value, semantics_label=label, on_change=on_change, disabled=disabled)

    async def toggle(_e: ft.ControlEvent) -> None:
        if box.disabled:
            return
        box.value = not box.value
        box.update()
        result = on_change(ft.ControlEvent(control=box, name="change", data=str(box.value).lower()))
        if inspect.isawaitable(result):
            await result

    text = ft.Column([ft.Text(label, theme_style=ft.TextThemeStyle.BODY_LARGE)], spacing=2, tight=True)
    if detail:
        text.controls.append(small(detail))
    # The text is only for the eyes: the box already carries it as its name, so screen
    # readers meet one checkbox, not a checkbox and a second, unlabelled tap target.
    label_part = ft.Semantics(
        exclude_semantics=True,
        content=ft.Container(text, on_click=toggle, padding=ft.Padding.only(top=10)),
        expand=True,
    )
    return ft.Row([box, label_part], vertical_alignment=ft.CrossAxisAlignment.START, spacing=4)
