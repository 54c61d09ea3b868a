"""Radio dispatch: the log, unit statuses, the board, and work orders moving with the traffic.

Every radio exchange is one append-only ``dispatch_entry`` (a correction is a new entry that
names the corrected one). A status entry also updates the unit's cached status, so the board
reads one row per unit however long the log grows. A work order named in an entry (or the
unit's current one) moves with it: dispatched / en route -> dispatched, on scene -> in progress;
"cleared" frees the unit and asks the front end whether the work is completed.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TextIO

from sqlalchemy import Table, bindparam, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.catalog.schema import DispatchStatus
from csc_console.db import audit
from csc_console.db.models import ADDRESS_MAX, NOTE_MAX, DispatchEntry, Operator, Unit, WorkOrder
from csc_console.db.types import utcnow
from csc_console.errors import NotFound, StaleEditError, ValidationError
from csc_console.services import workorders as wo_service
from csc_console.services.context import Ctx
from csc_console.services.radio_grammar import RadioCommand, parse
from csc_console.services.text import clean_text, printable
from csc_console.vocab import Direction, WorkOrderStatus

S = WorkOrderStatus
UNIT: Table = Unit.__table__  # type: ignore[attr-defined]
ENTRY: Table = DispatchEntry.__table__  # type: ignore[attr-defined]
# The hot path's statements, built once: executing a prebuilt statement with parameters skips
# SQLAlchemy's per-call construction and cache-key work.
_UNIT_BY_SIGN = select(UNIT).where(UNIT.c.call_sign == bindparam("sign"))
_UNIT_BY_SIGN_LOCKED = _UNIT_BY_SIGN.with_for_update()
_ENTRY_INSERT = {
    "postgresql": pg_insert(ENTRY).on_conflict_do_nothing().returning(ENTRY.c.id),
    "sqlite": sqlite_insert(ENTRY).on_conflict_do_nothing().returning(ENTRY.c.id),
}
_UNIT_FIELDS = ("status", "status_since", "last_contact_at", "work_order_id", "location")
_UNIT_UPDATE = (
    update(UNIT)
    .where(UNIT.c.id == bindparam("u_id"), UNIT.c.version == bindparam("u_version"))
    .values({name: bindparam(f"new_{name}") for name in (*_UNIT_FIELDS, "updated_at", "version")})
)
# Which work-order status each base unit status moves a linked order to.
WORK_ORDER_TARGET = {"dispatched": S.DISPATCHED, "en_route": S.DISPATCHED, "on_scene": S.IN_PROGRESS}
BUSY_BASES = ("dispatched", "en_route", "on_scene")


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


def _public_entry(ctx: Ctx, e: DispatchEntry, unit: str | None, wo: str | None, operator: str | None) -> EntryPublic:
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


def _path(current: S, target: S) -> list[S]:
    """The shortest legal sequence of statuses from ``current`` to ``target``."""
    queue: deque[list[S]] = deque([[current]])
    seen = {current}
    while queue:
        path = queue.popleft()
        if path[-1] is target:
            return path[1:]
        for nxt in wo_service.TRANSITIONS[path[-1]]:
            if nxt not in seen and nxt not in (S.CANCELLED, S.ON_HOLD, S.NEW):
                seen.add(nxt)
                queue.append([*path, nxt])
    return []


def _move_work_order(ctx: Ctx, s: Session, wo: WorkOrder, unit: Unit, target: S, *, operator_id: int, now: datetime, note: str) -> None:
    current = S(wo.status)
    if current is target or (target is S.DISPATCHED and current is S.IN_PROGRESS):
        return
    if wo.crew != unit.call_sign:
        # The unit sent to the job is the crew doing it.
        wo_service.apply_change(ctx, s, wo, wo_service.Change(crew=unit.call_sign, note=note), operator_id=operator_id, now=now)
        current = S(wo.status)
    for step in _path(current, target):
        wo_service.apply_change(ctx, s, wo, wo_service.Change(status=step.value, note=note), operator_id=operator_id, now=now)


# --------------------------------------------------------------------------- logging
def log_command(ctx: Ctx, text: str, *, client_key: str | None = None, now: datetime | None = None) -> LogResult:
    """Parse the dispatcher's line and log it."""
    cmd = parse(text, units=[u.call_sign for u in ctx.catalog.units], statuses=ctx.catalog.dispatch_statuses)
    return log_entry(ctx, cmd, client_key=client_key, now=now)


