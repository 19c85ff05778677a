from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core import i18n
from companion.reference import breathing


def test_patterns_have_the_advertised_rhythm() -> None:
    slow = breathing.pattern("slow")
    assert slow.phases() == [("In", 4), ("Out", 6)]
    assert breathing.pattern("box").cycle == 16
    assert breathing.pattern("478").phases() == [("In", 4), ("Hold", 7), ("Out", 8)]
    assert breathing.pattern("unknown") == breathing.PATTERNS[0]


@pytest.mark.parametrize(
    ("t", "label", "size"),
    [(0.0, "In", 0.0), (2.0, "In", 0.5), (4.0, "Out", 1.0), (7.0, "Out", 0.5), (10.0, "In", 0.0)],
)
def test_slow_breathing_grows_then_shrinks(t: float, label: str, size: float) -> None:
    m = breathing.moment(breathing.pattern("slow"), t)
    assert m.label == label
    assert m.size == pytest.approx(size)


def test_box_holds_full_then_empty() -> None:
    box = breathing.pattern("box")
    assert breathing.moment(box, 5).label == "Hold" and breathing.moment(box, 5).size == 1.0
    assert breathing.moment(box, 13).label == "Hold" and breathing.moment(box, 13).size == 0.0


def test_phase_index_counts_every_change() -> None:
    slow = breathing.pattern("slow")
    indexes = [breathing.moment(slow, t / 10).index for t in range(0, 300)]
    changes = sum(1 for a, b in zip(indexes, indexes[1:], strict=False) if a != b)
    assert changes == 5  # 30 s of 4+6: In, Out, In, Out, In, Out -> five changes


def test_custom_pattern_is_kept_sane() -> None:
    p = breathing.custom(0, -2, 100, 3)
    assert p.inhale >= 1 and p.hold_in == 0 and p.exhale == 20 and p.hold_out == 3


@given(st.floats(min_value=0, max_value=10_000, allow_nan=False))
def test_moment_is_always_in_range(t: float) -> None:
    for p in breathing.PATTERNS:
        m = breathing.moment(p, t)
        assert 0.0 <= m.size <= 1.0 and 0.0 <= m.progress <= 1.0
        assert m.label in {"In", "Out", "Hold"}


# --- session length ------------------------------------------------------------------------------


def test_session_minutes_offered() -> None:
    assert list(breathing.SESSION_MINUTES) == list(range(1, 11))
    assert breathing.DEFAULT_MINUTES in breathing.SESSION_MINUTES


@pytest.mark.parametrize(
    ("pattern_id", "minutes", "seconds"),
    [("slow", 1, 60), ("slow", 5, 300), ("box", 1, 64), ("box", 3, 192), ("478", 1, 76), ("478", 10, 608)],
)
def test_sessions_end_on_a_whole_breath(pattern_id: str, minutes: int, seconds: float) -> None:
    p = breathing.pattern(pattern_id)
    assert breathing.session_seconds(p, minutes) == pytest.approx(seconds)
    assert not breathing.finished(p, seconds - 0.1, minutes)
    assert breathing.finished(p, seconds, minutes)
    assert breathing.finished(p, seconds + 100, minutes)
    # the last thing before the end is breathing out (or the hold after it), never breathing in
    assert breathing.moment(p, seconds - 0.1).label in ("Out", "Hold")


def test_session_minutes_are_kept_in_range() -> None:
    slow = breathing.pattern("slow")
    assert breathing.session_seconds(slow, 0) == 60
    assert breathing.session_seconds(slow, -5) == 60
    assert breathing.session_seconds(slow, 99) == 600
    assert not breathing.finished(slow, 0, 1)


@given(
    st.sampled_from(breathing.PATTERNS),
    st.integers(min_value=1, max_value=10),
)
def test_session_is_at_least_the_minutes_and_at_most_a_breath_more(
    p: breathing.Pattern, minutes: int
) -> None:
    total = breathing.session_seconds(p, minutes)
    assert minutes * 60 <= total < minutes * 60 + p.cycle + 1e-6


