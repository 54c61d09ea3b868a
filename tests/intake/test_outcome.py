"""The save outcome and the redirect rule, as the desk layer says them for both front ends."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from csc_console.desks.intake.outcome import (
    AfterRedirect,
    Saved,
    SaveOutcome,
    after_redirect,
    headline,
    result_lines,
)

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
DUE = datetime(2026, 3, 5, 1, 0, tzinfo=UTC)


def test_a_created_request_says_the_number_work_order_warnings_and_script() -> None:
    made = SaveOutcome(
        Saved.CREATED, "SR-2026-000002", DUE, 1, ("WO-2026-000002",), ("Address not verified.",),
        ("SR-2026-000001",),
    )  # fmt: skip
    assert made.disposition.value == "request_created"
    assert result_lines(made, "Thank you.", zone=LA, now=NOW) == [
        "Request SR-2026-000002 saved. Your number is S R 2 0 2 6 0 0 0 0 0 2; expected by "
        "Wednesday, March 4.",
        "Work order: WO-2026-000002.",
        "Warning: Address not verified.",
        "Possible duplicates: SR-2026-000001.",
        "Say: Thank you.",
    ]


def test_a_linked_caller_says_the_count_and_the_queued_save_says_it_waits() -> None:
    linked = SaveOutcome(Saved.LINKED, "SR-2026-000001", DUE, 2)
    assert linked.disposition.value == "linked_to_existing"
    assert headline(linked, zone=LA, now=NOW).startswith(
        "Caller linked to request SR-2026-000001, now 2 callers. Your number is"
    )
    queued = SaveOutcome.queued()
    assert result_lines(queued, "Thank you.", zone=LA, now=NOW) == [
        "The request is queued on this workstation and saved when the database returns."
    ]


def test_a_redirect_choice_gives_the_disposition() -> None:
    assert after_redirect("transfer", "") == AfterRedirect("transferred_911", True)
    assert after_redirect("refer", "request_created") == AfterRedirect("referred", True)
    assert after_redirect("continue", "referred") == AfterRedirect("", False)
    assert after_redirect(None, "information_provided") == AfterRedirect("information_provided", False)


def test_an_earlier_call_is_about_its_topics_and_request() -> None:
    from csc_console.catalog import load_catalog
    from csc_console.desks.intake.say import past_call_about
    from csc_console.services.callers import PastCall

    catalog = load_catalog()
    info = PastCall(1, NOW, "phone", "information", "information_provided", "library",
                    ("library", "collection-day"))  # fmt: skip
    assert past_call_about(catalog, info) == (
        "Information, Library Hours and Services, Trash Collection Day and Holiday Schedule"
    )
    linked = PastCall(2, NOW, "phone", "report", "linked_to_existing", "potholes", (), "SR-2026-000001")
    assert past_call_about(catalog, linked) == "Report, SR-2026-000001"
