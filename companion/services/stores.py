"""Everything a screen may ask of an open journal, built once at unlock and dropped at lock.

Screens never hold a `Vault`: they get this bundle from the shell. Each record kind keeps its
own store; the few things that span kinds (the mixed timeline, keys, backups, the session
summary) are small services here, each bound to the same vault.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from companion.core.records import Cursor, Page, Record
from companion.export import backup, patterns, session_prep
from companion.kinds.breathing_log import BreathingLog
from companion.kinds.checkin import CheckIns
from companion.kinds.feedback import Feedback, bring_list
from companion.kinds.homework import Homeworks
from companion.kinds.journal import Journal
from companion.kinds.reflection import Reflections
from companion.kinds.sessions import Sessions
from companion.kinds.settings import Settings
from companion.kinds.topics import Topics
from companion.vault.vault import Vault

# Browser tests prove the error policy by breaking one store method on purpose, e.g.
# COMPANION_TEST_FAULTS=journal.add. Unset (always, outside tests) it changes nothing.
FAULTS_ENV = "COMPANION_TEST_FAULTS"


class Records:
    """Reading across kinds: the timeline, search, and putting a just-deleted record back."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def page(self, kinds: Iterable[str], after: Cursor | None = None, limit: int = 30) -> Page:
        return self._vault.list_page(list(kinds), after=after, limit=limit)

    def search(self, query: str, kinds: Iterable[str], limit: int | None = 200) -> list[Record]:
        return self._vault.search(query, list(kinds), limit)

    def get(self, record_id: str) -> Record:
        return self._vault.get(record_id)

    def put_back(self, record: Record) -> None:
        """Undo a delete: the very same record (id and dates) returns where it was."""
        self._vault.import_records([record])

    def update_payload(self, record_id: str, payload: dict[str, Any]) -> Record:
        return self._vault.update(record_id, payload)

    def warm_search(self) -> None:
        self._vault.warm_search()


class Keys:
    """The passphrase, the recovery code, and the device key of fingerprint or face unlock.

    Every change of the passphrase or the recovery code removes the device wrap in the same
    header write (vault.NO_DEVICE_WRAP); ``after_revoke`` then lets the shell delete the key
    kept on the phone as well (services/device_unlock.py).
    """

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self.after_revoke: Callable[[], object] | None = None

    def _revoked(self) -> None:
        if self.after_revoke is not None:
            self.after_revoke()

    def change_passphrase(self, current: str, new: str) -> None:
        self._vault.change_passphrase(current, new)
        self._revoked()

    def rekey(self, current: str, new: str) -> str | None:
        """A new key inside and every record sealed again; returns the new recovery code, if any."""
        code = self._vault.rekey(current, new)
        self._revoked()
        return code

    def verify(self, passphrase: str) -> None:
        """Raise `WrongPassphrase` unless ``passphrase`` opens this journal (the wait applies)."""
        Vault.unlock(self._vault.path, passphrase).lock()

    @property
    def opened_with_recovery(self) -> bool:
        """The journal was opened with the recovery code: a new passphrase needs no old one."""
        return self._vault.opened_with_recovery

    def replace_forgotten_passphrase(self, new: str) -> str:
        """Only after a recovery-code unlock: a new passphrase, and a new code to show once."""
        code = self._vault.replace_forgotten_passphrase(new)
        self._revoked()
        return code

    def new_recovery_code(self, passphrase: str) -> str:
        """A new code, which cancels the old one; only for someone who knows the passphrase."""
        self.verify(passphrase)
        code = self._vault.new_recovery_code()
        self._revoked()
        return code

    # --- fingerprint or face (services/device_unlock.py) ---------------------------------

    @property
    def opened_with_device(self) -> bool:
        return self._vault.opened_with_device

    def enable_device_unlock(self, passphrase: str, secret: bytes, *, boot_us: int | None) -> str:
        """Add the device wrap (after checking the passphrase); returns its id."""
        return self._vault.enable_device_unlock(passphrase, secret, boot_us=boot_us)

    def disable_device_unlock(self) -> None:
        self._vault.disable_device_unlock()

    def device_unlock_key_id(self) -> str | None:
        return self._vault.device_unlock_key_id()

    def confirm_passphrase_typed(self, *, boot_us: int | None) -> None:
        self._vault.confirm_passphrase_typed(boot_us=boot_us)


class Backups:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def export(self, passphrase: str) -> bytes:
        return backup.export_backup(self._vault, passphrase)

    def preview(self, data: bytes, passphrase: str) -> backup.RestorePlan:
        """Open and check a backup, and say what restoring it would do; writes nothing."""
        return backup.preview_restore(self._vault, backup.read_backup_contents(data, passphrase))

    def apply(self, plan: backup.RestorePlan, replace_changed: bool = False) -> backup.RestoreResult:
        """Write a plan the person confirmed; entries here change only with ``replace_changed``."""
        return backup.apply_restore(self._vault, plan, replace_changed=replace_changed)


class SessionPrep:
    """What the summary screen and the session card read."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def load_records(self, stretch: session_prep.Stretch) -> list[Record]:
        return session_prep.load_records(self._vault, stretch)

    def load_patterns(self, stretch: session_prep.Stretch) -> list[Record]:
        """Only what the Patterns screen counts (practices, check-ins, breathing pauses)."""
        return patterns.load_records(self._vault, stretch)

    def bring_list(self) -> Any:
        return bring_list(self._vault)


@dataclass
class Stores:
    journal: Journal
    checkins: CheckIns
    feedback: Feedback
    topics: Topics
    reflections: Reflections
    sessions: Sessions
    breathing: BreathingLog
    homework: Homeworks
    settings: Settings
    records: Records
    keys: Keys
    backups: Backups
    session_prep: SessionPrep
    _vault: Vault

    @classmethod
    def open(cls, vault: Vault) -> Stores:
        """Bind every store to ``vault`` (reads the settings record, so call it off the UI thread)."""
        return cls(
            journal=Journal(vault),
            checkins=CheckIns(vault),
            feedback=Feedback(vault),
            topics=Topics(vault),
            reflections=Reflections(vault),
            sessions=Sessions(vault),
            breathing=BreathingLog(vault),
            homework=Homeworks(vault),
            settings=Settings(vault),
            records=Records(vault),
            keys=Keys(vault),
            backups=Backups(vault),
            session_prep=SessionPrep(vault),
            _vault=vault,
        )._with_faults(os.environ.get(FAULTS_ENV, ""))

    def _with_faults(self, spec: str) -> Stores:
        for item in filter(None, (part.strip() for part in spec.split(","))):
            store_name, _, method = item.partition(".")
            store = getattr(self, store_name)
            getattr(store, method)  # a misspelt fault fails loudly instead of testing nothing

            def broken(*_args: object, _what: str = item, **_kwargs: object) -> None:
                raise RuntimeError(f"fault injected for a test: {_what}")

            setattr(store, method, broken)
        return self

    def reload_settings(self) -> Settings:
        """Read the settings record again (a restore into a journal without settings brings some)."""
        self.settings = Settings(self._vault)
        return self.settings

    @property
    def is_open(self) -> bool:
        return not self._vault.is_locked

    def close(self) -> None:
        """Drop the key: every store above stops working at once."""
        self._vault.lock()
