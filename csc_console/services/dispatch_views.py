"""Radio dispatch as it is read: log entries and the unit board in words, the log's filters
and exports, a work order's radio intervals (``services.dispatch`` writes the log and
re-exports these names)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TextIO

from sqlalchemy import Integer, bindparam, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.catalog.schema import DispatchStatus
from csc_console.db.models import DispatchEntry, Operator, Unit, WorkOrder
from csc_console.db.types import utcnow
from csc_console.errors import NotFound
from csc_console.services.context import Ctx
from csc_console.services.text import printable
from csc_console.services.workorder_views import get_row as get_work_order_row
from csc_console.vocab import Direction

Signature = tuple[int, str, int]  # units, latest change, sum of versions: see board_signature


# --------------------------------------------------------------------------- read models
@dataclass(frozen=True)
class EntryPublic:
    id: int
    at: datetime
    unit: str | None
    direction: str
    status: str | None
    status_name: str | None
    work_order: str | None
    location: str | None
    message: str
    operator: str | None
    corrects: int | None

    def line(self, zone: Any) -> str:
        """One log line, time and unit first: "10:42 PW12 On scene WO-2026-000123: patched"."""
        local = self.at.astimezone(zone)
        parts = [f"{local:%H:%M:%S}", self.unit or "note"]
        if self.direction == Direction.TO_UNIT.value:
            parts.insert(1, "to")
        if self.status_name:
            parts.append(self.status_name)
        if self.work_order:
            parts.append(self.work_order)
        text = " ".join(parts)
        if self.location:
            text += f" @ {printable(self.location)}"
        if self.message:
            text += f": {printable(self.message)}"
        if self.corrects:
            text += f" (corrects entry {self.corrects})"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "unit": self.unit,
            "direction": self.direction,
            "status": self.status,
            "work_order": self.work_order,
            "location": self.location,
            "message": self.message,
            "operator": self.operator,
            "corrects": self.corrects,
        }


@dataclass(frozen=True)
class LogResult:
    entry: EntryPublic
    work_order_status: str | None  # the linked work order's status after the entry
    ask_completed: str | None  # a work order to ask about: "is the work completed?"
    said: str  # the sentence to show / speak


@dataclass(frozen=True)
class BoardRow:
    unit: str
    name: str
    division: str | None
    status: str
    status_name: str
    base: str
    since: datetime | None
    minutes: int
    work_order: str | None
    location: str | None
    stale: bool
    stale_limit: int | None
    active: bool

    @property
    def stale_text(self) -> str:
        if not self.stale or self.stale_limit is None:
            return ""
        return f"STALE: {self.status_name.lower()} {_duration(self.minutes)} (check-in after {self.stale_limit} min)"

    def line(self) -> str:
        """One unit per line, status first (screen readers and braille)."""
        parts = [f"{self.status_name}", self.unit, f"for {_duration(self.minutes)}"]
        if self.work_order:
            parts.append(self.work_order)
        if self.location:
            parts.append(f"at {printable(self.location)}")
        text = ", ".join(parts)
        return f"{text}. {self.stale_text}" if self.stale else text

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "status": self.status,
            "status_name": self.status_name,
            "since": self.since.isoformat() if self.since else None,
            "work_order": self.work_order,
            "location": self.location,
            "stale": self.stale,
        }


def _duration(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


# --------------------------------------------------------------------------- helpers
def _status(ctx: Ctx, code: str) -> DispatchStatus | None:
    try:
        return ctx.catalog.dispatch_status(code)
    except NotFound:
        return None


def _public_entry(ctx: Ctx, e: Any, unit: str | None, wo: str | None, operator: str | None) -> EntryPublic:
    """``e``: a ``DispatchEntry`` or a row with its columns."""
    assert e.id is not None
    status = _status(ctx, e.status) if e.status else None
    return EntryPublic(
        id=e.id,
        at=e.at,
        unit=unit,
        direction=e.direction,
        status=e.status,
        status_name=status.name if status else e.status,
        work_order=wo,
        location=e.location,
        message=e.message,
        operator=operator,
        corrects=e.corrects_id,
    )


def _unit_row(s: Session, call_sign: str, *, lock: bool = False) -> Unit:
    q = select(Unit).where(col(Unit.call_sign) == call_sign.upper())
    if lock:
        # Two dispatchers logging for the same unit at once: the second waits for the first
        # instead of failing on the unit's version counter (SQLite's write lock does this).
        q = q.with_for_update()
    row = s.scalars(q).first()
    if row is None:
        raise NotFound(f"There is no unit {call_sign!r}.")
    return row


# --------------------------------------------------------------------------- board
_BOARD_COLUMNS: tuple[Any, ...] = (
    col(Unit.call_sign), col(Unit.name), col(Unit.division), col(Unit.status), col(Unit.status_since),
    col(Unit.last_contact_at), col(Unit.location), col(Unit.active), col(Unit.updated_at), col(Unit.version),
    col(WorkOrder.number).label("wo_number"),
)


# Columns, not entities, and built once: the board is read on every change another console makes.
_BOARD_QUERY = (
    select(*_BOARD_COLUMNS)
    .outerjoin(WorkOrder, col(WorkOrder.id) == col(Unit.work_order_id))
    .order_by(col(Unit.call_sign))
)


def board(ctx: Ctx, *, now: datetime | None = None, include_inactive: bool = False) -> list[BoardRow]:
    """Every unit with its status, time in status and stale flag: one query on the unit table."""
    with ctx.db.session() as s:
        return _board(ctx, s, now=now or utcnow(), include_inactive=include_inactive)[1]


def _board(ctx: Ctx, s: Session, *, now: datetime, include_inactive: bool = False) -> tuple[Signature, list[BoardRow]]:
    """The board and, from the same rows (every unit, active or not), its ``board_signature``."""
    units = s.execute(_BOARD_QUERY).all()
    latest = max((u.updated_at for u in units if u.updated_at is not None), default=None)
    signature = (len(units), str(latest or ""), sum(u.version or 0 for u in units))
    out = []
    for unit in units if include_inactive else [u for u in units if u.active]:
        status = _status(ctx, unit.status)
        since = unit.status_since
        minutes = int((now - since).total_seconds() // 60) if since else 0
        contact = max(filter(None, (since, unit.last_contact_at)), default=None)
        quiet = int((now - contact).total_seconds() // 60) if contact else 0
        limit = status.stale_after_minutes if status else None
        out.append(
            BoardRow(
                unit=unit.call_sign,
                name=unit.name,
                division=unit.division,
                status=unit.status,
                status_name=status.name if status else unit.status,
                base=status.base if status else "available",
                since=since,
                minutes=max(minutes, 0),
                work_order=unit.wo_number,
                location=unit.location,
                stale=limit is not None and quiet >= limit,
                stale_limit=limit,
                active=unit.active,
            )
        )
    out.sort(key=lambda r: (not r.stale, _natural(r.unit)))
    return signature, out


def _natural(call_sign: str) -> tuple[tuple[int, int | str], ...]:
    """PW2 before PW10."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", call_sign) if p)


