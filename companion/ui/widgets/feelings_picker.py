"""Finding the right feeling words: search, a vague-word coach, families, body hints.

Reused wherever a person names feelings (check-ins now, feedback drafts later).
It owns only its controls; the chosen words live with the caller, who is told
through ``on_pick(word)``: a listed feeling's id (shown in the current language), or the
person's own word as they wrote it.

The person's own word is always theirs to keep: Enter (or "Keep ...") adds what they typed,
as they typed it. For a broad word of their own ("bad", "upset") the coach offers sharper
words once, while they type, beside the choice to keep it. A word from our own list is never
called broad: the app offered it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from companion.core.i18n import _
from companion.reference import vocabulary as vocab
from companion.ui.widgets.common import small

PickHandler = Callable[[str], Awaitable[None]]
MAX_RESULTS = 8
MAX_OWN_WORD = 80  # characters of a typed feeling: a word or a few, not a paragraph


def own_word(text: str) -> str:
    """What the person typed, tidied (spaces collapsed, kept to a sensible length)."""
    return " ".join(text.split())[:MAX_OWN_WORD].strip()


def word_to_add(text: str) -> str | None:
    """What Enter adds: the listed feeling's id when they typed one of ours (in any spelling
    of the current language), otherwise their own word exactly as written; None for nothing typed."""
    typed = own_word(text)
    if not typed:
        return None
    known = vocab.feeling(typed)
    return known.id if known else typed


def coaching_for(text: str) -> list[vocab.Feeling] | None:
    """Sharper words for a broad word of the person's own; None for a word of our list
    (the app never calls its own suggestion broad) and for words the coach doesn't know."""
    typed = own_word(text)
    if not typed or vocab.feeling(typed) is not None:
        return None
    return vocab.coach(typed)


def feeling_chip(feeling: vocab.Feeling, on_pick: PickHandler) -> ft.Chip:
    """A tappable word, in the current language; picking it passes the feeling's id. (No
    tooltip: in Flet 1.0.5 web a tooltip's node covers the chip for pointer and assistive taps
    alike; definitions show in search results instead.)"""

    async def pick(_e: ft.ControlEvent) -> None:
        await on_pick(feeling.id)

    return ft.Chip(label=ft.Text(feeling.word), on_click=pick)


def word_tile(feeling: vocab.Feeling, on_pick: PickHandler) -> ft.Control:
    async def pick(_e: ft.ControlEvent) -> None:
        await on_pick(feeling.id)

    return ft.ListTile(
        title=ft.Text(feeling.word, weight=ft.FontWeight.W_600),
        subtitle=ft.Text(feeling.definition),
        dense=True,
        on_click=pick,
        trailing=ft.Icon(ft.Icons.ADD),
    )


def keep_tile(word: str, on_pick: PickHandler) -> ft.Control:
    """Keep the person's own word: named "Keep “bad”, your own word" for screen readers."""

    async def pick(_e: ft.ControlEvent) -> None:
        await on_pick(word)

    return ft.ListTile(
        leading=ft.Icon(ft.Icons.EDIT_NOTE),
        # Translators: keeps the feeling word the person typed; {word} is their word
        title=ft.Text(_("Keep \u201c{word}\u201d").format(word=word), weight=ft.FontWeight.W_600),
        subtitle=ft.Text(_("Your own word, just as you wrote it")),
        dense=True,
        on_click=pick,
    )


