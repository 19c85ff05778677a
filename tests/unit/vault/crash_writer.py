"""Helper process for test_crash.py: unlock a journal and add entries until killed.

Usage: ``python crash_writer.py VAULT_PATH RUN_TAG`` with the passphrase in the
``COMPANION_CRASH_PASSPHRASE`` environment variable. Prints ``READY`` once
unlocked, then ``<id> <run tag> <n>`` for every entry, flushed only after
``Vault.add`` has returned, i.e. after the vault promised the entry is durable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from companion.vault.vault import Vault


def main(argv: list[str]) -> None:
    path, tag = Path(argv[1]), argv[2]
    vault = Vault.unlock(path, os.environ["COMPANION_CRASH_PASSPHRASE"])
    print("READY", flush=True)
    n = 0
    while True:
        record = vault.add(
            "journal",
            {
                "title": f"crash run {tag} #{n}",
                "body": f"entry {n} of run {tag}\n" + "a few words to fill a page. " * (n % 40),
                "run": tag,
                "n": n,
            },
        )
        print(f"{record.id} {tag} {n}", flush=True)
        n += 1


if __name__ == "__main__":
    main(sys.argv)
