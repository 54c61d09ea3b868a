"""Work orders as the rest of the console reads them: the lifecycle's statuses, the public
read model with its history and call-back list, and lookups by number (``services.workorders``
changes them and re-exports these names)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.db.models import (
    Caller,
    Operator,
    RequestCaller,
    ServiceRequest,
    WorkOrder,
    WorkOrderEvent,
)
from csc_console.db.types import utcnow
from csc_console.errors import NotFound, ValidationError
from csc_console.services.context import Ctx
from csc_console.services.numbers import parse_number
from csc_console.services.phones import display_phone
from csc_console.vocab import WorkOrderStatus

S = WorkOrderStatus
TRANSITIONS: dict[S, tuple[S, ...]] = {
    S.NEW: (S.ASSIGNED, S.ON_HOLD, S.CANCELLED),
    S.ASSIGNED: (S.DISPATCHED, S.NEW, S.ON_HOLD, S.CANCELLED),
    S.DISPATCHED: (S.IN_PROGRESS, S.ASSIGNED, S.ON_HOLD, S.CANCELLED),
    S.IN_PROGRESS: (S.COMPLETED, S.ON_HOLD, S.CANCELLED),
    S.ON_HOLD: (S.ASSIGNED, S.NEW, S.CANCELLED),
    S.COMPLETED: (),
    S.CANCELLED: (),
}
OPEN_STATUSES: tuple[S, ...] = (S.NEW, S.ASSIGNED, S.DISPATCHED, S.IN_PROGRESS, S.ON_HOLD)
CLOSED_STATUSES: tuple[S, ...] = (S.COMPLETED, S.CANCELLED)
NEEDS_REASON = (S.ON_HOLD, S.CANCELLED)


# --------------------------------------------------------------------------- read models
@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    operator: str | None
    kind: str
    from_status: str | None
    to_status: str | None
    text: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "at": self.at.isoformat(),
            "operator": self.operator,
            "kind": self.kind,
            "from": self.from_status,
            "to": self.to_status,
            "note": self.text,
        }


@dataclass(frozen=True)
class CallBack:
    """A caller to tell that their request is done."""

    name: str | None
    phone: str
    email: str | None
    preferred_callback: str | None
    notified: bool


@dataclass(frozen=True)
class WorkOrderPublic:
    id: int
    number: str
    request: str | None
    category_code: str
    category_name: str
    department_code: str
    department_name: str
    division: str | None
    division_name: str | None
    crew: str | None
    status: str
    priority: str
    address: str | None
    description: str
    status_reason: str | None
    resolution: str | None
    created_at: datetime
    due_at: datetime | None
    assigned_at: datetime | None
    dispatched_at: datetime | None
    started_at: datetime | None
    completed_at: datetime | None
    updated_at: datetime
    version: int
    overdue_days: int | None = None  # business days past due, when open and late
    history: list[HistoryEntry] = field(default_factory=list)
    callers: list[CallBack] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return S(self.status) in OPEN_STATUSES

    @property
    def overdue_text(self) -> str:
        return overdue_words(self.overdue_days)

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "request": self.request,
            "category": self.category_name,
            "category_code": self.category_code,
            "department": self.department_name,
            "department_code": self.department_code,
            "division": self.division,
            "crew": self.crew,
            "status": self.status,
            "priority": self.priority,
            "address": self.address,
            "description": self.description,
            "status_reason": self.status_reason,
            "resolution": self.resolution,
            "created_at": self.created_at.isoformat(),
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "assigned_at": self.assigned_at.isoformat() if self.assigned_at else None,
            "dispatched_at": self.dispatched_at.isoformat() if self.dispatched_at else None,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "completed_at": self.completed_at.isoformat() if self.completed_at else None,
            "overdue": self.overdue_text or None,
            "history": [h.to_json() for h in self.history],
            "callers": [
                {"name": c.name, "phone": c.phone or None, "email": c.email, "notified": c.notified}
                for c in self.callers
            ],
            "version": self.version,
        }


def overdue_words(days: int | None) -> str:
    """"OVERDUE 2 business days" ("" when on time): the state as text, never colour alone."""
    if days is None:
        return ""
    if days <= 0:
        return "OVERDUE today"
    return f"OVERDUE {days} business day{'s' if days != 1 else ''}"


def overdue_days(ctx: Ctx, due: datetime | None, status: str, now: datetime) -> int | None:
    if due is None or S(status) not in OPEN_STATUSES or due >= now:
        return None
    return ctx.calendar.business_days_between(due, now)


def public(
    ctx: Ctx,
    s: Session,
    row: WorkOrder,
    *,
    request_number: str | None = None,
    detail: bool = False,
    now: datetime | None = None,
) -> WorkOrderPublic:
    assert row.id is not None
    try:
        category_name = ctx.catalog.category(row.category_code).name
    except NotFound:
        category_name = row.category_code
    try:
        department = ctx.catalog.department(row.department_code)
        department_name = department.name
        division = department.division(row.division)
        division_name = division.name if division else None
    except NotFound:
        department_name, division_name = row.department_code, None
    if request_number is None and row.request_id is not None:
        request_number = s.scalar(select(col(ServiceRequest.number)).where(col(ServiceRequest.id) == row.request_id))
    history: list[HistoryEntry] = []
    callers: list[CallBack] = []
    if detail:
        history = _history(s, row.id)
        if row.request_id is not None:
            callers = _callers(s, row.request_id)
    return WorkOrderPublic(
        id=row.id,
        number=row.number,
        request=request_number,
        category_code=row.category_code,
        category_name=category_name,
        department_code=row.department_code,
        department_name=department_name,
        division=row.division,
        division_name=division_name,
        crew=row.crew,
        status=row.status,
        priority=row.priority,
        address=row.address,
        description=row.description,
        status_reason=row.status_reason,
        resolution=row.resolution,
        created_at=row.created_at,
        due_at=row.due_at,
        assigned_at=row.assigned_at,
        dispatched_at=row.dispatched_at,
        started_at=row.started_at,
        completed_at=row.completed_at,
        updated_at=row.updated_at,
        version=row.version,
        overdue_days=overdue_days(ctx, row.due_at, row.status, now or utcnow()),
        history=history,
        callers=callers,
    )


def _history(s: Session, work_order_id: int) -> list[HistoryEntry]:
    rows = s.execute(
        select(WorkOrderEvent, col(Operator.display_name))
        .outerjoin(Operator, col(Operator.id) == col(WorkOrderEvent.operator_id))
        .where(col(WorkOrderEvent.work_order_id) == work_order_id)
        .order_by(col(WorkOrderEvent.id))
    ).all()
    return [
        HistoryEntry(e.at, name, e.kind, e.from_status, e.to_status, e.text) for e, name in rows
    ]


def _callers(s: Session, request_id: int) -> list[CallBack]:
    rows = s.execute(
        select(Caller, col(RequestCaller.notified_at))
        .join(RequestCaller, col(RequestCaller.caller_id) == col(Caller.id))
        .where(col(RequestCaller.request_id) == request_id, col(RequestCaller.notify).is_(True))
        .order_by(col(RequestCaller.linked_at))
    ).all()
    return [
        CallBack(
            name=c.name,
            phone=display_phone(c.phone, c.phone_ext),
            email=c.email,
            preferred_callback=c.preferred_callback,
            notified=notified is not None,
        )
        for c, notified in rows
        if not c.anonymous or c.phone or c.email
    ]


# --------------------------------------------------------------------------- lookups
def get_row(s: Session, number: str, *, lock: bool = False) -> WorkOrder:
    parsed = parse_number(number)
    if parsed is None or parsed[0] != "WO":
        raise ValidationError(f"{number!r} is not a work-order number (like WO-2026-000123).", field="number")
    canonical = f"WO-{parsed[1]}-{parsed[2]:06d}"
    q = select(WorkOrder).where(col(WorkOrder.number) == canonical)
    row = s.scalars(q.with_for_update() if lock else q).first()
    if row is None:
        raise NotFound(f"There is no work order {canonical}.")
    return row


def get_work_order(ctx: Ctx, *, number: str, now: datetime | None = None) -> WorkOrderPublic:
    """The work order with its history and call-back list (overdue as of ``now``)."""
    with ctx.db.session() as s:
        return public(ctx, s, get_row(s, number), detail=True, now=now)
