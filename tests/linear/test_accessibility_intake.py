"""The accessibility requests in screen-reader mode, on SQLite and PostgreSQL, compared with
golden transcripts (tests/linear/transcripts/intake_access_*.txt): an accommodation for a
council meeting too soon for the City Clerk's notice (the warning is said at the question and
again with the read-back), enrolment in the refuse disability rollout service (routed to the
collection crew, on their route list), and the ADA seating information for the Rose Parade."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from csc_console.config import Settings
from csc_console.services.requests import list_requests
from csc_console.services.rollout import route_list
from tests.linear.conftest import check_golden
from tests.linear.intake_support import JANE, all_calls, earlier_call, take_calls

TOO_SOON = (
    "Warning: What is the date and start time?: Tuesday March 3 is less than 1 business day "
    "away; the city may not be able to arrange it in time. Tell the caller."
)


@pytest.fixture
def jane(csr_ctx: Any) -> Any:
    earlier_call(csr_ctx, JANE, days_ago=2)
    return csr_ctx


def known_caller_reports(words: str) -> list[str]:
    """Answer, Jane's number, continue with her, report, her words, the first category."""
    return ["1", "", "626-555-0101", "", "", words, ""]


def test_an_accommodation_for_a_meeting_too_soon(settings: Settings, jane: Any) -> None:
    t = take_calls(
        settings,
        [
            *known_caller_reports("I need a sign language interpreter for the city council meeting"),
            "City Council",
            "1",  # City Council meeting
            "3/3/2026 6 pm",  # tonight: less than the one business day the Clerk asks for
            "",
            "1, 2",  # ASL interpreter, CART captioning
            "",
            "2",  # confirm through 711 relay
            "",
            "",
            "",
            "",
            "quit",
        ],
    )
    check_golden("intake_access_accommodation", t)
    assert t.lines.count(TOO_SOON) == 2  # at the question, and with the read-back
    [r] = list_requests(jane, category="accessibility-request")
    assert r.answers["accommodations"] == ["asl-interpreter", "cart-captioning"]
    assert r.answers["meeting_type"] == "city-council" and r.answers["confirm_by"] == "relay"
    assert r.department_code == "city-clerk"


def test_enrolment_in_the_rollout_service(settings: Settings, jane: Any) -> None:
    t = take_calls(
        settings,
        [
            *known_caller_reports("sign me up for the disability rollout service"),
            "1",  # City refuse service
            "1",  # no one in the household can
            "1",  # a permanent disability
            "1",  # permanent
            "3/9/2026",
            "",
            "2",  # Tuesday
            "left side yard behind the gate",
            "",
            "",
            "",
            "",
            "",
            "quit",
        ],
    )
    check_golden("intake_access_rollout", t)
    [r] = list_requests(jane, category="refuse-rollout")
    assert r.work_orders  # the collection crew's work
    [stop] = route_list(jane, day="Tuesday", on=date(2026, 3, 10))
    assert (stop.address, stop.container_location, stop.request) == (
        "1200 N Lake Ave",
        "left side yard behind the gate",
        r.number,
    )
    assert route_list(jane, day="Tuesday", on=date(2026, 3, 3)) == []  # not started yet


def test_ada_seating_information(settings: Settings, jane: Any) -> None:
    t = take_calls(
        settings,
        ["1", "", "626-555-0101", "", "2", "is there wheelchair seating for the Rose Parade",
         "", "", "", "", "quit"],  # fmt: skip
    )
    check_golden("intake_access_ada_seating", t)
    assert any(line.startswith("Say: For the Rose Parade, there are three free") for line in t.lines)
    call = all_calls(jane)[-1]
    assert (call.disposition, call.topic_code) == ("information_provided", "ada-seating")
