"""The supervisor dashboard: everything it shows for one range, and a cheap change check.

``dashboard(ctx, view=...)`` reads, for the whole centre or one CSR:

- the figures (``kpi.figures``) with the service-level formula named;
- a trend over the range (at least the last two weeks for short ranges): calls answered,
  service level and requests received per day, week or month (``reports.grouped``);
- requests received by channel and by category;
- open and overdue work orders by department (the centre's, whoever is viewed);
- every CSR's figures with their long-call count, and the long calls themselves
  (``outliers``: relay calls are never flagged).

``signature(ctx)`` is what a screen polls: a handful of index-only reads (the newest audit
event, call, request and work order, the number of overdue work orders, the local date). When
it has not changed since the last read, nothing the dashboard shows can have changed either:
every change made through the console writes an audit event in the same transaction, bulk loads
(demo years, call-data imports) write a summary event, and the local date and the overdue
count cover what time alone changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select

from csc_console.db.models import AuditEvent, WorkOrder
from csc_console.db.types import utcnow
from csc_console.errors import NotFound
from csc_console.services import kpi, outliers, reports
from csc_console.services.context import Ctx
from csc_console.services.kpi import CALL, REQUEST, Figures, ServiceLevelFormula
from csc_console.services.overview import DepartmentWork
from csc_console.services.periods import DateRange, period_label, preset_range, trend_unit
from csc_console.services.workorders import OPEN_STATUSES
from csc_console.vocab import Channel

TREND_MIN_DAYS = 14

AUDIT = AuditEvent.__table__  # type: ignore[attr-defined]
WORK = WorkOrder.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class View:
    """What the supervisor asked to see: a range (a preset, or custom dates), everyone or one
    CSR (username), and the service-level formula."""

    kind: str = "today"
    first: date | None = None  # custom range, inclusive
    last: date | None = None
    operator: str | None = None
    formula: ServiceLevelFormula = "answered"

    def date_range(self, today: date) -> DateRange:
        if self.kind == "custom":
            from csc_console.services.periods import custom_range

            assert self.first is not None and self.last is not None
            return custom_range(self.first, self.last)
        return preset_range(self.kind, today)


@dataclass(frozen=True)
class CountLine:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class TrendPoint:
    key: date
    label: str  # "Monday 7 March 2022"
    short_label: str  # "Mon 7 Mar"
    calls_answered: int
    service_level_pct: float | None
    asa_seconds: float | None
    requests_received: int


@dataclass(frozen=True)
class Trend:
    unit: str  # day | week | month
    start: date
    end: date  # exclusive
    points: tuple[TrendPoint, ...]


@dataclass(frozen=True)
class CsrLine:
    username: str
    name: str
    figures: Figures
    long_calls: int


@dataclass(frozen=True)
class Signature:
    day: date
    audit: int
    calls: int
    requests: int
    work_orders: int
    overdue: int


@dataclass(frozen=True)
class DashboardData:
    view: View
    range: DateRange
    operator_name: str | None  # the CSR viewed, or None for the whole centre
    figures: Figures
    trend: Trend
    requests_by_channel: tuple[CountLine, ...]
    requests_by_category: tuple[CountLine, ...]
    work_orders: tuple[DepartmentWork, ...]
    csrs: tuple[CsrLine, ...]
    outliers: outliers.Outliers
    signature: Signature


# --------------------------------------------------------------------------- change check
def signature(ctx: Ctx, *, now: datetime | None = None) -> Signature:
    """Cheap: the newest ids of the tables the dashboard reads, and the overdue count."""
    moment = now or utcnow()
    newest = select(
        select(func.max(AUDIT.c.id)).scalar_subquery(),
        select(func.max(CALL.c.id)).scalar_subquery(),
        select(func.max(REQUEST.c.id)).scalar_subquery(),
        select(func.max(WORK.c.id)).scalar_subquery(),
        select(func.count())
        .select_from(WORK)
        .where(
            WORK.c.status.in_([s.value for s in OPEN_STATUSES]),
            WORK.c.due_at < moment,
        )
        .scalar_subquery(),
    )
    with ctx.db.session() as s:
        row = s.execute(newest).one()
    values = [int(v or 0) for v in row]
    return Signature(moment.astimezone(ctx.zone).date(), *values)


# --------------------------------------------------------------------------- pieces
def requests_by(
    ctx: Ctx, *, start: date, end: date, by: str, operator: str | None = None
) -> tuple[CountLine, ...]:
    """Requests received per ``channel`` or ``category``, most first (zero groups left out)."""
    lo, hi = kpi.utc_bounds(ctx.zone, start, end)
    column = REQUEST.c.channel if by == "channel" else REQUEST.c.category_code
    q = (
        select(column.label("k"), func.count().label("n"))
        .where(REQUEST.c.created_at >= lo, REQUEST.c.created_at < hi)
        .group_by(column)
    )
    with ctx.db.session() as s:
        if operator is not None:
            q = q.where(REQUEST.c.operator_id == kpi.operator_ref(s, operator)[0])
        rows = s.execute(q).all()
    lines = [CountLine(str(k), _label(ctx, by, str(k)), int(n)) for k, n in rows]
    return tuple(sorted(lines, key=lambda c: (-c.count, c.label)))


def _label(ctx: Ctx, by: str, key: str) -> str:
    if by == "channel":
        try:
            return Channel(key).label
        except ValueError:
            return key
    try:
        return ctx.catalog.entry(key).name
    except NotFound:
        return key


def work_by_department(ctx: Ctx, *, now: datetime | None = None) -> tuple[DepartmentWork, ...]:
    """Open and overdue work orders per department, in one indexed query (open statuses by
    ``ix_work_order_status_due``): every department the catalog sends work orders to, zero
    when it has none, then any other department with open ones."""
    moment = now or utcnow()
    overdue = func.coalesce(func.sum(case((WORK.c.due_at < moment, 1), else_=0)), 0)
    q = (
        select(WORK.c.department_code, func.count().label("open"), overdue.label("overdue"))
        .where(WORK.c.status.in_([s.value for s in OPEN_STATUSES]))
        .group_by(WORK.c.department_code)
    )
    with ctx.db.session() as s:
        counts = {str(r.department_code): (int(r.open), int(r.overdue)) for r in s.execute(q)}
    codes = [c.department for c in ctx.catalog.categories if c.work_order]
    ordered = list(dict.fromkeys([*codes, *sorted(counts)]))

    def name(code: str) -> str:
        try:
            return ctx.catalog.department(code).name
        except NotFound:
            return code

    return tuple(
        DepartmentWork(code, name(code), *counts.get(code, (0, 0))) for code in ordered
    )


def trend(
    ctx: Ctx,
    *,
    rng: DateRange,
    operator: str | None = None,
    formula: ServiceLevelFormula = "answered",
) -> Trend:
    """The range's trend, reaching back at least ``TREND_MIN_DAYS`` days from its end."""
    start = min(rng.start, rng.end - timedelta(days=TREND_MIN_DAYS))
    unit = trend_unit((rng.end - start).days)
    report = reports.grouped(
        ctx, start=start, end=rng.end, by=unit, formula=formula, operator=operator
    )
    points = tuple(
        TrendPoint(
            key=date.fromisoformat(row.key),
            label=period_label(date.fromisoformat(row.key), unit),
            short_label=period_label(date.fromisoformat(row.key), unit, short=True),
            calls_answered=row.figures.calls_answered,
            service_level_pct=row.figures.service_level_pct,
            asa_seconds=row.figures.asa_seconds,
            requests_received=row.figures.requests_received,
        )
        for row in report.rows
    )
    return Trend(unit, start, rng.end, points)


