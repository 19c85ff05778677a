"""Free-text journal entries and the drafts that protect them while typing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from companion.core.i18n import N_, _
from companion.core.kind_ids import JOURNAL
from companion.core.records import Record
from companion.core.textfit import shorten
from companion.kinds.base import DraftedStore

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
        return _("Untitled entry")
    return shorten(first, limit)


def preview(entry: Entry, limit: int = 140) -> str:
    return shorten(entry.body, limit)


class Journal(DraftedStore[Entry]):
    """Entries and their autosaved drafts inside one unlocked vault."""

    kind = JOURNAL
    empty_message = N_("An empty entry isn't saved.")

    def to_payload(self, value: Entry) -> dict[str, Any]:
        return value.payload()

    def from_record(self, record: Record) -> Entry:
        return Entry.from_record(record)

    def from_draft(self, content: dict[str, Any]) -> Entry:
        """A draft brings back the words; which practice an answer belongs to comes from the screen."""
        return Entry(str(content.get("title", "")), str(content.get("body", "")))

    def search(self, query: str, limit: int | None = 200) -> list[Record]:
        return self.vault.search(query, kinds=[JOURNAL], limit=limit)
