"""A year of call-detail records and the calls the CSRs logged, for ``bench_kpi``'s import case.

``prepare(folder, rows)`` loads a demo year into a fresh SQLite file, writes the phone system's
CSV for its queue calls, then turns the database into what the console alone would hold: each
answered call logged up to 20 seconds off the phone system's answer time (two clocks) and
queued when it was logged (the console does not see the queue), and no abandoned queue calls
(only the phone system saw them). Importing the file puts the queue back.
"""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("America/Los_Angeles")
YEAR = 2022
FULL_YEAR_QUEUE_CALLS = 155_000  # about: answered + abandoned calls of the 2022 demo year


@dataclass(frozen=True)
class Prepared:
    template: Path  # the database the CSRs' console would hold
    csv_path: Path
    rows: int


def _local(text: str) -> str:
    moment = datetime.fromisoformat(text).replace(tzinfo=UTC).astimezone(ZONE)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def prepare(folder: Path, rows: int) -> Prepared:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.demo import load_demo

    template = folder / "logged.db"
    ctx = open_context(load_settings(database_url=f"sqlite:///{template}"))
    try:
        load_demo(ctx, years=[YEAR], scale=min(1.0, rows / FULL_YEAR_QUEUE_CALLS * 1.02), seed=11)
    finally:
        ctx.db.dispose()
    conn = sqlite3.connect(template, isolation_level=None)
    csv_path = folder / "cdr.csv"
    written = 0
    try:
        cursor = conn.execute(
            "SELECT c.id, c.queued_at, c.answered_at, c.ended_at, o.username, c.hold_seconds "
            "FROM call c LEFT JOIN operator o ON o.id = c.operator_id "
            "WHERE c.channel IN ('phone', 'relay') ORDER BY c.queued_at LIMIT ?",
            (rows,),
        )
        with csv_path.open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(["call_id", "queued", "answered", "ended", "agent", "hold_seconds"])
            for call_id, queued, answered, ended, agent, hold in cursor:
                if answered is None:
                    out.writerow([f"PBX{call_id:08d}", _local(queued), "", _local(ended), "", 0])
                else:
                    out.writerow(
                        [f"PBX{call_id:08d}", _local(queued), _local(answered), _local(ended),
                         agent, hold]
                    )  # fmt: skip
                written += 1
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN")
        conn.execute(
            "UPDATE call SET answered_at = strftime('%Y-%m-%d %H:%M:%S', answered_at, "
            "printf('%+d seconds', abs(random()) % 41 - 20)) || '.000000' "
            "WHERE answered_at IS NOT NULL"
        )
        conn.execute("UPDATE call SET queued_at = answered_at WHERE answered_at IS NOT NULL")
        conn.execute(
            "DELETE FROM call WHERE answered_at IS NULL AND channel IN ('phone', 'relay')"
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return Prepared(template, csv_path, written)


def copy_database(template: Path, target: Path) -> None:
    import shutil

    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
