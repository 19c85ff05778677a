"""The Patterns screen's Python work: read what it counts, then the summary's tallies.

patterns[since last session] is the screen as it opens (the corpus notes no sessions, so the
summary's rule gives the last 14 days); patterns[all time] is the worst case: every check-in
and breathing pause of the journal. Decrypting (load) and counting (build) are both timed.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks import corpus
from benchmarks.report import Metric, Target, ms
from companion.core.records import to_us
from companion.export import patterns
from companion.export.session_prep import SINCE_LAST
from companion.vault.vault import Vault

TARGET_MS = 300.0  # issue 15: the whole view from a 10,000-record journal


def measure(reps: int, path: Path, size: int) -> list[Metric]:
    at = f"{size // 1000}k" if size % 1000 == 0 else str(size)
    now = to_us(corpus.END)
    vault = Vault.unlock(path, corpus.PASSPHRASE)  # the app is open; unlock is not part of this
    metrics = []
    try:
        for choice, name in ((SINCE_LAST, "since last session"), ("all", "all time")):
            samples: list[float] = []
            count = checkins = 0
            for _ in range(reps):
                start = time.perf_counter()
                stretch = patterns.stretch_of(choice, now, None)
                records = patterns.load_records(vault, stretch)
                found = patterns.build_patterns(records, stretch, now)
                patterns.body_sentences(found)
                samples.append(time.perf_counter() - start)
                count, checkins = len(records), found.checkins
            metrics.append(
                Metric(
                    f"patterns[{name}]",
                    f"Patterns screen, {name} @{at}",
                    "ms",
                    ms(samples),
                    Target("<=", TARGET_MS),
                    note=f"patterns.load_records reads {count:,} records ({checkins:,} check-ins); "
                    "+ build_patterns (the summary's tallies)",
                )
            )
    finally:
        vault.lock()
    return metrics
