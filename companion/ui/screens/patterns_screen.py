"""Patterns, gently: what my own records show since my last session (or 7/30/90 days, all time).

Counts come from `export.patterns`, which words the summary's own tallies, so this screen and the
PDF never disagree. The body outline is shaded the way the PDF shades it, and a list of plain
sentences beside it says the same for screen readers. No scores, streaks or judgements; any
sentence can be added to what I'm bringing to my next session.
"""

from __future__ import annotations

import asyncio

import flet as ft
import flet.canvas as cv
import flet_charts

from companion.core.i18n import N_, _, ngettext
from companion.core.records import now_us, to_datetime
from companion.export import patterns
from companion.export.session_prep import Stretch
from companion.kinds.sharing import BRING
from companion.reference import body_layout as layout
from companion.ui.kit.screen import Screen
from companion.ui.widgets.common import (
    ChoiceMenu,
    body,
    column,
    friendly_time,
    heading,
    icon_button,
    small,
    subtitle,
)

_FIGURE_WIDTH = 130


def _figure(side: str, shades: dict[str, int], width: float = _FIGURE_WIDTH) -> ft.Control:
    """The body outline of one side, each place shaded by its step (read-only, like the PDF's)."""
    height = width * layout.ASPECT
    outline = ft.Paint(color=ft.Colors.OUTLINE, style=ft.PaintingStyle.STROKE, stroke_width=2.4)
    skin = ft.Paint(color=ft.Colors.SURFACE_CONTAINER_HIGHEST, style=ft.PaintingStyle.FILL)
    closed = [p for p in layout.silhouette(side) if p.kind != "polyline"]
    shapes: list[cv.Shape] = [
        _primitive(p, paint, width, height) for paint in (outline, skin) for p in closed
    ]
    for s in layout.shapes_for(side):
        step = shades.get(s.region_id)
        if step is None:
            continue
        fill = ft.Paint(
            color=ft.Colors.with_opacity(round(0.3 + 0.16 * step, 2), ft.Colors.PRIMARY),
            style=ft.PaintingStyle.FILL,
        )
        x, y, w, h = s.left * width, s.top * height, s.w * width, s.h * height
        if s.kind == "ellipse":
            shapes.append(cv.Oval(x, y, w, h, paint=fill))
        else:
            shapes.append(cv.Rect(x, y, w, h, border_radius=s.radius * width, paint=fill))
    canvas = cv.Canvas(shapes=shapes, width=width, height=height)
    return ft.Column(
        [ft.Semantics(content=canvas, exclude_semantics=True), small(_side_label(side))],
        tight=True,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
    )


def _side_label(side: str) -> str:
    if side == "front":
        # Translators: under the body outline: the body seen from the front
        return _("Front view")
    if side == "back":
        # Translators: under the body outline: the body seen from the back
        return _("Back view")
    return side.capitalize()


def _primitive(p: layout.Primitive, paint: ft.Paint, w: float, h: float) -> cv.Shape:
    if isinstance(p, layout.Ellipse):
        return cv.Oval((p.cx - p.w / 2) * w, (p.cy - p.h / 2) * h, p.w * w, p.h * h, paint=paint)
    if isinstance(p, layout.RoundedRect):
        return cv.Rect(
            (p.cx - p.w / 2) * w,
            (p.cy - p.h / 2) * h,
            p.w * w,
            p.h * h,
            border_radius=p.radius * w,
            paint=paint,
        )
    elements: list[cv.Path.PathElement] = [cv.Path.MoveTo(p.points[0][0] * w, p.points[0][1] * h)]
    elements += [cv.Path.LineTo(x * w, y * h) for x, y in p.points[1:]]
    elements.append(cv.Path.Close())
    return cv.Path(elements, paint=paint)


def _strength_chart(series: list[tuple[int, float]]) -> ft.Control:
    """How strong things felt at each check-in, 0-10, over time (flet-charts)."""
    first = series[0][0]
    days = [((t - first) / 86_400_000_000, v) for t, v in series]
    return flet_charts.LineChart(
        data_series=[
            flet_charts.LineChartData(
                points=[flet_charts.LineChartDataPoint(x, y) for x, y in days],
                stroke_width=2,
                color=ft.Colors.PRIMARY,
                point=True,
            )
        ],
        min_y=0,
        max_y=10,
        min_x=0,
        max_x=max(1.0, days[-1][0] * 1.04),  # room for the last point
        left_axis=flet_charts.ChartAxis(
            labels=[flet_charts.ChartAxisLabel(value=v, label=ft.Text(str(v), size=11)) for v in (0, 5, 10)],
            label_size=28,
        ),
        bottom_axis=flet_charts.ChartAxis(show_labels=False),
        horizontal_grid_lines=flet_charts.ChartGridLines(
            interval=5, color=ft.Colors.OUTLINE_VARIANT, width=1
        ),
        interactive=False,
        height=160,
    )


