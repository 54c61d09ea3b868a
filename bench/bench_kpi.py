"""The dashboard's range queries on ten years of data, and the call-detail import.

Cases (each against a bare baseline measured in the same run):

- ``kpi: month figures (decade)`` / ``kpi: year figures (decade)``: ``kpi.figures`` for March
  2022 / all of 2022 on the ten-year database against the same aggregate written by hand in
  SQLite's idiom and run with the bare driver. Target 1.5x.
- ``kpi: year by month (decade)``: ``reports.grouped(by="month")`` for 2022 against a
  hand-written ``GROUP BY`` of the local month (the year's two daylight-saving changes written
  into the SQL by hand) plus the requests per month. Target 1.5x.
- ``import: 150,000 call-detail rows``: ``calldata.import_calls`` of a year of phone-system rows
  into the database the CSRs' console would hold (a demo year whose queue the console never
  saw: every answered call must be matched, every abandoned one created), against one bare
  ``csv.reader`` pass over the same file. The note gives rows per second and the peak memory
  (tracemalloc, in a separate untimed run) of the import of the whole file and of a tenth of
  it: the same peak for ten times the rows shows the file is streamed, not loaded. The target
  only guards against a gross slowdown (a row-by-row query, a quadratic match).

The ten-year database is the one ``bench_intake_lookups`` caches (``CSC_BENCH_DECADE_DB``, else
``~/.cache/csc-console-bench/decade.db``, built on first use: several minutes). The import's
year is built in a temporary folder (a demo load, about half a minute).

    python bench/run.py --only kpi
    CSC_BENCH_IMPORT_ROWS=15000 python bench/run.py --only kpi   # a quicker import case
"""

from __future__ import annotations

import csv
import os
import sqlite3
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any

from bench.common import Result, interleave, median

TARGET = 1.5
IMPORT_TARGET = 150.0
IMPORT_ROWS = int(os.environ.get("CSC_BENCH_IMPORT_ROWS", "150000"))

# kpi.figures' aggregate, by hand (as in bench_demo_load).
_FIGURES = """
SELECT {key}
       sum(answered_at IS NOT NULL),
       sum(answered_at IS NULL AND status = 'abandoned'),
       sum(answered_at IS NULL AND status = 'abandoned'
           AND (julianday(ended_at) - julianday(queued_at)) * 86400.0 < 4.5),
       sum(answered_at IS NOT NULL
           AND (julianday(answered_at) - julianday(queued_at)) * 86400.0 < 30.5),
       sum((julianday(answered_at) - julianday(queued_at)) * 86400.0),
       sum(answered_at IS NOT NULL AND acw_ended_at IS NOT NULL),
       sum((julianday(acw_ended_at) - julianday(answered_at)) * 86400.0),
       sum(answered_at IS NOT NULL AND channel = 'relay')
FROM call
WHERE queued_at >= ? AND queued_at < ? AND channel IN ('phone', 'relay')
{group}
"""
_REQUESTS = "SELECT count(*) FROM service_request WHERE created_at >= ? AND created_at < ?"


def _month_of(column: str) -> str:
    """The local month of a UTC text timestamp in 2022, by hand: PST, PDT from 13 March 10:00
    UTC, PST again from 6 November 09:00 UTC."""
    return (
        f"CASE WHEN {column} < '2022-03-13 10:00:00.000000' "
        f"THEN strftime('%Y-%m-01', {column}, '-480 minutes') "
        f"WHEN {column} < '2022-11-06 09:00:00.000000' "
        f"THEN strftime('%Y-%m-01', {column}, '-420 minutes') "
        f"ELSE strftime('%Y-%m-01', {column}, '-480 minutes') END"
    )


_BY_MONTH = _FIGURES.format(key=f"{_month_of('queued_at')} AS k,", group="GROUP BY k")
_REQUESTS_BY_MONTH = (
    f"SELECT {_month_of('created_at')} AS k, count(*) FROM service_request "
    "WHERE created_at >= ? AND created_at < ? GROUP BY k"
)


def _timer(fn: Any) -> Any:
    def measure() -> float:
        started = time.perf_counter()
        fn()
        return (time.perf_counter() - started) * 1000

    return measure


