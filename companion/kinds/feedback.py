"""Feedback for my therapist, and the list of what I'm bringing: private until I choose otherwise.

Telling a therapist what helped and what didn't strengthens the work, and many people hold
back to be polite. The composer gives gentle structure (what happened, what I noticed in my
body, what I felt, what I'd like) and turns it into first-person sentences the client can then
edit freely (kinds/feedback_wording.py). Appreciations count as much as problems. Topics to
bring up live in kinds/topics.py; `bring_list` gathers both.

Privacy rule (kinds/sharing.py): everything starts PRIVATE. Saving, editing and autosaving never
change where an item stands; only an explicit `set_state` or `mark_shared` call does. An item may
go to BRING ("bring to session") or straight to SHARED (the client may have said it without
planning to), and back to PRIVATE at any time. An empty item can't be brought or marked shared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from companion.core.i18n import N_, _
from companion.core.kind_ids import FEEDBACK
from companion.core.kind_ids import TOPIC as TOPIC  # kept importable from here
from companion.core.records import Record
from companion.kinds.base import DraftedStore
from companion.kinds.feedback_wording import assemble, has_words
from companion.kinds.sharing import (
    BRING,
    NOTHING_TO_BRING,
    NOTHING_TO_SHARE,
    PRIVATE,
    SHARED,
    STATES,
    UNKNOWN_STATE,
    stored_state,
)
from companion.kinds.sharing import STATE_HINTS as STATE_HINTS  # kept importable from here
from companion.kinds.sharing import STATE_LABELS as STATE_LABELS  # kept importable from here
from companion.kinds.topics import Topic, Topics
from companion.reference import vocabulary
from companion.vault.vault import Vault

# Version 1 (the English-only app) stored feelings as English words, as picked or typed; version 2
# stores a listed feeling's id (its English word, "disappointed") and the person's own words as
# written. Version 1 words are read as ids (see `FeedbackDraft.from_payload`).
PAYLOAD_VERSION = 2
MAX_TEXT = 100_000


# --- kinds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of feedback. Its texts are kept in English (marked N_()) and shown translated."""

    id: str
    label_en: str
    description_en: str
    starters_en: tuple[str, ...]  # phrase starters the client can tap to begin writing

    @property
    def label(self) -> str:
        return _(self.label_en)

    @property
    def description(self) -> str:
        return _(self.description_en)

    @property
    def starters(self) -> tuple[str, ...]:
        """In the current language; each "…" is a blank the person fills in."""
        return tuple(_(starter) for starter in self.starters_en)


# Translators: the phrase starters below are tapped to begin writing; keep each "…": it is a
# blank the person fills in (the app asks for one answer per "…").
KINDS: tuple[Kind, ...] = (
    Kind(
        "appreciation",
        N_("Something that helped"),
        N_("A moment, a word or a way of being with me that helped. These matter as much as anything else."),
        (
            N_("It helped when you …"),
            N_("When you …, I felt …"),
            N_("I could breathe a little easier when …"),
            N_("I'd like more of …"),
        ),
    ),
    Kind(
        "request",
        N_("A request"),
        N_("Something I'd like more of, less of, or to try."),
        (
            N_("I'd like to try …"),
            N_("Could we …?"),
            N_("It would help me if you …"),
            N_("Next time, could we spend longer on …?"),
        ),
    ),
    Kind(
        "didnt_land",
        N_("Something that didn't land"),
        N_("Something said or suggested that didn't quite reach me or sit right."),
        (
            N_("When you said …, it didn't quite fit for me."),
            N_("I wasn't sure what you meant by …"),
            N_("I went along with …, but inside I …"),
        ),
    ),
    Kind(
        "felt_missed",
        N_("A moment I felt missed"),
        N_("A moment I didn't feel seen, heard or understood."),
        (
            N_("When you …, I felt missed."),
            N_("I was trying to say … and I'm not sure it came across."),
            N_("In that moment, what I needed was …"),
            N_("I felt a bit alone when …"),
        ),
    ),
    Kind(
        "held_back",
        N_("Something I held back"),
        N_("Something I didn't say at the time, maybe to be polite or to keep things smooth."),
        (
            N_("There's something I didn't say last time: …"),
            N_("I held back because …"),
            N_("This feels a bit risky to say, but …"),
            N_("I've been wondering whether …"),
        ),
    ),
    Kind(
        "pace_tone",
        N_("Pace or tone"),
        N_("How fast or slow we went, or how things were said."),
        (
            N_("It felt a bit fast when …"),
            N_("It helped when you slowed down and …"),
            N_("Your voice felt … when …"),
            N_("I'd like us to take more time with …"),
        ),
    ),
    Kind(
        "frame",
        N_("A question about how we work"),
        N_("Practical things: scheduling, privacy, what happens between sessions."),
        (
            N_("Could we talk about how scheduling and cancelling work?"),
            N_("Who can see what I share with you?"),
            N_("What can I do if something comes up between sessions?"),
            N_("I'd like to understand how we'll know when …"),
        ),
    ),
)
KIND_IDS: tuple[str, ...] = tuple(k.id for k in KINDS)
DEFAULT_KIND = "request"  # what a damaged or unknown kind is shown as
_KINDS_BY_ID = {k.id: k for k in KINDS}


