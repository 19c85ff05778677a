"""Paced-breathing patterns and the timeline of phases they produce.

Kept apart from the UI so the rhythm is exact and testable: the screen only
asks "which phase, and how far into it, at time t?".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from companion.core.i18n import N_, _

# The phases' ids, in English as they always were (the vibration length is looked up by them);
# what a person reads or hears during the exercise is `phase_word()`, in their language.
IN, HOLD_IN, OUT, HOLD_OUT = "In", "Hold", "Out", "Hold "

_PHASE_NAMES: dict[str, str] = {
    # Translators: shown large (and read out) while breathing: breathe in now. One short word if you can.
    IN: N_("In"),
    # Translators: shown large (and read out) while breathing: hold the breath (after breathing in
    # or after breathing out). One short word if you can.
    HOLD_IN.strip(): N_("Hold"),
    # Translators: shown large (and read out) while breathing: breathe out now. One short word if you can.
    OUT: N_("Out"),
}


def phase_word(label: str) -> str:
    """The word shown (and spoken) for a phase ("In", "Hold", "Out"), in the current language."""
    name = _PHASE_NAMES.get(str(label).strip())
    return _(name) if name is not None else str(label)


@dataclass(frozen=True)
class Pattern:
    id: str
    name: str
    inhale: float
    hold_in: float
    exhale: float
    hold_out: float

    @property
    def shown_name(self) -> str:
        """The rhythm's name in the current language (``name`` stays the English original)."""
        return _(self.name)

    @property
    def cycle(self) -> float:
        return self.inhale + self.hold_in + self.exhale + self.hold_out

    def phases(self) -> list[tuple[str, float]]:
        """(label, seconds) in order, skipping zero-length holds."""
        steps = [(IN, self.inhale), (HOLD_IN, self.hold_in), (OUT, self.exhale), (HOLD_OUT, self.hold_out)]
        return [(label, secs) for label, secs in steps if secs > 0]


PATTERNS: tuple[Pattern, ...] = (
    # Translators: a breathing rhythm: breathe in for 4 seconds, out for 6
    Pattern("slow", N_("Slow: in 4, out 6"), 4, 0, 6, 0),
    # Translators: a breathing rhythm, "box breathing": in 4, hold 4, out 4, hold 4 seconds
    Pattern("box", N_("Box: 4-4-4-4"), 4, 4, 4, 4),
    # Translators: a breathing rhythm: in 4, hold 7, out 8 seconds (the numbers are its usual name)
    Pattern("478", N_("4-7-8"), 4, 7, 8, 0),
)


def pattern(pattern_id: str) -> Pattern:
    return next((p for p in PATTERNS if p.id == pattern_id), PATTERNS[0])


# Translators: a breathing rhythm the person set up themselves
CUSTOM_NAME = N_("Custom")


def custom(inhale: float, hold_in: float, exhale: float, hold_out: float) -> Pattern:
    def ok(x: float) -> float:
        return max(0.0, min(20.0, float(x)))

    inhale, exhale = max(1.0, ok(inhale)), max(1.0, ok(exhale))
    return Pattern("custom", CUSTOM_NAME, inhale, ok(hold_in), exhale, ok(hold_out))


@dataclass(frozen=True)
class Moment:
    label: str  # In / Hold / Out: the phase's id (see `word` for what to show)
    progress: float  # 0..1 through this phase
    size: float  # 0..1: how full the shape should be
    remaining: float  # seconds left in this phase
    index: int  # phase number since start, to notice phase changes

    @property
    def word(self) -> str:
        """What to show and say for this phase, in the current language."""
        return phase_word(self.label)


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
# Each fills {phase} in the sentences below ("Please choose ... seconds for breathing out.").
_PHASE_WORDS = {
    # Translators: fills {phase} in "Please use a number of seconds for {phase}, for example 4."
    "inhale": N_("breathing in"),
    # Translators: fills {phase} in "Please use a number of seconds for {phase}, for example 4."
    "hold_in": N_("holding after breathing in"),
    # Translators: fills {phase} in "Please use a number of seconds for {phase}, for example 4."
    "exhale": N_("breathing out"),
    # Translators: fills {phase} in "Please use a number of seconds for {phase}, for example 4."
    "hold_out": N_("holding after breathing out"),
}


def _phase(name: str) -> str:
    return _(_PHASE_WORDS[name])


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
        # Translators: {phase} is "breathing in" or "breathing out"
        raise ValueError(
            _("Please enter how many seconds for {phase}, for example 4.").format(phase=_phase(name))
        )
    if not MIN_PHASE_S <= number <= MAX_PHASE_S:
        if hold:
            # Translators: {phase} is "holding after breathing in" (or out); 0 means no hold at all
            message = _("Please choose between 0 (no hold) or 1 and 20 seconds for {phase}.")
        else:
            # Translators: {phase} is "breathing in" or "breathing out"
            message = _("Please choose between 1 and 20 seconds for {phase}.")
        raise ValueError(message.format(phase=_phase(name)))
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
            # Translators: {phase} is "breathing in", "breathing out" or "holding after breathing in"
            message = _("Please use a number of seconds for {phase}, for example 4.")
            raise ValueError(message.format(phase=_phase(name))) from None
    if all(not n for n in numbers.values()):
        raise ValueError(_("A breath needs some length. You could try 4 seconds in and 6 out."))
    parsed = {name: _seconds(name, number) for name, number in numbers.items()}
    return Pattern(
        "custom", CUSTOM_NAME, parsed["inhale"], parsed["hold_in"], parsed["exhale"], parsed["hold_out"]
    )
