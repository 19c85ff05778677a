"""Journal: a lazily loaded list with search, and an editor that autosaves drafts."""

from __future__ import annotations

import asyncio
import logging

import flet as ft

from companion.core.errors import CompanionError
from companion.core.i18n import N_, _, ngettext
from companion.core.records import Cursor, Record
from companion.core.textfit import shorten
from companion.kinds.checkin import CHECKIN, CheckIn, TimelineFilter, describe_feeling, region_name
from companion.kinds.journal import JOURNAL, Entry, Journal, clean, display_title, preview
from companion.reference import vocabulary
from companion.ui.kit.screen import Screen
from companion.ui.kit.shell import Shell
from companion.ui.widgets.autosave import DraftAutosave
from companion.ui.widgets.common import (
    ChoiceMenu,
    body,
    delete_button,
    delete_with_undo,
    error_text,
    friendly_time,
    icon_button,
    primary_button,
    show_error,
    small,
)

PAGE_SIZE = 30
TIMELINE_KINDS = [JOURNAL, CHECKIN]
SEARCH_DEBOUNCE_S = 0.35
CANT_SHOW = N_("This entry can't be shown")

log = logging.getLogger("companion.ui")


def tag(text: str, *, strong: bool = False) -> ft.Control:
    """A small read-only label (not a button: nothing to tap, nothing to announce as one)."""
    return ft.Container(
        ft.Text(text, theme_style=ft.TextThemeStyle.LABEL_MEDIUM),
        padding=ft.Padding.symmetric(horizontal=8, vertical=3),
        border_radius=8,
        bgcolor=ft.Colors.SECONDARY_CONTAINER if strong else ft.Colors.SURFACE_CONTAINER_HIGHEST,
    )


def centred(text: ft.Text) -> ft.Text:
    text.text_align = ft.TextAlign.CENTER
    return text


