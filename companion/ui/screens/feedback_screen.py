"""Feedback for my therapist: drafts by state, topics to bring, and the next session on top."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import flet as ft

from companion.core.errors import CompanionError
from companion.core.i18n import N_, _, ngettext
from companion.core.records import Record, now_us, to_datetime
from companion.kinds import feedback as feedback_kind
from companion.kinds.checkin import CHECKIN, CheckIn
from companion.kinds.feedback import BRING, PRIVATE, SHARED, Feedback, FeedbackDraft
from companion.kinds.sessions import describe
from companion.kinds.sharing import state_hint, state_label
from companion.kinds.topics import Topics
from companion.reference import vocabulary
from companion.ui.kit.screen import Screen
from companion.ui.kit.shell import Shell
from companion.ui.widgets.autosave import DraftAutosave
from companion.ui.widgets.common import (
    ChoiceMenu,
    body,
    column,
    delete_button,
    delete_with_undo,
    error_text,
    friendly_time,
    icon_button,
    primary_button,
    show_error,
    small,
    subtitle,
    wrapping_checkbox,
)
from companion.ui.widgets.feelings_picker import FeelingsPicker

# English, marked N_(): shown with _(value)
PREPARE_LABEL = N_("Prepare for my session")
BRING_TOPIC_LABEL = N_("Bring to my next session")
BLANK = "\u2026"  # the "…" a phrase starter leaves for the person to fill
# Cards shown per group at first, and added per "Show more": a long history of drafts stays one
# tap away without making the Session screen slow (or a wall of cards) to open.
FIRST_CARDS = 6
MORE_CARDS = 20


def starter_blanks(starter: str) -> list[str]:
    """One label per blank of a starter: the words just before it ("When you …", "I felt …")."""
    pieces = starter.split(BLANK)
    labels = []
    for before in pieces[:-1]:
        words = before.strip().strip(",:;").strip()
        # Translators: the label of an empty field for one blank of a phrase starter; keep the "…"
        labels.append(f"{words} {BLANK}" if words else _("Fill in {blank}").format(blank=BLANK))
    return labels


def compose_starter(starter: str, fills: list[str]) -> str:
    """The starter with its blanks filled, as one finished sentence (no "…" left)."""
    pieces = starter.split(BLANK)
    out = pieces[0]
    for fill, after in zip(fills, pieces[1:], strict=False):
        out += fill.strip().rstrip(".").strip() + after
    out = out.strip()
    return out if out[-1:] in ".?!" else out + "."


def has_blanks(text: str) -> bool:
    """A draft still holding a starter's "…" where words were meant to go."""
    return BLANK in text


