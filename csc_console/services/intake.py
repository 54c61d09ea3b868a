"""The call in progress, as both front ends hold it: a draft that survives a crash.

``CallDraft`` is everything typed so far about the current call. Front ends update it as the
CSR types and call ``save_draft`` (cheap: one small atomic file write); on start-up
``load_draft`` brings an unfinished call back. ``client_key`` makes the final saves idempotent,
so retrying after a database outage never creates a second request.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from csc_console.services.answers import AnswerValue
from csc_console.services.callers import CallerInput
from csc_console.services.context import Ctx
from csc_console.services.drafts import DraftStore
from csc_console.services.requests import NewRequest

DRAFT_NAME = "current-call"


def new_key() -> str:
    return uuid.uuid4().hex


@dataclass
class CallDraft:
    channel: str = "phone"
    call_id: int | None = None
    call_key: str = field(default_factory=new_key)
    request_key: str = field(default_factory=new_key)
    phone: str = ""
    name: str = ""
    email: str = ""
    caller_address: str = ""
    preferred_callback: str = ""
    language: str = ""
    anonymous: bool = False
    purpose: str = ""  # report | information | follow_up | referral
    words: str = ""  # what the caller said, as typed for the suggester
    category: str = ""  # category or topic code
    description: str = ""
    address: str = ""
    cross_street: str = ""
    unverified_address: bool = False
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    link_to: str = ""  # an existing request number to link instead of creating one
    saved_request: str = ""  # number once created (or linked)
    topic: str = ""  # the information topic on screen now (the last one asked)
    topics: list[str] = field(default_factory=list)  # every topic asked, in order
    disposition: str = ""
    notes: str = ""
    step: str = ""  # the front end's own marker of where the CSR was
    relay: dict[str, Any] = field(default_factory=dict)  # a relay call's panel and turns

    def caller(self) -> CallerInput:
        return CallerInput(
            phone=self.phone or None,
            name=self.name or None,
            email=self.email or None,
            address=self.caller_address or None,
            preferred_callback=self.preferred_callback or None,
            language=self.language or None,
            anonymous=self.anonymous,
        )

    def new_request(self) -> NewRequest:
        return NewRequest(
            category=self.category,
            description=self.description,
            address=self.address or None,
            cross_street=self.cross_street or None,
            caller=self.caller(),
            answers=dict(self.answers),
            channel=self.channel,
            call_id=self.call_id,
            unverified_address=self.unverified_address,
            client_key=self.request_key,
        )

    def add_topic(self, code: str) -> None:
        """The caller asks about ``code`` (again, or one more thing): it is on screen now and
        recorded on the call, in the order asked (once)."""
        self.topic = code
        if code not in self.topics:
            self.topics.append(code)

    def topic_codes(self) -> list[str]:
        """Every information topic asked, in order (a draft saved before ``topics`` existed:
        its one topic)."""
        return list(self.topics) or ([self.topic] if self.topic else [])

    def call_topic(self) -> str | None:
        """The call's main topic: the first information topic asked, else the category."""
        codes = self.topic_codes()
        return codes[0] if codes else (self.category or None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CallDraft:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def _store(ctx: Ctx) -> DraftStore:
    op = ctx.require()
    return DraftStore(op.username)


def save_draft(ctx: Ctx, draft: CallDraft) -> None:
    _store(ctx).save(DRAFT_NAME, draft.to_dict())


def load_draft(ctx: Ctx) -> CallDraft | None:
    data = _store(ctx).load(DRAFT_NAME)
    return CallDraft.from_dict(data) if data else None


def clear_draft(ctx: Ctx) -> None:
    _store(ctx).delete(DRAFT_NAME)
