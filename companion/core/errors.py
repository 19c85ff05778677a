"""Errors the vault raises, each carrying a message we can show a person as-is.

The UI never has to translate exceptions: every message here is written for
the client, in plain words, and says that nothing was lost where that is true.
"""

from __future__ import annotations

from companion.core.i18n import N_, _, ngettext


class CompanionError(Exception):
    """Base class; ``str(err)`` is a friendly, complete sentence."""


class WrongPassphrase(CompanionError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "That passphrase doesn't open this journal. "
                "Nothing was changed - take your time and try again."
            )
        )


class WrongRecoveryCode(CompanionError):
    def __init__(self) -> None:
        super().__init__(
            _("That recovery code doesn't open this journal. Check each group of letters and try again.")
        )


class TryAgainLater(CompanionError):
    """Raised when unlock attempts come faster than the growing wait allows."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        n = round(seconds)
        super().__init__(
            ngettext(
                "Please wait {n} more second before trying again.",
                "Please wait {n} more seconds before trying again.",
                n,
            ).format(n=n)
        )


class PassphraseNeeded(CompanionError):
    """Fingerprint or face unlock can't be used this time; the passphrase always can."""

    REASONS = {
        "off": N_("Fingerprint or face unlock is off for this journal. Please type your passphrase."),
        "restart": N_(
            "Your phone has restarted since you last typed your passphrase, so Companion "
            "asks for it once. After that, your fingerprint or face works again."
        ),
        "expired": N_(
            "It's been a week since you last typed your passphrase, so Companion asks for it "
            "once, to help you keep it in mind. After that, your fingerprint or face works again."
        ),
        "failures": N_(
            "Your fingerprint or face wasn't recognised several times, so fingerprint or face "
            "unlock has been turned off. Please type your passphrase; you can turn it on again in Settings."
        ),
        "refused": N_(
            "Companion couldn't use the key kept on this phone, so fingerprint or face unlock "
            "has been turned off. Please type your passphrase; nothing in your journal was lost."
        ),
        "missed": N_("That wasn't recognised. You can try again, or type your passphrase."),
        "unavailable": N_(
            "Your phone can't check a fingerprint or face just now. Please type your passphrase."
        ),
    }

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(_(self.REASONS.get(reason, self.REASONS["refused"])))


class DeviceUnlockNotTurnedOn(CompanionError):
    """Turning on fingerprint or face unlock didn't finish; the journal is exactly as it was."""

    REASONS = {
        "not_confirmed": N_(
            "Your phone didn't confirm a fingerprint or face, so fingerprint or face unlock "
            "stays off. Your passphrase works as always."
        ),
        "not_kept": N_(
            "This phone couldn't keep the key safely just now, so fingerprint or face unlock "
            "stays off. Your passphrase works as always."
        ),
    }

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(_(self.REASONS.get(reason, self.REASONS["not_kept"])))


class PassphraseTooShort(CompanionError):
    def __init__(self, minimum: int) -> None:
        super().__init__(
            ngettext(
                "Please use at least {minimum} characters.",
                "Please use at least {minimum} characters.",
                minimum,
            ).format(minimum=minimum)
        )


class VaultDamaged(CompanionError):
    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        super().__init__(
            _(
                "This journal file looks damaged, so it can't be opened. It has been "
                "left exactly as it was. If you have a backup, you can restore it."
            )
        )


class VaultFromNewerVersion(VaultDamaged):
    """The file is fine but was written by a newer Companion (an unknown header format)."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.detail = f"format {version}"
        CompanionError.__init__(
            self,
            _(
                "This journal was saved by a newer version of Companion, so this version can't "
                "open it. Please update Companion, then try again. Nothing was changed."
            ),
        )


class NoVault(CompanionError):
    def __init__(self) -> None:
        super().__init__(_("There is no journal here yet."))


class VaultExists(CompanionError):
    def __init__(self) -> None:
        super().__init__(_("A journal already exists here; it was not touched."))


class RecordUnreadable(CompanionError):
    def __init__(self, record_id: str) -> None:
        self.record_id = record_id
        super().__init__(
            _("This entry can't be read - it may have been damaged. Your other entries are fine.")
        )


class RecordNotFound(CompanionError):
    def __init__(self, record_id: str) -> None:
        self.record_id = record_id
        super().__init__(_("That entry no longer exists."))


class VaultLocked(CompanionError):
    def __init__(self) -> None:
        super().__init__(_("The journal is locked. Please unlock it again."))


class BackupError(CompanionError):
    """Base for everything reading or restoring a backup can report; nothing was changed."""


class BackupWrongPassphrase(BackupError):
    def __init__(self) -> None:
        super().__init__(
            _("That passphrase doesn't open this backup. Nothing was changed - take your time and try again.")
        )


class BackupDamaged(BackupError):
    def __init__(self, detail: str = "") -> None:
        self.detail = detail  # for logs and tests; never shown
        super().__init__(
            _("This file isn't a Companion backup, or it has been damaged. Nothing was changed.")
        )


class BackupTooNew(BackupError):
    def __init__(self, version: int) -> None:
        self.version = version
        super().__init__(
            _(
                "This backup was made by a newer version of Companion. "
                "Please update Companion, then try again. Nothing was changed."
            )
        )


class BackupTooLarge(BackupError):
    def __init__(self, limit_mib: int) -> None:
        self.limit_mib = limit_mib
        super().__init__(
            _(
                "This file is larger than a Companion backup can be ({limit_mib} MB), "
                "so it wasn't opened. Nothing was changed."
            ).format(limit_mib=limit_mib)
        )


class HomeworkCardInvalid(CompanionError):
    """One class for every problem with a homework card; ``reason`` says which, in plain words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            _("This homework card can't be used: {reason}. Nothing was added.").format(reason=reason)
        )


class CardNotReady(CompanionError):
    """The card maker's form has something a card can't hold; ``reason`` says what, in plain words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            _("The card isn't ready yet: {reason}. Nothing you typed was lost.").format(reason=reason)
        )
