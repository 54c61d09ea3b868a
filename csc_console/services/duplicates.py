"""Possible duplicates: open requests of the same category at the same or a nearby address
(same street, house numbers within ``NEARBY_HOUSE_NUMBERS``) in the last ``DUPLICATE_DAYS``,
same address first, then the nearest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.catalog.addresses import AddressCheck
from csc_console.db.models import ServiceRequest
from csc_console.db.types import utcnow
from csc_console.services.context import Ctx
from csc_console.vocab import RequestStatus

DUPLICATE_DAYS = 30
NEARBY_HOUSE_NUMBERS = 100  # same block or the next one either side
OPEN = (RequestStatus.OPEN.value, RequestStatus.IN_PROGRESS.value)


@dataclass(frozen=True)
class DuplicateCandidate:
    number: str
    category_code: str
    address: str | None
    created_at: datetime
    due_at: datetime | None
    status: str
    description: str
    callers_count: int
    same_address: bool
    distance: int | None  # house numbers apart on the same street


def candidates(
    s: Session, *, category_code: str, check: AddressCheck, now: datetime, exclude_id: int | None = None
) -> list[DuplicateCandidate]:
    """The possible duplicates of a request at ``check`` (inside the caller's transaction)."""
    if check.street_key is None:
        return []
    q = select(ServiceRequest).where(
        col(ServiceRequest.category_code) == category_code,
        col(ServiceRequest.street_key) == check.street_key,
        col(ServiceRequest.created_at) >= now - timedelta(days=DUPLICATE_DAYS),
        col(ServiceRequest.status).in_(OPEN),
    )
    if check.house_number is not None:
        q = q.where(
            col(ServiceRequest.house_number).between(
                check.house_number - NEARBY_HOUSE_NUMBERS, check.house_number + NEARBY_HOUSE_NUMBERS
            )
        )
    if exclude_id is not None:
        q = q.where(col(ServiceRequest.id) != exclude_id)
    rows = s.scalars(q.order_by(col(ServiceRequest.created_at).desc()).limit(20)).all()
    out = []
    for r in rows:
        distance = (
            abs(r.house_number - check.house_number)
            if r.house_number is not None and check.house_number is not None
            else None
        )
        out.append(
            DuplicateCandidate(
                number=r.number,
                category_code=r.category_code,
                address=r.address,
                created_at=r.created_at,
                due_at=r.due_at,
                status=r.status,
                description=r.description,
                callers_count=r.callers_count,
                same_address=r.address_key == check.address_key,
                distance=distance,
            )
        )
    out.sort(key=lambda d: (not d.same_address, d.distance if d.distance is not None else 10**6))
    return out


def find_duplicates(ctx: Ctx, *, category: str, address: str, now: datetime | None = None) -> list[DuplicateCandidate]:
    """Open requests of the category at the same or a nearby address in the last 30 days."""
    cat = ctx.catalog.category(category)
    check = ctx.catalog.street_index.check(address)
    with ctx.db.session() as s:
        return candidates(s, category_code=cat.code, check=check, now=now or utcnow())
