"""Demo data: a synthetic but realistic year (or decade) of the centre's work.

``load_demo(ctx, years=[2022])`` fills the database with calls, callers, service requests,
their callers and work orders, calibrated so that the figures computed from the rows
(``services.kpi``) reproduce the centre's published 2022 figures: 139,119 calls answered,
average speed of answer 199 s, 52% answered within 30 s, average handle time 160 s, 37,052
requests. Other years vary around those figures. The same seed gives the same rows.

It writes with bulk inserts, one transaction per year, and refuses a year that already has
calls rather than mixing demo and real data. The demo staff (five CSRs, a supervisor, a
dispatcher) are added if missing.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, exists, select, text
from sqlalchemy.exc import DBAPIError, OperationalError

from csc_console.db.engine import describe_failure
from csc_console.db.types import utcnow
from csc_console.errors import ValidationError
from csc_console.services.context import Ctx
from csc_console.services.demo.generate import Shared, generate_year
from csc_console.services.demo.people import AddressBook, CallerPool, ensure_staff
from csc_console.services.demo.requests import CategoryPicker
from csc_console.services.demo.store import TABLES, write_year
from csc_console.services.kpi import CALL, utc_bounds

__all__ = [
    "DEFAULT_SEED",
    "DemoResult",
    "YearLoaded",
    "load_demo",
    "parse_years",
    "years_with_calls",
]

DEFAULT_SEED = 311
FIRST_YEAR = 2000
MAX_SCALE = 10.0
LOAD_CACHE_KIB = -131_072  # SQLite page cache while loading: 128 MiB (the default is 2 MiB)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class YearLoaded:
    year: int
    calls: int
    requests: int
    work_orders: int
    new_callers: int
    relay_calls: int
    generate_seconds: float
    write_seconds: float
    operator_overlaps: int


@dataclass(frozen=True)
class DemoResult:
    years: tuple[YearLoaded, ...]
    seed: int
    scale: float
    staff_added: tuple[str, ...]
    seconds: float

    @property
    def calls(self) -> int:
        return sum(y.calls for y in self.years)

    @property
    def requests(self) -> int:
        return sum(y.requests for y in self.years)


def parse_years(text: str) -> list[int]:
    """``"2022"`` -> [2022]; ``"2013-2022"`` -> [2013, ..., 2022]."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4})\s*)?", text or "")
    if not m:
        raise ValidationError(
            f"{text!r} is not a year or a range of years; write 2022 or 2013-2022.", field="years"
        )
    first = int(m.group(1))
    last = int(m.group(2) or first)
    if last < first:
        raise ValidationError(
            f"The range {text.strip()} runs backwards; write {last}-{first}.", field="years"
        )
    return list(range(first, last + 1))


def _check_years(ctx: Ctx, years: Sequence[int]) -> None:
    this_year = datetime.now(ctx.zone).year
    for year in years:
        if year < FIRST_YEAR:
            raise ValidationError(
                f"Demo data starts at {FIRST_YEAR}; {year} is too early.", field="years"
            )
        if year > this_year:
            raise ValidationError(
                f"Demo data can only be made for past years and this one; {year} has not happened yet.",
                field="years",
            )


def _year_has_calls(lo: datetime, hi: datetime) -> Select[tuple[bool]]:
    return select(exists().where(CALL.c.queued_at >= lo, CALL.c.queued_at < hi))


def years_with_calls(ctx: Ctx, years: Sequence[int]) -> list[int]:
    """Which of ``years`` (local calendar years) already have calls in the database."""
    found = []
    with ctx.db.session() as s:
        for year in years:
            lo, hi = utc_bounds(ctx.zone, date(year, 1, 1), date(year + 1, 1, 1))
            q = _year_has_calls(lo, hi)
            if s.scalar(q):
                found.append(year)
    return found


def _refuse(found: Sequence[int]) -> ValidationError:
    listed = (
        " and ".join(str(y) for y in found)
        if len(found) <= 2
        else (", ".join(str(y) for y in found[:-1]) + f" and {found[-1]}")
    )
    return ValidationError(
        f"The database already has calls in {listed}; demo data is only loaded into years without calls.",
        field="years",
    )


