"""Small preferences kept inside the vault (so they are encrypted like everything else)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from companion.core.i18n import N_, _
from companion.core.kind_ids import SETTINGS

if TYPE_CHECKING:  # the first screen reads reminder settings' shape without loading storage
    from companion.vault.vault import Vault


@dataclass(frozen=True)
class CrisisLine:
    name: str
    number: str
    note: str = ""


# Neutral defaults shown before unlocking and until the client edits them. Numbers
# differ by country, so we lead with the universal advice and two widely valid lines.
# English here; `default_crisis_lines()` gives them in the current language when shown.
DEFAULT_CRISIS_LINES: tuple[CrisisLine, ...] = (
    CrisisLine(
        # Translators: a crisis line's name (112)
        N_("Emergency services (Europe and many countries)"),
        "112",
        # Translators: a note beside a crisis number: calling costs nothing, from any phone
        N_("Free, any phone"),
    ),
    # Translators: a crisis line's name (911)
    CrisisLine(N_("Emergency services (US and Canada)"), "911", ""),
    CrisisLine(
        # Translators: a crisis line's name (988)
        N_("Suicide and crisis line (US)"),
        "988",
        # Translators: a note beside a crisis number
        N_("Call or text, any time"),
    ),
)


def default_crisis_lines() -> list[CrisisLine]:
    """The general numbers in the current language: shown until the person saves their own."""
    return [
        CrisisLine(_(line.name), line.number, _(line.note) if line.note else "")  # _("") is not ""
        for line in DEFAULT_CRISIS_LINES
    ]


class Settings:
    """One encrypted settings record, read once and written whole."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._id: str | None = None
        self._data: dict[str, Any] = {}
        self._lock = threading.Lock()  # saves come from worker threads; one record, written whole
        page = vault.list_page([SETTINGS], limit=1)
        if page.records:
            self._id = page.records[0].id
            self._data = dict(page.records[0].payload)

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def set(self, key: str, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            if self._id is None:
                self._id = self.vault.add(SETTINGS, dict(self._data)).id
            else:
                self.vault.update(self._id, dict(self._data))

    def crisis_lines(self) -> list[CrisisLine]:
        """The person's numbers exactly as they saved them; until then the defaults, translated."""
        stored = self.get("crisis_lines")
        if stored is None:
            return default_crisis_lines()
        return [
            CrisisLine(str(i.get("name", "")), str(i.get("number", "")), str(i.get("note", "")))
            for i in stored
        ]

    def set_crisis_lines(self, lines: list[CrisisLine]) -> None:
        self.set(
            "crisis_lines",
            [
                {"name": ln.name, "number": ln.number, "note": ln.note}
                for ln in lines
                if ln.name.strip() or ln.number.strip()
            ],
        )
