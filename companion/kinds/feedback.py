"""Feedback for my therapist, and the topics I want to bring: private until I choose otherwise.

Telling a therapist what helped and what didn't strengthens the work, and many people hold
back to be polite. The composer gives gentle structure (what happened, what I noticed in my
body, what I felt, what I'd like) and turns it into first-person sentences the client can then
edit freely. Appreciations count as much as problems.

Privacy rule: everything starts PRIVATE. Saving, editing and autosaving never change where an
item stands; only an explicit `set_state` or `mark_shared` call does. An item may go to BRING
("bring to session") or straight to SHARED (the client may have said it without planning to),
and back to PRIVATE at any time. An empty item can't be brought or marked shared.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from companion.core.errors import RecordNotFound
from companion.core.kind_ids import FEEDBACK, TOPIC
from companion.core.records import Record
from companion.kinds.base import DraftedStore, RecordStore
from companion.vault.vault import Vault

PAYLOAD_VERSION = 1
MAX_TEXT = 100_000


# --- kinds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    description: str
    starters: tuple[str, ...]  # phrase starters the client can tap to begin writing


KINDS: tuple[Kind, ...] = (
    Kind(
        "appreciation",
        "Something that helped",
        "A moment, a word or a way of being with me that helped. These matter as much as anything else.",
        (
            "It helped when you …",
            "When you …, I felt …",
            "I could breathe a little easier when …",
            "I'd like more of …",
        ),
    ),
    Kind(
        "request",
        "A request",
        "Something I'd like more of, less of, or to try.",
        (
            "I'd like to try …",
            "Could we …?",
            "It would help me if you …",
            "Next time, could we spend longer on …?",
        ),
    ),
    Kind(
        "didnt_land",
        "Something that didn't land",
        "Something said or suggested that didn't quite reach me or sit right.",
        (
            "When you said …, it didn't quite fit for me.",
            "I wasn't sure what you meant by …",
            "I went along with …, but inside I …",
        ),
    ),
    Kind(
        "felt_missed",
        "A moment I felt missed",
        "A moment I didn't feel seen, heard or understood.",
        (
            "When you …, I felt missed.",
            "I was trying to say … and I'm not sure it came across.",
            "In that moment, what I needed was …",
            "I felt a bit alone when …",
        ),
    ),
    Kind(
        "held_back",
        "Something I held back",
        "Something I didn't say at the time, maybe to be polite or to keep things smooth.",
        (
            "There's something I didn't say last time: …",
            "I held back because …",
            "This feels a bit risky to say, but …",
            "I've been wondering whether …",
        ),
    ),
    Kind(
        "pace_tone",
        "Pace or tone",
        "How fast or slow we went, or how things were said.",
        (
            "It felt a bit fast when …",
            "It helped when you slowed down and …",
            "Your voice felt … when …",
            "I'd like us to take more time with …",
        ),
    ),
    Kind(
        "frame",
        "A question about how we work",
        "Practical things: scheduling, privacy, what happens between sessions.",
        (
            "Could we talk about how scheduling and cancelling work?",
            "Who can see what I share with you?",
            "What can I do if something comes up between sessions?",
            "I'd like to understand how we'll know when …",
        ),
    ),
)
KIND_IDS: tuple[str, ...] = tuple(k.id for k in KINDS)
DEFAULT_KIND = "request"  # what a damaged or unknown kind is shown as
_KINDS_BY_ID = {k.id: k for k in KINDS}


def kind(kind_id: str) -> Kind | None:
    return _KINDS_BY_ID.get(kind_id)


# The composer's parts, in the order they are asked and assembled.
PROMPTS: dict[str, str] = {
    "what_happened": "What happened?",
    "body": "What did I notice in my body?",
    "feelings": "What did I feel?",
    "would_like": "What would I like?",
    "text": "In my own words",
    "outcome": "How did it go when I shared it?",
}
HINTS: dict[str, str] = {
    "what_happened": "A moment, a word, a look. A few words are enough.",
    "body": "Shoulders, breath, stomach, hands… anything you noticed.",
    "feelings": "Pick some words, or write your own.",
    "would_like": "More of something, less of something, or something new to try.",
    "text": "Change anything you like. This is how it will read.",
    "outcome": "Only if you'd like to remember it.",
}

# --- states ------------------------------------------------------------------------------

PRIVATE = "private"
BRING = "bring"
SHARED = "shared"
STATES: tuple[str, ...] = (PRIVATE, BRING, SHARED)
STATE_LABELS: dict[str, str] = {PRIVATE: "Just for me", BRING: "Bring to session", SHARED: "Shared"}
STATE_HINTS: dict[str, str] = {
    PRIVATE: "Only you can see this. It stays here unless you choose otherwise.",
    BRING: "On your list for a coming session. You can still change your mind.",
    SHARED: "You shared this. If you like, note how it went.",
}

NOTHING_TO_BRING = "Write a few words first, so there's something to bring."
NOTHING_TO_SHARE = "Write a few words first, so there's something to mark as shared."
NOTHING_YET = "There's nothing here yet. A few words are enough."
UNKNOWN_KIND = "Please choose what kind of feedback this is."
UNKNOWN_STATE = "Please choose: just for me, bring to session, or shared."


def _state(value: Any) -> str:
    """Damaged or unknown states read as PRIVATE: bad data must never make something look shared."""
    return value if isinstance(value, str) and value in STATES else PRIVATE


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list | tuple) else ()


def _optional_id(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


# --- turning parts into sentences ----------------------------------------------------------

_EDGE = ",.;:!?…"  # punctuation we trim where a part meets our own words
_TERMINAL = ".!?…"  # a client's own sentence ending we keep
_SPACE_BEFORE_MARK = re.compile(r" +([,.;:!?…])")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Common first words that are safe to lower-case mid-sentence ("You slowed down" -> "When you
# slowed down"); names and anything else keep the client's capitals.
_COMMON_STARTS = _wordset(
    "a an the you your yours we our us they their them it its my me this that these those there "
    "he she his her him when after before during while as at in on if so some something "
    "everything nothing someone being having talking feeling more less just then today"
)
_QUESTION_STARTS = _wordset(
    "could can would will may might shall should is are do does did what how why where who"
)
_OWN_SENTENCE_STARTS = _wordset("please maybe perhaps let lets hopefully")


def has_words(text: str) -> bool:
    """True when text holds a letter, digit or symbol (emoji count); spaces and punctuation don't."""
    return any(unicodedata.category(ch)[0] in "LNS" for ch in text)


