"""Work-order queues: filtered, sorted, paged from the database; CSV export; change detection.

A queue never loads whole tables: each page is one indexed query (``ix_work_order_queue`` on
department, division, status, due time) with LIMIT/OFFSET, and the total is counted up to a
cap, so a queue over hundreds of thousands of rows opens as fast as a small one.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, TextIO

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlmodel import col

from csc_console.db.models import ServiceRequest, WorkOrder
from csc_console.db.types import utcnow
from csc_console.errors import StaleEditError, ValidationError
from csc_console.services.context import Ctx, OperatorPublic
from csc_console.services.text import printable
from csc_console.services.workorder_views import overdue_words
from csc_console.services.workorders import OPEN_STATUSES, overdue_days
from csc_console.vocab import Priority, WorkOrderStatus

# A queue's size is counted exactly up to here and said as "more than 1,000" beyond: counting
# every row of a large backlog on each page costs more than the number tells a dispatcher,
# who filters a queue that long rather than page through it.
COUNT_CAP = 1_000
SORTS = ("due", "created", "priority", "number")
_PRIORITY_RANK = {p.value: i for i, p in enumerate(Priority)}


@dataclass(frozen=True)
class QueueFilter:
    department: str | None = None
    division: str | None = None
    crew: str | None = None
    statuses: tuple[str, ...] = tuple(s.value for s in OPEN_STATUSES)
    category: str | None = None
    priority: str | None = None
    overdue: bool = False
    text: str | None = None
    address: str | None = None

    def describe(self) -> str:
        parts = []
        if self.department:
            parts.append(self.department)
        if self.division:
            parts.append(self.division)
        if self.crew:
            parts.append(f"crew {self.crew}")
        parts.append(", ".join(WorkOrderStatus(s).label.lower() for s in self.statuses) or "any status")
        if self.category:
            parts.append(self.category)
        if self.priority:
            parts.append(f"{self.priority} priority")
        if self.overdue:
            parts.append("overdue")
        if self.text:
            parts.append(f"matching {self.text!r}")
        if self.address:
            parts.append(f"at {self.address!r}")
        return "; ".join(parts)


@dataclass(frozen=True)
class QueueRow:
    number: str
    request: str | None
    category_code: str
    category_name: str
    department_code: str
    division: str | None
    crew: str | None
    status: str
    priority: str
    address: str | None
    description: str
    created_at: datetime
    due_at: datetime | None
    updated_at: datetime
    version: int
    overdue_days: int | None

    @property
    def overdue_text(self) -> str:
        return overdue_words(self.overdue_days)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "request": self.request,
            "category": self.category_name,
            "category_code": self.category_code,
            "department": self.department_code,
            "division": self.division,
            "crew": self.crew,
            "status": self.status,
            "priority": self.priority,
            "address": self.address,
            "description": self.description,
            "created_at": self.created_at.isoformat(),
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "overdue": self.overdue_text or None,
        }


CSV_COLUMNS = (
    "number", "request", "category", "department", "division", "crew", "status", "priority",
    "address", "description", "created_at", "due_at", "overdue",
)


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    offset: int
    limit: int
    total: int  # exact up to COUNT_CAP
    total_capped: bool
    sort: str
    filter: QueueFilter = field(default_factory=QueueFilter)

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.rows) < self.total

    def describe_total(self) -> str:
        return f"more than {COUNT_CAP:,}" if self.total_capped else f"{self.total:,}"


def _conditions(ctx: Ctx, f: QueueFilter, now: datetime) -> list[ColumnElement[bool]]:
    cond: list[ColumnElement[bool]] = []
    if f.department:
        ctx.catalog.department(f.department)  # unknown department: a clear NotFound
        cond.append(col(WorkOrder.department_code) == f.department)
    if f.division:
        cond.append(col(WorkOrder.division) == f.division)
    if f.crew:
        cond.append(col(WorkOrder.crew) == f.crew.strip().upper())
    if f.statuses:
        try:
            values = [WorkOrderStatus.parse(s).value for s in f.statuses]
        except ValueError as exc:
            raise ValidationError(
                f"Unknown status {exc.args[0]!r}; use: {', '.join(WorkOrderStatus.values())}.", field="status"
            ) from None
        cond.append(col(WorkOrder.status).in_(values))
    if f.category:
        cond.append(col(WorkOrder.category_code) == ctx.catalog.category(f.category).code)
    if f.priority:
        try:
            cond.append(col(WorkOrder.priority) == Priority.parse(f.priority).value)
        except ValueError:
            raise ValidationError(f"Unknown priority {f.priority!r}.", field="priority") from None
    if f.overdue:
        cond.append(col(WorkOrder.due_at) < now)
        cond.append(col(WorkOrder.status).in_([s.value for s in OPEN_STATUSES]))
    if f.text and f.text.strip():
        like = f"%{_escape_like(f.text.strip().lower())}%"
        cond.append(
            or_(
                func.lower(col(WorkOrder.description)).like(like, escape="\\"),
                func.lower(col(WorkOrder.number)).like(like, escape="\\"),
                func.lower(col(WorkOrder.address)).like(like, escape="\\"),
            )
        )
    if f.address and f.address.strip():
        like = f"%{_escape_like(f.address.strip().lower())}%"
        cond.append(func.lower(col(WorkOrder.address)).like(like, escape="\\"))
    return cond


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _ordered(q: Select[WorkOrder, str], sort: str) -> Select[WorkOrder, str]:
    if sort == "due":
        # Plain (due_at, id) so the queue index serves the order; every work order gets a due
        # time from its category's SLA.
        return q.order_by(col(WorkOrder.due_at), col(WorkOrder.id))
    if sort == "created":
        return q.order_by(col(WorkOrder.created_at).desc(), col(WorkOrder.id).desc())
    if sort == "priority":
        rank = case(_PRIORITY_RANK, value=col(WorkOrder.priority), else_=0)
        return q.order_by(rank.desc(), col(WorkOrder.due_at), col(WorkOrder.id))
    return q.order_by(col(WorkOrder.number))


def list_queue(
    ctx: Ctx,
    filt: QueueFilter | None = None,
    *,
    sort: str = "due",
    offset: int = 0,
    limit: int = 50,
    now: datetime | None = None,
) -> QueuePage:
    if sort not in SORTS:
        raise ValidationError(f"Unknown sort {sort!r}; use one of: {', '.join(SORTS)}.", field="sort")
    if not 1 <= limit <= 1000 or offset < 0:
        raise ValidationError("A page holds 1 to 1,000 work orders.", field="limit")
    f = filt or QueueFilter()
    now = now or utcnow()
    cond = _conditions(ctx, f, now)
    where = and_(*cond) if cond else None
    q = select(WorkOrder, col(ServiceRequest.number)).outerjoin(
        ServiceRequest, col(ServiceRequest.id) == col(WorkOrder.request_id)
    )
    if where is not None:
        q = q.where(where)
    count_inner = select(col(WorkOrder.id))
    if where is not None:
        count_inner = count_inner.where(where)
    with ctx.db.session() as s:
        total = int(s.scalar(select(func.count()).select_from(count_inner.limit(COUNT_CAP + 1).subquery())) or 0)
        rows = s.execute(_ordered(q, sort).offset(offset).limit(limit)).all()
        out = [_row(ctx, wo, req_number, now) for wo, req_number in rows]
    return QueuePage(
        rows=out,
        offset=offset,
        limit=limit,
        total=min(total, COUNT_CAP),
        total_capped=total > COUNT_CAP,
        sort=sort,
        filter=f,
    )


def _row(ctx: Ctx, wo: WorkOrder, request_number: str | None, now: datetime) -> QueueRow:
    try:
        category_name = ctx.catalog.category(wo.category_code).name
    except Exception:
        category_name = wo.category_code
    return QueueRow(
        number=wo.number,
        request=request_number,
        category_code=wo.category_code,
        category_name=category_name,
        department_code=wo.department_code,
        division=wo.division,
        crew=wo.crew,
        status=wo.status,
        priority=wo.priority,
        address=wo.address,
        description=wo.description,
        created_at=wo.created_at,
        due_at=wo.due_at,
        updated_at=wo.updated_at,
        version=wo.version,
        overdue_days=overdue_days(ctx, wo.due_at, wo.status, now),
    )


def queue_signature(ctx: Ctx, filt: QueueFilter | None = None, *, now: datetime | None = None) -> tuple[int, str]:
    """A cheap fingerprint of the queue (count, latest change): refresh only when it changes."""
    f = filt or QueueFilter()
    cond = _conditions(ctx, f, now or utcnow())
    q = select(func.count(), func.max(col(WorkOrder.updated_at)))
    if cond:
        q = q.where(and_(*cond))
    with ctx.db.session() as s:
        count, latest = s.execute(q).one()
    return int(count or 0), str(latest or "")


def iter_queue(ctx: Ctx, filt: QueueFilter | None = None, *, sort: str = "due", chunk: int = 500) -> Iterator[QueueRow]:
    """Every row of the queue, fetched a page at a time (for exports)."""
    offset = 0
    now = utcnow()
    while True:
        page = list_queue(ctx, filt, sort=sort, offset=offset, limit=chunk, now=now)
        yield from page.rows
        if len(page.rows) < chunk:
            return
        offset += chunk


def export_csv(ctx: Ctx, out: TextIO, filt: QueueFilter | None = None, *, sort: str = "due") -> int:
    """Write the filtered queue as CSV (one header row); returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in iter_queue(ctx, filt, sort=sort):
        data = row.to_json()
        writer.writerow({k: printable(v) if isinstance(v, str) else v for k, v in data.items()})
        n += 1
    return n


