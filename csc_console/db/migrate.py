"""Bring a database to the schema this program knows (Alembic ``upgrade head``).

Runs at start-up and from ``csc-console db upgrade``. All pending revisions run in a single
transaction under a lock (PostgreSQL advisory lock; SQLite BEGIN IMMEDIATE), so two consoles
starting at once do not race, and a failure leaves the database exactly as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError

from csc_console import migrations
from csc_console.db.engine import Database, describe_failure
from csc_console.errors import DatabaseError, SchemaError

if TYPE_CHECKING:  # Alembic is imported only when a migration check needs it
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Any fixed number: the key of the PostgreSQL advisory lock held while migrating.
_PG_MIGRATION_LOCK = 7311_2014


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    try:
        with db.engine.connect() as conn:
            heads = MigrationContext.configure(conn).get_current_heads()
    except (OperationalError, DBAPIError) as exc:
        raise describe_failure(exc, db.url) from exc
    return heads[0] if heads else None


def _check_known(current: tuple[str, ...], conn: Connection) -> None:
    from alembic.util.exc import CommandError

    script = script_directory()
    for rev in current:
        try:
            known = script.get_revision(rev)
        except CommandError:
            known = None
        if known is None:
            raise SchemaError(
                f"The database was set up by a newer csc-console (schema {rev}); this program "
                f"knows schemas up to {head_revision()}.",
                hint="Install the newer csc-console release instead of downgrading the database.",
            )
    if not current:
        existing = set(inspect(conn).get_table_names())
        ours = {"operator", "call", "service_request", "work_order"}
        if existing & ours:
            raise SchemaError(
                "The database already has csc-console-like tables but no schema version; "
                "refusing to touch it.",
                hint="Point --db at an empty database or at one created by csc-console.",
            )


def _sqlite_foreign_keys(conn: Connection, *, on: bool) -> None:
    """Switch SQLite's foreign-key enforcement (only possible outside a transaction)."""
    conn.connection.driver_connection.execute(  # type: ignore[union-attr]
        f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}"
    )


_REVISION = re.compile(r"^revision: str = '([^']+)'$", re.M)
_DOWN = re.compile(r"^down_revision: str \| None = (?:'([^']+)'|None)$", re.M)


@cache
def shipped_head() -> str | None:
    """The newest revision among the shipped migration files, read without Alembic (None when
    a file does not follow the house pattern: then Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (Path(migrations.__file__).parent / "versions").glob("[0-9]*.py"):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN.search(source)
        if rev is None or down is None:
            return None
        revisions.add(rev.group(1))
        if down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _already_current(db: Database) -> bool:
    """One indexed read: the database is at the shipped head (every start-up but the first
    after an upgrade), so nothing needs Alembic, whose import costs a start-up 80 ms."""
    head = shipped_head()
    if head is None:
        return False
    try:
        with db.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return False
            versions = [row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))]
    except (OperationalError, DBAPIError) as exc:
        raise describe_failure(exc, db.url) from exc
    return versions == [head]


def upgrade(db: Database, *, quick: bool = False) -> UpgradeResult:
    """Apply every pending migration, all or nothing.

    ``quick`` (start-up): a database already at the shipped head is only read, not locked,
    and Alembic is not imported.

    On SQLite foreign keys are checked once at the end instead of during the migration: a
    batch rebuild drops the old table, and with enforcement on SQLite first deletes its rows
    one by one, scanning every referencing table per row (``request_caller.call_id`` has no
    index): more than 25 minutes for ten years of calls, against two minutes this way.
    """
    shipped = shipped_head() if quick else None
    if quick and shipped is not None and _already_current(db):
        return UpgradeResult(before=shipped, after=shipped)
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.util.exc import CommandError

    try:
        with db.engine.connect() as conn:
            if db.is_sqlite:
                _sqlite_foreign_keys(conn, on=False)
            try:
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
                with conn.begin():
                    if db.dialect == "postgresql":
                        conn.execute(
                            text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK}
                        )
                    current = MigrationContext.configure(conn).get_current_heads()
                    _check_known(current, conn)
                    before = current[0] if current else None
                    head = head_revision()
                    if before != head:
                        command.upgrade(alembic_config(conn), "head")
                        if db.is_sqlite:
                            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                            if broken is not None:
                                raise SchemaError(
                                    "The database schema could not be upgraded: a row of "
                                    f"{broken[0]} refers to a missing row of {broken[2]}."
                                )
            finally:
                if db.is_sqlite:
                    _sqlite_foreign_keys(conn, on=True)
            return UpgradeResult(before=before, after=head)
    except (OperationalError, DBAPIError) as exc:
        raise describe_failure(exc, db.url) from exc
    except DatabaseError:
        raise
    except CommandError as exc:
        raise SchemaError(f"The database schema could not be upgraded: {exc}.") from exc


def is_current(db: Database) -> bool:
    return current_revision(db) == head_revision()
