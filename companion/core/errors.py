"""Errors the vault raises, each carrying a message we can show a person as-is.

The UI never has to translate exceptions: every message here is written for
the client, in plain words, and says that nothing was lost where that is true.
"""

from __future__ import annotations


class CompanionError(Exception):
    """Base class; ``str(err)`` is a friendly, complete sentence."""


class WrongPassphrase(CompanionError):
    def __init__(self) -> None:
        super().__init__(
            "That passphrase doesn't open this journal. Nothing was changed - take your time and try again."
        )


class WrongRecoveryCode(CompanionError):
    def __init__(self) -> None:
        super().__init__(
            "That recovery code doesn't open this journal. Check each group of letters and try again."
        )


class TryAgainLater(CompanionError):
    """Raised when unlock attempts come faster than the growing wait allows."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"Please wait {seconds:.0f} more seconds before trying again.")


class PassphraseNeeded(CompanionError):
    """Fingerprint or face unlock can't be used this time; the passphrase always can."""

    REASONS = {
        "off": "Fingerprint or face unlock is off for this journal. Please type your passphrase.",
        "restart": "Your phone has restarted since you last typed your passphrase, so Companion "
        "asks for it once. After that, your fingerprint or face works again.",
        "expired": "It's been a week since you last typed your passphrase, so Companion asks for it "
        "once, to help you keep it in mind. After that, your fingerprint or face works again.",
        "failures": "Your fingerprint or face wasn't recognised several times, so fingerprint or face "
        "unlock has been turned off. Please type your passphrase; you can turn it on again in Settings.",
        "refused": "Companion couldn't use the key kept on this phone, so fingerprint or face unlock "
        "has been turned off. Please type your passphrase; nothing in your journal was lost.",
        "missed": "That wasn't recognised. You can try again, or type your passphrase.",
        "unavailable": "Your phone can't check a fingerprint or face just now. Please type your passphrase.",
    }

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(self.REASONS.get(reason, self.REASONS["refused"]))


class DeviceUnlockNotTurnedOn(CompanionError):
    """Turning on fingerprint or face unlock didn't finish; the journal is exactly as it was."""

    REASONS = {
        "not_confirmed": "Your phone didn't confirm a fingerprint or face, so fingerprint or face unlock "
        "stays off. Your passphrase works as always.",
        "not_kept": "This phone couldn't keep the key safely just now, so fingerprint or face unlock "
        "stays off. Your passphrase works as always.",
    }

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(self.REASONS.get(reason, self.REASONS["not_kept"]))


class PassphraseTooShort(CompanionError):
    def __init__(self, minimum: int) -> None:
        super().__init__(f"Please use at least {minimum} characters.")


class VaultDamaged(CompanionError):
    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        super().__init__(
            "This journal file looks damaged, so it can't be opened. It has been "
            "left exactly as it was. If you have a backup, you can restore it."
        )


class VaultFromNewerVersion(VaultDamaged):
    """The file is fine but was written by a newer Companion (an unknown header format)."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.detail = f"format {version}"
        CompanionError.__init__(
            self,
            "This journal was saved by a newer version of Companion, so this version can't "
            "open it. Please update Companion, then try again. Nothing was changed.",
        )


class NoVault(CompanionError):
    def __init__(self) -> None:
        super().__init__("There is no journal here yet.")


class VaultExists(CompanionError):
    def __init__(self) -> None:
        super().__init__("A journal already exists here; it was not touched.")


class RecordUnreadable(CompanionError):
    def __init__(self, record_id: str) -> None:
        self.record_id = record_id
        super().__init__("This entry can't be read - it may have been damaged. Your other entries are fine.")


class RecordNotFound(CompanionError):
    def __init__(self, record_id: str) -> None:
        self.record_id = record_id
        super().__init__("That entry no longer exists.")


class VaultLocked(CompanionError):
    def __init__(self) -> None:
        super().__init__("The journal is locked. Please unlock it again.")


class BackupError(CompanionError):
    """Base for everything reading or restoring a backup can report; nothing was changed."""


class BackupWrongPassphrase(BackupError):
    def __init__(self) -> None:
        super().__init__(
            "That passphrase doesn't open this backup. Nothing was changed - take your time and try again."
        )


class BackupDamaged(BackupError):
    def __init__(self, detail: str = "") -> None:
        self.detail = detail  # for logs and tests; never shown
        super().__init__("This file isn't a Companion backup, or it has been damaged. Nothing was changed.")


class BackupTooNew(BackupError):
    def __init__(self, version: int) -> None:
        self.version = version
        super().__init__(
            "This backup was made by a newer version of Companion. "
            "Please update Companion, then try again. Nothing was changed."
        )


class BackupTooLarge(BackupError):
    def __init__(self, limit_mib: int) -> None:
        self.limit_mib = limit_mib
        super().__init__(
            f"This file is larger than a Companion backup can be ({limit_mib} MB), "
            "so it wasn't opened. Nothing was changed."
        )


class HomeworkCardInvalid(CompanionError):
    """One class for every problem with a homework card; ``reason`` says which, in plain words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"This homework card can't be used: {reason}. Nothing was added.")


class CardNotReady(CompanionError):
    """The card maker's form has something a card can't hold; ``reason`` says what, in plain words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"The card isn't ready yet: {reason}. Nothing you typed was lost.")
