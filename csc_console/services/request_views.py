"""Service requests as read: the public record (``RequestPublic``), one by its number, and the
list a CSR or a supervisor filters (``requests`` creates and links; it re-exports these)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.catalog.addresses import AddressCheck
from csc_console.catalog.schema import Department
from csc_console.db.models import (
    Caller,
    ServiceRequest,
    WorkOrder,
)
from csc_console.errors import NotFound, ValidationError
from csc_console.services.answers import AnswerValue
from csc_console.services.callers import CallerPublic, public_caller
from csc_console.services.context import Ctx
from csc_console.services.duplicates import OPEN, candidates
from csc_console.services.numbers import parse_number
from csc_console.vocab import RequestStatus


@dataclass(frozen=True)
class RequestPublic:
    id: int
    number: str
    category_code: str
    category_name: str
    kind: str
    status: str
    status_note: str | None
    address: str | None
    address_verified: bool
    cross_street: str | None
    description: str
    department_code: str
    department_name: str
    division: str | None
    channel: str
    answers: dict[str, AnswerValue]
    created_at: datetime
    due_at: datetime | None
    closed_at: datetime | None
    caller: CallerPublic | None
    work_orders: list[str]
    duplicate_of: str | None
    possible_duplicates: list[str]
    callers_count: int
    version: int
    warnings: list[str] = field(default_factory=list)
    division_name: str | None = None
    answer_words: list[tuple[str, str]] = field(default_factory=list)
    """(question prompt, answer in words) in the category's order, for people to read."""

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "category": self.category_name,
            "category_code": self.category_code,
            "kind": self.kind,
            "status": self.status,
            "status_note": self.status_note,
            "address": self.address,
            "address_verified": self.address_verified,
            "cross_street": self.cross_street,
            "description": self.description,
            "department": self.department_name,
            "department_code": self.department_code,
            "division": self.division,
            "channel": self.channel,
            "answers": self.answers,
            "created_at": self.created_at.isoformat(),
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "caller": self.caller.to_json() if self.caller else None,
            "work_order": self.work_orders[0] if self.work_orders else None,
            "work_orders": self.work_orders,
            "duplicate_of": self.duplicate_of,
            "possible_duplicates": self.possible_duplicates,
            "callers_count": self.callers_count,
        }


# --------------------------------------------------------------------------- reading
def get_row(s: Session, number: str) -> ServiceRequest:
    parsed = parse_number(number)
    if parsed is None or parsed[0] != "SR":
        raise ValidationError(f"{number!r} is not a request number (like SR-2026-000123).", field="number")
    canonical = f"SR-{parsed[1]}-{parsed[2]:06d}"
    row = s.scalars(select(ServiceRequest).where(col(ServiceRequest.number) == canonical)).first()
    if row is None:
        raise NotFound(f"There is no request {canonical}.")
    return row


def _public(
    ctx: Ctx, s: Session, row: ServiceRequest, *, possible: list[str] | None = None
) -> RequestPublic:
    assert row.id is not None
    try:
        category = ctx.catalog.category(row.category_code)
        category_name, kind = category.name, category.kind
    except NotFound:
        category_name, kind = row.category_code, "report"
    department = None
    try:
        department = ctx.catalog.department(row.department_code)
        department_name = department.name
    except NotFound:
        department_name = row.department_code
    caller = None
    if row.caller_id is not None:
        caller_row = s.get(Caller, row.caller_id)
        caller = public_caller(caller_row) if caller_row else None
    wo = s.execute(
        select(col(WorkOrder.number), col(WorkOrder.division)).where(col(WorkOrder.request_id) == row.id).order_by(col(WorkOrder.id))
    ).all()
    duplicate_of = None
    if row.duplicate_of_id is not None:
        duplicate_of = s.scalar(select(col(ServiceRequest.number)).where(col(ServiceRequest.id) == row.duplicate_of_id))
    if possible is None:
        possible = []
        if row.status in OPEN and row.street_key:
            probe = AddressCheck(
                "verified",
                row.address or "",
                address=row.address,
                street_key=row.street_key,
                house_number=row.house_number,
            )
            possible = [
                d.number
                for d in candidates(s, category_code=row.category_code, check=probe, now=row.created_at, exclude_id=row.id)
            ]
    return RequestPublic(
        id=row.id,
        number=row.number,
        category_code=row.category_code,
        category_name=category_name,
        kind=kind,
        status=row.status,
        status_note=row.status_note,
        address=row.address,
        address_verified=row.address_verified,
        cross_street=row.cross_street,
        description=row.description,
        department_code=row.department_code,
        department_name=department_name,
        division=wo[0].division if wo else None,
        division_name=_division_name(department, wo[0].division if wo else None),
        answer_words=_answer_words(ctx, row.category_code, dict(row.answers or {})),
        channel=row.channel,
        answers=dict(row.answers or {}),
        created_at=row.created_at,
        due_at=row.due_at,
        closed_at=row.closed_at,
        caller=caller,
        work_orders=[w.number for w in wo],
        duplicate_of=duplicate_of,
        possible_duplicates=possible,
        callers_count=row.callers_count,
        version=row.version,
    )


def get_request(ctx: Ctx, *, number: str) -> RequestPublic:
    with ctx.db.session() as s:
        return _public(ctx, s, get_row(s, number))


def list_requests(
    ctx: Ctx,
    *,
    status: str | None = None,
    category: str | None = None,
    since: date | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[RequestPublic]:
    q = select(ServiceRequest)
    if status:
        try:
            q = q.where(col(ServiceRequest.status) == RequestStatus.parse(status).value)
        except ValueError:
            raise ValidationError(
                f"Unknown status {status!r}; use one of: {', '.join(RequestStatus.values())}.", field="status"
            ) from None
    if category:
        q = q.where(col(ServiceRequest.category_code) == ctx.catalog.category(category).code)
    if since:
        start = datetime.combine(since, datetime.min.time(), tzinfo=ctx.zone)
        q = q.where(col(ServiceRequest.created_at) >= start)
    q = q.order_by(col(ServiceRequest.created_at).desc(), col(ServiceRequest.id).desc()).limit(limit).offset(offset)
    with ctx.db.session() as s:
        return [_public(ctx, s, r) for r in s.scalars(q)]


def _division_name(department: Department | None, code: str | None) -> str | None:
    if code is None:
        return None
    division = department.division(code) if department is not None else None
    return division.name if division is not None else code


def _answer_words(ctx: Ctx, category_code: str, answers: dict[str, AnswerValue]) -> list[tuple[str, str]]:
    """Each answer as its question's prompt and the chosen values' names (codes for a
    question the catalog no longer has)."""
    try:
        questions = {q.code: q for q in ctx.catalog.category(category_code).questions}
    except NotFound:
        questions = {}
    out: list[tuple[str, str]] = []
    order = [code for code in questions if code in answers] + [c for c in answers if c not in questions]
    for code in order:
        value = answers[code]
        q = questions.get(code)
        names = {c.key: c.name for c in q.values} if q is not None else {}
        keys = value if isinstance(value, list) else [value]
        words = ", ".join(names.get(str(k), str(k)) for k in keys)
        out.append((q.prompt.rstrip("?:. ") if q is not None else code, words))
    return out
