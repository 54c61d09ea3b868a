"""Callers: who is on the line, and what they called about before.

``lookup_by_phone`` is what a CSR sees the moment a known number is typed: the caller, their
latest calls and their open requests. It is two indexed queries (caller.phone, call by caller and
time, request by caller and time), so it stays flat however large the database grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.db.models import ADDRESS_MAX, NAME_MAX, Call, Caller, RequestCaller, ServiceRequest
from csc_console.db.types import utcnow
from csc_console.errors import ValidationError
from csc_console.services.context import Ctx
from csc_console.services.phones import Phone, display_phone, parse_phone
from csc_console.services.text import clean_text
from csc_console.vocab import RequestStatus

OPEN_STATUSES = (RequestStatus.OPEN.value, RequestStatus.IN_PROGRESS.value)
HISTORY_CALLS = 10
HISTORY_REQUESTS = 20


@dataclass(frozen=True)
class CallerInput:
    """What the CSR typed about the caller; every field optional (anonymous callers exist)."""

    phone: str | None = None
    name: str | None = None
    email: str | None = None
    address: str | None = None
    preferred_callback: str | None = None
    language: str | None = None
    anonymous: bool = False

    def is_empty(self) -> bool:
        return not any((self.phone, self.name, self.email, self.address))


@dataclass(frozen=True)
class CallerPublic:
    id: int
    name: str | None
    phone: str  # display form, "" when unknown
    phone_e164: str | None
    email: str | None
    address: str | None
    preferred_callback: str | None
    language: str | None
    anonymous: bool
    version: int

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "phone": self.phone or None,
            "email": self.email,
            "address": self.address,
            "preferred_callback": self.preferred_callback,
            "language": self.language,
            "anonymous": self.anonymous,
        }

    @property
    def label(self) -> str:
        if self.anonymous:
            return "Anonymous caller"
        return self.name or self.phone or "Unnamed caller"


@dataclass(frozen=True)
class PastCall:
    id: int
    at: datetime
    channel: str
    purpose: str | None
    disposition: str | None
    topic_code: str | None
    topics: tuple[str, ...] = ()
    """Every information topic asked about, in order."""
    request: str | None = None
    """The request the call created or was linked to."""


@dataclass(frozen=True)
class RequestBrief:
    number: str
    category_code: str
    status: str
    address: str | None
    created_at: datetime
    due_at: datetime | None
    status_note: str | None


@dataclass(frozen=True)
class CallerHistory:
    caller: CallerPublic
    calls: list[PastCall] = field(default_factory=list)
    open_requests: list[RequestBrief] = field(default_factory=list)


def public_caller(row: Caller) -> CallerPublic:
    assert row.id is not None
    return CallerPublic(
        id=row.id,
        name=row.name,
        phone=display_phone(row.phone, row.phone_ext),
        phone_e164=row.phone,
        email=row.email,
        address=row.address,
        preferred_callback=row.preferred_callback,
        language=row.language,
        anonymous=row.anonymous,
        version=row.version,
    )


def _check_email(value: str | None) -> str | None:
    text = clean_text(value, field="email", max_length=254)
    if not text:
        return None
    local, _, domain = text.rpartition("@")
    if not local or "." not in domain or " " in text or domain.startswith(".") or domain.endswith("."):
        raise ValidationError(f"{text!r} is not an email address (name@example.com).", field="email")
    return text


@dataclass(frozen=True)
class CleanCaller:
    phone: Phone | None
    name: str | None
    email: str | None
    address: str | None
    preferred_callback: str | None
    language: str | None
    anonymous: bool


def clean_caller(data: CallerInput) -> CleanCaller:
    """Validate everything typed about a caller at once; the first problem is raised."""
    phone = parse_phone(data.phone) if data.phone and data.phone.strip() else None
    return CleanCaller(
        phone=phone,
        name=clean_text(data.name, field="caller's name", max_length=NAME_MAX) or None,
        email=_check_email(data.email),
        address=clean_text(data.address, field="caller's address", max_length=ADDRESS_MAX) or None,
        preferred_callback=clean_text(data.preferred_callback, field="preferred call-back", max_length=NAME_MAX) or None,
        language=clean_text(data.language, field="language", max_length=40) or None,
        anonymous=data.anonymous,
    )


def find_caller_row(session: Session, phone: Phone | None, email: str | None) -> Caller | None:
    if phone is not None:
        row = session.scalars(
            select(Caller).where(col(Caller.phone) == phone.e164).order_by(col(Caller.id).desc()).limit(1)
        ).first()
        if row is not None:
            return row
    if email:
        return session.scalars(
            select(Caller).where(col(Caller.email) == email).order_by(col(Caller.id).desc()).limit(1)
        ).first()
    return None


def upsert_caller(session: Session, data: CallerInput) -> Caller | None:
    """The caller row for ``data``: found by phone (then email) and updated, or created.

    An anonymous caller with nothing typed gets no row. Known fields are only overwritten by
    what the CSR typed now, never blanked.
    """
    clean = clean_caller(data)
    if clean.anonymous and not (clean.phone or clean.email):
        return None
    if not any((clean.phone, clean.name, clean.email, clean.address)):
        return None
    row = find_caller_row(session, clean.phone, clean.email)
    if row is None:
        row = Caller()
        session.add(row)
    if clean.phone is not None:
        row.phone, row.phone_ext = clean.phone.e164, clean.phone.extension
    for attr in ("name", "email", "address", "preferred_callback", "language"):
        value = getattr(clean, attr)
        if value and getattr(row, attr) != value:
            setattr(row, attr, value)
    row.anonymous = clean.anonymous
    if session.is_modified(row) or row.id is None:
        row.updated_at = utcnow()
    session.flush()
    return row


def lookup_by_phone(ctx: Ctx, *, phone: str) -> CallerHistory | None:
    """The caller with this number, their last calls and open requests; None if unknown.

    Raises ``ValidationError`` if ``phone`` is not a valid number.
    """
    parsed = parse_phone(phone)
    with ctx.db.session() as s:
        row = find_caller_row(s, parsed, None)
        if row is None:
            return None
        return _history(s, row)


def caller_history(ctx: Ctx, *, caller_id: int) -> CallerHistory | None:
    with ctx.db.session() as s:
        row = s.get(Caller, caller_id)
        return _history(s, row) if row is not None else None


def _history(s: Session, row: Caller) -> CallerHistory:
    calls = s.execute(
        select(
            col(Call.id),
            col(Call.queued_at),
            col(Call.channel),
            col(Call.purpose),
            col(Call.disposition),
            col(Call.topic_code),
            col(Call.topic_codes),
            col(ServiceRequest.number),
        )
        .outerjoin(ServiceRequest, col(ServiceRequest.id) == col(Call.request_id))
        .where(col(Call.caller_id) == row.id)
        .order_by(col(Call.queued_at).desc())
        .limit(HISTORY_CALLS)
    ).all()
    # Theirs: the requests they made, were linked to, or that one of their calls points at
    # (a call linked to a duplicate before the caller's details were typed).
    linked = select(col(RequestCaller.request_id)).where(col(RequestCaller.caller_id) == row.id)
    called = select(col(Call.request_id)).where(
        col(Call.caller_id) == row.id, col(Call.request_id).is_not(None)
    )
    requests = s.execute(
        select(
            col(ServiceRequest.number),
            col(ServiceRequest.category_code),
            col(ServiceRequest.status),
            col(ServiceRequest.address),
            col(ServiceRequest.created_at),
            col(ServiceRequest.due_at),
            col(ServiceRequest.status_note),
        )
        .where(
            or_(
                col(ServiceRequest.caller_id) == row.id,
                col(ServiceRequest.id).in_(linked),
                col(ServiceRequest.id).in_(called),
            ),
            col(ServiceRequest.status).in_(OPEN_STATUSES),
        )
        .order_by(col(ServiceRequest.created_at).desc())
        .limit(HISTORY_REQUESTS)
    ).all()
    return CallerHistory(
        caller=public_caller(row),
        calls=[
            PastCall(
                c.id,
                c.queued_at,
                c.channel,
                c.purpose,
                c.disposition,
                c.topic_code,
                tuple(c.topic_codes or ()),
                c.number,
            )
            for c in calls
        ],
        open_requests=[RequestBrief(*r) for r in requests],
    )

