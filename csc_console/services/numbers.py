"""Human numbers for requests and work orders: ``SR-2026-000123``, ``WO-2026-000045``.

A counter row per prefix and year, advanced with one atomic ``UPDATE ... RETURNING``: on
PostgreSQL the row lock serialises concurrent writers, on SQLite the write transaction does.
Never ``max()+1``.
"""

from __future__ import annotations

import re

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.db.models import NumberSequence

NUMBER = re.compile(r"^(SR|WO)-(\d{4})-(\d{6,})$")


def format_number(prefix: str, year: int, value: int) -> str:
    return f"{prefix}-{year}-{value:06d}"


def next_number(session: Session, *, prefix: str, year: int) -> str:
    """Take the next number in the caller's transaction (rolled back with it)."""
    name = f"{prefix}-{year}"
    stmt = (
        update(NumberSequence)
        .where(col(NumberSequence.name) == name)
        .values(next_value=col(NumberSequence.next_value) + 1)
        .returning(col(NumberSequence.next_value))
    )
    taken = session.execute(stmt).scalar()
    if taken is None:
        # First number of the year: create the counter. Two writers may race here; the loser
        # hits the primary key and simply takes the next value.
        try:
            with session.begin_nested():
                session.execute(insert(NumberSequence).values(name=name, next_value=2))
            taken = 2
        except IntegrityError:
            taken = session.execute(stmt).scalar()
            assert taken is not None
    return format_number(prefix, year, taken - 1)


def reserve_through(session: Session, *, prefix: str, year: int, last_used: int) -> None:
    """Make sure the counter for ``prefix-year`` continues after ``last_used`` (bulk loads)."""
    name = f"{prefix}-{year}"
    current = session.execute(
        select(col(NumberSequence.next_value)).where(col(NumberSequence.name) == name)
    ).scalar()
    if current is None:
        session.execute(insert(NumberSequence).values(name=name, next_value=last_used + 1))
    elif current <= last_used:
        session.execute(
            update(NumberSequence)
            .where(col(NumberSequence.name) == name)
            .values(next_value=last_used + 1)
        )


def parse_number(text: str) -> tuple[str, int, int] | None:
    """``("SR", 2026, 123)`` for "sr-2026-000123" (spaces and case ignored), else None."""
    m = NUMBER.match(text.strip().upper().replace(" ", ""))
    if not m:
        return None
    return m.group(1), int(m.group(2)), int(m.group(3))
