"""One-line shortening used by lists, previews, summaries and notifications."""

from hypothesis import given
from hypothesis import strategies as st

from companion.core.textfit import ELLIPSIS, shorten


def test_short_text_only_loses_extra_whitespace() -> None:
    assert shorten("  a quiet\n\nmorning\t walk ", 40) == "a quiet morning walk"


def test_a_cut_ends_in_an_ellipsis_within_the_limit() -> None:
    assert shorten("when you slowed down I felt safer", 12) == "when you sl" + ELLIPSIS


def test_one_long_word_is_cut_not_dropped() -> None:
    link = "https://example.org/" + "a" * 200
    out = shorten(link, 30)
    assert out.startswith("https://example.org/") and len(out) == 30


def test_no_space_left_before_the_ellipsis() -> None:
    assert shorten("one two three", 5) == "one" + ELLIPSIS


@given(st.text(), st.integers(min_value=1, max_value=300))
def test_never_longer_than_the_limit_and_never_multi_line(text: str, limit: int) -> None:
    out = shorten(text, limit)
    words = " ".join(text.split())
    assert len(out) <= limit
    assert not any(ch in out for ch in "\n\r\t")
    assert out == words or (out.endswith(ELLIPSIS) and words.startswith(out[:-1]))
