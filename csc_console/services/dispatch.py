"""Radio dispatch: the log, unit statuses, the board, and work orders moving with the traffic.

Every radio exchange is one append-only ``dispatch_entry`` (a correction is a new entry that
names the corrected one). A status entry also updates the unit's cached status, so the board
reads one row per unit however long the log grows. A work order named in an entry (or the
unit's current one) moves with it: dispatched / en route -> dispatched, on scene -> in progress;
"cleared" frees the unit and asks the front end whether the work is completed.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.db import audit
from csc_console.db.models import ADDRESS_MAX, NOTE_MAX, DispatchEntry, Unit, WorkOrder
from csc_console.db.types import utcnow
from csc_console.errors import NotFound, StaleEditError, ValidationError
from csc_console.services import workorders as wo_service
from csc_console.services.context import Ctx
from csc_console.services.dispatch_sql import (
    ENTRY_INSERT_SQLITE,
    LOG_TOGETHER_PG,
    UNIT_BY_SIGN,
    UNIT_BY_SIGN_LOCKED,
    UNIT_FIELDS,
    UNIT_UPDATE,
)
from csc_console.services.dispatch_views import LOG_COLUMNS as LOG_COLUMNS
from csc_console.services.dispatch_views import BoardRow as BoardRow
from csc_console.services.dispatch_views import EntryPublic as EntryPublic
from csc_console.services.dispatch_views import Intervals as Intervals
from csc_console.services.dispatch_views import LogQuery as LogQuery
from csc_console.services.dispatch_views import LogResult as LogResult
from csc_console.services.dispatch_views import _duration as _duration
from csc_console.services.dispatch_views import _public_entry as _public_entry
from csc_console.services.dispatch_views import _status, _unit_row
from csc_console.services.dispatch_views import board as board
from csc_console.services.dispatch_views import board_and_tail as board_and_tail
from csc_console.services.dispatch_views import board_signature as board_signature
from csc_console.services.dispatch_views import export_log_csv as export_log_csv
from csc_console.services.dispatch_views import list_log as list_log
from csc_console.services.dispatch_views import shift_log_text as shift_log_text
from csc_console.services.dispatch_views import work_order_radio as work_order_radio
from csc_console.services.radio_grammar import RadioCommand, parse
from csc_console.services.text import clean_text
from csc_console.vocab import Direction, WorkOrderStatus

S = WorkOrderStatus
# The hot path's statements are prebuilt in dispatch_sql.
# Which work-order status each base unit status moves a linked order to.
WORK_ORDER_TARGET = {"dispatched": S.DISPATCHED, "en_route": S.DISPATCHED, "on_scene": S.IN_PROGRESS}
BUSY_BASES = ("dispatched", "en_route", "on_scene")


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
            UNIT_BY_SIGN if ctx.db.is_sqlite else UNIT_BY_SIGN_LOCKED, {"sign": cmd.unit.upper()}
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
        new = {name: changes.get(name, unit[name]) for name in UNIT_FIELDS}
        unit_update = {
            "u_id": unit["id"],
            "u_version": unit["version"],
            **{f"new_{k}": v for k, v in new.items()},
            "new_updated_at": now,
            "new_version": unit["version"] + 1,
        }
        unit_changes = {k: {"from": unit[k], "to": v} for k, v in changes.items() if unit[k] != v}
        if ctx.db.is_sqlite:
            entry_id = conn.execute(ENTRY_INSERT_SQLITE, values).scalar()
            updated = 0 if entry_id is None else conn.execute(UNIT_UPDATE, unit_update).rowcount
            if entry_id is not None and updated == 1:
                audit.record(
                    s,
                    [
                        {"entity": "dispatch_entry", "entity_id": str(entry_id), "action": "create", "changes": {"after": values}},
                        {"entity": "unit", "entity_id": str(unit["id"]), "action": "update", "changes": unit_changes},
                    ],
                    operator_id=op.id,
                    note="radio log",
                )
        else:
            # One statement: the entry, the unit and both audit rows (dispatch_sql).
            together = conn.execute(LOG_TOGETHER_PG, {
                **{f"e_{k}": v for k, v in values.items()},
                **unit_update,
                "a_at": now, "a_operator_id": op.id, "a_note": "radio log",
                "a_entry_changes": audit.jsonable({"after": values}),
                "a_unit_changes": audit.jsonable(unit_changes),
            }).one()
            entry_id, updated = together[0], together[1]
        if entry_id is None:  # the same client_key was logged before: a retried save
            existing = s.scalars(select(DispatchEntry).where(col(DispatchEntry.client_key) == client_key)).first()
            assert existing is not None
            return _result_for_existing(ctx, s, existing)
        if updated != 1:
            raise StaleEditError(f"{unit['call_sign']} was changed at the same moment; log the entry again.")
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


def check_in(ctx: Ctx, *, unit: str, client_key: str | None = None, now: datetime | None = None) -> LogResult:
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
        client_key=client_key,
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
