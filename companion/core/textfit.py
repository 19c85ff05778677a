"""Fitting a person's text into one short line for lists, previews and notifications."""

from __future__ import annotations

ELLIPSIS = "…"


def shorten(text: object, limit: int) -> str:
    """Whitespace runs (newlines too) become one space; a cut ends in "…" within ``limit``.

    Cuts mid-word on purpose: `textwrap.shorten` drops whole words and turns one long
    word (a link, a name in another script) into nothing but the placeholder.
    """
    line = " ".join(str(text).split())
    if len(line) <= limit:
        return line
    return line[: max(limit - 1, 0)].rstrip() + ELLIPSIS
