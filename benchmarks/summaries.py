"""The session summary and its PDF, for a month and for a year of the main journal.

What a person waits for on the Session screen after choosing a stretch of time, the way
that screen does it: `session_prep.load_records` reads the stretch's check-ins,
reflections, breathing pauses and journal entries page by page, plus all feedback,
topics and practices (they count whatever their date); `default_selection` ticks what
starts ticked, `build_summary` makes the document, and
`companion.export.pdf.render_pdf` turns it into PDF bytes.

The PDF module is optional here: if it can't be imported (or fails), its rows are
skipped with the reason instead of stopping the suite.
"""

from __future__ import annotations

import importlib
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.report import Metric, Target, ms
from companion.core.records import to_us
from companion.export.session_prep import Stretch, load_records
from companion.export.summary import Summary, build_summary, default_selection
from companion.vault.vault import Vault

PDF_MODULE = "companion.export.pdf"
PDF_PASSWORD = "a passphrase for the paper copy"
# (name, first day, target for summary + PDF in seconds); both end where the journals end.
WINDOWS = (
    ("month", datetime(corpus.END.year, corpus.END.month - 1, 1, tzinfo=UTC), 1.5),
    ("year", datetime(corpus.END.year - 1, corpus.END.month, 1, tzinfo=UTC), 5.0),
)


def _pdf_renderer() -> tuple[Callable[..., bytes] | None, str]:
    try:
        module = importlib.import_module(PDF_MODULE)
        return module.render_pdf, ""
    except Exception as exc:  # noqa: BLE001 - being written elsewhere: any failure means "skip"
        return None, f"{PDF_MODULE} is not importable yet ({type(exc).__name__}: {exc})"


def pdf_available() -> bool:
    return _pdf_renderer()[0] is not None


def pdf_problem() -> str:
    return _pdf_renderer()[1]


def _summary(vault: Vault, start_us: int, end_us: int, facts: dict[str, Any]) -> Summary:
    records = load_records(vault, Stretch(start_us, end_us))
    selection = default_selection(records)
    summary = build_summary(records, selection, start_us, end_us, end_us, tz=UTC)
    facts.update(
        records=len(records),
        undated=sum(not start_us <= r.created_us < end_us for r in records),
        chosen=len(selection.include),
        checkins=summary.checkin_count,
    )
    return summary


def measure(reps: int, path: Path, size: int, skipped: dict[str, str]) -> list[Metric]:
    """summary[month|year] (load + select + build) and summary_pdf[...] (the same, then render_pdf)."""
    render, problem = _pdf_renderer()
    at = f"{size // 1000}k" if size % 1000 == 0 else str(size)
    end_us = to_us(corpus.END)
    metrics: list[Metric] = []
    vault = Vault.unlock(path, corpus.PASSPHRASE)  # the app is open; unlock is not part of this
    try:
        for name, first_day, target_s in WINDOWS:
            start_us = to_us(first_day)
            facts: dict[str, Any] = {}
            built: list[float] = []
            with_pdf: list[float] = []
            with_password: list[float] = []
            pdf_bytes = 0
            for _ in range(reps):
                start = time.perf_counter()
                summary = _summary(vault, start_us, end_us, facts)
                built.append(time.perf_counter() - start)
                if render is None or problem:
                    continue
                try:
                    pdf = render(summary)
                    with_pdf.append(time.perf_counter() - start)
                    start_pw = time.perf_counter()
                    render(summary, password=PDF_PASSWORD)
                    with_password.append(time.perf_counter() - start_pw + built[-1])
                except Exception as exc:  # noqa: BLE001 - a module still being written
                    problem = f"render_pdf failed ({type(exc).__name__}: {exc})"
                    continue
                pdf_bytes = len(pdf)
            last_day = corpus.END - timedelta(days=1)  # the end is exclusive
            stretch = f"{first_day.day} {first_day:%b %Y} - {last_day.day} {last_day:%b %Y}"
            metrics.append(
                Metric(
                    f"summary[{name}]",
                    f"session summary, {name} @{at}",
                    "ms",
                    ms(built),
                    note=f"{stretch}: session_prep.load_records reads {facts['records']:,} records "
                    f"({facts['undated']:,} of them feedback/topics from other dates); default_selection "
                    f"ticks {facts['chosen']:,} ({facts['checkins']:,} check-ins); + build_summary",
                    extra=dict(facts),
                )
            )
            key = f"summary_pdf[{name}]"
            if problem or not with_pdf:
                skipped[key] = problem or "render_pdf gave nothing"
                continue
            metrics.append(
                Metric(
                    key,
                    f"summary + PDF, {name} @{at}",
                    "ms",
                    ms(with_pdf),
                    Target("<=", target_s * 1000.0),
                    note=f"the summary above, then render_pdf(summary): {pdf_bytes / 1024:.0f} KiB; "
                    f"with a password (AES-256) {statistics.median(with_password) * 1000:.0f} ms; "
                    "run 1 includes reading the fonts (first export after start)",
                    extra={"pdf_bytes": pdf_bytes, "with_password_ms": ms(with_password)},
                )
            )
    finally:
        vault.lock()
    return metrics
