"""PostgreSQL roles and grants that keep the rules even against a modified client.

``csc_console`` is what every workstation's login role is made a member of: it reads and writes
the working tables, may only INSERT and SELECT the audit (no UPDATE, DELETE or TRUNCATE: the
audit is append-only for it, on top of the trigger), and cannot touch the schema or its version
(migrations run as the database owner). ``csc_reporting`` reads everything, writes nothing.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine

APP_ROLE = "csc_console"
REPORT_ROLE = "csc_reporting"


def grant_statements(database: str) -> list[str]:
    quoted_db = '"' + database.replace('"', '""') + '"'
    return [
        f"DO $$ BEGIN CREATE ROLE {APP_ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        f"DO $$ BEGIN CREATE ROLE {REPORT_ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        f"GRANT CONNECT ON DATABASE {quoted_db} TO {APP_ROLE}, {REPORT_ROLE}",
        f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}, {REPORT_ROLE}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM {APP_ROLE}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {APP_ROLE}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {REPORT_ROLE}",
        f"REVOKE CREATE ON SCHEMA public FROM {APP_ROLE}, {REPORT_ROLE}",
    ]


def grants_script(database: str) -> str:
    header = (
        f"-- csc-console roles for database {database}. Run as the database owner after\n"
        f"-- 'csc-console db upgrade'. Give each workstation a login role in {APP_ROLE}:\n"
        f"--   CREATE ROLE maria LOGIN IN ROLE {APP_ROLE};  (password in ~/.pgpass, never in config)\n"
    )
    return header + ";\n".join(grant_statements(database)) + ";\n"


def apply_grants(engine: Engine) -> None:
    database = engine.url.database or ""
    with engine.begin() as conn:
        for statement in grant_statements(database):
            conn.execute(text(statement))
