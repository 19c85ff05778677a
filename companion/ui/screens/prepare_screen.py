"""Prepare for session: choose what to bring, see it as it will be exported, save or copy it.

Also the session card: what I'm bringing, in large type, to read from a phone in the room.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from functools import partial

import flet as ft

from companion.core.errors import CompanionError
from companion.core.i18n import N_, _
from companion.core.records import Record, now_us, to_datetime
from companion.export import session_prep
from companion.export.bring import bring_list_lines
from companion.export.summary import (
    SECTIONS,
    Selection,
    Summary,
    blocks,
    build_summary,
    default_selection,
    intro_lines,
    to_markdown,
    to_plain_text,
)
from companion.ui.kit.screen import Screen
from companion.ui.kit.shell import Shell
from companion.ui.widgets.common import (
    ChoiceMenu,
    body,
    error_text,
    friendly_time,
    primary_button,
    show_error,
    small,
    subtitle,
    wrapping_checkbox,
)

TWO_PANES_MIN_WIDTH = 1000
NOT_ENCRYPTED = N_(
    "A saved file is not encrypted: anyone who can open it can read it. "
    "Set a PDF password to protect the PDF, or keep the file somewhere private."
)
MIN_PDF_PASSWORD = 8  # shorter ones are guessed in moments, so they would only look like protection
PROTECTED = N_("This PDF will need the password to open. Text files and copied text are never protected.")
# The parts of the summary to keep or leave out (English, marked: shown through _()).
SECTION_LABELS = {
    "body": N_("My body"),
    "feelings": N_("Feelings"),
    "needs": N_("Needs"),
    "notes": N_("Notes from check-ins"),
    "settling": N_("Breathing pauses"),
    # Translators: a part of the summary: exercises from the therapist to do between sessions
    "practice": N_("Practice"),
    "bringing": N_("What I'm bringing"),
    "reflections": N_("Reflections"),
    "entries": N_("Journal entries"),
}


class PrepareScreen(Screen):
    # Translators: the title of the screen that makes a summary to bring to a session
    title = N_("Summary")
    max_width = 1200  # choosing and the preview side by side

    def __init__(self, ctl: Shell) -> None:
        super().__init__(ctl)
        self.range_choice = session_prep.SINCE_LAST
        self.stretch = session_prep.Stretch(None, None)
        self.records: list[Record] = []
        self.selection = Selection()
        self.summary: Summary | None = None
        self.showing_preview = False
        self._build_task: asyncio.Task | None = None
        self.choices = session_prep.Choices()
        self._choices_read = False

    # --- layout ----------------------------------------------------------------------------

    def build(self) -> ft.Control:
        self.range_menu = ChoiceMenu(
            # Translators: the label of the menu choosing which stretch of time the summary covers
            _("Time"),
            session_prep.ranges(),
            self.range_choice,
            self._on_range,
        )
        self.first_day = ft.TextField(
            label=_("First day (year-month-day)"), width=220, on_submit=self._on_dates
        )
        self.last_day = ft.TextField(label=_("Last day (empty: today)"), width=220, on_submit=self._on_dates)
        self.dates_row = ft.Row(
            [
                self.first_day,
                self.last_day,
                ft.OutlinedButton(content=_("Use these dates"), on_click=self._on_dates),
            ],
            wrap=True,
            visible=False,
        )
        self.range_note = small("")
        self.range_error = error_text()
        self.name_field = ft.TextField(
            label=_("My name or initials (optional)"), max_length=60, on_change=self._on_name
        )
        self.section_chips = {
            key: ft.Chip(label=ft.Text(_(SECTION_LABELS[key])), selected=True, on_select=self._on_section)
            for key in SECTIONS
        }
        self.items = ft.Column(spacing=2)
        self._notes_boxes: dict[str, ft.Checkbox] = {}  # record id -> its "include my notes" box
        self.preview = ft.Column(spacing=8)
        self.password = ft.TextField(
            label=_("PDF password (optional)"),
            helper=_("At least {count} characters; a few unrelated words work well.").format(
                count=MIN_PDF_PASSWORD
            ),
            password=True,
            can_reveal_password=False,
            on_change=self._on_password,
        )
        self.show_password = ft.Checkbox(
            label=_("Show password"), value=False, on_change=self._on_show_password
        )
        self.paper_menu = ChoiceMenu(
            # Translators: the paper size for the PDF (A4 or US Letter)
            _("Paper"),
            [("A4", "A4"), ("Letter", _("US Letter"))],
            "A4",
        )
        self.privacy_note = small(_(NOT_ENCRYPTED))
        self.export_error = error_text()
        self.export_note = small("")
        self.export_busy = ft.ProgressRing(visible=False, width=18, height=18, semantics_label=_("Working"))
        self.choose_pane = ft.ListView(
            [
                small(
                    _(
                        "Check-ins, breathing pauses and what you marked to bring or shared start ticked. "
                        "Reflections, practices, journal entries and the notes in check-ins stay private "
                        "unless you tick them. Only what is ticked goes in."
                    )
                ),
                ft.Row([self.range_menu.control], wrap=True),
                self.dates_row,
                self.range_error,
                self.range_note,
                self.name_field,
                subtitle(_("Parts of the summary")),
                ft.Row(list(self.section_chips.values()), wrap=True, spacing=6, run_spacing=6),
                ft.Divider(),
                self.items,
                ft.Divider(),
                self._export_part(),
            ],
            spacing=10,
            expand=True,
            padding=ft.Padding.only(bottom=24),
        )
        self.preview_pane = ft.ListView(
            [
                subtitle(_("Preview")),
                small(
                    _("This is the text of your summary. The PDF also draws your body map and a small chart.")
                ),
                ft.Container(
                    self.preview,
                    padding=16,
                    border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
                    border_radius=12,
                ),
            ],
            spacing=10,
            expand=True,
            padding=ft.Padding.only(bottom=24),
        )
        self.toggle = ft.OutlinedButton(
            content=_("Show preview"), icon=ft.Icons.VISIBILITY_OUTLINED, on_click=self._on_toggle
        )
        self.frame = ft.Container(expand=True)
        self._arrange()
        return ft.Column([ft.Row([self.toggle], wrap=True), self.frame], expand=True, spacing=8)

    def _export_part(self) -> ft.Control:
        return ft.Column(
            [
                subtitle(_("Save or copy")),
                ft.Row([self.paper_menu.control], wrap=True),
                self.password,
                self.show_password,
                self.privacy_note,
                ft.Row(
                    [
                        primary_button(_("Save PDF"), self._save_pdf, icon=ft.Icons.PICTURE_AS_PDF_OUTLINED),
                        ft.OutlinedButton(
                            content=_("Save as text"), on_click=partial(self._save_text, "txt")
                        ),
                        ft.OutlinedButton(
                            content=_("Save as Markdown"), on_click=partial(self._save_text, "md")
                        ),
                        ft.OutlinedButton(content=_("Copy text"), icon=ft.Icons.COPY, on_click=self._copy),
                    ],
                    wrap=True,
                ),
                self.export_error,
                ft.Row([self.export_busy, self.export_note], spacing=8, wrap=True),
            ],
            spacing=10,
        )

    def _two_panes(self) -> bool:
        return (self.ctl.page.width or 0) >= TWO_PANES_MIN_WIDTH

    def _arrange(self) -> None:
        if self._two_panes():
            self.toggle.visible = False
            self.frame.content = ft.Row(
                [self.choose_pane, ft.VerticalDivider(width=1), self.preview_pane],
                expand=True,
                vertical_alignment=ft.CrossAxisAlignment.STRETCH,
            )
        else:
            self.toggle.visible = True
            self.toggle.content = _("Back to choosing") if self.showing_preview else _("Show preview")
            self.toggle.icon = ft.Icons.CHECKLIST if self.showing_preview else ft.Icons.VISIBILITY_OUTLINED
            self.frame.content = self.preview_pane if self.showing_preview else self.choose_pane

    def relayout(self) -> None:
        if getattr(self, "frame", None) is not None:
            self._arrange()

    async def _on_toggle(self, _e: ft.ControlEvent) -> None:
        self.showing_preview = not self.showing_preview
        self._arrange()
        self.ctl.page.update()

    # --- data ------------------------------------------------------------------------------

    async def on_show(self) -> None:
        if not self._choices_read:
            await self._apply_saved_choices()
        asyncio.get_running_loop().run_in_executor(None, _warm_pdf_fonts)  # the first PDF is quicker
        await self._load()

    async def _apply_saved_choices(self) -> None:
        """Offer again what the person chose last time (time, parts left out, paper, name)."""
        self._choices_read = True
        saved = self.stores.settings.get(session_prep.CHOICES_KEY)
        self.choices = session_prep.Choices.from_setting(saved, SECTIONS)
        self.range_choice = self.choices.range_choice
        self.range_menu.set_value(self.range_choice)
        for key, chip in self.section_chips.items():
            chip.selected = key not in self.choices.left_out
        self.paper_menu.set_value(self.choices.paper)
        self.name_field.value = self.choices.name

    async def _remember_choices(self) -> None:
        choices = session_prep.Choices(
            range_choice=self.range_choice,
            left_out=self._left_out(),
            paper=self.paper_menu.value or "A4",
            name=(self.name_field.value or "").strip(),
        )
        if choices != self.choices:
            self.choices = choices
            await asyncio.to_thread(self.stores.settings.set, session_prep.CHOICES_KEY, choices.to_setting())

    async def _load(self) -> None:
        stores = self.ctl.stores
        if stores is None:
            return
        now = now_us()
        try:
            last = await asyncio.to_thread(stores.sessions.since_last_session, now)
            self.stretch = session_prep.stretch_for(
                self.range_choice,
                now,
                last,
                first_day=self.first_day.value or "",
                last_day=self.last_day.value or "",
            )
        except ValueError as exc:
            show_error(self.range_error, str(exc))
            self.ctl.page.update()
            return
        show_error(self.range_error, "")
        self.range_note.value = self.stretch.note
        self.range_note.visible = bool(self.stretch.note)
        try:
            self.records = await asyncio.to_thread(stores.session_prep.load_records, self.stretch)
        except CompanionError as exc:
            show_error(self.range_error, str(exc))
            self.ctl.page.update()
            return
        base = default_selection(self.records)
        self.selection = replace(
            base,
            sections=self._left_out(),
            name=(self.name_field.value or "").strip(),
        )
        self._show_items()
        await self._rebuild()

    def _show_items(self) -> None:
        groups = session_prep.candidates(self.records, self.stretch)
        self._notes_boxes = {}
        controls: list[ft.Control] = []
        for kind, label in session_prep.groups():
            items = groups.get(kind, [])
            if not items:
                continue
            controls.append(
                ft.Container(
                    subtitle(
                        # Translators: a group heading and how many items it has: "Check-ins (3)"
                        _("{group} ({count})").format(group=label, count=len(items))
                    ),
                    padding=ft.Padding.only(top=10),
                )
            )
            controls.extend(self._item(candidate) for candidate in items)
        if not controls:
            controls.append(
                body(
                    _(
                        "Nothing written in this stretch of time yet. You can choose a longer stretch above, "
                        "or simply bring yourself: that is enough."
                    ),
                    muted=True,
                )
            )
        self.items.controls = controls

    def _item(self, candidate: session_prep.Candidate) -> ft.Control:
        ticked = candidate.record_id in self.selection.include
        words = None
        if candidate.has_own_words:
            # a long label wraps on a phone instead of running off the screen (German, Spanish)
            words = wrapping_checkbox(
                _("Include my notes from this check-in"),
                candidate.record_id not in self.selection.redact_notes,
                partial(self._on_words, candidate.record_id),
                disabled=not ticked,
            )
            self._notes_boxes[candidate.record_id] = words.controls[0]
        # long feedback wraps beside its box instead of being cut
        item = wrapping_checkbox(
            candidate.label, ticked, partial(self._on_tick, candidate.record_id), detail=candidate.detail
        )
        if words is None:
            return item
        return ft.Column([item, ft.Container(words, padding=ft.Padding.only(left=32))], spacing=0)

    # --- events ----------------------------------------------------------------------------

    async def _on_range(self, choice: str) -> None:
        self.range_choice = choice
        self.dates_row.visible = choice == session_prep.CHOSEN_DATES
        if choice == session_prep.CHOSEN_DATES and not (self.first_day.value or "").strip():
            self.ctl.page.update()
            return  # wait for the dates
        await self._load()

    async def _on_dates(self, _e: ft.ControlEvent) -> None:
        await self._load()

    async def _on_name(self, e: ft.ControlEvent) -> None:
        self.selection = replace(self.selection, name=(e.control.value or "").strip())
        await self._rebuild()

    def _left_out(self) -> frozenset[str]:
        return frozenset(k for k, chip in self.section_chips.items() if not chip.selected)

    async def _on_section(self, _e: ft.ControlEvent) -> None:
        self.selection = replace(self.selection, sections=self._left_out())
        await self._rebuild()

    async def _on_tick(self, record_id: str, e: ft.ControlEvent) -> None:
        include = set(self.selection.include)
        (include.add if e.control.value else include.discard)(record_id)
        self.selection = replace(self.selection, include=frozenset(include))
        notes = self._notes_boxes.get(record_id)
        if notes is not None:  # a left-out check-in's notes can't go in either
            notes.disabled = not e.control.value
        await self._rebuild()

    async def _on_words(self, record_id: str, e: ft.ControlEvent) -> None:
        redact = set(self.selection.redact_notes)
        (redact.discard if e.control.value else redact.add)(record_id)
        self.selection = replace(self.selection, redact_notes=frozenset(redact))
        await self._rebuild()

    async def _on_password(self, _e: ft.ControlEvent) -> None:
        self.privacy_note.value = _(PROTECTED) if (self.password.value or "") else _(NOT_ENCRYPTED)
        self.ctl.page.update()

    async def _on_show_password(self, e: ft.ControlEvent) -> None:
        self.password.password = not e.control.value
        self.ctl.page.update()

    # --- the summary -----------------------------------------------------------------------

    async def _rebuild(self) -> None:
        """Rebuild the summary off the UI thread, then redraw the preview."""
        records, selection, stretch = self.records, self.selection, self.stretch
        now = now_us()

        summary = await asyncio.to_thread(
            build_summary, records, selection, stretch.start_us, stretch.end_us, now
        )
        if selection is not self.selection:
            return  # a newer tick is on its way
        self.summary = summary
        self.preview.controls = preview_controls(summary)
        self.ctl.page.update()

    async def _save_pdf(self, _e: ft.ControlEvent) -> None:
        if self.summary is None:
            return
        from companion.export.pdf import render_pdf  # 1.5 s of imports, paid only when asked

        password = self.password.value or None
        if password is not None and len(password) < MIN_PDF_PASSWORD:
            show_error(
                self.export_error,
                _(
                    "A PDF password needs at least {count} characters to protect anything. "
                    "Choose a longer one, or leave it empty."
                ).format(count=MIN_PDF_PASSWORD),
            )
            self.ctl.page.update()
            return
        show_error(self.export_error, "")
        self.export_note.value = _("Making the PDF…")
        self.export_busy.visible = True
        self.ctl.page.update()
        try:
            data = await asyncio.to_thread(
                render_pdf, self.summary, password=password, paper=self.paper_menu.value
            )
        finally:
            self.export_busy.visible = False
            self.ctl.page.update()
        await self._save(data, "pdf", protected=bool(password))

    async def _save_text(self, extension: str, _e: ft.ControlEvent) -> None:
        if self.summary is None:
            return
        text = to_markdown(self.summary) if extension == "md" else to_plain_text(self.summary)
        await self._save(text.encode("utf-8"), extension, protected=False)

    async def _save(self, data: bytes, extension: str, *, protected: bool) -> None:
        await self._remember_choices()
        name = session_prep.export_name(extension, now_us())
        if self.ctl.page.platform in PHONES and not self.ctl.page.web:
            self._offer_share_or_save(data, name, protected=protected)
            return
        await self._save_file(data, name, protected=protected)

    def _offer_share_or_save(self, data: bytes, name: str, *, protected: bool) -> None:
        """On a phone: the system share sheet (send it to yourself, print it, open it) or a file."""

        async def share(_e: ft.ControlEvent) -> None:
            self.ctl.page.pop_dialog()
            await self._share(data, name, protected=protected)

        async def save(_e: ft.ControlEvent) -> None:
            self.ctl.page.pop_dialog()
            await self._save_file(data, name, protected=protected)

        if protected:
            text = _(
                "Share it to send it to yourself, print it or open it in another app, or save it "
                "as a file on this phone. It needs your password to open."
            )
        else:
            text = _(
                "Share it to send it to yourself, print it or open it in another app, or save it "
                "as a file on this phone. Anyone who gets it can read it."
            )
        self.ctl.page.show_dialog(
            ft.AlertDialog(
                title=ft.Text(_("Your summary is ready")),
                content=ft.Text(text),
                actions=[
                    ft.TextButton(content=_("Not now"), on_click=lambda _e: self.ctl.page.pop_dialog()),
                    ft.OutlinedButton(content=_("Save to a file"), on_click=self.ctl.handler(save)),
                    ft.FilledButton(
                        content=_("Share…"), icon=ft.Icons.SHARE, on_click=self.ctl.handler(share)
                    ),
                ],
                actions_overflow_button_spacing=8,
            )
        )

    async def _share(self, data: bytes, name: str, *, protected: bool) -> None:
        mime = SHARE_MIME.get(name.rsplit(".", 1)[-1], "application/octet-stream")
        try:
            result = await ft.Share().share_files(
                [ft.ShareFile.from_bytes(data, mime_type=mime, name=name)], subject=_("My session summary")
            )
        except Exception as exc:  # noqa: BLE001 - the share sheet failed; saving still works
            show_error(
                self.export_error,
                _("The share sheet didn't open ({error}). Nothing was lost; try Save?").format(error=exc),
            )
            self.ctl.page.update()
            return
        if result.status == ft.ShareResultStatus.DISMISSED:
            self.export_note.value = _("Not shared. You can try again whenever you like.")
        elif protected:
            self.export_note.value = _(
                "Handed {name} to your phone's share sheet. It needs your password to open."
            ).format(name=name)
        else:
            self.export_note.value = _(
                "Handed {name} to your phone's share sheet. It is not encrypted."
            ).format(name=name)
        self.ctl.page.update()

    async def _save_file(self, data: bytes, name: str, *, protected: bool) -> None:
        try:
            path = await ft.FilePicker().save_file(
                dialog_title=_("Save your summary"), file_name=name, src_bytes=data
            )
        except Exception as exc:  # noqa: BLE001 - the platform's save dialog failed; keep everything
            show_error(
                self.export_error,
                _("The file couldn't be saved ({error}). Nothing was lost; try again?").format(error=exc),
            )
            self.export_note.value = ""
            self.ctl.page.update()
            return
        if path is None and not self.ctl.page.web:
            self.export_note.value = _("Not saved. You can try again whenever you like.")
        elif path:
            if protected:
                note = _("Saved {name} to {path}. It needs your password to open.")
            else:
                note = _("Saved {name} to {path}. It is not encrypted.")
            self.export_note.value = note.format(name=name, path=path)
        else:
            if protected:
                note = _("Saved {name}. It needs your password to open.")
            else:
                note = _("Saved {name}. It is not encrypted.")
            self.export_note.value = note.format(name=name)
        self.ctl.page.update()

    async def _copy(self, _e: ft.ControlEvent) -> None:
        if self.summary is None:
            return
        await self._remember_choices()
        await ft.Clipboard().set(to_plain_text(self.summary))
        self.export_note.value = _("Copied. Other apps can read the clipboard, so paste it soon.")
        self.ctl.page.update()


PHONES = (ft.PagePlatform.ANDROID, ft.PagePlatform.IOS)
SHARE_MIME = {"pdf": "application/pdf", "txt": "text/plain", "md": "text/markdown"}


def _warm_pdf_fonts() -> None:
    """Import the PDF writer and parse its fonts while the person is still choosing."""
    from companion.export.pdf import warm_fonts  # 1.5 s of imports, off the UI thread

    warm_fonts()


def preview_controls(summary: Summary) -> list[ft.Control]:
    """The summary as on-screen text, section by section, in the exported order."""
    controls: list[ft.Control] = [
        ft.Text(summary.title, theme_style=ft.TextThemeStyle.TITLE_LARGE, weight=ft.FontWeight.W_600)
    ]
    controls += [small(line) for line in intro_lines(summary)]
    if summary.empty_message:
        controls.append(body(summary.empty_message, muted=True))
    for block in blocks(summary, markdown=False):
        controls.append(
            ft.Text(block.heading, theme_style=ft.TextThemeStyle.TITLE_SMALL, weight=ft.FontWeight.W_600)
        )
        for line in block.lines:
            if line:
                controls.append(
                    ft.Text(
                        ("• " if block.bulleted else "") + line, theme_style=ft.TextThemeStyle.BODY_MEDIUM
                    )
                )
    return controls


class SessionCardScreen(Screen):
    """What I'm bringing, large enough to read from a phone held in a lap."""

    title = N_("Session card")

    def build(self) -> ft.Control:
        self.when = ft.Text("", theme_style=ft.TextThemeStyle.TITLE_MEDIUM)
        self.list = ft.ListView(spacing=14, expand=True, padding=ft.Padding.only(bottom=32))
        heading = ft.Text(
            _("What I'm bringing"), theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM, weight=ft.FontWeight.W_600
        )
        return ft.Column([heading, self.when, self.list], expand=True, spacing=12)

    async def on_show(self) -> None:
        stores = self.ctl.stores
        if stores is None:
            return
        bringing, upcoming = await asyncio.to_thread(
            lambda: (stores.session_prep.bring_list(), stores.sessions.next_appointment(now_us()))
        )
        self.when.value = (
            _("Next session: {when}").format(when=friendly_time(to_datetime(upcoming))) if upcoming else ""
        )
        self.when.visible = bool(upcoming)
        items = bring_list_lines(bringing)
        if not items:
            self.list.controls = [
                ft.Text(
                    _(
                        "Nothing marked to bring yet. That's fine: you can talk about whatever is on your "
                        "mind. To fill this card, mark feedback or topics \u201cBring to session\u201d."
                    ),
                    theme_style=ft.TextThemeStyle.TITLE_LARGE,
                )
            ]
        else:
            self.list.controls = [
                ft.Container(
                    ft.Text(text, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, selectable=False),
                    padding=20,
                    border_radius=16,
                    bgcolor=ft.Colors.SECONDARY_CONTAINER,
                )
                for text in items
            ]
        self.ctl.page.update()