class FeedbackHomeScreen(Screen):
    """The Session section: the next session, what I'm bringing, feedback drafts and topics."""

    # Translators: the title of the section about therapy sessions (feedback, topics, next session)
    title = N_("Session")  # the shell translates it

    def build(self) -> ft.Control:
        self.next_box = ft.Column(spacing=6, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.groups = ft.Column(spacing=10)
        self._groups: dict[str, list[tuple[Record, FeedbackDraft]]] = {}
        self._shown: dict[str, int] = {}  # cards shown per state, once "Show more" was used
        self.topic_field = ft.TextField(
            label=_("A topic to bring up"), on_submit=self._add_topic, expand=True
        )
        self.topic_error = error_text()
        self.topics_box = ft.Column(spacing=0)
        # One clear first step (get ready for the next session), then quieter ways in.
        quiet = [
            (_("New feedback"), ft.Icons.EDIT_OUTLINED, self._new),
            (_("Reflect on a session"), ft.Icons.LIGHTBULB_OUTLINE, self._reflect),
            (_("Session card"), ft.Icons.STYLE_OUTLINED, self._card),
            (_("Sessions"), ft.Icons.EVENT_OUTLINED, self._sessions),
            # Translators: practice between sessions, agreed with the therapist
            (_("Homework"), ft.Icons.SPA_OUTLINED, self._practice),
            (
                # Translators: the screen showing patterns across check-ins over time
                _("Patterns"),
                ft.Icons.INSIGHTS_OUTLINED,
                self.ctl.handler(lambda _e: self.ctl.open("patterns")),
            ),
        ]
        return column(
            self.next_box,
            ft.Row(
                [
                    primary_button(
                        _(PREPARE_LABEL),
                        self._prepare,
                        icon=ft.Icons.SUMMARIZE_OUTLINED,
                        expand=True,
                        style=ft.ButtonStyle(padding=ft.Padding.symmetric(vertical=16, horizontal=20)),
                    )
                ]
            ),
            ft.Column(
                [
                    ft.TextButton(
                        content=label,
                        icon=icon,
                        on_click=handler,
                        style=ft.ButtonStyle(alignment=ft.Alignment.CENTER_LEFT),
                    )
                    for label, icon, handler in quiet
                ],
                spacing=0,
                horizontal_alignment=ft.CrossAxisAlignment.START,
            ),
            body(
                _(
                    "Telling your therapist what helps and what doesn't is part of the work. "
                    "Everything here stays just for you until you choose to bring it."
                ),
                muted=True,
            ),
            self.groups,
            ft.Divider(),
            subtitle(_("Topics to bring up")),
            small(_("Tick a topic to bring it to your next session; unticked topics stay just for you.")),
            ft.Row([self.topic_field, ft.OutlinedButton(content=_("Add topic"), on_click=self._add_topic)]),
            self.topic_error,
            self.topics_box,
        )

    @property
    def feedback(self) -> Feedback:
        return self.stores.feedback

    @property
    def topics(self) -> Topics:
        return self.stores.topics

    async def on_show(self) -> None:
        await self._refresh()

    async def _refresh(self) -> None:
        stores = self.ctl.stores
        if stores is None:
            return
        groups, ordered, upcoming = await asyncio.to_thread(
            lambda: (
                stores.feedback.by_state(),
                stores.topics.ordered(),
                stores.sessions.next_appointment(now_us()),
            )
        )
        bringing = feedback_kind.bring_list_from(groups.get(BRING, []), ordered)
        self._show_next(upcoming, bringing)
        self._groups = groups
        self._show_groups()
        self.topics_box.controls = [
            self._topic_row(i, len(ordered), r.id, t) for i, (r, t) in enumerate(ordered)
        ]
        self.ctl.page.update()

    def _show_groups(self) -> None:
        """Each state's newest cards, and a "Show more" for the rest of a long group."""
        controls: list[ft.Control] = []
        for state in (BRING, PRIVATE, SHARED):
            items = self._groups.get(state, [])
            if not items:
                continue
            limit = self._shown.get(state, FIRST_CARDS)
            controls.append(subtitle(state_label(state)))
            controls.extend(
                self._draft_card(record.id, record.created_at, draft) for record, draft in items[:limit]
            )
            if len(items) > limit:
                controls.append(self._more_button(state, len(items) - limit))
        if not controls:
            controls.append(
                small(_("No feedback yet. A few words about what helped, or didn't, are plenty."))
            )
        self.groups.controls = controls

    def _more_button(self, state: str, hidden: int) -> ft.Control:
        def more(_e: ft.ControlEvent) -> None:
            self._shown[state] = self._shown.get(state, FIRST_CARDS) + MORE_CARDS
            self._show_groups()
            self.ctl.page.update()

        step = min(hidden, MORE_CARDS)
        return ft.TextButton(
            # Translators: under a list of feedback cards, newest first; shows {n} older ones
            content=ngettext("Show {n} more", "Show {n} more", step).format(n=step),
            icon=ft.Icons.EXPAND_MORE,
            on_click=self.ctl.handler(more),
        )

    def _show_next(self, upcoming: int | None, bringing: feedback_kind.BringList) -> None:
        when = friendly_time(to_datetime(upcoming)) if upcoming else None
        lines: list[ft.Control] = [
            # Translators: {when} is a day and time ("Tuesday 24 November, 17:30")
            subtitle(_("Next session: {when}").format(when=when) if when else _("Next session")),
        ]
        if not when:
            lines.append(small(_("Not set yet. You can add it under Sessions.")))
        lines.append(ft.Text(_("What I'm bringing"), theme_style=ft.TextThemeStyle.TITLE_SMALL))
        if bringing.is_empty:
            lines.append(
                small(
                    # Translators: {bring} is the name of the choice "Bring to session", in quotes
                    _("Nothing yet. Mark feedback or topics \u201c{bring}\u201d to see them here.").format(
                        bring=state_label(BRING)
                    )
                )
            )
        for _record, draft in bringing.feedback:
            lines.append(body(draft.wording))
        for _record, topic in bringing.topics:
            lines.append(body("\u2022 " + topic.text))
        self.next_box.controls = [
            ft.Semantics(
                container=True,
                identifier="next-session",  # lets tests (and assistive tools) find this block
                content=ft.Container(
                    ft.Column(lines, spacing=6),
                    padding=16,
                    border_radius=12,
                    bgcolor=ft.Colors.SECONDARY_CONTAINER,
                ),
            )
        ]

    def _draft_card(self, record_id: str, created, draft: FeedbackDraft) -> ft.Control:
        kind = feedback_kind.kind(draft.kind)

        async def open_it(_e: ft.ControlEvent) -> None:
            await self.ctl.open("composer", record_id=record_id)

        return ft.Card(
            ft.ListTile(
                title=ft.Text(
                    # Translators: a feedback card's title: its kind and when it was written
                    _("{kind} \u00b7 {when}").format(
                        kind=kind.label if kind else _("Feedback"), when=friendly_time(created)
                    )
                ),
                subtitle=ft.Text(
                    draft.wording or _("(empty)"), max_lines=3, overflow=ft.TextOverflow.ELLIPSIS
                ),
                on_click=self.ctl.handler(open_it),
            )
        )

    def _topic_row(self, index: int, count: int, record_id: str, topic: feedback_kind.Topic) -> ft.Control:
        async def toggle(e: ft.ControlEvent) -> None:
            await asyncio.to_thread(self.topics.set_state, record_id, BRING if e.control.value else PRIVATE)
            await self._refresh()

        def mover(step: int):
            async def move(_e: ft.ControlEvent) -> None:
                await asyncio.to_thread(self.topics.move, record_id, index + step)
                await self._refresh()

            return move

        async def remove(_e: ft.ControlEvent) -> None:
            await asyncio.to_thread(self.topics.delete, record_id)
            self.ctl.toast(_("Topic removed."))
            await self._refresh()

        buttons: list[ft.Control] = []
        short = topic.text[:40]
        if index > 0:
            # Translators: a button's name for screen readers; {topic} is the topic's text
            label = _("Move up: {topic}").format(topic=short)
            buttons.append(icon_button(ft.Icons.ARROW_UPWARD, label, mover(-1)))
        if index < count - 1:
            # Translators: a button's name for screen readers; {topic} is the topic's text
            label = _("Move down: {topic}").format(topic=short)
            buttons.append(icon_button(ft.Icons.ARROW_DOWNWARD, label, mover(1)))
        # Translators: a button's name for screen readers; {topic} is the topic's text
        label = _("Remove topic: {topic}").format(topic=short)
        buttons.append(icon_button(ft.Icons.DELETE_OUTLINE, label, remove))
        tick = wrapping_checkbox(topic.text, topic.state == BRING, toggle)
        # Translators: what ticking a topic does, for screen readers: "Bring to my next session: {topic}"
        tick.controls[0].semantics_label = _("{action}: {topic}").format(
            action=_(BRING_TOPIC_LABEL), topic=topic.text
        )
        return ft.Row(
            [
                ft.Container(tick, expand=True),
                *buttons,
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )

    async def _add_topic(self, _e: ft.ControlEvent) -> None:
        text = (self.topic_field.value or "").strip()
        if not text:
            show_error(self.topic_error, _("Write the topic first, in a few words."))
            self.ctl.page.update()
            return
        show_error(self.topic_error, "")
        await asyncio.to_thread(self.topics.add, text)
        self.topic_field.value = ""
        await self._refresh()

    async def _prepare(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("prepare")

    async def _card(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("session_card")

    async def _practice(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("homework")

    async def _new(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("composer", record_id=None)

    async def _sessions(self, _e: ft.ControlEvent) -> None:
        await self.ctl.open("sessions")

    async def _reflect(self, _e: ft.ControlEvent) -> None:
        last = await asyncio.to_thread(self.stores.sessions.last_before, now_us())
        await self.ctl.open("reflection", session_id=last[0].id if last else None)


class ComposerScreen(DraftAutosave, Screen):
    """What happened, what my body noticed, what I felt, what I'd like: then my own words."""

    def __init__(self, ctl: Shell, record_id: str | None) -> None:
        super().__init__(ctl)
        self.record_id = record_id
        self.title = N_("New feedback") if record_id is None else N_("Feedback")  # the shell translates it
        self.value = FeedbackDraft(kind="appreciation")
        self.saved: FeedbackDraft | None = None
        self.state = PRIVATE
        self.own_words_edited = False
        self.init_autosave()
        self._sessions: list = []
        self._recent: list = []

    @property
    def store(self) -> Feedback:
        return self.stores.feedback

    def draft_store(self) -> Feedback | None:
        return None if self.ctl.stores is None else self.ctl.stores.feedback

    def draft_value(self) -> FeedbackDraft:
        return self._read()

    def build(self) -> ft.Control:
        self.kind_menu = ChoiceMenu(
            # Translators: the menu choosing what kind of feedback this is
            _("Kind"),
            [(k.id, k.label) for k in feedback_kind.KINDS],
            self.value.kind,
            self._on_kind,
        )
        self.kind_hint = small("")
        self.starters = ft.Row(wrap=True, spacing=6)
        self.fill_in = ft.Container(
            visible=False,
            padding=12,
            border_radius=12,
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        )
        self.fill_fields: list[ft.TextField] = []
        self.fill_starter = ""
        self.what = self._field(feedback_kind.prompt("what_happened"))
        self.body_field = self._field(feedback_kind.prompt("body"))
        self.feelings_row = ft.Row(wrap=True, spacing=6)
        self.picker = FeelingsPicker(self._add_feeling, page=self.ctl.page)
        self.picker.browse_part.visible = False
        self.would_like = self._field(feedback_kind.prompt("would_like"))
        self.words = ft.TextField(
            label=feedback_kind.prompt("text"),
            multiline=True,
            min_lines=3,
            on_change=self._on_words,
        )
        self.reset_words = ft.TextButton(
            content=_("Use the suggested wording"), on_click=self._reset_words, visible=False
        )
        self.session_menu = ChoiceMenu(
            # Translators: the menu choosing which therapy session this feedback is about
            _("Session"),
            [("", _("Not about one session"))],
            "",
            self._on_session,
        )
        self.links = ft.Row(wrap=True, spacing=6)
        self.state_menu = ChoiceMenu(
            # Translators: the menu choosing where the feedback stands (just for me, bring, shared)
            _("Status"),
            [(s, state_label(s)) for s in feedback_kind.STATES],
            PRIVATE,
            self._on_state,
        )
        self.outcome = self._field(feedback_kind.prompt("outcome"))
        self.outcome.visible = False
        self.error = error_text()
        self.note = small("")
        self.draft_note = self.note
        actions: list[ft.Control] = [primary_button(_("Save feedback"), self._save)]
        if self.record_id is not None:
            actions.append(delete_button(_("Delete feedback"), self._confirm_delete))
        return column(
            ft.Row([self.kind_menu.control], wrap=True),
            self.kind_hint,
            self.starters,
            self.fill_in,
            small(_("Fill in what helps and skip the rest; the app puts it into a sentence you can change.")),
            self.what,
            self.body_field,
            ft.Text(feedback_kind.prompt("feelings"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            self.feelings_row,
            self.picker.search_part,
            self.would_like,
            ft.Row([self.session_menu.control], wrap=True),
            ft.Text(_("Linked check-ins (optional)"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            self.links,
            ft.Divider(),
            self.words,
            ft.Row([self.reset_words]),
            ft.Row([self.state_menu.control], wrap=True),
            small(state_hint(PRIVATE)),
            self.outcome,
            self.error,
            ft.Row(actions, wrap=True),
            self.note,
        )

    def _field(self, label: str) -> ft.TextField:
        return ft.TextField(label=label, multiline=True, min_lines=1, on_change=self._on_part)

    async def on_show(self) -> None:
        if self.record_id is not None:
            try:
                self.saved = await asyncio.to_thread(self.store.get, self.record_id)
            except CompanionError as exc:
                show_error(self.error, str(exc))
                self.ctl.page.update()
                return
            self.value = self.saved
            self.state = self.saved.state
        kept = await self.restore_draft()
        if kept is not None:
            self.value = replace(kept, state=self.state)
            self.note.value = _("Picked up where you left off.")
        stores = self.stores
        self._sessions, self._recent = await asyncio.to_thread(
            lambda: (stores.sessions.all()[:12], stores.records.page([CHECKIN], limit=10).records)
        )
        self._load()
        self.start_autosave()

    def _load(self) -> None:
        v = self.value
        self.kind_menu.set_value(v.kind)
        self.what.value, self.body_field.value, self.would_like.value = v.what_happened, v.body, v.would_like
        self.own_words_edited = bool(v.text.strip())
        self.words.value = v.text if self.own_words_edited else feedback_kind.assemble(v)
        self.reset_words.visible = self.own_words_edited
        self.session_menu.options = [("", _("Not about one session"))] + [
            (r.id, describe(x)) for r, x in self._sessions
        ]
        self.session_menu.set_value(v.session_id or "")
        self._show_links()
        self.state_menu.set_value(self.state)
        self.outcome.value = v.outcome
        self.outcome.visible = self.state == SHARED
        self._show_kind()
        self._show_feelings()
        self.ctl.page.update()

    def _show_kind(self) -> None:
        kind = feedback_kind.kind(self.value.kind)
        self.kind_hint.value = kind.description if kind else ""
        self.starters.controls = [
            ft.Chip(
                label=ft.Text(starter, max_lines=4),  # may wrap
                on_click=self._starter(starter),
            )
            for starter in (kind.starters if kind else ())
        ]

    def _show_links(self) -> None:
        chips: list[ft.Control] = []
        for record in self._recent:
            checkin = CheckIn.from_payload(record.payload)
            words = (
                ", ".join(vocabulary.feeling_label(p.word) for p in checkin.feelings[:2])
                or ", ".join(vocabulary.region_name(r) for r in checkin.regions()[:2])
                # Translators: a linked check-in with no feelings or body areas, after its time
                or _("check-in")
            )
            chips.append(
                ft.Chip(
                    label=ft.Text(
                        # Translators: a check-in to link: when it was, its first feelings or body areas
                        _("{when}: {what}").format(when=friendly_time(record.created_at), what=words),
                        max_lines=3,
                    ),
                    selected=record.id in self.value.checkin_ids,
                    on_select=self._link(record.id),
                )
            )
        self.links.controls = chips or [small(_("No check-ins yet."))]

    def _link(self, record_id: str):
        async def toggle(e: ft.ControlEvent) -> None:
            ids = list(self.value.checkin_ids)
            if record_id in ids:
                ids.remove(record_id)
            else:
                ids.append(record_id)
            self.value = replace(self._read(), checkin_ids=tuple(ids))
            e.control.selected = record_id in ids
            self._changed()
            self.ctl.page.update()

        return toggle

    async def _on_session(self, key: str) -> None:
        self.value = replace(self._read(), session_id=key or None)
        self._changed()

    def _show_feelings(self) -> None:
        # Stored feelings are ids (or the person's own words): shown in the current language.
        shown = [(stored, vocabulary.feeling_label(stored)) for stored in self.value.feelings]
        self.feelings_row.controls = [
            ft.Chip(
                label=ft.Text(word),
                on_delete=self._remove_feeling(stored),
                # Translators: the tooltip of a chosen feeling's remove button; {feeling} is the word
                delete_icon_tooltip=_("Remove {feeling}").format(feeling=word),
            )
            for stored, word in shown
        ] or [small(_("None chosen yet."))]

    def _read(self) -> FeedbackDraft:
        text = (self.words.value or "") if self.own_words_edited else ""
        return replace(
            self.value,
            what_happened=self.what.value or "",
            body=self.body_field.value or "",
            would_like=self.would_like.value or "",
            text=text,
            outcome=self.outcome.value or "",
            state=self.state,
        )

    def _changed(self) -> None:
        self.dirty = True
        self.ctl.touch()
        show_error(self.error, "")

    def _refresh_words(self) -> None:
        self.value = self._read()
        if not self.own_words_edited:
            self.words.value = feedback_kind.assemble(self.value)

    async def _on_part(self, _e: ft.ControlEvent) -> None:
        self._changed()
        self._refresh_words()
        self.ctl.page.update()

    async def _on_words(self, _e: ft.ControlEvent) -> None:
        self._changed()
        self.own_words_edited = True
        self.reset_words.visible = True
        self.ctl.page.update()

    async def _reset_words(self, _e: ft.ControlEvent) -> None:
        self.own_words_edited = False
        self.reset_words.visible = False
        self._changed()
        self._refresh_words()
        self.ctl.page.update()

    async def _on_kind(self, key: str) -> None:
        self.value = replace(self._read(), kind=key)
        self._changed()
        self._show_kind()
        self._refresh_words()
        self.ctl.page.update()

    async def _on_state(self, key: str) -> None:
        self.state = key
        self.outcome.visible = key == SHARED
        self._changed()
        self.ctl.page.update()

    def _starter(self, starter: str):
        """A starter opens a small fill-in: one field per blank, then the sentence goes in."""

        async def use(_e: ft.ControlEvent) -> None:
            if BLANK not in starter:
                self._append_words(starter)
                self.ctl.page.update()
                return
            self._open_fill_in(starter)
            self.ctl.page.update()
            await self.fill_fields[0].focus()

        return use

    def _open_fill_in(self, starter: str) -> None:
        self.fill_starter = starter
        self.fill_fields = [
            ft.TextField(label=label, multiline=True, min_lines=1, on_change=self._on_fill)
            for label in starter_blanks(starter)
        ]
        self.fill_preview = small(starter)
        self.fill_error = error_text()
        self.fill_in.content = ft.Column(
            [
                ft.Text(_("Fill in the blanks"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
                *self.fill_fields,
                self.fill_preview,
                self.fill_error,
                ft.Row(
                    [
                        primary_button(_("Add to my words"), self._use_fill_in),
                        ft.TextButton(content=_("Cancel"), on_click=self._close_fill_in),
                    ],
                    wrap=True,
                ),
            ],
            spacing=8,
        )
        self.fill_in.visible = True

    async def _on_fill(self, _e: ft.ControlEvent) -> None:
        self.fill_preview.value = compose_starter(
            self.fill_starter, [f.value or BLANK for f in self.fill_fields]
        )
        self.ctl.page.update()

    async def _use_fill_in(self, _e: ft.ControlEvent) -> None:
        fills = [(field.value or "").strip() for field in self.fill_fields]
        if not all(fills):
            show_error(self.fill_error, _("Fill in each blank, or tap Cancel."))
            self.ctl.page.update()
            return
        self._append_words(compose_starter(self.fill_starter, fills))
        self.fill_in.visible = False
        self.ctl.page.update()

    async def _close_fill_in(self, _e: ft.ControlEvent) -> None:
        self.fill_in.visible = False
        self.ctl.page.update()

    def _append_words(self, sentence: str) -> None:
        current = (self.words.value or "").rstrip()
        self.words.value = (current + " " if current else "") + sentence
        self.own_words_edited = True
        self.reset_words.visible = True
        self._changed()

    async def _add_feeling(self, word: str) -> None:
        self.value = self._read().add_feeling(word)
        self._changed()
        self.picker.clear()
        self._show_feelings()
        self._refresh_words()
        self.ctl.page.update()

    def _remove_feeling(self, word: str):
        async def remove(_e: ft.ControlEvent) -> None:
            self.value = self._read().remove_feeling(word)
            self._changed()
            self._show_feelings()
            self._refresh_words()
            self.ctl.page.update()

        return remove

    async def _save(self, _e: ft.ControlEvent) -> None:
        draft = self._read()
        if draft.is_empty:
            show_error(self.error, _(feedback_kind.NOTHING_YET))
            self.ctl.page.update()
            return
        if has_blanks(draft.wording):

            async def save_anyway(_e: ft.ControlEvent) -> None:
                self.ctl.page.pop_dialog()
                await self._write(draft)

            self.ctl.confirm(
                _("Some blanks are still empty"),
                _(
                    "Your words still have \u201c\u2026\u201d where something was meant to go. "
                    "You can fill them in first, or save it as it is."
                ),
                _("Save as it is"),
                save_anyway,
                keep=_("Fill them in"),
            )
            return
        await self._write(draft)

    async def _write(self, draft: FeedbackDraft) -> None:
        """Save the draft with its status, then go back."""
        try:
            async with self._save_lock:
                if self.record_id is None:
                    record = await asyncio.to_thread(self.store.add, draft)
                    target = record.id
                else:
                    await asyncio.to_thread(self.store.update, self.record_id, draft)
                    target = self.record_id
                if self.state == SHARED:
                    await asyncio.to_thread(self.store.mark_shared, target, draft.outcome)
                else:
                    await asyncio.to_thread(self.store.set_state, target, self.state)
                await self.finish_draft()
        except ValueError as exc:
            # e.g. an empty draft can't be brought: it is saved, but stays just for you
            show_error(self.error, str(exc))
            self.ctl.page.update()
            return
        self.closed = True
        self.ctl.toast(
            _("Feedback saved.")
            if self.state == PRIVATE
            # Translators: {state} is where the feedback now stands ("Bring to session", "Shared")
            else _("Saved: {state}.").format(state=state_label(self.state))
        )
        await self.ctl.back()

    async def _confirm_delete(self, _e: ft.ControlEvent) -> None:
        async def delete(_e: ft.ControlEvent) -> None:
            self.ctl.page.pop_dialog()
            self.closed = True
            if self.record_id is not None:
                await delete_with_undo(self.ctl, self.record_id, self.store.delete, _("Feedback deleted."))
            await self.ctl.back()

        self.ctl.confirm(
            _("Delete this feedback?"), _("You'll have a few seconds to undo it."), _("Delete"), delete
        )
