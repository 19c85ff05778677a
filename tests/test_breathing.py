from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion import breathing


def test_patterns_have_the_advertised_rhythm() -> None:
    slow = breathing.pattern("slow")
    assert slow.phases() == [("In", 4), ("Out", 6)]
    assert breathing.pattern("box").cycle == 16
    assert breathing.pattern("478").phases() == [("In", 4), ("Hold", 7), ("Out", 8)]
    assert breathing.pattern("unknown") == breathing.PATTERNS[0]


@pytest.mark.parametrize(
    ("t", "label", "size"),
    [(0.0, "In", 0.0), (2.0, "In", 0.5), (4.0, "Out", 1.0), (7.0, "Out", 0.5), (10.0, "In", 0.0)],
)
def test_slow_breathing_grows_then_shrinks(t: float, label: str, size: float) -> None:
    m = breathing.moment(breathing.pattern("slow"), t)
    assert m.label == label
    assert m.size == pytest.approx(size)


def test_box_holds_full_then_empty() -> None:
    box = breathing.pattern("box")
    assert breathing.moment(box, 5).label == "Hold" and breathing.moment(box, 5).size == 1.0
    assert breathing.moment(box, 13).label == "Hold" and breathing.moment(box, 13).size == 0.0


def test_phase_index_counts_every_change() -> None:
    slow = breathing.pattern("slow")
    indexes = [breathing.moment(slow, t / 10).index for t in range(0, 300)]
    changes = sum(1 for a, b in zip(indexes, indexes[1:], strict=False) if a != b)
    assert changes == 5  # 30 s of 4+6: In, Out, In, Out, In, Out -> five changes


def test_custom_pattern_is_kept_sane() -> None:
    p = breathing.custom(0, -2, 100, 3)
    assert p.inhale >= 1 and p.hold_in == 0 and p.exhale == 20 and p.hold_out == 3


@given(st.floats(min_value=0, max_value=10_000, allow_nan=False))
def test_moment_is_always_in_range(t: float) -> None:
    for p in breathing.PATTERNS:
        m = breathing.moment(p, t)
        assert 0.0 <= m.size <= 1.0 and 0.0 <= m.progress <= 1.0
        assert m.label in {"In", "Out", "Hold"}
