"""Encrypted drafts: work in progress that survives a crash, a lock or a closed tab.

One draft per (kind, target): target is None for a new record, or the id of the
record being edited, so editing two things never mixes their drafts.
"""

from __future__ import annotations

from typing import Any

from companion.core.errors import RecordNotFound
from companion.core.kind_ids import DRAFT
from companion.vault.vault import Vault


class Drafts:
    def __init__(self, vault: Vault, for_kind: str) -> None:
        self.vault = vault
        self.for_kind = for_kind

    def find(self, target: str | None) -> tuple[str, dict[str, Any]] | None:
        """(draft id, saved content) for ``target``, if there is one."""
        for record in self.vault.iter_all([DRAFT]):
            if record.payload.get("for_kind") == self.for_kind and record.payload.get("target") == target:
                return record.id, dict(record.payload.get("content", {}))
        return None

    def save(self, target: str | None, content: dict[str, Any], draft_id: str | None = None) -> str:
        """Create or replace the draft; returns its id for the next autosave."""
        payload = {"for_kind": self.for_kind, "target": target, "content": content}
        if draft_id is not None:
            try:
                return self.vault.update(draft_id, payload).id
            except RecordNotFound:
                pass
        existing = self.find(target)
        if existing is not None:
            return self.vault.update(existing[0], payload).id
        return self.vault.add(DRAFT, payload).id

    def discard(self, target: str | None, draft_id: str | None = None) -> None:
        if draft_id is not None:
            try:
                self.vault.delete(draft_id)
            except RecordNotFound:
                pass
        while (existing := self.find(target)) is not None:
            self.vault.delete(existing[0])
