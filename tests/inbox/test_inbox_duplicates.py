"""Issue 14, defect 3: a message about a streetlight that already has an open request is offered
the phone intake's duplicates; linking its sender adds one more caller to that request and
makes no second request and no second crew work order. On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import func, select

from csc_console.db.models import Caller, RequestCaller, ServiceRequest, WorkOrder
from csc_console.desks import inbox as desk
from csc_console.desks.intake.say import duplicate_option
from csc_console.services.inbox import get_message
from csc_console.services.inbox_answers import (
    answer_with_link,
    possible_duplicates,
    prefilled_request,
)
from csc_console.services.requests import get_request
from tests.inbox.conftest import NOW, message
from tests.linear.intake_support import open_request

STREETLIGHT = {"light_or_signal": "street-light", "problem": "out"}


def streetlight_message(ctx: Any) -> Any:
    return message(
        ctx,
        "The streetlight in front of 1200 N Lake Ave is out again",
        channel="web",
        name="Sam Sender",
        email="sam@example.com",
        subject="Streetlight out",
        address="1200 N Lake Ave",
        details={"service_code": "street-lights-signals", "attributes": dict(STREETLIGHT)},
    )


def counts(ctx: Any) -> tuple[int, int]:
    with ctx.db.session() as s:
        requests = s.scalar(select(func.count()).select_from(ServiceRequest))
        orders = s.scalar(select(func.count()).select_from(WorkOrder))
        return int(requests or 0), int(orders or 0)


def callers_of(ctx: Any, number: str) -> list[str | None]:
    with ctx.db.session() as s:
        q = (
            select(Caller.email)
            .join(RequestCaller, RequestCaller.caller_id == Caller.id)  # type: ignore[arg-type]
            .join(ServiceRequest, ServiceRequest.id == RequestCaller.request_id)  # type: ignore[arg-type]
            .where(ServiceRequest.number == number)  # type: ignore[arg-type]
        )
        return list(s.scalars(q))


def test_a_message_about_an_open_streetlight_is_linked_not_made_twice(csr_ctx: Any) -> None:
    existing = open_request(
        csr_ctx,
        category="street-lights-signals",
        answers=STREETLIGHT,
        description="The light outside is out",
        days_ago=2,
    )
    assert existing.work_orders, "the streetlight request went to a crew"
    before = counts(csr_ctx)
    m = streetlight_message(csr_ctx)

    draft = prefilled_request(csr_ctx, m)
    assert (draft.category, draft.address) == ("street-lights-signals", "1200 N Lake Ave")
    found = possible_duplicates(csr_ctx, draft, now=NOW)
    assert [d.number for d in found] == [existing.number]

    question = desk.duplicate_question(
        csr_ctx.catalog, category=draft.category, found=found, now=NOW
    )
    assert question is not None
    assert question.heading == (
        "Possible duplicates: 1 open request for Street Lights/Traffic Signals nearby "
        "in the last 30 days."
    )
    # the phone intake's wording, word for word, then the way out
    assert question.options[0] == duplicate_option(found[0], now=NOW)
    assert question.options[0].title == f"Link to {existing.number}"
    assert question.options[-1].title == "Create a new request"
    assert question.default == existing.number  # same address: Enter links

    reply = desk.reply_to_send(desk.request_reply(m), m, linking=True)
    assert "already reported" in reply
    made = answer_with_link(
        csr_ctx, message_id=m.id, number=question.choice(0), reply=reply, now=NOW
    )

    assert made.linked and made.request.number == existing.number
    assert counts(csr_ctx) == before  # no second request, no second work order
    request = get_request(csr_ctx, number=existing.number)
    assert request.callers_count == 2
    assert "sam@example.com" in callers_of(csr_ctx, existing.number)
    done = get_message(csr_ctx, message_id=m.id)
    assert (done.status, done.outcome, done.outcome_ref) == (
        "answered",
        "request",
        existing.number,
    )
    assert done.request_number == existing.number
    assert existing.number in (done.reply or "") and "{number}" not in (done.reply or "")
    assert desk.outcome_line(made) == (
        f"Message {m.id} answered: the sender is linked to request {existing.number}, "
        "now 2 callers; no new request. The reply is recorded."
    )


def test_no_question_without_a_checked_address_or_an_open_request(csr_ctx: Any) -> None:
    m = streetlight_message(csr_ctx)
    draft = prefilled_request(csr_ctx, m)
    assert possible_duplicates(csr_ctx, draft, now=NOW) == []  # nothing open yet
    open_request(csr_ctx, category="street-lights-signals", answers=STREETLIGHT, days_ago=2)
    assert possible_duplicates(csr_ctx, draft, now=NOW)
    unverified = replace(draft, unverified_address=True)
    assert possible_duplicates(csr_ctx, unverified, now=NOW) == []
    assert (
        desk.duplicate_question(csr_ctx.catalog, category=draft.category, found=[], now=NOW) is None
    )


def test_create_anyway_makes_the_request_and_its_work_order(csr_ctx: Any) -> None:
    """The CSR decides the sender reports something else: a new request, as without the check."""
    open_request(
        csr_ctx,
        category="street-lights-signals",
        answers=STREETLIGHT,
        description="The light outside is out",
        days_ago=2,
    )
    requests, orders = counts(csr_ctx)
    m = streetlight_message(csr_ctx)
    draft = prefilled_request(csr_ctx, m)
    made = desk.make_or_link(
        csr_ctx, m, draft, reply=desk.request_reply(m), link_to=desk.NEW_REQUEST, now=NOW
    )
    assert not made.linked and made.request.number != "SR-2026-000001"
    assert counts(csr_ctx) == (requests + 1, orders + 1)
    assert desk.outcome_line(made).startswith(
        f"Message {m.id} answered: request {made.request.number} created, "
        "Street Lights/Traffic Signals, "
    )
