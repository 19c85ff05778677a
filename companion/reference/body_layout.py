"""Where each body region sits on a front and a back outline of a person.

Pure data and geometry, no UI: the Flet body map and a PDF export both draw from here, so the
picture on screen and on paper is the same.

Coordinates
    Everything lives in a normalised box: ``x`` runs 0..1 from the viewer's left to right, ``y``
    runs 0..1 from top to bottom. The box is :data:`ASPECT` times as tall as it is wide
    (width:height = 1:2.2), so a drawing surface of ``W`` points wide should be ``W * ASPECT``
    high; map ``(x, y)`` to ``(x * W, y * W * ASPECT)``. Lengths that belong to neither axis
    (corner radii) are fractions of the box *width*.

Left and right
    Region ids name the person's own left and right. On the ``"front"`` view the person faces
    the viewer, so their left is on the viewer's right (``x > 0.5``); on the ``"back"`` view it
    is on the viewer's left.

Regions
    :func:`shapes_for` gives one or more simple shapes per region (an ellipse or a rounded
    rectangle, axis-aligned, given by centre and size). A region drawn as several pieces (both
    feet, say) has one :class:`RegionShape` per piece with ``part`` 0, 1, ...; part 0 is the
    main piece. Shapes may overlap (the eyes lie on the face); the smallest shape under a point
    wins, see :func:`region_at`. Regions that are not a place on the outline (the whole body,
    the skin) are :data:`SPECIAL_REGIONS`: show them as separate buttons.

Silhouette
    :func:`silhouette` gives the outline as :class:`Ellipse`, :class:`RoundedRect`,
    :class:`Polygon` and :class:`Polyline` primitives, each tagged with the body ``part`` it
    belongs to. The closed ones overlap where limbs join the torso. To get one clean merged
    outline, draw in two passes: first stroke every closed primitive with *twice* the wanted
    outline width, then fill every closed primitive (the fills cover the inner half of each
    stroke and the seams). Polylines are quiet details (collarbones, spine): stroke them last,
    thin and faint. Any vector library can do this (Flet canvas, ReportLab, fpdf2, SVG).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

__all__ = [
    "ASPECT",
    "SIDES",
    "SPECIAL_REGIONS",
    "Ellipse",
    "Point",
    "Polygon",
    "Polyline",
    "Primitive",
    "RegionShape",
    "RoundedRect",
    "ViewSide",
    "bounding_box",
    "region_at",
    "region_ids",
    "shapes_for",
    "silhouette",
]

ViewSide = Literal["front", "back"]
Point = tuple[float, float]

ASPECT = 2.2  # height / width of the normalised box
SIDES: tuple[ViewSide, ...] = ("front", "back")
# Regions that are not a place on the outline; the UI shows them as buttons of their own.
SPECIAL_REGIONS: tuple[str, ...] = ("whole_body", "skin")

# The figure is designed on a 100 x 220 grid (equal units on both axes, so proportions are
# real), then divided down to the 0..1 box.
_GW, _GH = 100.0, 220.0
_CX = _GW / 2


# ------------------------------------------------------------------------------------ types
@dataclass(frozen=True, slots=True)
class RegionShape:
    """One tappable piece of a region: an axis-aligned ellipse or rounded rectangle."""

    region_id: str
    kind: Literal["ellipse", "rect"]
    cx: float
    cy: float
    w: float
    h: float
    radius: float = 0.0  # corner radius of a rect, as a fraction of the box width
    part: int = 0  # 0 is the main piece of the region

    @property
    def left(self) -> float:
        return self.cx - self.w / 2

    @property
    def top(self) -> float:
        return self.cy - self.h / 2

    @property
    def right(self) -> float:
        return self.cx + self.w / 2

    @property
    def bottom(self) -> float:
        return self.cy + self.h / 2

    @property
    def area(self) -> float:
        """Area in squared box widths (true proportions), used to let the smallest shape win."""
        full = self.w * self.h * ASPECT
        return full * math.pi / 4 if self.kind == "ellipse" else full

    def contains(self, x: float, y: float) -> bool:
        dx, dy = x - self.cx, y - self.cy
        if self.kind == "ellipse":
            return (dx / (self.w / 2)) ** 2 + (dy / (self.h / 2)) ** 2 <= 1.0
        if abs(dx) > self.w / 2 or abs(dy) > self.h / 2:
            return False
        # Work in true proportions (box widths) so the rounded corners are circular.
        half_w, half_h = self.w / 2, self.h * ASPECT / 2
        ax, ay = abs(dx), abs(dy) * ASPECT
        r = min(self.radius, half_w, half_h)
        cx, cy = half_w - r, half_h - r
        if ax <= cx or ay <= cy:
            return True
        return (ax - cx) ** 2 + (ay - cy) ** 2 <= r * r


@dataclass(frozen=True, slots=True)
class Ellipse:
    part: str
    cx: float
    cy: float
    w: float
    h: float
    kind: Literal["ellipse"] = "ellipse"


@dataclass(frozen=True, slots=True)
class RoundedRect:
    part: str
    cx: float
    cy: float
    w: float
    h: float
    radius: float  # fraction of the box width
    kind: Literal["rounded_rect"] = "rounded_rect"


@dataclass(frozen=True, slots=True)
class Polygon:
    """A closed outline, already smoothed into short straight segments."""

    part: str
    points: tuple[Point, ...]
    kind: Literal["polygon"] = "polygon"


@dataclass(frozen=True, slots=True)
class Polyline:
    """An open line for a faint detail; stroke only, never fill."""

    part: str
    points: tuple[Point, ...]
    kind: Literal["polyline"] = "polyline"


Primitive = Ellipse | RoundedRect | Polygon | Polyline


# ------------------------------------------------------------------------------- geometry
def _n(x: float, y: float) -> Point:
    return (round(x / _GW, 5), round(y / _GH, 5))


def _mirror_x(points: Iterable[Point]) -> list[Point]:
    return [(_GW - x, y) for x, y in points]


def _catmull_rom(points: Sequence[Point], *, closed: bool, steps: int = 8) -> list[Point]:
    """A smooth curve through ``points`` (centripetal Catmull-Rom), as short segments."""
    pts = list(points)
    if len(pts) < 3:
        return pts
    if closed:
        ext = [pts[-1], *pts, pts[0], pts[1]]
        segments = len(pts)
    else:
        first = (2 * pts[0][0] - pts[1][0], 2 * pts[0][1] - pts[1][1])
        last = (2 * pts[-1][0] - pts[-2][0], 2 * pts[-1][1] - pts[-2][1])
        ext = [first, *pts, last]
        segments = len(pts) - 1

    def knot(t: float, a: Point, b: Point) -> float:
        return t + max(math.dist(a, b), 1e-6) ** 0.5

    out: list[Point] = []
    for i in range(segments):
        p0, p1, p2, p3 = ext[i], ext[i + 1], ext[i + 2], ext[i + 3]
        t0 = 0.0
        t1 = knot(t0, p0, p1)
        t2 = knot(t1, p1, p2)
        t3 = knot(t2, p2, p3)
        for s in range(steps):
            t = t1 + (t2 - t1) * s / steps

            def lerp(a: Point, b: Point, ta: float, tb: float, t: float = t) -> Point:
                f = (t - ta) / (tb - ta)
                return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f)

            a1 = lerp(p0, p1, t0, t1)
            a2 = lerp(p1, p2, t1, t2)
            a3 = lerp(p2, p3, t2, t3)
            b1 = lerp(a1, a2, t0, t2)
            b2 = lerp(a2, a3, t1, t3)
            out.append(lerp(b1, b2, t1, t2))
    if not closed:
        out.append(pts[-1])
    return out


# How far a simplified outline may stray from the smooth curve, in grid units: a tenth of a
# unit is under a quarter of a pixel on the check-in's 230 px figure and 0.05 mm in a PDF.
SIMPLIFY_TOLERANCE = 0.1


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length_sq = dx * dx + dy * dy
    if length_sq == 0:
        return math.dist(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length_sq))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def _simplify(points: Sequence[Point], tolerance: float = SIMPLIFY_TOLERANCE) -> list[Point]:
    """Drop the points the eye cannot miss (Ramer-Douglas-Peucker), keeping both ends.

    The smoothing samples every curve evenly, so straight stretches carry as many points as
    bends; the screen is sent every point of every outline each time the body map is drawn
    (about 2,300 before, which made the check-in the slowest screen to open).
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        far, far_at = 0.0, -1
        for i in range(first + 1, last):
            d = _distance_to_segment(points[i], points[first], points[last])
            if d > far:
                far, far_at = d, i
        if far > tolerance:
            keep[far_at] = True
            spans += [(first, far_at), (far_at, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _smooth_polygon(part: str, grid_points: Sequence[Point]) -> Polygon:
    curve = _catmull_rom(grid_points, closed=True)
    outline = _simplify([*curve, curve[0]])[:-1]  # closed: the start is an end too
    return Polygon(part, tuple(_n(x, y) for x, y in outline))


def _smooth_polyline(part: str, grid_points: Sequence[Point]) -> Polyline:
    curve = _simplify(_catmull_rom(grid_points, closed=False))
    return Polyline(part, tuple(_n(x, y) for x, y in curve))


def _symmetric_outline(right_half: Sequence[Point]) -> list[Point]:
    """Close a left-right symmetric outline from its right half, listed top to bottom.

    The first and last points must sit on the centre line.
    """
    left_half = _mirror_x(reversed(right_half[1:-1]))
    return [*right_half, *left_half]


# ------------------------------------------------------------------------------ silhouette
# Grid coordinates of the viewer's right-hand limbs; the other side is their mirror image.
_HEAD = (
    (50.0, 5.5), (57.5, 6.8), (62.6, 11.5), (64.3, 19.0), (63.6, 26.5), (60.8, 32.6),
    (55.8, 37.4), (50.0, 39.2),
)  # fmt: skip
_TORSO = (
    (50.0, 43.5), (57.0, 44.2), (66.0, 47.0), (71.5, 50.0), (73.5, 56.0), (72.8, 64.0),
    (70.4, 74.0), (67.4, 86.0), (68.2, 97.0), (70.6, 106.0), (71.0, 114.0), (67.0, 121.0),
    (58.0, 124.0), (50.0, 125.0),
)  # fmt: skip
_ARM = (
    (69.5, 50.0), (75.0, 48.3), (79.6, 51.8), (81.6, 60.0), (82.2, 75.0), (82.8, 92.0),
    (83.4, 108.0), (83.6, 121.0), (80.3, 124.5), (77.0, 121.0), (76.2, 108.0), (74.8, 92.0),
    (73.6, 76.0), (72.0, 63.0),
)  # fmt: skip
_HAND = (
    (77.0, 121.0), (83.6, 121.0), (85.4, 128.0), (85.2, 135.0), (83.4, 140.6), (80.3, 142.6),
    (77.6, 141.0), (76.2, 136.0), (75.8, 128.5),
)  # fmt: skip
_LEG = (
    (50.6, 108.0), (60.0, 106.0), (70.6, 110.0), (70.8, 124.0), (69.2, 142.0), (66.6, 161.0),
    (67.2, 173.0), (64.8, 189.0), (62.8, 199.0), (59.4, 203.0), (56.0, 199.0), (55.0, 189.0),
    (53.6, 173.0), (53.6, 161.0), (52.2, 143.0), (51.0, 127.0),
)  # fmt: skip
_FOOT_FRONT = (
    (56.4, 197.5), (62.4, 197.5), (64.6, 201.6), (67.0, 205.8), (66.6, 209.6), (62.6, 211.2),
    (57.2, 211.0), (54.4, 209.2), (54.2, 205.0), (55.2, 201.2),
)  # fmt: skip
_FOOT_BACK = (
    (56.4, 197.5), (62.4, 197.5), (63.6, 202.0), (64.0, 207.4), (61.6, 210.8), (57.2, 210.8),
    (54.9, 207.4), (55.2, 202.0),
)  # fmt: skip


@cache
def _silhouette(side: ViewSide) -> tuple[Primitive, ...]:
    prims: list[Primitive] = []
    # Ears first, so the head's fill covers their inner edge.
    for ear_cx in (_CX - 14.0, _CX + 14.0):
        prims.append(Ellipse("head", ear_cx / _GW, 22.5 / _GH, 4.6 / _GW, 8.0 / _GH))
    prims.append(_smooth_polygon("head", _symmetric_outline(_HEAD)))
    prims.append(RoundedRect("neck", 0.5, 40.0 / _GH, 12.4 / _GW, 12.0 / _GH, 2.0 / _GW))
    prims.append(_smooth_polygon("torso", _symmetric_outline(_TORSO)))
    foot = _FOOT_FRONT if side == "front" else _FOOT_BACK
    for flip in (False, True):

        def m(pts: Sequence[Point], flip: bool = flip) -> list[Point]:
            return _mirror_x(pts) if flip else list(pts)

        prims.append(_smooth_polygon("arm", m(_ARM)))
        prims.append(_smooth_polygon("hand", m(_HAND)))
        prims.append(_smooth_polygon("leg", m(_LEG)))
        prims.append(_smooth_polygon("foot", m(foot)))
    # Quiet details that tell front from back at a glance.
    if side == "front":
        collarbone = ((52.5, 48.6), (58.0, 47.6), (65.0, 49.6))
        prims.append(_smooth_polyline("detail", collarbone))
        prims.append(_smooth_polyline("detail", _mirror_x(collarbone)))
    else:
        prims.append(Polyline("detail", (_n(50.0, 50.5), _n(50.0, 100.0))))  # spine
        blade = ((56.5, 57.0), (62.5, 58.5), (64.0, 65.0), (61.0, 72.0))
        prims.append(_smooth_polyline("detail", blade))
        prims.append(_smooth_polyline("detail", _mirror_x(blade)))
    return tuple(prims)


def silhouette(side: str) -> list[Primitive]:
    """The outline of a person seen from the front or the back, in drawing order."""
    return list(_silhouette(_check_side(side)))


# --------------------------------------------------------------------------------- regions
# (region id, kind, cx, cy, w, h, corner radius) on the 100 x 220 grid. "L"/"R" entries are
# written for the person's *left* and placed on the viewer's right (the front view); the back
# view and the right-hand side are mirror images.
_Spec = tuple[str, Literal["ellipse", "rect"], float, float, float, float, float]

_FRONT_CENTRE: tuple[_Spec, ...] = (
    ("head", "ellipse", 50.0, 10.2, 18.0, 7.0, 0.0),  # the crown; the face has its own parts
    ("forehead", "ellipse", 50.0, 16.6, 19.0, 4.6, 0.0),
    ("eyes", "ellipse", 50.0, 21.6, 20.0, 4.6, 0.0),
    ("face", "ellipse", 50.0, 26.6, 4.6, 4.8, 0.0),  # nose ...
    ("face", "ellipse", 57.6, 27.0, 7.0, 6.4, 0.0),  # ... and cheeks, where a face flushes
    ("face", "ellipse", 42.4, 27.0, 7.0, 6.4, 0.0),
    ("mouth", "ellipse", 50.0, 31.2, 10.0, 3.4, 0.0),
    ("jaw", "ellipse", 50.0, 35.4, 15.0, 4.2, 0.0),
    ("throat", "rect", 50.0, 42.0, 9.0, 8.0, 2.5),
    ("chest", "ellipse", 50.0, 60.5, 36.0, 17.0, 0.0),
    ("stomach", "ellipse", 50.0, 78.5, 26.0, 12.0, 0.0),
    ("belly", "ellipse", 50.0, 93.5, 28.0, 13.0, 0.0),
    ("hips", "ellipse", 50.0, 110.5, 40.0, 13.0, 0.0),
)
_BACK_CENTRE: tuple[_Spec, ...] = (
    ("head", "ellipse", 50.0, 21.5, 24.0, 30.0, 0.0),
    ("neck", "rect", 50.0, 41.5, 10.0, 9.0, 2.5),
    ("upper_back", "ellipse", 50.0, 65.5, 36.0, 24.0, 0.0),
    ("lower_back", "ellipse", 50.0, 93.0, 30.0, 14.0, 0.0),
    ("hips", "ellipse", 50.0, 111.5, 40.0, 14.0, 0.0),
)
# Pieces on the person's left, placed as on the front view (viewer's right).
_LEFT_SIDE: tuple[_Spec, ...] = (
    ("left_shoulder", "ellipse", 75.2, 54.0, 10.0, 9.0, 0.0),
    ("left_arm", "rect", 77.4, 78.0, 8.0, 30.0, 4.0),  # upper arm
    ("left_arm", "rect", 79.5, 108.5, 6.8, 24.0, 3.4),  # forearm
    ("left_hand", "ellipse", 80.6, 133.0, 8.6, 15.0, 0.0),
    ("left_leg", "rect", 60.8, 139.0, 14.0, 34.0, 7.0),  # thigh and knee
    ("left_leg", "rect", 59.8, 178.5, 9.6, 29.0, 4.8),  # shin and calf
)
_FEET: tuple[_Spec, ...] = (
    ("feet", "ellipse", 60.2, 205.0, 9.2, 8.4, 0.0),
    ("feet", "ellipse", 39.8, 205.0, 9.2, 8.4, 0.0),
)
_FRONT_ONLY_LEFT: tuple[_Spec, ...] = (("heart", "ellipse", 58.0, 62.5, 9.0, 8.0, 0.0),)


def _spec_shape(spec: _Spec, part: int, mirror: bool) -> RegionShape:
    rid, kind, cx, cy, w, h, r = spec
    if mirror:
        cx = _GW - cx
    return RegionShape(rid, kind, cx / _GW, cy / _GH, w / _GW, h / _GH, r / _GW, part)


def _flip_side(region_id: str) -> str:
    if region_id.startswith("left_"):
        return "right_" + region_id[5:]
    if region_id.startswith("right_"):
        return "left_" + region_id[6:]
    return region_id


@cache
def _shapes(side: ViewSide) -> tuple[RegionShape, ...]:
    on_front = side == "front"
    specs: list[tuple[_Spec, bool]] = []  # (spec in person's-left-on-viewer's-right terms, mirror)
    for spec in _FRONT_CENTRE if on_front else _BACK_CENTRE:
        specs.append((spec, False))
    left = list(_LEFT_SIDE) + (list(_FRONT_ONLY_LEFT) if on_front else [])
    for spec in left:
        # Person's left: viewer's right on the front, viewer's left on the back.
        specs.append((spec, not on_front))
        if spec[0].startswith("left_"):
            specs.append(((_flip_side(spec[0]), *spec[1:]), on_front))  # type: ignore[arg-type]
    for spec in _FEET:
        specs.append((spec, False))
    parts: dict[str, int] = {}
    out: list[RegionShape] = []
    for spec, mirror in specs:
        part = parts.get(spec[0], 0)
        parts[spec[0]] = part + 1
        out.append(_spec_shape(spec, part, mirror))
    return tuple(out)


def shapes_for(side: str) -> list[RegionShape]:
    """Every tappable region shape on one view, largest first (so smaller ones draw on top)."""
    return sorted(_shapes(_check_side(side)), key=lambda s: -s.area)


def region_ids(side: str) -> list[str]:
    """The regions shown on one view, each once, top to bottom (a sensible reading order)."""
    seen: dict[str, float] = {}
    for s in _shapes(_check_side(side)):
        seen.setdefault(s.region_id, s.cy)
    return sorted(seen, key=lambda rid: seen[rid])


def region_at(side: str, x: float, y: float) -> str | None:
    """The region under the point ``(x, y)`` of the box, or ``None``; the smallest shape wins."""
    best: RegionShape | None = None
    for s in _shapes(_check_side(side)):
        if s.contains(x, y) and (best is None or s.area < best.area):
            best = s
    return best.region_id if best else None


def bounding_box(shapes: Iterable[RegionShape]) -> tuple[float, float, float, float]:
    """``(left, top, right, bottom)`` around the given shapes, e.g. all parts of one region."""
    items = list(shapes)
    if not items:
        raise ValueError("bounding_box needs at least one shape")
    return (
        min(s.left for s in items),
        min(s.top for s in items),
        max(s.right for s in items),
        max(s.bottom for s in items),
    )


def _check_side(side: str) -> ViewSide:
    if side == "front":
        return "front"
    if side == "back":
        return "back"
    raise ValueError(f"side must be 'front' or 'back', not {side!r}")
