"""Issue 14, defects 2 and 4 in screen-reader mode, on SQLite and PostgreSQL: a second caller
linked to a duplicate keeps the request (on their call and in their history) and their details;
an information call about three things records the three topics, in order."""

from __future__ import annotations

from typing import Any

from csc_console.config import Settings
from csc_console.services.callers import lookup_by_phone
from csc_console.services.calls import show_call
from csc_console.services.requests import get_request
from tests.linear.intake_support import JANE, all_calls, earlier_call, open_request, take_calls

SAM_PHONE = "626-555-0199"
# A new caller: phone, name, email, address, call-back, language; then a pothole at
# 1200 N Lake Ave, where a neighbour reported one three days ago.
SECOND_CALLER_LINKED = [
    "1",  # Intake
    "",  # Answer: phone
    SAM_PHONE,
    "Sam Second",
    "sam@example.com",
    "1300 N Lake Ave",
    "evenings",
    "",  # language
    "",  # Report an issue
    "the pothole is getting bigger",
    "",  # Potholes
    "2",
    "2",
    "",
    "n",
    "",
    "",
    "1200 N Lake Ave",
    "",  # Link or create: the duplicate
    "",  # Disposition: linked
    "",  # notes
]
# What both front ends say after the link (the line mode: the first as the status line; the
# full screen: the wrap-up's result lines, the first also in the message bar).
LINKED_LINES = [
    "Caller linked to request SR-2026-000001, now 2 callers. Your number is "
    "S R 2 0 2 6 0 0 0 0 0 1; expected by Wednesday, March 4.",
    "Work order: WO-2026-000001.",
    "Say: Thank you. A street crew will patch it. If a pothole damaged your vehicle, you can "
    "file a damage claim with the City; the City Clerk's office at 626-744-4124 can tell you how.",
]


def test_a_second_caller_linked_to_a_duplicate_keeps_the_request(
    settings: Settings, csr_ctx: Any
) -> None:
    existing = open_request(csr_ctx)
    t = take_calls(
        settings,
        [
            *SECOND_CALLER_LINKED,
            # Sam calls again: the request is theirs.
            "",
            SAM_PHONE,
            "",  # continue with Sam Second
            "5",  # nothing more
            "",
            "",
            "quit",
        ],
    )
    said = "\n".join(t.lines)
    first, *rest = LINKED_LINES
    assert "\n".join([f"Status: {first}", *rest]) in said
    assert "Wrap-up: the call ends as Linked to an existing request;" in said
    assert "Known caller: Sam Second, (626) 555-0199, sam@example.com, 1300 N Lake Ave." in said
    assert "Open requests: 1." in said.split("Known caller: Sam Second")[1]

    first_call = all_calls(csr_ctx)[0]
    assert first_call.disposition == "linked_to_existing"
    assert first_call.request_id == existing.id
    assert show_call(csr_ctx, call_id=first_call.id or 0).requests == [existing.number]
    known = lookup_by_phone(csr_ctx, phone=SAM_PHONE)
    assert known is not None
    assert (known.caller.name, known.caller.preferred_callback) == ("Sam Second", "evenings")
    assert [r.number for r in known.open_requests] == [existing.number]
    assert get_request(csr_ctx, number=existing.number).callers_count == 2


def test_an_information_call_about_three_things_keeps_three_topics(
    settings: Settings, csr_ctx: Any
) -> None:
    earlier_call(csr_ctx, JANE, days_ago=2)
    t = take_calls(
        settings,
        [
            "1",
            "",
            "626-555-0101",
            "",  # continue with Jane
            "2",  # information
            "when is my trash day",
            "",  # Trash Collection Day
            "2",  # another topic
            "where do I pay my water bill",
            "",  # Utility Bills and Payments
            "2",  # another topic
            "library hours",
            "",  # Library Hours and Services
            "",  # wrap up
            "",  # Information provided
            "",  # notes
            "quit",
        ],
    )
    said = "\n".join(t.lines)
    both = "2 topics on this call: Trash Collection Day and Holiday Schedule; Utility Bills and Payments."
    read = "Status: Topic: Utility Bills and Payments. Read the script to the caller."
    assert f"{read} {both}" in said
    three = (
        "3 topics on this call: Trash Collection Day and Holiday Schedule; Utility Bills and "
        "Payments; Library Hours and Services."
    )
    assert f"Status: Topic: Library Hours and Services. Read the script to the caller. {three}" in said
    assert f"{three}\nWrap-up: the call ends as Information provided;" in said
    call = all_calls(csr_ctx)[-1]
    assert call.topic_codes == ["collection-day", "utility-billing", "library"]
    assert call.topic_code == "collection-day"
    assert call.disposition == "information_provided"
