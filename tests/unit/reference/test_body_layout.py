"""Body map geometry: every region has a place, on the body, mirrored the right way round."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.reference import body_layout as bl
from companion.reference import vocabulary as v

SIDES = ("front", "back")
BODY = {r.id: r for r in v.regions()}


def _shape(side: str, region_id: str, part: int = 0) -> bl.RegionShape:
    return next(s for s in bl.shapes_for(side) if s.region_id == region_id and s.part == part)


def _inside_polygon(x: float, y: float, points: tuple[bl.Point, ...]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise((*points, points[0])):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _on_silhouette(side: str, x: float, y: float) -> bool:
    for p in bl.silhouette(side):
        if isinstance(p, bl.Polygon) and _inside_polygon(x, y, p.points):
            return True
        if isinstance(p, bl.Ellipse | bl.RoundedRect):
            probe = bl.RegionShape(
                "probe", "ellipse" if isinstance(p, bl.Ellipse) else "rect", p.cx, p.cy, p.w, p.h
            )
            if probe.contains(x, y):
                return True
    return False


# ------------------------------------------------------------------------------ coverage
def test_every_region_has_a_place_on_some_side() -> None:
    placed = {s.region_id for side in SIDES for s in bl.shapes_for(side)}
    missing = set(BODY) - set(bl.SPECIAL_REGIONS) - placed
    assert not missing


def test_special_regions_are_the_whole_body_group_and_have_no_shape() -> None:
    assert "whole_body" in bl.SPECIAL_REGIONS
    assert set(bl.SPECIAL_REGIONS) == {rid for rid, r in BODY.items() if r.group == "whole"}
    placed = {s.region_id for side in SIDES for s in bl.shapes_for(side)}
    assert not placed & set(bl.SPECIAL_REGIONS)


@pytest.mark.parametrize("side", SIDES)
def test_shapes_name_known_regions_on_a_fitting_side(side: str) -> None:
    for s in bl.shapes_for(side):
        assert s.region_id in BODY, s
        # a front-only region (the chest) never shows on the back, and the other way round
        assert BODY[s.region_id].side in (side, "both"), s


@pytest.mark.parametrize("side", SIDES)
def test_region_ids_lists_each_region_once_top_to_bottom(side: str) -> None:
    ids = bl.region_ids(side)
    assert len(ids) == len(set(ids))
    assert set(ids) == {s.region_id for s in bl.shapes_for(side)}
    tops = [min(s.cy for s in bl.shapes_for(side) if s.region_id == rid) for rid in ids]
    assert tops == sorted(tops)


# ------------------------------------------------------------------------------- the box
@pytest.mark.parametrize("side", SIDES)
def test_all_shapes_lie_inside_the_box(side: str) -> None:
    for s in bl.shapes_for(side):
        assert 0 <= s.left < s.right <= 1 and 0 <= s.top < s.bottom <= 1, s
        assert s.w > 0 and s.h > 0 and s.radius >= 0


@pytest.mark.parametrize("side", SIDES)
def test_silhouette_lies_inside_the_box_and_is_drawable(side: str) -> None:
    prims = bl.silhouette(side)
    parts = {p.part for p in prims}
    assert {"head", "neck", "torso", "arm", "hand", "leg", "foot"} <= parts
    for p in prims:
        if isinstance(p, bl.Polygon | bl.Polyline):
            assert len(p.points) >= (3 if isinstance(p, bl.Polygon) else 2)
            assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in p.points), p.part
        else:
            assert 0 <= p.cx - p.w / 2 < p.cx + p.w / 2 <= 1, p
            assert 0 <= p.cy - p.h / 2 < p.cy + p.h / 2 <= 1, p


@pytest.mark.parametrize("side", SIDES)
def test_silhouette_is_a_standing_figure_that_fills_the_box(side: str) -> None:
    xs = [x for p in bl.silhouette(side) if isinstance(p, bl.Polygon) for x, _ in p.points]
    ys = [y for p in bl.silhouette(side) if isinstance(p, bl.Polygon) for _, y in p.points]
    assert min(ys) < 0.05 and max(ys) > 0.93  # head near the top, feet near the bottom
    assert math.isclose(min(xs), 1 - max(xs), abs_tol=1e-6)  # left-right symmetric
    assert 0.6 < max(xs) - min(xs) < 0.95


@pytest.mark.parametrize("side", SIDES)
def test_every_shape_centre_is_on_the_body(side: str) -> None:
    for s in bl.shapes_for(side):
        assert _on_silhouette(side, s.cx, s.cy), s


# --------------------------------------------------------------------------- left, right
@pytest.mark.parametrize("side", SIDES)
def test_left_and_right_are_the_persons_own(side: str) -> None:
    pairs = [rid[5:] for rid in BODY if rid.startswith("left_")]
    assert {"shoulder", "arm", "hand", "leg"} <= set(pairs)
    for name in pairs:
        left = [s for s in bl.shapes_for(side) if s.region_id == f"left_{name}"]
        right = [s for s in bl.shapes_for(side) if s.region_id == f"right_{name}"]
        assert left and len(left) == len(right)
        for lp in left:
            # facing us, their left is on our right; from behind it is on our left
            assert (lp.cx > 0.5) if side == "front" else (lp.cx < 0.5), lp
            rp = next(r for r in right if r.part == lp.part)
            assert math.isclose(lp.cx + rp.cx, 1.0, abs_tol=1e-9)
            assert (lp.cy, lp.w, lp.h, lp.kind) == (rp.cy, rp.w, rp.h, rp.kind)


def test_front_and_back_mirror_each_other() -> None:
    for rid in ("left_shoulder", "left_arm", "left_hand", "left_leg"):
        front, back = _shape("front", rid), _shape("back", rid)
        assert math.isclose(front.cx, 1 - back.cx, abs_tol=1e-9)
        assert math.isclose(front.cy, back.cy, abs_tol=1e-9)


def test_heart_is_on_the_persons_left() -> None:
    assert _shape("front", "heart").cx > _shape("front", "chest").cx


# ------------------------------------------------------------------------------ anatomy
def test_regions_sit_in_anatomical_order() -> None:
    cy = {s.region_id: s.cy for s in bl.shapes_for("front") if s.part == 0}
    order = ["head", "forehead", "eyes", "mouth", "jaw", "throat", "chest", "stomach", "belly", "hips"]
    assert [cy[r] for r in order] == sorted(cy[r] for r in order)
    assert cy["left_hand"] > cy["left_arm"] and cy["feet"] > cy["left_leg"] > cy["hips"]
    back = {s.region_id: s.cy for s in bl.shapes_for("back") if s.part == 0}
    assert back["head"] < back["neck"] < back["upper_back"] < back["lower_back"] < back["hips"]
    assert max(s.bottom for s in bl.shapes_for("front")) == _shape("front", "feet").bottom


@pytest.mark.parametrize("side", SIDES)
def test_hands_hang_at_the_ends_of_the_arms(side: str) -> None:
    for who in ("left", "right"):
        arm = bl.bounding_box(s for s in bl.shapes_for(side) if s.region_id == f"{who}_arm")
        hand = _shape(side, f"{who}_hand")
        assert abs(hand.top - arm[3]) < 0.03  # the hand starts where the forearm ends
        assert arm[0] - 0.02 < hand.cx < arm[2] + 0.02


# ---------------------------------------------------------------------------- hit test
@pytest.mark.parametrize("side", SIDES)
def test_hit_test_finds_the_centre_of_every_shape(side: str) -> None:
    for s in bl.shapes_for(side):
        assert bl.region_at(side, s.cx, s.cy) == s.region_id, s


@pytest.mark.parametrize("side", SIDES)
def test_no_two_shape_centres_collide(side: str) -> None:
    shapes = bl.shapes_for(side)
    for a, b in itertools.combinations(shapes, 2):
        # true proportions: y distances count 2.2 times as much as in the box
        distance = math.hypot(a.cx - b.cx, (a.cy - b.cy) * bl.ASPECT)
        assert distance > 0.04, (a, b)


def test_smallest_shape_wins_where_shapes_overlap() -> None:
    heart, chest = _shape("front", "heart"), _shape("front", "chest")
    assert chest.contains(heart.cx, heart.cy) and heart.area < chest.area
    assert bl.region_at("front", heart.cx, heart.cy) == "heart"


@pytest.mark.parametrize("side", SIDES)
def test_empty_space_hits_nothing(side: str) -> None:
    for x, y in ((0.02, 0.02), (0.98, 0.5), (0.5, 0.995), (0.05, 0.9)):
        assert bl.region_at(side, x, y) is None


def test_rounded_rect_corners_are_rounded() -> None:
    s = bl.RegionShape("x", "rect", 0.5, 0.5, 0.2, 0.2, radius=0.05)
    assert s.contains(0.5, 0.5) and s.contains(0.41, 0.5) and s.contains(0.5, 0.41)
    corner_x, corner_y = s.left + 0.002, s.top + 0.002
    assert not s.contains(corner_x, corner_y)
    assert bl.RegionShape("x", "rect", 0.5, 0.5, 0.2, 0.2).contains(corner_x, corner_y)


def test_unknown_side_is_refused() -> None:
    for call in (bl.shapes_for, bl.silhouette, bl.region_ids):
        with pytest.raises(ValueError):
            call("side")
    with pytest.raises(ValueError):
        bl.region_at("left", 0.5, 0.5)
    with pytest.raises(ValueError):
        bl.bounding_box([])


def test_shapes_are_listed_largest_first() -> None:
    areas = [s.area for s in bl.shapes_for("front")]
    assert areas == sorted(areas, reverse=True)


# ------------------------------------------------------------------ the Flet body map
# The browser checks (every region found by name, taps, themes) were done by hand in headless
# Chromium; these cover what can be checked without a page.
def _targets(body_map: object) -> dict[str, str]:
    from companion.ui.widgets.body_map import TappableSemantics

    found: dict[str, str] = {}

    def walk(control: object) -> None:
        if isinstance(control, TappableSemantics):
            found[control.label.split(",")[0]] = control.label
        for name in ("content", "controls"):
            child = getattr(control, name, None)
            for item in child if isinstance(child, list) else [child]:
                if item is not None and not isinstance(item, str):
                    walk(item)

    walk(body_map.control)  # type: ignore[attr-defined]
    return found


@pytest.mark.parametrize("side", SIDES)
def test_body_map_has_one_named_button_per_region(side: str) -> None:
    from companion.ui.widgets.body_map import FACE_FEATURES, BodyMap

    labels = _targets(BodyMap(side))
    # on the front, the face's features are one target that opens a close-up (see test_body_map_targets)
    features = set(FACE_FEATURES) if side == "front" else set()
    expected = {BODY[rid].name for rid in [*bl.region_ids(side), *bl.SPECIAL_REGIONS] if rid not in features}
    assert set(labels) == expected | ({"Face and features: show closer"} if features else set())
    assert labels["Whole body"] == "Whole body"


def test_body_map_labels_carry_the_mark_and_follow_changes() -> None:
    from companion.ui.widgets.body_map import BodyMap

    body_map = BodyMap("front", {"chest": 7}, width=200)
    assert _targets(body_map)["Chest"] == "Chest, marked 7 of 10"
    body_map.set_marks({"stomach": 0, "whole_body": 12})
    labels = _targets(body_map)
    assert labels["Chest"] == "Chest"
    assert labels["Stomach"] == "Stomach, marked 0 of 10"
    assert labels["Whole body"] == "Whole body, marked 10 of 10"  # clamped
    body_map.set_side("back")
    assert "Upper back" in _targets(body_map) and "Chest" not in _targets(body_map)
    assert body_map.side == "back" and body_map.marks == {"stomach": 0, "whole_body": 12}
    with pytest.raises(ValueError):
        body_map.set_side("sideways")


def _distance_to_line(p: bl.Point, line: list[bl.Point]) -> float:
    return min(bl._distance_to_segment(p, a, b) for a, b in itertools.pairwise(line))


_coords = st.floats(min_value=-50, max_value=50, allow_nan=False)


@given(st.lists(st.tuples(_coords, _coords), min_size=2, max_size=60))
def test_a_simplified_line_keeps_its_ends_and_strays_no_further_than_the_tolerance(
    points: list[bl.Point],
) -> None:
    kept = bl._simplify(points, 0.1)
    assert kept[0] == points[0] and kept[-1] == points[-1]
    assert all(p in points for p in kept)
    if len(points) >= 3:
        assert all(_distance_to_line(p, kept) <= 0.1 + 1e-9 for p in points)


@pytest.mark.parametrize("side", SIDES)
def test_the_outline_is_sent_with_few_points(side: str) -> None:
    """Every outline point is sent to the screen each time the body map is drawn."""
    polygons = [p for p in bl.silhouette(side) if isinstance(p, bl.Polygon)]
    assert sum(len(p.points) for p in polygons) < 400  # ~1,100 before simplifying


@pytest.mark.parametrize(
    "grid_points",
    [
        bl._symmetric_outline(bl._HEAD),
        bl._symmetric_outline(bl._TORSO),
        bl._ARM, bl._HAND, bl._LEG, bl._FOOT_FRONT, bl._FOOT_BACK,
    ],
    ids=["head", "torso", "arm", "hand", "leg", "foot-front", "foot-back"],
)  # fmt: skip
def test_the_drawn_outline_follows_the_smooth_curve_within_the_tolerance(grid_points) -> None:
    smooth = bl._catmull_rom(grid_points, closed=True)
    drawn = [(x * bl._GW, y * bl._GH) for x, y in bl._smooth_polygon("part", grid_points).points]
    closed = [*drawn, drawn[0]]
    # the drawn points were rounded to 5 decimals of the 0..1 box: allow for that
    assert all(_distance_to_line(p, closed) <= bl.SIMPLIFY_TOLERANCE + 0.01 for p in smooth)
