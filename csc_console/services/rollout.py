"""The Resident Refuse Disability Rollout Service: the refuse crews' route list.

Enrolments are service requests of the ``refuse-rollout`` category. A crew's list for a
collection day holds every enrolment for that day that has started and not ended (and was not
cancelled), with where the bins are kept, ordered by street and house number so it reads like
a route.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlmodel import col

from csc_console.db.models import Caller, ServiceRequest
from csc_console.errors import ValidationError
from csc_console.services.answers import parse_datetime
from csc_console.services.context import Ctx
from csc_console.services.phones import display_phone
from csc_console.services.text import printable
from csc_console.vocab import RequestStatus

CATEGORY = "refuse-rollout"
DAYS = ("mon", "tue", "wed", "thu", "fri")
DAY_NAMES = dict(zip(DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"), strict=True))


@dataclass(frozen=True)
class Stop:
    request: str
    address: str
    container_location: str
    access_notes: str
    resident: str
    phone: str
    starts: date | None
    ends: date | None

    def line(self) -> str:
        text = f"{printable(self.address)}: bins {printable(self.container_location)}"
        if self.access_notes:
            text += f"; {printable(self.access_notes)}"
        if self.ends:
            text += f"; until {self.ends:%B} {self.ends.day}"
        return f"{text} ({self.request})"


def _day_of(value: object, ctx: Ctx) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_datetime(value, ctx.zone).date()
    except (ValueError, AssertionError):
        return None


def route_list(ctx: Ctx, *, day: str, on: date | None = None) -> list[Stop]:
    """Active rollout stops for a collection day (``mon`` .. ``fri``) as of ``on`` (today)."""
    key = day.strip().lower()[:3]
    if key not in DAYS:
        raise ValidationError(f"{day!r} is not a collection day; use Monday to Friday.", field="day")
    today = on or datetime.now(ctx.zone).date()
    q = (
        select(ServiceRequest, Caller)
        .outerjoin(Caller, col(Caller.id) == col(ServiceRequest.caller_id))
        .where(
            col(ServiceRequest.category_code) == CATEGORY,
            col(ServiceRequest.status) != RequestStatus.CANCELLED.value,
        )
    )
    stops: list[tuple[tuple[str, int], Stop]] = []
    with ctx.db.session() as s:
        for req, caller in s.execute(q):
            answers = req.answers or {}
            if answers.get("collection_day") != key:
                continue
            starts, ends = _day_of(answers.get("start_date"), ctx), _day_of(answers.get("end_date"), ctx)
            if (starts and starts > today) or (ends and ends < today):
                continue
            stops.append(
                (
                    (req.street_key or req.address or "", req.house_number or 0),
                    Stop(
                        request=req.number,
                        address=req.address or req.cross_street or "",
                        container_location=str(answers.get("container_location") or "not given"),
                        access_notes=str(answers.get("access_notes") or ""),
                        resident=(caller.name if caller else None) or "",
                        phone=display_phone(caller.phone, caller.phone_ext) if caller else "",
                        starts=starts,
                        ends=ends,
                    ),
                )
            )
    return [stop for _key, stop in sorted(stops, key=lambda pair: pair[0])]


def route_text(ctx: Ctx, *, day: str, on: date | None = None) -> str:
    stops = route_list(ctx, day=day, on=on)
    name = DAY_NAMES[day.strip().lower()[:3]]
    lines = [f"Rollout service, {name} route: {len(stops)} stop{'s' if len(stops) != 1 else ''}."]
    lines += [f"{i}. {stop.line()}" for i, stop in enumerate(stops, 1)]
    return "\n".join(lines) + "\n"