def log_entry(ctx: Ctx, cmd: RadioCommand, *, client_key: str | None = None, corrects: int | None = None, now: datetime | None = None) -> LogResult:
    """Log one radio exchange; the unit's status and a linked work order move with it.

    The dispatcher's hot path: the entry and the unit are written with Core statements (and
    their audit rows explicitly), because the ORM unit of work cost several times the database
    time here (bench/bench_shared.py). Work-order changes go through the work-order service.
    """
    op = ctx.require()
    now = now or utcnow()
    message = clean_text(cmd.message, field="message", max_length=NOTE_MAX, multiline=True)
    location = clean_text(cmd.location, field="location", max_length=ADDRESS_MAX) or None
    with ctx.db.session(write=True, operator_id=op.id, note="radio log") as s:
        conn = s.connection()
        unit = conn.execute(
            _UNIT_BY_SIGN if ctx.db.is_sqlite else _UNIT_BY_SIGN_LOCKED, {"sign": cmd.unit.upper()}
        ).mappings().first()
        if unit is None:
            raise NotFound(f"There is no unit {cmd.unit!r}.")
        status = cmd.status
        if not unit["active"]:
            raise ValidationError(f"{unit['call_sign']} is not an active unit.", field="unit")
        current = _status(ctx, unit["status"])
        if status and status.base in BUSY_BASES and current and current.base == "out_of_service":
            since = unit["status_since"]
            when_ = since.astimezone(ctx.zone).strftime("%H:%M") if since else "earlier"
            raise ValidationError(
                f"{unit['call_sign']} is {current.name.lower()} (since {when_}); put it back in service "
                f"first ({unit['call_sign']} av).",
                field="status",
            )
        wo: WorkOrder | None = None
        if cmd.work_order:
            wo = wo_service.get_row(s, cmd.work_order, lock=True)
            if S(wo.status) in wo_service.CLOSED_STATUSES:
                raise ValidationError(
                    f"{wo.number} is {S(wo.status).label.lower()}; a supervisor can reopen it.", field="work_order"
                )
        elif status and status.base in ("en_route", "on_scene", "available", "returning") and unit["work_order_id"]:
            wo = s.get(WorkOrder, unit["work_order_id"])
            if wo is not None and S(wo.status) in wo_service.CLOSED_STATUSES:
                wo = None
        values = {
            "at": now,
            "unit_id": unit["id"],
            "direction": cmd.direction.value,
            "status": status.code if status else None,
            "location": location,
            "work_order_id": wo.id if wo else None,
            "message": message,
            "operator_id": op.id,
            "corrects_id": corrects,
            "client_key": client_key,
        }
        entry_id = conn.execute(_ENTRY_INSERT[ctx.db.dialect], values).scalar()
        if entry_id is None:  # the same client_key was logged before: a retried save
            existing = s.scalars(select(DispatchEntry).where(col(DispatchEntry.client_key) == client_key)).first()
            assert existing is not None
            return _result_for_existing(ctx, s, existing)
        changes: dict[str, Any] = {"last_contact_at": now}
        ask = None
        if status is not None:
            changes.update(status=status.code, status_since=now)
            if status.base in BUSY_BASES and wo is not None:
                changes.update(work_order_id=wo.id, location=location or wo.address or unit["location"])
            elif status.base == "available":
                if wo is not None and S(wo.status) in wo_service.OPEN_STATUSES:
                    ask = wo.number
                changes.update(work_order_id=None, location=location)
            elif location:
                changes["location"] = location
        elif location:
            changes["location"] = location
        new = {name: changes.get(name, unit[name]) for name in _UNIT_FIELDS}
        updated = conn.execute(
            _UNIT_UPDATE,
            {
                "u_id": unit["id"],
                "u_version": unit["version"],
                **{f"new_{k}": v for k, v in new.items()},
                "new_updated_at": now,
                "new_version": unit["version"] + 1,
            },
        )
        if updated.rowcount != 1:
            raise StaleEditError(f"{unit['call_sign']} was changed at the same moment; log the entry again.")
        audit.record(
            s,
            [
                {"entity": "dispatch_entry", "entity_id": str(entry_id), "action": "create", "changes": {"after": values}},
                {"entity": "unit", "entity_id": str(unit["id"]), "action": "update",
                 "changes": {k: {"from": unit[k], "to": v} for k, v in changes.items() if unit[k] != v}},
            ],
            operator_id=op.id,
            note="radio log",
        )
        if status is not None and wo is not None and (target := WORK_ORDER_TARGET.get(status.base)) is not None:
            unit_row = s.get(Unit, unit["id"], populate_existing=True)
            assert unit_row is not None
            _move_work_order(ctx, s, wo, unit_row, target, operator_id=op.id, now=now,
                             note=f"Radio: {unit['call_sign']} {status.name.lower()}.")
            s.flush()
        public = EntryPublic(
            id=entry_id,
            at=now,
            unit=unit["call_sign"],
            direction=values["direction"],
            status=values["status"],
            status_name=status.name if status else None,
            work_order=wo.number if wo else None,
            location=location,
            message=message,
            operator=op.display_name,
            corrects=corrects,
        )
        line = public.line(ctx.zone)
        said = f"Logged {line}" + ("" if line.endswith((".", "!", "?")) else ".")
        if ask:
            said += f" Is the work on {ask} completed?"
        return LogResult(public, wo.status if wo else None, ask, said)


