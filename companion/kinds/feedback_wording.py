"""Feedback's wording engine: a few filled-in parts become first-person sentences.

The composer asks what happened, what I noticed in my body, what I felt and what I'd like;
`assemble` turns whichever parts are filled into whole sentences the client can then edit
freely. It knows nothing of storage, so it is tested (and changed) on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol


class Parts(Protocol):
    """What `assemble` reads: a `FeedbackDraft`, or anything shaped like one."""

    @property
    def kind(self) -> str: ...
    @property
    def what_happened(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def feelings(self) -> Sequence[str]: ...
    @property
    def would_like(self) -> str: ...


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


def assemble(draft: Parts) -> str:
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
