"""Paced-breathing patterns and the timeline of phases they produce.

Kept apart from the UI so the rhythm is exact and testable: the screen only
asks "which phase, and how far into it, at time t?".
"""

from __future__ import annotations

import math
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


# --- session length --------------------------------------------------------------------------

SESSION_MINUTES = range(1, 11)  # what the minutes picker offers
DEFAULT_MINUTES = 3


def session_seconds(p: Pattern, minutes: int) -> float:
    """How long a session lasts: the chosen minutes, rounded up to whole breaths.

    Stopping on a breath boundary means a session never ends halfway through breathing in; it is
    a few seconds longer at most (one cycle, 20 s for 4-7-8).
    """
    minutes = max(SESSION_MINUTES.start, min(SESSION_MINUTES.stop - 1, int(minutes)))
    cycles = math.ceil(minutes * 60 / p.cycle - 1e-9)
    return cycles * p.cycle


def finished(p: Pattern, t: float, minutes: int) -> bool:
    """True once ``t`` seconds of breathing have reached the end of the session."""
    return t >= session_seconds(p, minutes)


# --- a rhythm typed by the client ------------------------------------------------------------

MIN_PHASE_S, MAX_PHASE_S = 1.0, 20.0
_PHASE_WORDS = {
    "inhale": "breathing in",
    "hold_in": "holding after breathing in",
    "exhale": "breathing out",
    "hold_out": "holding after breathing out",
}


def _number(value: object) -> float | None:
    """A typed number (commas work as decimal points); None when left empty; ValueError for words."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError
    number = float(value.strip().replace(",", ".")) if isinstance(value, str) else float(value)
    if not math.isfinite(number):
        raise ValueError
    return number


def _seconds(name: str, number: float | None) -> float:
    hold = name.startswith("hold")
    if number is None or (hold and number == 0):
        if hold:
            return 0.0
        raise ValueError(f"Please enter how many seconds for {_PHASE_WORDS[name]}, for example 4.")
    if not MIN_PHASE_S <= number <= MAX_PHASE_S:
        low = "0 (no hold) or 1" if hold else "1"
        raise ValueError(f"Please choose between {low} and 20 seconds for {_PHASE_WORDS[name]}.")
    return round(number, 1)


def parse_custom(inhale: object, hold_in: object, exhale: object, hold_out: object) -> Pattern:
    """A rhythm the client typed, or ValueError with words we can show them.

    Unlike `custom`, which quietly clamps, this says what to change, so nobody breathes to a
    rhythm they didn't choose. Breathing in and out take 1-20 s; a hold is 0 (none) or 1-20 s.
    Text from an input box is fine: "4", "4.5", "4,5", and an empty hold means no hold.
    """
    typed = {"inhale": inhale, "hold_in": hold_in, "exhale": exhale, "hold_out": hold_out}
    numbers: dict[str, float | None] = {}
    for name, value in typed.items():
        try:
            numbers[name] = _number(value)
        except ValueError:
            raise ValueError(
                f"Please use a number of seconds for {_PHASE_WORDS[name]}, for example 4."
            ) from None
    if all(not n for n in numbers.values()):
        raise ValueError("A breath needs some length. You could try 4 seconds in and 6 out.")
    parsed = {name: _seconds(name, number) for name, number in numbers.items()}
    return Pattern(
        "custom", "Custom", parsed["inhale"], parsed["hold_in"], parsed["exhale"], parsed["hold_out"]
    )
