"""Service requests: creation and linking callers (reading and listing: ``request_views``;
duplicates: ``duplicates``).

Creating a request is one write transaction: the caller row, the request with its number and
SLA due date, the link of the caller to the request, and the work order when the category (or
its answers) needs a crew. A ``client_key`` makes the save idempotent: a console retrying after
an outage gets the request it already created, not a second one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.catalog.addresses import AddressCheck
from csc_console.db.models import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    Call,
    Caller,
    RequestCaller,
    ServiceRequest,
)
from csc_console.db.types import utcnow
from csc_console.errors import ValidationError
from csc_console.services import workorders
from csc_console.services.answers import AnswerValue, check_answers
from csc_console.services.callers import CallerInput, upsert_caller
from csc_console.services.context import Ctx
from csc_console.services.duplicates import OPEN, candidates
from csc_console.services.numbers import next_number
from csc_console.services.request_views import (
    RequestPublic as RequestPublic,
)
from csc_console.services.request_views import (
    _public,
)
from csc_console.services.request_views import (
    get_request as get_request,
)
from csc_console.services.request_views import (
    get_row as get_row,
)
from csc_console.services.request_views import (
    list_requests as list_requests,
)
from csc_console.services.text import clean_text
from csc_console.vocab import CallStatus, Channel, Disposition, RequestStatus


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