class FeelingsPicker:
    def __init__(self, on_pick: PickHandler, *, page: ft.Page) -> None:
        self.on_pick = on_pick
        self.page = page
        self.query = ft.TextField(
            label=_("Find a feeling word"),
            prefix_icon=ft.Icons.SEARCH,
            on_change=self._on_query,
            on_submit=self._on_submit,
        )
        self.coach_box = ft.Column(spacing=4, visible=False)
        self.results = ft.Column(spacing=0)
        self.suggest_box = ft.Column(spacing=6, visible=False)
        self.families = ft.Column(spacing=0)
        self._build_families()
        stretch = ft.CrossAxisAlignment.STRETCH
        # Two parts, so a screen can keep the search field at a fixed place above the
        # words already chosen (a field that moves while one types is hard to use).
        self.search_part = ft.Column(
            [self.query, self.coach_box, self.results], spacing=8, horizontal_alignment=stretch
        )
        self.browse_part = ft.Column(
            [
                self.suggest_box,
                ft.Text(_("Or browse by family"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
                self.families,
            ],
            spacing=10,
            horizontal_alignment=stretch,
        )
        self.control = ft.Column(
            [self.search_part, self.browse_part], spacing=10, horizontal_alignment=stretch
        )

    # --- from the body -------------------------------------------------------------------

    def set_body_suggestions(self, marks: list[tuple[str, list[str], int]], chosen: set[str]) -> None:
        """Feelings often linked with the marked places, leaving out those ``chosen`` (stored ids)."""
        suggestions = [f for f, _score in vocab.suggest_from_body(marks, limit=10) if f.id not in chosen]
        self.suggest_box.visible = bool(suggestions)
        self.suggest_box.controls = [
            ft.Text(_("Often linked with what you noticed"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            small(_("Only suggestions: your body may be saying something else, and that's fine.")),
            ft.Row([feeling_chip(f, self.on_pick) for f in suggestions[:8]], wrap=True, spacing=6),
        ]

    # --- search and coach ----------------------------------------------------------------

    async def _on_query(self, _e: ft.ControlEvent) -> None:
        self.refresh_search()
        self.page.update()

    async def _on_submit(self, _e: ft.ControlEvent) -> None:
        """Enter keeps what was typed: our word if it is one of ours, else their own word."""
        word = word_to_add(self.query.value or "")
        if word is None:
            return
        await self.on_pick(word)
        self.clear()

    def clear(self) -> None:
        self.query.value = ""
        self.refresh_search()

    def refresh_search(self) -> None:
        text = (self.query.value or "").strip()
        self.show_coach(text)
        if not text:
            self.results.controls = []
            return
        hits = vocab.search(text, limit=MAX_RESULTS)
        tiles: list[ft.Control] = [word_tile(f, self.on_pick) for f in hits]
        typed = own_word(text)
        if vocab.feeling(typed) is None and not self.coach_box.visible:  # the coach offers it itself
            keep = keep_tile(typed, self.on_pick)
            tiles = [*tiles, keep] if hits else [keep, small(_("Enter keeps it too."))]
        self.results.controls = tiles

    def show_coach(self, word: str) -> None:
        """When a word of their own is broad (bad, upset, fine...), offer a few sharper ones,
        and keeping their word, as an equal choice."""
        candidates = coaching_for(word)
        self.coach_box.visible = bool(candidates)
        if not candidates:
            self.coach_box.controls = []
            return
        typed = own_word(word)
        prompt = vocab.coach_prompt(typed) or _(
            "\u201c{word}\u201d can mean many things. Is it closer to one of these?"
        ).format(word=typed)
        self.coach_box.controls = [
            ft.Container(
                ft.Column(
                    [ft.Text(prompt, theme_style=ft.TextThemeStyle.BODY_MEDIUM)]
                    + [word_tile(f, self.on_pick) for f in candidates]
                    + [small(_("Or keep your word, if it says it best:")), keep_tile(typed, self.on_pick)],
                    spacing=2,
                ),
                padding=12,
                border_radius=12,
                bgcolor=ft.Colors.SECONDARY_CONTAINER,
            )
        ]

    # --- families ------------------------------------------------------------------------

    def _build_families(self) -> None:
        tiles: list[ft.Control] = []
        for family in vocab.families():
            words = vocab.by_family(family.id)
            tiles.append(
                ft.ExpansionTile(
                    title=ft.Text(family.label),
                    subtitle=ft.Text(family.description, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS),
                    controls=[
                        ft.Container(
                            ft.Row([feeling_chip(f, self.on_pick) for f in words], wrap=True, spacing=6),
                            padding=ft.Padding.only(left=12, right=12, bottom=12),
                        )
                    ],
                    maintain_state=False,
                )
            )
        self.families.controls = tiles