class PatternsScreen(Screen):
    # Translators: the title of the screen showing what check-ins show over time
    title = N_("Patterns")

    def build(self) -> ft.Control:
        self.choice = patterns.PERIODS[0][0]
        # Translators: the label of the menu choosing which stretch of time is shown
        self.period = ChoiceMenu(_("Time"), patterns.periods(), self.choice, self._on_period)
        self.period_note = small("")
        self.content = ft.Column(spacing=16)
        self.busy = ft.ProgressRing(width=20, height=20)
        return column(
            heading(_("Patterns")),
            body(
                _(
                    "What your own check-ins show, in your words. Nothing here is a score; "
                    "it is simply what you noticed, and you can bring any of it to your session."
                ),
                muted=True,
            ),
            ft.Row([self.period.control, self.busy], wrap=True, spacing=12),
            self.period_note,
            self.content,
            ft.Container(height=16),
        )

    async def on_show(self) -> None:
        await self._load()

    async def _on_period(self, value: str) -> None:
        self.choice = value
        await self._load()

    async def _load(self) -> None:
        self.busy.visible = True
        self.ctl.page.update()
        stores = self.stores
        moment = now_us()

        def work() -> tuple[Stretch, patterns.Patterns]:
            stretch = patterns.stretch_of(self.choice, moment, stores.sessions.since_last_session(moment))
            return stretch, patterns.build_patterns(
                stores.session_prep.load_patterns(stretch), stretch, moment
            )

        try:
            stretch, found = await asyncio.to_thread(work)
        finally:
            self.busy.visible = False
        self.period_label = dict(patterns.periods())[self.choice]
        since = ""
        if stretch.start_us is not None:
            since = _("From {when} until now.").format(when=friendly_time(to_datetime(stretch.start_us)))
        self.period_note.value = " ".join(x for x in (stretch.note, since) if x)
        self.period_note.visible = bool(self.period_note.value)
        self.content.controls = self._sections(found)
        self.ctl.page.update()

    # --- sections ------------------------------------------------------------------------------

    def _sections(self, found: patterns.Patterns) -> list[ft.Control]:
        if found.empty:
            return [
                body(_("Nothing noted in this time yet. Whenever you're ready, a check-in is a good start."))
            ]
        out: list[ft.Control] = [
            small(
                ngettext("{n} check-in in this time.", "{n} check-ins in this time.", found.checkins).format(
                    n=found.checkins
                )
            )
        ]
        if found.regions:
            out += [
                subtitle(_("Where in your body")),
                ft.Row(
                    [_figure(side, found.shades) for side in layout.SIDES],
                    alignment=ft.MainAxisAlignment.CENTER,
                    wrap=True,
                    spacing=24,
                ),
                small(_("Darker: came up more often, or more strongly.")),
                *self._bringable(patterns.body_sentences(found)),
            ]
        if found.feelings:
            out += [
                subtitle(_("Feelings that came up most")),
                *self._bringable(
                    [patterns.counted_sentence(w, n, found.checkins) for w, n in found.feelings]
                ),
            ]
        if found.families:
            out += [
                subtitle(_("Families of feelings")),
                *self._bringable(
                    [patterns.counted_sentence(w, n, found.checkins) for w, n in found.families]
                ),
            ]
        if found.needs:
            out += [
                subtitle(_("Needs you named most")),
                *self._bringable([patterns.counted_sentence(w, n, found.checkins) for w, n in found.needs]),
            ]
        if found.series:
            low, high = min(v for _t, v in found.series), max(v for _t, v in found.series)
            words = ngettext(
                "How strong things felt, from 0 to 10, at {n} check-in: between {low} and {high}.",
                "How strong things felt, from 0 to 10, at {n} check-ins: between {low} and {high}.",
                len(found.series),
            ).format(n=len(found.series), low=f"{low:.0f}", high=f"{high:.0f}")
            out += [
                subtitle(_("How strong feelings were over time")),
                ft.Semantics(label=words, content=_strength_chart(found.series)),
                small(words),
            ]
        out += [
            subtitle(_("Breathing pauses")),
            *self._bringable([patterns.breathing_sentence(found.breathing)]),
        ]
        if found.practices:
            out += [
                # Translators: a heading: exercises from the therapist to do between sessions
                subtitle(_("Homework")),
                *[body(patterns.practice_sentence(p)) for p in found.practices],
            ]
        return out

    def _bringable(self, sentences: list[str]) -> list[ft.Control]:
        """Each sentence with an "I'd like to bring this" button named after it."""
        return [
            ft.Row(
                [
                    ft.Container(body(sentence), expand=True),
                    icon_button(
                        ft.Icons.ADD_COMMENT_OUTLINED,
                        _("I'd like to bring this: {sentence}").format(sentence=sentence),
                        self._bringer(sentence),
                    ),
                ],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            )
            for sentence in sentences
        ]

    def _bringer(self, sentence: str):
        async def bring(_e: ft.ControlEvent) -> None:
            text = patterns.bring_text(sentence, self.period_label)
            topics = self.stores.topics

            def add() -> None:
                record = topics.add(text)
                topics.set_state(record.id, BRING)

            await asyncio.to_thread(add)
            self.ctl.toast(
                _("Added to what you're bringing to your next session. It will be in your summary.")
            )

        return self.ctl.handler(bring)
