"""Free-text journal entries and the drafts that protect them while typing."""

from __future__ import annotations

from dataclasses import dataclass

from companion.core.kind_ids import JOURNAL
from companion.core.records import Page, Record
from companion.core.textfit import shorten
from companion.vault.drafts import Drafts
from companion.vault.vault import Cursor, Vault

MAX_TITLE = 200


@dataclass(frozen=True)
class Entry:
    title: str
    body: str
    homework_id: str = ""  # set when the entry answers a writing prompt from a practice

    @classmethod
    def from_record(cls, record: Record) -> Entry:
        payload = record.payload
        return cls(
            str(payload.get("title", "")), str(payload.get("body", "")), str(payload.get("homework_id") or "")
        )

    def payload(self) -> dict[str, str]:
        data = {"title": self.title, "body": self.body}
        if self.homework_id:
            data["homework_id"] = self.homework_id
        return data

    @property
    def is_empty(self) -> bool:
        return not self.title.strip() and not self.body.strip()


def clean(title: str, body: str, homework_id: str = "") -> Entry:
    """Trim the edges only; what a person wrote inside stays exactly as written."""
    return Entry(" ".join(title.split())[:MAX_TITLE], body.replace("\r\n", "\n").strip("\n "), homework_id)


def display_title(entry: Entry, limit: int = 60) -> str:
    """A title for lists: the given one, else the first line of the text."""
    if entry.title.strip():
        return entry.title.strip()
    first = next((line.strip() for line in entry.body.splitlines() if line.strip()), "")
    if not first:
        return "Untitled entry"
    return shorten(first, limit)


def preview(entry: Entry, limit: int = 140) -> str:
    return shorten(entry.body, limit)


class Journal:
    """Entries and their autosaved drafts inside one unlocked vault."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.drafts = Drafts(vault, JOURNAL)

    def add(self, entry: Entry) -> Record:
        if entry.is_empty:
            raise ValueError("An empty entry isn't saved.")
        return self.vault.add(JOURNAL, entry.payload())

    def update(self, record_id: str, entry: Entry) -> Record:
        if entry.is_empty:
            raise ValueError("An empty entry isn't saved.")
        return self.vault.update(record_id, entry.payload())

    def delete(self, record_id: str) -> None:
        self.vault.delete(record_id)
        self.discard_draft(record_id)

    def get(self, record_id: str) -> Entry:
        return Entry.from_record(self.vault.get(record_id))

    def page(self, after: Cursor | None = None, limit: int = 30) -> Page:
        return self.vault.list_page([JOURNAL], after=after, limit=limit)

    def search(self, query: str, limit: int | None = 200) -> list[Record]:
        return self.vault.search(query, kinds=[JOURNAL], limit=limit)

    # --- drafts: one per target (a new entry, or an entry being edited) --------------------

    def find_draft(self, target: str | None) -> tuple[str, Entry] | None:
        """The draft for ``target`` (None = a new entry) as (draft record id, entry)."""
        found = self.drafts.find(target)
        if found is None:
            return None
        draft_id, content = found
        return draft_id, Entry(str(content.get("title", "")), str(content.get("body", "")))

    def save_draft(self, target: str | None, entry: Entry, draft_id: str | None = None) -> str:
        return self.drafts.save(target, entry.payload(), draft_id)

    def discard_draft(self, target: str | None, draft_id: str | None = None) -> None:
        self.drafts.discard(target, draft_id)
