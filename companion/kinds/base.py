"""One store for every record kind: add, update, delete, get, page, and drafts.

Each kind's store used to write the same dozen methods over the vault. They live here once, so a
rule that matters for every kind holds for every kind: an id of another kind is never read,
overwritten or deleted as one of ours (`RecordNotFound` instead), and an empty value is refused
with the kind's own sentence before anything is written.

A kind's store names its `kind`, says how a value becomes a payload and back (`to_payload`,
`from_payload`, or `from_record` when the record's id or time matter), and, if it needs more than
"refuse empty values", how a value is checked (`checked`). Kinds with autosaved drafts use
`DraftedStore`, which also drops an item's drafts when the item is deleted.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from companion.core.errors import RecordNotFound
from companion.core.i18n import _
from companion.core.records import Cursor, Page, Record
from companion.vault.drafts import Drafts
from companion.vault.vault import Vault

T = TypeVar("T")


class RecordStore(Generic[T]):
    """The records of one kind inside one unlocked vault, as values of type ``T``."""

    kind: ClassVar[str]
    # The sentence a person reads when they save an empty value; "" means every value may be saved.
    # English, marked with N_() by each kind; translated with _() when it is shown.
    empty_message: ClassVar[str] = ""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    # --- hooks: how a value is stored and read back ------------------------------------------

    def to_payload(self, value: T) -> dict[str, Any]:
        return value.to_payload()  # type: ignore[attr-defined]

    def from_payload(self, payload: Any) -> T:
        raise NotImplementedError(f"{type(self).__name__} reads its records with from_record")

    def from_record(self, record: Record) -> T:
        return self.from_payload(record.payload)

    def is_empty(self, value: T) -> bool:
        return bool(getattr(value, "is_empty", False))

    def checked(self, value: T) -> T:
        """The value as it will be stored, or ValueError with a sentence the screen can show."""
        if self.empty_message and self.is_empty(value):
            raise ValueError(_(self.empty_message))
        return value

    # --- reading -----------------------------------------------------------------------------

    def _own(self, record_id: str) -> Record:
        """The record, if it is of this kind: an id from elsewhere is never touched."""
        record = self.vault.get(record_id)
        if record.kind != self.kind:
            raise RecordNotFound(record_id)
        return record

    def _pair(self, record_id: str) -> tuple[Record, T]:
        record = self._own(record_id)
        return record, self.from_record(record)

    def get(self, record_id: str) -> T:
        return self.from_record(self._own(record_id))

    def page(self, after: Cursor | None = None, limit: int = 30) -> Page:
        """Newest first (by the record's clear creation time), ``limit`` at a time."""
        return self.vault.list_page([self.kind], after=after, limit=limit)

    def pairs(self) -> list[tuple[Record, T]]:
        """Every readable record of this kind with its value, newest first."""
        return [(record, self.from_record(record)) for record in self.vault.iter_all([self.kind])]

    # --- writing -----------------------------------------------------------------------------

    def add(self, value: T) -> Record:
        return self._insert(value)

    def _insert(self, value: T, *, created_us: int | None = None) -> Record:
        """Check and store a new value; the vault stamps the write time unless told otherwise."""
        return self.vault.add(self.kind, self.to_payload(self.checked(value)), created_us=created_us)

    def update(self, record_id: str, value: T) -> Record:
        value = self.checked(value)
        self._own(record_id)
        return self._write(record_id, value)

    def _write(self, record_id: str, value: T) -> Record:
        """Store ``value`` over a record already known to be ours."""
        return self.vault.update(record_id, self.to_payload(value))

    def delete(self, record_id: str) -> None:
        self._own(record_id)
        self.vault.delete(record_id)


class DraftedStore(RecordStore[T]):
    """A store whose values are autosaved as encrypted drafts while someone types.

    One draft per target: None for a new item, or the id of the item being edited.
    """

    def __init__(self, vault: Vault) -> None:
        super().__init__(vault)
        self.drafts = Drafts(vault, self.kind)

    def from_draft(self, content: dict[str, Any]) -> T:
        return self.from_payload(content)

    def delete(self, record_id: str) -> None:
        """The item and any draft of edits to it: nothing of a deleted item is picked up again."""
        super().delete(record_id)
        self.drafts.discard(record_id)

    def find_draft(self, target: str | None) -> tuple[str, T] | None:
        """The draft for ``target`` as (draft record id, value), if there is one."""
        found = self.drafts.find(target)
        return None if found is None else (found[0], self.from_draft(found[1]))

    def save_draft(self, target: str | None, value: T, draft_id: str | None = None) -> str:
        """Create or replace the draft; returns its id for the next autosave."""
        return self.drafts.save(target, self.to_payload(value), draft_id)

    def discard_draft(self, target: str | None, draft_id: str | None = None) -> None:
        self.drafts.discard(target, draft_id)
