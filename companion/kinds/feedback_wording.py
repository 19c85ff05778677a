"""Feedback's wording engine: a few filled-in parts become first-person sentences.

The composer asks what happened, what I noticed in my body, what I felt and what I'd like;
`assemble` turns whichever parts are filled into whole sentences the client can then edit
freely. It knows nothing of storage, so it is tested (and changed) on its own.

Every sentence is one translatable template with named placeholders ("When {what}, I felt
{feelings}."), so each language orders the words its own way. What differs beyond the words
(which first words are safe to lower-case, which start a question, which lead-ins the person
may already have written) is in `_LANGUAGES`, one entry per language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from companion.core.i18n import N_, _
from companion.core.i18n import current as current_language
from companion.reference import vocabulary


class Parts(Protocol):
    """What `assemble` reads: a `FeedbackDraft`, or anything shaped like one."""

    @property
    def kind(self) -> str: ...
    @property
    def what_happened(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def feelings(self) -> Sequence[str]: ...  # as stored: listed feelings' ids, own words as written
    @property
    def would_like(self) -> str: ...


# --- turning parts into sentences ----------------------------------------------------------

_EDGE = ",.;:!?…"  # punctuation we trim where a part meets our own words
_TERMINAL = ".!?…"  # a client's own sentence ending we keep
_OPENING = "¿¡"  # Spanish opening marks, looked past when finding a first word
_SPACE_BEFORE_MARK = re.compile(r" +([,.;:!?…])")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


@dataclass(frozen=True)
class _Language:
    """What the engine needs to know about a language beyond its translated sentences."""

    # First words safe to lower-case mid-sentence ("You slowed down" -> "When you slowed down");
    # names and anything else keep the client's capitals. None: never lower-case (German,
    # whose nouns keep their capital and whose sentences put the moment first).
    common_starts: frozenset[str] | None
    question_starts: frozenset[str]  # a wish starting so is the client's own question
    own_sentence_starts: frozenset[str]  # ... or their own sentence ("Please …")
    subjects: frozenset[str]  # "we could …", "you could …": a sentence of its own ...
    not_before: str  # ... unless the next word is this one ("you to …" follows "I'd like")
    i_word: str  # "I": a wish starting with it stands alone
    when: tuple[str, ...]  # lead-ins the client may have written that our sentence already has
    noticed: tuple[str, ...]
    like: tuple[str, ...]
    inverted_question: bool = False  # questions open with "¿" (Spanish)
    # Endings of first words safe to lower-case too (Spanish "Dijiste …", "Hablamos …"; names
    # rarely end so)
    soft_endings: tuple[str, ...] = ()
    # First words of a wish that open a clause, set off by a comma ("Ich wünsche mir, dass …")
    clause_starts: frozenset[str] = frozenset()


_LANGUAGES: dict[str, _Language] = {
    "en": _Language(
        common_starts=_wordset(
            "a an the you your yours we our us they their them it its my me this that these those "
            "there he she his her him when after before during while as at in on if so some "
            "something everything nothing someone being having talking feeling more less just then "
            "today"
        ),
        question_starts=_wordset(
            "could can would will may might shall should is are do does did what how why where who"
        ),
        own_sentence_starts=_wordset("please maybe perhaps let lets hopefully"),
        subjects=_wordset("you we"),
        not_before="to",
        i_word="i",
        when=("when",),
        noticed=("i noticed",),
        like=("i'd like", "i would like"),
    ),
    "de": _Language(
        common_starts=None,
        question_starts=_wordset(
            "könnten können könntest kannst würdest würden wäre wären darf dürfen sollen sollten "
            "ist sind hast habe haben gibt was wie warum wieso weshalb wo wer wann welche welcher"
        ),
        own_sentence_starts=_wordset("bitte vielleicht lass lasst hoffentlich"),
        subjects=_wordset("du wir"),
        not_before="",
        i_word="ich",
        when=("als", "wenn", "wann"),
        noticed=("ich habe bemerkt", "ich bemerkte", "bemerkt habe ich"),
        like=("ich wünsche mir", "ich würde mir wünschen", "ich hätte gern", "ich möchte"),
        clause_starts=_wordset("dass ob wenn"),
    ),
    "es": _Language(
        common_starts=_wordset(
            "tú tu tus usted ustedes nosotros nosotras nuestro nuestra nuestros nuestras ellos "
            "ellas él ella eso esto esta este ese esa el la los las lo un una unos unas mi mis yo "
            "me te se le les nos cuando después antes durante mientras al del en si algo todo "
            "nada alguien más menos hoy luego hablar hablamos hablaste dijiste hiciste"
        ),
        question_starts=_wordset(
            "podríamos podemos podrías puedes puede podría sería será es hay qué cómo cuándo "
            "dónde quién quiénes cuál por"
        ),
        own_sentence_starts=_wordset("quizá quizás ojalá tal quisiera"),
        subjects=_wordset("tú nosotros nosotras"),
        not_before="",
        i_word="yo",
        when=("cuando",),
        noticed=("noté", "he notado"),
        like=("me gustaría", "quisiera"),
        inverted_question=True,
        soft_endings=("aste", "iste", "asteis", "isteis", "amos", "emos", "imos"),
    ),
}


def _language() -> _Language:
    return _LANGUAGES.get(current_language(), _LANGUAGES["en"])


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


def _ending(core: str) -> str:
    """How a part that ends a sentence ends: the client's ".", "!", "?" or "…", else a full stop."""
    tail = core[len(_mid(core)) :]
    return "".join(ch for ch in tail if ch in _TERMINAL) or "."


