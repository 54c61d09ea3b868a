"""The message inbox as a service, on SQLite and PostgreSQL: respond-by order, claiming (one
wins a race), and turning messages into requests, information answers and referrals."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from csc_console.db.models import InboxMessage
from csc_console.desks.inbox import information_reply, request_reply
from csc_console.errors import StaleEditError, ValidationError
from csc_console.services.inbox import get_message, list_inbox
from csc_console.services.inbox_answers import (
    answer_with_information,
    answer_with_referral,
    answer_with_request,
    prefilled_request,
)
from csc_console.services.inbox_claims import claim_message, close_message, release_message
from csc_console.services.requests import get_request
from tests.inbox.conftest import NOW, message

POTHOLE_ANSWERS = {"location_in_street": "right-lane", "size": "medium", "hazard": "no"}


def test_respond_by_is_the_next_business_day_and_orders_the_inbox(csr_ctx: Any) -> None:
    friday = datetime(2026, 3, 6, 22, 0, tzinfo=NOW.tzinfo)  # Friday 2 PM in Pasadena
    late = message(csr_ctx, "sent on Friday", received_at=friday)
    early = message(csr_ctx, "sent on Monday", received_at=NOW - timedelta(days=1))
    zone = csr_ctx.zone
    assert early.respond_by.astimezone(zone).strftime("%A %H:%M") == "Tuesday 17:00"
    # Friday March 6 is a 9/80 Friday off or not: either way the promise is a business day
    assert csr_ctx.calendar.is_business_day(late.respond_by.astimezone(zone).date())
    assert late.respond_by > friday
    assert [m.body for m in list_inbox(csr_ctx)] == ["sent on Monday", "sent on Friday"]
    assert early.overdue(NOW + timedelta(days=1)) and not early.overdue(NOW)


def test_external_ids_make_adding_idempotent(csr_ctx: Any) -> None:
    first = message(csr_ctx, external_id="chat-1")
    again = message(csr_ctx, "a different text", external_id="chat-1")
    assert again.id == first.id and again.body == first.body
    assert len(list_inbox(csr_ctx)) == 1


def test_bad_messages_are_refused(csr_ctx: Any) -> None:
    with pytest.raises(ValidationError, match="4,000"):
        message(csr_ctx, "x" * 4001)
    with pytest.raises(ValidationError, match="message is required"):
        message(csr_ctx, "   ")
    with pytest.raises(ValidationError, match="not a message channel"):
        message(csr_ctx, channel="phone")
    with pytest.raises(ValidationError, match="not an email address"):
        message(csr_ctx, email="jane at example")


def test_claim_race_one_wins_the_other_is_told_who(csr_ctx: Any, second_csr: Any) -> None:
    m = message(csr_ctx)
    barrier = threading.Barrier(2)
    results: dict[str, Any] = {}

    def claim(name: str, ctx: Any) -> None:
        barrier.wait()
        try:
            results[name] = claim_message(ctx, message_id=m.id, expected_version=m.version)
        except StaleEditError as exc:
            results[name] = exc

    threads = [
        threading.Thread(target=claim, args=("maria", csr_ctx)),
        threading.Thread(target=claim, args=("lee", second_csr)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [r for r in results.values() if isinstance(r, StaleEditError)]
    wins = [r for r in results.values() if not isinstance(r, StaleEditError)]
    assert len(wins) == 1 and len(errors) == 1
    winner = wins[0].claimed_by_name
    assert winner in ("Maria Lopez", "Lee Chan")
    assert f"was claimed by {winner}" in str(errors[0])
    assert get_message(csr_ctx, message_id=m.id).claimed_by_name == winner


def test_claiming_again_is_harmless_and_release_gives_it_back(
    csr_ctx: Any, second_csr: Any
) -> None:
    m = message(csr_ctx)
    mine = claim_message(csr_ctx, message_id=m.id, now=NOW)
    assert mine.status == "claimed" and mine.claimed_by_name == "Maria Lopez"
    assert claim_message(csr_ctx, message_id=m.id).version == mine.version
    with pytest.raises(StaleEditError, match="claimed by Maria Lopez at 9:00 AM"):
        claim_message(second_csr, message_id=m.id)
    with pytest.raises(StaleEditError, match="claimed by Maria Lopez"):
        answer_with_referral(second_csr, message_id=m.id, referral="Pasadena Humane", reply="Hi")
    with pytest.raises(StaleEditError, match="changed since you read it"):
        claim_message(second_csr, message_id=message(csr_ctx, "other").id, expected_version=7)
    back = release_message(csr_ctx, message_id=m.id)
    assert back.status == "new" and back.claimed_by is None
    assert claim_message(second_csr, message_id=m.id).claimed_by_name == "Lee Chan"


def test_a_message_becomes_a_request_through_the_same_rules(csr_ctx: Any) -> None:
    m = message(csr_ctx, "[bold]Pothole[/bold] \x1b[31m outside my house", phone="626-555-0101")
    claim_message(csr_ctx, message_id=m.id)
    draft = prefilled_request(csr_ctx, m)
    assert draft.category == "potholes"  # suggested from the words
    assert draft.description == m.body and draft.caller.email == "jane@example.com"
    from dataclasses import replace

    request = replace(draft, address="1200 N Lake Ave", answers=POTHOLE_ANSWERS)
    done = answer_with_request(
        csr_ctx, message_id=m.id, request=request, reply=request_reply(m), now=NOW
    )
    assert done.message.status == "answered" and done.message.outcome == "request"
    assert done.message.request_number == done.request.number
    assert done.request.number in (done.message.reply or "")
    assert "{number}" not in (done.message.reply or "")
    stored = get_request(csr_ctx, number=done.request.number)
    assert stored.channel == "live_chat"
    assert stored.description == m.body  # stored as typed
    assert stored.caller is not None and stored.caller.name == "Jane Caller"
    assert stored.work_orders  # routed like a phone pothole
    # answering again does not make a second request
    with pytest.raises(StaleEditError, match="already answered by Maria Lopez"):
        answer_with_request(csr_ctx, message_id=m.id, request=request, reply="again")
    assert list_inbox(csr_ctx) == []
    assert [x.id for x in list_inbox(csr_ctx, include_done=True)] == [m.id]


def test_a_failed_request_leaves_the_message_open(csr_ctx: Any) -> None:
    m = message(csr_ctx)
    draft = prefilled_request(csr_ctx, m)
    with pytest.raises(ValidationError):
        answer_with_request(csr_ctx, message_id=m.id, request=draft, reply="x")  # no answers
    assert get_message(csr_ctx, message_id=m.id).status == "new"


def test_information_referral_and_close(csr_ctx: Any) -> None:
    a, b, c = (message(csr_ctx, f"message {i}") for i in range(3))
    text = information_reply(csr_ctx.catalog, a, "collection-day")
    assert text.startswith("Hello Jane Caller,")
    info = answer_with_information(csr_ctx, message_id=a.id, topic="collection-day", reply=text)
    assert (info.status, info.outcome, info.outcome_ref) == (
        "answered",
        "information",
        "collection-day",
    )
    assert info.answered_by_name == "Maria Lopez" and info.replied_at is not None
    ref = answer_with_referral(
        csr_ctx, message_id=b.id, referral="Pasadena Humane", reply="Call them."
    )
    assert (ref.outcome, ref.outcome_ref, ref.reply) == (
        "referral",
        "Pasadena Humane",
        "Call them.",
    )
    with pytest.raises(ValidationError, match="reply is required"):
        answer_with_information(csr_ctx, message_id=c.id, topic="collection-day", reply=" ")
    closed = close_message(csr_ctx, message_id=c.id, note="spam")
    assert (closed.status, closed.outcome, closed.outcome_ref) == ("closed", "no_action", "spam")
    with csr_ctx.db.session() as s:
        rows = s.scalars(select(InboxMessage).order_by(InboxMessage.id)).all()
        assert [r.version for r in rows] == [2, 2, 2]  # claimed and answered in one write each
