"""Shared pieces for the benchmarks: the result row, medians, interleaved timing, the table.

Absolute times on a shared machine are noise, so every benchmark compares against a bare
baseline measured in the same run, interleaving the commands (A B A B ...) so that a busy
moment hurts both sides alike, and reports the ratio of the medians.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@dataclass(frozen=True)
class Result:
    """One row of the table: ``median_ms`` of the case against ``baseline_ms`` of its baseline."""

    case: str
    median_ms: float
    baseline_ms: float
    target: float  # the ratio must be <= target
    samples: int
    note: str = ""
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.median_ms / self.baseline_ms if self.baseline_ms else float("inf")

    @property
    def passed(self) -> bool:
        return self.ratio <= self.target


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def interleave(
    measures: dict[str, Callable[[], float]], repeat: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Call each measure ``warmup`` times (discarded), then ``repeat`` rounds, rotating the
    order every round; milliseconds per name."""
    names = list(measures)
    for _ in range(warmup):
        for name in names:
            measures[name]()
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_no in range(repeat):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(measures[name]())
    return samples


def format_table(results: Sequence[Result]) -> str:
    header = ("case", "median ms", "baseline ms", "ratio", "target", "result", "n", "note")
    rows = [
        (
            r.case,
            f"{r.median_ms:.0f}",
            f"{r.baseline_ms:.0f}",
            f"{r.ratio:.2f}x",
            f"<= {r.target:.2f}x",
            "pass" if r.passed else "FAIL",
            str(r.samples),
            r.note,
        )
        for r in results
    ]
    widths = [
        max(len(h), *(len(row[i]) for row in rows)) if rows else len(h)
        for i, h in enumerate(header)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(line.rstrip() for line in out)


def now_ms() -> float:
    return time.perf_counter() * 1000.0
