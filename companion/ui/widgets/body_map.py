"""A tappable outline of a person, front or back, for marking where something is felt.

The picture is drawn as vectors on a :class:`flet.canvas.Canvas` from
:mod:`companion.reference.body_layout`, so it stays crisp at any size and matches the PDF export.
Pointer taps are resolved with :func:`companion.reference.body_layout.region_at` (precise, smallest
shape wins). For screen readers (and browser tests) every region is also its own button,
named after the region, e.g. "Chest" or "Chest, marked 7 of 10".
"""

import inspect
from collections.abc import Awaitable, Callable

import flet as ft
import flet.canvas as cv

from companion.reference import body_layout as layout
from companion.reference import vocabulary
from companion.ui.widgets.tappable import TappableSemantics

TapHandler = Callable[[str], Awaitable[None] | None]

_OUTLINE_WIDTH = 1.6  # px of the figure's outline (drawn at twice this, under the fill)
_SMALL_PX = 16  # pieces narrower than this get a quieter dashed outline while unmarked


def region_name(region_id: str) -> str:
    found = vocabulary.region(region_id)
    return found.name if found else region_id.replace("_", " ").capitalize()


def accessible_label(region_id: str, intensity: int | None) -> str:
    """The accessible name: "Chest" when unmarked, "Chest, marked 7 of 10" when marked."""
    name = region_name(region_id)
    return name if intensity is None else f"{name}, marked {_clamp(intensity)} of 10"


def _checked(side: str) -> str:
    if side not in layout.SIDES:
        raise ValueError(f"side must be 'front' or 'back', not {side!r}")
    return side


def _clamp(intensity: int) -> int:
    return max(0, min(10, int(intensity)))


def _region_paints(intensity: int | None, small: bool = False) -> tuple[ft.Paint, ft.Paint]:
    """(fill, stroke) for a region: a faint dashed outline when unmarked (fainter still on
    small pieces, so the face does not turn into a scribble); when marked, a fill that deepens
    and a border that thickens with intensity (readable in black and white too)."""
    if intensity is None:
        fill = ft.Paint(color=ft.Colors.TRANSPARENT, style=ft.PaintingStyle.FILL)
        stroke = ft.Paint(
            color=ft.Colors.with_opacity(0.24 if small else 0.4, ft.Colors.OUTLINE),
            style=ft.PaintingStyle.STROKE,
            stroke_width=1,
            stroke_dash_pattern=[1.5, 2.5] if small else [2.5, 3],
        )
        return fill, stroke
    level = _clamp(intensity)
    fill = ft.Paint(
        color=ft.Colors.with_opacity(round(0.16 + 0.07 * level, 2), ft.Colors.PRIMARY),
        style=ft.PaintingStyle.FILL,
    )
    stroke = ft.Paint(color=ft.Colors.PRIMARY, style=ft.PaintingStyle.STROKE, stroke_width=1.5 + 0.3 * level)
    return fill, stroke