def _query_cases(repeat: int) -> list[Result]:
    from bench.bench_intake_lookups import _decade_path
    from csc_console.config import load_settings
    from csc_console.services import kpi, reports
    from csc_console.services.bootstrap import open_context

    path = _decade_path()
    ctx = open_context(load_settings(database_url=f"sqlite:///{path}"))
    bare = sqlite3.connect(path)
    results = []
    try:
        cases = [
            ("kpi: month figures (decade)", date(2022, 3, 1), date(2022, 4, 1), None),
            ("kpi: year figures (decade)", date(2022, 1, 1), date(2023, 1, 1), None),
            ("kpi: year by month (decade)", date(2022, 1, 1), date(2023, 1, 1), "month"),
        ]
        for name, start, end, by in cases:
            lo, hi = kpi.utc_bounds(ctx.zone, start, end)
            bounds = (lo.strftime("%Y-%m-%d %H:%M:%S.%f"), hi.strftime("%Y-%m-%d %H:%M:%S.%f"))
            if by is None:
                service = _timer(lambda s=start, e=end: kpi.figures(ctx, start=s, end=e))
                hand_sql = (_FIGURES.format(key="", group=""), _REQUESTS)
            else:
                service = _timer(
                    lambda s=start, e=end, b=by: reports.grouped(ctx, start=s, end=e, by=b)
                )
                hand_sql = (_BY_MONTH, _REQUESTS_BY_MONTH)

            def hand(sql: tuple[str, str] = hand_sql, b: tuple[str, str] = bounds) -> None:
                bare.execute(sql[0], b).fetchall()
                bare.execute(sql[1], b).fetchall()

            samples = interleave({"service": service, "hand": _timer(hand)}, repeat)
            results.append(
                Result(
                    case=name,
                    median_ms=median(samples["service"]),
                    baseline_ms=median(samples["hand"]),
                    target=TARGET,
                    samples=repeat,
                    note="services vs hand-written SQL (bare sqlite3), ten-year SQLite database",
                )
            )
    finally:
        bare.close()
        ctx.db.dispose()
    return results


# --------------------------------------------------------------------------- the import
def _import_once(template: Path, target: Path, csv_path: Path) -> tuple[float, Any]:
    from bench.kpi_import import copy_database
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.calldata import import_calls

    copy_database(template, target)
    ctx = open_context(load_settings(database_url=f"sqlite:///{target}"))
    try:
        started = time.perf_counter()
        summary = import_calls(ctx, path=csv_path)
        return time.perf_counter() - started, summary
    finally:
        ctx.db.dispose()


def _csv_pass(csv_path: Path) -> float:
    started = time.perf_counter()
    with csv_path.open(newline="", encoding="utf-8") as fh:
        for _row in csv.reader(fh):
            pass
    return time.perf_counter() - started


def _peak(fn: Any) -> float:
    """Peak Python memory (MB) while ``fn`` runs."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _import_case(repeat: int) -> Result:
    from bench.kpi_import import prepare

    runs = max(1, min(repeat, 3))  # an import takes seconds: three samples are plenty
    with tempfile.TemporaryDirectory(prefix="csc-bench-import-") as tmp:
        folder = Path(tmp)
        prepared = prepare(folder, IMPORT_ROWS)
        tenth = folder / "tenth.csv"
        with prepared.csv_path.open(encoding="utf-8") as src, tenth.open("w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i > prepared.rows // 10:
                    break
                dst.write(line)
        target = folder / "import.db"
        seconds: list[float] = []
        bare: list[float] = []
        summary = None
        for _ in range(runs):
            elapsed, summary = _import_once(prepared.template, target, prepared.csv_path)
            seconds.append(elapsed)
            bare.append(_csv_pass(prepared.csv_path))
        peak_all = _peak(lambda: _import_once(prepared.template, target, prepared.csv_path))
        peak_tenth = _peak(lambda: _import_once(prepared.template, target, tenth))
        peak_csv = _peak(lambda: _csv_pass(prepared.csv_path))
    assert summary is not None
    took = median(seconds)
    return Result(
        case=f"import: {prepared.rows:,} call-detail rows",
        median_ms=took * 1000,
        baseline_ms=median(bare) * 1000,
        target=IMPORT_TARGET,
        samples=runs,
        note=(
            f"{prepared.rows / took:,.0f} rows/s; matched {summary.matched:,}, created "
            f"{summary.created:,}, bad {summary.bad:,}; peak memory {peak_all:.1f} MB "
            f"({peak_tenth:.1f} MB for a tenth of the rows; csv.reader alone {peak_csv:.1f} MB)"
        ),
    )


def run(repeat: int = 7) -> list[Result]:
    return [*_query_cases(repeat), _import_case(repeat)]


if __name__ == "__main__":
    from bench.common import format_table

    print(format_table(run()))
