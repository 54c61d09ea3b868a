"""Shared fixtures.

- Every test runs with a private HOME/XDG tree and no ``CSC_*`` variables, so nothing reads or
  writes the developer's own config or data directory.
- ``db_url`` (and everything built on it: ``database``, ``settings``, ``ctx``) is parametrised
  over SQLite and PostgreSQL: storage and service tests run on both. The PostgreSQL side uses a
  throwaway database created for this run on the local server (``CSC_TEST_PG_URL`` points at a
  maintenance database; default ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``) and
  dropped at the end. Without a server the PostgreSQL cases are skipped, except with
  ``CI=true``, where an unreachable server fails the run.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.dbs import PostgresServer, set_app_setting, truncate_all

PG_ADMIN_URL = os.environ.get(
    "CSC_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


# --------------------------------------------------------------------------- isolation
@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private home: platformdirs resolves under tmp_path, CSC_* is unset."""
    for key in list(os.environ):
        if key.startswith("CSC_"):
            monkeypatch.delenv(key, raising=False)
    home = tmp_path / "home"
    for sub in ("data", "config", "cache", "state"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("TZ", "UTC")
    return home


# --------------------------------------------------------------------------- databases
@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer | None:
    server = PostgresServer.connect(PG_ADMIN_URL)
    if server is None and IN_CI:
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_ADMIN_URL} and CI=true: the PostgreSQL tests "
            "must run in CI. Start it with: pg_ctlcluster --skip-systemctl-redirect "
            "$(ls /etc/postgresql) main start"
        )
    return server


@pytest.fixture(scope="session")
def postgres_template(postgres_server: PostgresServer | None) -> Iterator[str | None]:
    """A migrated throwaway PostgreSQL database for this test run."""
    if postgres_server is None:
        yield None
        return
    name = f"csc_test_{uuid.uuid4().hex[:10]}"
    url = postgres_server.create_database(name)
    _migrate(url)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file; each test gets its own copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    _migrate(f"sqlite:///{path}")
    return path


def _migrate(url: str) -> None:
    from csc_console.db.engine import Database
    from csc_console.db.migrate import upgrade

    db = Database(url)
    try:
        upgrade(db)
    finally:
        db.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    sqlite_template: Path,
    postgres_template: str | None,
) -> str:
    """A migrated, empty database: a fresh SQLite copy or the run's PostgreSQL, truncated."""
    if request.param == "sqlite":
        target = tmp_path / "csc.db"
        shutil.copyfile(sqlite_template, target)
        return f"sqlite:///{target}"
    if postgres_template is None:
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL} (CI=true makes this a failure)")
    truncate_all(postgres_template)
    # A throwaway test database is nobody's shared database: sign-in by name, as on SQLite
    # (the password rules are tested explicitly in tests/shared/test_auth.py).
    set_app_setting(postgres_template, "require_passwords", "off")
    return postgres_template


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    target = tmp_path / "csc.db"
    shutil.copyfile(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def settings(db_url: str):  # type: ignore[no-untyped-def]
    from csc_console.config import load_settings

    return load_settings(database_url=db_url)


@pytest.fixture
def ctx(settings):  # type: ignore[no-untyped-def]
    """A service context on a migrated database, nobody signed in yet."""
    from csc_console.services.bootstrap import open_context

    context = open_context(settings)
    yield context
    context.db.dispose()


@pytest.fixture
def admin_ctx(ctx):  # type: ignore[no-untyped-def]
    """``ctx`` signed in as the first operator (who becomes admin)."""
    from csc_console.services.operators import sign_in

    return ctx.as_operator(sign_in(ctx, username="admin", display_name="Ada Admin"))


@pytest.fixture
def csr_ctx(admin_ctx):  # type: ignore[no-untyped-def]
    """``ctx`` signed in as a CSR."""
    from csc_console.services.operators import create_operator

    csr = create_operator(admin_ctx, username="maria", display_name="Maria Lopez", role="csr")
    return admin_ctx.as_operator(csr)
