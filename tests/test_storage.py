"""Storage on both databases: migrations, UTC timestamps, version counters, audit, numbering."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError
from sqlalchemy.orm.exc import StaleDataError

from csc_console.db.engine import Database
from csc_console.db.migrate import current_revision, head_revision, upgrade
from csc_console.db.models import AuditEvent, Call, Caller, ServiceRequest
from csc_console.services.numbers import next_number, parse_number


@pytest.fixture
def database(db_url: str):  # type: ignore[no-untyped-def]
    db = Database(db_url)
    yield db
    db.dispose()


def test_schema_is_at_head_and_upgrade_is_idempotent(database: Database) -> None:
    assert current_revision(database) == head_revision()
    again = upgrade(database)
    assert not again.changed
    tables = set(inspect(database.engine).get_table_names())
    assert {
        "operator", "caller", "call", "service_request", "request_caller", "work_order",
        "unit", "dispatch_entry", "relay_call", "relay_turn", "audit_event", "number_sequence",
    } <= tables


def test_timestamps_come_back_aware_utc(database: Database) -> None:
    pacific = timezone(timedelta(hours=-8))
    queued = datetime(2026, 11, 25, 9, 30, tzinfo=pacific)
    with database.session() as s:
        call = Call(channel="phone", status="active", queued_at=queued)
        s.add(call)
        s.flush()
        call_id = call.id
    with database.session() as s:
        loaded = s.get(Call, call_id)
        assert loaded is not None
        assert loaded.queued_at.tzinfo is not None
        assert loaded.queued_at.utcoffset() == timedelta(0)
        assert loaded.queued_at == datetime(2026, 11, 25, 17, 30, tzinfo=UTC)


def test_naive_timestamps_are_refused(database: Database) -> None:
    with database.session() as s:
        s.add(Call(channel="phone", status="active", queued_at=datetime(2026, 1, 1, 9, 0)))  # noqa: DTZ001
        with pytest.raises(StatementError, match="naive datetime"):
            s.flush()
        s.rollback()


def test_version_counter_refuses_a_stale_edit(database: Database) -> None:
    with database.session() as s:
        caller = Caller(phone="+16267447311", name="First")
        s.add(caller)
        s.flush()
        caller_id = caller.id
        assert caller.version == 1
    # Two workstations load the same caller; the first saves; the second's save is refused.
    with database.session() as s1, database.session() as s2:
        a = s1.get(Caller, caller_id)
        b = s2.get(Caller, caller_id)
        assert a is not None and b is not None
        s2.commit()  # the second workstation's read is over; the row stays loaded
        a.name = "Second"
        s1.commit()
        assert a.version == 2
        b.name = "Third"
        with pytest.raises(StaleDataError):
            s2.flush()
        s2.rollback()
    with database.session() as s:
        row = s.get(Caller, caller_id)
        assert row is not None and row.name == "Second"


def test_every_change_is_audited_with_operator(database: Database) -> None:
    with database.session(operator_id=None, note="took a call") as s:
        caller = Caller(phone="+16265550100", name="Pat")
        s.add(caller)
        s.flush()
        caller_id = caller.id
    with database.session() as s:
        row = s.get(Caller, caller_id)
        assert row is not None
        row.name = "Pat Smith"
    with database.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.entity == "caller").order_by(AuditEvent.id)
        ).all()
    assert [e.action for e in events] == ["create", "update"]
    assert [e.entity_id for e in events] == [str(caller_id), str(caller_id)]
    assert events[0].changes["after"]["phone"] == "+16265550100"
    assert events[0].note == "took a call"
    assert events[1].changes == {"name": {"from": "Pat", "to": "Pat Smith"}}


@pytest.mark.parametrize("statement", ["UPDATE audit_event SET note = 'x'", "DELETE FROM audit_event"])
def test_audit_is_append_only_in_the_database(database: Database, statement: str) -> None:
    with database.session() as s:
        s.add(Caller(name="Audited"))
    with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as conn:
        conn.execute(text(statement))
    with database.session() as s:
        assert s.scalar(select(AuditEvent.id)) is not None


def test_check_constraints_refuse_unknown_values(database: Database) -> None:
    with database.session() as s:
        s.add(Call(channel="carrier-pigeon", status="active"))
        with pytest.raises(IntegrityError):
            s.flush()
        s.rollback()


def test_numbers_are_sequential_per_year(database: Database) -> None:
    with database.session(write=True) as s:
        first = next_number(s, prefix="SR", year=2026)
        second = next_number(s, prefix="SR", year=2026)
        other = next_number(s, prefix="WO", year=2026)
        next_year = next_number(s, prefix="SR", year=2027)
    assert (first, second, other, next_year) == (
        "SR-2026-000001", "SR-2026-000002", "WO-2026-000001", "SR-2027-000001",
    )
    assert parse_number("sr-2026-000123") == ("SR", 2026, 123)
    assert parse_number("SR 2026 123") is None


def test_numbers_never_collide_under_concurrent_writers(database: Database) -> None:
    taken: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            for _ in range(15):
                with database.session(write=True) as s:
                    number = next_number(s, prefix="SR", year=2030)
                    s.add(
                        ServiceRequest(
                            number=number, category_code="potholes", department_code="pw",
                        )
                    )
                with lock:
                    taken.append(number)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(taken) == 90
    assert len(set(taken)) == 90
    assert sorted(taken)[-1] == "SR-2030-000090"


def test_migrations_match_the_models(database: Database) -> None:
    """A model change without a migration (or the reverse) fails here, on both databases."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_the_start_up_check_reads_the_same_head_as_alembic() -> None:
    """Start-up skips Alembic when the database is at the head read from the migration files;
    that head must be Alembic's own."""
    from csc_console.db.migrate import head_revision, shipped_head

    assert shipped_head() == head_revision()
