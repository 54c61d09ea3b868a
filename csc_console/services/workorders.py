"""Work orders: creation, routing, the enforced lifecycle, history and the linked request.

Lifecycle (``TRANSITIONS``): new -> assigned -> dispatched -> in progress -> completed, with on
hold and cancelled on the way, and reopen (supervisors) from completed or cancelled. Completing
needs a resolution; holding, cancelling and reopening need a reason. Every change writes a
``work_order_event`` (who, when, from, to, note) in the same transaction; the linked request
moves with its work orders (in progress when a crew is on it, closed with the resolution when
its last work order is done), and its callers become the call-back list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from rapidfuzz import process
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from csc_console.catalog.schema import Category, Routing
from csc_console.db.models import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    NOTE_MAX,
    RequestCaller,
    ServiceRequest,
    WorkOrder,
    WorkOrderEvent,
)
from csc_console.db.types import utcnow
from csc_console.errors import ConcurrentWriteError, NotFound, StaleEditError, ValidationError
from csc_console.services.context import Ctx
from csc_console.services.numbers import next_number
from csc_console.services.text import clean_text

# The read side (workorder_views), re-exported:
from csc_console.services.workorder_views import CLOSED_STATUSES as CLOSED_STATUSES
from csc_console.services.workorder_views import NEEDS_REASON as NEEDS_REASON
from csc_console.services.workorder_views import OPEN_STATUSES as OPEN_STATUSES
from csc_console.services.workorder_views import TRANSITIONS as TRANSITIONS
from csc_console.services.workorder_views import HistoryEntry as HistoryEntry
from csc_console.services.workorder_views import S as S
from csc_console.services.workorder_views import WorkOrderPublic as WorkOrderPublic
from csc_console.services.workorder_views import get_row as get_row
from csc_console.services.workorder_views import get_work_order as get_work_order
from csc_console.services.workorder_views import overdue_days as overdue_days
from csc_console.services.workorder_views import public as public
from csc_console.vocab import Channel, Priority, RequestStatus, Role


def check_crew(ctx: Ctx, crew: str) -> str:
    """The canonical call sign of a crew in the catalog, or a clear error with the closest."""
    wanted = crew.strip().upper()
    signs = [u.call_sign for u in ctx.catalog.units]
    if wanted in signs:
        return wanted
    near = [m for m, _score, _ in process.extract(wanted, signs, limit=3, score_cutoff=50)]
    hint = f" Did you mean {', '.join(near)}?" if near else ""
    raise ValidationError(f"There is no crew called {crew.strip()!r}.{hint}", field="crew")


def _event(
    s: Session,
    row: WorkOrder,
    *,
    kind: str,
    operator_id: int | None,
    now: datetime,
    from_status: str | None = None,
    to_status: str | None = None,
    text: str | None = None,
) -> None:
    assert row.id is not None
    s.add(
        WorkOrderEvent(
            work_order_id=row.id,
            at=now,
            operator_id=operator_id,
            kind=kind,
            from_status=from_status,
            to_status=to_status,
            text=text,
        )
    )


# --------------------------------------------------------------------------- creation
def create_for_request(
    s: Session,
    ctx: Ctx,
    request: ServiceRequest,
    category: Category,
    routing: Routing,
    *,
    now: datetime,
    crew: str | None = None,
    description: str | None = None,
) -> WorkOrder:
    """A work order for a request, in the request's transaction (routing from the catalog)."""
    crew = crew or routing.default_crew
    row = WorkOrder(
        number=next_number(s, prefix="WO", year=now.astimezone(ctx.zone).year),
        request_id=request.id,
        category_code=category.code,
        department_code=routing.department,
        division=routing.division,
        crew=crew,
        status=(S.ASSIGNED if crew else S.NEW).value,
        priority=routing.priority,
        address=request.address or request.cross_street,
        description=request.description if description is None else description,
        created_at=now,
        updated_at=now,
        due_at=request.due_at,
        assigned_at=now if crew else None,
    )
    s.add(row)
    s.flush()
    _event(s, row, kind="created", operator_id=ctx.operator_id, now=now, to_status=row.status,
           text=f"Routed to {routing.division or routing.department}" + (f", crew {crew}" if crew else "") + ".")
    return row


