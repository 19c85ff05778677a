"""Samples, summary statistics, targets, the printed table and the JSON file.

Targets are judged on the median: a single slow outlier (a GC pause, another
process) should be visible in p95/max but should not flip met/missed. A target that
is a ceiling on every sample ("no screen transition over 300 ms") says so with
``stat="max"`` and is judged on the largest.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Target:
    op: str  # "<=" (time, memory) or ">=" (speed-up ratios)
    value: float
    stat: str = "median"  # or "max": every sample must meet it

    def met(self, measured: float) -> bool:
        return measured <= self.value if self.op == "<=" else measured >= self.value


@dataclass
class Metric:
    key: str
    label: str
    unit: str  # "ms", "s", "MB" or "x"
    samples: list[float]
    target: Target | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        """Nearest-rank 95th percentile: with few samples it is simply the largest."""
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        judged = max(self.samples) if self.target.stat == "max" else self.median
        return self.target.met(judged)

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "unit": self.unit,
            "n": len(self.samples),
            "median": self.median,
            "p95": self.p95,
            "min": min(self.samples),
            "max": max(self.samples),
            "samples": self.samples,
            "target": None
            if self.target is None
            else {"op": self.target.op, "value": self.target.value, "stat": self.target.stat},
            "met": self.met,
            "note": self.note,
            **({"extra": self.extra} if self.extra else {}),
        }


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def ms(samples: Iterable[float]) -> list[float]:
    return [s * 1000.0 for s in samples]


def _fmt(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.1f}x"
    if unit == "MB":
        return f"{value:.0f} MB"
    digits = 3 if value < 1 else 2 if value < 10 else 1 if value < 100 else 0
    return f"{value:.{digits}f} {unit}"


def render(metrics: list[Metric], title: str, skipped: dict[str, str] | None = None) -> str:
    """A fixed-width table, one row per metric, notes underneath, then rows that could not run."""
    head = ("metric", "n", "median", "p95", "min", "max", "target", "result")
    rows = [head]
    for m in metrics:
        target = "" if m.target is None else f"{m.target.op} {_fmt(m.target.value, m.unit)}"
        if m.target is not None and m.target.stat != "median":
            target += f" ({m.target.stat})"
        result = "" if m.met is None else ("met" if m.met else "MISSED")
        rows.append(
            (
                m.label,
                str(len(m.samples)),
                *(_fmt(v, m.unit) for v in (m.median, m.p95, min(m.samples), max(m.samples))),
                target,
                result,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [title, ""]
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  {m.label}: {m.note}" for m in metrics if m.note]
    if notes:
        lines += ["", "Notes:", *notes]
    if skipped:
        lines += ["", "Skipped:", *(f"  {key}: {why}" for key, why in skipped.items())]
    missed = [m.label for m in metrics if m.met is False]
    lines += [
        "",
        f"Targets: {sum(m.met is True for m in metrics)} met, {len(missed)} missed"
        + (f" ({'; '.join(missed)})" if missed else ""),
    ]
    return "\n".join(lines)


def write_json(
    path: Path, metrics: list[Metric], meta: dict[str, Any], skipped: dict[str, str] | None = None
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"meta": meta, "metrics": {m.key: m.to_json() for m in metrics}, "skipped": dict(skipped or {})}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
