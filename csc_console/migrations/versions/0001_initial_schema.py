"""Initial schema: operators, callers, calls, requests, work orders, radio log, relay, audit.

Revision ID: 0001
Revises: 
Create Date: 2026-11-26

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('caller',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('phone_ext', sa.String(length=10), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('address_verified', sa.Boolean(), nullable=False),
    sa.Column('preferred_callback', sa.String(length=200), nullable=True),
    sa.Column('language', sa.String(length=40), nullable=True),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.String(length=4000), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_caller'))
    )
    with op.batch_alter_table('caller', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_caller_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_caller_phone'), ['phone'], unique=False)

    op.create_table('number_sequence',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('next_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_number_sequence'))
    )
    op.create_table('operator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('preferences', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("role IN ('csr', 'dispatcher', 'supervisor', 'admin')", name=op.f('ck_operator_role_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operator'))
    )
    with op.batch_alter_table('operator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_operator_username'), ['username'], unique=True)

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('changes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('note', sa.String(length=4000), nullable=True),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_audit_event_operator_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entity', ['entity', 'entity_id', 'id'], unique=False)

    op.create_table('call',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('caller_id', sa.Integer(), nullable=True),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acw_ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hold_seconds', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=16), nullable=True),
    sa.Column('topic_code', sa.String(length=64), nullable=True),
    sa.Column('disposition', sa.String(length=64), nullable=True),
    sa.Column('notes', sa.String(length=4000), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('client_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("channel IN ('phone', 'relay', 'walk_in', 'voicemail', 'email', 'web', 'app', 'live_chat')", name=op.f('ck_call_channel_valid')),
    sa.CheckConstraint("purpose IS NULL OR purpose IN ('report', 'information', 'follow_up', 'referral')", name=op.f('ck_call_purpose_valid')),
    sa.CheckConstraint("status IN ('queued', 'active', 'wrap_up', 'completed', 'abandoned')", name=op.f('ck_call_status_valid')),
    sa.ForeignKeyConstraint(['caller_id'], ['caller.id'], name=op.f('fk_call_caller_id_caller')),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_call_operator_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call')),
    sa.UniqueConstraint('client_key', name=op.f('uq_call_client_key')),
    sa.UniqueConstraint('external_id', name=op.f('uq_call_external_id'))
    )
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.create_index('ix_call_caller_queued', ['caller_id', 'queued_at'], unique=False)
        batch_op.create_index('ix_call_operator_queued', ['operator_id', 'queued_at'], unique=False)
        batch_op.create_index('ix_call_queued_at', ['queued_at'], unique=False)

    op.create_table('relay_call',
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('relay_type', sa.String(length=32), nullable=False),
    sa.Column('ca_number', sa.String(length=32), nullable=True),
    sa.Column('provider', sa.String(length=200), nullable=True),
    sa.Column('language', sa.String(length=40), nullable=True),
    sa.Column('preferred_callback', sa.String(length=200), nullable=True),
    sa.Column('accommodations', sa.String(length=4000), nullable=True),
    sa.Column('dropped', sa.Boolean(), nullable=False),
    sa.Column('callback_attempts', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['call.id'], name=op.f('fk_relay_call_call_id_call')),
    sa.PrimaryKeyConstraint('call_id', name=op.f('pk_relay_call'))
    )
    op.create_table('service_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('category_code', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_note', sa.String(length=4000), nullable=True),
    sa.Column('description', sa.String(length=4000), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('address_key', sa.String(length=300), nullable=True),
    sa.Column('street_key', sa.String(length=300), nullable=True),
    sa.Column('house_number', sa.Integer(), nullable=True),
    sa.Column('address_verified', sa.Boolean(), nullable=False),
    sa.Column('cross_street', sa.String(length=300), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('department_code', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('answers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('caller_id', sa.Integer(), nullable=True),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('callers_count', sa.Integer(), nullable=False),
    sa.Column('client_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("channel IN ('phone', 'relay', 'walk_in', 'voicemail', 'email', 'web', 'app', 'live_chat')", name=op.f('ck_service_request_channel_valid')),
    sa.CheckConstraint("status IN ('open', 'in_progress', 'closed', 'cancelled')", name=op.f('ck_service_request_status_valid')),
    sa.CheckConstraint('callers_count >= 1', name=op.f('ck_service_request_callers_count_positive')),
    sa.ForeignKeyConstraint(['call_id'], ['call.id'], name=op.f('fk_service_request_call_id_call')),
    sa.ForeignKeyConstraint(['caller_id'], ['caller.id'], name=op.f('fk_service_request_caller_id_caller')),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['service_request.id'], name=op.f('fk_service_request_duplicate_of_id_service_request')),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_service_request_operator_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_request')),
    sa.UniqueConstraint('client_key', name=op.f('uq_service_request_client_key')),
    sa.UniqueConstraint('number', name=op.f('uq_service_request_number'))
    )
    with op.batch_alter_table('service_request', schema=None) as batch_op:
        batch_op.create_index('ix_request_caller', ['caller_id', 'created_at'], unique=False)
        batch_op.create_index('ix_request_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_request_dupe', ['category_code', 'street_key', 'created_at'], unique=False)
        batch_op.create_index('ix_request_address_key', ['address_key'], unique=False)
        batch_op.create_index('ix_request_status_category', ['status', 'category_code', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_request_call_id'), ['call_id'], unique=False)

    op.create_table('relay_turn',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('speaker', sa.String(length=16), nullable=False),
    sa.Column('text', sa.String(length=4000), nullable=False),
    sa.CheckConstraint("speaker IN ('caller', 'csr', 'ca')", name=op.f('ck_relay_turn_speaker_valid')),
    sa.ForeignKeyConstraint(['call_id'], ['relay_call.call_id'], name=op.f('fk_relay_turn_call_id_relay_call')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relay_turn')),
    sa.UniqueConstraint('call_id', 'seq', name='uq_relay_turn_seq')
    )
    with op.batch_alter_table('relay_turn', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relay_turn_call_id'), ['call_id'], unique=False)

    op.create_table('request_caller',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('caller_id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('notify', sa.Boolean(), nullable=False),
    sa.Column('notified_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['call_id'], ['call.id'], name=op.f('fk_request_caller_call_id_call')),
    sa.ForeignKeyConstraint(['caller_id'], ['caller.id'], name=op.f('fk_request_caller_caller_id_caller')),
    sa.ForeignKeyConstraint(['request_id'], ['service_request.id'], name=op.f('fk_request_caller_request_id_service_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_caller')),
    sa.UniqueConstraint('request_id', 'caller_id', name='uq_request_caller')
    )
    with op.batch_alter_table('request_caller', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_caller_caller_id'), ['caller_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_request_caller_request_id'), ['request_id'], unique=False)

    op.create_table('work_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('category_code', sa.String(length=64), nullable=False),
    sa.Column('department_code', sa.String(length=64), nullable=False),
    sa.Column('division', sa.String(length=64), nullable=True),
    sa.Column('crew', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('priority', sa.String(length=16), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('description', sa.String(length=4000), nullable=False),
    sa.Column('status_reason', sa.String(length=4000), nullable=True),
    sa.Column('resolution', sa.String(length=4000), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dispatched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("priority IN ('low', 'normal', 'high', 'urgent')", name=op.f('ck_work_order_priority_valid')),
    sa.CheckConstraint("status IN ('new', 'assigned', 'dispatched', 'in_progress', 'on_hold', 'completed', 'cancelled')", name=op.f('ck_work_order_status_valid')),
    sa.ForeignKeyConstraint(['request_id'], ['service_request.id'], name=op.f('fk_work_order_request_id_service_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_order')),
    sa.UniqueConstraint('number', name=op.f('uq_work_order_number'))
    )
    with op.batch_alter_table('work_order', schema=None) as batch_op:
        batch_op.create_index('ix_work_order_created', ['created_at'], unique=False)
        batch_op.create_index('ix_work_order_crew', ['crew', 'status'], unique=False)
        batch_op.create_index('ix_work_order_queue', ['department_code', 'division', 'status', 'due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_order_request_id'), ['request_id'], unique=False)
        batch_op.create_index('ix_work_order_status_due', ['status', 'due_at'], unique=False)

    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_sign', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('department_code', sa.String(length=64), nullable=False),
    sa.Column('division', sa.String(length=64), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('status_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('work_order_id', sa.Integer(), nullable=True),
    sa.Column('location', sa.String(length=300), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_order.id'], name=op.f('fk_unit_work_order_id_work_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit')),
    sa.UniqueConstraint('call_sign', name=op.f('uq_unit_call_sign'))
    )
    op.create_table('dispatch_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('direction', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=True),
    sa.Column('location', sa.String(length=300), nullable=True),
    sa.Column('work_order_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.String(length=4000), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('client_key', sa.String(length=64), nullable=True),
    sa.CheckConstraint("direction IN ('from_unit', 'to_unit', 'note')", name=op.f('ck_dispatch_entry_direction_valid')),
    sa.ForeignKeyConstraint(['corrects_id'], ['dispatch_entry.id'], name=op.f('fk_dispatch_entry_corrects_id_dispatch_entry')),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_dispatch_entry_operator_id_operator')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_dispatch_entry_unit_id_unit')),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_order.id'], name=op.f('fk_dispatch_entry_work_order_id_work_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_entry')),
    sa.UniqueConstraint('client_key', name=op.f('uq_dispatch_entry_client_key'))
    )
    with op.batch_alter_table('dispatch_entry', schema=None) as batch_op:
        batch_op.create_index('ix_dispatch_at', ['at'], unique=False)
        batch_op.create_index('ix_dispatch_unit_at', ['unit_id', 'at'], unique=False)
        batch_op.create_index('ix_dispatch_work_order', ['work_order_id', 'at'], unique=False)
    _audit_append_only()


def _audit_append_only() -> None:
    """audit_event refuses UPDATE and DELETE on both databases, whatever the client."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION audit_event_append_only() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_event is append-only';
            END $$
            """
        )
        op.execute(
            "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
        )
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_event_no_{action.lower()} BEFORE {action} ON audit_event "
                "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    with op.batch_alter_table("dispatch_entry", schema=None) as batch_op:
        batch_op.drop_index('ix_dispatch_work_order')
        batch_op.drop_index('ix_dispatch_unit_at')
        batch_op.drop_index('ix_dispatch_at')

    op.drop_table('dispatch_entry')
    op.drop_table('unit')
    with op.batch_alter_table('work_order', schema=None) as batch_op:
        batch_op.drop_index('ix_work_order_status_due')
        batch_op.drop_index(batch_op.f('ix_work_order_request_id'))
        batch_op.drop_index('ix_work_order_queue')
        batch_op.drop_index('ix_work_order_crew')
        batch_op.drop_index('ix_work_order_created')

    op.drop_table('work_order')
    with op.batch_alter_table('request_caller', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_caller_request_id'))
        batch_op.drop_index(batch_op.f('ix_request_caller_caller_id'))

    op.drop_table('request_caller')
    with op.batch_alter_table('relay_turn', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relay_turn_call_id'))

    op.drop_table('relay_turn')
    with op.batch_alter_table('service_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_request_call_id'))
        batch_op.drop_index('ix_request_status_category')
        batch_op.drop_index('ix_request_dupe')
        batch_op.drop_index('ix_request_address_key')
        batch_op.drop_index('ix_request_created_at')
        batch_op.drop_index('ix_request_caller')

    op.drop_table('service_request')
    op.drop_table('relay_call')
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.drop_index('ix_call_queued_at')
        batch_op.drop_index('ix_call_operator_queued')
        batch_op.drop_index('ix_call_caller_queued')

    op.drop_table('call')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entity')

    op.drop_table('audit_event')
    with op.batch_alter_table('operator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_operator_username'))

    op.drop_table('operator')
    op.drop_table('number_sequence')
    with op.batch_alter_table('caller', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_caller_phone'))
        batch_op.drop_index(batch_op.f('ix_caller_email'))

    op.drop_table('caller')
