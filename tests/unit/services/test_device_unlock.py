"""Unlock with fingerprint or face, end to end over a real journal, with a fake phone.

The phone is `FakeAuthenticator` (scripted answers) and `MemorySecureStore` (its Keystore /
Keychain); the journal, its header and every rule are the real ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE, create_vault
from conftest import run_async as run

from companion.adapters.biometrics import Check, FakeAuthenticator
from companion.adapters.secure_store import ENTRY, MemorySecureStore
from companion.core import i18n
from companion.core.errors import DeviceUnlockNotTurnedOn, PassphraseNeeded, WrongPassphrase
from companion.kinds.journal import Entry, Journal
from companion.services import access
from companion.services.device_unlock import DeviceUnlock, StoredKey
from companion.services.stores import Stores
from companion.vault import vault as vault_module
from companion.vault.vault import DEVICE_MAX_FAILURES, Vault

NEW_PASSPHRASE = "another long passphrase"
BOOT = 1_700_000_000.0


class Phone:
    """One fake phone: its sensor, its secure store and when it last started."""

    def __init__(self) -> None:
        self.auth = FakeAuthenticator()
        self.store = MemorySecureStore()
        self.started = BOOT
        self.device = DeviceUnlock(self.store, self.auth, boot=lambda: self.started)

    def answers(self, *answers: Check) -> Phone:
        self.auth.answers = list(answers)
        return self


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[tuple[Path, Stores]]:
    vault = create_vault(tmp_path)
    stores = Stores.open(vault)
    Journal(vault).add(Entry("A private line", "kept safe"))
    yield vault.path, stores
    stores.close()


def enable(phone: Phone, stores: Stores) -> None:
    phone.answers(Check.CONFIRMED)
    run(phone.device.enable(stores, TEST_PASSPHRASE))


def unlock(phone: Phone, path: Path, *answers: Check) -> Stores | None:
    phone.answers(*answers)
    return run(phone.device.unlock(path))


def header(path: Path, column: str):
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT {column} FROM vault_header").fetchone()[0]


def refused(phone: Phone, path: Path, *answers: Check) -> str:
    with pytest.raises(PassphraseNeeded) as caught:
        unlock(phone, path, *answers)
    return caught.value.reason


# --- turning it on, using it, turning it off -----------------------------------------------


def test_enable_then_unlock_with_a_fingerprint(journal) -> None:
    path, stores = journal
    phone = Phone()
    assert run(phone.device.status(path)).reason == "off"
    enable(phone, stores)
    stored = StoredKey.decode(phone.store.values[ENTRY])
    assert stored is not None and stored.key_id == header(path, "device_key_id")
    assert run(phone.device.is_enabled(stores))
    stores.close()

    assert run(phone.device.status(path)).usable
    opened = unlock(phone, path, Check.CONFIRMED)
    assert opened is not None and opened.keys.opened_with_device
    assert [e.title for _r, e in opened.journal.pairs()] == ["A private line"]
    opened.close()
    assert phone.auth.reasons[-1] == "Open your Companion journal"


def speaking(language: str, coro):
    """Run ``coro`` as a page speaking ``language`` would (the language travels with the task)."""

    async def spoken():
        with i18n.use(language):
            return await coro

    return spoken()


def test_the_phones_question_speaks_the_journals_language(journal) -> None:
    path, stores = journal
    phone = Phone().answers(Check.CONFIRMED)
    run(speaking("de", phone.device.enable(stores, TEST_PASSPHRASE)))
    stores.close()
    phone.answers(Check.CONFIRMED)
    opened = run(speaking("es", phone.device.unlock(path)))
    assert opened is not None
    opened.close()
    assert phone.auth.reasons == [
        "Bestätige, dass du es bist, um das Entsperren mit Fingerabdruck oder Gesicht einzuschalten",
        "Abrir tu diario de Companion",
    ]


def test_the_key_on_the_phone_is_random_and_never_the_passphrase(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    text = phone.store.values[ENTRY]
    assert TEST_PASSPHRASE not in text
    stored = StoredKey.decode(text)
    assert stored is not None and len(stored.secret) == 32


def test_closing_the_dialog_changes_nothing(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    assert unlock(phone, path, Check.CANCELLED) is None
    assert header(path, "device_failures") == 0
    opened = unlock(phone, path, Check.CONFIRMED)
    assert opened is not None
    opened.close()


def test_disable_removes_the_wrap_and_the_key_on_the_phone(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    old = StoredKey.decode(phone.store.values[ENTRY])
    run(phone.device.disable(stores))
    assert ENTRY not in phone.store.values
    assert header(path, "device_wrapped_key") is None and header(path, "device_key_id") is None
    stores.close()
    assert refused(phone, path, Check.CONFIRMED) == "off"
    assert phone.auth.reasons == ["Confirm it's you to turn on fingerprint or face unlock"]  # never asked
    # even a copy of the old key opens nothing now
    with pytest.raises(PassphraseNeeded):
        Vault.unlock_with_device(path, old.key_id, old.secret, boot_us=int(BOOT * 1e6))


def test_turning_on_needs_the_passphrase_and_the_phones_yes(journal) -> None:
    path, stores = journal
    phone = Phone().answers(Check.CONFIRMED)
    with pytest.raises(WrongPassphrase):
        run(phone.device.enable(stores, "not the passphrase"))
    phone.answers(Check.CANCELLED)
    with pytest.raises(DeviceUnlockNotTurnedOn):
        run(phone.device.enable(stores, TEST_PASSPHRASE))
    assert phone.store.values == {} and header(path, "device_wrapped_key") is None


def test_a_phone_that_cannot_keep_the_key_leaves_it_off(journal) -> None:
    path, stores = journal
    phone = Phone()
    phone.store.broken = True
    phone.answers(Check.CONFIRMED)
    with pytest.raises(DeviceUnlockNotTurnedOn) as caught:
        run(phone.device.enable(stores, TEST_PASSPHRASE))
    assert caught.value.reason == "not_kept"
    assert header(path, "device_wrapped_key") is None  # the wrap made a moment ago is gone again


# --- everything that revokes it ---------------------------------------------------------


def wired(stores: Stores, phone: Phone) -> list[str]:
    """As the shell wires it: a revocation in a worker thread removes the key on the phone."""
    calls: list[str] = []

    def after_revoke() -> None:
        calls.append("revoked")
        phone.store.values.pop(ENTRY, None)  # what `DeviceUnlock.forget` does, synchronously here

    stores.keys.after_revoke = after_revoke
    return calls


@pytest.mark.parametrize(
    "change",
    [
        lambda keys: keys.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE),
        lambda keys: keys.rekey(TEST_PASSPHRASE, NEW_PASSPHRASE),
        lambda keys: keys.new_recovery_code(TEST_PASSPHRASE),
    ],
    ids=["passphrase change", "full re-key", "new recovery code"],
)
def test_passphrase_and_recovery_changes_revoke_it(journal, change) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    old = StoredKey.decode(phone.store.values[ENTRY])
    calls = wired(stores, phone)
    change(stores.keys)
    assert calls == ["revoked"] and ENTRY not in phone.store.values
    assert header(path, "device_wrapped_key") is None and header(path, "device_salt") is None
    stores.close()
    with pytest.raises(PassphraseNeeded) as caught:  # the old key, had anyone kept a copy
        Vault.unlock_with_device(path, old.key_id, old.secret, boot_us=int(BOOT * 1e6))
    assert caught.value.reason == "off"


def test_a_forgotten_passphrase_replaced_after_the_recovery_code_revokes_it(tmp_path: Path) -> None:
    vault, code = Vault.create(tmp_path / "journal.sqlite", TEST_PASSPHRASE)
    stores = Stores.open(vault)
    phone = Phone()
    enable(phone, stores)
    stores.close()
    recovered = access.unlock(vault.path, code, recovery=True)
    wired(recovered, phone)
    recovered.keys.replace_forgotten_passphrase(NEW_PASSPHRASE)
    recovered.close()
    assert header(vault.path, "device_wrapped_key") is None and ENTRY not in phone.store.values


def test_delete_everything_removes_the_key_on_the_phone(journal) -> None:
    """The shell calls `forget` before the files go (ui/shell/phone.py tests the order)."""
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    run(phone.device.forget())
    assert phone.store.values == {} and phone.store.deleted == [ENTRY]


# --- when the passphrase is needed all the same -------------------------------------------


def test_the_failure_limit_turns_it_off_and_the_passphrase_still_works(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    for _ in range(DEVICE_MAX_FAILURES - 1):
        assert refused(phone, path, Check.FAILED) == "missed"
    assert ENTRY in phone.store.values
    assert refused(phone, path, Check.FAILED) == "failures"
    assert ENTRY not in phone.store.values and header(path, "device_wrapped_key") is None
    asked = len(phone.auth.reasons)
    assert refused(phone, path, Check.CONFIRMED) == "off"
    assert len(phone.auth.reasons) == asked  # no more fingerprint dialogs
    Vault.unlock(path, TEST_PASSPHRASE).lock()


def test_misses_are_kept_in_the_file_and_a_success_clears_them(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    for _ in range(3):
        refused(phone, path, Check.FAILED)
    assert header(path, "device_failures") == 3
    restarted_app = Phone()  # a new process, the same phone and store
    restarted_app.store = phone.store
    restarted_app.device.store = phone.store
    refused(restarted_app, path, Check.FAILED)
    assert header(path, "device_failures") == 4
    opened = unlock(restarted_app, path, Check.CONFIRMED)
    assert opened is not None and header(path, "device_failures") == 0
    opened.close()


def test_a_closed_dialog_or_a_busy_sensor_is_not_a_miss(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    assert unlock(phone, path, Check.CANCELLED) is None
    assert refused(phone, path, Check.UNAVAILABLE) == "unavailable"
    assert header(path, "device_failures") == 0


def test_after_the_phone_restarts_the_passphrase_comes_first(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    phone.started += 3600  # the phone was switched off and on an hour later
    assert refused(phone, path, Check.CONFIRMED) == "restart"
    assert len(phone.auth.reasons) == 1  # no fingerprint dialog for nothing
    assert ENTRY in phone.store.values  # still on: it works again after the passphrase
    opened = access.unlock(path, TEST_PASSPHRASE)
    run(phone.device.after_passphrase_unlock(opened))
    opened.close()
    again = unlock(phone, path, Check.CONFIRMED)
    assert again is not None
    again.close()


def test_a_little_clock_drift_is_not_a_restart(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    phone.started += 90  # the wall clock was corrected by a minute and a half
    opened = unlock(phone, path, Check.CONFIRMED)
    assert opened is not None
    opened.close()


def test_a_phone_that_cannot_tell_its_start_always_asks_for_the_passphrase(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    phone.device._boot = lambda: None
    assert refused(phone, path, Check.CONFIRMED) == "restart"


def test_a_week_after_the_passphrase_it_is_asked_for_once(journal, monkeypatch) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    real_now = vault_module.now_us
    week_and_a_bit = 7 * 24 * 3600 * 1_000_000 + 60_000_000
    monkeypatch.setattr(vault_module, "now_us", lambda: real_now() + week_and_a_bit)
    assert refused(phone, path, Check.CONFIRMED) == "expired"
    opened = access.unlock(path, TEST_PASSPHRASE)
    run(phone.device.after_passphrase_unlock(opened))  # typed: the week starts again
    opened.close()
    again = unlock(phone, path, Check.CONFIRMED)
    assert again is not None
    again.close()
    monkeypatch.setattr(vault_module, "now_us", lambda: real_now() - 3600 * 1_000_000)
    assert refused(phone, path, Check.CONFIRMED) == "expired"  # a clock set back doesn't help


# --- tampering ---------------------------------------------------------------------------


def flip_last_byte(path: Path, column: str) -> None:
    with sqlite3.connect(path) as con:
        value = bytearray(con.execute(f"SELECT {column} FROM vault_header").fetchone()[0])
        value[-1] ^= 0x01
        con.execute(f"UPDATE vault_header SET {column} = ?", (bytes(value),))


@pytest.mark.parametrize("column", ["device_wrapped_key", "device_salt"])
def test_a_tampered_device_wrap_is_refused_and_removed(journal, column: str) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    flip_last_byte(path, column)
    assert refused(phone, path, Check.CONFIRMED) == "refused"
    assert header(path, "device_wrapped_key") is None and ENTRY not in phone.store.values
    Vault.unlock(path, TEST_PASSPHRASE).lock()  # the passphrase is untouched


def test_a_wrap_moved_to_another_id_is_refused(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    stored = StoredKey.decode(phone.store.values[ENTRY])
    forged = "0" * 16
    with sqlite3.connect(path) as con:
        con.execute("UPDATE vault_header SET device_key_id = ?", (forged,))
    phone.store.values[ENTRY] = StoredKey(forged, stored.secret).encode()
    assert refused(phone, path, Check.CONFIRMED) == "refused"  # the id is bound into the wrap


def test_a_key_kept_for_an_older_wrap_opens_nothing(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    old = phone.store.values[ENTRY]
    run(phone.device.disable(stores))
    enable(phone, stores)
    stores.close()
    phone.store.values[ENTRY] = old
    assert refused(phone, path, Check.CONFIRMED) == "refused"


def test_a_phone_that_lost_its_key_goes_back_to_the_passphrase(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    phone.store.values.clear()  # e.g. Android reset its Keystore after a security update
    assert refused(phone, path, Check.CONFIRMED) == "refused"
    assert header(path, "device_wrapped_key") is None


@pytest.mark.parametrize(
    "text",
    [None, "", "not json", '{"v": 2, "id": "x", "key": "AAAA"}', '{"v": 1, "id": "x", "key": "AAAA"}', "[]"],
)
def test_stored_keys_that_are_not_ours_read_as_missing(text) -> None:
    assert StoredKey.decode(text) is None


def test_the_passphrase_path_is_unchanged_by_the_device_wrap(journal) -> None:
    path, stores = journal
    phone = Phone()
    enable(phone, stores)
    stores.close()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(path, "not the passphrase")
    assert header(path, "unlock_failures") == 1  # the passphrase's own brake, as before
    opened = Vault.unlock(path, TEST_PASSPHRASE)
    assert not opened.opened_with_device
    opened.lock()
    assert header(path, "unlock_failures") == 0
