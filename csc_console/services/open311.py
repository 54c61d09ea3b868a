"""Open311 GeoReport v2, headless: the catalog as services and service definitions, requests
as service requests, the filters of ``GET requests``, and tokens. The web layer
(``csc_console.server``) only parses HTTP and renders JSON or XML from these plain dicts.

Status mapping (the console keeps a richer set): ``open`` and ``in_progress`` are ``open``;
``closed`` and ``cancelled`` are ``closed``; ``status_notes`` says which, with the note staff
wrote. ``expected_datetime`` is the request's SLA due time. Datetimes are ISO 8601 in the
city's zone with its offset. Personal details of callers are never published.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from csc_console.catalog import Catalog
from csc_console.catalog.schema import Category, Question
from csc_console.db.models import Operator, ServiceRequest
from csc_console.errors import CscError, NotFound, ValidationError
from csc_console.services import inbox
from csc_console.services.context import Ctx, OperatorPublic
from csc_console.services.numbers import parse_number
from csc_console.vocab import RequestStatus, Role

MAX_RESULTS = 1000
MAX_SPAN = timedelta(days=90)
MAX_IDS = 1000
GATEWAY_USERNAME = "open311"
GATEWAY_NAME = "Open311 gateway (web portal and app)"

CLOSED = (RequestStatus.CLOSED.value, RequestStatus.CANCELLED.value)
OPEN = (RequestStatus.OPEN.value, RequestStatus.IN_PROGRESS.value)
STATUS_WORDS = {
    RequestStatus.OPEN.value: "Received, waiting to be worked on.",
    RequestStatus.IN_PROGRESS.value: "In progress.",
    RequestStatus.CLOSED.value: "Closed.",
    RequestStatus.CANCELLED.value: "Cancelled.",
}
DATATYPE_WORDS = {
    "string": "A short text.",
    "number": "A number.",
    "datetime": "A date and time, ISO 8601 (2026-03-05T10:00:00-08:00).",
    "text": "A longer text.",
    "singlevaluelist": "One of the keys in values.",
    "multivaluelist": "One or more of the keys in values (repeat the attribute[] field).",
}


# --------------------------------------------------------------------------- services
def open311_categories(catalog: Catalog) -> list[Category]:
    return list(catalog.categories)


def service(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": bool(category.questions),
        "type": "realtime",
        "keywords": ", ".join(category.synonyms[:12]),
        "group": category.group or "",
    }


def service_list(catalog: Catalog) -> list[dict[str, Any]]:
    return [service(c) for c in open311_categories(catalog)]


def find_category(catalog: Catalog, code: str) -> Category:
    try:
        return catalog.category(code)
    except NotFound:
        raise NotFound(
            f"There is no service with the code {code!r}; GET services lists them."
        ) from None


def attribute(question: Question, order: int) -> dict[str, Any]:
    return {
        "variable": True,
        "code": question.code,
        "datatype": question.datatype,
        "required": question.required,
        "datatype_description": question.description or DATATYPE_WORDS[question.datatype],
        "order": order,
        "description": question.prompt,
        "values": [{"key": v.key, "name": v.name} for v in question.values],
    }


def service_definition(catalog: Catalog, code: str) -> dict[str, Any]:
    category = find_category(catalog, code)
    return {
        "service_code": category.code,
        "attributes": [attribute(q, i) for i, q in enumerate(category.questions, start=1)],
    }


# --------------------------------------------------------------------------- requests
def w3c(moment: datetime | None, ctx: Ctx) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(ctx.zone).replace(microsecond=0).isoformat()


def parse_w3c(text: str, *, name: str, ctx: Ctx) -> datetime:
    """A W3C / ISO 8601 datetime (a bare date counts as its local midnight)."""
    raw = text.strip()
    if "T" in raw and " " in raw:  # a "+" of the offset sent unencoded arrives as a space
        head, _, tail = raw.rpartition(" ")
        raw = f"{head}+{tail}"
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            f"{name} {raw!r} is not a date and time like 2026-03-01T00:00:00Z.", field=name
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ctx.zone)
    return moment


class RequestMapper:
    """Rows to Open311 service requests (catalog names and ZIP codes looked up once each)."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self._zips: dict[str, str | None] = {}

    def zipcode(self, address: str | None) -> str | None:
        if not address:
            return None
        if address not in self._zips:
            self._zips[address] = self.ctx.catalog.street_index.check(address).zip
        return self._zips[address]

    def names(self, row: ServiceRequest) -> tuple[str, str, str | None]:
        catalog = self.ctx.catalog
        try:
            category = catalog.category(row.category_code)
            name, notice = category.name, f"Target: {category.sla.describe()}."
        except CscError:
            name, notice = row.category_code, None
        try:
            agency = catalog.department(row.department_code).name
        except CscError:
            agency = row.department_code
        return name, agency, notice

    def status_notes(self, row: ServiceRequest) -> str:
        words = STATUS_WORDS.get(row.status, row.status)
        return f"{words} {row.status_note}" if row.status_note else words

    def __call__(self, row: ServiceRequest) -> dict[str, Any]:
        name, agency, notice = self.names(row)
        ctx = self.ctx
        return {
            "service_request_id": row.number,
            "status": "closed" if row.status in CLOSED else "open",
            "status_notes": self.status_notes(row),
            "service_name": name,
            "service_code": row.category_code,
            "description": row.description,
            "agency_responsible": agency,
            "service_notice": notice,
            "requested_datetime": w3c(row.created_at, ctx),
            "updated_datetime": w3c(row.updated_at, ctx),
            "expected_datetime": w3c(row.due_at, ctx),
            "address": row.address or row.cross_street,
            "address_id": None,
            "zipcode": self.zipcode(row.address),
            "lat": row.latitude,
            "long": row.longitude,
            "media_url": row.media_url,
        }


