"""Faults a scenario may inject, the same for both front ends: the database going away for
the next few units of work of one kind (as tests/linear/test_intake_edges.py does)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from csc_console.db.engine import Database
from csc_console.errors import DatabaseUnavailable

OUTAGE = "The database is not reachable (connection refused); nothing was saved."
_ORIGINAL = Database.session
_left: dict[str, int] = {}


@contextlib.contextmanager
def _flaky(self: Database, **kwargs: Any) -> Iterator[Any]:
    note = kwargs.get("note")
    if note in _left and _left[note] > 0:
        _left[note] -= 1
        raise DatabaseUnavailable(OUTAGE)
    with _ORIGINAL(self, **kwargs) as session:
        yield session


def database_down(note: str, times: int) -> None:
    """The next ``times`` write units of work called ``note`` fail as if the server were gone."""
    _left[note] = times
    Database.session = _flaky  # type: ignore[method-assign]


@contextlib.contextmanager
def injectable() -> Iterator[None]:
    """Around a scenario: whatever it broke is mended after."""
    try:
        yield
    finally:
        _left.clear()
        Database.session = _ORIGINAL  # type: ignore[method-assign]
