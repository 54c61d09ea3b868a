"""Alembic environment: runs inside ``csc_console.db.migrate`` with a live connection.

All revisions run in one transaction (PostgreSQL and SQLite both have transactional DDL, the
latter because the engine issues BEGIN itself), so an upgrade either completes or leaves the
database as it was. ``render_as_batch`` lets SQLite alter tables by rebuilding them.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from csc_console.db import models  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("csc-console migrations run through csc_console.db.migrate only")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
