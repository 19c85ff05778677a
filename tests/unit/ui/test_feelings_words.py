"""The person's own feeling word is kept (usability review finding 5).

Typing "bad" and pressing Enter did nothing, and a word the app itself suggested ("anxious",
from the body step) was then called broad. Now Enter keeps what was typed, and the coach only
speaks about a broad word of the person's own, once, next to the choice to keep it.
"""

from __future__ import annotations

from companion.reference import vocabulary as vocab
from companion.ui.widgets.feelings_picker import coaching_for, own_word, word_to_add


def test_enter_keeps_a_word_of_their_own() -> None:
    assert word_to_add("bad") == "bad"
    assert word_to_add("  kind of   wobbly ") == "kind of wobbly"
    assert word_to_add("zerknirscht") == "zerknirscht"


def test_enter_uses_our_spelling_for_a_listed_word() -> None:
    assert word_to_add("Disappointed ") == "disappointed"


def test_nothing_typed_adds_nothing() -> None:
    assert word_to_add("   ") is None


def test_an_own_word_stays_a_sensible_length() -> None:
    assert len(own_word("x" * 500)) == 80


def test_the_coach_offers_sharper_words_for_a_broad_word_of_their_own() -> None:
    offered = coaching_for("bad")
    assert offered and all(vocab.feeling(f.word) for f in offered)


def test_a_word_the_app_suggests_is_never_called_broad() -> None:
    suggested = {
        f.word
        for f, _ in vocab.suggest_from_body([("chest", ["tight"], 7), ("stomach", ["churning"], 6)], limit=10)
    }
    coached = {f.word for w in vocab.vague_words() for f in (vocab.coach(w) or [])}
    listed = {f.word for f in vocab.feelings()}
    for word in suggested | coached | listed:
        assert coaching_for(word) is None, word
