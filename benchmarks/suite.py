"""Companion's own measurements, each against a private copy of a cached vault.

Everything goes through the public `Vault` API the app uses, in process, with
the production key-derivation settings (`crypto.DEFAULT_KDF`). Memory and
import time are measured in fresh subprocesses, where nothing else is loaded.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import corpus, patterns, summaries
from benchmarks.report import Metric, Target, ms, seconds
from companion.core.records import Cursor
from companion.kinds.checkin import CheckIn, CheckIns, TimelineFilter
from companion.vault.vault import Vault

REPO = Path(__file__).resolve().parent.parent
PAGE = 30
SCROLL_TO = 1_000
TIMELINE = list(corpus.TIMELINE)  # what the journal screen lists: entries and check-ins
SCREEN_HITS = 200  # the journal screen shows at most this many search results


@dataclass(frozen=True)
class Config:
    mode: str  # "smoke", "default" or "full"
    main_size: int  # the journal for save/edit/delete/search/memory (and jrnl)
    page_sizes: tuple[int, ...]  # first page is measured at each, to show it stays flat
    slow_reps: int  # things that unlock or start a process (~0.1-1 s each)
    fast_reps: int  # millisecond operations
    jrnl_reps: int
    cache_dir: Path
    work_dir: Path


def label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def _unlock(path: Path) -> Vault:
    return Vault.unlock(path, corpus.PASSPHRASE)


def unlock(cfg: Config, path: Path) -> Metric:
    samples = []
    for _ in range(cfg.slow_reps):
        start = time.perf_counter()
        vault = _unlock(path)
        samples.append(time.perf_counter() - start)
        vault.lock()
    return Metric(
        "unlock",
        f"unlock @{label(cfg.main_size)}",
        "s",
        samples,
        Target("<=", 0.5),
        note="in-process Vault.unlock: Argon2id (64 MiB, t=3, p=4) + open SQLite + read header",
    )


def first_page(cfg: Config, path: Path, size: int) -> Metric:
    """The list a person sees right after unlocking: fresh connection, nothing cached yet."""
    samples = []
    for _ in range(cfg.slow_reps):
        vault = _unlock(path)
        start = time.perf_counter()
        page = vault.list_page(TIMELINE, limit=PAGE)
        samples.append(time.perf_counter() - start)
        vault.lock()
        if len(page.records) != min(PAGE, size):
            raise RuntimeError(f"first page at {size} came back with {len(page.records)} records")
    return Metric(
        f"first_page[{size}]",
        f"first page of timeline (30) @{label(size)}",
        "ms",
        ms(samples),
        Target("<=", 100.0),
        note=""
        if size != cfg.page_sizes[0]
        else f"list_page({TIMELINE}, limit=30), as the journal screen asks, right after unlock; "
        "unlock not timed",
    )


def _scroll(vault: Vault, wanted: int) -> int:
    cursor: Cursor | None = None
    seen = 0
    while seen < wanted:
        page = vault.list_page(TIMELINE, after=cursor, limit=PAGE)
        seen += len(page.records)
        cursor = page.next_cursor
        if cursor is None:
            break
    return seen


def scroll(cfg: Config, vault: Vault) -> Metric:
    reached = 0

    def run() -> None:
        nonlocal reached
        reached = _scroll(vault, SCROLL_TO)

    samples = [seconds(run) for _ in range(cfg.fast_reps)]
    return Metric(
        "scroll_1000",
        f"scroll to record {reached:,} @{label(cfg.main_size)}",
        "ms",
        ms(samples),
        note=f"timeline pages of {PAGE} following cursors ({-(-reached // PAGE)} list_page calls)",
    )


def writes(cfg: Config, path: Path) -> list[Metric]:
    """Save, edit and delete on their own copy: durable (fsync'd) when each call returns.

    As in the app, the search cache is already built (it is warmed right after unlock), so
    every write also updates it.
    """
    vault = _unlock(path)
    try:
        vault.warm_search()
        rng = random.Random(7)
        existing = [r.id for r in vault.list_page(["journal"], limit=cfg.main_size).records]
        chosen = rng.sample(existing, min(len(existing), 2 * cfg.fast_reps))
        to_edit, to_delete = chosen[: cfg.fast_reps], chosen[cfg.fast_reps :]
        texts = [corpus.new_entry_text(i) for i in range(cfg.fast_reps)]
        checkins = CheckIns(vault)
        new_checkins = [CheckIn.from_payload(corpus.new_checkin_payload(i)) for i in range(cfg.fast_reps)]
        save = [seconds(lambda p=p: vault.add("journal", p)) for p in texts]
        save_checkin = [seconds(lambda c=c: checkins.add(c)) for c in new_checkins]
        edit = [seconds(lambda i=i, p=p: vault.update(i, p)) for i, p in zip(to_edit, texts, strict=False)]
        delete = [seconds(lambda i=i: vault.delete(i)) for i in to_delete]
    finally:
        vault.lock()
    size = label(cfg.main_size)
    return [
        Metric(
            "save",
            f"save entry @{size}",
            "ms",
            ms(save),
            Target("<=", 10.0),
            note="Vault.add of a ~1,000-char entry, fsync'd (WAL, synchronous=FULL); app open, "
            "search cache built (as after the background warm-up), so it is updated too",
        ),
        Metric(
            "save_checkin",
            f"save check-in @{size}",
            "ms",
            ms(save_checkin),
            Target("<=", 10.0),
            note="CheckIns.add of a CheckIn with 1-3 body places, 1-3 feelings, needs and notes, "
            "as the check-in screen's 'Save check-in' does; fsync'd",
        ),
        Metric("edit", f"edit entry @{size}", "ms", ms(edit), note="Vault.update of a random older entry"),
        Metric(
            "delete",
            f"delete entry @{size}",
            "ms",
            ms(delete),
            note="Vault.delete of a random older entry (secure_delete overwrites it)",
        ),
    ]


def search(cfg: Config, path: Path) -> list[Metric]:
    """Cold = the first search right after unlock (it builds the cache: decrypts every record).

    Warm = searches once the cache exists. The app builds it in the background right after
    unlock (`Vault.warm_search`), so a person's first search is usually already warm.
    """
    size = label(cfg.main_size)
    target = Target("<=", 300.0)
    cold: list[float] = []
    unlock_and_cold: list[float] = []
    hits: dict[str, int] = {}
    for _ in range(cfg.slow_reps):
        started = time.perf_counter()
        vault = _unlock(path)
        cold.append(seconds(lambda vault=vault: hits.setdefault("rare", len(vault.search(corpus.RARE_WORD)))))
        unlock_and_cold.append(time.perf_counter() - started)
        vault.lock()
    vault = _unlock(path)
    try:
        vault.warm_search()  # what the app does in the background right after unlock
        hits["common"] = len(vault.search(corpus.COMMON_WORD))
        rare = [seconds(lambda: vault.search(corpus.RARE_WORD)) for _ in range(cfg.fast_reps)]
        common = [seconds(lambda: vault.search(corpus.COMMON_WORD)) for _ in range(cfg.fast_reps)]
        screen = [
            seconds(lambda: vault.search(corpus.COMMON_WORD, TIMELINE, SCREEN_HITS))
            for _ in range(cfg.fast_reps)
        ]
    finally:
        vault.lock()
    return [
        Metric(
            "search_cold",
            f"search rare word, first after unlock @{size}",
            "ms",
            ms(cold),
            target,
            note=f"'{corpus.RARE_WORD}' ({hits['rare']} hits): builds the in-memory search cache "
            "(decrypt + fold every record); unlock not timed",
        ),
        Metric(
            "unlock_then_search",
            f"unlock + first search @{size}",
            "ms",
            ms(unlock_and_cold),
            target,
            note="what a person waits for who unlocks and searches at once: key derivation, "
            "opening the file and the cold search above, back to back",
        ),
        Metric(
            "search_rare_warm",
            f"search rare word, after warm-up @{size}",
            "ms",
            ms(rare),
            target,
            note="the cache was built by Vault.warm_search first, as the app does in the background",
        ),
        Metric(
            "search_common_warm",
            f"search common word, warm @{size}",
            "ms",
            ms(common),
            target,
            note=f"'{corpus.COMMON_WORD}' ({hits['common']} hits, all returned and sorted; each hit's "
            "Record is rebuilt from its JSON)",
        ),
        Metric(
            "search_common_screen",
            f"search common word, as the screen asks @{size}",
            "ms",
            ms(screen),
            target,
            note=f"search('{corpus.COMMON_WORD}', {TIMELINE}, limit={SCREEN_HITS}): the journal "
            "screen's call",
        ),
    ]


def feeling_filter(cfg: Config, path: Path) -> list[Metric]:
    """The journal screen's filter by a feeling word: `CheckIns.filtered`, as the screen calls it."""
    size = label(cfg.main_size)
    flt = TimelineFilter(word=corpus.FILTER_FEELING)
    hits: dict[str, int] = {}

    def run(checkins: CheckIns) -> None:
        hits["n"] = len(checkins.filtered(flt))

    cold: list[float] = []
    for _ in range(cfg.slow_reps):
        vault = _unlock(path)
        cold.append(seconds(lambda vault=vault: run(CheckIns(vault))))
        vault.lock()
    vault = _unlock(path)
    try:
        vault.warm_search()
        checkins = CheckIns(vault)
        warm = [seconds(lambda: run(checkins)) for _ in range(cfg.fast_reps)]
        checkin_count = vault.count(["checkin"])
    finally:
        vault.lock()
    what = f"TimelineFilter(word='{corpus.FILTER_FEELING}'): {hits['n']} of {checkin_count:,} check-ins"
    return [
        Metric(
            "filter_feeling_cold",
            f"filter by feeling, first after unlock @{size}",
            "ms",
            ms(cold),
            note=f"{what}; builds the search cache first (unlock not timed)",
        ),
        Metric(
            "filter_feeling_warm",
            f"filter by feeling, after warm-up @{size}",
            "ms",
            ms(warm),
            Target("<=", 100.0),
            note="all hits, newest first (the screen shows them at once; its first 30 are the first "
            "page); target = the first page's",
        ),
    ]


def peak_memory(cfg: Config, path: Path) -> Metric:
    samples = []
    steps: list[dict[str, float]] = []
    for _ in range(cfg.slow_reps):
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.probe_rss", str(path), corpus.RARE_WORD],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        samples.append(float(result["peak_mb"]))
        steps.append(result["steps"])
    median_steps = {k: round(statistics.median(s[k] for s in steps)) for k in steps[0]}
    trail = ", ".join(f"{k} {v}" for k, v in median_steps.items())
    return Metric(
        "peak_rss",
        f"peak RSS: unlock+list+search @{label(cfg.main_size)}",
        "MB",
        samples,
        Target("<=", 250.0),
        note=f"fresh process; peak MB after each step: {trail}",
        extra={"steps": median_steps},
    )


def import_time(cfg: Config, module: str) -> Metric:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    samples = []
    for _ in range(cfg.slow_reps):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
        )
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return Metric(
        f"import[{module}]",
        f"import {module}",
        "ms",
        ms(samples),
        note="" if module != "companion.vault.vault" else "fresh interpreter, time of the import statement",
    )


