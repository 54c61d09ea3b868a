"""Fixtures for the pseudo-terminal tests: csc-console in a real pty on a private SQLite file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.pty import PtySession, csc_console_argv, pty_env


@pytest.fixture
def console_env(isolated_env: Path, sqlite_url: str) -> dict[str, str]:
    """Environment for csc-console in a pty: the test's private HOME/XDG and SQLite database."""
    return pty_env(db_url=sqlite_url, home=isolated_env)


@pytest.fixture
def spawn_console(console_env: dict[str, str]) -> Iterator[Callable[..., PtySession]]:
    """``spawn_console(*args, cols=100, rows=30, env=None)``: csc-console in a pty; every
    session is killed at the end of the test."""
    sessions: list[PtySession] = []

    def spawn(
        *args: str, cols: int = 100, rows: int = 30, env: dict[str, str] | None = None
    ) -> PtySession:
        merged = dict(console_env)
        merged.update(env or {})
        session = PtySession(csc_console_argv(*args), cols=cols, rows=rows, env=merged)
        sessions.append(session)
        return session

    yield spawn
    for session in sessions:
        session.close()


@pytest.fixture
def with_operator(sqlite_url: str) -> str:
    """The test's database with one operator, ``maria`` (Maria Lopez, the administrator)."""
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import sign_in

    ctx = open_context(load_settings(database_url=sqlite_url))
    try:
        sign_in(ctx, username="maria", display_name="Maria Lopez")
    finally:
        ctx.db.dispose()
    return "maria"
