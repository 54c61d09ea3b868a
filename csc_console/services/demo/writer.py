"""Bulk writing of a generated year: explicit ids, one transaction, no ORM.

SQLite gets ``executemany`` on the driver cursor (timestamps pre-formatted exactly as
SQLAlchemy stores them: ``YYYY-MM-DD HH:MM:SS.ffffff`` in UTC); PostgreSQL gets ``COPY ...
FROM STDIN``. Ids are taken from ``max(id) + 1`` while the tables are locked (SQLite's write
lock; ``LOCK TABLE`` on PostgreSQL, whose id sequences are moved past the new rows afterwards),
so rows can reference each other without a round trip per row.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Boolean, Table, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.types import JSON

from csc_console.db.types import UTCDateTime


class _Stamps:
    """Epoch seconds to text, fast: the date part is formatted once per day."""

    def __init__(self, suffix: str) -> None:
        self._days: dict[int, str] = {}
        self._suffix = suffix

    def __call__(self, seconds: int) -> str:
        day, rest = divmod(seconds, 86_400)
        prefix = self._days.get(day)
        if prefix is None:
            prefix = self._days[day] = time.strftime("%Y-%m-%d", time.gmtime(day * 86_400))
        h, rest = divmod(rest, 3600)
        m, s = divmod(rest, 60)
        return f"{prefix} {h:02d}:{m:02d}:{s:02d}{self._suffix}"


# PostgreSQL timestamptz text for COPY (SQLite formats its own, see ``BulkWriter.insert``).
_pg_ts = _Stamps("+00")


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


class BulkWriter:
    """Writes rows of plain values (timestamps as epoch seconds) into one table at a time."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name
        self.raw: Any = conn.connection.driver_connection

    # ------------------------------------------------------------------ ids and locks
    def lock(self, tables: Sequence[Table], key: int) -> None:
        if self.dialect == "postgresql":
            self.conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
            names = ", ".join(f'"{t.name}"' for t in tables)
            self.conn.execute(text(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE"))

    def next_id(self, table: Table, column: str = "id") -> int:
        top = int(self.conn.scalar(select(func.coalesce(func.max(table.c[column]), 0))) or 0)
        if self.dialect == "postgresql":
            seq = self.conn.scalar(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column}
            )
            if seq:
                last = self.conn.scalar(
                    text(
                        f"SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {seq}"
                    )
                )
                top = max(top, int(last or 0))
        return top + 1

    def sync_sequence(self, table: Table, column: str = "id") -> None:
        """Move PostgreSQL's id sequence past the rows written with explicit ids."""
        if self.dialect != "postgresql":
            return
        seq = self.conn.scalar(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column}
        )
        if seq:
            self.conn.execute(
                text(
                    f'SELECT setval(:s, (SELECT coalesce(max("{column}"), 1) FROM "{table.name}"))'
                ),
                {"s": seq},
            )

    # ------------------------------------------------------------------ rows
    def _timestamps(self, table: Table, columns: Sequence[str]) -> set[int]:
        return {i for i, name in enumerate(columns) if isinstance(table.c[name].type, UTCDateTime)}

    def _converters(
        self, table: Table, columns: Sequence[str]
    ) -> list[tuple[int, Callable[[Any], Any]]]:
        """Python-side conversions; SQLite formats timestamps itself (see ``insert``)."""
        missing = [
            c.name
            for c in table.columns
            if not c.nullable and c.server_default is None and c.name not in columns
        ]
        if missing:
            raise AssertionError(f"bulk insert into {table.name} lacks {', '.join(missing)}")
        out: list[tuple[int, Callable[[Any], Any]]] = []
        stamps = self._timestamps(table, columns)
        for i, name in enumerate(columns):
            col_type = table.c[name].type
            if i in stamps:
                if self.dialect == "postgresql":
                    out.append((i, _pg_ts))
            elif isinstance(col_type, JSON) or isinstance(getattr(col_type, "impl", None), JSON):
                out.append((i, _json))
            elif self.dialect == "sqlite" and isinstance(col_type, Boolean):
                out.append((i, int))
        return out

    def insert(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        converters = self._converters(table, columns)

        def converted() -> Iterable[Sequence[Any]]:
            if not converters:
                yield from rows
                return
            for row in rows:
                values = list(row)
                for i, fn in converters:
                    v = values[i]
                    if v is not None:
                        values[i] = fn(v)
                yield values

        names = ", ".join(f'"{c}"' for c in columns)
        count = 0
        if self.dialect == "postgresql":
            with (
                self.raw.cursor() as cur,
                cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy,
            ):
                for values in converted():
                    copy.write_row(values)
                    count += 1
            return count
        # SQLite turns epoch seconds into SQLAlchemy's text format itself (NULL stays NULL).
        stamps = self._timestamps(table, columns)
        marks = ", ".join(
            "strftime('%Y-%m-%d %H:%M:%S', ?, 'unixepoch') || '.000000'" if i in stamps else "?"
            for i in range(len(columns))
        )
        sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
        cur = self.raw.cursor()
        try:
            batch: list[Sequence[Any]] = []
            for values in converted():
                batch.append(values)
                if len(batch) >= 20_000:
                    cur.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cur.executemany(sql, batch)
                count += len(batch)
        finally:
            cur.close()
        return count
