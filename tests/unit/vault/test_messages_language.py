"""What the journal and its backups tell a person is said in the session's language.

A `CompanionError` is written in the language of the moment it is raised, and the UI shows it as
it is (`companion.ui.shell.errors.report`): so an error raised while the app speaks German reads
in German all the way to the screen. Restore summaries and the command line follow the same rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from companion import cli
from companion.core import i18n
from companion.core.errors import (
    BackupDamaged,
    BackupWrongPassphrase,
    CompanionError,
    VaultDamaged,
    WrongPassphrase,
)
from companion.export.backup import RestorePlan, RestoreResult, pack_backup, read_backup
from companion.ui.shell.errors import report
from companion.vault import crypto
from companion.vault.vault import Vault

PW = "a long test passphrase"
FAST = crypto.KdfParams(memory_kib=64, iterations=1, lanes=1)  # tests only: cheap to derive

# Words each message must hold in each language (so a missing translation, which falls back to
# English, fails), and English that must be gone.
WORDS = {
    "de": {
        "journal": ("Passphrase", "Tagebuch", "nichts verändert"),
        "damaged": ("Tagebuch", "beschädigt"),
        "backup": ("Passphrase", "Sicherung", "nichts verändert"),
        "backup_damaged": ("keine Companion-Sicherung", "nichts verändert"),
    },
    "es": {
        "journal": ("frase de contraseña", "diario", "No se ha cambiado nada"),
        "damaged": ("diario", "dañado"),
        "backup": ("frase de contraseña", "copia de seguridad", "No se ha cambiado nada"),
        "backup_damaged": ("no es una copia de seguridad", "No se ha cambiado nada"),
    },
}
ENGLISH = ("passphrase doesn't", "journal", "backup", "Nothing was changed", "damaged")


class FakeShell:
    def __init__(self) -> None:
        self.toasts: list[str] = []

    def toast(self, message: str) -> None:
        self.toasts.append(message)


def _reads_in(language: str, which: str, exc: CompanionError) -> None:
    for word in WORDS[language][which]:
        assert word in str(exc), (language, which, str(exc))
    for english in ENGLISH:
        assert english not in str(exc), (language, which, str(exc))
    shell = FakeShell()
    with i18n.use("en"):  # shown later, even in another language's code path: as it was raised
        report(shell, exc)
    assert shell.toasts == [str(exc)]


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """A fresh journal each time: a wrong passphrase makes the next try on the same file wait."""
    path = tmp_path / "journal.sqlite"
    vault, _code = Vault.create(path, PW, with_recovery_code=False)
    vault.lock()
    return path


@pytest.mark.parametrize("language", ["de", "es"])
def test_a_wrong_passphrase_for_the_journal_reads_in_the_language(journal: Path, language: str) -> None:
    with i18n.use(language), pytest.raises(WrongPassphrase) as err:
        Vault.unlock(journal, "not the right passphrase " + language)
    _reads_in(language, "journal", err.value)


@pytest.mark.parametrize("language", ["de", "es"])
def test_a_damaged_journal_reads_in_the_language(tmp_path: Path, language: str) -> None:
    path = tmp_path / "journal.sqlite"
    path.write_bytes(b"this is not a journal at all " * 200)
    with i18n.use(language), pytest.raises(VaultDamaged) as err:
        Vault.unlock(path, PW)
    _reads_in(language, "damaged", err.value)


@pytest.mark.parametrize("language", ["de", "es"])
def test_a_wrong_backup_passphrase_reads_in_the_language(language: str) -> None:
    data = pack_backup([], PW, kdf=FAST)
    with i18n.use(language), pytest.raises(BackupWrongPassphrase) as err:
        read_backup(data, "another long passphrase")
    _reads_in(language, "backup", err.value)


@pytest.mark.parametrize("language", ["de", "es"])
@pytest.mark.parametrize("damage", ["not a backup", "cut short", "one byte changed"])
def test_a_damaged_backup_reads_in_the_language(language: str, damage: str) -> None:
    data = pack_backup([], PW, kdf=FAST)
    broken = {
        "not a backup": b"%PDF-1.7 definitely not a backup",
        "cut short": data[: len(data) // 2],
        "one byte changed": data[:-1] + bytes([data[-1] ^ 1]),
    }[damage]
    with i18n.use(language), pytest.raises(BackupDamaged) as err:
        read_backup(broken, PW)
    _reads_in(language, "backup_damaged", err.value)


def test_the_same_error_in_english_is_unchanged(journal: Path) -> None:
    with pytest.raises(WrongPassphrase) as err:
        Vault.unlock(journal, "not the right passphrase en")
    assert str(err.value) == (
        "That passphrase doesn't open this journal. Nothing was changed - take your time and try again."
    )


def test_restore_summaries_read_in_german_and_spanish() -> None:
    result = RestoreResult(added=3, already_there=2, updated=1, kept_yours=1, left_out=2)
    plan = RestorePlan(to_add=(), to_change=(), already_there=0, left_out=1)
    with i18n.use("de"):
        assert result.message == (
            "Wiederhergestellt: 3 Einträge hinzugefügt und 1 aktualisiert; 2 waren schon da. "
            "1 Eintrag in deinem Tagebuch ist anders als in der Sicherung; deine Fassung wurde behalten. "
            "2 Einträge aus der Sicherung ließen sich nicht lesen und wurden weggelassen. "
            "In deinem Tagebuch ist nichts verloren gegangen."
        )
        assert plan.message == (
            "In dieser Sicherung ist nichts Neues. 1 Eintrag ließ sich nicht lesen und wird weggelassen."
        )
        assert RestoreResult(1, 1, 0).message == "Wiederhergestellt: 1 Eintrag hinzugefügt; 1 war schon da."
    with i18n.use("es"):
        assert result.message.startswith("Copia recuperada: 3 elementos más en tu diario")
        assert "2 ya estaban aquí." in result.message
        assert "se quedó tu versión" in result.message
        assert RestoreResult(0, 0, 0).message == (
            "No hacía falta añadir nada: todo lo de esta copia ya está en tu diario."
        )
        assert plan.message.startswith("Esta copia de seguridad no tiene nada nuevo que añadir.")
    # English, each count with its own grammar
    assert result.message == (
        "Restored: 3 items added and 1 brought up to date; 2 were already here. "
        "1 item in your journal differs from the backup; your version was kept. "
        "2 items in the backup couldn't be read and were left out. Nothing in your journal was lost."
    )


def test_the_command_line_help_speaks_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    with i18n.use("de"), pytest.raises(SystemExit):
        cli.parse_args(["--help"])
    out = capsys.readouterr().out
    assert "ein geschützter Ort für die Zeit zwischen den Therapiestunden" in out
    assert "Passphrase: demo journal" in out  # the demo's passphrase is the same in every language
    with pytest.raises(SystemExit):
        cli.parse_args(["--help"])
    assert "a private space for the time between therapy sessions" in capsys.readouterr().out


def test_one_second_and_one_item_read_as_one() -> None:
    from companion.core.errors import TryAgainLater

    assert str(TryAgainLater(1)) == "Please wait 1 more second before trying again."
    assert str(TryAgainLater(3)) == "Please wait 3 more seconds before trying again."
    with i18n.use("de"):
        assert str(TryAgainLater(1)) == "Bitte warte noch 1 Sekunde, bevor du es noch einmal versuchst."