def board_signature(ctx: Ctx) -> Signature:
    """Changes whenever a unit row changes (its version counter moves on every write, also for
    a note or a check-in, which leave ``updated_at`` alone)."""
    with ctx.db.session() as s:
        return _signature(s)


def _signature(s: Session) -> Signature:
    count, latest, versions = s.execute(
        select(func.count(), func.max(col(Unit.updated_at)), func.sum(col(Unit.version)))
    ).one()
    return int(count or 0), str(latest or ""), int(versions or 0)


def board_and_tail(ctx: Ctx, *, now: datetime, tail: int) -> tuple[Signature, list[BoardRow], list[EntryPublic]]:
    """What another console's radio save changes on the board and the log, in one read: the
    board's signature, the board, and the log's latest ``tail`` entries (oldest first)."""
    with ctx.db.session() as s:
        signature, rows = _board(ctx, s, now=now)
        return signature, rows, _log(ctx, s, LogQuery(), limit=tail)


# --------------------------------------------------------------------------- log reading
@dataclass(frozen=True)
class LogQuery:
    unit: str | None = None
    work_order: str | None = None
    text: str | None = None
    since: datetime | None = None
    until: datetime | None = None


_LOG_COLUMNS: tuple[Any, ...] = (
    col(DispatchEntry.id), col(DispatchEntry.at), col(DispatchEntry.direction), col(DispatchEntry.status),
    col(DispatchEntry.location), col(DispatchEntry.message), col(DispatchEntry.corrects_id),
    col(Unit.call_sign), col(WorkOrder.number), col(Operator.display_name),
)


def list_log(ctx: Ctx, query: LogQuery | None = None, *, limit: int = 200) -> list[EntryPublic]:
    """Matching entries, oldest first (newest at the bottom), at most ``limit`` of the latest."""
    with ctx.db.session() as s:
        return _log(ctx, s, query or LogQuery(), limit=limit)


