"""Saves queued on local disk while the database is unreachable, written when it returns.

When a save fails with ``DatabaseUnavailable`` a front end puts the operation here instead of
losing it: one small JSON file per operation in the user data directory, written atomically
(``DraftStore``), named so they replay in the order they were queued. ``flush`` replays them;
every kind is idempotent (requests and calls by ``client_key``, radio entries by their key,
relay turns by their number, work-order notes by their time and text), so an operation that reached the database just before the
connection dropped is not written twice. A replay the database refuses for another reason (a
validation error) is kept aside as ``failed`` for a person to look at, never dropped.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from csc_console import paths
from csc_console.errors import CscError, DatabaseUnavailable
from csc_console.services.context import Ctx
from csc_console.services.drafts import DraftStore

Handler = Callable[[Ctx, dict[str, Any]], str]


def _create_request(ctx: Ctx, payload: dict[str, Any]) -> str:
    from csc_console.services.callers import CallerInput
    from csc_console.services.requests import NewRequest, create_request

    data = dict(payload)
    data["caller"] = CallerInput(**data.get("caller", {}))
    result = create_request(ctx, NewRequest(**data))
    return f"Request {result.number} saved."


def _when(payload: dict[str, Any]) -> datetime | None:
    at = payload.get("at")
    return datetime.fromisoformat(at) if isinstance(at, str) else None


def _radio(ctx: Ctx, payload: dict[str, Any]) -> str:
    """A radio entry typed on the command line, a correction of an entry (``corrects``), an
    entry from the form (``form``: its fields) or a check-in (``check_in``: the unit)."""
    from csc_console.services import dispatch, radio_desk

    # Logged at the time it was heard (``at``), not the time the database came back, once
    # (its ``client_key``).
    key, at = payload["client_key"], _when(payload)
    if payload.get("check_in"):
        return dispatch.check_in(ctx, unit=payload["check_in"], client_key=key, now=at).said
    if payload.get("corrects") is not None:
        return dispatch.correct_entry(ctx, entry_id=int(payload["corrects"]), text=payload["text"], client_key=key, now=at).said
    if isinstance(form := payload.get("form"), dict):
        cmd = radio_desk.form_command(
            ctx, unit=form["unit"], status=form.get("status"), work_order=form.get("work_order") or None,
            message=form.get("message") or "", location=form.get("location") or None, to_unit=bool(form.get("to_unit")),
        )
        return dispatch.log_entry(ctx, cmd, client_key=key, now=at).said
    return dispatch.log_command(ctx, payload["text"], client_key=key, now=at).said


def _wo_note(ctx: Ctx, payload: dict[str, Any]) -> str:
    """A work-order note, written with the time it was typed; a replay finds it already there
    (same work order, operator, text and time) and does not add it twice."""
    from sqlalchemy import select
    from sqlmodel import col

    from csc_console.db.models import NOTE_MAX, WorkOrder, WorkOrderEvent
    from csc_console.services.text import clean_text
    from csc_console.services.workorders import Change, update_work_order

    number, at = payload["number"], _when(payload)
    note = clean_text(payload["note"], field="note", max_length=NOTE_MAX, multiline=True)
    me = ctx.require()
    if at is not None:
        with ctx.db.session() as s:
            events = s.scalars(
                select(WorkOrderEvent).join(WorkOrder, col(WorkOrder.id) == WorkOrderEvent.work_order_id).where(
                    col(WorkOrder.number) == number.strip().upper(),
                    col(WorkOrderEvent.kind) == "note",
                    col(WorkOrderEvent.operator_id) == me.id,
                    col(WorkOrderEvent.text) == note,
                )
            ).all()
            if any(abs((_aware(e.at) - at).total_seconds()) < 1 for e in events):
                return f"Note on {number} was already saved."
    wo = update_work_order(ctx, number=number, change=Change(note=note), now=at)
    return f"Note added to {wo.number}."


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _relay_turn(ctx: Ctx, payload: dict[str, Any]) -> str:
    from csc_console.services.relay import add_turn

    turn = add_turn(ctx, call_id=payload["call_id"], speaker=payload["speaker"], text=payload["text"], seq=payload["seq"], now=_when(payload))
    return f"Relay turn {turn.seq} saved."


def _finish_call(ctx: Ctx, payload: dict[str, Any]) -> str:
    from csc_console.services.calls import finish_call

    call = finish_call(ctx, **payload)
    return f"Call {call.id} wrapped up."


HANDLERS: dict[str, Handler] = {
    "create_request": _create_request,
    "radio": _radio,
    "wo_note": _wo_note,
    "relay_turn": _relay_turn,
    "finish_call": _finish_call,
}


@dataclass
class FlushResult:
    written: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    pending: int = 0

    @property
    def unreachable(self) -> bool:
        return self.pending > 0


class Outbox:
    def __init__(self, operator: str, base: Path | None = None) -> None:
        root = base or paths.data_dir() / "outbox"
        self.queue = DraftStore(operator, root)
        self.failed = DraftStore(operator, root / "failed")

    def add(self, kind: str, payload: dict[str, Any]) -> str:
        if kind not in HANDLERS:
            raise ValueError(f"unknown outbox operation {kind!r}")
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        self.queue.save(name, {"kind": kind, "payload": payload, "queued_at": time.time()})
        return name

    def pending(self) -> list[str]:
        return self.queue.names()

    def __len__(self) -> int:
        return len(self.pending())

    def flush(self, ctx: Ctx) -> FlushResult:
        """Replay in order; stop at the first sign that the database is still away."""
        result = FlushResult()
        names = self.pending()
        for i, name in enumerate(names):
            item = self.queue.load(name)
            if item is None:
                continue
            handler = HANDLERS.get(str(item.get("kind")))
            if handler is None:
                self.failed.save(name, {**item, "error": "unknown operation"})
                self.queue.delete(name)
                continue
            try:
                result.written.append(handler(ctx, dict(item.get("payload") or {})))
            except DatabaseUnavailable:
                result.pending = len(names) - i
                return result
            except CscError as exc:
                self.failed.save(name, {**item, "error": str(exc)})
                result.failed.append(f"{item.get('kind')}: {exc}")
            self.queue.delete(name)
        return result