def canonical_id(text: str) -> str | None:
    parsed = parse_number(text)
    if parsed is None or parsed[0] != "SR":
        return None
    return f"SR-{parsed[1]}-{parsed[2]:06d}"


def get_service_request(ctx: Ctx, *, request_id: str) -> dict[str, Any]:
    number = canonical_id(request_id)
    if number is None:
        raise NotFound(f"There is no service request {request_id!r}.")
    with ctx.db.session() as s:
        row = s.scalars(select(ServiceRequest).where(col(ServiceRequest.number) == number)).first()
        if row is None:
            raise NotFound(f"There is no service request {number}.")
        return RequestMapper(ctx)(row)


@dataclass(frozen=True)
class RequestQuery:
    ids: Sequence[str] = ()
    service_codes: Sequence[str] = ()
    start: datetime | None = None
    end: datetime | None = None
    statuses: Sequence[str] = ()
    limit: int = MAX_RESULTS
    offset: int = 0


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


def build_query(
    ctx: Ctx,
    *,
    service_request_id: str | None = None,
    service_code: str | None = None,
    start_date: str | None = None,
    end_date: str | None = None,
    status: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
) -> RequestQuery:
    """The filters of ``GET requests`` checked (``ValidationError`` -> 400). Paging
    parameters are not part of the standard: sensible values are honoured, others ignored."""
    size = _int(page_size, MAX_RESULTS)
    size = min(max(size, 1), MAX_RESULTS)
    offset = (max(_int(page, 1), 1) - 1) * size
    ids = _split(service_request_id)
    if ids:
        if len(ids) > MAX_IDS:
            raise ValidationError(f"Ask for at most {MAX_IDS} service_request_id values at once.")
        return RequestQuery(ids=ids, limit=size, offset=offset)
    codes = _split(service_code)
    for code in codes:
        find_category(ctx.catalog, code)
    statuses = [s.lower() for s in _split(status)]
    bad = [s for s in statuses if s not in ("open", "closed")]
    if bad:
        raise ValidationError(f"status {bad[0]!r} is not open or closed.", field="status")
    start = parse_w3c(start_date, name="start_date", ctx=ctx) if start_date else None
    end = parse_w3c(end_date, name="end_date", ctx=ctx) if end_date else None
    if start and end and end < start:
        raise ValidationError("end_date is before start_date.", field="end_date")
    if start and end and end - start > MAX_SPAN:
        raise ValidationError(
            "start_date and end_date may be at most 90 days apart.", field="end_date"
        )
    return RequestQuery(
        service_codes=[find_category(ctx.catalog, c).code for c in codes],
        start=start,
        end=end,
        statuses=statuses,
        limit=size,
        offset=offset,
    )


def _int(text: str | None, default: int) -> int:
    try:
        return int(str(text).strip()) if text is not None else default
    except ValueError:
        return default


def list_service_requests(ctx: Ctx, query: RequestQuery, *, now: datetime) -> list[dict[str, Any]]:
    """Newest first. Without dates: the most recent 90 days (the standard's default)."""
    q = select(ServiceRequest)
    if query.ids:
        numbers = [n for n in (canonical_id(i) for i in query.ids) if n]
        if not numbers:
            return []
        q = q.where(col(ServiceRequest.number).in_(numbers))
    else:
        end = query.end or ((query.start + MAX_SPAN) if query.start else now)
        start = query.start or (end - MAX_SPAN)
        q = q.where(col(ServiceRequest.created_at) >= start, col(ServiceRequest.created_at) <= end)
        if query.service_codes:
            q = q.where(col(ServiceRequest.category_code).in_(query.service_codes))
        wanted: list[str] = []
        for word in query.statuses:
            wanted.extend(OPEN if word == "open" else CLOSED)
        if wanted:
            q = q.where(col(ServiceRequest.status).in_(wanted))
    q = q.order_by(col(ServiceRequest.created_at).desc(), col(ServiceRequest.id).desc())
    q = q.limit(query.limit).offset(query.offset)
    mapper = RequestMapper(ctx)
    with ctx.db.session() as s:
        return [mapper(r) for r in s.scalars(q)]


def token_status(ctx: Ctx, *, token: str) -> dict[str, Any]:
    """``GET tokens/{token}``: the request made from a posted report, once a CSR made it."""
    found = inbox.find_by_token(ctx, token=token.strip()) if len(token) <= 64 else None
    if found is None:
        raise NotFound(f"There is no token {token!r}.")
    return {"service_request_id": found.request_number, "token": found.token}


# --------------------------------------------------------------------------- the gateway
def gateway_context(ctx: Ctx) -> Ctx:
    """``ctx`` acting as the server's own operator (created on first use, deactivated so
    nobody can sign in with it). Requests posted over Open311 are recorded as made by it."""
    with ctx.db.session() as s:
        row = s.scalars(select(Operator).where(col(Operator.username) == GATEWAY_USERNAME)).first()
    if row is None:
        with ctx.db.session(write=True, note="Open311 gateway operator") as w:
            row = w.scalars(
                select(Operator).where(col(Operator.username) == GATEWAY_USERNAME)
            ).first()
            if row is None:
                row = Operator(
                    username=GATEWAY_USERNAME,
                    display_name=GATEWAY_NAME,
                    role=Role.CSR.value,
                    active=False,
                )
                w.add(row)
                w.flush()
    assert row.id is not None
    return ctx.as_operator(
        OperatorPublic(
            id=row.id,
            username=row.username,
            display_name=row.display_name,
            role=Role(row.role),
            active=row.active,
            preferences={},
            version=row.version,
            created_at=row.created_at,
        )
    )


def first_values(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out