_LOG_QUERY = (
    select(*_LOG_COLUMNS)
    .outerjoin(Unit, col(Unit.id) == col(DispatchEntry.unit_id))
    .outerjoin(WorkOrder, col(WorkOrder.id) == col(DispatchEntry.work_order_id))
    .outerjoin(Operator, col(Operator.id) == col(DispatchEntry.operator_id))
)
_LOG_ORDER = (col(DispatchEntry.at).desc(), col(DispatchEntry.id).desc())
# The latest entries, unfiltered (the live refresh's read), built once.
_LOG_LATEST = _LOG_QUERY.order_by(*_LOG_ORDER).limit(bindparam("limit", type_=Integer))


def _log(ctx: Ctx, s: Session, qy: LogQuery, *, limit: int) -> list[EntryPublic]:
    if qy == LogQuery():
        rows = s.execute(_LOG_LATEST, {"limit": limit}).all()
        return [_public_entry(ctx, r, r.call_sign, r.number, r.display_name) for r in reversed(rows)]
    q = _LOG_QUERY
    if qy.unit:
        q = q.where(col(DispatchEntry.unit_id) == _unit_row(s, qy.unit).id)
    if qy.work_order:
        q = q.where(col(DispatchEntry.work_order_id) == get_work_order_row(s, qy.work_order).id)
    if qy.since:
        q = q.where(col(DispatchEntry.at) >= qy.since)
    if qy.until:
        q = q.where(col(DispatchEntry.at) < qy.until)
    if qy.text and qy.text.strip():
        like = "%" + qy.text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        q = q.where(or_(func.lower(col(DispatchEntry.message)).like(like, escape="\\"),
                        func.lower(col(DispatchEntry.location)).like(like, escape="\\")))
    rows = s.execute(q.order_by(*_LOG_ORDER).limit(limit)).all()
    out = [_public_entry(ctx, r, r.call_sign, r.number, r.display_name) for r in rows]
    out.reverse()
    return out


LOG_COLUMNS = ("id", "at", "unit", "direction", "status", "work_order", "location", "message", "operator", "corrects")


def export_log_csv(ctx: Ctx, out: TextIO, query: LogQuery | None = None, *, limit: int = 100_000) -> int:
    writer = csv.DictWriter(out, fieldnames=list(LOG_COLUMNS))
    writer.writeheader()
    entries = list_log(ctx, query, limit=limit)
    for e in entries:
        data = e.to_json()
        writer.writerow({k: printable(v) if isinstance(v, str) else v for k, v in data.items()})
    return len(entries)


def shift_log_text(ctx: Ctx, query: LogQuery | None = None) -> str:
    entries = list_log(ctx, query, limit=100_000)
    lines = [f"Radio log: {len(entries)} entr{'y' if len(entries) == 1 else 'ies'}."]
    lines += [e.line(ctx.zone) for e in entries]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- intervals
@dataclass(frozen=True)
class Intervals:
    dispatched_at: datetime | None
    en_route_at: datetime | None
    on_scene_at: datetime | None
    cleared_at: datetime | None

    @property
    def travel(self) -> timedelta | None:
        start = self.en_route_at or self.dispatched_at
        return self.on_scene_at - start if start and self.on_scene_at else None

    @property
    def on_scene(self) -> timedelta | None:
        return self.cleared_at - self.on_scene_at if self.on_scene_at and self.cleared_at else None

    @property
    def busy(self) -> timedelta | None:
        return self.cleared_at - self.dispatched_at if self.dispatched_at and self.cleared_at else None

    def lines(self) -> list[str]:
        def mins(d: timedelta | None) -> str:
            return _duration(int(d.total_seconds() // 60)) if d is not None else "not yet"

        return [f"Travel time: {mins(self.travel)}", f"Time on scene: {mins(self.on_scene)}", f"Unit busy: {mins(self.busy)}"]


def work_order_radio(ctx: Ctx, *, number: str) -> tuple[list[EntryPublic], Intervals]:
    """A work order's radio entries and its dispatched -> on scene -> cleared intervals."""
    entries = list_log(ctx, LogQuery(work_order=number), limit=1000)
    first: dict[str, datetime] = {}
    for e in entries:
        status = _status(ctx, e.status) if e.status else None
        if status is None:
            continue
        base = "cleared" if status.base == "available" else status.base
        first.setdefault(base, e.at)
    return entries, Intervals(first.get("dispatched"), first.get("en_route"), first.get("on_scene"), first.get("cleared"))
