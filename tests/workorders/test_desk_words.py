"""The work-order desk's words on their own (no database, no front end): labels that never raise,
one sort list, the filter, the count and the page, a work order's lines, call-backs, history,
stale changes and refusals. Both front ends say these sentences, so a change here shows in both."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from csc_console.catalog import Catalog
from csc_console.catalog.loader import load_catalog
from csc_console.desks.workorders import detail as d
from csc_console.desks.workorders import results as r
from csc_console.desks.workorders import words as w
from csc_console.errors import ValidationError
from csc_console.services.queues import QueueFilter, QueuePage, QueueRow
from csc_console.services.workorder_views import CallBack
from csc_console.services.workorders import BulkResult, Change, HistoryEntry, WorkOrderPublic

LA = ZoneInfo("America/Los_Angeles")
AT = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _row(number: str = "WO-2026-000001", **changes: object) -> QueueRow:
    row = QueueRow(
        number=number, request="SR-2026-000001", category_code="potholes", category_name="Potholes",
        department_code="public-works", division="streets-sidewalks", crew="PW2", status="assigned",
        priority="normal", address="100 N Lake Ave", description="Pothole", created_at=AT,
        due_at=AT, updated_at=AT, version=1, overdue_days=None,
    )  # fmt: skip
    return replace(row, **changes)  # type: ignore[arg-type]


def _wo(**changes: object) -> WorkOrderPublic:
    wo = WorkOrderPublic(
        id=1, number="WO-2026-000001", request="SR-2026-000001", category_code="potholes",
        category_name="Potholes", department_code="public-works",
        department_name="Department of Public Works", division="streets-sidewalks",
        division_name="Streets & Sidewalks", crew="PW2", status="assigned", priority="normal",
        address="100 N Lake Ave", description="Pothole", status_reason=None, resolution=None,
        created_at=AT, due_at=AT, assigned_at=AT, dispatched_at=None, started_at=None,
        completed_at=None, updated_at=AT, version=1,
    )  # fmt: skip
    return replace(wo, **changes)  # type: ignore[arg-type]


def _page(total: int, rows: int, offset: int = 0, limit: int = 10, capped: bool = False) -> QueuePage:
    return QueuePage(
        rows=[_row(f"WO-2026-{i:06d}") for i in range(rows)],
        offset=offset, limit=limit, total=total, total_capped=capped, sort="due",
    )  # fmt: skip


# --------------------------------------------------------------------------- labels
def test_labels_fall_back_to_a_readable_word_and_never_raise() -> None:
    assert w.status_label("in_progress") == "In progress"
    assert w.status_label("awaiting_parts") == "Awaiting parts"
    assert w.status_label(None) == ""
    assert w.priority_label("urgent") == "Urgent"
    assert w.priority_label("very-low") == "Very low"
    # a queue row with a status the vocabulary does not know is still said
    assert w.row_words(_row(status="awaiting_parts"), LA).startswith("WO-2026-000001: Awaiting parts, ")


def test_one_sort_list_and_its_words() -> None:
    assert [o.value for o in w.SORTS] == ["due", "created", "priority", "number"]
    assert [w.sort_words(o.value) for o in w.SORTS] == [
        "due first", "newest first", "highest priority first", "by number",
    ]  # fmt: skip
    assert w.next_sort("due") == "created"
    assert w.next_sort("number") == "due"
    assert w.next_sort("nonsense") == "due"
    assert w.sorted_notice("created") == "Sort: newest first."


def test_statuses_choices_and_phrases() -> None:
    assert w.statuses_for("open") == w.OPEN
    assert w.statuses_for("closed") == ("completed", "cancelled")
    assert w.statuses_for("any") == ()
    assert w.statuses_for("dispatched") == ("dispatched",)
    for choice in ("open", "closed", "any", "dispatched"):
        assert w.status_choice(w.statuses_for(choice)) == choice
    assert w.statuses_phrase(w.OPEN) == "open work orders"
    assert w.statuses_phrase(("cancelled", "completed")) == "closed work orders"
    assert w.statuses_phrase(()) == "work orders of any status"
    assert w.statuses_phrase(("dispatched", "on_hold", "new")) == "dispatched, on hold or new work orders"


# --------------------------------------------------------------------------- the filter, count, page
def test_filter_words(catalog: Catalog) -> None:
    assert w.filter_line(catalog, QueueFilter(statuses=w.OPEN), "due") == (
        "Queue: open work orders, all departments, due first."
    )
    filt = QueueFilter(
        department="public-works", division="streets-sidewalks", crew="PW2", category="potholes",
        priority="urgent", overdue=True, text="lake\x1b", address="Lake", statuses=("dispatched",),
    )  # fmt: skip
    assert w.filter_words(catalog, filt, "priority") == (
        "dispatched work orders, Streets & Sidewalks, crew PW2, Potholes, Urgent priority, "
        "overdue only, matching lake<ESC>, address containing Lake, highest priority first"
    )
    assert w.where_name(catalog, "public-works", None) == "Department of Public Works"
    assert w.where_name(catalog, "public-works", "nowhere") == "Department of Public Works, nowhere"
    assert w.where_name(catalog, "no-such", None) == "no-such"


def test_count_and_page_words_use_one_plural() -> None:
    assert w.page_status(_page(1, 1)) == "1 work order, page 1 of 1."
    assert w.page_status(_page(23, 10, offset=10)) == "23 work orders, page 2 of 3."
    assert w.page_status(_page(1000, 10, capped=True)) == (
        "more than 1,000 work orders, page 1 of more than 100."
    )
    assert w.page_status(_page(0, 0)) == "0 work orders."
    assert w.page_words(_page(0, 0)) == ""


def test_queue_summary_and_numbered_lines(catalog: Catalog) -> None:
    page = replace(_page(5, 2, offset=2, limit=2), filter=QueueFilter(statuses=w.OPEN))
    assert w.queue_summary(catalog, page, "due", selected=2) == (
        "Open work orders, all departments, due first: 5 work orders, page 2 of 3. "
        "Showing 3 to 4. 2 selected."
    )
    lines = w.numbered_lines(page, LA)
    assert lines[0].startswith("3. WO-2026-000000: Assigned, Normal priority, Potholes, ")
    assert lines[1].startswith("4. WO-2026-000001: ")
    assert w.row_words(_row(), LA, selected=True).startswith("selected, WO-2026-000001: Assigned")


# --------------------------------------------------------------------------- one work order
def test_callbacks_history_and_changes() -> None:
    callers = [
        CallBack("Jane\x1b", "(626) 555-0101", None, "mornings", False),
        CallBack(None, "(626) 555-0102", "a@b.example", None, True),
    ]
    wo = _wo(callers=callers)
    assert d.callback_lines(wo) == [
        "Jane<ESC>, (626) 555-0101, call-back mornings, not told yet",
        "Caller, no name, (626) 555-0102, a@b.example, told",
    ]
    assert d.callback_lines(wo, numbered=True)[1].startswith("2. Caller, no name")
    assert d.untold(wo) == 1
    assert d.callers_heading(wo) == "Call-back list for SR-2026-000001: 2 callers."
    assert d.callers_marked(1, "SR-2026-000001") == "1 caller of SR-2026-000001 marked as told."
    moved = HistoryEntry(AT, "Maria Lopez", "status", "assigned", "dispatched", None)
    note = HistoryEntry(AT, None, "note", None, None, "[b]gravel[/b]")
    assert d.history_line(moved, LA).endswith(", status, Assigned to Dispatched by Maria Lopez")
    after = _wo(status="dispatched", crew="PW3", history=[moved, note])
    theirs = d.their_change_lines(_wo(), after, zone=LA, now=AT)
    assert theirs[0] == "Changed by Maria Lopez, 10:00 AM: status assigned to dispatched."
    assert theirs[1] == "Changed by someone, 10:00 AM: [b]gravel[/b]."
    assert theirs[-1] == "Now: WO-2026-000001: Dispatched, Normal priority, crew PW3."
    change = Change(status="on_hold", crew="", reason="rain")
    assert d.change_words(change) == "status On hold, crew none, reason rain"
    assert d.change_lines(change) == ["Status: On hold", "Crew: none", "Reason: rain"]
    assert d.change_lines(Change()) == ["No change."]


def test_refusals_name_what_is_allowed() -> None:
    assert d.status_locked(_wo(status="completed")) == (
        "WO-2026-000001 is completed; its status cannot change; a supervisor can reopen it."
    )
    refused = d.refusal("completed", "dispatched")
    assert refused.startswith("A work order that is completed cannot change status")
    assert "it can become" in d.refusal("new", "completed")
    assert d.already("on_hold") == "It is already on hold; choose another status."
    assert [o.value for o in d.next_statuses("completed")] == []


def test_crews_in_call_sign_order(catalog: Catalog) -> None:
    signs = [u.call_sign for u in w.crews_of(catalog, "public-works", "streets-sidewalks")]
    assert signs.index("PW7") < signs.index("PW12")
    options = w.crew_options(catalog, "street-maintenance-waste", "public-works")
    assert options[0].value == "PW8"
    assert options[0].title.startswith("PW8, ")
    assert w.joined([f"WO-{i}" for i in range(10)], limit=2) == "WO-0, WO-1 and 8 more"
    assert r.saved_at(r.csv_saved(1), "/tmp/x.csv") == "1 work order exported as CSV: /tmp/x.csv"
    assert r.sheet_saved("WO-2026-000001", "pdf") == "Sheet for WO-2026-000001 saved as PDF"
    assert r.day_sheet_saved("Streets & Sidewalks", date(2026, 3, 3), date(2026, 3, 4), 2, "text") == (
        "Daily sheet for Streets & Sidewalks, Tuesday, March 3, 2 open work orders, saved as plain text"
    )


def test_after_an_edit_and_bulk_results() -> None:
    wo = _wo(status="dispatched")
    assert d.saved_line(wo) == "Saved: WO-2026-000001: Dispatched, Normal priority, crew PW2."
    assert d.reopened(_wo()) == "Reopened: WO-2026-000001: Assigned, Normal priority, crew PW2."
    assert d.added_lines(wo) == [
        "Work order WO-2026-000001 added to SR-2026-000001.",
        "WO-2026-000001: Dispatched, Normal priority, crew PW2.",
    ]
    assert d.summary(wo) == "WO-2026-000001: Dispatched, Normal priority, Potholes, 100 N Lake Ave, crew PW2"
    result = BulkResult(changed=["WO-1"], failed=[("WO-2", "It is closed.")])
    outcome = r.bulk_outcome(result, Change(crew="PW3"))
    assert r.outcome_lines(outcome) == ["WO-2: not changed. It is closed.", "WO-1: crew PW3."]
    assert r.outcome_summary(outcome) == "1 work order changed, 1 not changed."
    escalated = r.escalation_outcome(BulkResult(changed=["WO-1", "WO-3"], failed=[]))
    assert r.outcome_summary(escalated) == "2 work orders escalated."
    assert r.escalated_line("WO-1", _row(priority="normal", overdue_days=2)) == (
        "WO-1: Normal to High, OVERDUE 2 business days."
    )


def test_a_status_change_puts_the_text_where_it_belongs() -> None:
    assert d.status_text("completed") is d.StatusText.RESOLUTION
    assert d.STATUS_TEXT_LABELS[d.status_text("on_hold")] == "Reason"
    assert d.STATUS_TEXT_LABELS[d.status_text(None)] == "Note (optional)"
    assert d.needs_crew("dispatched", None)
    assert not d.needs_crew("dispatched", "PW2")
    assert d.status_change("completed", text="patched", crew="PW3", current_crew="PW2") == Change(
        status="completed", resolution="patched"
    )
    assert d.status_change("on_hold", text="rain", crew=None, current_crew="PW2") == Change(
        status="on_hold", reason="rain"
    )
    assert d.status_change("dispatched", text="", crew="PW3", current_crew=None) == Change(
        status="dispatched", crew="PW3"
    )
    # back to new: nobody is on it, in both front ends
    assert d.status_change("new", text="wrong crew", crew=None, current_crew="PW2") == Change(
        status="new", crew="", note="wrong crew"
    )


def test_the_day_of_a_daily_sheet() -> None:
    today = date(2026, 3, 4)
    assert r.parse_day("", today) == today
    assert r.parse_day("Yesterday", today) == date(2026, 3, 3)
    assert r.parse_day("3/2", today) == date(2026, 3, 2)
    assert r.parse_day("3/2/25", today) == date(2025, 3, 2)
    assert r.parse_day("2026-02-28", today) == date(2026, 2, 28)
    with pytest.raises(ValidationError, match="is not a day; type today, yesterday, 3/2 or 2026-03-02"):
        r.parse_day("soon\x1b", today)
