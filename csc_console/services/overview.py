"""Read-only overviews for the workspaces' first views (one query set per call, no writes).

- ``intake_overview``: today's requests so far (count and the latest few);
- ``work_order_overview``: open and overdue work orders per department;
- ``unit_overview``: every active unit with its status;
- ``today_figures``: today's call and request counts.

"Today" is the calendar day in the city's zone (``ctx.zone``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select
from sqlmodel import col

from csc_console.db.models import Call, ServiceRequest, Unit, WorkOrder
from csc_console.db.types import utcnow
from csc_console.errors import NotFound
from csc_console.services.context import Ctx
from csc_console.vocab import CallStatus, RequestStatus, WorkOrderStatus

RECENT_LIMIT = 50
_CLOSED_WORK = (WorkOrderStatus.COMPLETED.value, WorkOrderStatus.CANCELLED.value)


def today_bounds(ctx: Ctx, now: datetime | None = None) -> tuple[datetime, datetime]:
    """Start and end (UTC) of the current day in the city's zone."""
    local = (now or utcnow()).astimezone(ctx.zone)
    start = datetime.combine(local.date(), time(0), tzinfo=ctx.zone)
    end = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=ctx.zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def _category_name(ctx: Ctx, code: str) -> str:
    try:
        return ctx.catalog.entry(code).name
    except NotFound:
        return code


def _department_name(ctx: Ctx, code: str) -> str:
    try:
        return ctx.catalog.department(code).name
    except NotFound:
        return code


# --------------------------------------------------------------------------- intake
@dataclass(frozen=True)
class RequestLine:
    number: str
    category: str
    address: str
    status: str
    created_at: datetime  # in the city's zone


@dataclass(frozen=True)
class IntakeOverview:
    day: datetime  # local midnight
    requests_today: int
    recent: tuple[RequestLine, ...]  # newest first, at most RECENT_LIMIT


def intake_overview(ctx: Ctx, *, now: datetime | None = None) -> IntakeOverview:
    start, end = today_bounds(ctx, now)
    created = col(ServiceRequest.created_at)
    window = (created >= start, created < end)
    with ctx.db.session() as s:
        count = int(s.scalar(select(func.count()).select_from(ServiceRequest).where(*window)) or 0)
        rows = s.execute(
            select(
                col(ServiceRequest.number),
                col(ServiceRequest.category_code),
                col(ServiceRequest.address),
                col(ServiceRequest.status),
                created,
            )
            .where(*window)
            .order_by(created.desc(), col(ServiceRequest.id).desc())
            .limit(RECENT_LIMIT)
        ).all()
    recent = tuple(
        RequestLine(
            number=r.number,
            category=_category_name(ctx, r.category_code),
            address=r.address or "",
            status=RequestStatus(r.status).label,
            created_at=r.created_at.astimezone(ctx.zone),
        )
        for r in rows
    )
    return IntakeOverview(day=start.astimezone(ctx.zone), requests_today=count, recent=recent)


# --------------------------------------------------------------------------- work orders
@dataclass(frozen=True)
class DepartmentWork:
    department_code: str
    department: str
    open: int
    overdue: int


def work_order_overview(ctx: Ctx, *, now: datetime | None = None) -> tuple[DepartmentWork, ...]:
    """Open and overdue work orders per department: every department the catalog sends work
    orders to (zero when it has none), plus any other department that has open ones."""
    moment = now or utcnow()
    department = col(WorkOrder.department_code)
    due = col(WorkOrder.due_at)
    is_open = col(WorkOrder.status).not_in(_CLOSED_WORK)
    with ctx.db.session() as s:
        open_rows = s.execute(
            select(department, func.count()).where(is_open).group_by(department)
        ).all()
        overdue_rows = s.execute(
            select(department, func.count())
            .where(is_open, due.is_not(None), due < moment)
            .group_by(department)
        ).all()
    open_by = {code: int(n) for code, n in open_rows}
    overdue_by = {code: int(n) for code, n in overdue_rows}
    codes = [c.department for c in ctx.catalog.categories if c.work_order]
    ordered = list(dict.fromkeys([*codes, *sorted(open_by)]))
    return tuple(
        DepartmentWork(
            code, _department_name(ctx, code), open_by.get(code, 0), overdue_by.get(code, 0)
        )
        for code in ordered
    )


# --------------------------------------------------------------------------- units
@dataclass(frozen=True)
class UnitLine:
    call_sign: str
    name: str
    department: str
    status: str
    since: datetime | None  # in the city's zone


def unit_overview(ctx: Ctx) -> tuple[UnitLine, ...]:
    names = {s.code: s.name for s in ctx.catalog.dispatch_statuses}
    with ctx.db.session() as s:
        rows = s.execute(
            select(
                col(Unit.call_sign),
                col(Unit.name),
                col(Unit.department_code),
                col(Unit.status),
                col(Unit.status_since),
            )
            .where(col(Unit.active).is_(True))
            .order_by(col(Unit.call_sign))
        ).all()
    return tuple(
        UnitLine(
            call_sign=r.call_sign,
            name=r.name,
            department=_department_name(ctx, r.department_code),
            status=names.get(r.status, r.status.replace("_", " ").capitalize()),
            since=r.status_since.astimezone(ctx.zone) if r.status_since else None,
        )
        for r in rows
    )


# --------------------------------------------------------------------------- today's figures
@dataclass(frozen=True)
class TodayFigures:
    day: datetime  # local midnight
    calls_offered: int
    calls_answered: int
    calls_abandoned: int
    requests_received: int
    open_work_orders: int


def today_figures(ctx: Ctx, *, now: datetime | None = None) -> TodayFigures:
    start, end = today_bounds(ctx, now)
    queued = col(Call.queued_at)
    calls = (queued >= start, queued < end)
    created = col(ServiceRequest.created_at)
    count = func.count()
    with ctx.db.session() as s:
        offered = s.scalar(select(count).select_from(Call).where(*calls))
        answered = s.scalar(
            select(count).select_from(Call).where(*calls, col(Call.answered_at).is_not(None))
        )
        abandoned = s.scalar(
            select(count)
            .select_from(Call)
            .where(*calls, col(Call.status) == CallStatus.ABANDONED.value)
        )
        requests = s.scalar(
            select(count).select_from(ServiceRequest).where(created >= start, created < end)
        )
        open_work = s.scalar(
            select(count).select_from(WorkOrder).where(col(WorkOrder.status).not_in(_CLOSED_WORK))
        )
    return TodayFigures(
        start.astimezone(ctx.zone),
        int(offered or 0),
        int(answered or 0),
        int(abandoned or 0),
        int(requests or 0),
        int(open_work or 0),
    )