def kind(kind_id: str) -> Kind | None:
    return _KINDS_BY_ID.get(kind_id)


# The composer's parts, in the order they are asked and assembled. English, marked N_():
# show them with prompt() / hint() (or _(value)).
PROMPTS: dict[str, str] = {
    "what_happened": N_("What happened?"),
    "body": N_("What did I notice in my body?"),
    "feelings": N_("What did I feel?"),
    "would_like": N_("What would I like?"),
    "text": N_("In my own words"),
    "outcome": N_("How did it go when I shared it?"),
}
HINTS: dict[str, str] = {
    "what_happened": N_("A moment, a word, a look. A few words are enough."),
    "body": N_("Shoulders, breath, stomach, hands… anything you noticed."),
    "feelings": N_("Pick some words, or write your own."),
    "would_like": N_("More of something, less of something, or something new to try."),
    "text": N_("Change anything you like. This is how it will read."),
    "outcome": N_("Only if you'd like to remember it."),
}

NOTHING_YET = N_("There's nothing here yet. A few words are enough.")
UNKNOWN_KIND = N_("Please choose what kind of feedback this is.")


def prompt(part: str) -> str:
    """A composer part's question in the current language ("What happened?")."""
    return _(PROMPTS[part])


def hint(part: str) -> str:
    """A composer part's hint in the current language."""
    return _(HINTS[part])


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list | tuple) else ()