def _first_word(text: str) -> str:
    match = _FIRST_WORD.match(text.lstrip(_OPENING))
    return match.group() if match else ""


def _soften(text: str, language: _Language, relaxed: bool = False) -> str:
    """Lower-case a capitalised first word that now sits mid-sentence; "I" and names stay as written."""
    if language.common_starts is None:
        return text
    word = _first_word(text)
    if not word or word == "I" or not (word[0].isupper() and (len(word) == 1 or word[1:].islower())):
        return text
    folded = word.casefold()
    if relaxed or folded in language.common_starts or folded.endswith(language.soft_endings or ("\0",)):
        at = text.index(word)
        return text[:at] + word[0].lower() + text[at + 1 :]
    return text


def _drop_prefix(text: str, prefixes: Iterable[str]) -> str:
    """ "when you paused" -> "you paused", so we never write "When when"; kept if nothing would remain."""
    for prefix in prefixes:
        head, rest = text[: len(prefix)], text[len(prefix) :]
        if head.casefold().replace("’", "'") == prefix and not rest[:1].isalnum():
            rest = _tidy(rest)
            return rest if has_words(rest) else text
    return text


def _part(text: str, language: _Language, prefixes: Iterable[str] = (), relaxed: bool = False) -> str:
    """The usable core of one part, or "" when it was skipped."""
    core = _tidy(text)
    if not has_words(core):
        return ""
    return _soften(_drop_prefix(core, prefixes), language, relaxed)


def join_words(words: Sequence[str]) -> str:
    """ "sad", "sad and hurt", "sad, hurt and tired"."""
    if len(words) <= 1:
        return "".join(words)
    # Translators: the end of a list of feelings: "sad, hurt and tired" ({items} is "sad, hurt")
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


def _feeling_words(words: Iterable[str], language: _Language, first: str | None = None) -> list[str]:
    out: list[str] = [first] if first else []
    seen = {w.casefold() for w in out}
    for word in words:
        core = _mid(_part(word, language, relaxed=True))
        if core and core.casefold() not in seen:
            seen.add(core.casefold())
            out.append(core)
    return out


# When "what happened" is the only part, each kind says it its own way. {what} is the client's
# moment without its closing punctuation; {end} is how they ended it (".", "!", "?" or "…").
_ONLY_WHAT: dict[str, str] = {
    # Translators: {what} is what happened, in the person's words ("you slowed down"); {end} is
    # their own sentence ending, usually "."
    "appreciation": N_("It helped when {what}{end}"),
    # Translators: {what} is what happened, in the person's words; {end} their sentence ending
    "request": N_("I've been thinking about when {what}{end}"),
    # Translators: {what} is what happened, in the person's words ("you suggested breathing")
    "didnt_land": N_("When {what}, it didn't quite land for me."),
    # Translators: {what} is what happened, in the person's words ("you moved on quickly")
    "felt_missed": N_("When {what}, I felt missed."),
    # Translators: {what} is what happened, in the person's words ("you asked about work")
    "held_back": N_("When {what}, I held something back."),
    # Translators: {what} is what happened, in the person's words; {end} their sentence ending
    "pace_tone": N_("Something about the pace or tone stood out for me when {what}{end}"),
    # Translators: {what} is what happened, in the person's words; {end} their sentence ending
    "frame": N_("This question came up for me when {what}{end}"),
}
# Translators: {what} is what happened, in the person's words; {end} their sentence ending
_ONLY_WHAT_DEFAULT = N_("This came up for me when {what}{end}")
# A closing sentence after the moment for kinds where the feeling alone doesn't say it.
_AFTER_MOMENT: dict[str, str] = {
    # Translators: closes a piece of feedback about something the therapist said or suggested
    "didnt_land": N_("It didn't quite land for me."),
    # Translators: closes a piece of feedback about something the person held back in a session
    "held_back": N_("I didn't say so at the time."),
}
# Translators: a feeling word, first in the list for "A moment I felt missed": "I felt missed, sad
# and alone" (not seen, heard or understood by the therapist)
_MISSED = N_("missed")


