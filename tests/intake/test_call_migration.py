"""Migration 0007 on both databases: calls saved before it get their request (made or linked)
and an information call its one topic as a list; downgrading and upgrading again keeps both."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from alembic import command
from sqlalchemy import select

from csc_console.db.migrate import (
    _sqlite_foreign_keys,
    alembic_config,
    current_revision,
    head_revision,
    upgrade,
)
from csc_console.db.models import Call
from csc_console.services import calls
from csc_console.services.callers import CallerInput
from csc_console.services.requests import NewRequest, create_request, link_caller

NOW = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
POTHOLE = {"location_in_street": "right-lane", "size": "medium", "hazard": "no"}


def test_existing_calls_get_their_request_and_topic(csr_ctx: Any) -> None:
    made_call = calls.start_call(csr_ctx, now=NOW)
    made = create_request(
        csr_ctx,
        NewRequest(
            category="potholes",
            address="1200 N Lake Ave",
            answers=POTHOLE,
            caller=CallerInput(phone="626-555-0177", name="Ray Neighbour"),
            call_id=made_call.id,
        ),
        now=NOW,
    )
    linked_call = calls.start_call(csr_ctx, now=NOW + timedelta(minutes=5))
    sam = CallerInput(phone="626-555-0199", name="Sam Second")
    link_caller(csr_ctx, number=made.number, caller=sam, call_id=linked_call.id, now=NOW)
    info = calls.start_call(csr_ctx, now=NOW + timedelta(minutes=9))
    calls.finish_call(
        csr_ctx,
        call_id=info.id,
        disposition="information_provided",
        purpose="information",
        topic_code="library",
        now=NOW + timedelta(minutes=10),
    )

    db = csr_ctx.db
    try:
        with db.engine.connect() as conn:
            if db.is_sqlite:  # as ``upgrade`` does: a batch rebuild drops the table
                _sqlite_foreign_keys(conn, on=False)
            with conn.begin():
                command.downgrade(alembic_config(conn), "0006")
            if db.is_sqlite:
                _sqlite_foreign_keys(conn, on=True)
    finally:
        upgrade(db)
    with db.session() as s:
        rows = {c.id: c for c in s.scalars(select(Call))}
        assert rows[made_call.id].request_id == made.id
        assert rows[linked_call.id].request_id == made.id
        assert rows[info.id].topic_codes == ["library"]
        assert rows[made_call.id].topic_codes == []
    assert current_revision(db) == head_revision()
