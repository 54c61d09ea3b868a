"""Automatic, append-only audit of every change made through an ORM session.

One mechanism instead of a call in every service: after each flush, every inserted, changed or
deleted row of an audited table becomes an ``audit_event`` row in the same transaction, with the
operator from ``session.info["operator_id"]`` and an optional ``session.info["audit_note"]``.
Bulk loads that bypass the ORM (the demo generator) write their own summary event.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from csc_console.db.models import AUDITED_TABLES, AuditEvent
from csc_console.db.types import utcnow

_AUDITED = {str(cls.__tablename__): cls for cls in AUDITED_TABLES}
_SKIP = {"updated_at", "version"}
NOTIFY_CHANNEL = "csc_changes"
_INSERT = insert(AuditEvent)  # built once: a prebuilt statement skips per-call construction
# Conversation text is not copied into the append-only audit: the city keeps only what it needs
# of a relay conversation, and a transcript that is purged must not live on in the audit.
_REDACT = {("relay_turn", "text")}


def _redact(table: str, key: str, value: Any) -> Any:
    if (table, key) in _REDACT and isinstance(value, str):
        return f"<{len(value)} characters>"
    return value


def jsonable(value: Any) -> Any:
    """``value`` with dates as ISO text and decimals as floats: what a JSON column can hold."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def _entity_id(obj: Any) -> str:
    # The primary key as set by the INSERT (the identity key is only assigned after the flush).
    values = inspect(obj).mapper.primary_key_from_instance(obj)
    if any(v is None for v in values):
        return "?"
    return ",".join(str(v) for v in values)


def _row_values(obj: Any) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    table = getattr(obj, "__tablename__", "")
    return {
        attr.key: _redact(table, attr.key, jsonable(getattr(obj, attr.key)))
        for attr in mapper.column_attrs
        if attr.key not in _SKIP
    }


def _changed_values(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIP:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if before == after:
            continue
        table = getattr(obj, "__tablename__", "")
        changes[attr.key] = {
            "from": _redact(table, attr.key, jsonable(before)),
            "to": _redact(table, attr.key, jsonable(after)),
        }
    return changes


@event.listens_for(Session, "after_flush")
def _audit_after_flush(session: Session, flush_context: UOWTransaction) -> None:
    rows: list[dict[str, Any]] = []
    operator_id = session.info.get("operator_id")
    note = session.info.get("audit_note")
    now = utcnow()

    def add(obj: Any, action: str, changes: dict[str, Any]) -> None:
        table = getattr(obj, "__tablename__", None)
        if table not in _AUDITED:
            return
        rows.append(
            {
                "at": now,
                "operator_id": operator_id,
                "entity": table,
                "entity_id": _entity_id(obj),
                "action": action,
                "changes": changes,
                "note": note,
            }
        )

    for obj in session.new:
        add(obj, "create", {"after": _row_values(obj)})
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            changed = _changed_values(obj)
            if changed:
                add(obj, "update", changed)
    for obj in session.deleted:
        add(obj, "delete", {"before": _row_values(obj)})

    if rows:
        # On PostgreSQL a trigger on audit_event notifies the other consoles at commit
        # (migration 0006): no extra round trip here.
        session.connection().execute(_INSERT, rows)


def record(
    session: Session,
    rows: list[dict[str, Any]],
    *,
    operator_id: int | None,
    note: str | None = None,
) -> None:
    """Audit rows written explicitly by a service that uses Core statements on a hot path
    (``entity``, ``entity_id``, ``action``, ``changes`` each). Same table, same shape."""
    if not rows:
        return
    now = utcnow()
    session.connection().execute(
        _INSERT,
        [
            {
                "at": now,
                "operator_id": operator_id,
                "note": note,
                **{**r, "changes": jsonable(r["changes"])},
            }
            for r in rows
        ],
    )
