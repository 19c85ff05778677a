"""Command line: pick sizes and repetitions, run everything, print the table, write JSON.

One command, from a fresh clone (uv builds the app's locked environment and
layers jrnl on top in a throwaway environment, so the app's venv stays clean):

    python3 -m uv run --with jrnl python -m benchmarks [--full | --smoke] [--no-jrnl]
    python3 -m uv run --extra test python -m benchmarks --browser   # the web UI, in Chromium
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import corpus, suite, summaries, vs_jrnl
from benchmarks.report import Metric, render, write_json
from companion.vault import crypto

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "results" / "latest.json"
BROWSER_OUT = HERE / "results" / "browser.json"
DEFAULT_CACHE = HERE / ".cache"
COMMAND = "python3 -m uv run --with jrnl python -m benchmarks"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--smoke", action="store_true", help="200 records, 2 repetitions: checks the suite runs"
    )
    size.add_argument("--full", action="store_true", help="also measure the first page at 50,000 records")
    parser.add_argument("--no-jrnl", action="store_true", help="skip the side-by-side with jrnl")
    parser.add_argument(
        "--browser",
        action="store_true",
        help="instead: time the web UI in headless Chromium (needs playwright and /usr/bin/chromium)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help=f"JSON file (default: {DEFAULT_OUT}, or {BROWSER_OUT})"
    )
    parser.add_argument(
        "--cache-dir", type=Path, default=DEFAULT_CACHE, help="where generated vaults are kept"
    )
    return parser.parse_args(argv)


def make_config(args: argparse.Namespace, work_dir: Path) -> suite.Config:
    if args.smoke:
        return suite.Config("smoke", 200, (200,), 2, 3, 2, args.cache_dir, work_dir)
    sizes = (1_000, 10_000, 50_000) if args.full else (1_000, 10_000)
    return suite.Config("full" if args.full else "default", 10_000, sizes, 7, 50, 5, args.cache_dir, work_dir)


def expected_keys(cfg: suite.Config, with_jrnl: bool) -> list[str]:
    """Every metric a run with ``cfg`` must report (the smoke test checks this list)."""
    keys = [
        "unlock",
        *(f"first_page[{s}]" for s in cfg.page_sizes),
        "scroll_1000",
        "save",
        "save_checkin",
        "edit",
        "delete",
        "search_cold",
        "search_rare_warm",
        "search_common_warm",
        "search_common_screen",
        "filter_feeling_cold",
        "filter_feeling_warm",
        "summary[month]",
        "summary[year]",
        "summary_pdf[month]",  # these two and the next are skipped (with the reason) while
        "summary_pdf[year]",  # companion.export.pdf can't be imported
        f"import[{summaries.PDF_MODULE}]",
        "peak_rss",
        "import[companion.vault.vault]",
        "import[companion.ui.app]",
        "first_screen_python",
    ]
    if with_jrnl:
        keys += [
            f"jrnl.{k}"
            for k in (
                "add.jrnl",
                "add.companion",
                "add.companion_cold",
                "add.ratio",
                "add.ratio_cold",
                "search.jrnl",
                "search.companion_first",
                "search.companion_warm",
                "search.companion_cold",
                "search.ratio",
                "search.ratio_warm",
                "search.ratio_cold",
                "open.jrnl",
                "open.companion",
                "open.ratio",
            )
        ]
    return keys


def _git_revision() -> str:
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _load() -> float | None:
    """1-minute load average: numbers taken on a busy machine are not comparable."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):  # Windows
        return None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.browser:
        return browser_main(args)
    with_jrnl = not args.no_jrnl and vs_jrnl.available()
    load_before = _load()
    skipped: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as tmp:
        cfg = make_config(args, Path(tmp))
        print(
            f"Companion benchmarks ({cfg.mode}): building or loading journals in {cfg.cache_dir} ...",
            file=sys.stderr,
            flush=True,
        )
        metrics: list[Metric] = suite.run_all(cfg, skipped)
        if with_jrnl:
            print("Side by side with jrnl ...", file=sys.stderr, flush=True)
            source = corpus.cached_vault(cfg.main_size, cfg.cache_dir)
            metrics += vs_jrnl.compare(
                corpus.working_copy(source, cfg.work_dir, "vs-jrnl"),
                cfg.work_dir / "jrnl",
                corpus.generate(cfg.main_size),
                cfg.jrnl_reps,
            )
    meta = _meta(cfg.mode, load_before)
    meta.update(
        main_size=cfg.main_size,
        page_sizes=list(cfg.page_sizes),
        jrnl=vs_jrnl.version() if with_jrnl else None,
        expected_metrics=[k for k in expected_keys(cfg, with_jrnl) if k not in skipped],
    )
    _report(metrics, meta, skipped, args.out or DEFAULT_OUT)
    if not with_jrnl:
        reason = "--no-jrnl" if args.no_jrnl else "jrnl is not installed"
        print(f"\njrnl comparison skipped ({reason}); to include it: {COMMAND}")
    return 0


def browser_main(args: argparse.Namespace) -> int:
    """`--browser`: the web UI in headless Chromium, on a copy of the 10k (--smoke: 200) journal."""
    from benchmarks import browser  # needs playwright (the test extra)

    load_before = _load()
    size, reps = (200, 2) if args.smoke else (10_000, 5)
    with tempfile.TemporaryDirectory(prefix="companion-bench-browser-") as tmp:
        print(f"Companion browser benchmarks: {reps} runs on a {size:,}-record journal ...", file=sys.stderr)
        metrics = browser.run(corpus.cached_vault(size, args.cache_dir), Path(tmp), size, reps)
    meta = _meta("browser-smoke" if args.smoke else "browser", load_before)
    meta.update(main_size=size, chromium=browser.chromium_version(), expected_metrics=browser.KEYS)
    _report(metrics, meta, {}, args.out or BROWSER_OUT)
    return 0


def _meta(mode: str, load_before: float | None) -> dict[str, object]:
    return {
        "mode": mode,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "revision": _git_revision(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": _load(),
        "kdf": crypto.DEFAULT_KDF.to_json(),
    }


def _report(metrics: list[Metric], meta: dict, skipped: dict[str, str], out: Path) -> None:
    title = (
        f"Companion benchmarks - {meta['mode']} - {meta['when']} - rev {meta['revision']} - "
        f"Python {meta['python']} - {meta['cpus']} CPUs - load {meta['load_before']} -> {meta['load_after']}"
    )
    print(render(metrics, title, skipped))
    busiest = max((x for x in (meta["load_before"], meta["load_after"]) if x is not None), default=None)
    if busiest is not None and busiest > (os.cpu_count() or 1) * 0.75:
        print(
            f"\nWARNING: load average reached {busiest} on {os.cpu_count()} CPUs: other work was running, "
            "so times are inflated and noisy. Re-run on an idle machine before comparing."
        )
    write_json(out, metrics, meta, skipped)
    print(f"\nJSON: {out}")
