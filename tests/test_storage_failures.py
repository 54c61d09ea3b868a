"""Bad storage situations: each gives one clear sentence and a non-zero exit, never a traceback,
and never a half-migrated database."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from csc_console.cli.main import main
from csc_console.db import migrate as migrate_module
from csc_console.db.engine import Database
from csc_console.errors import ConfigError, SchemaError
from tests.helpers.files import read_only


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_sentence(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("csc-console: ")
    assert "Traceback" not in err
    assert lines[0].rstrip().endswith((".", ")")), lines[0]


def test_db_upgrade_on_a_new_file_and_again(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    code, out, _ = run_cli(capsys, "--db", url, "db", "upgrade")
    assert code == 0
    assert "upgraded from empty to" in out
    code, out, _ = run_cli(capsys, "--db", url, "db", "upgrade")
    assert code == 0
    assert "is up to date" in out
    code, out, _ = run_cli(capsys, "--db", url, "db", "current")
    assert code == 0 and "up to date" in out


def test_db_upgrade_on_postgresql(
    capsys: pytest.CaptureFixture[str], postgres_server, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    if postgres_server is None:
        pytest.skip("PostgreSQL not reachable (CI=true makes this a failure)")
    name = f"csc_cli_{os.getpid()}"
    url = postgres_server.create_database(name)
    try:
        code, out, _ = run_cli(capsys, "--db", url, "db", "upgrade")
        assert code == 0, out
        assert "upgraded from empty" in out
        assert "password" not in out
    finally:
        postgres_server.drop_database(name)


def test_default_database_lives_in_the_user_data_dir(
    capsys: pytest.CaptureFixture[str], isolated_env: Path
) -> None:
    code, out, _ = run_cli(capsys, "db", "upgrade")
    assert code == 0
    assert (isolated_env / "data" / "csc-console" / "csc.db").is_file()


@pytest.mark.parametrize(
    "url",
    ["mysql://root@localhost/csc", "oracle://x", "not a url at all", "sqlite+aiosqlite:///x.db"],
)
def test_unknown_url_scheme(capsys: pytest.CaptureFixture[str], url: str) -> None:
    code, _, err = run_cli(capsys, "--db", url, "db", "upgrade")
    assert code == ConfigError.exit_code
    assert_one_sentence(err)


def test_unreachable_postgresql(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(
        capsys, "--db", "postgresql://postgres:secret@127.0.0.1:1/csc", "db", "upgrade"
    )
    assert code == 4
    assert_one_sentence(err)
    assert "Cannot reach the database" in err
    assert "secret" not in err  # never print a password


def test_missing_postgresql_database(capsys: pytest.CaptureFixture[str], postgres_server) -> None:  # type: ignore[no-untyped-def]
    if postgres_server is None:
        pytest.skip("PostgreSQL not reachable (CI=true makes this a failure)")
    url = postgres_server.url_for("csc_does_not_exist_anywhere")
    code, _, err = run_cli(capsys, "--db", url, "db", "upgrade")
    assert code == 4
    assert_one_sentence(err)
    assert "does not exist" in err


@pytest.fixture
def read_only_db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "ro.db"
    assert main(["--db", f"sqlite:///{path}", "db", "upgrade"]) == 0
    with read_only(path):
        yield path


def test_read_only_database_file(capsys: pytest.CaptureFixture[str], read_only_db: Path) -> None:
    code, _, err = run_cli(capsys, "--db", f"sqlite:///{read_only_db}", "db", "upgrade")
    assert code == 4
    assert_one_sentence(err)
    assert "read-only" in err


def test_locked_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    url = f"sqlite:///{path}"
    assert main(["--db", url, "db", "upgrade"]) == 0
    capsys.readouterr()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run_cli(capsys, "--db", url, "db", "upgrade")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 4
    assert_one_sentence(err)
    assert "locked" in err


def test_not_a_database_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"This is a shopping list, not a database.\n" * 200)
    code, _, err = run_cli(capsys, "--db", f"sqlite:///{path}", "db", "upgrade")
    assert code == 4
    assert_one_sentence(err)
    assert "not a csc-console database" in err


def test_newer_schema_is_refused(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.dispose()
    code, _, err = run_cli(capsys, "--db", db_url, "db", "upgrade")
    assert code == SchemaError.exit_code
    assert_one_sentence(err)
    assert "newer csc-console" in err


def test_a_failed_migration_leaves_the_database_untouched(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All revisions run in one transaction: a failure part-way rolls everything back."""
    db = Database(db_url)
    with db.engine.begin() as conn:
        for table in inspect(conn).get_table_names():
            if db.dialect == "postgresql":
                conn.execute(text(f'DROP TABLE "{table}" CASCADE'))
            else:
                conn.execute(text(f'DROP TABLE "{table}"'))
        if db.dialect == "postgresql":
            for function in ("audit_event_append_only", "audit_event_notify"):
                conn.execute(text(f"DROP FUNCTION IF EXISTS {function}() CASCADE"))
    import alembic.command

    real_upgrade = alembic.command.upgrade

    def upgrade_then_fail(cfg, revision):  # type: ignore[no-untyped-def]
        real_upgrade(cfg, revision)  # every table is created ...
        raise RuntimeError("power cut")  # ... and then the process dies before committing

    monkeypatch.setattr(alembic.command, "upgrade", upgrade_then_fail)
    with pytest.raises(RuntimeError, match="power cut"):
        migrate_module.upgrade(db)
    assert inspect(db.engine).get_table_names() == []
    monkeypatch.undo()
    assert migrate_module.upgrade(db).changed
    db.dispose()


def test_config_file_with_a_password_is_refused(
    capsys: pytest.CaptureFixture[str], isolated_env: Path
) -> None:
    config = isolated_env / "config" / "csc-console" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('database_url = "postgresql://csc:hunter2@db.example/csc"\n')
    code, _, err = run_cli(capsys, "db", "current")
    assert code == ConfigError.exit_code
    assert_one_sentence(err)
    assert "hunter2" not in err
    assert "pgpass" in err


def test_config_file_sets_the_database(
    capsys: pytest.CaptureFixture[str], isolated_env: Path, tmp_path: Path
) -> None:
    target = tmp_path / "from-config.db"
    config = isolated_env / "config" / "csc-console" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'database_url = "sqlite:///{target}"\n')
    code, out, _ = run_cli(capsys, "db", "upgrade")
    assert code == 0
    assert target.is_file()
    # the environment wins over the file, the command line over both
    env_target = tmp_path / "from-env.db"
    os.environ["CSC_DATABASE_URL"] = f"sqlite:///{env_target}"
    try:
        assert main(["db", "upgrade"]) == 0
        assert env_target.is_file()
        cli_target = tmp_path / "from-cli.db"
        assert main(["--db", f"sqlite:///{cli_target}", "db", "upgrade"]) == 0
        assert cli_target.is_file()
    finally:
        del os.environ["CSC_DATABASE_URL"]


def test_invalid_setting_in_environment(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSC_TIMEZONE", "Mars/Olympus_Mons")
    code, _, err = run_cli(capsys, "db", "current")
    assert code == ConfigError.exit_code
    assert_one_sentence(err)
    assert "CSC_TIMEZONE" in err