def _moment_sentence(what: str, body: str, feelings: str, end: str) -> str:
    """One sentence from the moment, the body and the feelings; each may be "" (not all three)."""
    if what:
        if body and feelings:
            # Translators: {what} is what happened ("you slowed down"), {body} what the person
            # noticed in their body ("my shoulders drop"), {feelings} a list of feeling words
            text = _("When {what}, I noticed {body} and I felt {feelings}.")
        elif body:
            # Translators: {what} is what happened, {body} what the person noticed in their body;
            # {end} is the person's own sentence ending, usually "."
            text = _("When {what}, I noticed {body}{end}")
        else:
            # Translators: {what} is what happened, {feelings} a list of feeling words
            text = _("When {what}, I felt {feelings}.")
    elif body and feelings:
        # Translators: {body} is what the person noticed in their body, {feelings} feeling words
        text = _("I noticed {body} and I felt {feelings}.")
    elif body:
        # Translators: {body} is what the person noticed in their body ("my shoulders drop");
        # {end} is the person's own sentence ending, usually "."
        text = _("I noticed {body}{end}")
    else:
        # Translators: {feelings} is a list of feeling words ("sad, hurt and tired")
        text = _("I felt {feelings}.")
    return text.format(what=what, body=body, feelings=feelings, end=end)


def _capitalised(sentence: str) -> str:
    """A sentence starts with a capital, whichever part a language puts first."""
    at = len(sentence) - len(sentence.lstrip(_OPENING + " "))
    return sentence[:at] + sentence[at : at + 1].upper() + sentence[at + 1 :]


def _moment(kind_id: str, what: str, body: str, feelings: list[str]) -> list[str]:
    if not (what or body or feelings):
        return []
    if what and not (body or feelings):
        template = _ONLY_WHAT.get(kind_id, _ONLY_WHAT_DEFAULT)
        return [_capitalised(_(template).format(what=_mid(what), end=_ending(what)))]
    shown = body if feelings else _mid(body)
    end = _ending(body) if body and not feelings else "."
    sentence = _moment_sentence(_mid(what), _mid(shown), join_words(feelings), end)
    sentences = [_capitalised(sentence)]
    if kind_id in _AFTER_MOMENT:
        sentences.append(_(_AFTER_MOMENT[kind_id]))
    return sentences


def _wish(like: str, language: _Language) -> str:
    """ "I'd like …", or the client's own sentence when it already stands alone ("Could we …?")."""
    first = _first_word(like)
    word = first.casefold()
    after_first = like.lstrip(_OPENING)[len(first) :].lstrip()
    second = _first_word(after_first).casefold()
    question = word in language.question_starts or like.startswith("¿")
    stands_alone = (
        word == language.i_word
        or question
        or word in language.own_sentence_starts
        or (word in language.subjects and (not language.not_before or second != language.not_before))
    )
    if not stands_alone:
        lead = ", " if word in language.clause_starts else ""
        # Translators: {like} is what the person would like, in their words ("more time at the
        # end", "to try drawing"); {end} is their own sentence ending, usually "."
        wish = _("I'd like {like}{end}").format(like=lead + _mid(like), end=_ending(like))
        return re.sub(r" +,", ",", wish) if lead else wish
    sentence = _capitalised(like)
    tail = sentence[len(_mid(sentence)) :]
    ending = "".join(ch for ch in tail if ch in _TERMINAL)
    if question and language.inverted_question and not sentence.startswith("¿"):
        sentence = "¿" + sentence[0].upper() + sentence[1:]
    return _mid(sentence) + (ending or ("?" if question else "."))


def assemble(draft: Parts) -> str:
    """First-person sentences from whichever parts are filled: what happened, body, feelings, wish.

    Skipped parts leave no trace; the result always reads as whole sentences, and "" when
    nothing is filled. It is a starting point: the client can edit it into `text`. It speaks
    the current language, feelings included (stored ids are shown as that language's words).
    """
    language = _language()
    what = _part(draft.what_happened, language, language.when)
    body = _part(draft.body, language, language.noticed, relaxed=True)
    shown = [vocabulary.feeling_label(f) for f in draft.feelings]
    feelings = _feeling_words(shown, language)
    like = _part(draft.would_like, language, language.like)
    if draft.kind == "felt_missed" and (what or body or feelings):
        feelings = _feeling_words(shown, language, first=_(_MISSED))
    sentences = _moment(draft.kind, what, body, feelings)
    if like:
        sentences.append(_wish(like, language))
    return " ".join(sentences)
