"""A tappable outline of a person, front or back, for marking where something is felt.

The picture is drawn as vectors on a :class:`flet.canvas.Canvas` from
:mod:`companion.reference.body_layout`, so it stays crisp at any size and matches the PDF export.

Targets big enough for a fingertip (WCAG 2.2, 2.5.8: at least 24x24 px, aiming at 44x44).
Many regions are drawn smaller than a fingertip (the mouth is 23x8 px on a phone), so each
region gets an invisible hit area grown around it, cut halfway towards its neighbours (the
nearest region wins where grown areas would overlap). The face's features sit too close
together for that, so the front view has one "Face and features" target that opens a
close-up (the ``"face"`` view), where each feature is large. Pointer taps go to the drawn
shape under the finger (the smallest wins) and otherwise to the hit area around it. For screen
readers (and browser tests) every region is also its own button on its hit area, named after
the region, e.g. "Chest" or "Chest, marked 7 of 10". Whole body and skin are buttons above
the drawing, so they are never below the fold.
"""

import inspect
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

import flet as ft
import flet.canvas as cv

from companion.core.i18n import N_, _, ngettext
from companion.reference import body_layout as layout
from companion.reference import vocabulary
from companion.ui.widgets.tappable import TappableSemantics

TapHandler = Callable[[str], Awaitable[None] | None]
ViewHandler = Callable[[str], Awaitable[None] | None]

VIEWS = ("front", "back", "face")
# Features of the face: one target on the front view, each its own on the close-up.
FACE_FEATURES = ("forehead", "eyes", "face", "mouth", "jaw")
FACE_GROUP = "face_features"  # the front view's target that opens the close-up
# Translators: the button on the body map's face that opens a close-up of the face
FACE_GROUP_NAME = N_("Face and features")  # translate with _() where shown
# The part of the front view the close-up shows, in the layout's 0..1 box (x0, y0, x1, y1).
FACE_WINDOW = (0.33, 0.012, 0.67, 0.225)
FACE_WIDER = 1.3  # the close-up is drawn this much wider than the whole figure (a phone has room)

MIN_TARGET_PX = 24.0  # WCAG 2.2, 2.5.8 (minimum)
AIM_TARGET_PX = 44.0  # what a hit area grows to where there is room
NESTED_TARGET_PX = 28.0  # a region lying on a bigger one (the heart on the chest) grows less

_OUTLINE_WIDTH = 1.6  # px of the figure's outline (drawn at twice this, under the fill)
_SMALL_PX = 16  # pieces narrower than this get a quieter dashed outline while unmarked


def region_name(region_id: str) -> str:
    """A target's name in the current language ("Chest", "Brust")."""
    if region_id == FACE_GROUP:
        return _(FACE_GROUP_NAME)
    return vocabulary.region_name(region_id)


def accessible_label(region_id: str, intensity: int | None, *, marked: bool | None = None) -> str:
    """The accessible name: "Chest" when unmarked, "Chest, marked 7 of 10" when marked,
    "Chest, marked" when marked without a strength."""
    name = region_name(region_id)
    if marked is None:
        marked = intensity is not None
    if not marked:
        return name
    if intensity is None:
        # Translators: read out for a body area on the body map that has been marked
        return _("{region}, marked").format(region=name)
    # Translators: read out for a marked body area on the body map, with how strong, out of 10
    return _("{region}, marked {strength} of 10").format(region=name, strength=_clamp(intensity))


def _checked(view: str) -> str:
    if view not in VIEWS:
        raise ValueError(f"side must be 'front', 'back' or 'face', not {view!r}")
    return view


def _clamp(intensity: int) -> int:
    return max(0, min(10, int(intensity)))


