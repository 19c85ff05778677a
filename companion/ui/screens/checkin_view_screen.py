"""A past check-in, to read: what I noticed, what I felt, what I needed, what I wrote.

Opening a check-in from the timeline used to drop the person straight into the editing
steps, where one stray tap changes what they wrote on a hard day. Reading is the default
here; editing and deleting are buttons to choose.
"""

from __future__ import annotations

import asyncio

import flet as ft

from companion.core.errors import CompanionError
from companion.core.i18n import N_, _
from companion.kinds.checkin import (
    BodyMark,
    CheckIn,
    CheckIns,
    FeelingPick,
    describe_feeling,
    region_name,
    sensation_words,
)
from companion.reference import vocabulary as vocab
from companion.ui.kit.screen import Screen
from companion.ui.kit.shell import Shell
from companion.ui.widgets.common import (
    body,
    delete_button,
    delete_with_undo,
    error_text,
    friendly_time,
    show_error,
    small,
    subtitle,
)

# What the person wrote, in the order the steps ask: translate the headings with _() where shown.
WROTE_HEADINGS = (
    ("happened", N_("What happened")),
    ("said", N_("What I said")),
    ("body_said", N_("What my body said")),
    ("note", N_("Anything else")),
)


def mark_lines(mark: BodyMark) -> tuple[str, str, str]:
    """(place, what it was like, how strong) in words of the current language; empty strings for
    what wasn't given."""
    qualities = sensation_words(mark)
    strength = ""
    if mark.intensity is not None:
        # Translators: how strong something felt in a body area, out of 10
        strength = _("Strength {strength} of 10").format(strength=mark.intensity)
    return region_name(mark.region), ", ".join(qualities), strength


def feeling_line(word: str, level: str | None, *, own: bool = False) -> str:
    """ "disappointed, very" in the current language for a stored feeling (an id, or the
    person's own word, kept as written); the word alone when no strength was chosen."""
    return describe_feeling(FeelingPick(word, level, own=own))


def wrote_lines(checkin: CheckIn) -> list[tuple[str, str]]:
    """(heading, text) for each thing the person wrote, in the order the steps ask."""
    pairs = [(_(heading), getattr(checkin, field)) for field, heading in WROTE_HEADINGS]
    return [(title, text.strip()) for title, text in pairs if text.strip()]


class CheckInViewScreen(Screen):
    """One saved check-in, read-only, with Edit and Delete."""

    title = N_("Check-in")  # translated where the shell shows it

    def __init__(self, ctl: Shell, record_id: str | None = None) -> None:
        super().__init__(ctl)
        self.record_id = record_id

    @property
    def checkins(self) -> CheckIns:
        return self.stores.checkins

    def build(self) -> ft.Control:
        self.when = small("")
        self.sections = ft.Column(spacing=18, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.error = error_text()
        self.actions = self._actions()
        self.area = ft.Column(
            [self.when, self.actions, self.sections, self.error],
            spacing=12,
            scroll=ft.ScrollMode.AUTO,
            expand=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
        return self.area

    def _actions(self) -> ft.Row:
        """Edit and Delete near the top: in reach, and never under a "saved" note at the bottom."""
        return ft.Row(
            [
                ft.FilledTonalButton(
                    content=_("Edit check-in"), icon=ft.Icons.EDIT_OUTLINED, on_click=self._edit
                ),
                delete_button(_("Delete check-in"), self._confirm_delete),
            ],
            wrap=True,
            spacing=8,
            run_spacing=8,
            visible=False,  # until the check-in has been read
        )

    async def on_show(self) -> None:
        if self.record_id is None:
            show_error(self.error, _("This check-in can't be found. Your other entries are fine."))
            self.ctl.page.update()
            return
        try:
            record = await asyncio.to_thread(self.stores.records.get, self.record_id)
            checkin = CheckIn.from_payload(record.payload)
        except CompanionError as exc:
            self.sections.controls = []
            self.actions.visible = False
            show_error(self.error, str(exc))
            self.ctl.page.update()
            return
        # Translators: when a check-in was made; {when} is e.g. "today, 17:30" or "Tuesday 24 November"
        self.when.value = _("Checked in {when}").format(when=friendly_time(record.created_at))
        self.sections.controls = self._sections(checkin)
        self.actions.visible = True
        show_error(self.error, "")
        self.ctl.page.update()
        await self.area.scroll_to(offset=0, duration=0)  # a new reading starts at its top

    # --- what is shown -------------------------------------------------------------------

    def _sections(self, checkin: CheckIn) -> list[ft.Control]:
        parts = [
            self._section(_("What I noticed"), [self._mark(m) for m in checkin.body]),
            self._section(_("What I felt"), self._feelings(checkin)),
            self._section(_("What I needed"), [body(n) for n in self._needs(checkin)]),
            self._section(
                _("What I wrote"), [self._wrote(title, text) for title, text in wrote_lines(checkin)]
            ),
        ]
        shown = [p for p in parts if p is not None]
        return shown or [body(_("Nothing was noted in this check-in."), muted=True)]

    @staticmethod
    def _section(title: str, items: list[ft.Control]) -> ft.Control | None:
        if not items:
            return None
        return ft.Column(
            [subtitle(title), *items], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH
        )

    @staticmethod
    def _mark(mark: BodyMark) -> ft.Control:
        place, what, strength = mark_lines(mark)
        lines: list[ft.Control] = [ft.Text(place, weight=ft.FontWeight.W_600)]
        if what:
            lines.append(body(what))
        if strength:
            lines.append(small(strength))
        return ft.Container(
            ft.Column(lines, spacing=2),
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
            border_radius=12,
            border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        )

    @staticmethod
    def _feelings(checkin: CheckIn) -> list[ft.Control]:
        if not checkin.feelings:
            return [body(_("Not sure yet"))] if checkin.not_sure else []
        rows: list[ft.Control] = []
        for pick in checkin.feelings:
            line = describe_feeling(pick)  # a listed feeling (stored by id) in the current language
            rows.append(
                body(line)
                if not pick.own_word
                else ft.Column([body(line), small(_("In my own words"))], spacing=0)
            )
        return rows

    @staticmethod
    def _needs(checkin: CheckIn) -> list[str]:
        needs = [vocab.need_label(n.id) for n in vocab.needs() if n.id in checkin.needs]
        return needs + ([checkin.need_other.strip()] if checkin.need_other.strip() else [])

    @staticmethod
    def _wrote(title: str, text: str) -> ft.Control:
        return ft.Column(
            [ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_SMALL), body(text)],
            spacing=2,
        )

    # --- choices -------------------------------------------------------------------------

    async def _edit(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("checkin", record_id=self.record_id)

    async def _confirm_delete(self, _e: ft.ControlEvent) -> None:
        self.ctl.confirm(
            _("Delete this check-in?"), _("You'll have a few seconds to undo it."), _("Delete"), self._delete
        )

    async def _delete(self, _e: ft.ControlEvent) -> None:
        self.ctl.page.pop_dialog()
        if self.record_id is None:
            return
        await delete_with_undo(self.ctl, self.record_id, self.checkins.delete, _("Check-in deleted."))
        await self.ctl.back()
