"""Helper process for test_vault_rekey.py: unlock, then re-key until killed or done.

Usage: ``python vault_rekey_worker.py VAULT_PATH`` with ``REKEY_FROM`` and ``REKEY_TO`` in the
environment. Prints ``READY`` once unlocked, then ``DONE <recovery code>`` after `rekey` returns.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from companion.vault.vault import Vault


def main(argv: list[str]) -> None:
    vault = Vault.unlock(Path(argv[1]), os.environ["REKEY_FROM"])
    print("READY", flush=True)
    code = vault.rekey(os.environ["REKEY_FROM"], os.environ["REKEY_TO"])
    print(f"DONE {code}", flush=True)
    vault.lock()


if __name__ == "__main__":
    main(sys.argv)
