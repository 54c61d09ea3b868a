"""Identity for shared mode: operators' workstation accounts and console-wide settings.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('operator', schema=None) as batch_op:
        batch_op.add_column(sa.Column('os_account', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(op.f('uq_operator_os_account'), ['os_account'])
    op.create_table('app_setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=4000), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by'], ['operator.id'], name=op.f('fk_app_setting_updated_by_operator')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_app_setting'))
    )


def downgrade() -> None:
    op.drop_table('app_setting')
    with op.batch_alter_table('operator', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_operator_os_account'), type_='unique')
        batch_op.drop_column('os_account')
