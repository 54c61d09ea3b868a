"""The Inbox in screen-reader mode, on SQLite and PostgreSQL, against golden transcripts
(tests/linear/transcripts/inbox_*.txt): a web report made into a request, a message a colleague
claimed first, an information answer and a referral. Each test also checks what was stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from csc_console.config import Settings, load_settings
from csc_console.services.inbox import NewMessage, add_message, get_message
from csc_console.services.inbox_claims import claim_message
from csc_console.services.requests import get_request
from tests.linear.conftest import check_golden, run_console


def _at(month: int, day: int, hour: int) -> datetime:
    """A Pasadena local time in 2026 (PST, UTC-8)."""
    return datetime(2026, month, day, hour, 0, tzinfo=UTC) + timedelta(hours=8)


@pytest.fixture
def seeded(csr_ctx: Any, admin_ctx: Any) -> Any:
    """Three messages: an overdue web report (unknown street), a LiveChat question and an
    email about a dog; Lee Chan, a second CSR, is there to claim things."""
    from csc_console.services.operators import create_operator

    add_message(
        csr_ctx,
        NewMessage(
            channel="web",
            body="[bold]Deep[/bold] pothole in the right lane \x1b[31m",
            name="Jo Resident",
            email="jo@example.com",
            subject="Potholes",
            address="12 Nowhere Rd",
            received_at=_at(2, 26, 10),
            token="tok-1",
            source="Open311: City web portal",
            details={
                "service_code": "potholes",
                "attributes": {
                    "location_in_street": "right-lane",
                    "size": "medium",
                    "hazard": "no",
                },
                "reason": "Address not found in the city's street file.",
            },
        ),
    )
    add_message(
        csr_ctx,
        NewMessage(
            channel="live_chat",
            body="Hi, when is my trash day?",
            name="Ana Ruiz",
            email="ana@example.com",
            received_at=_at(3, 2, 18),
            external_id="lc-1",
            source="LiveChat",
        ),
    )
    add_message(
        csr_ctx,
        NewMessage(
            channel="email",
            body="A stray dog has been in our yard since this morning.",
            name="Carl Diaz",
            phone="626-555-0199",
            subject="Stray dog",
            received_at=_at(3, 3, 8),
        ),
    )
    lee = create_operator(admin_ctx, username="lee", display_name="Lee Chan", role="csr")
    return admin_ctx.as_operator(lee)


def as_maria(settings: Settings) -> Settings:
    return load_settings(database_url=settings.database_url, operator="maria")


def test_a_web_report_becomes_a_request(settings: Settings, seeded: Any) -> None:
    t = run_console(
        as_maria(settings),
        [
            "inbox",
            "",  # message 1, the overdue one
            "",  # Action: Claim it
            "",  # Action: Make a request
            "",  # Category: Potholes, from the report's service code
            "",
            "",
            "",  # the required questions: the sender's answers
            "",  # Address: 12 Nowhere Rd, as sent
            "",  # Save this address even so: no
            "1200 N Lake Ave",
            "",  # Reply sent: the suggested reply
            "",  # Create the request: yes
            "back",
            "quit",
        ],
    )
    check_golden("inbox_request", t)
    assert t.code == 0
    message = get_message(seeded, message_id=1)
    assert message.status == "answered" and message.answered_by_name == "Maria Lopez"
    request = get_request(seeded, number=message.request_number or "")
    assert request.channel == "web" and request.address == "1200 N Lake Ave"
    assert request.description == "[bold]Deep[/bold] pothole in the right lane \x1b[31m"
    assert request.answers == {"location_in_street": "right-lane", "size": "medium", "hazard": "no"}
    assert request.number in (message.reply or "")


def test_information_a_lost_claim_and_a_referral(settings: Settings, seeded: Any) -> None:
    claim_message(seeded, message_id=1)  # Lee has the web report
    t = run_console(
        as_maria(settings),
        [
            "inbox",
            "1",  # Lee's: read only
            "2",  # Ana's LiveChat question
            "3",  # Answer with information (without claiming first)
            "",  # Topic: the first suggestion
            "",  # Reply: the topic's script
            "",  # Record: yes
            "",  # the email about the dog
            "4",  # Refer elsewhere
            "pasadena humane",
            "Please call Pasadena Humane at (626) 792-7151; they pick up stray dogs.",
            "y",
            "back",
            "quit",
        ],
    )
    check_golden("inbox_information_referral", t)
    assert t.code == 0
    ana = get_message(seeded, message_id=2)
    assert (ana.outcome, ana.outcome_ref) == ("information", "collection-day")
    assert (ana.reply or "").startswith("Hello Ana Ruiz,")
    carl = get_message(seeded, message_id=3)
    assert (carl.outcome, carl.outcome_ref) == ("referral", "Pasadena Humane")
    assert carl.reply == "Please call Pasadena Humane at (626) 792-7151; they pick up stray dogs."
    assert get_message(seeded, message_id=1).claimed_by_name == "Lee Chan"


def test_a_message_about_an_open_streetlight_links_the_sender(
    settings: Settings, csr_ctx: Any
) -> None:
    """Issue 14, defect 3: the phone intake's duplicate question, asked before the request is
    made; Enter links the sender (same address), so no second request and no second crew
    work order are made."""
    from tests.inbox.test_inbox_duplicates import counts, streetlight_message
    from tests.linear.intake_support import open_request

    existing = open_request(
        csr_ctx,
        category="street-lights-signals",
        answers={"light_or_signal": "street-light", "problem": "out"},
        description="The light outside is out",
        days_ago=2,
    )
    before = counts(csr_ctx)
    streetlight_message(csr_ctx)
    t = run_console(
        as_maria(settings),
        [
            "inbox",
            "",  # message 1
            "",  # Action: Claim it
            "",  # Action: Make a request
            "",  # Category: from the service code
            "",
            "",  # the required questions: the sender's answers
            "",  # Address: as sent
            "",  # Link or create: the open request at the same address
            "",  # Reply sent: the suggested link reply
            "",  # Link the sender: yes
            "quit",
        ],
    )
    check_golden("inbox_duplicate_linked", t)
    assert t.code == 0
    assert "Possible duplicates: 1 open request for Street Lights/Traffic Signals" in t.output
    assert f"1. Link to {existing.number}: 1200 N Lake Ave, same address" in t.output
    assert counts(csr_ctx) == before
    request = get_request(csr_ctx, number=existing.number)
    assert request.callers_count == 2
    message = get_message(csr_ctx, message_id=1)
    assert message.status == "answered" and message.request_number == existing.number
    assert "already reported" in (message.reply or "")