def csr_lines(
    ctx: Ctx,
    *,
    rng: DateRange,
    long: outliers.Outliers,
    formula: ServiceLevelFormula = "answered",
) -> tuple[CsrLine, ...]:
    """Every CSR's figures (active CSRs and anyone who answered calls in the range)."""
    report = reports.grouped(ctx, start=rng.start, end=rng.end, by="csr", formula=formula)
    return tuple(
        CsrLine(row.key, row.label, row.figures, long.count_for(row.key))
        for row in report.rows
        if row.key
    )


# --------------------------------------------------------------------------- the dashboard
def dashboard(ctx: Ctx, *, view: View, now: datetime | None = None) -> DashboardData:
    moment = now or utcnow()
    sig = signature(ctx, now=moment)
    rng = view.date_range(sig.day)
    who = view.operator
    operator_name = None
    if who is not None:
        with ctx.db.session() as s:
            operator_name = kpi.operator_ref(s, who)[1]
    long = outliers.long_calls(ctx, start=rng.start, end=rng.end, operator=who)
    return DashboardData(
        view=view,
        range=rng,
        operator_name=operator_name,
        figures=kpi.figures(
            ctx, start=rng.start, end=rng.end, formula=view.formula, operator=who
        ),
        trend=trend(ctx, rng=rng, operator=who, formula=view.formula),
        requests_by_channel=requests_by(
            ctx, start=rng.start, end=rng.end, by="channel", operator=who
        ),
        requests_by_category=requests_by(
            ctx, start=rng.start, end=rng.end, by="category", operator=who
        ),
        work_orders=work_by_department(ctx, now=moment),
        csrs=csr_lines(ctx, rng=rng, long=long, formula=view.formula),
        outliers=long,
        signature=sig,
    )


def csr_usernames(ctx: Ctx) -> list[tuple[str, str]]:
    """(username, display name) of the active CSRs, by name: the per-CSR views to step through."""
    from csc_console.services.kpi import OPERATOR
    from csc_console.vocab import Role

    with ctx.db.session() as s:
        rows = s.execute(
            select(OPERATOR.c.username, OPERATOR.c.display_name)
            .where(OPERATOR.c.role == Role.CSR.value, OPERATOR.c.active.is_(True))
            .order_by(OPERATOR.c.display_name, OPERATOR.c.username)
        ).all()
    return [(str(u), str(n)) for u, n in rows]
