"""After-session reflection: how the hour felt, in the client's own terms.

The questions are our own wording about the things that tend to matter in therapy (working on
what matters, a way of working that suits, feeling connected, pace, tone, support and
challenge, being met or missed). They are not a licensed rating scale and must not be reworded
to look like one. Every question can be skipped: None (or empty text) means "skipped", never 0.
The numbers are for the client's own noticing; nothing here adds them up into a score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from companion.core.kind_ids import REFLECTION
from companion.core.records import Record, stored_number
from companion.kinds.base import DraftedStore

PAYLOAD_VERSION = 1
MAX_TEXT = 100_000
SCALE_MIN, SCALE_MAX = 0, 10


@dataclass(frozen=True)
class Scale:
    id: str
    question: str  # asked on screen
    short: str  # used in summaries: "How connected I felt: 7 of 10"
    low: str  # what 0 means
    high: str  # what 10 means


SCALES: tuple[Scale, ...] = (
    Scale(
        "worked_on",
        "How well did we work on what matters to me?",
        "How well we worked on what matters to me",
        "We drifted away from it",
        "We stayed close to it",
    ),
    Scale(
        "way_of_working",
        "How well did the way we worked suit me?",
        "How well the way we worked suited me",
        "It didn't suit me today",
        "It suited me well",
    ),
    Scale(
        "connected",
        "How connected did I feel?",
        "How connected I felt",
        "Far apart",
        "Close and in touch",
    ),
    Scale(
        "overall",
        "Looking back on the whole hour, how was it for me?",
        "Overall",
        "Not much use to me today",
        "Just what I needed",
    ),
)
SCALE_IDS: tuple[str, ...] = tuple(s.id for s in SCALES)

PACE_QUESTION = "How did the pace feel?"
PACE: dict[str, str] = {"too_slow": "Too slow", "about_right": "About right", "too_fast": "Too fast"}

TONE_QUESTION = "How did my therapist's tone of voice feel?"
TONE: dict[str, str] = {"too_soft": "Too soft", "about_right": "About right", "too_sharp": "Too sharp"}

SUPPORT_CHALLENGE_QUESTION = "Today, did I need more support or more challenge?"
SUPPORT_LABEL = "I needed more support"  # 0
BALANCE_LABEL = "The balance was right"  # 5
CHALLENGE_LABEL = "I needed more challenge"  # 10

MET_PROMPT = "A moment I felt met"
MET_HINT = "A moment I felt understood, or that my therapist really got it."
MISSED_PROMPT = "A moment I felt missed"
MISSED_HINT = "A moment I felt unseen, rushed or misunderstood. Naming it can help, whenever you're ready."

PLEASING_QUESTION = "Did I say what I thought my therapist wanted to hear?"
PLEASING_HINT = "There's no right answer. Therapy is one place where you don't have to please anyone."
PLEASING: dict[str, str] = {"yes": "Yes", "a_little": "A little", "no": "No"}

NOTE_PROMPT = "Anything else I'd like to remember"


def clamp_scale(value: Any) -> int | None:
    """A 0-10 answer from stored or typed data; None (skipped) for anything that isn't a number."""
    number = stored_number(value)
    if number is None or not math.isfinite(number):
        return None
    return max(SCALE_MIN, min(SCALE_MAX, int(round(number))))


