"""Fixtures for UI tests: settings on a throwaway SQLite database, app factories."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def ui_settings(sqlite_url: str) -> Any:
    from csc_console.config import load_settings

    return load_settings(database_url=sqlite_url)


@pytest.fixture
def make_ui_app(sqlite_url: str) -> Callable[..., Any]:
    """``make_ui_app(plain=True, theme=..., operator=...)``: the console on this test's SQLite."""
    from csc_console.config import load_settings
    from tests.ui.helpers import make_app

    def factory(**overrides: Any) -> Any:
        return make_app(load_settings(database_url=sqlite_url, **overrides))

    return factory


@pytest.fixture
def existing_operator(sqlite_url: str) -> str:
    """The database already has an admin (``admin``, "Ada Admin"): sign-in needs a known name."""
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import sign_in

    ctx = open_context(load_settings(database_url=sqlite_url))
    try:
        sign_in(ctx, username="admin", display_name="Ada Admin")
    finally:
        ctx.db.dispose()
    return "admin"
