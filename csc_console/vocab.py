"""The fixed vocabulary of the centre: roles, channels, statuses.

Stored values are lower-case words (``in_progress``), shown with ``label()`` ("In progress").
Anything a city may want to change (categories, units, local dispatch statuses, dispositions)
lives in the catalog under data/, not here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())

    @classmethod
    def parse(cls, text: str) -> Self:
        """Accept the stored value, the label, or either with spaces/hyphens/case changed."""
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        for member in cls:
            if key in (member.value, member.label.lower().replace("-", "_").replace(" ", "_")):
                return member
        raise ValueError(text)

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


class Role(_Labelled):
    CSR = "csr"
    DISPATCHER = "dispatcher"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Channel(_Labelled):
    PHONE = "phone"
    RELAY = "relay"
    WALK_IN = "walk_in"
    VOICEMAIL = "voicemail"
    EMAIL = "email"
    WEB = "web"
    APP = "app"
    LIVE_CHAT = "live_chat"
    FIELD = "field"  # found by a crew in the field: no caller


class CallStatus(_Labelled):
    QUEUED = "queued"
    ACTIVE = "active"
    WRAP_UP = "wrap_up"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class CallPurpose(_Labelled):
    REPORT = "report"
    INFORMATION = "information"
    FOLLOW_UP = "follow_up"
    REFERRAL = "referral"


class RequestStatus(_Labelled):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class WorkOrderStatus(_Labelled):
    NEW = "new"
    ASSIGNED = "assigned"
    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Priority(_Labelled):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Direction(_Labelled):
    FROM_UNIT = "from_unit"
    TO_UNIT = "to_unit"
    NOTE = "note"


class Speaker(_Labelled):
    CALLER = "caller"
    CSR = "csr"
    CA = "ca"


_LABELS: dict[str, str] = {
    "csr": "CSR",
    "walk_in": "Walk-in",
    "live_chat": "LiveChat",
    "app": "Mobile app",
    "wrap_up": "Wrap-up",
    "follow_up": "Follow-up",
    "from_unit": "From unit",
    "to_unit": "To unit",
    "ca": "Communications assistant",
    "field": "Found by a crew",
}


class MessageStatus(_Labelled):
    """An inbox message (LiveChat left while no agent was free, email, web/app form)."""

    NEW = "new"
    CLAIMED = "claimed"
    ANSWERED = "answered"
    CLOSED = "closed"


class MessageOutcome(_Labelled):
    REQUEST = "request"
    INFORMATION = "information"
    REFERRAL = "referral"
    NO_ACTION = "no_action"


class Disposition(_Labelled):
    """How a call ended, for wrap-up and the figures."""

    REQUEST_CREATED = "request_created"
    LINKED_TO_EXISTING = "linked_to_existing"
    INFORMATION_PROVIDED = "information_provided"
    STATUS_GIVEN = "status_given"
    REFERRED = "referred"
    TRANSFERRED_911 = "transferred_911"
    CALLBACK_PROMISED = "callback_promised"
    DROPPED = "dropped"
    WRONG_NUMBER = "wrong_number"
    NO_ACTION = "no_action"


_LABELS.update(
    {
        "request_created": "Request created",
        "linked_to_existing": "Linked to an existing request",
        "information_provided": "Information provided",
        "status_given": "Status given",
        "transferred_911": "Transferred to 911",
        "callback_promised": "Call-back promised",
    }
)