def load_demo(
    ctx: Ctx,
    *,
    years: Sequence[int],
    seed: int = DEFAULT_SEED,
    scale: float = 1.0,
    progress: Progress | None = None,
) -> DemoResult:
    """Generate and write demo data for ``years`` (one transaction per year)."""
    say = progress or (lambda _line: None)
    years = sorted(set(years))
    if not years:
        raise ValidationError("Name at least one year to load.", field="years")
    if not 0 < scale <= MAX_SCALE:
        raise ValidationError(
            f"The scale must be above 0 and at most {MAX_SCALE:g} (1 is a full year); {scale:g} is not.",
            field="scale",
        )
    _check_years(ctx, years)
    found = years_with_calls(ctx, years)
    if found:
        raise _refuse(found)
    span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    volume = "full volume" if scale == 1.0 else f"scale {scale:g}"
    say(f"Loading demo data for {span} into {ctx.db.describe()} (seed {seed}, {volume}).")
    started = time.perf_counter()
    staff = ensure_staff(ctx)
    rng = random.Random(f"csc-demo-{seed}")
    streets = ctx.catalog.street_index
    addresses = AddressBook(
        list(ctx.catalog.streets), rng, checker=lambda text: streets.check(text).address_key
    )
    shared = Shared(
        ctx=ctx,
        rng=rng,
        pool=CallerPool(rng, addresses),
        addresses=addresses,
        picker=CategoryPicker(ctx.catalog, rng),
        staff=staff,
        now=int(utcnow().timestamp()),
    )
    loaded = [_load_year(ctx, shared, year, scale=scale, say=say) for year in years]
    return DemoResult(
        years=tuple(loaded),
        seed=seed,
        scale=scale,
        staff_added=staff.created,
        seconds=time.perf_counter() - started,
    )


def _load_year(ctx: Ctx, shared: Shared, year: int, *, scale: float, say: Progress) -> YearLoaded:
    t0 = time.perf_counter()
    try:
        with ctx.db.engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            sqlite = conn.dialect.name == "sqlite"
            raw: Any = conn.connection.driver_connection
            if sqlite:  # room for the growing indexes while loading
                raw.execute(f"PRAGMA cache_size = {LOAD_CACHE_KIB}")
            try:
                with conn.begin():
                    lo, hi = utc_bounds(ctx.zone, date(year, 1, 1), date(year + 1, 1, 1))
                    if conn.scalar(_year_has_calls(lo, hi)):
                        raise _refuse([year])
                    data = generate_year(shared, year, scale=scale)
                    t1 = time.perf_counter()
                    say(
                        f"{year}: generated {len(data.calls):,} contacts and "
                        f"{len(data.requests):,} requests in {t1 - t0:.1f} s; writing."
                    )
                    written = write_year(conn, shared, data, operator_id=ctx.operator_id)
                if not sqlite:  # fresh statistics for the planner
                    with conn.begin():
                        conn.execute(text("ANALYZE " + ", ".join(f'"{t.name}"' for t in TABLES)))
            finally:
                if sqlite:
                    raw.execute("PRAGMA cache_size = -2000")
            t2 = time.perf_counter()
    except (OperationalError, DBAPIError) as exc:
        raise describe_failure(exc, ctx.db.url) from exc
    say(
        f"{year}: wrote {written.calls:,} calls, {written.requests:,} requests "
        f"({written.first_request or 'none'} to {written.last_request or 'none'}), "
        f"{written.work_orders:,} work orders and {written.callers:,} new callers in {t2 - t1:.1f} s."
    )
    return YearLoaded(
        year=year,
        calls=written.calls,
        requests=written.requests,
        work_orders=written.work_orders,
        new_callers=written.callers,
        relay_calls=written.relay_calls,
        generate_seconds=t1 - t0,
        write_seconds=t2 - t1,
        operator_overlaps=data.overlaps,
    )
