"""Work-order history (work_order_event) and the crew-found channel ("field").

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_CHANNELS = "'phone', 'relay', 'walk_in', 'voicemail', 'email', 'web', 'app', 'live_chat'"
NEW_CHANNELS = OLD_CHANNELS + ", 'field'"


def _channels(values: str) -> None:
    for table in ("call", "service_request"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_channel_valid"), type_="check")
            batch_op.create_check_constraint(op.f(f"ck_{table}_channel_valid"), f"channel IN ({values})")


def upgrade() -> None:
    op.create_table('work_order_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('work_order_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=True),
    sa.Column('text', sa.String(length=4000), nullable=True),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_work_order_event_operator_id_operator')),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_order.id'], name=op.f('fk_work_order_event_work_order_id_work_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_order_event'))
    )
    with op.batch_alter_table('work_order_event', schema=None) as batch_op:
        batch_op.create_index('ix_work_order_event_wo', ['work_order_id', 'id'], unique=False)
    _channels(NEW_CHANNELS)


def downgrade() -> None:
    _channels(OLD_CHANNELS)
    with op.batch_alter_table('work_order_event', schema=None) as batch_op:
        batch_op.drop_index('ix_work_order_event_wo')
    op.drop_table('work_order_event')
