"""Open311 API keys, the message inbox, and a media URL on requests.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNELS = "'phone', 'relay', 'walk_in', 'voicemail', 'email', 'web', 'app', 'live_chat', 'field'"


def upgrade() -> None:
    op.create_table('api_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('app', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['operator.id'], name=op.f('fk_api_key_created_by_operator')),
    sa.ForeignKeyConstraint(['revoked_by'], ['operator.id'], name=op.f('fk_api_key_revoked_by_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_key')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_api_key_secret_hash'))
    )
    op.create_table('inbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=128), nullable=True),
    sa.Column('token', sa.String(length=64), nullable=True),
    sa.Column('source', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('respond_by', sa.DateTime(timezone=True), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.String(length=4000), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('details', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('claimed_by', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('outcome_ref', sa.String(length=200), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('reply', sa.String(length=4000), nullable=True),
    sa.Column('replied_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_by', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint(f"channel IN ({CHANNELS})", name=op.f('ck_inbox_message_channel_valid')),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('request', 'information', 'referral', 'no_action')", name=op.f('ck_inbox_message_outcome_valid')),
    sa.CheckConstraint("status IN ('new', 'claimed', 'answered', 'closed')", name=op.f('ck_inbox_message_status_valid')),
    sa.ForeignKeyConstraint(['answered_by'], ['operator.id'], name=op.f('fk_inbox_message_answered_by_operator')),
    sa.ForeignKeyConstraint(['claimed_by'], ['operator.id'], name=op.f('fk_inbox_message_claimed_by_operator')),
    sa.ForeignKeyConstraint(['request_id'], ['service_request.id'], name=op.f('fk_inbox_message_request_id_service_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inbox_message')),
    sa.UniqueConstraint('external_id', name=op.f('uq_inbox_message_external_id')),
    sa.UniqueConstraint('token', name=op.f('uq_inbox_message_token'))
    )
    with op.batch_alter_table('inbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_inbox_queue', ['status', 'respond_by'], unique=False)
        batch_op.create_index('ix_inbox_received', ['received_at'], unique=False)

    with op.batch_alter_table('service_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('media_url', sa.String(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('service_request', schema=None) as batch_op:
        batch_op.drop_column('media_url')
    with op.batch_alter_table('inbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_inbox_received')
        batch_op.drop_index('ix_inbox_queue')
    op.drop_table('inbox_message')
    op.drop_table('api_key')
