"""Start-up: the first screen comes before the database; failures end with one sentence."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from csc_console.screens.signin import SignInScreen
from tests.helpers.files import read_only
from tests.ui.helpers import make_app, screen_text, settle

HEAVY = ("sqlalchemy", "alembic", "sqlmodel", "csc_console.catalog", "csc_console.db", "psycopg")


def _settings(**values: Any) -> Any:
    from csc_console.config import load_settings

    return load_settings(**values)


async def _run_until_exit(app: Any) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, SignInScreen)  # painted before the database opened
        for _ in range(200):
            if app._exit:
                break
            await pilot.pause(0.05)


async def test_a_damaged_database_file_ends_with_one_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("this is not a database")
    app = make_app(_settings(database_url=f"sqlite:///{bad}"))
    await _run_until_exit(app)
    assert app.return_code == 4
    assert app.startup_error is not None
    assert "is not a csc-console database" in app.startup_error
    assert "Traceback" not in app.startup_error


async def test_a_broken_data_file_names_the_file(tmp_path: Path, sqlite_url: str) -> None:
    data = tmp_path / "data" / "catalog"
    data.mkdir(parents=True)
    (data / "categories.toml").write_text("[[category]]\ncode = 'x'\n")
    app = make_app(_settings(database_url=sqlite_url, data_dir=tmp_path / "data"))
    await _run_until_exit(app)
    assert app.return_code == 3
    assert app.startup_error is not None
    assert "categories.toml" in app.startup_error


async def test_a_newer_schema_is_refused(tmp_path: Path, sqlite_url: str) -> None:
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    app = make_app(_settings(database_url=sqlite_url))
    await _run_until_exit(app)
    assert app.return_code == 4
    assert app.startup_error is not None
    assert "newer csc-console" in app.startup_error


async def test_a_read_only_database_file_is_refused(tmp_path: Path, sqlite_template: Path) -> None:
    target = tmp_path / "ro.db"
    shutil.copyfile(sqlite_template, target)
    app = make_app(_settings(database_url=f"sqlite:///{target}"))
    with read_only(target):
        await _run_until_exit(app)
    assert app.return_code != 0
    assert app.startup_error is not None
    assert "read-only" in app.startup_error


def test_run_app_prints_the_sentence_on_stderr_after_the_screen_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from csc_console.app import CscApp, run_app

    def headless_run(self: CscApp, **kwargs: Any) -> Any:
        return App.run(self, headless=True, size=(100, 30))

    monkeypatch.setattr(CscApp, "run", headless_run)
    bad = tmp_path / "bad.db"
    bad.write_text("garbage")
    code = run_app(_settings(database_url=f"sqlite:///{bad}"))
    assert code == 4
    err = capsys.readouterr().err
    assert err.startswith("csc-console: The file ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_the_first_screen_needs_no_database_modules() -> None:
    """What runs before the first paint imports neither SQLAlchemy, Alembic nor the catalog."""
    code = (
        "import sys\n"
        "from csc_console.cli.main import build_parser\n"
        "from csc_console.config import load_settings\n"
        "load_settings()\n"
        "import csc_console.app\n"
        "app = csc_console.app.CscApp(load_settings())\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    loaded = out.stdout.split()
    heavy = [m for m in loaded if m.startswith(HEAVY)]
    assert heavy == []


async def test_the_sign_in_screen_paints_before_the_database_opens(
    ui_settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from csc_console.services import bootstrap

    gate = threading.Event()
    real_open = bootstrap.open_context

    def gated_open(settings: Any, **kwargs: Any) -> Any:
        gate.wait(10)
        return real_open(settings, **kwargs)

    monkeypatch.setattr(bootstrap, "open_context", gated_open)
    app = make_app(ui_settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        assert "Type your operator name and press Enter." in screen_text(app)
        assert app.focused is not None
        assert app.focused.id == "username"
        await pilot.press(*"ad")
        await pilot.pause()
        assert app.cursor_position.x == app.focused.content_region.x + 2  # typing works already
        gate.set()
        await settle(pilot)
        assert "first operator to sign in becomes the administrator" in screen_text(app).replace(
            "\n ", " "
        )
