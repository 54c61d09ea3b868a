"""Engines and sessions for SQLite (the local default) and PostgreSQL (shared mode).

``make_engine(url)`` checks the URL and configures the dialect; ``Database`` wraps an engine with
a session factory whose sessions commit on success, roll back on error, and turn driver errors
into one plain sentence (``DatabaseUnavailable`` / ``DatabaseError``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import NullPool

from csc_console.db import audit as _audit  # noqa: F401  (every session is audited)
from csc_console.errors import ConcurrentWriteError, ConfigError, DatabaseError, DatabaseUnavailable

SQLITE_BUSY_TIMEOUT_MS = 5000
PG_CONNECT_TIMEOUT_S = 5


def parse_url(url: str) -> URL:
    """Parse and normalise a database URL, or raise ``ConfigError`` naming what is wrong."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(
            f"The database URL {redact(url)!r} is not a URL.",
            hint="Use sqlite:///path/to/file.db or postgresql://user@host/dbname.",
        ) from None
    backend = parsed.get_backend_name()
    driver = parsed.get_driver_name()
    if backend == "sqlite":
        if driver not in ("pysqlite", "sqlite"):
            raise ConfigError(f"The SQLite driver {driver!r} is not supported; use sqlite:///FILE.")
        return parsed.set(drivername="sqlite")
    if backend in ("postgresql", "postgres"):
        if driver not in ("psycopg", "psycopg2", "postgres", "postgresql"):
            raise ConfigError(
                f"The PostgreSQL driver {driver!r} is not supported; csc-console uses psycopg 3 "
                "(postgresql+psycopg://...)."
            )
        return parsed.set(drivername="postgresql+psycopg")
    raise ConfigError(
        f"Unknown database URL scheme {parsed.drivername!r} in {redact(url)!r}.",
        hint="Use sqlite:///path/to/file.db or postgresql://user@host/dbname.",
    )


def redact(url: str | URL) -> str:
    """The URL with any password hidden, for messages and logs."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except ArgumentError:
        return str(url)
    return parsed.render_as_string(hide_password=True)


def _sqlite_path(url: URL) -> Path | None:
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db).expanduser()


def make_engine(url: str, *, create_dirs: bool = True, pool: str | None = None) -> Engine:
    """An engine for ``url``: SQLite with WAL and foreign keys, or PostgreSQL via psycopg 3."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, create_dirs=create_dirs)
    kwargs: dict[str, Any] = {
        "connect_args": {
            "connect_timeout": PG_CONNECT_TIMEOUT_S,
            "application_name": "csc-console",
        },
        # No pre-ping: it would cost every unit of work a round trip. A connection that died
        # (an outage) fails its first statement, the pool drops it, and the error reaches the
        # user as "database unreachable"; the next attempt connects afresh.
        "pool_recycle": 1800,
    }
    if pool == "null":
        kwargs["poolclass"] = NullPool
    engine = create_engine(parsed, **kwargs)
    # An executemany of plain INSERTs (the audit rows of a save) becomes one multi-row INSERT
    # (SQLAlchemy's "insertmanyvalues", as its psycopg2 dialect does by default) instead of
    # psycopg 3's pipeline of one statement per row: one statement, one firing of the notify
    # trigger, and a third less client time on the radio hot path (bench/bench_shared.py).
    engine.dialect.use_insertmanyvalues_wo_returning = True
    return engine


def _sqlite_engine(url: URL, *, create_dirs: bool) -> Engine:
    path = _sqlite_path(url)
    if path is not None:
        if create_dirs:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(
                    f"Cannot create the folder {path.parent} for the database: {exc.strerror}."
                ) from None
        if path.exists() and not os.access(path, os.W_OK):
            raise DatabaseUnavailable(
                f"The database file {path} is read-only.",
                hint="Ask an administrator to make it writable, or point --db at another file.",
            )
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Take transaction control from pysqlite so DDL is transactional (no half-migrated
        # database) and writers can ask for BEGIN IMMEDIATE.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if path is not None:
                mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def describe_failure(exc: BaseException, url: str | URL) -> DatabaseError:
    """Turn a driver exception into one sentence a CSR or an administrator can act on."""
    text = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0] if str(exc) else ""
    low = text.lower()
    where = redact(url)
    if isinstance(exc, PoolTimeout):
        return DatabaseUnavailable(f"The database at {where} is not answering (all connections busy).")
    if "database is locked" in low or "database table is locked" in low:
        return DatabaseUnavailable(
            "The database is locked by another program; try again in a moment."
        )
    if "readonly database" in low or "read-only" in low:
        return DatabaseUnavailable(f"The database at {where} is read-only; nothing was saved.")
    if "unable to open database file" in low:
        return DatabaseUnavailable(f"Cannot open the database file {where}.")
    if "file is not a database" in low or "malformed" in low:
        return DatabaseError(f"The file {where} is not a csc-console database (or is damaged).")
    if "does not exist" in low and "database" in low:
        return DatabaseUnavailable(
            f"The PostgreSQL database in {where} does not exist.",
            hint="Create it first (createdb) or fix the URL.",
        )
    if "password authentication failed" in low or "no password supplied" in low:
        return DatabaseUnavailable(
            f"PostgreSQL refused the login for {where}.",
            hint="Check the user and the password in ~/.pgpass, PGPASSWORD or PGSERVICE.",
        )
    if isinstance(exc, OperationalError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    ):
        return DatabaseUnavailable(f"Cannot reach the database at {where}: {text}.")
    return DatabaseError(f"The database at {where} reported an error: {text}.")


class Database:
    """An engine plus a session factory; the one object services receive."""

    def __init__(self, url: str, *, engine: Engine | None = None) -> None:
        self.url = str(parse_url(url).render_as_string(hide_password=False))
        self.engine = engine or make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def describe(self) -> str:
        return redact(self.url)

    @contextlib.contextmanager
    def session(
        self, *, operator_id: int | None = None, write: bool = False, note: str | None = None
    ) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back and reports on failure.

        ``write=True`` takes SQLite's write lock at the start (BEGIN IMMEDIATE) so two
        workstations never deadlock upgrading read locks; PostgreSQL ignores it.
        """
        session = self._sessions()
        session.info["operator_id"] = operator_id
        session.info["audit_note"] = note
        try:
            if write and self.is_sqlite:
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            yield session
            session.commit()
        except StaleDataError:
            session.rollback()
            raise ConcurrentWriteError(
                "Someone else changed this record at the same moment; nothing was saved. "
                "Look at it again and repeat your change."
            ) from None
        except (OperationalError, DBAPIError, PoolTimeout) as exc:
            session.rollback()
            if isinstance(exc, DBAPIError) and not isinstance(exc, OperationalError) and not exc.connection_invalidated:
                raise
            raise describe_failure(exc, self.url) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
