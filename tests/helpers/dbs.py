"""PostgreSQL helpers for the test-suite: throwaway databases on the local server."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool


@dataclass
class PostgresServer:
    admin_url: str

    @classmethod
    def connect(cls, admin_url: str) -> PostgresServer | None:
        url = make_url(admin_url).set(drivername="postgresql+psycopg")
        engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except OperationalError:
            return None
        finally:
            engine.dispose()
        return cls(url.render_as_string(hide_password=False))

    def _admin(self):  # type: ignore[no-untyped-def]
        return create_engine(self.admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")

    def url_for(self, name: str) -> str:
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def create_database(self, name: str) -> str:
        engine = self._admin()
        try:
            with engine.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        engine = self._admin()
        try:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            engine.dispose()


def truncate_all(url: str) -> None:
    """Empty every csc-console table (keeping the schema version) and reset the id counters."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            tables = conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version'"
                )
            ).scalars().all()
            if tables:
                # The audit trigger forbids DELETE, not TRUNCATE: test clean-up only.
                quoted = ", ".join(f'"{t}"' for t in tables)
                conn.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()


def set_app_setting(url: str, key: str, value: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM app_setting WHERE key = :k"), {"k": key})
            conn.execute(
                text("INSERT INTO app_setting (key, value, updated_at) VALUES (:k, :v, now())"),
                {"k": key, "v": value},
            )
    finally:
        engine.dispose()
