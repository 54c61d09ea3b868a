"""Writing an import's changes: UPDATEs of matched or re-imported calls, INSERTs of new ones."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, bindparam, case, insert, update
from sqlalchemy.orm import Session

from csc_console.services.calldata.mapping import CdrRow
from csc_console.services.kpi import CALL
from csc_console.vocab import CallStatus


class Writer:
    """The chunk's UPDATEs and INSERTs, as rows of plain values. SQLite gets them through the
    driver's ``executemany`` with timestamps as the text SQLAlchemy stores (formatted once here:
    a year of rows holds about a million; per-row parameter handling in SQLAlchemy cost more
    than the writes); PostgreSQL gets SQLAlchemy Core statements with aware datetimes."""

    def __init__(self, dialect: str) -> None:
        self.sqlite = dialect == "sqlite"

    def stamp(self, moment: datetime | None) -> Any:
        """A naive UTC time (or an aware one) for the database."""
        if moment is None:
            return None
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        if self.sqlite:
            return moment.isoformat(" ", "microseconds")
        return moment.replace(tzinfo=UTC)

    def update_values(self, call_id: int, row: CdrRow, now: datetime) -> tuple[Any, ...]:
        stamp = self.stamp
        ended = stamp(row.ended)
        return (
            stamp(row.queued), stamp(row.answered), ended, row.hold_seconds, row.call_id,
            ended, ended, stamp(now), call_id,
        )  # fmt: skip

    def insert_values(self, row: CdrRow, operator_id: int | None, now: datetime) -> tuple[Any, ...]:
        stamp = self.stamp
        status = CallStatus.COMPLETED.value if row.answered is not None else CallStatus.ABANDONED.value
        created = stamp(now)
        return (
            row.channel, status, operator_id, stamp(row.queued), stamp(row.answered),
            stamp(row.ended), row.hold_seconds, row.call_id, created, created, 1,
        )  # fmt: skip

    def write(self, s: Session, updates: list[tuple[Any, ...]], inserts: list[tuple[Any, ...]]) -> None:
        if self.sqlite:
            raw = s.connection().connection.driver_connection
            assert raw is not None
            cursor = raw.cursor()
            try:
                if updates:
                    cursor.executemany(_UPDATE_SQL, updates)
                if inserts:
                    cursor.executemany(_INSERT_SQL, inserts)
            finally:
                cursor.close()
            return
        if updates:
            s.execute(_UPDATE, [dict(zip(_UPDATE_NAMES, u, strict=True)) for u in updates])
        if inserts:
            s.execute(insert(CALL), [dict(zip(_INSERT_COLUMNS, i, strict=True)) for i in inserts])


_UPDATE_NAMES = (
    "b_queued", "b_answered", "b_ended", "b_hold", "b_external", "b_ended2", "b_ended3", "b_now",
    "b_id",
)  # fmt: skip
_UPDATE = (
    update(CALL)
    .where(CALL.c.id == bindparam("b_id"))
    .values(
        queued_at=bindparam("b_queued", type_=CALL.c.queued_at.type),
        answered_at=bindparam("b_answered", type_=CALL.c.answered_at.type),
        ended_at=bindparam("b_ended", type_=CALL.c.ended_at.type),
        hold_seconds=bindparam("b_hold"),
        external_id=bindparam("b_external"),
        # after-call work cannot end before the call: its end moves up if need be
        acw_ended_at=case(
            (
                and_(
                    CALL.c.acw_ended_at.is_not(None),
                    CALL.c.acw_ended_at < bindparam("b_ended2", type_=CALL.c.ended_at.type),
                ),
                bindparam("b_ended3", type_=CALL.c.ended_at.type),
            ),
            else_=CALL.c.acw_ended_at,
        ),
        updated_at=bindparam("b_now", type_=CALL.c.updated_at.type),
        version=CALL.c.version + 1,
    )
)
_UPDATE_SQL = (
    "UPDATE call SET queued_at = ?, answered_at = ?, ended_at = ?, hold_seconds = ?, "
    "external_id = ?, acw_ended_at = CASE WHEN acw_ended_at IS NOT NULL AND acw_ended_at < ? "
    "THEN ? ELSE acw_ended_at END, updated_at = ?, version = version + 1 WHERE id = ?"
)


_INSERT_COLUMNS = (
    "channel", "status", "operator_id", "queued_at", "answered_at", "ended_at", "hold_seconds",
    "external_id", "created_at", "updated_at", "version",
)  # fmt: skip
_INSERT_SQL = (
    f"INSERT INTO call ({', '.join(_INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)})"
)