def _choice(value: Any, choices: dict[str, str]) -> str | None:
    return value if isinstance(value, str) and value in choices else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class Reflection:
    session_id: str | None = None
    worked_on: int | None = None
    way_of_working: int | None = None
    connected: int | None = None
    overall: int | None = None
    pace: str | None = None  # a key of PACE
    tone: str | None = None  # a key of TONE
    support_challenge: int | None = None  # 0 more support ... 5 balanced ... 10 more challenge
    met: str = ""
    missed: str = ""
    pleasing: str | None = None  # a key of PLEASING
    note: str = ""

    def score(self, scale_id: str) -> int | None:
        """The answer to one of SCALES, or None when it was skipped."""
        if scale_id not in SCALE_IDS:
            raise KeyError(scale_id)
        return clamp_scale(getattr(self, scale_id))

    @property
    def is_empty(self) -> bool:
        """Nothing answered; a link to a session on its own is not an answer."""
        numbers = [self.score(s) for s in SCALE_IDS] + [clamp_scale(self.support_challenge)]
        choices = [_choice(self.pace, PACE), _choice(self.tone, TONE), _choice(self.pleasing, PLEASING)]
        texts = (self.met, self.missed, self.note)
        return (
            all(n is None for n in numbers)
            and all(c is None for c in choices)
            and not any(t.strip() for t in texts)
        )

    def to_payload(self) -> dict[str, Any]:
        return {
            "v": PAYLOAD_VERSION,
            "session_id": self.session_id,
            **{scale_id: self.score(scale_id) for scale_id in SCALE_IDS},
            "pace": _choice(self.pace, PACE),
            "tone": _choice(self.tone, TONE),
            "support_challenge": clamp_scale(self.support_challenge),
            "met": self.met[:MAX_TEXT],
            "missed": self.missed[:MAX_TEXT],
            "pleasing": _choice(self.pleasing, PLEASING),
            "note": self.note[:MAX_TEXT],
        }

    @classmethod
    def from_payload(cls, data: Any) -> Reflection:
        """Never raises: out-of-range numbers are clamped, unknown choices and junk become skipped."""
        if not isinstance(data, dict):
            data = {}
        session_id = data.get("session_id")
        return cls(
            session_id=session_id if isinstance(session_id, str) and session_id else None,
            **{scale_id: clamp_scale(data.get(scale_id)) for scale_id in SCALE_IDS},
            pace=_choice(data.get("pace"), PACE),
            tone=_choice(data.get("tone"), TONE),
            support_challenge=clamp_scale(data.get("support_challenge")),
            met=_text(data.get("met")),
            missed=_text(data.get("missed")),
            pleasing=_choice(data.get("pleasing"), PLEASING),
            note=_text(data.get("note")),
        )


def support_challenge_words(value: int) -> str:
    """What a point on the support ... challenge line means, in plain words."""
    if value <= 2:
        return SUPPORT_LABEL
    if value < 5:
        return "I needed a bit more support"
    if value == 5:
        return "the balance was right"
    if value < 8:
        return "I needed a bit more challenge"
    return CHALLENGE_LABEL


def summary_lines(reflection: Reflection) -> list[str]:
    """Plain sentences for the reflection view and exports; skipped questions are left out."""
    lines: list[str] = []
    for scale in SCALES:
        value = reflection.score(scale.id)
        if value is not None:
            lines.append(f"{scale.short}: {value} of 10")
    if (pace := _choice(reflection.pace, PACE)) is not None:
        lines.append(f"Pace: {PACE[pace].lower()}")
    if (tone := _choice(reflection.tone, TONE)) is not None:
        lines.append(f"Tone: {TONE[tone].lower()}")
    if (balance := clamp_scale(reflection.support_challenge)) is not None:
        lines.append(f"Support or challenge: {support_challenge_words(balance)} ({balance} of 10)")
    if (pleasing := _choice(reflection.pleasing, PLEASING)) is not None:
        lines.append(f"{PLEASING_QUESTION} {PLEASING[pleasing]}.")
    for prompt, text in ((MET_PROMPT, reflection.met), (MISSED_PROMPT, reflection.missed)):
        if text.strip():
            lines.append(f"{prompt}: {text.strip()}")
    if reflection.note.strip():
        lines.append(f"Note: {reflection.note.strip()}")
    return lines


class Reflections(DraftedStore[Reflection]):
    """Reflections and their drafts inside one unlocked vault."""

    kind = REFLECTION
    empty_message = "There's nothing in this reflection yet. Any one answer is enough."

    def from_payload(self, payload: Any) -> Reflection:
        return Reflection.from_payload(payload)

    def all(self) -> list[tuple[Record, Reflection]]:
        """Newest first."""
        return self.pairs()

    def for_session(self, session_id: str) -> list[tuple[Record, Reflection]]:
        """Reflections written about one session, newest first."""
        return [(r, refl) for r, refl in self.all() if refl.session_id == session_id]

    def latest(self) -> tuple[Record, Reflection] | None:
        """The newest readable reflection (a damaged newest one doesn't hide the rest)."""
        for record in self.vault.iter_all([REFLECTION], batch=10):
            return record, Reflection.from_payload(record.payload)
        return None
