"""Paced-breathing patterns and the timeline of phases they produce.

Kept apart from the UI so the rhythm is exact and testable: the screen only
asks "which phase, and how far into it, at time t?".
"""

from __future__ import annotations

from dataclasses import dataclass

IN, HOLD_IN, OUT, HOLD_OUT = "In", "Hold", "Out", "Hold "


@dataclass(frozen=True)
class Pattern:
    id: str
    name: str
    inhale: float
    hold_in: float
    exhale: float
    hold_out: float

    @property
    def cycle(self) -> float:
        return self.inhale + self.hold_in + self.exhale + self.hold_out

    def phases(self) -> list[tuple[str, float]]:
        """(label, seconds) in order, skipping zero-length holds."""
        steps = [(IN, self.inhale), (HOLD_IN, self.hold_in), (OUT, self.exhale), (HOLD_OUT, self.hold_out)]
        return [(label, secs) for label, secs in steps if secs > 0]


PATTERNS: tuple[Pattern, ...] = (
    Pattern("slow", "Slow: in 4, out 6", 4, 0, 6, 0),
    Pattern("box", "Box: 4-4-4-4", 4, 4, 4, 4),
    Pattern("478", "4-7-8", 4, 7, 8, 0),
)


def pattern(pattern_id: str) -> Pattern:
    return next((p for p in PATTERNS if p.id == pattern_id), PATTERNS[0])


def custom(inhale: float, hold_in: float, exhale: float, hold_out: float) -> Pattern:
    def ok(x: float) -> float:
        return max(0.0, min(20.0, float(x)))

    inhale, exhale = max(1.0, ok(inhale)), max(1.0, ok(exhale))
    return Pattern("custom", "Custom", inhale, ok(hold_in), exhale, ok(hold_out))


@dataclass(frozen=True)
class Moment:
    label: str  # In / Hold / Out
    progress: float  # 0..1 through this phase
    size: float  # 0..1: how full the shape should be
    remaining: float  # seconds left in this phase
    index: int  # phase number since start, to notice phase changes


def moment(p: Pattern, t: float) -> Moment:
    """Where in the rhythm we are ``t`` seconds after starting."""
    phases = p.phases()
    cycles, into = divmod(max(0.0, t), p.cycle)
    index = int(cycles) * len(phases)
    for label, secs in phases:
        if into < secs:
            progress = into / secs
            if label == IN:
                size = progress
            elif label == OUT:
                size = 1 - progress
            else:
                size = 1.0 if label == HOLD_IN else 0.0
            return Moment(label.strip(), progress, size, secs - into, index)
        into -= secs
        index += 1
    return Moment(phases[0][0], 0.0, 0.0, phases[0][1], index)  # pragma: no cover - float edge
