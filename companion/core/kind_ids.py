"""Every record kind, named once.

A record's kind is stored in the clear next to its ciphertext and is part of the data it is
sealed with (SECURITY.md), so these strings are a file format: changing one makes every stored
record of that kind unreadable. Each module that needs a kind imports it from here, so a typo
can't quietly make a second kind, and a new kind is added in one place
(docs/architecture.md, "A new record kind").
"""

from __future__ import annotations

CHECKIN = "checkin"
JOURNAL = "journal"
FEEDBACK = "feedback"
TOPIC = "topic"
SESSION = "session"
REFLECTION = "reflection"
BREATHING = "breathing"
HOMEWORK = "homework"
DRAFT = "draft"  # work in progress of any kind (vault/drafts.py); says which kind inside
SETTINGS = "settings"  # the one record of small preferences

ALL: tuple[str, ...] = (
    CHECKIN,
    JOURNAL,
    FEEDBACK,
    TOPIC,
    SESSION,
    REFLECTION,
    BREATHING,
    HOMEWORK,
    DRAFT,
    SETTINGS,
)
