"""SQLModel tables: the centre's records.

Conventions:
- every timestamp is a ``UTCDateTime`` (aware UTC in Python, ``timestamptz`` on PostgreSQL);
- rows staff edit carry ``version``, SQLAlchemy's optimistic-lock counter: a flush against a
  row someone else changed first raises ``StaleDataError``, which services turn into
  ``StaleEditError``;
- stored enum values are the lower-case words of ``csc_console.vocab``, guarded by CHECK
  constraints so a modified client cannot write nonsense;
- every change to an audited table is written to ``audit_event`` by ``db.audit`` in the same
  transaction, and ``audit_event`` itself refuses UPDATE and DELETE (a trigger on both
  databases).

Read models handed to front ends live in ``services``; ORM rows never leave a session.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy import text as sql_text
from sqlmodel import Field, SQLModel

from csc_console import vocab
from csc_console.db.types import JSONType, UTCDateTime, utcnow

# Stable constraint names, so migrations (and SQLite batch rebuilds) can refer to them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Limits shared by validation and the schema.
DESCRIPTION_MAX = 4000  # Open311's limit for a request description
NOTE_MAX = 4000
NAME_MAX = 200
ADDRESS_MAX = 300
MEDIA_URL_MAX = 1000


def _in(column: str, enum: type[vocab._Labelled]) -> CheckConstraint:
    values = ", ".join(f"'{v}'" for v in enum.values())
    return CheckConstraint(f"{column} IN ({values})", name=f"{column}_valid")


def _ts(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


# --------------------------------------------------------------------------- operators
_operator_version = Column("version", Integer, nullable=False, default=1)


class Operator(SQLModel, table=True):
    __tablename__ = "operator"
    __table_args__ = (_in("role", vocab.Role),)
    __mapper_args__ = {"version_id_col": _operator_version}

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=NAME_MAX)
    role: str = Field(default=vocab.Role.CSR.value, max_length=16)
    active: bool = True
    password_hash: str | None = Field(default=None, max_length=255)
    failed_logins: int = 0
    locked_until: datetime | None = _ts()
    preferences: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    # The workstation account (operating-system user) that may sign in as this operator
    # without a password, when an administrator allows it.
    os_account: str | None = Field(default=None, max_length=64, unique=True)
    created_at: datetime = _created()
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_operator_version)


# --------------------------------------------------------------------------- callers
_caller_version = Column("version", Integer, nullable=False, default=1)


class Caller(SQLModel, table=True):
    """A person who contacts the centre. Phone numbers are stored in E.164 (+16267447311)."""

    __tablename__ = "caller"
    __mapper_args__ = {"version_id_col": _caller_version}

    id: int | None = Field(default=None, primary_key=True)
    phone: str | None = Field(default=None, max_length=20, index=True)
    phone_ext: str | None = Field(default=None, max_length=10)
    name: str | None = Field(default=None, max_length=NAME_MAX)
    email: str | None = Field(default=None, max_length=254, index=True)
    address: str | None = Field(default=None, max_length=ADDRESS_MAX)
    address_verified: bool = False
    preferred_callback: str | None = Field(default=None, max_length=NAME_MAX)
    language: str | None = Field(default=None, max_length=40)
    anonymous: bool = False
    notes: str | None = Field(default=None, max_length=NOTE_MAX)
    created_at: datetime = _created()
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_caller_version)


# --------------------------------------------------------------------------- calls
_call_version = Column("version", Integer, nullable=False, default=1)


class Call(SQLModel, table=True):
    """One contact: a phone call, relay call, walk-in, voicemail, email, web/app form or chat.

    Times: ``queued_at`` (entered the queue or arrived), ``answered_at`` (a CSR picked it up;
    empty for an abandoned call), ``ended_at`` (conversation over), ``acw_ended_at`` (the CSR
    finished after-call work). Handle time = acw_ended_at - answered_at (talk and hold are the
    connected span; ``hold_seconds`` records the part on hold).
    """

    __tablename__ = "call"
    __table_args__ = (
        _in("channel", vocab.Channel),
        _in("status", vocab.CallStatus),
        CheckConstraint(
            "purpose IS NULL OR purpose IN ('report', 'information', 'follow_up', 'referral')",
            name="purpose_valid",
        ),
        Index("ix_call_queued_at", "queued_at"),
        Index("ix_call_operator_queued", "operator_id", "queued_at"),
        Index("ix_call_caller_queued", "caller_id", "queued_at"),
    )
    __mapper_args__ = {"version_id_col": _call_version}

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(default=vocab.Channel.PHONE.value, max_length=16)
    status: str = Field(default=vocab.CallStatus.ACTIVE.value, max_length=16)
    caller_id: int | None = Field(default=None, foreign_key="caller.id")
    operator_id: int | None = Field(default=None, foreign_key="operator.id")
    queued_at: datetime = _created()
    answered_at: datetime | None = _ts()
    ended_at: datetime | None = _ts()
    acw_ended_at: datetime | None = _ts()
    hold_seconds: int = 0
    purpose: str | None = Field(default=None, max_length=16)
    topic_code: str | None = Field(default=None, max_length=64)
    # Every information topic the caller asked about, in the order asked (topic_code is the
    # first): read and written with the call, never queried alone (migration 0007).
    topic_codes: list[str] = Field(
        default_factory=list, sa_type=JSONType, sa_column_kwargs={"server_default": sql_text("'[]'")}
    )
    # The request this call created or was linked to (a duplicate's second caller).
    # use_alter: call and service_request point at each other (service_request.call_id), so
    # this key is left out of the table ordering (created last on PostgreSQL).
    request_id: int | None = Field(
        default=None,
        sa_column=Column(
            "request_id",
            Integer,
            ForeignKey("service_request.id", use_alter=True, name="fk_call_request_id_service_request"),
            nullable=True,
        ),
    )
    disposition: str | None = Field(default=None, max_length=64)
    notes: str | None = Field(default=None, max_length=NOTE_MAX)
    external_id: str | None = Field(default=None, max_length=64, unique=True)
    client_key: str | None = Field(default=None, max_length=64, unique=True)
    created_at: datetime = _created()
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_call_version)


# --------------------------------------------------------------------------- service requests
_request_version = Column("version", Integer, nullable=False, default=1)


class ServiceRequest(SQLModel, table=True):
    __tablename__ = "service_request"
    __table_args__ = (
        _in("status", vocab.RequestStatus),
        _in("channel", vocab.Channel),
        CheckConstraint("callers_count >= 1", name="callers_count_positive"),
        Index("ix_request_created_at", "created_at"),
        Index("ix_request_dupe", "category_code", "street_key", "created_at"),
        Index("ix_request_address_key", "address_key"),
        Index("ix_request_status_category", "status", "category_code", "created_at"),
        Index("ix_request_caller", "caller_id", "created_at"),
    )
    __mapper_args__ = {"version_id_col": _request_version}

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True)
    category_code: str = Field(max_length=64)
    status: str = Field(default=vocab.RequestStatus.OPEN.value, max_length=16)
    status_note: str | None = Field(default=None, max_length=NOTE_MAX)
    description: str = Field(default="", max_length=DESCRIPTION_MAX)
    address: str | None = Field(default=None, max_length=ADDRESS_MAX)
    # Normalised forms for duplicate checks: the whole address ("1200 N LAKE AVE"), the street
    # ("N LAKE AVE") and the house number, so "same or nearby address" is an index range scan.
    address_key: str | None = Field(default=None, max_length=ADDRESS_MAX)
    street_key: str | None = Field(default=None, max_length=ADDRESS_MAX)
    house_number: int | None = None
    address_verified: bool = False
    cross_street: str | None = Field(default=None, max_length=ADDRESS_MAX)
    latitude: float | None = None
    longitude: float | None = None
    media_url: str | None = Field(default=None, max_length=MEDIA_URL_MAX)
    department_code: str = Field(max_length=64)
    channel: str = Field(default=vocab.Channel.PHONE.value, max_length=16)
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    caller_id: int | None = Field(default=None, foreign_key="caller.id")
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True)
    operator_id: int | None = Field(default=None, foreign_key="operator.id")
    duplicate_of_id: int | None = Field(default=None, foreign_key="service_request.id")
    callers_count: int = 1
    # Set by the console that saved it: a retried save (after an outage) finds its first try.
    client_key: str | None = Field(default=None, max_length=64, unique=True)
    created_at: datetime = _created()
    due_at: datetime | None = _ts()
    closed_at: datetime | None = _ts()
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_request_version)


class RequestCaller(SQLModel, table=True):
    """Every caller who reported a request (the first one and those linked as duplicates)."""

    __tablename__ = "request_caller"
    __table_args__ = (UniqueConstraint("request_id", "caller_id", name="uq_request_caller"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="service_request.id", index=True)
    caller_id: int = Field(foreign_key="caller.id", index=True)
    call_id: int | None = Field(default=None, foreign_key="call.id")
    linked_at: datetime = _created()
    notify: bool = True
    notified_at: datetime | None = _ts()


# --------------------------------------------------------------------------- work orders
_work_order_version = Column("version", Integer, nullable=False, default=1)


class WorkOrder(SQLModel, table=True):
    __tablename__ = "work_order"
    __table_args__ = (
        _in("status", vocab.WorkOrderStatus),
        _in("priority", vocab.Priority),
        Index("ix_work_order_queue", "department_code", "division", "status", "due_at"),
        Index("ix_work_order_status_due", "status", "due_at"),
        Index("ix_work_order_crew", "crew", "status"),
        Index("ix_work_order_created", "created_at"),
    )
    __mapper_args__ = {"version_id_col": _work_order_version}

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True)
    request_id: int | None = Field(default=None, foreign_key="service_request.id", index=True)
    category_code: str = Field(max_length=64)
    department_code: str = Field(max_length=64)
    division: str | None = Field(default=None, max_length=64)
    crew: str | None = Field(default=None, max_length=32)
    status: str = Field(default=vocab.WorkOrderStatus.NEW.value, max_length=16)
    priority: str = Field(default=vocab.Priority.NORMAL.value, max_length=16)
    address: str | None = Field(default=None, max_length=ADDRESS_MAX)
    description: str = Field(default="", max_length=DESCRIPTION_MAX)
    status_reason: str | None = Field(default=None, max_length=NOTE_MAX)
    resolution: str | None = Field(default=None, max_length=NOTE_MAX)
    created_at: datetime = _created()
    due_at: datetime | None = _ts()
    assigned_at: datetime | None = _ts()
    dispatched_at: datetime | None = _ts()
    started_at: datetime | None = _ts()
    completed_at: datetime | None = _ts()
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_work_order_version)


class WorkOrderEvent(SQLModel, table=True):
    """A work order's history as staff read it: status changes, assignments, notes.

    Written by the work-order service in the same transaction as the change (the generic
    ``audit_event`` records the row changes too; this is the domain's own account, with the
    reason or note the person typed).
    """

    __tablename__ = "work_order_event"
    __table_args__ = (Index("ix_work_order_event_wo", "work_order_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    work_order_id: int = Field(foreign_key="work_order.id")
    at: datetime = _created()
    operator_id: int | None = Field(default=None, foreign_key="operator.id")
    kind: str = Field(max_length=16)  # created | status | assigned | priority | note | reopened | escalated
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str | None = Field(default=None, max_length=16)
    text: str | None = Field(default=None, max_length=NOTE_MAX)


# --------------------------------------------------------------------------- radio dispatch
_unit_version = Column("version", Integer, nullable=False, default=1)


class Unit(SQLModel, table=True):
    """A field crew or vehicle. ``status`` caches the latest status entry in the radio log."""

    __tablename__ = "unit"
    __mapper_args__ = {"version_id_col": _unit_version}

    id: int | None = Field(default=None, primary_key=True)
    call_sign: str = Field(max_length=16, unique=True)
    name: str = Field(max_length=NAME_MAX)
    department_code: str = Field(max_length=64)
    division: str | None = Field(default=None, max_length=64)
    active: bool = True
    status: str = Field(default="available", max_length=32)
    status_since: datetime | None = _ts()
    work_order_id: int | None = Field(default=None, foreign_key="work_order.id")
    location: str | None = Field(default=None, max_length=ADDRESS_MAX)
    # The last time the unit answered a check-in (resets the stale clock, not the status).
    last_contact_at: datetime | None = _ts()
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_unit_version)


class DispatchEntry(SQLModel, table=True):
    """One line of the radio log. Append-only: a correction is a new entry naming the old one."""

    __tablename__ = "dispatch_entry"
    __table_args__ = (
        _in("direction", vocab.Direction),
        Index("ix_dispatch_at", "at"),
        Index("ix_dispatch_unit_at", "unit_id", "at"),
        Index("ix_dispatch_work_order", "work_order_id", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _created()
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    direction: str = Field(default=vocab.Direction.FROM_UNIT.value, max_length=16)
    status: str | None = Field(default=None, max_length=32)
    location: str | None = Field(default=None, max_length=ADDRESS_MAX)
    work_order_id: int | None = Field(default=None, foreign_key="work_order.id")
    message: str = Field(default="", max_length=NOTE_MAX)
    operator_id: int | None = Field(default=None, foreign_key="operator.id")
    corrects_id: int | None = Field(default=None, foreign_key="dispatch_entry.id")
    client_key: str | None = Field(default=None, max_length=64, unique=True)


# --------------------------------------------------------------------------- relay calls
_relay_version = Column("version", Integer, nullable=False, default=1)


class RelayCall(SQLModel, table=True):
    """What the city keeps about a California Relay Service (711) call."""

    __tablename__ = "relay_call"
    __mapper_args__ = {"version_id_col": _relay_version}

    call_id: int = Field(foreign_key="call.id", primary_key=True)
    relay_type: str = Field(max_length=32)
    ca_number: str | None = Field(default=None, max_length=32)
    provider: str | None = Field(default=None, max_length=NAME_MAX)
    language: str | None = Field(default=None, max_length=40)
    preferred_callback: str | None = Field(default=None, max_length=NAME_MAX)
    accommodations: str | None = Field(default=None, max_length=NOTE_MAX)
    dropped: bool = False
    callback_attempts: int = 0
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_relay_version)


class RelayTurn(SQLModel, table=True):
    __tablename__ = "relay_turn"
    __table_args__ = (
        _in("speaker", vocab.Speaker),
        UniqueConstraint("call_id", "seq", name="uq_relay_turn_seq"),
    )

    id: int | None = Field(default=None, primary_key=True)
    call_id: int = Field(foreign_key="relay_call.call_id", index=True)
    seq: int
    at: datetime = _created()
    speaker: str = Field(max_length=16)
    text: str = Field(max_length=NOTE_MAX)


# --------------------------------------------------------------------------- open311 & inbox
class ApiKey(SQLModel, table=True):
    """A key for the Open311 server (web portal, mobile app, partner). Only a SHA-256 hash of
    the secret is kept; ``prefix`` (the secret's first characters) identifies it in lists.
    ``last_used_at`` is written with a Core UPDATE (not audited: it changes on every post)."""

    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=NAME_MAX)
    prefix: str = Field(max_length=16)
    secret_hash: str = Field(max_length=64, unique=True)
    app: bool = False  # requests posted with it come from the mobile app (channel "app")
    created_at: datetime = _created()
    created_by: int | None = Field(default=None, foreign_key="operator.id")
    last_used_at: datetime | None = _ts()
    revoked_at: datetime | None = _ts()
    revoked_by: int | None = Field(default=None, foreign_key="operator.id")


_message_version = Column("version", Integer, nullable=False, default=1)


class InboxMessage(SQLModel, table=True):
    """A message waiting for a CSR: LiveChat left while no agent was free, an email, or a
    web/app submission that needs a human. Text is stored as typed; shown via ``printable``."""

    __tablename__ = "inbox_message"
    __table_args__ = (
        _in("channel", vocab.Channel),
        _in("status", vocab.MessageStatus),
        CheckConstraint(
            "outcome IS NULL OR outcome IN ('request', 'information', 'referral', 'no_action')",
            name="outcome_valid",
        ),
        Index("ix_inbox_queue", "status", "respond_by"),
        Index("ix_inbox_received", "received_at"),
    )
    __mapper_args__ = {"version_id_col": _message_version}

    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, max_length=128, unique=True)
    token: str | None = Field(default=None, max_length=64, unique=True)  # Open311 token
    source: str = Field(default="", max_length=64)
    channel: str = Field(max_length=16)
    received_at: datetime = _created()
    respond_by: datetime = _created()
    name: str | None = Field(default=None, max_length=NAME_MAX)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    subject: str = Field(default="", max_length=NAME_MAX)
    body: str = Field(default="", max_length=DESCRIPTION_MAX)
    address: str | None = Field(default=None, max_length=ADDRESS_MAX)
    details: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    status: str = Field(default=vocab.MessageStatus.NEW.value, max_length=16)
    claimed_by: int | None = Field(default=None, foreign_key="operator.id")
    claimed_at: datetime | None = _ts()
    outcome: str | None = Field(default=None, max_length=16)
    outcome_ref: str | None = Field(default=None, max_length=NAME_MAX)
    request_id: int | None = Field(default=None, foreign_key="service_request.id")
    reply: str | None = Field(default=None, max_length=NOTE_MAX)
    replied_at: datetime | None = _ts()
    answered_by: int | None = Field(default=None, foreign_key="operator.id")
    closed_at: datetime | None = _ts()
    created_at: datetime = _created()
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_message_version)


# --------------------------------------------------------------------------- audit & numbering
class AuditEvent(SQLModel, table=True):
    """Append-only record of every change: who, when, what, before and after."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _created()
    operator_id: int | None = Field(default=None, foreign_key="operator.id")
    entity: str = Field(max_length=32)
    entity_id: str = Field(max_length=64)
    action: str = Field(max_length=32)
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    note: str | None = Field(default=None, max_length=NOTE_MAX)


class AppSetting(SQLModel, table=True):
    """Console-wide switches an administrator sets (e.g. ``require_passwords``)."""

    __tablename__ = "app_setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=NOTE_MAX)
    updated_at: datetime = _created()
    updated_by: int | None = Field(default=None, foreign_key="operator.id")


class NumberSequence(SQLModel, table=True):
    """Counters for human numbers (``SR-2026`` -> 123 gives SR-2026-000123).

    Taken with ``UPDATE ... SET next_value = next_value + 1 RETURNING``, which locks the row on
    PostgreSQL and the database on SQLite, so concurrent writers never collide.
    """

    __tablename__ = "number_sequence"

    name: str = Field(primary_key=True, max_length=32)
    next_value: int = 1


AUDITED_TABLES: tuple[type[SQLModel], ...] = (
    AppSetting,
    Operator,
    Caller,
    Call,
    ServiceRequest,
    RequestCaller,
    WorkOrder,
    WorkOrderEvent,
    Unit,
    DispatchEntry,
    RelayCall,
    RelayTurn,
    ApiKey,
    InboxMessage,
)