def _tidy(text: str) -> str:
    """One line: whitespace runs made single, no space before punctuation, none stray at the start."""
    text = _SPACE_BEFORE_MARK.sub(r"\1", " ".join(text.split()))
    return text.lstrip(_EDGE + " ")


def _mid(core: str) -> str:
    """A part as it sits inside a sentence: its own closing punctuation removed."""
    return core.rstrip(_EDGE + " ")


def _end(core: str) -> str:
    """A part that ends a sentence: keeps the client's ".", "!", "?" or "…", else gains one full stop."""
    tail = core[len(_mid(core)) :]
    ending = "".join(ch for ch in tail if ch in _TERMINAL)
    return _mid(core) + (ending or ".")


def _first_word(text: str) -> str:
    match = _FIRST_WORD.match(text)
    return match.group() if match else ""


def _soften(text: str, relaxed: bool = False) -> str:
    """Lower-case a capitalised first word that now sits mid-sentence; "I" and names stay as written."""
    word = _first_word(text)
    if not word or word == "I" or not (word[0].isupper() and (len(word) == 1 or word[1:].islower())):
        return text
    if relaxed or word.casefold() in _COMMON_STARTS:
        return text[0].lower() + text[1:]
    return text


def _drop_prefix(text: str, prefixes: Iterable[str]) -> str:
    """ "when you paused" -> "you paused", so we never write "When when"; kept if nothing would remain."""
    for prefix in prefixes:
        head, rest = text[: len(prefix)], text[len(prefix) :]
        if head.casefold().replace("’", "'") == prefix and not rest[:1].isalnum():
            rest = _tidy(rest)
            return rest if has_words(rest) else text
    return text


def _part(text: str, prefixes: Iterable[str] = (), relaxed: bool = False) -> str:
    """The usable core of one part, or "" when it was skipped."""
    core = _tidy(text)
    if not has_words(core):
        return ""
    return _soften(_drop_prefix(core, prefixes), relaxed)