# --- a rhythm typed by the client ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (("4", "0", "6", "0"), (4, 0, 6, 0)),
        ((4, 4, 4, 4), (4, 4, 4, 4)),
        (("4,5", "", " 6.5 ", None), (4.5, 0, 6.5, 0)),
        (("1", "20", "20", "1"), (1, 20, 20, 1)),
        ((3.0, 0.0, 5, "0"), (3, 0, 5, 0)),
    ],
)
def test_parse_custom_accepts_typed_rhythms(typed: tuple, expected: tuple) -> None:
    p = breathing.parse_custom(*typed)
    assert (p.inhale, p.hold_in, p.exhale, p.hold_out) == expected
    assert p.id == "custom"
    assert breathing.moment(p, 0).label == "In"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        (("four", "0", "6", "0"), "number of seconds for breathing in"),
        (("4", "x", "6", "0"), "number of seconds for holding after breathing in"),
        (("4", "0", "nan", "0"), "number of seconds for breathing out"),
        (("4", "0", "6", "inf"), "number of seconds for holding after breathing out"),
        (("4", "0", "6", True), "number of seconds"),
        (("4", "0", "6", [1]), "number of seconds"),
        (("", "0", "6", "0"), "how many seconds for breathing in"),
        (("4", "0", None, "0"), "how many seconds for breathing out"),
        (("0", "0", "6", "0"), "between 1 and 20 seconds for breathing in"),
        (("0.5", "0", "6", "0"), "between 1 and 20 seconds for breathing in"),
        (("4", "0", "21", "0"), "between 1 and 20 seconds for breathing out"),
        (("4", "-2", "6", "0"), "between 0 (no hold) or 1 and 20 seconds for holding after breathing in"),
        (("4", "0", "6", "0.5"), "holding after breathing out"),
        (("0", "0", "0", "0"), "A breath needs some length"),
        (("", "", "", ""), "A breath needs some length"),
    ],
)
def test_parse_custom_explains_what_to_change(typed: tuple, words: str) -> None:
    with pytest.raises(ValueError) as err:
        breathing.parse_custom(*typed)
    message = str(err.value)
    assert words in message
    assert message.endswith(".") and "float" not in message and "Error" not in message


@given(
    st.floats(min_value=1, max_value=20),
    st.one_of(st.just(0.0), st.floats(min_value=1, max_value=20)),
    st.floats(min_value=1, max_value=20),
    st.one_of(st.just(0.0), st.floats(min_value=1, max_value=20)),
)
def test_parse_custom_valid_numbers_always_make_a_working_rhythm(
    a: float, b: float, c: float, d: float
) -> None:
    p = breathing.parse_custom(str(a), str(b), str(c), str(d))
    assert p.cycle > 0 and all(0 <= x <= 20 for x in (p.inhale, p.hold_in, p.exhale, p.hold_out))
    assert breathing.finished(p, breathing.session_seconds(p, 1), 1)


# --- in German and Spanish -----------------------------------------------------------------------

SPOKEN = {
    "en": {"In", "Hold", "Out"},
    "de": {"Einatmen", "Halten", "Ausatmen"},
    "es": {"Inhala", "Mantén", "Exhala"},
}


def _cycle_words(p: breathing.Pattern) -> list[str]:
    """The word shown (and read out) at every tenth of a second of one full breath."""
    return [breathing.moment(p, t / 10).word for t in range(int(p.cycle * 10))]


@pytest.mark.parametrize("language", ["de", "es"])
def test_a_whole_breath_is_spoken_in_the_persons_language(language: str) -> None:
    for p in (*breathing.PATTERNS, breathing.custom(3, 1, 5, 2)):
        with i18n.use(language):
            words = _cycle_words(p)
            labels = [breathing.moment(p, t / 10).label for t in range(int(p.cycle * 10))]
        assert set(words) <= SPOKEN[language], (p.id, set(words))
        assert not set(words) & SPOKEN["en"]  # no English left anywhere in the breath
        assert set(labels) <= SPOKEN["en"]  # the phase ids stay the same for the vibration


def test_phase_words_in_english_are_as_they_always_were() -> None:
    assert _cycle_words(breathing.pattern("box"))[::40] == ["In", "Hold", "Out", "Hold"]
    assert breathing.phase_word("Hold ") == "Hold" and breathing.phase_word("unknown") == "unknown"


def test_rhythm_names_are_translated_and_the_ids_stay() -> None:
    with i18n.use("de"):
        names = [p.shown_name for p in breathing.PATTERNS]
    assert names == ["Langsam: 4 ein, 6 aus", "Quadrat: 4-4-4-4", "4-7-8"]
    with i18n.use("es"):
        assert breathing.pattern("slow").shown_name == "Lenta: inhala 4, exhala 6"
    assert [p.name for p in breathing.PATTERNS] == ["Slow: in 4, out 6", "Box: 4-4-4-4", "4-7-8"]
    assert [p.id for p in breathing.PATTERNS] == ["slow", "box", "478"]


@pytest.mark.parametrize(
    ("language", "typed", "words"),
    [
        ("de", ("four", "0", "6", "0"), "Sekunden für das Einatmen bitte als Zahl"),
        ("de", ("4", "-2", "6", "0"), "Wähle für das Halten nach dem Einatmen bitte 0 (kein Halten)"),
        ("de", ("0", "0", "0", "0"), "Ein Atemzug braucht ein wenig Zeit."),
        ("es", ("4", "0", "21", "0"), "Para exhalar, elige entre 1 y 20 segundos."),
        ("es", ("", "0", "6", "0"), "Escribe cuántos segundos quieres para inhalar"),
    ],
)
def test_parse_custom_explains_in_the_persons_language(language: str, typed: tuple, words: str) -> None:
    with i18n.use(language), pytest.raises(ValueError) as err:
        breathing.parse_custom(*typed)
    assert words in str(err.value)
