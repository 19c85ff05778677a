"""Where a piece of feedback or a topic stands: just for me, bring to session, or shared.

Feedback (kinds/feedback.py) and topics (kinds/topics.py) follow one privacy rule, so it is
written once: everything starts PRIVATE, only an explicit choice moves an item, an empty item
can't be brought or marked shared, and damaged data never makes anything look shared.
"""

from __future__ import annotations

from typing import Any

from companion.core.i18n import N_, _

# --- where an item stands ------------------------------------------------------------------

PRIVATE = "private"
BRING = "bring"
SHARED = "shared"
STATES: tuple[str, ...] = (PRIVATE, BRING, SHARED)
# In English, marked for translation: show them with state_label() / state_hint() (or _(value)).
STATE_LABELS: dict[str, str] = {
    # Translators: where a piece of feedback or a topic stands: only the person can see it
    PRIVATE: N_("Just for me"),
    # Translators: where a piece of feedback or a topic stands: on the list for a coming session
    BRING: N_("Bring to session"),
    # Translators: where a piece of feedback or a topic stands: already told to the therapist
    SHARED: N_("Shared"),
}
STATE_HINTS: dict[str, str] = {
    PRIVATE: N_("Only you can see this. It stays here unless you choose otherwise."),
    BRING: N_("On your list for a coming session. You can still change your mind."),
    SHARED: N_("You shared this. If you like, note how it went."),
}

# Error sentences, in English: raise them translated, ValueError(_(NOTHING_TO_BRING)).
NOTHING_TO_BRING = N_("Write a few words first, so there's something to bring.")
NOTHING_TO_SHARE = N_("Write a few words first, so there's something to mark as shared.")
UNKNOWN_STATE = N_("Please choose: just for me, bring to session, or shared.")


def state_label(state: str) -> str:
    """Where an item stands, in the current language ("Bring to session")."""
    return _(STATE_LABELS.get(state, STATE_LABELS[PRIVATE]))


def state_hint(state: str) -> str:
    """One sentence on what that means for the item, in the current language."""
    return _(STATE_HINTS.get(state, STATE_HINTS[PRIVATE]))


def stored_state(value: Any) -> str:
    """Damaged or unknown states read as PRIVATE: bad data must never make something look shared."""
    return value if isinstance(value, str) and value in STATES else PRIVATE
