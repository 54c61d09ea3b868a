"""What someone else just saved, as one short line each, for screen-reader mode's notices.

``describe_changes`` turns the ``Change`` list a ``ChangeFeed`` reports into lines such as
"Unit PW12 on scene.", "WO-2026-000123 completed by Jun Chen." or "New request SR-2026-000045,
Pothole, by Maria Lopez." It reads the few rows it needs (a handful of primary-key lookups) and
leaves out what this operator did (their own console already said so) and what nobody needs to
hear about (audit rows of callers, settings, the unit row a radio entry also changed).
At most ``MOST`` lines per batch; the rest is counted in one more line.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from csc_console.db.models import (
    DispatchEntry,
    InboxMessage,
    Operator,
    ServiceRequest,
    Unit,
    WorkOrder,
    WorkOrderEvent,
)
from csc_console.errors import CscError
from csc_console.services.context import Ctx
from csc_console.services.live import Change
from csc_console.services.text import printable
from csc_console.vocab import Channel, WorkOrderStatus

MOST = 3
#: the tables whose creations are worth a line (the others change with them)
TOLD = ("dispatch_entry", "work_order_event", "service_request", "inbox_message")


def relevant(changes: Iterable[Change]) -> list[Change]:
    return [c for c in changes if c.entity in TOLD and c.action == "create" and c.entity_id.isdigit()]


def describe_changes(ctx: Ctx, changes: Iterable[Change], *, me: int | None) -> list[str]:
    """One line per change someone other than operator ``me`` made (see the module doc)."""
    wanted = relevant(changes)
    if not wanted:
        return []
    lines: list[str] = []
    with ctx.db.session() as s:
        for change in wanted:
            line = _describe(ctx, s, change, me)
            if line:
                lines.append(line)
    if len(lines) > MOST:
        more = len(lines) - MOST + 1
        lines = [*lines[: MOST - 1], f"And {more} more changes by others."]
    return lines


def _name(s: Session, operator_id: int | None) -> str:
    row = s.get(Operator, operator_id) if operator_id is not None else None
    return printable(row.display_name) if row else "someone"


def _describe(ctx: Ctx, s: Session, change: Change, me: int | None) -> str | None:
    key = int(change.entity_id)
    if change.entity == "dispatch_entry":
        entry = s.get(DispatchEntry, key)
        if entry is None or entry.operator_id == me or not entry.status or entry.unit_id is None:
            return None
        if entry.corrects_id is not None:
            return None  # a correction: the board shows it; the log says it was corrected
        unit = s.get(Unit, entry.unit_id)
        try:
            status = ctx.catalog.dispatch_status(entry.status).name.lower()
        except CscError:
            status = entry.status.replace("_", " ")
        where = f" at {printable(entry.location)}" if entry.location else ""
        return f"Unit {unit.call_sign if unit else '?'} {status}{where}."
    if change.entity == "work_order_event":
        event = s.get(WorkOrderEvent, key)
        if event is None or event.operator_id == me:
            return None
        wo = s.get(WorkOrder, event.work_order_id)
        if wo is None:
            return None
        who = _name(s, event.operator_id)
        if event.kind == "status" and event.to_status:
            return f"{wo.number} {WorkOrderStatus(event.to_status).label.lower()} by {who}."
        if event.kind == "created":
            if wo.request_id is not None:
                return None  # said with its request
            return f"New work order {wo.number} by {who}."
        if event.kind == "assigned":
            return f"{wo.number} assigned to {printable(wo.crew) or 'no crew'} by {who}."
        if event.kind == "note":
            return f"{wo.number}: note added by {who}."
        return f"{wo.number} {event.kind} by {who}."
    if change.entity == "service_request":
        request = s.get(ServiceRequest, key)
        if request is None or request.operator_id == me:
            return None
        try:
            what = ctx.catalog.category(request.category_code).name
        except CscError:
            what = request.category_code
        by = f" by {_name(s, request.operator_id)}" if request.operator_id else ""
        return f"New request {request.number}, {printable(what)}{by}."
    if change.entity == "inbox_message":
        message = s.get(InboxMessage, key)
        if message is None:
            return None
        return f"New {Channel(message.channel).label} message in the inbox."
    return None