# --------------------------------------------------------------------------- the last filter
PREFERENCE = "workorder_queue"


def filter_preference(filt: QueueFilter, sort: str) -> dict[str, Any]:
    """A queue filter and sort as a JSON-able operator preference."""
    data: dict[str, Any] = {k: v for k, v in asdict(filt).items() if v not in (None, False)}
    data["statuses"] = list(filt.statuses)
    return {"filter": data, "sort": sort}


def last_filter(operator: OperatorPublic | None) -> tuple[QueueFilter, str]:
    """The operator's last queue filter and sort; every open work order, due first, when none
    was kept (or what was kept no longer makes sense)."""
    saved = (operator.preferences if operator else {}).get(PREFERENCE)
    if not isinstance(saved, dict):
        return QueueFilter(), "due"
    sort = saved.get("sort") if saved.get("sort") in SORTS else "due"
    data = saved.get("filter")
    if not isinstance(data, dict):
        return QueueFilter(), str(sort)
    known = {f.name for f in fields(QueueFilter)}
    try:
        kept = {k: v for k, v in data.items() if k in known}
        if "statuses" in kept:
            kept["statuses"] = tuple(WorkOrderStatus(s).value for s in kept["statuses"])
        return QueueFilter(**kept), str(sort)
    except (TypeError, ValueError):
        return QueueFilter(), str(sort)


def remember_filter(ctx: Ctx, filt: QueueFilter, sort: str = "due") -> OperatorPublic:
    """Keep ``filt`` as the signed-in operator's last queue filter; the updated operator."""
    from csc_console.services.operators import get_operator, update_preferences

    me = ctx.require()
    value = filter_preference(filt, sort)
    if me.preferences.get(PREFERENCE) == value:
        return me
    try:
        return update_preferences(ctx, expected_version=me.version, **{PREFERENCE: value})
    except StaleEditError:  # changed elsewhere (another console): this one wins
        fresh = get_operator(ctx, username=me.username)
        return update_preferences(
            ctx.as_operator(fresh), expected_version=fresh.version, **{PREFERENCE: value}
        )
