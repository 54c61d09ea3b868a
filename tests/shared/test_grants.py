"""PostgreSQL grants hold against a modified client: the console's role may INSERT audit rows
but never UPDATE or DELETE them, and cannot change the schema."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import NullPool

from csc_console.cli.main import main


def test_grants_print_and_apply(capsys: pytest.CaptureFixture[str], postgres_template: str | None, postgres_server: Any) -> None:
    if postgres_template is None:
        pytest.skip("PostgreSQL not reachable (CI=true makes this a failure)")
    assert main(["--db", postgres_template, "db", "grants"]) == 0
    script = capsys.readouterr().out
    assert "REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM csc_console" in script
    assert main(["--db", postgres_template, "db", "grants", "--apply"]) == 0
    user = f"csc_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres_server.admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {user} LOGIN IN ROLE csc_console"))
    url = make_url(postgres_template).set(username=user).render_as_string(hide_password=False)
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO caller (name, address_verified, anonymous, created_at, updated_at, version) VALUES ('ok', false, false, now(), now(), 1)"))
            conn.execute(text("INSERT INTO audit_event (at, entity, entity_id, action, changes) VALUES (now(), 'x', '1', 'test', '{}')"))
        for statement in ("UPDATE audit_event SET note = 'x'", "DELETE FROM audit_event", "DROP TABLE caller",
                          "UPDATE alembic_version SET version_num = 'x'"):
            with pytest.raises(ProgrammingError, match="permission denied|must be owner"), engine.begin() as conn:
                conn.execute(text(statement))
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {user}"))
            conn.execute(text(f"DROP ROLE {user}"))
        admin.dispose()


def test_grants_refused_on_sqlite(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    assert main(["--db", sqlite_url, "db", "grants"]) != 0
    assert "PostgreSQL" in capsys.readouterr().err
