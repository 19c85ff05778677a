"""The check-in: body, feelings, needs and context, then a review and `Save check-in`.

Every step can be skipped and the `Review` button is always there, so a minimal
check-in (one place in the body, one feeling) is a handful of taps. Nothing is chosen for the
person: a strength stays open until they pick one, and a word they type is kept as they wrote
it. Each step opens at its top.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

import flet as ft

from companion.core import i18n
from companion.core.errors import CompanionError
from companion.core.i18n import N_, _
from companion.kinds.checkin import (
    FEELING_LEVELS,
    BodyMark,
    CheckIn,
    CheckIns,
    describe_feeling,
    describe_mark,
    feeling_word,
    region_name,
    sensation_words,
)
from companion.reference import vocabulary as vocab
from companion.ui.kit.screen import Screen
from companion.ui.kit.shell import Shell
from companion.ui.widgets.autosave import DraftAutosave
from companion.ui.widgets.body_map import BodyMap
from companion.ui.widgets.common import (
    IntensityScale,
    body,
    error_text,
    icon_button,
    primary_button,
    show_error,
    small,
    subtitle,
)
from companion.ui.widgets.feelings_picker import FeelingsPicker

STEPS = (
    # Translators: the check-in's first step (where in the body something is noticed), also a heading
    N_("Body"),
    # Translators: the check-in's second step (naming feelings), also a heading
    N_("Feelings"),
    # Translators: the check-in's third step (what I might need), also a heading
    N_("Needs"),
    # Translators: the check-in's last step (looking it over before saving), also its button
    N_("Review"),
)
# How strong a chosen feeling is, as the buttons under it say it: translate with _() where shown.
LEVEL_LABELS = {
    # Translators: how strong a feeling is, a button under the feeling word (short)
    "mild": N_("A little"),
    # Translators: how strong a feeling is, a button under the feeling word (short)
    "moderate": N_("Quite"),
    # Translators: how strong a feeling is, a button under the feeling word (short)
    "strong": N_("Very"),
}
# The body map's switch, one short word each (four must fit a phone's width).
SIDE_LABELS = {
    # Translators: the body map switch: the body seen from the front (one short word)
    "front": N_("Front"),
    # Translators: the body map switch: the body seen from behind (one short word, e.g. "Rücken").
    # English shows just "Back"; the plain "Back" elsewhere is the button that goes back a screen.
    "back": N_("Back (the body from behind)"),
    # Translators: the body map switch: the face shown up close (one short word)
    "face": N_("Face"),
    # Translators: the body map switch: body areas as a list instead of a picture (one short word)
    "list": N_("List"),
}


def side_label(side: str) -> str:
    """The body map switch's word for ``side``. English says "Back"; other languages translate
    the body's back apart from the screen's "Back" button ("Rücken", not "Zurück")."""
    if side == "back" and i18n.current() == i18n.DEFAULT:
        return "Back"
    return _(SIDE_LABELS[side])


def mark_detail(mark: BodyMark) -> str:
    """What was noticed at one place, without the place: "tight, heavy (7/10)", or "noticed"."""
    qualities = sensation_words(mark)
    # Translators: shown after a body area when no quality was picked: "Chest: noticed"
    what = ", ".join(qualities) if qualities else _("noticed")
    if mark.intensity is None:
        return what
    # Translators: what was noticed at a body area and how strong, out of 10: "tight, heavy (7/10)"
    return _("{qualities} ({strength}/10)").format(qualities=what, strength=mark.intensity)


RANKING_STRENGTH = 5  # weighs an unrated mark for feeling suggestions only; never stored or shown


class CheckInScreen(DraftAutosave, Screen):
    """A new check-in (record_id None) or an existing one being edited."""

    def __init__(self, ctl: Shell, record_id: str | None = None, *, step: int = 0) -> None:
        super().__init__(ctl)
        self.record_id = record_id
        # Translated where the shell shows it.
        self.title = N_("Check in") if record_id is None else N_("Edit check-in")
        self.value = CheckIn()
        self.saved: CheckIn | None = None
        self.step = max(0, min(step, len(STEPS) - 1))  # a step to come back to after a lock
        self.side = "front"
        self.init_autosave()

    def draft_store(self) -> CheckIns | None:
        return None if self.ctl.stores is None else self.ctl.stores.checkins

    def resume_params(self) -> dict[str, object]:
        return {**self.params, "step": self.step}

    def draft_value(self) -> CheckIn:
        self._read_texts()
        return self.value

    @property
    def checkins(self) -> CheckIns:
        return self.stores.checkins

    # --- frame ---------------------------------------------------------------------------

    def build(self) -> ft.Control:
        self.steps_row = ft.Row(wrap=True, spacing=4)
        self.body_area = ft.Column(
            spacing=14,
            scroll=ft.ScrollMode.AUTO,
            expand=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
        self.nav_row = ft.Row(wrap=True, spacing=8)
        self.error = error_text()
        self.note = small("")
        self._build_steps()
        return ft.Column(
            [self.steps_row, self.body_area, self.error, self.nav_row, self.note],
            expand=True,
            spacing=8,
        )

    def _build_steps(self) -> None:
        self.body_map = BodyMap(
            side=self.side, marks={}, on_tap=self._open_region, width=230, on_view=self._on_map_view
        )
        self.picker = FeelingsPicker(self._add_feeling, page=self.ctl.page)
        self.chosen_box = ft.Column(spacing=6)
        self.not_sure = ft.Checkbox(label=_("I'm not sure yet"), on_change=self._on_not_sure)
        self.marks_box = ft.Column(spacing=4)
        self.region_list = ft.Column(spacing=0, visible=False)
        self.side_picker = ft.SegmentedButton(
            segments=[
                ft.Segment(value=side, label=side_label(side)) for side in ("front", "back", "face", "list")
            ],
            selected=["front"],
            show_selected_icon=False,  # four words fit a phone's width without the tick
            on_change=self._on_side,
        )
        self.needs_row = ft.Row(wrap=True, spacing=6)
        self.hints = ft.Column(spacing=4)
        self.need_other = self._text(_("Something else I need"), multiline=False)
        self.happened = self._text(_("What happened?"))
        self.said = self._text(_("What I said"))
        self.body_said = self._text(_("What my body said"))
        self.note_field = self._text(_("Anything else"))
        self.review_box = ft.Column(spacing=8)

    def _text(self, label: str, *, multiline: bool = True) -> ft.TextField:
        return ft.TextField(
            label=label,
            multiline=multiline,
            min_lines=2 if multiline else 1,
            max_lines=None if multiline else 1,
            on_change=self._on_text,
        )

    async def on_show(self) -> None:
        if self.record_id is not None:
            try:
                self.saved = await asyncio.to_thread(self.checkins.get, self.record_id)
            except CompanionError as exc:
                show_error(self.error, str(exc))
                self.ctl.page.update()
                return
            self.value = self.saved
        kept = await self.restore_draft()
        if kept is not None:
            self.value = kept
            self.note.value = _("Picked up where you left off.")
        self._load_texts()
        self._show_step()
        await self._to_top()
        self.start_autosave()

    def _load_texts(self) -> None:
        v = self.value
        self.need_other.value, self.happened.value = v.need_other, v.happened
        self.said.value, self.body_said.value, self.note_field.value = v.said, v.body_said, v.note
        self.not_sure.value = v.not_sure

    def _read_texts(self) -> None:
        self.value = replace(
            self.value,
            need_other=self.need_other.value or "",
            happened=self.happened.value or "",
            said=self.said.value or "",
            body_said=self.body_said.value or "",
            note=self.note_field.value or "",
        )

    def _changed(self) -> None:
        self.dirty = True
        self.ctl.touch()
        show_error(self.error, "")

    # --- step switching ------------------------------------------------------------------

    def _show_step(self) -> None:
        self.steps_row.controls = [
            ft.TextButton(
                content=f"{i + 1}. {_(name)}",
                on_click=self._goto(i),
                style=ft.ButtonStyle(
                    bgcolor=ft.Colors.SECONDARY_CONTAINER if i == self.step else None,
                    padding=ft.Padding.symmetric(horizontal=10, vertical=4),
                ),
            )
            for i, name in enumerate(STEPS)
        ]
        builders = (self._body_step, self._feelings_step, self._needs_step, self._review_step)
        self.body_area.controls = builders[self.step]()
        buttons: list[ft.Control] = []
        if self.step > 0:
            buttons.append(ft.OutlinedButton(content=_("Previous"), on_click=self._goto(self.step - 1)))
        if self.step < len(STEPS) - 1:
            buttons.append(primary_button(_("Next"), self._goto(self.step + 1)))
            buttons.append(ft.TextButton(content=_(STEPS[-1]), on_click=self._goto(len(STEPS) - 1)))
        else:
            buttons.append(primary_button(_("Save check-in"), self._save))
        self.nav_row.controls = buttons
        self.ctl.page.update()

    async def _to_top(self) -> None:
        """A new step starts at its top: the steps share one scrolling area, which otherwise
        keeps the last step's position and hides the new step's first lines."""
        await self.body_area.scroll_to(offset=0, duration=0)

    def _goto(self, step: int):
        async def go(_e: ft.ControlEvent) -> None:
            self._read_texts()
            self.step = step
            self.ctl.touch()
            self._show_step()
            await self._to_top()

        return go

    # --- step 1: body --------------------------------------------------------------------

    def _body_step(self) -> list[ft.Control]:
        self._refresh_marks()
        return [
            subtitle(_("Where do you notice something in your body?")),
            small(_("Tap a place. If nothing stands out, that's fine: skip ahead.")),
            self.side_picker,
            # Translators: explains the body map switch's "Face" (use the same word as there)
            small(_("Face shows the face up close, so each part is easy to tap.")),
            ft.Row([self.body_map.control], alignment=ft.MainAxisAlignment.CENTER),
            self.region_list,
            self.marks_box,
        ]

    def _region_click(self, region_id: str):
        async def click(_e: ft.ControlEvent) -> None:
            await self._open_region(region_id)

        return click

    def _refresh_marks(self) -> None:
        marks: dict[str, int | None] = {m.region: m.intensity for m in self.value.body}
        self.body_map.set_marks(marks)
        listing = self.side_picker.selected == ["list"]
        self.body_map.control.visible = not listing
        self.region_list.visible = listing
        if listing:
            self.region_list.controls = [
                ft.ListTile(
                    title=ft.Text(r.name),
                    subtitle=ft.Text(mark_detail(mark)) if (mark := self.value.marked(r.id)) else None,
                    on_click=self._region_click(r.id),
                    dense=True,
                    trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                )
                for r in vocab.regions()
                if r.id != "whole_body"
            ]
        self.marks_box.controls = (
            [ft.Text(_("What you noticed"), theme_style=ft.TextThemeStyle.TITLE_SMALL)]
            + [
                ft.ListTile(
                    leading=ft.Icon(ft.Icons.CIRCLE, color=ft.Colors.PRIMARY, size=14),
                    title=ft.Text(describe_mark(m)),
                    dense=True,
                    on_click=self._region_click(m.region),
                )
                for m in self.value.body
            ]
            if self.value.body
            else []
        )

    async def _on_side(self, e: ft.ControlEvent) -> None:
        selected = self.side_picker.selected or ["front"]
        if selected[0] in ("front", "back", "face"):
            self.side = selected[0]
            self.body_map.set_side(self.side)
        self._refresh_marks()
        self.ctl.page.update()

    async def _on_map_view(self, view: str) -> None:
        """The map opened its face close-up itself (its "Face and features" target)."""
        self.ctl.touch()
        self.side = view
        self.side_picker.selected = [view]
        self.ctl.page.update()

    async def _open_region(self, region_id: str) -> None:
        """A sheet to choose what it feels like there, and how strong."""
        self.ctl.touch()
        current = self.value.marked(region_id) or BodyMark(region_id)
        chosen = set(current.sensations)
        chips: list[ft.Chip] = []

        def toggle(sensation_id: str):
            async def on_select(e: ft.ControlEvent) -> None:
                if sensation_id in chosen:
                    chosen.discard(sensation_id)
                else:
                    chosen.add(sensation_id)
                e.control.selected = sensation_id in chosen
                self.ctl.page.update()

            return on_select

        for s in vocab.sensations():
            chips.append(
                ft.Chip(
                    label=ft.Text(s.name),
                    selected=s.id in chosen,
                    on_select=toggle(s.id),
                )
            )
        other = ft.TextField(label=_("Something else (in your words)"), value=current.other)
        # Open until the person picks a number (tapping it again clears it): an untouched
        # scale must not record a strength they never chose.
        scale = IntensityScale(
            current.intensity, self.ctl.page, optional=True, label=_("How strong, 0 to 10")
        )

        async def done(_e: ft.ControlEvent) -> None:
            mark = BodyMark(
                region_id,
                tuple(s.id for s in vocab.sensations() if s.id in chosen),
                (other.value or "").strip(),
                scale.value,
            )
            self.value = self.value.mark(mark)
            self._changed()
            self.ctl.page.pop_dialog()
            self._refresh_marks()
            self.ctl.page.update()

        async def remove(_e: ft.ControlEvent) -> None:
            self.value = self.value.unmark(region_id)
            self._changed()
            self.ctl.page.pop_dialog()
            self._refresh_marks()
            self.ctl.page.update()

        actions: list[ft.Control] = []
        if self.value.marked(region_id):
            actions.append(ft.TextButton(content=_("Remove this place"), on_click=self.ctl.handler(remove)))
        actions.append(ft.TextButton(content=_("Cancel"), on_click=lambda _e: self.ctl.page.pop_dialog()))
        actions.append(primary_button(_("Done"), done))
        # A modal dialog rather than a bottom sheet: in Flet 1.0.5 web a dismissible
        # barrier sits above the content in the accessibility tree and swallows taps.
        sheet = ft.AlertDialog(
            modal=True,
            title=ft.Text(region_name(region_id)),
            content=ft.Container(
                ft.Column(
                    [
                        small(_("What is it like? Choose any that fit.")),
                        ft.Row(chips, wrap=True, spacing=6, run_spacing=6),
                        other,
                        ft.Text(
                            _(
                                "How strong? 0 is barely there, 10 as strong as it gets. "
                                "You can leave it open."
                            )
                        ),
                        scale.control,
                    ],
                    spacing=10,
                    tight=True,
                ),
                width=480,
            ),
            actions=actions,
            scrollable=True,
            inset_padding=ft.Padding.symmetric(horizontal=12, vertical=24),
        )
        self.ctl.page.show_dialog(sheet)

    # --- step 2: feelings ----------------------------------------------------------------

    def _feelings_step(self) -> list[ft.Control]:
        self._refresh_chosen()
        return [
            subtitle(_("What are you feeling?")),
            small(_("Pick as many as fit, and how strong each one is. Not knowing is fine too.")),
            self.picker.search_part,
            self.chosen_box,
            self.not_sure,
            self.picker.browse_part,
        ]

    def _marks_for_suggestions(self) -> list[tuple[str, list[str], int]]:
        return [
            (m.region, list(m.sensations), RANKING_STRENGTH if m.intensity is None else m.intensity)
            for m in self.value.body
        ]

    def _refresh_chosen(self) -> None:
        rows: list[ft.Control] = []
        for pick in self.value.feelings:
            # No "broad word" note here: a listed word was offered by the app itself, and a
            # word of their own the person has already chosen to keep (the coach spoke once).
            # A listed feeling is stored by its id and shown in the current language.
            shown = feeling_word(pick)
            if pick.own_word:
                about: ft.Control | None = small(_("In your own words"))
            else:
                known = vocab.feeling(pick.word)
                about = small(known.definition) if known else None
            rows.append(
                ft.Container(
                    ft.Column(
                        [
                            ft.Row(
                                [
                                    ft.Text(shown, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, expand=True),
                                    icon_button(
                                        ft.Icons.CLOSE,
                                        # Translators: the tooltip of a chosen feeling's remove
                                        # button; {feeling} is the word
                                        _("Remove {feeling}").format(feeling=shown),
                                        self._remover(pick.word),
                                    ),
                                ],
                            ),
                            *([about] if about is not None else []),
                            small(_("How strong? Optional.")),
                            ft.Semantics(
                                # Translators: read out for the strength buttons under a chosen feeling word
                                label=_("How strong is {feeling}? Optional").format(feeling=shown),
                                container=True,
                                content=ft.SegmentedButton(
                                    segments=[
                                        ft.Segment(value=lv, label=_(LEVEL_LABELS[lv]))
                                        for lv in FEELING_LEVELS
                                    ],
                                    selected=[pick.level] if pick.level else [],
                                    allow_empty_selection=True,  # nothing chosen until they choose
                                    on_change=self._leveller(pick.word),
                                ),
                            ),
                        ],
                        spacing=4,
                    ),
                    padding=12,
                    border_radius=12,
                    border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
                )
            )
        self.chosen_box.controls = rows
        self.not_sure.value = self.value.not_sure
        # Chosen by id (a listed feeling's stored key), whatever language the words are shown in.
        chosen = {f.word for f in self.value.feelings if not f.own}
        self.picker.set_body_suggestions(self._marks_for_suggestions(), chosen)

    async def _add_feeling(self, word: str) -> None:
        self.value = self.value.add_feeling(word)
        self._changed()
        self.picker.clear()
        self._refresh_chosen()
        self.ctl.page.update()

    def _remover(self, word: str):
        async def remove(_e: ft.ControlEvent) -> None:
            self.value = self.value.remove_feeling(word)
            self._changed()
            self._refresh_chosen()
            self.ctl.page.update()

        return remove

    def _leveller(self, word: str):
        async def level(e: ft.ControlEvent) -> None:
            chosen = e.control.selected
            self.value = self.value.set_level(word, chosen[0] if chosen else None)
            self._changed()
            self.ctl.page.update()

        return level

    async def _on_not_sure(self, e: ft.ControlEvent) -> None:
        self.value = replace(self.value, not_sure=bool(self.not_sure.value))
        self._changed()

    # --- step 3: needs and context -------------------------------------------------------

    def _needs_step(self) -> list[ft.Control]:
        self.needs_row.controls = [
            ft.Chip(
                label=ft.Text(n.label, max_lines=4),  # a chip keeps one line unless told
                selected=n.id in self.value.needs,
                on_select=self._need_toggle(n.id),
            )
            for n in vocab.needs()
        ]
        hints = []
        for family_id in self.value.families():
            family = vocab.family(family_id)
            if family and family.hint:
                hints.append(small(family.hint))
        self.hints.controls = hints
        return [
            subtitle(_("What might you need right now?")),
            small(_("Optional. Choose any that feel true.")),
            self.hints,
            self.needs_row,
            self.need_other,
            ft.Divider(),
            subtitle(_("What was going on?")),
            self.happened,
            small(_("Sometimes words and body say different things. If so, you can note both.")),
            ft.ResponsiveRow(
                [
                    ft.Container(self.said, col={"xs": 12, "md": 6}),
                    ft.Container(self.body_said, col={"xs": 12, "md": 6}),
                ],
            ),
            self.note_field,
        ]

    def _need_toggle(self, need_id: str):
        async def toggle(e: ft.ControlEvent) -> None:
            self.value = self.value.toggle_need(need_id)
            e.control.selected = need_id in self.value.needs
            self._changed()
            self.ctl.page.update()

        return toggle

    def _on_text(self, _e: ft.ControlEvent) -> None:
        self._changed()

    # --- step 4: review and save ---------------------------------------------------------

    def _review_step(self) -> list[ft.Control]:
        v = self.value
        lines: list[ft.Control] = [subtitle(_("Here's your check-in"))]

        def section(title: str, items: list[str]) -> None:
            if items:
                lines.append(ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_SMALL))
                lines.extend(body(item) for item in items)

        section(_(STEPS[0]), [describe_mark(m) for m in v.body])
        section(
            _(STEPS[1]),
            [describe_feeling(f) for f in v.feelings] or ([_("Not sure yet")] if v.not_sure else []),
        )
        needs = [n.label for n in vocab.needs() if n.id in v.needs] + (
            [v.need_other] if v.need_other.strip() else []
        )
        section(_(STEPS[2]), needs)
        section(_("What happened"), [v.happened] if v.happened.strip() else [])
        if v.said.strip() or v.body_said.strip():
            section(
                _("What I said / what my body said"),
                [_("I said: {text}").format(text=v.said), _("My body said: {text}").format(text=v.body_said)],
            )
        section(_("Anything else"), [v.note] if v.note.strip() else [])
        if v.is_empty:
            lines.append(
                body(
                    _("Nothing chosen yet. Add anything at all, even just \u201cnot sure yet\u201d."),
                    muted=True,
                )
            )
        return lines

    async def _save(self, _e: ft.ControlEvent) -> None:
        self._read_texts()
        if self.value.is_empty:
            show_error(
                self.error,
                _(
                    "There's nothing to save yet. "
                    "Mark a place, a feeling, or tick \u201cI'm not sure yet\u201d."
                ),
            )
            self.ctl.page.update()
            return
        async with self._save_lock:
            if self.record_id is None:
                await asyncio.to_thread(self.checkins.add, self.value)
            else:
                await asyncio.to_thread(self.checkins.update, self.record_id, self.value)
            await self.finish_draft()
        intense = self.value.is_intense
        self.ctl.toast(_("Check-in saved."))
        await self.ctl.after_checkin(intense, edited=self.record_id is not None)
