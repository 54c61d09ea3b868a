"""Request intake services on both databases: create, route, number, due date, duplicates,
linking callers, bad input, idempotent saves, caller history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from csc_console.errors import NotFound, ValidationError
from csc_console.services import calls, requests
from csc_console.services.callers import CallerInput, lookup_by_phone
from csc_console.services.duplicates import find_duplicates
from csc_console.services.requests import NewRequest, create_request, link_caller

LA = ZoneInfo("America/Los_Angeles")
# Tuesday 24 November 2026, 10:00 in Pasadena: Thanksgiving (Thu) and the day after are holidays.
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=LA).astimezone(UTC)
POTHOLE = {"location_in_street": "2", "size": "medium", "hazard": "No"}


def pothole(address: str = "1200 N Lake Ave", **kw: object) -> NewRequest:
    fields: dict[str, object] = {
        "category": "Potholes",
        "description": "Deep pothole by the bus stop",
        "address": address,
        "answers": POTHOLE,
        "caller": CallerInput(phone="626-555-0101", name="Jane Caller"),
    }
    fields.update(kw)
    return NewRequest(**fields)  # type: ignore[arg-type]


def test_create_routes_numbers_and_sets_due_date(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    r = create_request(csr_ctx, pothole(), now=NOW)
    assert r.number == "SR-2026-000001"
    assert r.category_name == "Potholes"
    assert r.department_code == csr_ctx.catalog.category("potholes").department
    assert r.status == "open"
    assert r.address == "1200 N Lake Ave" and r.address_verified
    assert r.answers == {"location_in_street": "right-lane", "size": "medium", "hazard": "no"}
    # 3 business days from Tue 24 Nov: Wed 25, (Thu 26 and Fri 27 holidays), Mon 30, Tue 1 Dec
    due = r.due_at.astimezone(LA)
    assert (due.month, due.day) == (12, 1)
    assert r.work_orders == ["WO-2026-000001"]
    assert r.caller is not None and r.caller.phone == "(626) 555-0101"
    assert r.callers_count == 1
    data = r.to_json()
    for key in (
        "number", "category", "status", "address", "description", "department", "channel",
        "created_at", "due_at", "caller", "work_order", "duplicate_of", "possible_duplicates",
        "callers_count",
    ):
        assert key in data
    assert data["work_order"] == "WO-2026-000001"
    second = create_request(csr_ctx, pothole("300 N Lake Ave"), now=NOW)
    assert second.number == "SR-2026-000002"


def test_category_without_crew_has_no_work_order(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    r = create_request(
        csr_ctx,
        NewRequest(
            category="wasting-water",
            address="55 E Walnut St",
            answers={"waste_type": "1", "happening_now": "yes"},
        ),
        now=NOW,
    )
    assert r.work_orders == []
    assert r.caller is None


def test_duplicates_nearby_within_30_days_and_linking(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    first = create_request(csr_ctx, pothole("1200 N Lake Ave"), now=NOW - timedelta(days=3))
    old = create_request(csr_ctx, pothole("1210 N Lake Ave"), now=NOW - timedelta(days=40))
    far = create_request(csr_ctx, pothole("100 N Lake Ave"), now=NOW - timedelta(days=1))
    dupes = find_duplicates(csr_ctx, category="potholes", address="1220 north lake avenue", now=NOW)
    numbers = [d.number for d in dupes]
    assert first.number in numbers
    assert old.number not in numbers  # older than 30 days
    assert far.number not in numbers  # 11 blocks away
    assert dupes[0].distance == 20
    new = create_request(csr_ctx, pothole("1220 N Lake Ave"), now=NOW)
    assert first.number in new.possible_duplicates

    linked = link_caller(
        csr_ctx, number=first.number, caller=CallerInput(phone="626-555-0199", name="Second Caller")
    )
    assert linked.callers_count == 2
    again = link_caller(csr_ctx, number=first.number, caller=CallerInput(phone="(626) 555-0199"))
    assert again.callers_count == 2  # the same person calling twice is one caller
    shown = requests.get_request(csr_ctx, number=first.number.lower())
    assert shown.callers_count == 2


def test_other_categories_and_closed_requests_are_not_duplicates(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    create_request(csr_ctx, pothole("1200 N Lake Ave"), now=NOW)
    assert find_duplicates(csr_ctx, category="graffiti", address="1200 N Lake Ave", now=NOW) == []


def test_unknown_street_is_refused_with_suggestions_unless_unverified(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Did you mean .*Colorado Blvd") as info:
        create_request(csr_ctx, pothole("200 Colorodo Blvd"), now=NOW)
    assert info.value.field == "address"
    r = create_request(csr_ctx, pothole("200 Colorodo Blvd", unverified_address=True), now=NOW)
    assert not r.address_verified
    assert r.address == "200 Colorodo Blvd"
    assert any("not verified" in w for w in r.warnings)


def test_cross_street_or_landmark_instead_of_address(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    r = create_request(csr_ctx, pothole("lake and colorado"), now=NOW)
    assert r.address == "Lake Ave & Colorado Blvd"
    r2 = create_request(csr_ctx, pothole(None, cross_street="Near the Rose Bowl, lot K"), now=NOW)
    assert r2.cross_street == "Near the Rose Bowl, lot K"
    with pytest.raises(ValidationError, match="address, or a cross street"):
        create_request(csr_ctx, pothole(None), now=NOW)


def test_required_answers_and_choices(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="must be answered") as info:
        create_request(csr_ctx, pothole(answers={"size": "small", "hazard": "no"}), now=NOW)
    assert info.value.field == "location_in_street"
    with pytest.raises(ValidationError, match="not one of the choices"):
        create_request(csr_ctx, pothole(answers={**POTHOLE, "size": "enormous"}), now=NOW)
    with pytest.raises(ValidationError, match="has no question"):
        create_request(csr_ctx, pothole(answers={**POTHOLE, "colour": "red"}), now=NOW)


def test_description_limit_and_literal_text(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="4,001 characters long; the limit is 4,000"):
        create_request(csr_ctx, pothole(description="x" * 4001), now=NOW)
    nasty = "[bold red]HELP[/] \x1b[2J\x1b]0;owned\x07 <script>"
    r = create_request(csr_ctx, pothole(description=nasty), now=NOW)
    assert requests.get_request(csr_ctx, number=r.number).description == nasty  # stored as typed
    full = create_request(csr_ctx, pothole(description="y" * 4000), now=NOW)
    assert len(full.description) == 4000


def test_invalid_caller_details(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="missing the area code"):
        create_request(csr_ctx, pothole(caller=CallerInput(phone="744-7311")), now=NOW)
    with pytest.raises(ValidationError, match="not an email address"):
        create_request(csr_ctx, pothole(caller=CallerInput(email="jane-at-example")), now=NOW)


def test_idempotent_save_with_client_key(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    a = create_request(csr_ctx, pothole(client_key="draft-123"), now=NOW)
    b = create_request(csr_ctx, pothole(client_key="draft-123"), now=NOW)
    assert a.number == b.number
    assert len(requests.list_requests(csr_ctx)) == 1


def test_known_phone_shows_history(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    call = calls.start_call(csr_ctx)
    calls.set_caller(csr_ctx, call_id=call.id, caller=CallerInput(phone="626-555-0101", name="Jane Caller"))
    r = create_request(csr_ctx, pothole(call_id=call.id), now=NOW)
    calls.finish_call(csr_ctx, call_id=call.id, disposition="request_created", purpose="report")
    history = lookup_by_phone(csr_ctx, phone="(626) 555-0101")
    assert history is not None
    assert history.caller.name == "Jane Caller"
    assert [c.id for c in history.calls] == [call.id]
    assert [q.number for q in history.open_requests] == [r.number]
    assert lookup_by_phone(csr_ctx, phone="626-555-0177") is None


def test_list_filters(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    create_request(csr_ctx, pothole(), now=NOW - timedelta(days=10))
    create_request(
        csr_ctx,
        NewRequest(category="wasting-water", address="55 E Walnut St", answers={"waste_type": "1", "happening_now": "yes"}),
        now=NOW,
    )
    assert len(requests.list_requests(csr_ctx, category="Potholes")) == 1
    assert len(requests.list_requests(csr_ctx, status="open")) == 2
    recent = requests.list_requests(csr_ctx, since=(NOW - timedelta(days=2)).date())
    assert [r.category_code for r in recent] == ["wasting-water"]
    with pytest.raises(ValidationError, match="Unknown status"):
        requests.list_requests(csr_ctx, status="sleeping")
    with pytest.raises(NotFound):
        requests.get_request(csr_ctx, number="SR-2026-999999")


def test_call_handle_time_is_stored(csr_ctx) -> None:  # type: ignore[no-untyped-def]
    start = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    call = calls.start_call(csr_ctx, now=start)
    calls.end_conversation(csr_ctx, call_id=call.id, now=start + timedelta(seconds=130))
    done = calls.finish_call(
        csr_ctx, call_id=call.id, disposition="Information provided", purpose="information",
        topic_code="parking-permits" if _has_topic(csr_ctx, "parking-permits") else None,
        now=start + timedelta(seconds=160),
    )
    assert done.handle_seconds == 160
    assert done.status == "completed"
    assert calls.spoken_duration(160) == "2 minutes 40 seconds"
    with pytest.raises(ValidationError, match="Unknown disposition"):
        calls.finish_call(csr_ctx, call_id=call.id, disposition="vanished")


def _has_topic(ctx, code: str) -> bool:  # type: ignore[no-untyped-def]
    try:
        ctx.catalog.topic(code)
    except NotFound:
        return False
    return True
