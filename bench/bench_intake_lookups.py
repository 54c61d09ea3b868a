"""What a CSR feels per keystroke, as the data grows: caller lookup, duplicate check, suggestions.

Each action runs against a ten-year database (about 1.4 million calls, 370,000 requests) and a
one-week database (the same generator at 2% of a year), interleaved in the same run; the ratio
decade / week must stay within 1.3x (indexes, no scans, nothing loaded wholesale into Python).

- ``phone lookup``: ``callers.lookup_by_phone`` for numbers of existing callers (the caller,
  their last calls and open requests), a different number each time.
- ``duplicate check``: ``duplicates.find_duplicates`` for the category and address of existing
  requests, "now" being the end of that database's data (so there are candidates to find).
- ``category suggestions``: ``catalog.suggester.suggest`` on caller phrasings, growing a
  character at a time as typed (catalog-only; shown for completeness).

The decade database takes a few minutes to build, so it is cached:
``CSC_BENCH_DECADE_DB`` (a SQLite URL or path of a database made with
``csc-console demo --years 2013-2022``), else ``~/.cache/csc-console-bench/decade.db``, built on
first use. The week database is rebuilt each run (seconds).

    python bench/run.py --only intake_lookups
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import Result, interleave, median

TARGET = 1.3
DECADE = list(range(2013, 2023))
WEEK_SCALE = 7 / 365


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _build(path: Path, years: list[int], scale: float) -> None:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.demo import load_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    ctx = open_context(load_settings(database_url=_url(path)))
    try:
        load_demo(ctx, years=years, scale=scale)
    finally:
        ctx.db.dispose()


def _decade_path() -> Path:
    given = os.environ.get("CSC_BENCH_DECADE_DB")
    if given:
        return Path(given.removeprefix("sqlite:///"))
    path = Path.home() / ".cache" / "csc-console-bench" / "decade.db"
    if not path.exists():
        print(f"  building the ten-year database at {path} (a few minutes, once) ...", flush=True)
        tmp = path.with_suffix(".building")
        _build(tmp, DECADE, 1.0)
        tmp.rename(path)
    return path


class _Side:
    """One database, its context and the inputs sampled from it."""

    def __init__(self, path: Path, seed: int) -> None:
        from sqlalchemy import text

        from csc_console.config import load_settings
        from csc_console.services.bootstrap import open_context

        self.ctx = open_context(load_settings(database_url=_url(path)))
        rng = random.Random(seed)
        with self.ctx.db.engine.connect() as conn:
            phones = conn.execute(
                text("SELECT phone FROM caller WHERE phone IS NOT NULL ORDER BY id DESC LIMIT 2000")
            ).scalars().all()
            requests = conn.execute(
                text(
                    "SELECT category_code, address, created_at FROM service_request "
                    "WHERE address IS NOT NULL AND address_verified ORDER BY id DESC LIMIT 2000"
                )
            ).all()
        self.phones = rng.sample(list(phones), min(200, len(phones)))
        self.requests = rng.sample(list(requests), min(200, len(requests)))
        self._i = 0

    def _next(self, items: list[Any]) -> Any:
        self._i += 1
        return items[self._i % len(items)]

    def lookup(self) -> float:
        from csc_console.services.callers import lookup_by_phone

        phone = self._next(self.phones)
        started = time.perf_counter()
        lookup_by_phone(self.ctx, phone=phone)
        return (time.perf_counter() - started) * 1000

    def duplicates(self) -> float:
        from csc_console.services.duplicates import find_duplicates

        category, address, created = self._next(self.requests)
        when = created if isinstance(created, datetime) else datetime.fromisoformat(str(created))
        now = when.replace(tzinfo=UTC) + timedelta(days=1)
        started = time.perf_counter()
        find_duplicates(self.ctx, category=category, address=address, now=now)
        return (time.perf_counter() - started) * 1000


PHRASES = ["a dead raccoon on my street", "the streetlight outside is out", "somebody dumped a couch"]


def _suggest_timer() -> Any:
    from csc_console.catalog import get_catalog

    suggester = get_catalog().suggester
    typed = [p[:n] for p in PHRASES for n in range(3, len(p) + 1, 4)]
    state = {"i": 0}

    def measure() -> float:
        state["i"] += 1
        text = typed[state["i"] % len(typed)]
        started = time.perf_counter()
        suggester.suggest(text, limit=5)
        return (time.perf_counter() - started) * 1000

    return measure


def run(repeat: int = 7) -> list[Result]:
    rounds = max(repeat, 7) * 20
    decade_path = _decade_path()
    with tempfile.TemporaryDirectory(prefix="csc-bench-week-") as folder:
        week_path = Path(folder) / "week.db"
        _build(week_path, [2022], WEEK_SCALE)
        decade, week = _Side(decade_path, 1), _Side(week_path, 1)
        try:
            samples = interleave(
                {
                    "decade lookup": decade.lookup,
                    "week lookup": week.lookup,
                    "decade dupes": decade.duplicates,
                    "week dupes": week.duplicates,
                },
                repeat=rounds,
                warmup=20,
            )
        finally:
            decade.ctx.db.dispose()
            week.ctx.db.dispose()
    suggest = _suggest_timer()
    suggest_samples = interleave({"a": suggest, "b": suggest}, repeat=rounds, warmup=10)
    rows = [
        ("intake: phone lookup + history", "decade lookup", "week lookup"),
        ("intake: duplicate check", "decade dupes", "week dupes"),
    ]
    results = [
        Result(
            case,
            median(samples[big]),
            median(samples[small]),
            TARGET,
            len(samples[big]),
            note=f"ten-year vs one-week SQLite database; {median(samples[big]):.2f} ms vs {median(samples[small]):.2f} ms",
        )
        for case, big, small in rows
    ]
    results.append(
        Result(
            "intake: category suggestions",
            median(suggest_samples["a"]),
            median(suggest_samples["b"]),
            TARGET,
            len(suggest_samples["a"]),
            note=f"catalog only, independent of the database; {median(suggest_samples['a']):.2f} ms per keystroke",
        )
    )
    return results


if __name__ == "__main__":
    from bench.common import format_table

    print(format_table(run()))
