"""Body-map targets a fingertip can hit (usability review finding 11, WCAG 2.2, 2.5.8).

On a 400x800 phone the map is 230 px wide, and the mouth was a 23x8 px target. Every region
now takes a tap of at least 24x24 px (grown towards 44 where there is room, the nearest region
winning where grown areas meet); the face's features open a close-up where each is large.
The browser test (tests/e2e/test_first_week_checkin.py) measures the same in Chromium.
"""

from __future__ import annotations

import asyncio

import pytest

from companion.reference import body_layout as bl
from companion.ui.widgets.body_map import (
    FACE_FEATURES,
    FACE_GROUP,
    MIN_TARGET_PX,
    BodyMap,
    Box,
    hit_areas,
    topmost_at,
    view_hit_areas,
)

PHONE_MAP_WIDTH = 230  # what the check-in screen uses


@pytest.mark.parametrize("view", ["front", "back", "face"])
def test_every_target_takes_a_fingertip(view: str) -> None:
    areas = view_hit_areas(view, PHONE_MAP_WIDTH)
    small = {
        rid: (round(b.width, 1), round(b.height, 1))
        for rid, b in areas.items()
        if min(b.width, b.height) < MIN_TARGET_PX
    }
    assert not small, f"targets under {MIN_TARGET_PX:.0f} px on the {view} view: {small}"


@pytest.mark.parametrize("view", ["front", "back", "face"])
def test_each_target_centre_reaches_its_own_region(view: str) -> None:
    """Where hit areas overlap (the heart on the chest) the smaller lies on top, so a tap in
    the middle of any target (what a screen reader's activation and a browser click do)
    reaches that region and no other."""
    areas = view_hit_areas(view, PHONE_MAP_WIDTH)
    for rid, box in areas.items():
        assert topmost_at(areas, *box.center) == rid


def test_every_region_can_be_reached_on_some_view() -> None:
    reachable = set(view_hit_areas("front", PHONE_MAP_WIDTH)) | set(view_hit_areas("back", PHONE_MAP_WIDTH))
    reachable |= set(view_hit_areas("face", PHONE_MAP_WIDTH))
    everything = set(bl.region_ids("front")) | set(bl.region_ids("back"))
    assert everything <= reachable
    assert set(FACE_FEATURES) <= set(view_hit_areas("face", PHONE_MAP_WIDTH))


def test_grown_areas_meet_halfway() -> None:
    """Two small regions side by side grow towards each other and stop at the middle."""
    regions = {"a": Box(10, 10, 20, 20), "b": Box(30, 10, 40, 20)}
    areas = hit_areas(regions, Box(0, 0, 100, 100))
    assert areas["a"].right == areas["b"].left == 25
    assert areas["a"].height == areas["b"].height == 44


def test_pointer_taps_go_to_the_nearest_region() -> None:
    body_map = BodyMap("back", width=PHONE_MAP_WIDTH)
    neck = body_map.hit_areas["neck"]
    # just outside the drawn neck but inside its grown area
    assert body_map.target_at(neck.left + 1, neck.center[1]) == "neck"
    assert body_map.target_at(1, 1) is None  # empty corner: nothing


def test_the_front_face_opens_the_close_up() -> None:
    seen: list[str] = []
    tapped: list[str] = []
    body_map = BodyMap("front", width=PHONE_MAP_WIDTH, on_tap=tapped.append, on_view=seen.append)
    mouth = body_map.target_at(*body_map.hit_areas[FACE_GROUP].center)
    assert mouth == FACE_GROUP
    asyncio.run(body_map._fire(FACE_GROUP))
    assert body_map.side == "face" and seen == ["face"] and tapped == []
    centre = body_map.hit_areas["mouth"].center
    assert body_map.target_at(*centre) == "mouth"
    asyncio.run(body_map._fire("mouth"))
    assert tapped == ["mouth"]


def test_a_mark_without_a_strength_is_still_shown_as_marked() -> None:
    body_map = BodyMap("front", {"chest": None, "whole_body": None}, width=PHONE_MAP_WIDTH)
    labels = {t.label for t in body_map._targets.values()}
    assert "Chest, marked" in labels
    body_map.set_marks({"mouth": 4, "jaw": None})
    assert body_map._targets[FACE_GROUP].label == "Face and features: show closer, 2 places marked"
    body_map.set_side("face")
    assert body_map._targets["mouth"].label == "Mouth, marked 4 of 10"
    assert body_map._targets["jaw"].label == "Jaw, marked"