def add_work_order(
    ctx: Ctx,
    *,
    request: str,
    crew: str | None = None,
    description: str | None = None,
    now: datetime | None = None,
) -> WorkOrderPublic:
    """Another work order on an existing request (a second crew, a follow-up job)."""
    op = ctx.require()
    now = now or utcnow()
    crew_sign = check_crew(ctx, crew) if crew else None
    text = clean_text(description, field="description", max_length=DESCRIPTION_MAX, multiline=True) if description else None
    with ctx.db.session(write=True, operator_id=op.id, note="work order added") as s:
        from csc_console.services.requests import get_row as get_request_row

        req = get_request_row(s, request)
        if req.status not in (RequestStatus.OPEN.value, RequestStatus.IN_PROGRESS.value):
            raise ValidationError(f"{req.number} is {RequestStatus(req.status).label.lower()}; reopen it first.")
        category = ctx.catalog.category(req.category_code)
        routing = category.routing(req.answers or {})
        row = create_for_request(s, ctx, req, category, routing, now=now, crew=crew_sign, description=text)
        return public(ctx, s, row, request_number=req.number, detail=True, now=now)


def create_direct(
    ctx: Ctx,
    *,
    category: str,
    address: str,
    description: str,
    crew: str | None = None,
    priority: str | None = None,
    unverified_address: bool = False,
    now: datetime | None = None,
) -> WorkOrderPublic:
    """Crew-found work with no caller: a work order with its own (closed) request."""
    op = ctx.require()
    now = now or utcnow()
    cat = ctx.catalog.category(category)
    crew_sign = check_crew(ctx, crew) if crew else None
    text = clean_text(description, field="description", max_length=DESCRIPTION_MAX, multiline=True, required=True)
    place = clean_text(address, field="address", max_length=ADDRESS_MAX, required=True)
    check = ctx.catalog.street_index.check(place)
    if not check.ok and not unverified_address:
        raise ValidationError(check.message, field="address")
    routing = cat.routing({})
    if priority:
        try:
            routing = routing.model_copy(update={"priority": Priority.parse(priority).value})
        except ValueError:
            raise ValidationError(f"Unknown priority {priority!r}; use low, normal, high or urgent.", field="priority") from None
    with ctx.db.session(write=True, operator_id=op.id, note="crew-found work") as s:
        req = ServiceRequest(
            number=next_number(s, prefix="SR", year=now.astimezone(ctx.zone).year),
            category_code=cat.code,
            status=RequestStatus.CLOSED.value,
            status_note="Found by a crew in the field; no caller to notify.",
            description=text,
            address=check.address or place,
            address_key=check.address_key,
            street_key=check.street_key,
            house_number=check.house_number,
            address_verified=check.ok,
            department_code=routing.department,
            channel=Channel.FIELD.value,
            operator_id=op.id,
            created_at=now,
            updated_at=now,
            closed_at=now,
            due_at=ctx.calendar.due(now, cat.sla),
        )
        s.add(req)
        s.flush()
        row = create_for_request(s, ctx, req, cat, routing, now=now, crew=crew_sign)
        return public(ctx, s, row, request_number=req.number, detail=True, now=now)


# --------------------------------------------------------------------------- changes
@dataclass(frozen=True)
class Change:
    """One edit of a work order; every field optional."""

    status: str | None = None
    crew: str | None = None
    priority: str | None = None
    note: str | None = None
    resolution: str | None = None
    reason: str | None = None


def allowed_next(status: str) -> tuple[S, ...]:
    return TRANSITIONS[S(status)]


def transition_refusal(current: str, wanted: str) -> str:
    """The sentence refusing ``current`` -> ``wanted``, naming the allowed next statuses."""
    return str(_illegal(S(current), S(wanted)))


def _illegal(current: S, wanted: S) -> ValidationError:
    allowed = TRANSITIONS[current]
    if allowed:
        names = ", ".join(a.label.lower() for a in allowed)
        return ValidationError(
            f"A work order that is {current.label.lower()} cannot become {wanted.label.lower()}; "
            f"it can become: {names}.",
            field="status",
        )
    return ValidationError(
        f"A work order that is {current.label.lower()} cannot change status; a supervisor can "
        "reopen it.",
        field="status",
    )


