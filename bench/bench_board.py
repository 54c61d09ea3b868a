"""The dispatcher's board and log as the radio log grows: a decade of entries vs one day.

The ten-year demo database has no radio traffic, so this bench writes its own: a fresh migrated
SQLite file (the catalog's 32 units), then a plausible day per unit repeated for ten years
(about 13 entries per unit per working day: dispatched, en route, on scene, notes, cleared,
check-ins, a lunch; about 1.5 million rows), bulk inserted; the units' cached statuses are set
from the last entries. The one-day database gets the same generator for a single day.

Measured, interleaved in the same run (target: decade <= 1.5x one day):

- ``board refresh``: what the Dispatch screen's timer does when something changed:
  ``board_signature`` + ``board`` (one query on the unit table);
- ``log tail``: ``list_log`` of the latest 200 entries (the log panel, newest at the bottom);
- ``both``: the two together (the workspace's ``fetch``).

The decade file takes a minute or two to build, so it is cached: ``CSC_BENCH_BOARD_DB`` (a path
or SQLite URL), else ``~/.cache/csc-console-bench/board-decade.db``; built there when missing.

    python bench/run.py --only board
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import Result, interleave, median

TARGET = 1.5
YEARS = 10
END = datetime(2026, 3, 3, 1, 0, tzinfo=UTC)  # the evening of Monday, March 2, 2026 in Pasadena
SHIFT_START_UTC = 15  # 7 AM in Pasadena (PST), near enough all year for a bench

# One unit's day: (minutes after the shift starts, status code or None for a note, message).
DAY = [
    (0, "available", "on duty"),
    (20, "dispatched", ""),
    (28, "en_route", ""),
    (45, "on_scene", "patching"),
    (110, None, "Check-in: still on scene."),
    (150, "cleared", "done, heading back"),
    (180, "dispatched", ""),
    (190, "en_route", ""),
    (215, "on_scene", ""),
    (260, "lunch", ""),
    (300, "available", ""),
    (420, None, "copy, heading to the yard"),
    (540, "off_duty", "end of shift"),
]
STREETS = ["N Lake Ave", "E Colorado Blvd", "E Walnut St", "N Fair Oaks Ave", "S Marengo Ave"]


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _stamp(moment: datetime) -> str:
    """How ``UTCDateTime`` stores a timestamp in SQLite (naive UTC, microseconds)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _rows(unit_ids: list[int], days: int, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    first = (END - timedelta(days=days)).replace(
        hour=SHIFT_START_UTC, minute=0, second=0, microsecond=0
    )
    for day in range(days):
        start = first + timedelta(days=day)
        for unit_id in unit_ids:
            jitter = rng.randint(0, 20)
            for minutes, status, message in DAY:
                at = start + timedelta(minutes=minutes + jitter, seconds=rng.randint(0, 59))
                direction = "to_unit" if status == "dispatched" else "from_unit"
                place = (
                    f"{rng.randint(1, 2999)} {rng.choice(STREETS)}"
                    if status == "on_scene"
                    else None
                )
                yield (
                    _stamp(at),
                    unit_id,
                    direction,
                    status,
                    place,
                    None,
                    message,
                    None,
                    None,
                    None,
                )


def _build(path: Path, days: int) -> int:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context

    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    ctx = open_context(load_settings(database_url=_url(path)))  # migrated, units from the catalog
    ctx.db.dispose()
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA synchronous=OFF")
        unit_ids = [r[0] for r in db.execute("SELECT id FROM unit WHERE active ORDER BY id")]
        rng = random.Random(5)
        rows = _rows(unit_ids, days, rng)
        total = 0
        while True:
            chunk = [row for _, row in zip(range(50_000), rows, strict=False)]
            if not chunk:
                break
            db.executemany(
                "INSERT INTO dispatch_entry (at, unit_id, direction, status, location, work_order_id,"
                " message, operator_id, corrects_id, client_key) VALUES (?,?,?,?,?,?,?,?,?,?)",
                chunk,
            )
            total += len(chunk)
        # The board reads the cached status on each unit: the last status entry.
        db.execute(
            "UPDATE unit SET status = 'off_duty', status_since = ("
            " SELECT max(at) FROM dispatch_entry e WHERE e.unit_id = unit.id AND e.status IS NOT NULL),"
            " version = version + 1"
        )
        db.commit()
        db.execute("ANALYZE")
        db.commit()
        return total
    finally:
        db.close()


def _decade_path() -> Path:
    given = os.environ.get("CSC_BENCH_BOARD_DB")
    path = (
        Path(given.removeprefix("sqlite:///"))
        if given
        else Path.home() / ".cache" / "csc-console-bench" / "board-decade.db"
    )
    if not path.exists():
        print(
            f"  building the ten-year radio log at {path} (a minute or two, once) ...", flush=True
        )
        tmp = path.with_suffix(".building")
        started = time.monotonic()
        count = _build(tmp, YEARS * 365)
        tmp.rename(path)
        print(f"  {count:,} entries in {time.monotonic() - started:.0f} s", flush=True)
    return path


class _Side:
    def __init__(self, path: Path) -> None:
        from csc_console.config import load_settings
        from csc_console.services.bootstrap import open_context

        self.ctx = open_context(load_settings(database_url=_url(path)))
        with self.ctx.db.engine.connect() as conn:
            from sqlalchemy import text

            self.entries = int(
                conn.execute(text("SELECT count(*) FROM dispatch_entry")).scalar_one()
            )

    def board(self) -> float:
        from csc_console.services.dispatch import board, board_signature

        started = time.perf_counter()
        board_signature(self.ctx)
        board(self.ctx, now=END)
        return (time.perf_counter() - started) * 1000

    def tail(self) -> float:
        from csc_console.services.dispatch import list_log

        started = time.perf_counter()
        entries = list_log(self.ctx, limit=200)
        elapsed = (time.perf_counter() - started) * 1000
        assert len(entries) == 200
        return elapsed

    def both(self) -> float:
        return self.board() + self.tail()


def run(repeat: int = 7) -> list[Result]:
    rounds = max(repeat, 7) * 10
    decade_path = _decade_path()
    with tempfile.TemporaryDirectory(prefix="csc-bench-board-") as folder:
        day_path = Path(folder) / "day.db"
        _build(day_path, 1)
        decade, day = _Side(decade_path), _Side(day_path)
        try:
            samples = interleave(
                {
                    "decade board": decade.board,
                    "day board": day.board,
                    "decade tail": decade.tail,
                    "day tail": day.tail,
                    "decade both": decade.both,
                    "day both": day.both,
                },
                repeat=rounds,
                warmup=5,
            )
        finally:
            decade.ctx.db.dispose()
            day.ctx.db.dispose()
    sizes = f"{decade.entries:,} vs {day.entries:,} entries"
    rows = [
        ("dispatch: board refresh", "board", "signature + board"),
        ("dispatch: log tail (200)", "tail", "list_log limit 200"),
        ("dispatch: board + log tail", "both", "the workspace's fetch"),
    ]
    return [
        Result(
            case,
            median(samples[f"decade {key}"]),
            median(samples[f"day {key}"]),
            TARGET,
            len(samples[f"decade {key}"]),
            note=f"{what}; {sizes}; {median(samples[f'decade {key}']):.2f} ms vs {median(samples[f'day {key}']):.2f} ms",
        )
        for case, key, what in rows
    ]


if __name__ == "__main__":
    from bench.common import format_table

    print(format_table(run()))
