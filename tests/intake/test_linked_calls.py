"""Issue 14, defects 2 and 4 in the services, on both databases: a second caller linked to an
existing request keeps the request on their call, their details and the request in their
history; an information call keeps every topic asked, in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from csc_console.cli.main import main
from csc_console.services import calls
from csc_console.services.callers import CallerInput, lookup_by_phone
from csc_console.services.requests import NewRequest, create_request, link_caller

NOW = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
POTHOLE = {"location_in_street": "right-lane", "size": "medium", "hazard": "no"}
FIRST = CallerInput(phone="626-555-0177", name="Ray Neighbour")
SAM = CallerInput(
    phone="626-555-0199",
    name="Sam Second",
    email="sam@example.com",
    address="1300 N Lake Ave",
    preferred_callback="evenings",
    language="Spanish",
)
TOPICS = ["collection-day", "utility-billing", "library"]


def first_report(ctx: Any) -> Any:
    return create_request(
        ctx,
        NewRequest(
            category="potholes",
            description="Deep pothole by the bus stop",
            address="1200 N Lake Ave",
            answers=POTHOLE,
            caller=FIRST,
        ),
        now=NOW - timedelta(days=3),
    )


def test_a_linked_call_points_at_the_request_and_keeps_the_callers_details(csr_ctx: Any) -> None:
    existing = first_report(csr_ctx)
    call = calls.start_call(csr_ctx, now=NOW)
    r = link_caller(csr_ctx, number=existing.number, caller=SAM, call_id=call.id, now=NOW)
    assert r.callers_count == 2

    linked = calls.get_call(csr_ctx, call_id=call.id)
    assert linked.request_id == existing.id
    assert linked.disposition == "linked_to_existing"
    assert linked.caller_id is not None
    assert calls.show_call(csr_ctx, call_id=call.id).requests == [existing.number]

    known = lookup_by_phone(csr_ctx, phone=SAM.phone or "")
    assert known is not None
    c = known.caller
    assert (c.name, c.email, c.address, c.preferred_callback, c.language) == (
        "Sam Second",
        "sam@example.com",
        "1300 N Lake Ave",
        "evenings",
        "Spanish",
    )
    assert c.id == linked.caller_id
    assert [q.number for q in known.open_requests] == [existing.number]
    assert [(p.id, p.request) for p in known.calls] == [(call.id, existing.number)]

    # The wrap-up keeps what the CSR chose; the call still points at the request.
    calls.finish_call(csr_ctx, call_id=call.id, disposition="linked_to_existing", now=NOW)
    assert calls.get_call(csr_ctx, call_id=call.id).request_id == existing.id


def test_linked_before_the_details_were_typed_the_request_is_still_theirs(csr_ctx: Any) -> None:
    """The CSR linked the call first and typed who was calling at the wrap-up."""
    existing = first_report(csr_ctx)
    call = calls.start_call(csr_ctx, now=NOW)
    link_caller(csr_ctx, number=existing.number, caller=CallerInput(), call_id=call.id, now=NOW)
    calls.set_caller(csr_ctx, call_id=call.id, caller=SAM)
    known = lookup_by_phone(csr_ctx, phone=SAM.phone or "")
    assert known is not None
    assert [q.number for q in known.open_requests] == [existing.number]


def test_the_caller_already_on_the_call_is_the_one_linked(csr_ctx: Any) -> None:
    existing = first_report(csr_ctx)
    call = calls.start_call(csr_ctx, now=NOW)
    calls.set_caller(csr_ctx, call_id=call.id, caller=SAM)
    link_caller(csr_ctx, number=existing.number, caller=CallerInput(), call_id=call.id, now=NOW)
    known = lookup_by_phone(csr_ctx, phone=SAM.phone or "")
    assert known is not None
    assert [q.number for q in known.open_requests] == [existing.number]


def test_a_created_request_is_the_calls_too(csr_ctx: Any) -> None:
    call = calls.start_call(csr_ctx, now=NOW)
    made = create_request(
        csr_ctx,
        NewRequest(
            category="potholes",
            address="1200 N Lake Ave",
            answers=POTHOLE,
            caller=SAM,
            call_id=call.id,
        ),
        now=NOW,
    )
    row = calls.get_call(csr_ctx, call_id=call.id)
    assert (row.request_id, row.disposition) == (made.id, "request_created")
    assert calls.show_call(csr_ctx, call_id=call.id).requests == [made.number]


def test_every_information_topic_is_kept_in_order(csr_ctx: Any, settings: Any, capsys: Any) -> None:
    call = calls.start_call(csr_ctx, now=NOW)
    calls.set_caller(csr_ctx, call_id=call.id, caller=SAM)
    done = calls.finish_call(
        csr_ctx,
        call_id=call.id,
        disposition="information_provided",
        purpose="information",
        topic_code=TOPICS[-1],
        topics=[*TOPICS, TOPICS[0]],  # asked about the first again: once is enough
        now=NOW + timedelta(minutes=3),
    )
    assert done.topics == tuple(TOPICS)
    assert done.topic_code == TOPICS[0]
    assert calls.show_call(csr_ctx, call_id=call.id).to_json()["topics"] == TOPICS
    known = lookup_by_phone(csr_ctx, phone=SAM.phone or "")
    assert known is not None and known.calls[0].topics == tuple(TOPICS)

    assert main(["--db", settings.database_url, "calls", "show", str(call.id)]) == 0
    out = capsys.readouterr().out
    assert (
        "Topics: Trash Collection Day and Holiday Schedule, Utility Bills and Payments, "
        "Library Hours and Services" in out
    )
