"""Work-order queues and the daily sheet, as the data grows: the ten-year database against a
database whose queue holds about 1,000 work orders, interleaved in the same run; each ratio
ten-year / small must stay within 1.5x (one indexed query per page, nothing loaded wholesale).

- ``queue: open one division and status``: what the Work orders screen does to show its first
  page (``queue_watch.latest_change`` + ``list_queue``, 50 rows) for the queue of one division
  and status: Street Maintenance and Waste, completed (107,504 work orders on the ten-year
  database, about 1,000 on the small one).
- ``queue: page through it``: the next 19 pages of the same queue, one ``list_queue`` each
  (1,000 rows: the whole small queue), as Down at the bottom of each page does.
- ``queue: screen open to first page``: the same, through the screen itself: a headless
  console pushes a fresh ``WorkOrdersScreen`` (filter set) and the clock stops when its table
  shows the first page.
- ``daily sheet``: ``division_sheet`` + the plain-text rendering for that division and the
  last day of the data, each database carrying the same backlog of 400 open work orders (the
  demo data closes every work order, so a sheet would otherwise be empty). The note also gives
  it against the small queue's opening.

The ten-year database is ``bench_intake_lookups``'s (``_decade_path()``, built once); the
backlog goes into a private copy of it (``~/.cache/csc-console-bench/decade-backlog.db``,
copied once with SQLite's backup, rebuilt when the ten-year database is newer), never into the
shared file. The small database is rebuilt each run (seconds).

    python bench/run.py --only queue
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
import time
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

from bench.common import Result, interleave, median

TARGET = 1.5
DEPARTMENT, DIVISION, STATUS = "public-works", "street-maintenance-waste", "completed"
SMALL_SCALE = 0.094  # of a year: about 1,000 completed work orders in the division
SMALL_YEAR = 2022
PAGE = 50
PAGES = 20
BACKLOG = 400


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _backlog(path: Path, count: int) -> date:
    """Add ``count`` open work orders to the division, created over the 30 days before the last
    day of the data (copies of its latest work orders, new numbers); returns that last day."""
    with closing(sqlite3.connect(path)) as conn, conn:
        last = conn.execute("SELECT max(created_at) FROM work_order").fetchone()[0]
        day = datetime.fromisoformat(str(last)).date()
        columns = [r[1] for r in conn.execute("PRAGMA table_info(work_order)")]
        copied = [
            c
            for c in columns
            if c
            not in ("id", "number", "status", "created_at", "completed_at", "resolution", "version")
        ]
        statuses = ("assigned", "dispatched", "in_progress", "new", "on_hold")
        conn.execute(
            f"""
            INSERT INTO work_order (number, status, created_at, version, {", ".join(copied)})
            SELECT printf('WO-%d-9%05d', {day.year}, rn),
                   CASE rn % 5 {" ".join(f"WHEN {i} THEN '{s}'" for i, s in enumerate(statuses))} END,
                   datetime('{day.isoformat()}', printf('-%d hours', rn % 720)) || '.000000',
                   1, {", ".join(copied)}
            FROM (SELECT row_number() OVER (ORDER BY id DESC) AS rn, * FROM work_order
                  WHERE department_code = ? AND division = ? ORDER BY id DESC LIMIT ?)
            """,
            (DEPARTMENT, DIVISION, count),
        )
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all in the main file, then closed
    return day


def _decade_backlog() -> Path:
    from bench.bench_intake_lookups import _decade_path

    decade = _decade_path()
    copy = decade.with_name("decade-backlog.db")
    if copy.exists() and copy.stat().st_mtime >= decade.stat().st_mtime:
        return copy
    print(f"  copying the ten-year database to {copy} and adding a backlog (once) ...", flush=True)
    building = copy.with_suffix(".building")
    building.unlink(missing_ok=True)
    with (
        sqlite3.connect(f"file:{decade}?mode=ro", uri=True) as source,
        sqlite3.connect(building) as target,
    ):
        source.backup(target)
    _backlog(building, BACKLOG)
    building.rename(copy)
    return copy


def _small(folder: Path) -> Path:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.demo import load_demo

    path = folder / "small.db"
    ctx = open_context(load_settings(database_url=_url(path)))
    try:
        load_demo(ctx, years=[SMALL_YEAR], scale=SMALL_SCALE)
    finally:
        ctx.db.dispose()
    _backlog(path, BACKLOG)
    return path


class _Side:
    """One database: its context, the queue's filter, the sheet's day."""

    def __init__(self, path: Path) -> None:
        from csc_console.config import load_settings
        from csc_console.services.bootstrap import open_context
        from csc_console.services.queues import QueueFilter, list_queue

        self.settings = load_settings(database_url=_url(path))
        self.ctx = open_context(self.settings)
        self.filt = QueueFilter(department=DEPARTMENT, division=DIVISION, statuses=(STATUS,))
        first = list_queue(self.ctx, self.filt, limit=1)
        self.rows = first.total
        self.capped = first.total_capped
        with self.ctx.db.engine.connect() as conn:
            from sqlalchemy import text

            last = conn.execute(text("SELECT max(created_at) FROM work_order")).scalar()
            # the true size, for the note (the console counts only up to queues.COUNT_CAP)
            self.rows = int(
                conn.execute(
                    text("SELECT count(*) FROM work_order WHERE division = :d AND status = :s"),
                    {"d": DIVISION, "s": STATUS},
                ).scalar()
                or 0
            )
        self.day = datetime.fromisoformat(str(last)).date()
        self.sheet_orders = 0

    def open_queue(self) -> float:
        from csc_console.services.queue_watch import latest_change
        from csc_console.services.queues import list_queue

        started = time.perf_counter()
        latest_change(self.ctx)
        list_queue(self.ctx, self.filt, sort="due", offset=0, limit=PAGE)
        return (time.perf_counter() - started) * 1000

    def page_through(self) -> float:
        from csc_console.services.queues import list_queue

        started = time.perf_counter()
        for page in range(1, PAGES):
            list_queue(self.ctx, self.filt, sort="due", offset=page * PAGE, limit=PAGE)
        return (time.perf_counter() - started) * 1000

    def sheet(self) -> float:
        from csc_console.services.sheets import division_sheet, render

        started = time.perf_counter()
        sheet = division_sheet(self.ctx, department=DEPARTMENT, division=DIVISION, day=self.day)
        render(self.ctx, sheet, "text")
        elapsed = (time.perf_counter() - started) * 1000
        self.sheet_orders = len(sheet.orders)
        return elapsed

    def close(self) -> None:
        self.ctx.db.dispose()


def _screen_samples(side: _Side, repeat: int) -> list[float]:
    """Open-to-first-page through the screen: a fresh WorkOrdersScreen each sample."""
    from csc_console.app import CscApp
    from csc_console.screens.work_orders.queue import QueueQuery, WorkOrdersScreen
    from csc_console.services.operators import sign_in

    ctx = side.ctx
    operator = sign_in(ctx, username="lwilliams")  # the demo data's supervisor
    app = CscApp(side.settings, ctx)
    samples: list[float] = []

    async def run() -> None:
        async with app.run_test(size=(110, 36)) as pilot:
            await pilot.pause(0.2)
            app.ctx = ctx.as_operator(operator)
            for _ in range(repeat + 1):  # the first one is a warm-up (imports, CSS)
                screen = WorkOrdersScreen()
                screen.query_state = QueueQuery(side.filt)
                started = time.perf_counter()
                await app.push_screen(screen)
                while screen.view is None:
                    await asyncio.sleep(0.001)
                await pilot.pause(0)  # the page reaches the table
                samples.append((time.perf_counter() - started) * 1000)
                app.pop_screen()
                await pilot.pause(0.05)

    asyncio.run(run())
    return samples[1:]


def run(repeat: int = 7) -> list[Result]:
    rounds = max(repeat, 7) * 5
    decade_path = _decade_backlog()
    with tempfile.TemporaryDirectory(prefix="csc-bench-queue-") as folder:
        small_path = _small(Path(folder))
        decade, small = _Side(decade_path), _Side(small_path)
        try:
            samples = interleave(
                {
                    "decade open": decade.open_queue,
                    "small open": small.open_queue,
                    "decade pages": decade.page_through,
                    "small pages": small.page_through,
                    "decade sheet": decade.sheet,
                    "small sheet": small.sheet,
                },
                repeat=rounds,
                warmup=3,
            )
            screen_decade: list[float] = []
            screen_small: list[float] = []
            for _ in range(2):  # alternate the two sides, a few samples at a time
                screen_decade += _screen_samples(decade, max(2, repeat // 2))
                screen_small += _screen_samples(small, max(2, repeat // 2))
        finally:
            decade.close()
            small.close()
    where = f"{decade.rows:,} vs {small.rows:,} work orders in the queue (counted to 1,000)"
    rows = [
        ("queue: open one division and status", "decade open", "small open", "first page (50)"),
        ("queue: page through it", "decade pages", "small pages", f"pages 2-{PAGES}"),
    ]
    results = [
        Result(
            case,
            median(samples[big]),
            median(samples[base]),
            TARGET,
            len(samples[big]),
            note=f"{what}; {where}; {median(samples[big]):.1f} ms vs {median(samples[base]):.1f} ms",
        )
        for case, big, base, what in rows
    ]
    results.append(
        Result(
            "queue: screen open to first page",
            median(screen_decade),
            median(screen_small),
            TARGET,
            len(screen_decade),
            note=f"headless console, fresh WorkOrdersScreen; {where}",
        )
    )
    sheet_ms = median(samples["decade sheet"])
    results.append(
        Result(
            "daily sheet (division, text)",
            sheet_ms,
            median(samples["small sheet"]),
            TARGET,
            len(samples["decade sheet"]),
            note=(
                f"{decade.sheet_orders} open work orders on each; ten-year vs small database; "
                f"{sheet_ms:.1f} ms = {sheet_ms / median(samples['small open']):.2f}x the small "
                "queue's opening"
            ),
        )
    )
    return results


if __name__ == "__main__":
    from bench.common import format_table

    print(format_table(run()))
