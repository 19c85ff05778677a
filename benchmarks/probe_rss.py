"""Run in a fresh process: unlock, list the first page, search; print peak memory as JSON.

A separate process because the benchmark runner itself holds several vaults,
jrnl and its own bookkeeping, so its memory says nothing about the app's.

    python -m benchmarks.probe_rss VAULT_PATH WORD
"""

from __future__ import annotations

import json
import sys


def peak_mb() -> float:
    """Peak resident set size of this process so far, in MiB.

    On Linux this reads VmHWM, not ``ru_maxrss``: the latter survives exec, so a
    child started from a big parent would report the parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 2**10  # kB
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: no resource module
        import psutil  # type: ignore[import-not-found]

        return float(psutil.Process().memory_info().peak_wset) / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB elsewhere


def main(argv: list[str]) -> None:
    from pathlib import Path

    from benchmarks.corpus import PASSPHRASE, TIMELINE
    from companion.vault.vault import Vault

    path, word = Path(argv[0]), argv[1]
    steps = {"imports": peak_mb()}
    vault = Vault.unlock(path, PASSPHRASE)
    steps["unlock"] = peak_mb()
    page = vault.list_page(list(TIMELINE), limit=30)
    steps["first_page"] = peak_mb()
    hits = vault.search(word)
    steps["search"] = peak_mb()
    vault.lock()
    print(json.dumps({"peak_mb": peak_mb(), "steps": steps, "page": len(page.records), "hits": len(hits)}))


if __name__ == "__main__":
    main(sys.argv[1:])
