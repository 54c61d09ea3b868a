"""Service requests: creation, linking callers, reading and listing (duplicates: ``duplicates``).

Creating a request is one write transaction: the caller row, the request with its number and
SLA due date, the link of the caller to the request, and the work order when the category (or
its answers) needs a crew. A ``client_key`` makes the save idempotent: a console retrying after
an outage gets the request it already created, not a second one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.catalog.addresses import AddressCheck
from csc_console.catalog.schema import Department
from csc_console.db.models import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    Call,
    Caller,
    RequestCaller,
    ServiceRequest,
    WorkOrder,
)
from csc_console.db.types import utcnow
from csc_console.errors import NotFound, ValidationError
from csc_console.services import workorders
from csc_console.services.answers import AnswerValue, check_answers
from csc_console.services.callers import CallerInput, CallerPublic, public_caller, upsert_caller
from csc_console.services.context import Ctx
from csc_console.services.duplicates import OPEN, candidates
from csc_console.services.numbers import next_number, parse_number
from csc_console.services.text import clean_text
from csc_console.vocab import CallStatus, Channel, Disposition, RequestStatus


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


# --------------------------------------------------------------------------- creation
@dataclass(frozen=True)
class NewRequest:
    category: str
    description: str = ""
    address: str | None = None
    cross_street: str | None = None
    caller: CallerInput = field(default_factory=CallerInput)
    answers: Mapping[str, AnswerValue | None] = field(default_factory=dict)
    channel: str = Channel.PHONE.value
    call_id: int | None = None
    unverified_address: bool = False
    client_key: str | None = None
    # From Open311 posts: where the reporter's device was, and a photo's address.
    latitude: float | None = None
    longitude: float | None = None
    media_url: str | None = None


def _check_address(ctx: Ctx, req: NewRequest) -> AddressCheck | None:
    text = clean_text(req.address, field="address", max_length=ADDRESS_MAX)
    if not text:
        return None
    check = ctx.catalog.street_index.check(text)
    if check.ok or req.unverified_address:
        return check
    raise ValidationError(
        check.message
        + (" Use --unverified-address to save it anyway." if check.status == "unknown_street" else ""),
        field="address",
    )


def create_request(ctx: Ctx, new: NewRequest, *, now: datetime | None = None) -> RequestPublic:
    op = ctx.require()
    now = now or utcnow()
    category = ctx.catalog.category(new.category)
    try:
        channel = Channel.parse(new.channel)
    except ValueError:
        raise ValidationError(
            f"Unknown channel {new.channel!r}; use one of: {', '.join(Channel.values())}.", field="channel"
        ) from None
    description = clean_text(new.description, field="description", max_length=DESCRIPTION_MAX, multiline=True)
    checked = check_answers(category, new.answers, calendar=ctx.calendar, now=now)
    check = _check_address(ctx, new)
    cross = clean_text(new.cross_street, field="cross street or landmark", max_length=ADDRESS_MAX) or None
    if check is None and not cross:
        raise ValidationError("Give an address, or a cross street or landmark.", field="address")
    routing = category.routing(checked.values)
    with ctx.db.session(write=True, operator_id=op.id, note="request created") as s:
        if new.client_key:
            existing = s.scalars(select(ServiceRequest).where(col(ServiceRequest.client_key) == new.client_key)).first()
            if existing is not None:
                return _public(ctx, s, existing)
        caller = upsert_caller(s, new.caller)
        if check and check.street_key and ctx.db.dialect == "postgresql":
            # Two CSRs saving the same pothole at the same moment: the second waits for the
            # first to commit, so its duplicate check sees it (SQLite's write lock does this).
            s.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                {"key": f"dupe:{category.code}:{check.street_key}"},
            )
        possible = candidates(s, category_code=category.code, check=check, now=now) if check else []
        row = ServiceRequest(
            number=next_number(s, prefix="SR", year=now.astimezone(ctx.zone).year),
            category_code=category.code,
            status=RequestStatus.OPEN.value,
            description=description,
            address=(check.address or check.typed) if check else None,
            address_key=check.address_key if check else None,
            street_key=check.street_key if check else None,
            house_number=check.house_number if check else None,
            address_verified=bool(check and check.ok),
            cross_street=cross,
            latitude=new.latitude,
            longitude=new.longitude,
            media_url=new.media_url,
            department_code=routing.department,
            channel=channel.value,
            answers=dict(checked.values),
            caller_id=caller.id if caller else None,
            call_id=new.call_id,
            operator_id=op.id,
            created_at=now,
            updated_at=now,
            due_at=ctx.calendar.due(now, category.sla),
            client_key=new.client_key,
        )
        s.add(row)
        s.flush()
        if caller is not None:
            assert row.id is not None and caller.id is not None
            s.add(RequestCaller(request_id=row.id, caller_id=caller.id, call_id=new.call_id, linked_at=now))
        if routing.work_order:
            workorders.create_for_request(s, ctx, row, category, routing, now=now)
        s.flush()
        _mark_call(s, new.call_id, row, caller, Disposition.REQUEST_CREATED, now=now)
        result = _public(ctx, s, row, possible=[d.number for d in possible])
    return _with_warnings(result, checked.warnings + _address_warnings(check))


def _address_warnings(check: AddressCheck | None) -> list[str]:
    if check is None or check.ok:
        return []
    return [f"Address not verified: {check.message}"]


def _with_warnings(result: RequestPublic, warnings: list[str]) -> RequestPublic:
    if not warnings:
        return result
    from dataclasses import replace

    return replace(result, warnings=warnings)


def link_caller(
    ctx: Ctx,
    *,
    number: str,
    caller: CallerInput,
    call_id: int | None = None,
    now: datetime | None = None,
) -> RequestPublic:
    """Add this caller to an existing request instead of creating a duplicate.

    The caller's details are saved as for a new request (found by phone or email, or
    created); when nothing was typed about them, the caller already on the call is linked.
    The request's caller count goes up (once per distinct caller) and the caller will be
    notified with the others when it closes. The call (``call_id``) points at the request,
    its caller is this caller and its disposition "linked to an existing request" (the
    wrap-up may still change it), so the caller's history lists the request as theirs.
    """
    op = ctx.require()
    now = now or utcnow()
    with ctx.db.session(write=True, operator_id=op.id, note="caller linked to existing request") as s:
        row = get_row(s, number)
        if row.status not in OPEN:
            raise ValidationError(
                f"{row.number} is {RequestStatus(row.status).label.lower()}; create a new request instead."
            )
        person = upsert_caller(s, caller)
        call = s.get(Call, call_id) if call_id is not None else None
        if person is None and call is not None and call.caller_id is not None and not caller.anonymous:
            person = s.get(Caller, call.caller_id)
        if person is not None:
            assert person.id is not None and row.id is not None
            already = s.scalars(
                select(RequestCaller).where(
                    col(RequestCaller.request_id) == row.id, col(RequestCaller.caller_id) == person.id
                )
            ).first()
            if already is None:
                s.add(RequestCaller(request_id=row.id, caller_id=person.id, call_id=call_id, linked_at=now))
                row.callers_count += 1
        else:
            row.callers_count += 1  # an anonymous caller still counts as a report
        row.updated_at = now
        try:
            s.flush()
        except IntegrityError:
            raise ValidationError("This caller is already linked to the request.") from None
        _mark_call(s, call_id, row, person, Disposition.LINKED_TO_EXISTING, now=now)
        return _public(ctx, s, row)


def _mark_call(
    s: Session,
    call_id: int | None,
    request: ServiceRequest,
    person: Caller | None,
    how: Disposition,
    *,
    now: datetime,
) -> None:
    """The call that saved (or joined) ``request`` points at it, with its caller and what
    happened; a call already wrapped up keeps the disposition the CSR chose."""
    call = s.get(Call, call_id) if call_id is not None else None
    if call is None:
        return
    call.request_id = request.id
    if person is not None:
        call.caller_id = person.id
    if call.status != CallStatus.COMPLETED.value:
        call.disposition = how.value
    call.updated_at = now
    s.flush()


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
