"""The plain record type every feature stores through the vault."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def now_us() -> int:
    return int(datetime.now(UTC).timestamp() * 1_000_000)


def to_datetime(us: int) -> datetime:
    return datetime.fromtimestamp(us / 1_000_000, tz=UTC)


def to_us(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return int(moment.timestamp() * 1_000_000)


def stored_number(value: Any) -> float | None:
    """A number read from a payload, or None where the person left it unset or it isn't one.

    Payloads come from older versions and from backups, so a strength may be missing, text or a
    boolean (JSON's true is not 1 here); callers decide what infinity and NaN mean for them.
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):  # an int too large for a float is no strength
        return None


@dataclass(frozen=True)
class Record:
    id: str
    kind: str
    created_us: int
    updated_us: int
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def created_at(self) -> datetime:
        return to_datetime(self.created_us)

    @property
    def updated_at(self) -> datetime:
        return to_datetime(self.updated_us)


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: keyset paging, so page N costs the same as page 1."""

    created_us: int
    id: str


@dataclass(frozen=True)
class Page:
    records: list[Record]
    unreadable: list[str]  # ids of rows that failed to decrypt; shown as "can't be read"
    next_cursor: Cursor | None