class JournalListScreen(Screen):
    """The timeline: journal entries and check-ins, newest first."""

    title = N_("Journal")

    def __init__(self, ctl) -> None:
        super().__init__(ctl)
        self.cursor: Cursor | None = None
        self.loading = False
        self._search_seq = 0

    @property
    def journal(self) -> Journal:
        return self.stores.journal

    def build(self) -> ft.Control:
        self.search = ft.TextField(
            label=_("Search entries"),
            prefix_icon=ft.Icons.SEARCH,
            on_change=self._on_search_change,
            on_submit=self._on_search_change,
            dense=True,
        )
        self.status = small("")
        self.filter = TimelineFilter()
        # Translators: a filter choice that doesn't narrow anything ("Feeling family: Any")
        any_choice = [("", _("Any"))]
        self.family_pick = ChoiceMenu(
            _("Feeling family"),
            any_choice + [(f.id, f.label) for f in vocabulary.families()],
            "",
            self._on_choice,
        )
        self.region_pick = ChoiceMenu(
            _("Body area"), any_choice + [(r.id, r.name) for r in vocabulary.regions()], "", self._on_choice
        )
        self.word_pick = ft.TextField(
            label=_("Feeling word"), width=200, dense=True, on_submit=self._on_filter, on_blur=self._on_filter
        )
        self.filters = ft.Row(
            [
                self.family_pick.control,
                self.region_pick.control,
                self.word_pick,
                ft.TextButton(content=_("Clear filters"), on_click=self._clear_filters),
            ],
            wrap=True,
            visible=False,
        )
        self.filter_toggle = ft.TextButton(
            # Translators: a button that shows the timeline's filters
            content=_("Filter"),
            icon=ft.Icons.FILTER_LIST,
            on_click=self._toggle_filters,
        )
        self.items = ft.ListView(expand=True, spacing=6, on_scroll=self._on_scroll, scroll_interval=200)
        self.more = ft.TextButton(content=_("Show older entries"), on_click=self._load_more, visible=False)
        return ft.Column(
            [
                ft.Row(
                    [
                        ft.Container(self.search, expand=True),
                        primary_button(_("New entry"), self._new, icon=ft.Icons.EDIT_OUTLINED),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                ),
                ft.Row(
                    [
                        self.filter_toggle,
                        ft.TextButton(
                            # Translators: a button that opens what the check-ins show over time
                            content=_("Patterns"),
                            icon=ft.Icons.INSIGHTS_OUTLINED,
                            on_click=self.ctl.handler(lambda _e: self.ctl.open("patterns")),
                        ),
                        self.status,
                    ],
                    wrap=True,
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                ),
                self.filters,
                self.items,
            ],
            expand=True,
            spacing=8,
        )

    async def on_show(self) -> None:
        await self._reload()

    async def _reload(self) -> None:
        self.cursor = None
        self.items.controls = []
        draft = await asyncio.to_thread(self.journal.find_draft, None)
        if draft is not None and not draft[1].is_empty:
            try:
                self.items.controls.append(self._draft_row(draft[1]))
            except Exception as exc:  # noqa: BLE001 - the timeline shows without it
                log.warning("the unfinished entry can't be shown (%s)", type(exc).__name__)
        await self._load_more(None)

    def _draft_row(self, entry: Entry) -> ft.Control:
        return ft.Card(
            ft.ListTile(
                leading=ft.Icon(ft.Icons.EDIT_NOTE),
                title=ft.Text(_("Unfinished entry: {title}").format(title=display_title(entry))),
                subtitle=ft.Text(_("Continue writing where you left off")),
                on_click=self._new,
            ),
        )

    def _row(self, record: Record) -> ft.Control:
        """One timeline row; a record that can't be shown becomes a calm row of its own.

        A journal restored by an older version, or damaged by an old bug, may hold a record the
        app would never write now (a date past the year 9999, a strength of infinity, ``needs``
        that is a number). Failing here used to take the whole timeline down at every unlock.
        """
        try:
            return self._checkin_row(record) if record.kind == CHECKIN else self._entry_row(record)
        except Exception as exc:  # noqa: BLE001 - one strange record must not hide the others
            log.warning("a %s record can't be shown in the timeline (%s)", record.kind, type(exc).__name__)
            return self._broken_row(record)

    def _broken_row(self, record: Record) -> ft.Control:
        """What a record that can't be read as usual looks like: calm, and still deletable."""

        async def delete_it(_e: ft.ControlEvent) -> None:
            self.ctl.touch()
            self.ctl.confirm(
                _("Delete this entry?"),
                _("Companion can't show what is in it. You'll have a few seconds to undo."),
                # Translators: the button that confirms deleting an entry
                _("Delete"),
                deleted,
            )

        async def deleted(_e: ft.ControlEvent) -> None:
            self.ctl.page.pop_dialog()
            stores = self.ctl.stores
            if stores is None:
                return  # the journal locked while the question was open: nothing is deleted
            store = stores.checkins if record.kind == CHECKIN else stores.journal
            await delete_with_undo(self.ctl, record.id, store.delete, _("Entry deleted."))
            await self._reload()

        return ft.Card(
            ft.ListTile(
                leading=ft.Icon(ft.Icons.REPORT_OUTLINED, color=ft.Colors.ERROR),
                title=ft.Text(_(CANT_SHOW)),
                subtitle=ft.Text(
                    _("Something in it isn't as Companion writes it. Your other entries are fine.")
                ),
                trailing=icon_button(
                    ft.Icons.DELETE_OUTLINE, _("Delete this entry"), self.ctl.handler(delete_it)
                ),
            ),
        )

    def _entry_row(self, record: Record) -> ft.Control:
        entry = Entry.from_record(record)

        async def open_it(_e: ft.ControlEvent) -> None:
            await self.ctl.open("editor", record_id=record.id)

        return ft.Card(
            ft.ListTile(
                title=ft.Text(display_title(entry), max_lines=1, overflow=ft.TextOverflow.ELLIPSIS),
                subtitle=ft.Text(
                    friendly_time(record.created_at) + ("  ·  " + preview(entry, 90) if entry.body else ""),
                    max_lines=2,
                    overflow=ft.TextOverflow.ELLIPSIS,
                ),
                on_click=self.ctl.handler(open_it),
            ),
        )

    def _checkin_row(self, record: Record) -> ft.Control:
        checkin = CheckIn.from_payload(record.payload)

        async def open_it(_e: ft.ControlEvent) -> None:
            await self.ctl.open("checkin_view", record_id=record.id)  # to read; editing is a choice there

        tags: list[ft.Control] = [tag(describe_feeling(f), strong=True) for f in checkin.feelings]
        if checkin.not_sure and not checkin.feelings:
            # Translators: shown instead of feelings when the person wasn't sure what they felt
            tags.append(tag(_("not sure yet"), strong=True))
        tags += [
            tag(region_name(m.region) if m.intensity is None else f"{region_name(m.region)} {m.intensity}/10")
            for m in checkin.body
        ]
        detail = checkin.happened or checkin.note
        return ft.Card(
            ft.Container(
                ft.Column(
                    [
                        ft.Row(
                            [
                                ft.Icon(ft.Icons.SELF_IMPROVEMENT, size=18, color=ft.Colors.PRIMARY),
                                ft.Text(_("Check-in"), weight=ft.FontWeight.W_600),
                                small(friendly_time(record.created_at)),
                            ],
                            spacing=8,
                        ),
                        ft.Row(tags, wrap=True, spacing=4, run_spacing=4),
                    ]
                    + ([small(shorten(detail, 90))] if detail.strip() else []),
                    spacing=6,
                ),
                padding=ft.Padding.symmetric(horizontal=16, vertical=12),
                on_click=self.ctl.handler(open_it),
                ink=True,
            ),
        )

    def _empty(self) -> ft.Control:
        """A first step for a new journal: what Companion is for, where to start, where help is."""

        async def start_checkin(_e: ft.ControlEvent) -> None:
            await self.ctl.go_section("checkin")

        async def open_card(_e: ft.ControlEvent) -> None:
            await self.ctl.open("homework")

        return ft.Container(
            ft.Column(
                [
                    ft.Icon(ft.Icons.AUTO_STORIES_OUTLINED, size=36, color=ft.Colors.PRIMARY),
                    ft.Text(
                        _("Your journal is here whenever you want it."),
                        theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                        text_align=ft.TextAlign.CENTER,
                    ),
                    body(
                        _(
                            "Companion is a quiet place to notice how you are, in your body and in your own "
                            "words, between therapy sessions. It stays on this device, locked with your "
                            "passphrase, and you choose what to share."
                        ),
                        muted=True,
                    ),
                    ft.Container(
                        primary_button(_("Start a check-in"), start_checkin, icon=ft.Icons.SELF_IMPROVEMENT),
                        alignment=ft.Alignment.CENTER,
                        padding=ft.Padding.only(top=4),
                    ),
                    centred(small(_("A minute: where you feel something, what you feel, what you need."))),
                    ft.Card(
                        ft.ListTile(
                            leading=ft.Icon(ft.Icons.STYLE_OUTLINED),
                            title=ft.Text(_("Got a card from your therapist?")),
                            subtitle=ft.Text(_("Open it here to see the practice you agreed on.")),
                            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                            on_click=self.ctl.handler(open_card),
                        ),
                    ),
                    ft.Container(
                        ft.Row(
                            [
                                ft.Icon(ft.Icons.SUPPORT_OUTLINED, size=20, color=ft.Colors.PRIMARY),
                                ft.Text(
                                    _(
                                        "In a hard moment, \u201cNeed help now\u201d at the top of every "
                                        "screen has crisis lines and ways to get through the next minutes."
                                    ),
                                    theme_style=ft.TextThemeStyle.BODY_MEDIUM,
                                    expand=True,
                                ),
                            ],
                            spacing=10,
                            vertical_alignment=ft.CrossAxisAlignment.START,
                        ),
                        padding=12,
                        border_radius=12,
                        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH,
                    ),
                    centred(small(_("Or write a few lines any time with New entry, above."))),
                ],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                spacing=10,
            ),
            padding=ft.Padding.symmetric(horizontal=8, vertical=12),
            alignment=ft.Alignment.TOP_CENTER,
        )

    async def _load_more(self, _e: ft.ControlEvent | None) -> None:
        if self.loading or self.search.value.strip() or self.filter.active:
            return
        self.loading = True
        try:
            page = await asyncio.to_thread(
                self.stores.records.page, TIMELINE_KINDS, after=self.cursor, limit=PAGE_SIZE
            )
            if self.more in self.items.controls:
                self.items.controls.remove(self.more)
            self.items.controls.extend(self._row(r) for r in page.records)
            for _ in page.unreadable:
                self.items.controls.append(
                    ft.ListTile(
                        leading=ft.Icon(ft.Icons.REPORT_OUTLINED, color=ft.Colors.ERROR),
                        title=ft.Text(_("An entry here can't be read")),
                        subtitle=ft.Text(_("It may have been damaged. Your other entries are fine.")),
                    )
                )
            self.cursor = page.next_cursor
            if self.cursor is not None:
                self.more.visible = True
                self.items.controls.append(self.more)
            if not self.items.controls:
                self.items.controls.append(self._empty())
            self.status.value = ""
            self.ctl.page.update()
        finally:
            self.loading = False

    async def _on_scroll(self, e: ft.OnScrollEvent) -> None:
        self.ctl.touch()
        if self.cursor is not None and e.pixels >= e.max_scroll_extent - 400:
            await self._load_more(None)

    async def _on_search_change(self, _e: ft.ControlEvent) -> None:
        self.ctl.touch()
        self._search_seq += 1
        seq = self._search_seq
        await asyncio.sleep(SEARCH_DEBOUNCE_S)
        if seq != self._search_seq:
            return  # a newer keystroke superseded this one
        query = self.search.value.strip()
        if not query:
            self.status.value = ""
            await self._reload()
            return
        hits = await asyncio.to_thread(self.stores.records.search, query, TIMELINE_KINDS, 200)
        if seq != self._search_seq:
            return
        self.cursor = None
        self.items.controls = [self._row(r) for r in hits]
        if hits:
            n = len(hits)
            self.status.value = ngettext("{n} entry matches", "{n} entries match", n).format(n=n)
        else:
            self.status.value = _("Nothing found for \u201c{query}\u201d.").format(query=query)
        self.ctl.page.update()

    async def _new(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("editor", record_id=None)

    # --- filtering check-ins -------------------------------------------------------------

    async def _toggle_filters(self, _e: ft.ControlEvent) -> None:
        self.filters.visible = not self.filters.visible
        self.ctl.page.update()

    async def _clear_filters(self, _e: ft.ControlEvent) -> None:
        self.family_pick.set_value("")
        self.region_pick.set_value("")
        self.word_pick.value = ""
        await self._on_filter(None)

    async def _on_choice(self, _key: str) -> None:
        await self._on_filter(None)

    async def _on_filter(self, _e: ft.ControlEvent | None) -> None:
        self.ctl.touch()
        self.filter = TimelineFilter(
            family=self.family_pick.value or None,
            region=self.region_pick.value or None,
            word=(self.word_pick.value or "").strip() or None,
        )
        if not self.filter.active:
            self.status.value = ""
            await self._reload()
            return
        hits = await asyncio.to_thread(self.stores.checkins.filtered, self.filter)
        self.cursor = None
        self.items.controls = [self._row(r) for r in hits]
        n = len(hits)
        self.status.value = ngettext("{n} check-in matches", "{n} check-ins match", n).format(n=n)
        if not hits:
            self.status.value = _("No check-ins match these filters.")
        self.ctl.page.update()


class EditorScreen(DraftAutosave, Screen):
    """Writes a new entry (record_id None) or edits one; drafts autosave every few seconds."""

    def __init__(self, ctl: Shell, record_id: str | None, *, prompt: str = "", homework_id: str = "") -> None:
        super().__init__(ctl)
        self.record_id = record_id
        self.title = N_("New entry") if record_id is None else N_("Edit entry")  # the shell translates it
        self.saved: Entry | None = None
        self.prompt = prompt  # a writing prompt from a practice, answered in this entry
        self.homework_id = homework_id
        self.init_autosave()

    @property
    def journal(self) -> Journal:
        return self.stores.journal

    def draft_store(self) -> Journal | None:
        return None if self.ctl.stores is None else self.ctl.stores.journal

    def draft_value(self) -> Entry:
        return clean(self.title_field.value or "", self.body_field.value or "", self.homework_id)

    def build(self) -> ft.Control:
        self.title_field = ft.TextField(label=_("Title (optional)"), on_change=self._on_change)
        self.body_field = ft.TextField(
            label=_("What's on your mind?"),
            multiline=True,
            min_lines=8,
            max_lines=None,
            on_change=self._on_change,
        )
        self.error = error_text()
        self.draft_note = small("")
        actions: list[ft.Control] = [primary_button(_("Save entry"), self._save)]
        if self.record_id is not None:
            actions.append(delete_button(_("Delete entry"), self._confirm_delete))
        self.meta = small("")
        if self.prompt:
            # Filled in before the first frame: changing a field while someone has started
            # typing in the next one can take the browser's focus away (Flutter web).
            self.meta.value = _("From your practice. Answer in any way that fits; a few lines are plenty.")
            self.title_field.value = self.prompt[:200]
        return ft.Column(
            [
                self.meta,
                self.title_field,
                self.body_field,
                self.error,
                ft.Row(actions, wrap=True),
                self.draft_note,
            ],
            spacing=12,
            scroll=ft.ScrollMode.AUTO,
            expand=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )

    async def on_show(self) -> None:
        if self.record_id is not None:
            try:
                record = await asyncio.to_thread(self.stores.records.get, self.record_id)
            except CompanionError as exc:
                show_error(self.error, str(exc))
                self.ctl.page.update()
                return
            entry = Entry.from_record(record)
            self.saved = entry
            self.homework_id = entry.homework_id
            # Translators: {when} is like "Today, 17:30" or "Tue 24 Nov, 17:30"
            self.meta.value = _("Written {when}").format(when=friendly_time(record.created_at))
            self.title_field.value, self.body_field.value = entry.title, entry.body
        kept = await self.restore_draft()
        if kept is not None:
            self.title_field.value, self.body_field.value = kept.title, kept.body
            self.draft_note.value = _("Picked up your unsaved changes from last time.")
        self.ctl.page.update()
        self.start_autosave()

    async def _on_change(self, _e: ft.ControlEvent) -> None:
        self.ctl.touch()
        self.dirty = True
        show_error(self.error, "")

    async def _save(self, _e: ft.ControlEvent) -> None:
        entry = self.draft_value()
        if entry.is_empty:
            show_error(self.error, _("There's nothing to save yet. Write a few words first."))
            self.ctl.page.update()
            return
        async with self._save_lock:
            if self.record_id is None:
                await asyncio.to_thread(self.journal.add, entry)
            else:
                await asyncio.to_thread(self.journal.update, self.record_id, entry)
            await self.finish_draft()
        self.ctl.toast(_("Entry saved."))
        await self.ctl.back()

    async def _confirm_delete(self, _e: ft.ControlEvent) -> None:
        self.ctl.confirm(
            _("Delete this entry?"),
            _("You'll have a few seconds to undo it."),
            # Translators: the button that confirms deleting an entry
            _("Delete"),
            self._delete,
        )

    async def _delete(self, _e: ft.ControlEvent) -> None:
        self.ctl.page.pop_dialog()
        if self.record_id is None:
            return
        self.closed = True
        await delete_with_undo(self.ctl, self.record_id, self.journal.delete, _("Entry deleted."))
        await self.ctl.back()
