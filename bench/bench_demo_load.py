"""Demo data load and the figures query, on SQLite, against bare baselines in the same run.

Cases:

- ``demo load``: ``load_demo`` for one year (generation, calibration, bulk insert into the
  real schema with its indexes and constraints) against a bare ``sqlite3.executemany`` of the
  same number of rows into an unindexed table. The note gives the absolute seconds and the
  full-year estimate (the issue asks for "well under a minute" for a full year). The ratio
  shrinks as the scale grows (start-up costs are fixed); its target is for the default scale.
- ``year figures`` / ``month figures``: ``kpi.figures`` against the equivalent hand-written SQL
  aggregate run with the bare driver, on the loaded database (or on ``CSC_BENCH_DB``, e.g. a
  ten-year database made with ``csc-console demo --years 2013-2022``).

Environment: ``CSC_BENCH_DEMO_SCALE`` (default 0.25 of a year), ``CSC_BENCH_DB``.

    python bench/run.py --only demo_load
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.common import Result, interleave, median

SCALE = float(os.environ.get("CSC_BENCH_DEMO_SCALE", "0.25"))
YEAR = 2022


def _migrated_template(folder: Path) -> Path:
    from csc_console.db.engine import Database
    from csc_console.db.migrate import upgrade

    path = folder / "template.db"
    db = Database(f"sqlite:///{path}")
    try:
        upgrade(db)
    finally:
        db.dispose()
    return path


def _load_once(template: Path, target: Path) -> tuple[float, int]:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.demo import load_demo

    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
    ctx = open_context(load_settings(database_url=f"sqlite:///{target}"))
    try:
        started = time.perf_counter()
        result = load_demo(ctx, years=[YEAR], scale=SCALE)
        elapsed = time.perf_counter() - started
    finally:
        ctx.db.dispose()
    rows = result.calls + result.requests + sum(y.work_orders + y.new_callers for y in result.years)
    return elapsed, rows


def _bare_insert(target: Path, rows: int) -> float:
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (a INTEGER, b TEXT, c TEXT, d TEXT, e TEXT, f INTEGER)")
        data = [
            (i, "phone", "2022-01-03 16:00:00.000000", "2022-01-03 16:01:00.000000", "x", 1)
            for i in range(rows)
        ]
        started = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", data)
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


# The same figures as kpi.figures, written by hand in SQLite's idiom.
_HAND_WRITTEN = """
SELECT sum(answered_at IS NOT NULL),
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
"""
_REQUESTS = "SELECT count(*) FROM service_request WHERE created_at >= ? AND created_at < ?"


def _figures_cases(url: str, repeat: int) -> list[Result]:
    from csc_console.config import load_settings
    from csc_console.services import kpi
    from csc_console.services.bootstrap import open_context

    ctx = open_context(load_settings(database_url=url))
    path = url.removeprefix("sqlite:///")
    bare = sqlite3.connect(path)
    results = []
    try:
        for name, start, end in (
            ("year figures", date(YEAR, 1, 1), date(YEAR + 1, 1, 1)),
            ("month figures", date(YEAR, 3, 1), date(YEAR, 4, 1)),
        ):
            lo, hi = kpi.utc_bounds(ctx.zone, start, end)
            bounds = (
                lo.strftime("%Y-%m-%d %H:%M:%S.%f"),
                hi.strftime("%Y-%m-%d %H:%M:%S.%f"),
            )

            def service(start: date = start, end: date = end) -> float:
                t = time.perf_counter()
                kpi.figures(ctx, start=start, end=end)
                return (time.perf_counter() - t) * 1000

            def hand(bounds: tuple[str, str] = bounds) -> float:
                t = time.perf_counter()
                bare.execute(_HAND_WRITTEN, bounds).fetchall()
                bare.execute(_REQUESTS, bounds).fetchall()
                return (time.perf_counter() - t) * 1000

            samples = interleave({"service": service, "hand": hand}, repeat)
            results.append(
                Result(
                    case=name,
                    median_ms=median(samples["service"]),
                    baseline_ms=median(samples["hand"]),
                    target=1.5,
                    samples=repeat,
                    note="kpi.figures vs hand-written SQL, SQLite",
                )
            )
    finally:
        bare.close()
        ctx.db.dispose()
    return results


def run(repeat: int = 7) -> list[Result]:
    loads = max(1, min(repeat, 3))  # a load takes seconds: three samples are plenty
    with tempfile.TemporaryDirectory(prefix="csc-bench-demo-") as tmp:
        folder = Path(tmp)
        template = _migrated_template(folder)
        target = folder / "demo.db"
        demo_s: list[float] = []
        bare_s: list[float] = []
        rows = 0
        for _ in range(loads):
            elapsed, rows = _load_once(template, target)
            demo_s.append(elapsed)
            bare_s.append(_bare_insert(folder / "bare.db", rows))
        load_median = median(demo_s)
        results = [
            Result(
                case=f"demo load ({SCALE:g} year, SQLite)",
                median_ms=load_median * 1000,
                baseline_ms=median(bare_s) * 1000,
                target=40.0,
                samples=loads,
                note=f"{rows:,} rows in {load_median:.1f} s; full year about "
                f"{load_median / SCALE:.0f} s",
            )
        ]
        results += _figures_cases(os.environ.get("CSC_BENCH_DB") or f"sqlite:///{target}", repeat)
    return results