def apply_change(ctx: Ctx, s: Session, row: WorkOrder, change: Change, *, operator_id: int, now: datetime) -> None:
    """Apply ``change`` to ``row`` inside the caller's transaction (rules, events, request)."""
    note = clean_text(change.note, field="note", max_length=NOTE_MAX, multiline=True) or None
    reason = clean_text(change.reason, field="reason", max_length=NOTE_MAX, multiline=True) or None
    resolution = clean_text(change.resolution, field="resolution", max_length=NOTE_MAX, multiline=True) or None
    current = S(row.status)
    if change.crew is not None:
        crew = check_crew(ctx, change.crew) if change.crew.strip() else None
        if crew != row.crew:
            if current in CLOSED_STATUSES:
                raise ValidationError(f"{row.number} is {current.label.lower()}; reopen it before reassigning.")
            _event(s, row, kind="assigned", operator_id=operator_id, now=now,
                   text=f"Crew {row.crew or 'none'} -> {crew or 'none'}" + (f": {note}" if note else "."))
            row.crew = crew
            if crew and current is S.NEW and change.status is None:
                change = replace(change, status=S.ASSIGNED.value)
    if change.priority is not None:
        try:
            priority = Priority.parse(change.priority).value
        except ValueError:
            raise ValidationError(f"Unknown priority {change.priority!r}; use low, normal, high or urgent.", field="priority") from None
        if priority != row.priority:
            _event(s, row, kind="priority", operator_id=operator_id, now=now,
                   text=f"Priority {row.priority} -> {priority}" + (f": {note}" if note else "."))
            row.priority = priority
    if change.status is not None:
        try:
            wanted = S.parse(change.status)
        except ValueError:
            raise ValidationError(
                f"Unknown status {change.status!r}; use one of: {', '.join(s.label.lower() for s in S)}.",
                field="status",
            ) from None
        if wanted != current:
            if wanted not in TRANSITIONS[current]:
                raise _illegal(current, wanted)
            if wanted is S.COMPLETED and not (resolution or row.resolution):
                raise ValidationError("Completing a work order needs the resolution: what was done?", field="resolution")
            if wanted in NEEDS_REASON and not (reason or note):
                raise ValidationError(f"Putting a work order {wanted.label.lower()} needs a reason.", field="reason")
            if wanted in (S.ASSIGNED, S.DISPATCHED, S.IN_PROGRESS) and not row.crew:
                raise ValidationError(f"Assign a crew before marking {row.number} {wanted.label.lower()}.", field="crew")
            if wanted is S.COMPLETED:
                # The resolution is the event's text; a note typed as well is kept apart.
                _transition(s, row, current, wanted, operator_id=operator_id, now=now, text=resolution or row.resolution)
                row.resolution = resolution or row.resolution
            else:
                # The reason (or the note) is the event's text, not a second entry.
                _transition(s, row, current, wanted, operator_id=operator_id, now=now, text=reason or note)
                if wanted in NEEDS_REASON:
                    row.status_reason = reason or note
                note = None
    elif resolution is not None:
        row.resolution = resolution
    if note:
        _event(s, row, kind="note", operator_id=operator_id, now=now, text=note)
    row.updated_at = now
    _sync_request(ctx, s, row, now=now)


def _transition(s: Session, row: WorkOrder, current: S, wanted: S, *, operator_id: int | None, now: datetime, text: str | None) -> None:
    _event(s, row, kind="status", operator_id=operator_id, now=now,
           from_status=current.value, to_status=wanted.value, text=text)
    row.status = wanted.value
    if wanted is S.ASSIGNED:
        row.assigned_at = row.assigned_at or now
    elif wanted is S.DISPATCHED:
        row.dispatched_at = now
    elif wanted is S.IN_PROGRESS:
        row.started_at = row.started_at or now
    elif wanted is S.COMPLETED:
        row.completed_at = now


def _sync_request(ctx: Ctx, s: Session, row: WorkOrder, *, now: datetime) -> None:
    """The request follows its work orders: in progress while a crew works, closed when done."""
    if row.request_id is None:
        return
    req = s.get(ServiceRequest, row.request_id)
    if req is None or req.channel == Channel.FIELD.value:
        return
    s.flush()
    statuses = list(s.scalars(select(col(WorkOrder.status)).where(col(WorkOrder.request_id) == req.id)))
    open_ = [st for st in statuses if S(st) in OPEN_STATUSES]
    if not open_ and S.COMPLETED.value in statuses:
        if req.status != RequestStatus.CLOSED.value:
            req.status = RequestStatus.CLOSED.value
            req.closed_at = now
            req.status_note = row.resolution or req.status_note
            req.updated_at = now
    elif open_:
        # Work has begun once a crew is out or one of the orders is already done.
        working = any(S(st) in (S.DISPATCHED, S.IN_PROGRESS, S.COMPLETED) for st in statuses)
        target = RequestStatus.IN_PROGRESS if working else RequestStatus.OPEN
        if req.status != target.value:
            req.status = target.value
            req.closed_at = None
            req.updated_at = now
    elif req.status not in (RequestStatus.OPEN.value, RequestStatus.CANCELLED.value):
        # Every work order was cancelled: the request stays open for a person to decide.
        req.status = RequestStatus.OPEN.value
        req.updated_at = now


