"""Matching typed search words against decrypted records, forgiving case and accents."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _strip_marks(match: re.Match[str]) -> str:
    return "".join(ch for ch in match.group() if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower-case and strip accents, so "cafe" finds "Café" and "ÉTÉ" finds "été".

    Accent marks only occur outside ASCII, so only those runs are inspected
    character by character: folding a whole journal for the first search stays fast.
    """
    lowered = text.casefold()
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(_strip_marks, unicodedata.normalize("NFKD", lowered))


def payload_text(value: Any) -> str:
    """Every string inside a payload, joined, for matching."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            parts.append(node)
        elif isinstance(node, dict):
            for item in node.values():
                walk(item)
        elif isinstance(node, list | tuple):
            for item in node:
                walk(item)

    walk(value)
    return "\n".join(parts)


def terms(query: str) -> list[str]:
    return [t for t in fold(query).split() if t]


def matches(folded_text: str, query_terms: Iterable[str]) -> bool:
    return all(t in folded_text for t in query_terms)