def _bytecode_installed() -> bool:
    """Were the installed packages compiled at install time (UV_COMPILE_BYTECODE=1)?"""
    import flet

    return any((Path(flet.__file__).parent / "__pycache__").glob("__init__.*.pyc"))


def first_screen(cfg: Config, data_dir: Path) -> Metric:
    """Process start -> the first screen's first page update, in a fresh interpreter each time.

    The wall clock is read just before the process starts; `benchmarks/first_screen.py` reads it
    when the shell first updates the page. One untimed run first, as a person's first start
    writes Companion's own bytecode cache (PYTHONDONTWRITEBYTECODE is left out for that).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "benchmarks.first_screen", str(data_dir)]

    parts: list[tuple[float, float]] = []  # (start -> imports done, Flet's theme classes)

    def once() -> tuple[float, bool]:
        start = time.time()
        out = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, check=True, timeout=120
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        parts.append((result["imported"] - start, result["theme_classes_s"]))
        return result["first_update"] - start, bool(result["storage_loaded"])

    once()
    parts.clear()
    runs = [once() for _ in range(cfg.slow_reps)]
    storage = any(loaded for _s, loaded in runs)
    imports = statistics.median(p[0] for p in parts)
    theme_classes = statistics.median(p[1] for p in parts)
    return Metric(
        "first_screen_python",
        "cold start: process start -> first screen's first update",
        "s",
        [s for s, _loaded in runs],
        Target("<=", 0.3),
        note="fresh interpreter: imports, the shell's start and the unlock screen's build, up to its "
        f"page.update() (medians: interpreter + `import companion.ui.app` {imports:.2f} s, of the rest "
        f"{theme_classes:.2f} s is Flet making its theme classes on first use); storage layer "
        f"imported by then: {'YES' if storage else 'no'}; packages "
        f"installed with bytecode: {'yes' if _bytecode_installed() else 'NO (UV_COMPILE_BYTECODE=1)'}",
        extra={"storage_imported": storage, "bytecode_installed": _bytecode_installed()},
    )


def run_all(cfg: Config, skipped: dict[str, str]) -> list[Metric]:
    """Every Companion metric, in a stable order; rows that can't run go into ``skipped``."""
    from companion.ui.screens.journal_screen import TIMELINE_KINDS  # imports Flet: only to check we agree

    if list(TIMELINE_KINDS) != TIMELINE:
        raise RuntimeError(f"the timeline lists {TIMELINE_KINDS}, benchmarks/corpus.py says {TIMELINE}")
    work = cfg.work_dir
    main = corpus.cached_vault(cfg.main_size, cfg.cache_dir)
    read_copy = corpus.working_copy(main, work, f"read-{cfg.main_size}")
    metrics = [unlock(cfg, read_copy)]
    for size in cfg.page_sizes:
        source = main if size == cfg.main_size else corpus.cached_vault(size, cfg.cache_dir)
        path = read_copy if size == cfg.main_size else corpus.working_copy(source, work, f"read-{size}")
        metrics.append(first_page(cfg, path, size))
    vault = _unlock(read_copy)
    try:
        metrics.append(scroll(cfg, vault))
    finally:
        vault.lock()
    metrics += writes(cfg, corpus.working_copy(main, work, f"write-{cfg.main_size}"))
    metrics += search(cfg, read_copy)
    metrics += feeling_filter(cfg, read_copy)
    metrics += summaries.measure(cfg.slow_reps, read_copy, cfg.main_size, skipped)
    metrics += patterns.measure(cfg.slow_reps, read_copy, cfg.main_size)
    metrics.append(peak_memory(cfg, read_copy))
    metrics += [import_time(cfg, "companion.vault.vault"), import_time(cfg, "companion.ui.app")]
    # a data folder holding a journal, as the app expects it: the unlock screen comes first
    metrics.append(first_screen(cfg, corpus.working_copy(main, work / "first-screen", "journal").parent))
    if summaries.pdf_available():
        metrics.append(import_time(cfg, summaries.PDF_MODULE))
    else:
        skipped[f"import[{summaries.PDF_MODULE}]"] = summaries.pdf_problem()
    return metrics