def update_work_order(
    ctx: Ctx,
    *,
    number: str,
    change: Change,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> WorkOrderPublic:
    op = ctx.require()
    now = now or utcnow()
    try:
        with ctx.db.session(write=True, operator_id=op.id, note=change.note or change.reason) as s:
            row = get_row(s, number, lock=True)
            if expected_version is not None and row.version != expected_version:
                raise StaleEditError(
                    f"{row.number} was changed by someone else since you opened it; "
                    "review their change, then apply yours again (what you typed is kept).",
                    current=public(ctx, s, row, detail=True, now=now),
                )
            apply_change(ctx, s, row, change, operator_id=op.id, now=now)
            s.flush()
            return public(ctx, s, row, detail=True, now=now)
    except (StaleDataError, ConcurrentWriteError):
        with ctx.db.session() as s:
            current = public(ctx, s, get_row(s, number), detail=True, now=now)
        raise StaleEditError(
            f"{current.number} was changed by someone else at the same moment; review their "
            "change, then apply yours again (what you typed is kept).",
            current=current,
        ) from None


def reopen(ctx: Ctx, *, number: str, reason: str, now: datetime | None = None) -> WorkOrderPublic:
    """Supervisors only: a completed or cancelled work order goes back to work."""
    op = ctx.require(Role.SUPERVISOR)
    now = now or utcnow()
    why = clean_text(reason, field="reason", max_length=NOTE_MAX, multiline=True, required=True)
    with ctx.db.session(write=True, operator_id=op.id, note="work order reopened") as s:
        row = get_row(s, number)
        current = S(row.status)
        if current not in CLOSED_STATUSES:
            raise ValidationError(f"{row.number} is {current.label.lower()}, not completed or cancelled: nothing to reopen.")
        target = S.ASSIGNED if row.crew else S.NEW
        _event(s, row, kind="reopened", operator_id=op.id, now=now,
               from_status=current.value, to_status=target.value, text=why)
        row.status = target.value
        row.completed_at = None
        row.status_reason = why
        row.updated_at = now
        _sync_request(ctx, s, row, now=now)
        s.flush()
        return public(ctx, s, row, detail=True, now=now)


@dataclass(frozen=True)
class BulkResult:
    changed: list[str]
    failed: list[tuple[str, str]]  # number, reason


def bulk_update(ctx: Ctx, *, numbers: Sequence[str], change: Change, now: datetime | None = None) -> BulkResult:
    """Supervisors: reassign or re-prioritise a selection; each work order on its own, so one
    refusal (a closed order) does not undo the others."""
    ctx.require(Role.SUPERVISOR)
    if change.status is not None:
        raise ValidationError("Bulk changes cover the crew and the priority, not the status.")
    changed: list[str] = []
    failed: list[tuple[str, str]] = []
    for number in numbers:
        try:
            changed.append(update_work_order(ctx, number=number, change=change, now=now).number)
        except (ValidationError, NotFound, StaleEditError) as exc:
            failed.append((number, str(exc)))
    return BulkResult(changed, failed)


def escalate_overdue(ctx: Ctx, *, department: str | None = None, now: datetime | None = None, limit: int = 500) -> BulkResult:
    """Supervisors: raise the priority of every overdue open work order by one step."""
    op = ctx.require(Role.SUPERVISOR)
    now = now or utcnow()
    ladder = [p.value for p in Priority]
    changed: list[str] = []
    with ctx.db.session(write=True, operator_id=op.id, note="overdue escalated") as s:
        q = select(WorkOrder).where(
            col(WorkOrder.status).in_([st.value for st in OPEN_STATUSES]),
            col(WorkOrder.due_at) < now,
            col(WorkOrder.priority) != Priority.URGENT.value,
        )
        if department:
            q = q.where(col(WorkOrder.department_code) == department)
        for row in s.scalars(q.order_by(col(WorkOrder.due_at)).limit(limit)):
            higher = ladder[min(ladder.index(row.priority) + 1, len(ladder) - 1)]
            days = overdue_days(ctx, row.due_at, row.status, now) or 0
            _event(s, row, kind="escalated", operator_id=op.id, now=now,
                   text=f"Overdue {days} business day{'s' if days != 1 else ''}: priority {row.priority} -> {higher}.")
            row.priority = higher
            row.updated_at = now
            changed.append(row.number)
    return BulkResult(changed, [])


def mark_callers_notified(ctx: Ctx, *, request: str, now: datetime | None = None) -> int:
    """Record that the request's callers were told (the call-back list is worked)."""
    op = ctx.require()
    now = now or utcnow()
    with ctx.db.session(write=True, operator_id=op.id, note="callers notified") as s:
        from csc_console.services.requests import get_row as get_request_row

        req = get_request_row(s, request)
        links = s.scalars(
            select(RequestCaller).where(col(RequestCaller.request_id) == req.id, col(RequestCaller.notified_at).is_(None))
        ).all()
        for link in links:
            link.notified_at = now
        return len(links)