class BodyMap:
    """Front or back body outline with one tappable, labelled target per region.

    Place :attr:`control`. :meth:`set_side` and :meth:`set_marks` change the picture in place;
    the caller then calls ``page.update()``. ``on_tap`` gets the region id (``"chest"``,
    ``"whole_body"``, ...) and may be a coroutine function.
    """

    def __init__(
        self,
        side: str = "front",
        marks: dict[str, int] | None = None,
        on_tap: TapHandler | None = None,
        width: float = 260,
        *,
        show_special: bool = True,
    ) -> None:
        self._side = _checked(side)
        self._marks: dict[str, int] = dict(marks or {})
        self._on_tap = on_tap
        self._width = float(width)
        self._height = self._width * layout.ASPECT
        # region id -> [(fill, stroke, small), ...] for each of its drawn parts on this side
        self._region_paint: dict[str, list[tuple[cv.Shape, cv.Shape, bool]]] = {}
        self._targets: dict[str, TappableSemantics] = {}
        self._special: dict[str, tuple[TappableSemantics, ft.Container]] = {}

        self._canvas = cv.Canvas(width=self._width, height=self._height)
        self._figure = ft.GestureDetector(
            content=self._canvas,
            on_tap_up=self._pointer_tap,
            mouse_cursor=ft.MouseCursor.CLICK,
            exclude_from_semantics=True,  # the per-region buttons below speak for it
        )
        self._stack = ft.Stack(width=self._width, height=self._height)
        specials = ft.Row(
            [self._special_button(rid) for rid in layout.SPECIAL_REGIONS],
            alignment=ft.MainAxisAlignment.CENTER,
            wrap=True,
            width=self._width,  # never wider than the figure; the buttons wrap instead
            spacing=8,
            run_spacing=8,
        )
        self.control: ft.Control = ft.Column(
            [self._stack, specials] if show_special else [self._stack],
            spacing=12,
            tight=True,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        )
        self._build()

    # ------------------------------------------------------------------------------- API
    @property
    def side(self) -> str:
        return self._side

    @property
    def marks(self) -> dict[str, int]:
        return dict(self._marks)

    def set_side(self, side: str) -> None:
        _checked(side)
        if side != self._side:
            self._side = side
            self._build()

    def set_marks(self, marks: dict[str, int]) -> None:
        self._marks = dict(marks)
        for rid, pieces in self._region_paint.items():
            for fill_shape, stroke_shape, small in pieces:
                fill, stroke = _region_paints(self._marks.get(rid), small)
                fill_shape.paint = fill  # type: ignore[attr-defined]
                stroke_shape.paint = stroke  # type: ignore[attr-defined]
        for rid, target in self._targets.items():
            target.label = accessible_label(rid, self._marks.get(rid))
        for rid, (semantics, pill) in self._special.items():
            self._style_special(rid, semantics, pill)

    # ---------------------------------------------------------------------------- drawing
    def _build(self) -> None:
        shapes: list[cv.Shape] = []
        closed = [p for p in layout.silhouette(self._side) if p.kind != "polyline"]
        outline = ft.Paint(
            color=ft.Colors.OUTLINE,
            style=ft.PaintingStyle.STROKE,
            stroke_width=_OUTLINE_WIDTH * 2,
            stroke_join=ft.StrokeJoin.ROUND,
        )
        body = ft.Paint(color=ft.Colors.SURFACE_CONTAINER_HIGHEST, style=ft.PaintingStyle.FILL)
        detail = ft.Paint(
            color=ft.Colors.OUTLINE_VARIANT,
            style=ft.PaintingStyle.STROKE,
            stroke_width=1.2,
            stroke_cap=ft.StrokeCap.ROUND,
        )
        shapes += [self._primitive(p, outline) for p in closed]
        shapes += [self._primitive(p, body) for p in closed]
        shapes += [self._primitive(p, detail) for p in layout.silhouette(self._side) if p.kind == "polyline"]

        self._region_paint = {}
        for s in layout.shapes_for(self._side):  # largest first, so small ones sit on top
            small = min(s.w * self._width, s.h * self._height) < _SMALL_PX
            fill, stroke = _region_paints(self._marks.get(s.region_id), small)
            fill_shape, stroke_shape = self._region_shape(s, fill), self._region_shape(s, stroke)
            self._region_paint.setdefault(s.region_id, []).append((fill_shape, stroke_shape, small))
            shapes += [fill_shape, stroke_shape]
        self._canvas.shapes = shapes

        # One accessible button per region, laid out *under* the figure: pointer taps land on
        # the figure (precise hit test), while screen readers and browser tests use these
        # buttons (Flutter web turns a click on a semantics button into one tap action).
        self._targets = {}
        targets: list[ft.Control] = []
        by_region: dict[str, list[layout.RegionShape]] = {}
        for s in layout.shapes_for(self._side):
            by_region.setdefault(s.region_id, []).append(s)
        for rid in layout.region_ids(self._side):
            left, top, right, bottom = layout.bounding_box(by_region[rid])
            tap = self._semantic_tap(rid)
            semantics = TappableSemantics(
                label=accessible_label(rid, self._marks.get(rid)),
                button=True,
                focusable=True,
                container=True,
                exclude_semantics=True,
                on_tap=tap,
                on_click=tap,
                content=ft.Container(),
            )
            self._targets[rid] = semantics
            targets.append(
                ft.Container(
                    left=left * self._width,
                    top=top * self._height,
                    width=(right - left) * self._width,
                    height=(bottom - top) * self._height,
                    content=semantics,
                )
            )
        self._stack.controls = [*targets, self._figure]

    def _primitive(self, p: layout.Primitive, paint: ft.Paint) -> cv.Shape:
        w, h = self._width, self._height
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
        if isinstance(p, layout.Polygon):
            elements.append(cv.Path.Close())
        return cv.Path(elements, paint=paint)

    def _region_shape(self, s: layout.RegionShape, paint: ft.Paint) -> cv.Shape:
        x, y = s.left * self._width, s.top * self._height
        w, h = s.w * self._width, s.h * self._height
        if s.kind == "ellipse":
            return cv.Oval(x, y, w, h, paint=paint)
        return cv.Rect(x, y, w, h, border_radius=s.radius * self._width, paint=paint)

    # ----------------------------------------------------------------- whole body, skin
    def _special_button(self, rid: str) -> ft.Control:
        tap = self._semantic_tap(rid)
        pill = ft.Container(
            content=ft.Text(region_name(rid), theme_style=ft.TextThemeStyle.LABEL_LARGE),
            padding=ft.Padding.symmetric(horizontal=18, vertical=10),
            border_radius=20,
            on_click=tap,
            ink=True,
        )
        semantics = TappableSemantics(
            button=True,
            focusable=True,
            container=True,
            exclude_semantics=True,
            on_tap=tap,
            on_click=tap,
            content=pill,
        )
        self._special[rid] = (semantics, pill)
        self._style_special(rid, semantics, pill)
        return semantics

    def _style_special(self, rid: str, semantics: TappableSemantics, pill: ft.Container) -> None:
        intensity = self._marks.get(rid)
        semantics.label = accessible_label(rid, intensity)
        text = pill.content
        assert isinstance(text, ft.Text)
        if intensity is None:
            pill.bgcolor = None
            pill.border = ft.Border.all(1, ft.Colors.OUTLINE)
            text.value = region_name(rid)
            text.color = ft.Colors.ON_SURFACE
        else:
            level = _clamp(intensity)
            pill.bgcolor = ft.Colors.SECONDARY_CONTAINER
            pill.border = ft.Border.all(1.5 + 0.3 * level, ft.Colors.PRIMARY)
            text.value = f"{region_name(rid)} · {level}/10"
            text.color = ft.Colors.ON_SECONDARY_CONTAINER

    # ----------------------------------------------------------------------------- taps
    async def _pointer_tap(self, e: ft.TapEvent[ft.GestureDetector]) -> None:
        if e.local_position is None:
            return
        rid = layout.region_at(
            self._side, e.local_position.x / self._width, e.local_position.y / self._height
        )
        if rid is not None:
            await self._fire(rid)

    def _semantic_tap(self, rid: str) -> Callable[[ft.Event[ft.Control]], Awaitable[None]]:
        async def handler(_e: ft.Event[ft.Control]) -> None:
            await self._fire(rid)

        return handler

    async def _fire(self, rid: str) -> None:
        if self._on_tap is None:
            return
        result = self._on_tap(rid)
        if inspect.isawaitable(result):
            await result