def _result_for_existing(ctx: Ctx, s: Session, e: DispatchEntry) -> LogResult:
    unit = s.get(Unit, e.unit_id) if e.unit_id else None
    wo = s.get(WorkOrder, e.work_order_id) if e.work_order_id else None
    public = _public_entry(ctx, e, unit.call_sign if unit else None, wo.number if wo else None, None)
    return LogResult(public, wo.status if wo else None, None, f"Already logged: {public.line(ctx.zone)}.")


def check_in(ctx: Ctx, *, unit: str, now: datetime | None = None) -> LogResult:
    """The unit answered a check-in: logged, and its stale clock restarts (status unchanged)."""
    row_status = None
    with ctx.db.session() as s:
        row = _unit_row(s, unit)
        row_status = _status(ctx, row.status)
    name = row_status.name.lower() if row_status else "status unchanged"
    return log_entry(
        ctx,
        RadioCommand(unit=unit.upper(), status=None, work_order=None, message=f"Check-in: still {name}.",
                     location=None, direction=Direction.FROM_UNIT),
        now=now,
    )


def correct_entry(ctx: Ctx, *, entry_id: int, text: str, client_key: str | None = None, now: datetime | None = None) -> LogResult:
    """A correction: a new entry that names the corrected one (the log is never edited)."""
    with ctx.db.session() as s:
        old = s.get(DispatchEntry, entry_id)
        if old is None:
            raise NotFound(f"There is no log entry {entry_id}.")
        unit = s.get(Unit, old.unit_id) if old.unit_id else None
        # Only a correction of the unit's latest status entry changes its current status: a
        # later status report already overrides an older mistake.
        later_status = unit is not None and s.scalar(
            select(func.count()).select_from(DispatchEntry).where(
                col(DispatchEntry.unit_id) == old.unit_id,
                col(DispatchEntry.status).is_not(None),
                col(DispatchEntry.id) > entry_id,
            )
        )
    body = text.strip()
    if unit and not body.upper().startswith(unit.call_sign):
        body = f"{unit.call_sign} {body}"
    cmd = parse(body, units=[u.call_sign for u in ctx.catalog.units], statuses=ctx.catalog.dispatch_statuses)
    if later_status and cmd.status is not None:
        status_words = f"status was {cmd.status.name.lower()}"
        message = f"{status_words}; {cmd.message}" if cmd.message else status_words.capitalize() + "."
        cmd = RadioCommand(cmd.unit, None, cmd.work_order, message, cmd.location, cmd.direction)
    if not cmd.message:
        cmd = RadioCommand(cmd.unit, cmd.status, cmd.work_order, "Correction.", cmd.location, cmd.direction)
    return log_entry(ctx, cmd, client_key=client_key, corrects=entry_id, now=now)


