"""Where a piece of feedback or a topic stands: just for me, bring to session, or shared.

Feedback (kinds/feedback.py) and topics (kinds/topics.py) follow one privacy rule, so it is
written once: everything starts PRIVATE, only an explicit choice moves an item, an empty item
can't be brought or marked shared, and damaged data never makes anything look shared.
"""

from __future__ import annotations

from typing import Any

# --- where an item stands ------------------------------------------------------------------

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
UNKNOWN_STATE = "Please choose: just for me, bring to session, or shared."


def stored_state(value: Any) -> str:
    """Damaged or unknown states read as PRIVATE: bad data must never make something look shared."""
    return value if isinstance(value, str) and value in STATES else PRIVATE
