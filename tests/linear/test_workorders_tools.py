"""Work-order tools in screen-reader mode, on SQLite and PostgreSQL, against golden transcripts
(tests/linear/transcripts/workorders_*.txt): the supervisor tools (and their absence for a CSR),
crew-found work, the filter kept per operator, the CSV export and the daily sheet."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from csc_console.config import Settings
from csc_console.services.queues import QueueFilter, list_queue
from csc_console.services.requests import get_request
from csc_console.services.workorders import get_work_order
from tests.linear.conftest import FIXED_NOW, check_golden
from tests.linear.workorders_support import MARKUP, Console, People, change, people, pothole


@pytest.fixture
def team(ctx: Any) -> People:
    return people(ctx)


@pytest.fixture
def wo_console(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Console:
    folder = tmp_path / "files"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return Console(settings, folder)


@pytest.fixture
def five(team: People) -> list[str]:
    """Five pothole work orders made 8 to 4 days ago (the three oldest overdue)."""
    return [
        pothole(team.csr, f"{100 * (i + 1)} N Lake Ave", days_ago=8 - i, caller=None)[1]
        for i in range(5)
    ]


# --------------------------------------------------------------------------- supervisors
def test_supervisor_tools(wo_console: Console, team: People, five: list[str]) -> None:
    done = pothole(team.csr, "1200 N Lake Ave", days_ago=9, caller=None)[1]
    for status in ("dispatched", "in_progress"):
        change(team.csr, done, status=status)
    change(team.csr, done, status="completed", resolution="Patched")
    t = wo_console(
        "lee",
        [
            "2",
            "bulk",  # Bulk change: the queue's first page, then the numbers
            "1, 3-4",
            "",  # Reassign to a crew
            "PW4",
            "Storm response",
            "",  # yes; meanwhile WO 3 is completed by Maria
            "bulk",  # at the queue prompt
            "1-2",
            "priority",
            "high",
            "",
            "",
            "back",
            "escalate",
            "",  # yes
            "3",  # Open a work order by number: the completed one
            done,
            "reopen",
            "Hole opened up again",
            "back",
            "quit",
        ],
        hooks=[
            (
                "Change 3 work orders",
                wo_console.meanwhile(team.csr, five[2], status="cancelled", reason="Duplicate"),
            )
        ],
    )
    check_golden("workorders_supervisor", t)
    lines = t.lines
    assert "7. Bulk change: reassign or re-prioritise work orders chosen from the queue" in lines
    assert "8. Escalate overdue: priority up one step" in lines
    assert "3 selected: WO-2026-000001, WO-2026-000003, WO-2026-000004." in lines
    assert "WO-2026-000001: crew PW4." in lines
    assert any(x.startswith("WO-2026-000003: not changed. ") for x in lines)
    assert "Status: 2 work orders changed, 1 not changed." in lines
    assert (
        "Status: Reopened: WO-2026-000006: Assigned, OVERDUE 4 business days, Normal priority, "
        "crew PW2."
    ) in lines
    assert "WO-2026-000001: High to Urgent, OVERDUE 3 business days." in lines
    assert "Status: 2 work orders escalated." in lines
    assert [get_work_order(team.csr, number=n).crew for n in five] == ["PW4", "PW2", "PW2", "PW4", "PW2"]
    reopened = get_work_order(team.csr, number=done)
    assert reopened.status == "assigned" and reopened.history[-1].kind == "reopened"
    escalated = [h for h in get_work_order(team.csr, number=five[0]).history if h.kind == "escalated"]
    assert escalated and escalated[0].operator == "Lee Williams"


def test_a_csr_has_no_supervisor_tools(wo_console: Console, team: People, five: list[str]) -> None:
    done = five[0]
    for status in ("dispatched", "in_progress"):
        change(team.csr, done, status=status)
    change(team.csr, done, status="completed", resolution="Patched")
    t = wo_console("maria", ["2", "", "bulk", "1", "back", "back", "quit"])
    assert "Bulk change" not in t.output and "Escalate" not in t.output
    assert "Work orders, 1 to 6, default 1: " in t.output
    assert "Error: There is no choice 'bulk' here; type a number from 1 to 4." in t.lines
    assert "Reopen" not in t.output
    assert "bulk:" not in t.output


# --------------------------------------------------------------------------- crew-found work
def test_crew_found_work(wo_console: Console, team: People) -> None:
    t = wo_console(
        "maria",
        [
            "2",
            "new",  # New crew-found work order
            "potholes",
            "1200 N Lakee Ave",  # a near miss
            "",  # the street file's suggestion
            "",  # work found is required
            "Two holes by the curb [b]deep[/b]",
            "",  # crew: the category's default, PW2
            "high",
            "quit",
        ],
    )
    check_golden("workorders_crew_found", t)
    assert any(x.startswith("Warning: No street called ") for x in t.lines)
    wo = get_work_order(team.csr, number="WO-2026-000001")
    assert (wo.status, wo.crew, wo.priority, wo.address) == ("assigned", "PW2", "high", "1200 N Lake Ave")
    assert wo.created_at == FIXED_NOW.replace(second=45)  # 9 lines typed, 5 seconds each
    assert wo.request is not None
    r = get_request(team.csr, number=wo.request)
    assert (r.status, r.channel, r.caller) == ("closed", "field", None)


# --------------------------------------------------------------------------- files
def test_filter_export_and_daily_sheet(wo_console: Console, team: People, five: list[str]) -> None:
    pothole(team.csr, "300 N Lake Ave", days_ago=0, description=MARKUP, caller=None)
    change(team.csr, five[1], priority="urgent")
    t = wo_console(
        "maria",
        [
            "2",
            "filter",  # Change the filter
            "department",  # Department or division
            "streets",
            "sort",
            "priority",
            "text",  # Search text
            "bus stop",
            "",  # Show the queue
            "back",
            "filter",
            "text",
            "-",  # no search text
            "",
            "back",
            "export",
            "",  # work-orders-2026-03-03.csv
            "export",
            "",  # the same file: not replaced
            "n",
            "queue.csv",
            "sheet",  # Daily sheet: Streets & Sidewalks from the filter
            "",
            "",  # today
            "html",
            "",
            "quit",
        ],
    )
    check_golden("workorders_files", t)
    lines = t.lines
    assert "Queue: open work orders, Streets & Sidewalks, matching bus stop, highest priority first." in lines
    assert "Status: 1 work order, page 1 of 1." in lines
    assert "Status: 6 work orders exported as CSV: <FOLDER>/work-orders-2026-03-03.csv" in lines
    assert "Status: 6 work orders exported as CSV: <FOLDER>/queue.csv" in lines
    with (wo_console.folder / "queue.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["number"] for r in rows][:2] == ["WO-2026-000002", "WO-2026-000001"]  # urgent first
    assert MARKUP.replace("\x1b", "<ESC>") in [r["description"] for r in rows]
    html = next(wo_console.folder.glob("streets-sidewalks-2026-03-03.html")).read_text(encoding="utf-8")
    assert "&lt;b&gt;by the bus stop&lt;/b&gt;" in html and "\x1b" not in html
    assert "<script" not in html

    # the filter is the operator's own, kept for next time
    again = wo_console("maria", ["2", "back", "quit"])
    assert (
        "1. Show the queue: open work orders, Streets & Sidewalks, highest priority first"
        in again.lines
    )
    assert list_queue(team.csr, QueueFilter(division="streets-sidewalks")).total == 6
