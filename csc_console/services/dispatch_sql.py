"""The radio log's hot-path statements, built once.

Executing a prebuilt statement with parameters skips SQLAlchemy's per-call construction and
cache-key work. On PostgreSQL the entry, the unit's new state and both audit rows are one
statement (data-modifying CTEs): one round trip and one execution instead of three, which is
most of the difference between the service and raw psycopg in ``bench/bench_shared.py``.
SQLite has no data-modifying CTEs and takes the three statements.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    String,
    Table,
    bindparam,
    cast,
    exists,
    func,
    insert,
    literal,
    select,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql import Select

from csc_console.db.models import AuditEvent, DispatchEntry, Unit

UNIT: Table = Unit.__table__  # type: ignore[attr-defined]
ENTRY: Table = DispatchEntry.__table__  # type: ignore[attr-defined]
AUDIT: Table = AuditEvent.__table__  # type: ignore[attr-defined]

ENTRY_FIELDS = ("at", "unit_id", "direction", "status", "location", "work_order_id", "message",
                "operator_id", "corrects_id", "client_key")
UNIT_FIELDS = ("status", "status_since", "last_contact_at", "work_order_id", "location")

UNIT_BY_SIGN = select(UNIT).where(UNIT.c.call_sign == bindparam("sign"))
UNIT_BY_SIGN_LOCKED = UNIT_BY_SIGN.with_for_update()
ENTRY_INSERT_SQLITE = sqlite_insert(ENTRY).on_conflict_do_nothing().returning(ENTRY.c.id)
UNIT_UPDATE = (
    update(UNIT)
    .where(UNIT.c.id == bindparam("u_id"), UNIT.c.version == bindparam("u_version"))
    .values({name: bindparam(f"new_{name}") for name in (*UNIT_FIELDS, "updated_at", "version")})
)


def _logged_together() -> Select[Any]:
    """Entry (``e_*``), unit update (``u_id``, ``u_version``, ``new_*``) and audit (``a_*``) in one
    statement; returns (the new entry's id or NULL when the client key was logged before,
    how many unit rows were updated: 0 means someone changed the unit meanwhile)."""
    entry = (
        pg_insert(ENTRY)
        .values({c: bindparam(f"e_{c}", type_=ENTRY.c[c].type) for c in ENTRY_FIELDS})
        .on_conflict_do_nothing()
        .returning(ENTRY.c.id)
        .cte("e")
    )
    unit = (
        update(UNIT)
        .where(UNIT.c.id == bindparam("u_id"), UNIT.c.version == bindparam("u_version"), exists(select(entry.c.id)))
        .values({name: bindparam(f"new_{name}", type_=UNIT.c[name].type)
                 for name in (*UNIT_FIELDS, "updated_at", "version")})
        .returning(UNIT.c.id)
        .cte("u")
    )
    at = bindparam("a_at", type_=AUDIT.c.at.type)
    operator = bindparam("a_operator_id", type_=AUDIT.c.operator_id.type)
    note = bindparam("a_note", type_=AUDIT.c.note.type)
    rows = union_all(
        select(at, operator, literal("dispatch_entry", String), cast(entry.c.id, String), literal("create", String),
               bindparam("a_entry_changes", type_=AUDIT.c.changes.type), note).select_from(entry),
        select(at, operator, literal("unit", String), cast(unit.c.id, String), literal("update", String),
               bindparam("a_unit_changes", type_=AUDIT.c.changes.type), note).select_from(unit),
    )
    audit = insert(AUDIT).from_select(["at", "operator_id", "entity", "entity_id", "action", "changes", "note"], rows)
    return select(
        select(entry.c.id).scalar_subquery(),
        select(func.count()).select_from(unit).scalar_subquery(),
    ).add_cte(audit.cte("a"))


LOG_TOGETHER_PG = _logged_together()