def join_words(words: Sequence[str]) -> str:
    """ "sad", "sad and hurt", "sad, hurt and tired"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _feeling_words(words: Iterable[str], first: str | None = None) -> list[str]:
    out: list[str] = [first] if first else []
    seen = {w.casefold() for w in out}
    for word in words:
        core = _mid(_part(word, relaxed=True))
        if core and core.casefold() not in seen:
            seen.add(core.casefold())
            out.append(core)
    return out


# When "what happened" is the only part, each kind says it its own way: (before, after).
# An empty "after" means the client's words end the sentence.
_ONLY_WHAT: dict[str, tuple[str, str]] = {
    "appreciation": ("It helped when ", ""),
    "request": ("I've been thinking about when ", ""),
    "didnt_land": ("When ", ", it didn't quite land for me."),
    "felt_missed": ("When ", ", I felt missed."),
    "held_back": ("When ", ", I held something back."),
    "pace_tone": ("Something about the pace or tone stood out for me when ", ""),
    "frame": ("This question came up for me when ", ""),
}
_ONLY_WHAT_DEFAULT = ("This came up for me when ", "")
# A closing sentence after the moment for kinds where the feeling alone doesn't say it.
_AFTER_MOMENT: dict[str, str] = {
    "didnt_land": "It didn't quite land for me.",
    "held_back": "I didn't say so at the time.",
}


def _moment(kind_id: str, what: str, body: str, feelings: list[str]) -> list[str]:
    if not (what or body or feelings):
        return []
    if what and not (body or feelings):
        before, after = _ONLY_WHAT.get(kind_id, _ONLY_WHAT_DEFAULT)
        return [before + (_mid(what) + after if after else _end(what))]
    if body and feelings:
        clause = f"I noticed {_mid(body)} and I felt {join_words(feelings)}."
    elif body:
        clause = f"I noticed {_end(body)}"
    else:
        clause = f"I felt {join_words(feelings)}."
    sentences = [f"When {_mid(what)}, {clause}" if what else clause]
    if kind_id in _AFTER_MOMENT:
        sentences.append(_AFTER_MOMENT[kind_id])
    return sentences


def _wish(like: str) -> str:
    """ "I'd like …", or the client's own sentence when it already stands alone ("Could we …?")."""
    first = _first_word(like)
    word = first.casefold()
    second = _first_word(like[len(first) :].lstrip()).casefold()
    question = word in _QUESTION_STARTS
    stands_alone = (
        word == "i" or question or word in _OWN_SENTENCE_STARTS or (word in ("you", "we") and second != "to")
    )
    if not stands_alone:
        return f"I'd like {_end(like)}"
    sentence = like[0].upper() + like[1:]
    tail = sentence[len(_mid(sentence)) :]
    ending = "".join(ch for ch in tail if ch in _TERMINAL)
    return _mid(sentence) + (ending or ("?" if question else "."))


def assemble(draft: FeedbackDraft) -> str:
    """First-person sentences from whichever parts are filled: what happened, body, feelings, wish.

    Skipped parts leave no trace; the result always reads as whole sentences, and "" when
    nothing is filled. It is a starting point: the client can edit it into `text`.
    """
    what = _part(draft.what_happened, ("when",))
    body = _part(draft.body, ("i noticed",), relaxed=True)
    feelings = _feeling_words(draft.feelings)
    like = _part(draft.would_like, ("i'd like", "i would like"))
    if draft.kind == "felt_missed" and (what or body or feelings):
        feelings = _feeling_words(draft.feelings, first="missed")
    sentences = _moment(draft.kind, what, body, feelings)
    if like:
        sentences.append(_wish(like))
    return " ".join(sentences)


