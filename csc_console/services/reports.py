"""Grouped reports: the centre's figures per day, week, month, CSR, request category or channel.

Each report is two ``GROUP BY`` queries over the raw rows (calls with ``kpi.call_aggregates``,
requests with ``count``), merged by group key; the rows of a report add up to the figures of
the whole range (``kpi.figures``). How calls and requests fall into groups:

- ``day`` / ``week`` / ``month``: the local date a call entered the queue, a request was
  created (weeks start on Monday). Every period of the range is listed, empty ones with zeros.
- ``csr``: the operator who answered the call or entered the request. Abandoned calls and
  requests that came in by themselves (web, app, email) are under "No CSR". Every active CSR
  is listed, with zeros when they had no calls.
- ``channel``: the call's channel (the queue carries phone and relay calls) and the request's.
- ``category``: the request's category; a call is counted under the category of the first
  request it created, calls that created none under "No request".

``figures_only`` keeps only queue calls, as ``kpi.figures`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any, Literal, get_args

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from csc_console.errors import NotFound, ValidationError
from csc_console.services import kpi
from csc_console.services.context import Ctx
from csc_console.services.kpi import CALL, OPERATOR, REQUEST, Figures, ServiceLevelFormula
from csc_console.services.periods import (
    as_date,
    local_period,
    next_period,
    period_label,
    periods,
)
from csc_console.vocab import Channel, Role

GroupBy = Literal["day", "week", "month", "csr", "category", "channel"]
GROUPINGS: tuple[str, ...] = get_args(GroupBy)
GROUP_TITLES = {
    "day": "day",
    "week": "week",
    "month": "month",
    "csr": "CSR",
    "category": "request category",
    "channel": "channel",
}
NO_CSR = "No CSR"
NO_REQUEST = "No request"

_SUMS = ("answered", "abandoned_all", "short_abandons", "within", "handled", "relay_answered")
_TOTALS = ("wait_total", "handle_total")


@dataclass(frozen=True)
class GroupRow:
    """One group: its key (``2022-03-01``, ``jchen``, ``potholes``, ``phone``; empty for "No
    CSR" / "No request"), the words for it, and its figures."""

    key: str
    label: str
    figures: Figures

    def as_dict(self, by: str) -> dict[str, Any]:
        return {by: self.key, **self.figures.as_dict()}


@dataclass(frozen=True)
class GroupedReport:
    by: str
    start: date
    end: date  # exclusive
    operator: str | None  # a CSR's username when the report is for one CSR
    operator_name: str | None
    rows: tuple[GroupRow, ...]
    total: Figures

    def as_dicts(self) -> list[dict[str, Any]]:
        return [row.as_dict(self.by) for row in self.rows]


def _zero() -> SimpleNamespace:
    return SimpleNamespace(**dict.fromkeys(_SUMS, 0), **dict.fromkeys(_TOTALS, None))


def _add(acc: SimpleNamespace, row: Any) -> None:
    for name in _SUMS:
        setattr(acc, name, getattr(acc, name) + int(getattr(row, name) or 0))
    for name in _TOTALS:
        value = getattr(row, name)
        if value is not None:
            setattr(acc, name, (getattr(acc, name) or 0.0) + float(value))


def _key_text(value: Any, by: str) -> str:
    if value is None:
        return ""
    if by in ("day", "week", "month"):
        return as_date(value).isoformat()
    return str(value)


# --------------------------------------------------------------------------- group keys
def _with_first_request() -> tuple[Any, Any]:
    """``call LEFT JOIN`` its first request (lowest id), and that request's category column.

    Joined through the index on ``service_request.call_id`` (one probe per call, whatever
    other filter applies), not through a derived table, which SQLite may scan once per call."""
    first = REQUEST.alias("first_request")
    lowest = (
        select(func.min(REQUEST.c.id)).where(REQUEST.c.call_id == CALL.c.id).scalar_subquery()
    )
    joined = CALL.outerjoin(first, and_(first.c.call_id == CALL.c.id, first.c.id == lowest))
    return joined, first.c.category_code


def _queries(ctx: Ctx, by: str, lo: Any, hi: Any) -> tuple[Any, Any]:
    """The calls query (key + aggregates) and the requests query (key + count), not filtered
    by operator yet."""
    threshold = ctx.settings.service_level_seconds
    short = ctx.settings.short_abandon_seconds
    aggregates = kpi.call_aggregates(threshold_seconds=threshold, short_abandon_seconds=short)
    where_calls = kpi.queue_call_filter(lo, hi)
    where_requests = [REQUEST.c.created_at >= lo, REQUEST.c.created_at < hi]
    call_key: ColumnElement[Any]
    request_key: ColumnElement[Any]
    calls_from: Any = CALL
    if by in ("day", "week", "month"):
        dialect = ctx.db.dialect
        call_key = local_period(CALL.c.queued_at, by, zone=ctx.zone, lo=lo, hi=hi, dialect=dialect)
        request_key = local_period(
            REQUEST.c.created_at, by, zone=ctx.zone, lo=lo, hi=hi, dialect=dialect
        )
    elif by == "csr":
        call_key, request_key = CALL.c.operator_id, REQUEST.c.operator_id
    elif by == "channel":
        call_key, request_key = CALL.c.channel, REQUEST.c.channel
    elif by == "category":
        calls_from, call_key = _with_first_request()
        request_key = REQUEST.c.category_code
    else:
        raise ValidationError(
            f"Unknown grouping {by!r}; use one of {', '.join(GROUPINGS)}.", field="by"
        )
    calls_q = (
        select(call_key.label("k"), *aggregates)
        .select_from(calls_from)
        .where(*where_calls)
        .group_by(call_key)
    )
    requests_q = (
        select(request_key.label("k"), func.count().label("n"))
        .select_from(REQUEST)
        .where(*where_requests)
        .group_by(request_key)
    )
    return calls_q, requests_q


# --------------------------------------------------------------------------- labels and order
def _csr_labels(s: Session, keys: set[str]) -> list[tuple[str, str, str]]:
    """(group key = operator id, username, display name): active CSRs plus anyone with data."""
    ids = {int(k) for k in keys if k}
    rows = s.execute(
        select(OPERATOR.c.id, OPERATOR.c.username, OPERATOR.c.display_name)
        .where(
            (and_(OPERATOR.c.role == Role.CSR.value, OPERATOR.c.active.is_(True)))
            | OPERATOR.c.id.in_(ids or {-1})
        )
        .order_by(OPERATOR.c.display_name, OPERATOR.c.username)
    ).all()
    return [(str(r.id), str(r.username), str(r.display_name)) for r in rows]


def _ordered_keys(
    ctx: Ctx, s: Session, by: str, start: date, end: date, keys: set[str], requests: dict[str, int]
) -> list[tuple[str, str, str]]:
    """(raw key, key shown, label) in report order."""
    if by in ("day", "week", "month"):
        return [
            (k.isoformat(), k.isoformat(), period_label(k, by)) for k, _next in periods(start, end, by)
        ]
    if by == "csr":
        out = [(raw, username, name) for raw, username, name in _csr_labels(s, keys)]
        if "" in keys:
            out.append(("", "", NO_CSR))
        return out
    if by == "channel":
        order = {c.value: i for i, c in enumerate(Channel)}
        ranked = sorted((k for k in keys if k), key=lambda k: (order.get(k, 99), k))
        out = []
        for k in ranked:
            try:
                label = Channel(k).label
            except ValueError:
                label = k
            out.append((k, k, label))
        return out
    # category: most requests first, then by name; calls without a request last
    def name(code: str) -> str:
        try:
            return ctx.catalog.entry(code).name
        except NotFound:
            return code

    ranked = sorted((k for k in keys if k), key=lambda k: (-requests.get(k, 0), name(k)))
    out = [(k, k, name(k)) for k in ranked]
    if "" in keys:
        out.append(("", "", NO_REQUEST))
    return out


# --------------------------------------------------------------------------- service
def grouped(
    ctx: Ctx,
    *,
    start: date,
    end: date,
    by: str,
    formula: ServiceLevelFormula = "answered",
    operator: str | None = None,
) -> GroupedReport:
    """Figures per group over local dates ``[start, end)``; for one CSR with ``operator``."""
    threshold = ctx.settings.service_level_seconds
    short = ctx.settings.short_abandon_seconds
    kpi.describe_formula(formula, threshold_seconds=threshold, short_abandon_seconds=short)
    lo, hi = kpi.utc_bounds(ctx.zone, start, end)
    calls_q, requests_q = _queries(ctx, by, lo, hi)
    op_name: str | None = None
    with ctx.db.session() as s:
        if operator is not None:
            op_id, op_name = kpi.operator_ref(s, operator)
            calls_q = calls_q.where(CALL.c.operator_id == op_id)
            requests_q = requests_q.where(REQUEST.c.operator_id == op_id)
        call_rows = {_key_text(r.k, by): r for r in s.execute(calls_q)}
        request_rows = {_key_text(r.k, by): int(r.n) for r in s.execute(requests_q)}
        keys = set(call_rows) | set(request_rows)
        ordered = _ordered_keys(ctx, s, by, start, end, keys, request_rows)
    total = _zero()
    for row in call_rows.values():
        _add(total, row)
    rows = []
    for raw, shown, label in ordered:
        acc = _zero()
        if raw in call_rows:
            _add(acc, call_rows[raw])
        g_start, g_end = start, end
        if by in ("day", "week", "month"):
            key_day = date.fromisoformat(raw)
            g_start = max(start, key_day)
            g_end = min(end, next_period(key_day, by))
        rows.append(
            GroupRow(
                shown,
                label,
                kpi.figures_from_row(
                    acc,
                    start=g_start,
                    end=g_end,
                    requests_received=request_rows.get(raw, 0),
                    threshold_seconds=threshold,
                    short_abandon_seconds=short,
                    formula=formula,
                ),
            )
        )
    return GroupedReport(
        by=by,
        start=start,
        end=end,
        operator=operator.strip().lower() if operator else None,
        operator_name=op_name,
        rows=tuple(rows),
        total=kpi.figures_from_row(
            total,
            start=start,
            end=end,
            requests_received=sum(request_rows.values()),
            threshold_seconds=threshold,
            short_abandon_seconds=short,
            formula=formula,
        ),
    )