def _optional_id(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _version(data: dict[str, Any]) -> int:
    version = data.get("v")
    return version if isinstance(version, int) and not isinstance(version, bool) else 1


def stored_feeling(word: str) -> str:
    """What a feeling is stored as: a listed feeling's id, from the id or a word of the current
    language ("enttäuscht" -> "disappointed"), else the person's own word exactly as written."""
    return vocabulary.feeling_id(word) or word


def _same_feeling(stored: str, key: str) -> bool:
    return stored == key or stored.casefold() == key.casefold()


def _read_feelings(value: Any, version: int) -> tuple[str, ...]:
    """Stored feelings; version 1's English words (any case or form) become ids, others stay."""
    words = _strings(value)
    if version >= 2:
        return words
    return tuple(vocabulary.feeling_id(w, language=vocabulary.ENGLISH) or w for w in words)


# --- feedback ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackDraft:
    kind: str
    state: str = PRIVATE
    session_id: str | None = None
    what_happened: str = ""
    body: str = ""  # what I noticed in my body
    # listed feelings by id ("disappointed"), the client's own words as written; show them
    # with `feeling_labels` (or vocabulary.feeling_label), never as stored
    feelings: tuple[str, ...] = ()
    would_like: str = ""
    text: str = ""  # the client's own wording; empty means "use the assembled sentences"
    checkin_ids: tuple[str, ...] = ()
    outcome: str = ""  # after sharing: how it went

    @property
    def is_empty(self) -> bool:
        """No words anywhere that would end up in the wording (spaces and punctuation don't count)."""
        parts = (self.text, self.what_happened, self.body, self.would_like, *self.feelings)
        return not any(has_words(p) for p in parts)

    @property
    def wording(self) -> str:
        """What would be brought or shared: the client's own text, else the assembled sentences."""
        return self.text.strip() if has_words(self.text) else assemble(self)

    @property
    def feeling_labels(self) -> tuple[str, ...]:
        """The feelings as shown in the current language (own words as written)."""
        return tuple(vocabulary.feeling_label(f) for f in self.feelings)

    def add_feeling(self, word: str) -> FeedbackDraft:
        """Add a feeling: an id or a word of the current language (stored as its id), or the
        person's own word (stored as written). Added again, it moves to the end, once."""
        key = stored_feeling(word)
        others = tuple(f for f in self.feelings if not _same_feeling(f, key))
        return replace(self, feelings=(*others, key))

    def remove_feeling(self, word: str) -> FeedbackDraft:
        """Remove a feeling given as stored, as an id, or as a word of the current language."""
        key = stored_feeling(word)
        return replace(self, feelings=tuple(f for f in self.feelings if not _same_feeling(f, key)))

    def to_payload(self) -> dict[str, Any]:
        return {
            "v": PAYLOAD_VERSION,
            "kind": self.kind,
            "state": stored_state(self.state),
            "session_id": self.session_id,
            "what_happened": self.what_happened[:MAX_TEXT],
            "body": self.body[:MAX_TEXT],
            "feelings": [f[:MAX_TEXT] for f in self.feelings],
            "would_like": self.would_like[:MAX_TEXT],
            "text": self.text[:MAX_TEXT],
            "checkin_ids": list(self.checkin_ids),
            "outcome": self.outcome[:MAX_TEXT],
        }

    @classmethod
    def from_payload(cls, data: Any) -> FeedbackDraft:
        """Never raises. Unknown kinds read as DEFAULT_KIND, unknown states as PRIVATE; any version
        (version 1 feelings are read as ids, the person's own words kept as written)."""
        if not isinstance(data, dict):
            data = {}
        kind_id = data.get("kind")
        return cls(
            kind=kind_id if isinstance(kind_id, str) and kind_id in _KINDS_BY_ID else DEFAULT_KIND,
            state=stored_state(data.get("state")),
            session_id=_optional_id(data.get("session_id")),
            what_happened=_text(data.get("what_happened")),
            body=_text(data.get("body")),
            feelings=_read_feelings(data.get("feelings"), _version(data)),
            would_like=_text(data.get("would_like")),
            text=_text(data.get("text")),
            checkin_ids=_strings(data.get("checkin_ids")),
            outcome=_text(data.get("outcome")),
        )


def as_written_then(payload: dict[str, Any], clean: dict[str, Any]) -> dict[str, Any]:
    """``clean`` (a payload read and written again) with a version 1 payload's feelings as it
    wrote them, so a restore check does not take the upgrade to ids for damage; their number
    still counts. (For kinds/validate.py, as it does for check-ins.)"""
    raw, made = payload.get("feelings"), clean.get("feelings")
    if _version(payload) >= 2 or not isinstance(raw, list) or not isinstance(made, list):
        return clean
    if len(raw) != len(made) or not all(isinstance(word, str) for word in raw):
        return clean
    return {**clean, "feelings": [r if len(r) <= MAX_TEXT else m for r, m in zip(raw, made, strict=True)]}


def _check_kind(draft: FeedbackDraft) -> None:
    if draft.kind not in _KINDS_BY_ID:
        raise ValueError(_(UNKNOWN_KIND))


class Feedback(DraftedStore[FeedbackDraft]):
    """Feedback items and their drafts inside one unlocked vault.

    Drafts (autosave) never change a saved item's state.
    """

    kind = FEEDBACK
    empty_message = NOTHING_YET

    def from_payload(self, payload: Any) -> FeedbackDraft:
        return FeedbackDraft.from_payload(payload)

    def checked(self, draft: FeedbackDraft) -> FeedbackDraft:
        _check_kind(draft)
        return super().checked(draft)

    def add(self, draft: FeedbackDraft) -> Record:
        """Save a new item. It always starts private, whatever ``draft.state`` says."""
        return super().add(replace(draft, state=PRIVATE))

    def update(self, record_id: str, draft: FeedbackDraft) -> Record:
        """Save edits. Where the item stands (private, bring, shared) is kept as stored."""
        draft = self.checked(draft)
        _record, stored = self._pair(record_id)
        return self._write(record_id, replace(draft, state=stored.state))

    def all(self) -> list[tuple[Record, FeedbackDraft]]:
        """Newest first."""
        return self.pairs()

    def by_state(self) -> dict[str, list[tuple[Record, FeedbackDraft]]]:
        """Every state as a key (possibly with an empty list), items newest first."""
        groups: dict[str, list[tuple[Record, FeedbackDraft]]] = {state: [] for state in STATES}
        for record, draft in self.all():
            groups[draft.state].append((record, draft))
        return groups

    def set_state(self, record_id: str, state: str) -> Record:
        """The one way an item moves. Bringing or marking shared needs some words in it."""
        if state not in STATES:
            raise ValueError(_(UNKNOWN_STATE))
        record, draft = self._pair(record_id)
        if state != PRIVATE and draft.is_empty:
            raise ValueError(_(NOTHING_TO_BRING) if state == BRING else _(NOTHING_TO_SHARE))
        if draft.state == state:
            return record
        return self._write(record_id, replace(draft, state=state))

    def mark_shared(self, record_id: str, outcome: str = "") -> Record:
        """Mark as shared and, if given, note how it went (an earlier note is kept otherwise)."""
        _record, draft = self._pair(record_id)
        if draft.is_empty:
            raise ValueError(_(NOTHING_TO_SHARE))
        done = replace(draft, state=SHARED, outcome=outcome if outcome.strip() else draft.outcome)
        return self._write(record_id, done)


# --- what I'm bringing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BringList:
    feedback: list[tuple[Record, FeedbackDraft]] = field(default_factory=list)  # oldest first
    topics: list[tuple[Record, Topic]] = field(default_factory=list)  # in the client's order

    @property
    def is_empty(self) -> bool:
        return not (self.feedback or self.topics)


def bring_list(vault: Vault) -> BringList:
    """Exactly the items marked "bring to session", for the "what I'm bringing" view."""
    return bring_list_from(Feedback(vault).all(), Topics(vault).ordered())


def bring_list_from(
    feedback: Iterable[tuple[Record, FeedbackDraft]], topics: Iterable[tuple[Record, Topic]]
) -> BringList:
    """The same, from feedback and topics a screen has already read (so nothing is decrypted twice)."""
    chosen = [pair for pair in feedback if pair[1].state == BRING]
    chosen.sort(key=lambda pair: (pair[0].created_us, pair[0].id))
    return BringList(chosen, [pair for pair in topics if pair[1].state == BRING])
