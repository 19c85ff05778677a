"""The words of "what I'm bringing": one function, so the session card and the summary never differ."""

from __future__ import annotations

from collections.abc import Iterable

from companion.kinds.feedback import BringList, FeedbackDraft
from companion.kinds.topics import Topic


def bring_lines(feedback: Iterable[FeedbackDraft], topics: Iterable[Topic]) -> list[str]:
    """Feedback wording first, then topics, each as written (trimmed); empty ones are left out."""
    lines = [draft.wording.strip() for draft in feedback]
    lines += [topic.text.strip() for topic in topics]
    return [line for line in lines if line]


def bring_list_lines(bringing: BringList) -> list[str]:
    """The same for a :class:`~companion.kinds.feedback.BringList` (the session card)."""
    return bring_lines((draft for _r, draft in bringing.feedback), (topic for _r, topic in bringing.topics))
