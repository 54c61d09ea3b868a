"""What both dispatch front ends share beyond the radio log itself.

- ``parse_log_query``: the dispatcher's search words ("PW12", "WO-2026-000123", "since 7:00",
  "today", free text) as a ``LogQuery``; ``describe_query`` says it back in words.
- ``form_command``: the form's fields (unit, status, work order, message, location) as a
  ``RadioCommand``, checked like a typed line (a message never becomes a status by accident).
- ``command_text``: a logged entry as a command line again, to start a correction from.
- ``get_entry``: one log entry by its number.
- ``complete_work_order``: "the work is completed" after a unit cleared: the work order goes to
  in progress first if it is not there yet, then to completed with the resolution, in one
  transaction.
- ``export_shift_log``: the shift's log (the last ``SHIFT_HOURS`` unless asked otherwise) as a
  text or CSV file under the data folder's ``exports``; the path is returned to be said.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from datetime import datetime, time, timedelta, tzinfo
from pathlib import Path

from sqlalchemy import select
from sqlmodel import col

from csc_console.catalog.schema import DispatchStatus
from csc_console.db.models import NOTE_MAX, DispatchEntry, Operator, Unit, WorkOrder
from csc_console.db.types import utcnow
from csc_console.errors import NotFound, ValidationError
from csc_console.services import workorders as wo_service
from csc_console.services.context import Ctx
from csc_console.services.dispatch import (
    EntryPublic,
    LogQuery,
    _public_entry,
    export_log_csv,
    shift_log_text,
)
from csc_console.services.radio_grammar import RadioCommand, status_suggestions, wo_number
from csc_console.services.text import clean_text, printable
from csc_console.vocab import Direction, WorkOrderStatus

S = WorkOrderStatus
SHIFT_HOURS = 12
EXPORT_FORMATS = ("text", "csv")

_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a|p)?$", re.IGNORECASE)
_SINCE = ("since", "after", "from")
_UNTIL = ("until", "before", "till", "to")


# --------------------------------------------------------------------------- searching
def _clock(word: str) -> time | None:
    m = _CLOCK.match(word.strip().lower().replace(".", ""))
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    half = (m.group(3) or "").lower()
    if minute > 59 or hour > 23 or (half and not 1 <= hour <= 12):
        return None
    if not m.group(2) and not half:
        return None  # a bare number is text ("3"), not a time
    if half.startswith("p") and hour != 12:
        hour += 12
    elif half.startswith("a") and hour == 12:
        hour = 0
    return time(hour, minute)


def _at(clock: time, *, now: datetime, zone: tzinfo, past: bool) -> datetime:
    local_now = now.astimezone(zone)
    moment = datetime.combine(local_now.date(), clock, tzinfo=zone)
    if past and moment > local_now:
        moment -= timedelta(days=1)  # "since 22:00" at 2 AM means last night
    return moment


def parse_log_query(text: str, *, units: Sequence[str], zone: tzinfo, now: datetime) -> LogQuery:
    """The search words as a query: a unit, a work order, ``since``/``until`` a time (or
    ``today`` / ``yesterday``) and any other words as text to find in messages and places."""
    known = {u.upper(): u for u in units}
    unit = work_order = None
    since = until = None
    rest: list[str] = []
    words = text.split()
    i = 0
    while i < len(words):
        word = words[i]
        low = word.lower()
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if (
            low in _SINCE + _UNTIL
            and nxt
            and (_clock(nxt) or nxt.lower() in ("today", "yesterday"))
        ):
            if nxt.lower() in ("today", "yesterday"):
                start = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
                moment = start if nxt.lower() == "today" else start - timedelta(days=1)
            else:
                clock = _clock(nxt)
                assert clock is not None
                moment = _at(clock, now=now, zone=zone, past=low in _SINCE)
            if low in _SINCE:
                since = moment
            else:
                until = moment
            i += 2
            continue
        if low in ("today", "yesterday"):
            start = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
            since = start if low == "today" else start - timedelta(days=1)
            if low == "yesterday":
                until = start
        elif unit is None and word.upper().rstrip(",") in known:
            unit = known[word.upper().rstrip(",")]
        elif work_order is None and (number := wo_number(word.rstrip(",."))):
            work_order = number
        elif re.match(r"^WO[-0-9]", word, re.IGNORECASE):
            raise ValidationError(
                f"{word!r} is not a work-order number (like WO-2026-000123).", field="work_order"
            )
        else:
            rest.append(word)
        i += 1
    return LogQuery(
        unit=unit, work_order=work_order, text=" ".join(rest) or None, since=since, until=until
    )


def describe_query(query: LogQuery | None, zone: tzinfo, *, now: datetime | None = None) -> str:
    """The search in words: "unit PW12, text 'pothole', since 7:00 AM" ("everything"); a
    time on another day than ``now`` names its day."""
    if query is None:
        return "everything"
    parts: list[str] = []
    if query.unit:
        parts.append(f"unit {query.unit}")
    if query.work_order:
        parts.append(query.work_order)
    if query.text:
        parts.append(f"text '{printable(query.text)}'")
    for word, moment in (("since", query.since), ("until", query.until)):
        if moment is not None:
            local = moment.astimezone(zone)
            hour = local.hour % 12 or 12
            day = ""
            if now is None or local.date() != now.astimezone(zone).date():
                day = f"{local:%A} "
            parts.append(f"{word} {day}{hour}:{local:%M} {'AM' if local.hour < 12 else 'PM'}")
    return ", ".join(parts) or "everything"


def shift_query(now: datetime) -> LogQuery:
    """The shift: the last ``SHIFT_HOURS`` hours."""
    return LogQuery(since=now - timedelta(hours=SHIFT_HOURS))


# --------------------------------------------------------------------------- the form
def form_command(
    ctx: Ctx,
    *,
    unit: str,
    status: str | None,
    work_order: str | None = None,
    message: str = "",
    location: str | None = None,
    to_unit: bool = False,
) -> RadioCommand:
    """The form's fields as a command, with the command line's checks and sentences."""
    call_sign = check_unit(ctx, unit)
    chosen: DispatchStatus | None = None
    if status:
        chosen = _status_named(ctx, status)
    number = None
    if work_order and work_order.strip():
        number = wo_number(work_order.strip())
        if number is None:
            raise ValidationError(
                f"{work_order.strip()!r} is not a work-order number (like WO-2026-000123).",
                field="work_order",
            )
    text = clean_text(message, field="message", max_length=NOTE_MAX, multiline=True)
    if chosen is None and not text and number is None:
        raise ValidationError(
            f"Nothing to log for {call_sign}: choose a status or type a message.", field="message"
        )
    direction = (
        Direction.TO_UNIT
        if to_unit or (chosen and chosen.base == "dispatched")
        else Direction.FROM_UNIT
    )
    return RadioCommand(
        unit=call_sign,
        status=chosen,
        work_order=number,
        message=text,
        location=(location or "").strip() or None,
        direction=direction,
    )


def check_unit(ctx: Ctx, word: str) -> str:
    """The call sign ``word`` names (any case), or an error naming the closest ones."""
    call_sign = word.strip().upper().rstrip(",:")
    signs = [u.call_sign for u in ctx.catalog.units]
    if not call_sign:
        raise ValidationError("Name the unit first, e.g. PW12.", field="unit")
    if call_sign not in signs:
        from rapidfuzz import fuzz, process

        near = [
            m
            for m, _s, _ in process.extract(
                call_sign, signs, scorer=fuzz.ratio, limit=3, score_cutoff=50
            )
        ]
        hint = f" Did you mean {', '.join(near)}?" if near else ""
        raise ValidationError(f"There is no unit {word.strip()!r}.{hint}", field="unit")
    return call_sign


def _status_named(ctx: Ctx, word: str) -> DispatchStatus:
    low = word.strip().lower()
    for s in ctx.catalog.dispatch_statuses:
        if low in (s.code, s.name.lower(), *s.keys):
            return s
    near, _ = status_suggestions(word, ctx.catalog.dispatch_statuses)
    hint = f" Did you mean {', '.join(near)}?" if near else ""
    raise ValidationError(f"Unknown status {word.strip()!r}.{hint}", field="status")


# --------------------------------------------------------------------------- corrections
def command_text(entry: EntryPublic, statuses: Sequence[DispatchStatus]) -> str:
    """The entry as a command line ("PW12 os WO-2026-000123 patched @ 55 E Walnut St")."""
    parts = [entry.unit or ""]
    if entry.status:
        found = next((s for s in statuses if s.code == entry.status), None)
        parts.append(found.keys[0] if found and found.keys else entry.status)
    if entry.work_order:
        parts.append(entry.work_order)
    if entry.message:
        parts.append(printable(entry.message))
    text = " ".join(p for p in parts if p)
    if entry.location:
        text += f" @ {printable(entry.location)}"
    return text


def get_entry(ctx: Ctx, entry_id: int) -> EntryPublic:
    with ctx.db.session() as s:
        row = s.execute(
            select(
                DispatchEntry,
                col(Unit.call_sign),
                col(WorkOrder.number),
                col(Operator.display_name),
            )
            .outerjoin(Unit, col(Unit.id) == col(DispatchEntry.unit_id))
            .outerjoin(WorkOrder, col(WorkOrder.id) == col(DispatchEntry.work_order_id))
            .outerjoin(Operator, col(Operator.id) == col(DispatchEntry.operator_id))
            .where(col(DispatchEntry.id) == entry_id)
        ).first()
        if row is None:
            raise NotFound(f"There is no log entry {entry_id}.")
        entry, unit, wo, operator = row
        return _public_entry(ctx, entry, unit, wo, operator)


# --------------------------------------------------------------------------- completion
def _to_in_progress(current: S) -> list[S]:
    queue: deque[list[S]] = deque([[current]])
    seen = {current}
    while queue:
        path = queue.popleft()
        if path[-1] is S.IN_PROGRESS:
            return path[1:]
        for nxt in wo_service.TRANSITIONS[path[-1]]:
            if nxt not in seen and nxt not in (S.CANCELLED, S.ON_HOLD, S.NEW, S.COMPLETED):
                seen.add(nxt)
                queue.append([*path, nxt])
    return []


def complete_work_order(
    ctx: Ctx, *, number: str, resolution: str, unit: str | None = None, now: datetime | None = None
) -> wo_service.WorkOrderPublic:
    """The dispatcher said the work is done: completed with ``resolution`` (one transaction)."""
    op = ctx.require()
    now = now or utcnow()
    why = clean_text(
        resolution, field="resolution", max_length=NOTE_MAX, multiline=True, required=True
    )
    note = f"Radio: {unit} cleared, work completed." if unit else "Radio: work completed."
    with ctx.db.session(write=True, operator_id=op.id, note=note) as s:
        row = wo_service.get_row(s, number)
        current = S(row.status)
        if current in wo_service.CLOSED_STATUSES:
            raise ValidationError(f"{row.number} is already {current.label.lower()}.")
        for step in _to_in_progress(current):
            wo_service.apply_change(
                ctx,
                s,
                row,
                wo_service.Change(status=step.value, note=note),
                operator_id=op.id,
                now=now,
            )
        wo_service.apply_change(
            ctx,
            s,
            row,
            wo_service.Change(status=S.COMPLETED.value, resolution=why, note=note),
            operator_id=op.id,
            now=now,
        )
        s.flush()
        return wo_service.public(ctx, s, row, detail=True, now=now)


# --------------------------------------------------------------------------- export
def exports_dir() -> Path:
    from csc_console.paths import data_dir

    return data_dir() / "exports"


def export_shift_log(
    ctx: Ctx,
    fmt: str,
    query: LogQuery | None = None,
    *,
    now: datetime | None = None,
    folder: Path | None = None,
) -> tuple[Path, int]:
    """Write the log (default: the shift) as ``text`` or ``csv``; the file and the entry count."""
    if fmt not in EXPORT_FORMATS:
        raise ValidationError(f"Export as text or csv, not {fmt!r}.")
    now = now or utcnow()
    query = query or shift_query(now)
    target = folder or exports_dir()
    target.mkdir(parents=True, exist_ok=True)
    stamp = now.astimezone(ctx.zone).strftime("%Y-%m-%d-%H%M%S")
    path = target / f"radio-log-{stamp}.{'txt' if fmt == 'text' else 'csv'}"
    if fmt == "text":
        text = shift_log_text(ctx, query)
        path.write_text(text, encoding="utf-8")
        count = len(text.splitlines()) - 1
    else:
        with path.open("w", encoding="utf-8", newline="") as out:
            count = export_log_csv(ctx, out, query)
    return path, count