# ------------------------------------------------------------------------- hit areas
@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in screen px."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def area(self) -> float:
        return self.width * self.height

    @property
    def center(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length shared by two intervals (negative: the gap between them)."""
    return min(a1, b1) - max(a0, b0)


def lies_on(small: Box, big: Box) -> bool:
    """Whether ``small`` sits on ``big`` (the heart on the chest): they share more than a
    quarter of the smaller one's extent in both directions, so no line can part them."""
    x = _overlap(small.left, small.right, big.left, big.right)
    y = _overlap(small.top, small.bottom, big.top, big.bottom)
    return (
        small.area <= big.area
        and x > 0.25 * min(small.width, big.width)
        and y > 0.25 * min(small.height, big.height)
    )


def _grown(box: Box, size: float, bounds: Box) -> Box:
    """``box`` grown around its centre to at least ``size`` each way, kept inside ``bounds``."""

    def axis(lo: float, hi: float, min_lo: float, max_hi: float) -> tuple[float, float]:
        extra = max(0.0, size - (hi - lo)) / 2
        lo, hi = lo - extra, hi + extra
        if lo < min_lo:
            lo, hi = min_lo, min(max_hi, hi + (min_lo - lo))
        if hi > max_hi:
            lo, hi = max(min_lo, lo - (hi - max_hi)), max_hi
        return lo, hi

    left, right = axis(box.left, box.right, bounds.left, bounds.right)
    top, bottom = axis(box.top, box.bottom, bounds.top, bounds.bottom)
    return Box(left, top, right, bottom)


def hit_areas(
    regions: dict[str, Box],
    bounds: Box,
    *,
    aim: float = AIM_TARGET_PX,
    nested: float = NESTED_TARGET_PX,
) -> dict[str, Box]:
    """A hit area per region: grown to ``aim`` px (``nested`` for one lying on a bigger
    region), then cut halfway towards each neighbour it would reach, so the nearest region
    wins. Ordered bigger first: draw in this order and smaller ones lie on top."""
    areas: dict[str, Box] = {}
    for rid, box in regions.items():
        sits_on_another = any(lies_on(box, other) for o, other in regions.items() if o != rid)
        areas[rid] = _grown(box, nested if sits_on_another else aim, bounds)
    ids = list(regions)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            box_a, box_b = regions[a], regions[b]
            if lies_on(box_a, box_b) or lies_on(box_b, box_a):
                continue  # one on the other: the drawn shapes decide, the smaller on top
            areas[a], areas[b] = _part(areas[a], areas[b], box_a, box_b)
    return dict(sorted(areas.items(), key=lambda item: -regions[item[0]].area))


def _part(area_a: Box, area_b: Box, box_a: Box, box_b: Box) -> tuple[Box, Box]:
    """Cut two hit areas apart at the middle of the gap between their regions, along the
    direction in which the regions are further apart."""
    x = _overlap(box_a.left, box_a.right, box_b.left, box_b.right)
    y = _overlap(box_a.top, box_a.bottom, box_b.top, box_b.bottom)
    if x <= y:  # apart (or least overlapping) left and right
        mid = (min(box_a.right, box_b.right) + max(box_a.left, box_b.left)) / 2
        if box_a.left + box_a.right <= box_b.left + box_b.right:
            area_a = Box(area_a.left, area_a.top, min(area_a.right, mid), area_a.bottom)
            area_b = Box(max(area_b.left, mid), area_b.top, area_b.right, area_b.bottom)
        else:
            area_b = Box(area_b.left, area_b.top, min(area_b.right, mid), area_b.bottom)
            area_a = Box(max(area_a.left, mid), area_a.top, area_a.right, area_a.bottom)
    else:  # apart above and below
        mid = (min(box_a.bottom, box_b.bottom) + max(box_a.top, box_b.top)) / 2
        if box_a.top + box_a.bottom <= box_b.top + box_b.bottom:
            area_a = Box(area_a.left, area_a.top, area_a.right, min(area_a.bottom, mid))
            area_b = Box(area_b.left, max(area_b.top, mid), area_b.right, area_b.bottom)
        else:
            area_b = Box(area_b.left, area_b.top, area_b.right, min(area_b.bottom, mid))
            area_a = Box(area_a.left, max(area_a.top, mid), area_a.right, area_a.bottom)
    return area_a, area_b


def topmost_at(areas: dict[str, Box], x: float, y: float) -> str | None:
    """The region whose hit area is on top at a point (the last one drawn there)."""
    found = None
    for rid, box in areas.items():
        if box.contains(x, y):
            found = rid
    return found


# ----------------------------------------------------------------------------- views
@dataclass(frozen=True)
class Frame:
    """Where the layout's 0..1 box lands on the canvas for one view (px)."""

    layout_side: str  # which outline is drawn: the face close-up shows the front
    x0: float
    y0: float
    scale_x: float  # px per layout unit across
    scale_y: float  # px per layout unit down
    width: float
    height: float

    @classmethod
    def of(cls, view: str, width: float) -> "Frame":
        if view == "face":
            x0, y0, x1, y1 = FACE_WINDOW
            wide = width * FACE_WIDER
            sx = wide / (x1 - x0)
            return cls("front", x0, y0, sx, sx * layout.ASPECT, wide, (y1 - y0) * sx * layout.ASPECT)
        return cls(view, 0.0, 0.0, width, width * layout.ASPECT, width, width * layout.ASPECT)

    def px(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.x0) * self.scale_x, (y - self.y0) * self.scale_y

    def unit(self, px: float, py: float) -> tuple[float, float]:
        return px / self.scale_x + self.x0, py / self.scale_y + self.y0

    def box(self, left: float, top: float, right: float, bottom: float) -> Box:
        (x0, y0), (x1, y1) = self.px(left, top), self.px(right, bottom)
        return Box(x0, y0, x1, y1)


def view_regions(view: str, frame: Frame) -> dict[str, Box]:
    """The targets of a view and the px box each covers: on the front, the face's features
    are one target; on the close-up, the regions around the face, each its own."""
    by_region: dict[str, list[layout.RegionShape]] = {}
    for s in layout.shapes_for(frame.layout_side):
        by_region.setdefault(s.region_id, []).append(s)
    boxes = {
        rid: frame.box(*layout.bounding_box(by_region[rid])) for rid in layout.region_ids(frame.layout_side)
    }
    if view == "front":
        features = [boxes.pop(rid) for rid in FACE_FEATURES]
        boxes[FACE_GROUP] = Box(
            min(b.left for b in features),
            min(b.top for b in features),
            max(b.right for b in features),
            max(b.bottom for b in features),
        )
    elif view == "face":
        boxes = {
            rid: box
            for rid, box in boxes.items()
            if 0 <= box.center[0] <= frame.width and 0 <= box.center[1] <= frame.height
        }
    return boxes


def view_hit_areas(view: str, width: float) -> dict[str, Box]:
    """Every target's hit area on one view at ``width`` px (what the browser test measures)."""
    frame = Frame.of(_checked(view), width)
    return hit_areas(view_regions(view, frame), Box(0, 0, frame.width, frame.height))


def _region_paints(
    intensity: int | None, small: bool = False, marked: bool = False
) -> tuple[ft.Paint, ft.Paint]:
    """(fill, stroke) for a region: a faint dashed outline when unmarked (fainter still on
    small pieces, so the face does not turn into a scribble); when marked, a fill that deepens
    and a border that thickens with intensity (readable in black and white too); marked
    without a strength, a light fill and a plain border."""
    if not marked and intensity is None:
        fill = ft.Paint(color=ft.Colors.TRANSPARENT, style=ft.PaintingStyle.FILL)
        stroke = ft.Paint(
            color=ft.Colors.with_opacity(0.24 if small else 0.4, ft.Colors.OUTLINE),
            style=ft.PaintingStyle.STROKE,
            stroke_width=1,
            stroke_dash_pattern=[1.5, 2.5] if small else [2.5, 3],
        )
        return fill, stroke
    if intensity is None:
        fill = ft.Paint(color=ft.Colors.with_opacity(0.3, ft.Colors.PRIMARY), style=ft.PaintingStyle.FILL)
        stroke = ft.Paint(color=ft.Colors.PRIMARY, style=ft.PaintingStyle.STROKE, stroke_width=2)
        return fill, stroke
    level = _clamp(intensity)
    fill = ft.Paint(
        color=ft.Colors.with_opacity(round(0.16 + 0.07 * level, 2), ft.Colors.PRIMARY),
        style=ft.PaintingStyle.FILL,
    )
    stroke = ft.Paint(color=ft.Colors.PRIMARY, style=ft.PaintingStyle.STROKE, stroke_width=1.5 + 0.3 * level)
    return fill, stroke


class BodyMap:
    """Front, back or face close-up, with one tappable, labelled target per region.

    Place :attr:`control`. :meth:`set_side` and :meth:`set_marks` change the picture in place;
    the caller then calls ``page.update()``. ``on_tap`` gets the region id (``"chest"``,
    ``"whole_body"``, ...) and may be a coroutine function. ``marks`` maps each marked region
    to its strength, or to None when it was marked without one. When the map itself changes
    the view (the front's "Face and features" target opens the close-up), ``on_view`` hears of it.
    """

    def __init__(
        self,
        side: str = "front",
        marks: dict[str, int | None] | None = None,
        on_tap: TapHandler | None = None,
        width: float = 260,
        *,
        show_special: bool = True,
        on_view: ViewHandler | None = None,
    ) -> None:
        self._side = _checked(side)
        self._marks: dict[str, int | None] = dict(marks or {})
        self._on_tap = on_tap
        self._on_view = on_view
        self._width = float(width)
        self._frame = Frame.of(self._side, self._width)
        # region id -> [(fill, stroke, small), ...] for each of its drawn parts on this view
        self._region_paint: dict[str, list[tuple[cv.Shape, cv.Shape, bool]]] = {}
        self._targets: dict[str, TappableSemantics] = {}
        self._areas: dict[str, Box] = {}
        self._special: dict[str, tuple[TappableSemantics, ft.Container]] = {}

        self._canvas = cv.Canvas(width=self._frame.width, height=self._frame.height)
        self._figure = ft.GestureDetector(
            content=self._canvas,
            on_tap_up=self._pointer_tap,
            mouse_cursor=ft.MouseCursor.CLICK,
            exclude_from_semantics=True,  # the per-region buttons below speak for it
        )
        self._stack = ft.Stack(
            width=self._frame.width, height=self._frame.height, clip_behavior=ft.ClipBehavior.HARD_EDGE
        )
        specials = ft.Row(
            [self._special_button(rid) for rid in layout.SPECIAL_REGIONS],
            alignment=ft.MainAxisAlignment.CENTER,
            wrap=True,
            width=self._width,  # never wider than the figure; the buttons wrap instead
            spacing=8,
            run_spacing=8,
        )
        # Whole body and skin first: above the drawing, never below the fold on a phone.
        self.control: ft.Control = ft.Column(
            [specials, self._stack] if show_special else [self._stack],
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
    def marks(self) -> dict[str, int | None]:
        return dict(self._marks)

    @property
    def hit_areas(self) -> dict[str, Box]:
        return dict(self._areas)

    def set_side(self, side: str) -> None:
        _checked(side)
        if side != self._side:
            self._side = side
            self._frame = Frame.of(side, self._width)
            self._canvas.width = self._stack.width = self._frame.width
            self._canvas.height = self._stack.height = self._frame.height
            self._build()

    def set_marks(self, marks: dict[str, int | None]) -> None:
        self._marks = dict(marks)
        for rid, pieces in self._region_paint.items():
            for fill_shape, stroke_shape, small in pieces:
                fill, stroke = _region_paints(self._marks.get(rid), small, rid in self._marks)
                fill_shape.paint = fill  # type: ignore[attr-defined]
                stroke_shape.paint = stroke  # type: ignore[attr-defined]
        for rid, target in self._targets.items():
            target.label = self._label(rid)
        for rid, (semantics, pill) in self._special.items():
            self._style_special(rid, semantics, pill)

    def _label(self, rid: str) -> str:
        if rid == FACE_GROUP:
            marked = sum(1 for f in FACE_FEATURES if f in self._marks)
            if not marked:
                # Translators: read out for the body map's face button, which opens a close-up
                return _("Face and features: show closer")
            # Translators: read out for the body map's face button; {n} places on the face are marked
            return ngettext(
                "Face and features: show closer, {n} place marked",
                "Face and features: show closer, {n} places marked",
                marked,
            ).format(n=marked)
        return accessible_label(rid, self._marks.get(rid), marked=rid in self._marks)

    # ---------------------------------------------------------------------------- drawing
    def _build(self) -> None:
        frame = self._frame
        side = frame.layout_side
        shapes: list[cv.Shape] = []
        closed = [p for p in layout.silhouette(side) if p.kind != "polyline"]
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
        shapes += [self._primitive(p, detail) for p in layout.silhouette(side) if p.kind == "polyline"]

        self._region_paint = {}
        for s in layout.shapes_for(side):  # largest first, so small ones sit on top
            small = min(s.w * frame.scale_x, s.h * frame.scale_y) < _SMALL_PX
            rid = s.region_id
            fill, stroke = _region_paints(self._marks.get(rid), small, rid in self._marks)
            fill_shape, stroke_shape = self._region_shape(s, fill), self._region_shape(s, stroke)
            self._region_paint.setdefault(rid, []).append((fill_shape, stroke_shape, small))
            shapes += [fill_shape, stroke_shape]
        self._canvas.shapes = shapes

        # One accessible button per target, on its hit area, laid out *under* the figure:
        # pointer taps land on the figure (shape first, then hit area), while screen readers
        # and browser tests use these buttons (Flutter web turns a click on a semantics button
        # into one tap action). Bigger areas first, so smaller ones lie on top.
        self._areas = hit_areas(view_regions(self._side, frame), Box(0, 0, frame.width, frame.height))
        self._targets = {}
        targets: list[ft.Control] = []
        for rid, area in self._areas.items():
            tap = self._semantic_tap(rid)
            semantics = TappableSemantics(
                label=self._label(rid),
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
                    left=area.left, top=area.top, width=area.width, height=area.height, content=semantics
                )
            )
        self._stack.controls = [*targets, self._figure]

    def _primitive(self, p: layout.Primitive, paint: ft.Paint) -> cv.Shape:
        f = self._frame
        if isinstance(p, layout.Ellipse):
            x, y = f.px(p.cx - p.w / 2, p.cy - p.h / 2)
            return cv.Oval(x, y, p.w * f.scale_x, p.h * f.scale_y, paint=paint)
        if isinstance(p, layout.RoundedRect):
            x, y = f.px(p.cx - p.w / 2, p.cy - p.h / 2)
            return cv.Rect(
                x, y, p.w * f.scale_x, p.h * f.scale_y, border_radius=p.radius * f.scale_x, paint=paint
            )
        points = [f.px(px, py) for px, py in p.points]
        elements: list[cv.Path.PathElement] = [cv.Path.MoveTo(*points[0])]
        elements += [cv.Path.LineTo(x, y) for x, y in points[1:]]
        if isinstance(p, layout.Polygon):
            elements.append(cv.Path.Close())
        return cv.Path(elements, paint=paint)

    def _region_shape(self, s: layout.RegionShape, paint: ft.Paint) -> cv.Shape:
        f = self._frame
        x, y = f.px(s.left, s.top)
        w, h = s.w * f.scale_x, s.h * f.scale_y
        if s.kind == "ellipse":
            return cv.Oval(x, y, w, h, paint=paint)
        return cv.Rect(x, y, w, h, border_radius=s.radius * f.scale_x, paint=paint)

    # ----------------------------------------------------------------- whole body, skin
    def _special_button(self, rid: str) -> ft.Control:
        tap = self._semantic_tap(rid)
        pill = ft.Container(
            content=ft.Text(region_name(rid), theme_style=ft.TextThemeStyle.LABEL_LARGE),
            padding=ft.Padding.symmetric(horizontal=18, vertical=12),
            border_radius=22,
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
        marked = rid in self._marks
        semantics.label = accessible_label(rid, intensity, marked=marked)
        text = pill.content
        assert isinstance(text, ft.Text)
        if not marked:
            pill.bgcolor = None
            pill.border = ft.Border.all(1, ft.Colors.OUTLINE)
            text.value = region_name(rid)
            text.color = ft.Colors.ON_SURFACE
        else:
            level = None if intensity is None else _clamp(intensity)
            pill.bgcolor = ft.Colors.SECONDARY_CONTAINER
            pill.border = ft.Border.all(2 if level is None else 1.5 + 0.3 * level, ft.Colors.PRIMARY)
            text.value = region_name(rid) if level is None else f"{region_name(rid)} · {level}/10"
            text.color = ft.Colors.ON_SECONDARY_CONTAINER

    # ----------------------------------------------------------------------------- taps
    def target_at(self, px: float, py: float) -> str | None:
        """What a pointer tap at ``(px, py)`` on the drawing means: the drawn shape under it
        (the smallest wins), else the hit area around a region (the nearest region's)."""
        x, y = self._frame.unit(px, py)
        rid = layout.region_at(self._frame.layout_side, x, y)
        if rid is not None and self._side == "front" and rid in FACE_FEATURES:
            return FACE_GROUP
        if rid is not None and (self._side != "face" or rid in self._areas):
            return rid
        return topmost_at(self._areas, px, py)

    async def _pointer_tap(self, e: ft.TapEvent[ft.GestureDetector]) -> None:
        if e.local_position is None:
            return
        rid = self.target_at(e.local_position.x, e.local_position.y)
        if rid is not None:
            await self._fire(rid)

    def _semantic_tap(self, rid: str) -> Callable[[ft.Event[ft.Control]], Awaitable[None]]:
        async def handler(_e: ft.Event[ft.Control]) -> None:
            await self._fire(rid)

        return handler

    async def _fire(self, rid: str) -> None:
        if rid == FACE_GROUP:
            await self._show_face()
            return
        if self._on_tap is None:
            return
        await _call(self._on_tap, rid)

    async def _show_face(self) -> None:
        self.set_side("face")
        if self._on_view is not None:  # the screen shows the change (and updates the page)
            await _call(self._on_view, "face")


async def _call(fn: Callable[[str], Awaitable[None] | None], value: str) -> None:
    result = fn(value)
    if inspect.isawaitable(result):
        await result


def smallest_target(areas: Iterable[Box]) -> float:
    """The shorter side of the smallest target (for checks against WCAG's 24 px)."""
    return min(min(b.width, b.height) for b in areas)
