"""PostgreSQL: every committed batch of audit rows notifies the other consoles.

A statement-level trigger on audit_event sends one NOTIFY csc_changes per INSERT statement,
with the changed (entity, id, action) triples of that statement (at most 50, to stay under the
8,000-byte payload limit). PostgreSQL delivers it at commit, and never for a rolled-back
transaction. Doing it in the database costs the writing console no extra round trip and holds
for any client that writes through the audit. SQLite consoles watch the audit table instead.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE FUNCTION audit_event_notify() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            payload text;
        BEGIN
            SELECT COALESCE(json_agg(json_build_array(entity, entity_id, action)), '[]')::text
              INTO payload
              FROM (SELECT DISTINCT entity, entity_id, action FROM new_rows
                     WHERE entity_id <> '*' ORDER BY 1, 2, 3 LIMIT 50) AS changed;
            PERFORM pg_notify('csc_changes', payload);
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER audit_event_notify AFTER INSERT ON audit_event "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_event_notify()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS audit_event_notify ON audit_event")
    op.execute("DROP FUNCTION IF EXISTS audit_event_notify()")