# --------------------------------------------------------------------------- board
def board(ctx: Ctx, *, now: datetime | None = None, include_inactive: bool = False) -> list[BoardRow]:
    """Every unit with its status, time in status and stale flag: one query on the unit table."""
    now = now or utcnow()
    q = select(Unit, col(WorkOrder.number)).outerjoin(WorkOrder, col(WorkOrder.id) == col(Unit.work_order_id))
    if not include_inactive:
        q = q.where(col(Unit.active).is_(True))
    with ctx.db.session() as s:
        rows = s.execute(q.order_by(col(Unit.call_sign))).all()
    out = []
    for unit, wo_number in rows:
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
                work_order=wo_number,
                location=unit.location,
                stale=limit is not None and quiet >= limit,
                stale_limit=limit,
                active=unit.active,
            )
        )
    out.sort(key=lambda r: (not r.stale, _natural(r.unit)))
    return out


def _natural(call_sign: str) -> tuple[tuple[int, int | str], ...]:
    """PW2 before PW10."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", call_sign) if p)


def board_signature(ctx: Ctx) -> tuple[int, str, int]:
    """Changes whenever a unit row changes (its version counter moves on every write, also for
    a note or a check-in, which leave ``updated_at`` alone)."""
    with ctx.db.session() as s:
        count, latest, versions = s.execute(
            select(func.count(), func.max(col(Unit.updated_at)), func.sum(col(Unit.version)))
        ).one()
    return int(count or 0), str(latest or ""), int(versions or 0)


# --------------------------------------------------------------------------- log reading
@dataclass(frozen=True)
class LogQuery:
    unit: str | None = None
    work_order: str | None = None
    text: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def list_log(ctx: Ctx, query: LogQuery | None = None, *, limit: int = 200) -> list[EntryPublic]:
    """Matching entries, oldest first (newest at the bottom), at most ``limit`` of the latest."""
    qy = query or LogQuery()
    q = (
        select(DispatchEntry, col(Unit.call_sign), col(WorkOrder.number), col(Operator.display_name))
        .outerjoin(Unit, col(Unit.id) == col(DispatchEntry.unit_id))
        .outerjoin(WorkOrder, col(WorkOrder.id) == col(DispatchEntry.work_order_id))
        .outerjoin(Operator, col(Operator.id) == col(DispatchEntry.operator_id))
    )
    with ctx.db.session() as s:
        if qy.unit:
            q = q.where(col(DispatchEntry.unit_id) == _unit_row(s, qy.unit).id)
        if qy.work_order:
            q = q.where(col(DispatchEntry.work_order_id) == wo_service.get_row(s, qy.work_order).id)
        if qy.since:
            q = q.where(col(DispatchEntry.at) >= qy.since)
        if qy.until:
            q = q.where(col(DispatchEntry.at) < qy.until)
        if qy.text and qy.text.strip():
            like = "%" + qy.text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            q = q.where(or_(func.lower(col(DispatchEntry.message)).like(like, escape="\\"),
                            func.lower(col(DispatchEntry.location)).like(like, escape="\\")))
        rows = s.execute(q.order_by(col(DispatchEntry.at).desc(), col(DispatchEntry.id).desc()).limit(limit)).all()
    out = [_public_entry(ctx, e, unit, wo, opname) for e, unit, wo, opname in rows]
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