# --- feedback ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackDraft:
    kind: str
    state: str = PRIVATE
    session_id: str | None = None
    what_happened: str = ""
    body: str = ""  # what I noticed in my body
    feelings: tuple[str, ...] = ()  # words from the vocabulary or the client's own
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

    def add_feeling(self, word: str) -> FeedbackDraft:
        others = tuple(f for f in self.feelings if f.casefold() != word.casefold())
        return replace(self, feelings=(*others, word))

    def remove_feeling(self, word: str) -> FeedbackDraft:
        return replace(self, feelings=tuple(f for f in self.feelings if f.casefold() != word.casefold()))

    def to_payload(self) -> dict[str, Any]:
        return {
            "v": PAYLOAD_VERSION,
            "kind": self.kind,
            "state": _state(self.state),
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
        """Never raises. Unknown kinds read as DEFAULT_KIND, unknown states as PRIVATE."""
        if not isinstance(data, dict):
            data = {}
        kind_id = data.get("kind")
        return cls(
            kind=kind_id if isinstance(kind_id, str) and kind_id in _KINDS_BY_ID else DEFAULT_KIND,
            state=_state(data.get("state")),
            session_id=_optional_id(data.get("session_id")),
            what_happened=_text(data.get("what_happened")),
            body=_text(data.get("body")),
            feelings=_strings(data.get("feelings")),
            would_like=_text(data.get("would_like")),
            text=_text(data.get("text")),
            checkin_ids=_strings(data.get("checkin_ids")),
            outcome=_text(data.get("outcome")),
        )


def _check_kind(draft: FeedbackDraft) -> None:
    if draft.kind not in _KINDS_BY_ID:
        raise ValueError(UNKNOWN_KIND)


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
            raise ValueError(UNKNOWN_STATE)
        record, draft = self._pair(record_id)
        if state != PRIVATE and draft.is_empty:
            raise ValueError(NOTHING_TO_BRING if state == BRING else NOTHING_TO_SHARE)
        if draft.state == state:
            return record
        return self._write(record_id, replace(draft, state=state))

    def mark_shared(self, record_id: str, outcome: str = "") -> Record:
        """Mark as shared and, if given, note how it went (an earlier note is kept otherwise)."""
        _record, draft = self._pair(record_id)
        if draft.is_empty:
            raise ValueError(NOTHING_TO_SHARE)
        done = replace(draft, state=SHARED, outcome=outcome if outcome.strip() else draft.outcome)
        return self._write(record_id, done)


# --- topics to bring -------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    text: str
    state: str = PRIVATE
    order: float = 0.0  # position in the list; rewritten as 0, 1, 2 ... when the client reorders

    def to_payload(self) -> dict[str, Any]:
        return {
            "v": PAYLOAD_VERSION,
            "text": self.text[:MAX_TEXT],
            "state": _state(self.state),
            "order": self.order,
        }

    @classmethod
    def from_payload(cls, data: Any) -> Topic:
        """Never raises: junk order reads as 0.0, an unknown state as PRIVATE."""
        if not isinstance(data, dict):
            data = {}
        order = data.get("order")
        valid = isinstance(order, int | float) and not isinstance(order, bool) and math.isfinite(order)
        return cls(
            text=_text(data.get("text")),
            state=_state(data.get("state")),
            order=float(order) if valid else 0.0,
        )


class Topics(RecordStore[Topic]):
    """Things to bring up, in the client's own order.

    ``add`` and ``update`` take just the words: where a topic sits and whether it is brought
    are kept by the store, never by the screen.
    """

    kind = TOPIC

    def from_payload(self, payload: Any) -> Topic:
        return Topic.from_payload(payload)

    @staticmethod
    def _clean(text: str) -> str:
        text = text.strip()
        if not text:
            raise ValueError("Write a few words first, so there's something to bring up.")
        return text

    def add(self, text: str) -> Record:  # type: ignore[override]
        """Append at the end of the list, private."""
        text = self._clean(text)
        current = self.ordered()
        order = current[-1][1].order + 1.0 if current else 0.0
        return self._insert(Topic(text, PRIVATE, order))

    def update(self, record_id: str, text: str) -> Record:  # type: ignore[override]
        """New wording; place and state stay as they were."""
        text = self._clean(text)
        _record, topic = self._pair(record_id)
        return self._write(record_id, replace(topic, text=text))

    def ordered(self) -> list[tuple[Record, Topic]]:
        pairs = self.pairs()
        pairs.sort(key=lambda pair: (pair[1].order, pair[0].created_us, pair[0].id))
        return pairs

    def _rewrite(self, pairs: list[tuple[Record, Topic]]) -> None:
        """Store positions 0, 1, 2 ... touching only the records whose position changed."""
        for index, (record, topic) in enumerate(pairs):
            if topic.order != float(index):
                self._write(record.id, replace(topic, order=float(index)))

    def move(self, record_id: str, new_index: int) -> None:
        """Put one topic at ``new_index`` (clamped to the list); the others keep their order."""
        pairs = self.ordered()
        position = next((i for i, (r, _t) in enumerate(pairs) if r.id == record_id), None)
        if position is None:
            raise RecordNotFound(record_id)
        moving = pairs.pop(position)
        pairs.insert(max(0, min(len(pairs), new_index)), moving)
        self._rewrite(pairs)

    def reorder(self, ids: Sequence[str]) -> None:
        """The listed topics first, in that order; the rest after, in their current order.

        Unknown ids and repeats are ignored, so a list from a slightly stale screen is safe.
        """
        pairs = self.ordered()
        by_id = {r.id: (r, t) for r, t in pairs}
        listed: list[tuple[Record, Topic]] = []
        for record_id in ids:
            if record_id in by_id:
                listed.append(by_id.pop(record_id))
        rest = [pair for pair in pairs if pair[0].id in by_id]
        self._rewrite(listed + rest)

    def set_state(self, record_id: str, state: str) -> Record:
        if state not in STATES:
            raise ValueError(UNKNOWN_STATE)
        record, topic = self._pair(record_id)
        if state != PRIVATE and not topic.text.strip():
            raise ValueError(NOTHING_TO_BRING)
        if topic.state == state:
            return record
        return self._write(record_id, replace(topic, state=state))


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
