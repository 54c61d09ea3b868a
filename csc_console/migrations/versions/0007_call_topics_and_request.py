"""A call keeps every information topic asked, in order, and the request it made or joined.

``call.topic_codes`` is a JSON list of catalog codes (``topic_code`` stays the first one, so
CSV exports and the demo data read as before). A JSON list rather than a child table: a call's
topics are always read and written together with the call, never queried alone (there is no
report by topic), a call has a handful at most, and the call stays one row to save, audit and
show; should a report by topic come, a JSON list is still indexable on PostgreSQL (GIN).

``call.request_id`` points at the request the call created or, for a duplicate's second
caller, the request the call was linked to: a linked call used to have no request at all.
Existing calls get it from ``service_request.call_id`` and ``request_caller.call_id``, and an
existing information call its one topic as a list.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.add_column(sa.Column('topic_codes', JSON, server_default=sa.text("'[]'"), nullable=False))
        batch_op.add_column(sa.Column('request_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_call_request_id_service_request'), 'service_request', ['request_id'], ['id']
        )
    op.execute(
        "UPDATE call SET request_id = (SELECT MIN(r.id) FROM service_request r WHERE r.call_id = call.id) "
        "WHERE request_id IS NULL"
    )
    op.execute(
        "UPDATE call SET request_id = (SELECT MIN(l.request_id) FROM request_caller l WHERE l.call_id = call.id) "
        "WHERE request_id IS NULL"
    )
    array = "jsonb_build_array" if op.get_bind().dialect.name == "postgresql" else "json_array"
    op.execute(
        f"UPDATE call SET topic_codes = {array}(topic_code) "
        "WHERE purpose = 'information' AND topic_code IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_call_request_id_service_request'), type_='foreignkey')
        batch_op.drop_column('request_id')
        batch_op.drop_column('topic_codes')
