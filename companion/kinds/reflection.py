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

from companion.core.i18n import N_, _
from companion.core.kind_ids import REFLECTION
from companion.core.records import Record, stored_number
from companion.kinds.base import DraftedStore

PAYLOAD_VERSION = 1
MAX_TEXT = 100_000
SCALE_MIN, SCALE_MAX = 0, 10


@dataclass(frozen=True)
class Scale:
    """One 0-10 question. Its words are English, marked with N_(): show them with _()."""

    id: str
    question: str  # asked on screen
    short: str  # used in summaries: "How connected I felt: 7 of 10"
    low: str  # what 0 means
    high: str  # what 10 means


SCALES: tuple[Scale, ...] = (
    Scale(
        "worked_on",
        N_("How well did we work on what matters to me?"),
        # Translators: a reflection question in a summary line, "...: 7 of 10"
        N_("How well we worked on what matters to me"),
        # Translators: what 0 means on "How well did we work on what matters to me?"
        N_("We drifted away from it"),
        # Translators: what 10 means on "How well did we work on what matters to me?"
        N_("We stayed close to it"),
    ),
    Scale(
        "way_of_working",
        N_("How well did the way we worked suit me?"),
        # Translators: a reflection question in a summary line, "...: 7 of 10"
        N_("How well the way we worked suited me"),
        # Translators: what 0 means on "How well did the way we worked suit me?"
        N_("It didn't suit me today"),
        # Translators: what 10 means on "How well did the way we worked suit me?"
        N_("It suited me well"),
    ),
    Scale(
        "connected",
        N_("How connected did I feel?"),
        # Translators: a reflection question in a summary line, "How connected I felt: 7 of 10"
        N_("How connected I felt"),
        # Translators: what 0 means on "How connected did I feel?" (to the therapist)
        N_("Far apart"),
        # Translators: what 10 means on "How connected did I feel?" (to the therapist)
        N_("Close and in touch"),
    ),
    Scale(
        "overall",
        N_("Looking back on the whole hour, how was it for me?"),
        # Translators: the whole-session question in a summary line, "Overall: 7 of 10"
        N_("Overall"),
        # Translators: what 0 means on "Looking back on the whole hour, how was it for me?"
        N_("Not much use to me today"),
        # Translators: what 10 means on "Looking back on the whole hour, how was it for me?"
        N_("Just what I needed"),
    ),
)
SCALE_IDS: tuple[str, ...] = tuple(s.id for s in SCALES)

# Every question, answer and hint below is stored by its key only; the words are English marked
# with N_() and shown with _() in the current language.
PACE_QUESTION = N_("How did the pace feel?")
PACE: dict[str, str] = {
    # Translators: an answer to "How did the pace feel?" (of a therapy session); also shown
    # lower-case in a summary, "Pace: too slow"
    "too_slow": N_("Too slow"),
    # Translators: an answer to "How did the pace feel?" and to "How did my therapist's tone of
    # voice feel?"; also shown lower-case in a summary, "Pace: about right"
    "about_right": N_("About right"),
    # Translators: an answer to "How did the pace feel?"; also shown lower-case, "Pace: too fast"
    "too_fast": N_("Too fast"),
}

TONE_QUESTION = N_("How did my therapist's tone of voice feel?")
TONE: dict[str, str] = {
    # Translators: an answer to "How did my therapist's tone of voice feel?"; also shown
    # lower-case in a summary, "Tone: too soft"
    "too_soft": N_("Too soft"),
    "about_right": N_("About right"),
    # Translators: an answer to "How did my therapist's tone of voice feel?"; also shown
    # lower-case in a summary, "Tone: too sharp"
    "too_sharp": N_("Too sharp"),
}

SUPPORT_CHALLENGE_QUESTION = N_("Today, did I need more support or more challenge?")
SUPPORT_LABEL = N_("I needed more support")  # 0
BALANCE_LABEL = N_("The balance was right")  # 5
CHALLENGE_LABEL = N_("I needed more challenge")  # 10

MET_PROMPT = N_("A moment I felt met")
MET_HINT = N_("A moment I felt understood, or that my therapist really got it.")
MISSED_PROMPT = N_("A moment I felt missed")
MISSED_HINT = N_(
    "A moment I felt unseen, rushed or misunderstood. Naming it can help, whenever you're ready."
)

PLEASING_QUESTION = N_("Did I say what I thought my therapist wanted to hear?")
PLEASING_HINT = N_("There's no right answer. Therapy is one place where you don't have to please anyone.")
PLEASING: dict[str, str] = {
    # Translators: an answer to "Did I say what I thought my therapist wanted to hear?"
    "yes": N_("Yes"),
    # Translators: an answer to "Did I say what I thought my therapist wanted to hear?"
    "a_little": N_("A little"),
    # Translators: an answer to "Did I say what I thought my therapist wanted to hear?"
    "no": N_("No"),
}

NOTE_PROMPT = N_("Anything else I'd like to remember")


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
    """What a point on the support ... challenge line means, in plain words (current language)."""
    if value <= 2:
        return _(SUPPORT_LABEL)
    if value < 5:
        return _("I needed a bit more support")
    if value == 5:
        # Translators: in a summary line, "Support or challenge: the balance was right (5 of 10)"
        return _("the balance was right")
    if value < 8:
        return _("I needed a bit more challenge")
    return _(CHALLENGE_LABEL)


def summary_lines(reflection: Reflection) -> list[str]:
    """Plain sentences for the reflection view and exports; skipped questions are left out."""
    lines: list[str] = []
    # Translators: one 0-10 answer in a summary, "How connected I felt: 7 of 10"
    scored = _("{scale}: {value} of 10")
    for scale in SCALES:
        value = reflection.score(scale.id)
        if value is not None:
            lines.append(scored.format(scale=_(scale.short), value=value))
    if (pace := _choice(reflection.pace, PACE)) is not None:
        # Translators: how the pace of a session felt, "Pace: too slow"
        lines.append(_("Pace: {answer}").format(answer=_(PACE[pace]).lower()))
    if (tone := _choice(reflection.tone, TONE)) is not None:
        # Translators: how the therapist's tone of voice felt, "Tone: too soft"
        lines.append(_("Tone: {answer}").format(answer=_(TONE[tone]).lower()))
    if (balance := clamp_scale(reflection.support_challenge)) is not None:
        # Translators: {answer} is "I needed a bit more support", "the balance was right" and so on
        line = _("Support or challenge: {answer} ({value} of 10)")
        lines.append(line.format(answer=support_challenge_words(balance), value=balance))
    if (pleasing := _choice(reflection.pleasing, PLEASING)) is not None:
        # Translators: a question and its answer, "Did I say what I thought my therapist wanted to hear? Yes."
        line = _("{question} {answer}.")
        lines.append(line.format(question=_(PLEASING_QUESTION), answer=_(PLEASING[pleasing])))
    if met := reflection.met.strip():
        # Translators: {text} is what the person wrote, kept as they wrote it
        lines.append(_("A moment I felt met: {text}").format(text=met))
    if missed := reflection.missed.strip():
        # Translators: {text} is what the person wrote, kept as they wrote it
        lines.append(_("A moment I felt missed: {text}").format(text=missed))
    if note := reflection.note.strip():
        lines.append(_("Note: {text}").format(text=note))
    return lines


class Reflections(DraftedStore[Reflection]):
    """Reflections and their drafts inside one unlocked vault."""

    kind = REFLECTION
    empty_message = N_("There's nothing in this reflection yet. Any one answer is enough.")

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
