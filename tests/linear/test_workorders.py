"""Work orders in screen-reader mode, on SQLite and PostgreSQL, compared with golden transcripts
(tests/linear/transcripts/workorders_*.txt, the same for both databases). The clock is frozen at
Tuesday, March 3, 2026, 9:00 AM and moves 5 seconds per typed line. Each test also checks what
was stored.

This module: the queue and its paging, a whole lifecycle by keyboard, refused transitions and
stale edits. test_workorders_tools.py: supervisor tools, crew-found work, files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from csc_console.config import Settings
from csc_console.services.requests import get_request
from csc_console.services.workorders import get_work_order
from tests.linear.conftest import check_golden
from tests.linear.workorders_support import (
    MARKUP,
    Console,
    People,
    change,
    people,
    pothole,
    second_caller,
)


def no_escapes(output: str) -> None:
    assert "\x1b" not in output
    assert not any(0x2500 <= ord(ch) <= 0x259F for ch in output)


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
def twelve(team: People) -> list[str]:
    """Twelve pothole work orders made 1 to 12 days ago, the oldest overdue; the first one's
    description has markup and escape sequences."""
    numbers = []
    for i in range(12):
        text = MARKUP if i == 0 else f"Pothole number {i + 1}"
        numbers.append(pothole(team.csr, f"{100 * (i + 1)} N Lake Ave", days_ago=12 - i, description=text)[1])
    return numbers


# --------------------------------------------------------------------------- the queue
def test_queue_pages_ten_at_a_time_and_opens_a_number(wo_console: Console, twelve: list[str]) -> None:
    t = wo_console(
        "maria",
        [
            "2",  # Work orders
            "",  # Show the queue
            "",  # next page
            "3",  # not on this page
            "previous",
            "refresh",
            "1",  # open the first (markup and escapes in its description)
            "back",
            "WO-2026-12",  # not a work-order number
            "wo-2026-000012",  # one typed in full
            "9",  # Back to the queue
            "list",
            "back",
            "quit",
        ],
    )
    check_golden("workorders_queue", t)
    lines = t.lines
    assert "Status: 12 work orders, page 1 of 2." in lines
    assert "Status: 12 work orders, page 2 of 2." in lines
    first = next(x for x in lines if x.startswith("1. WO-2026-000001: "))
    assert first.startswith("1. WO-2026-000001: Assigned, OVERDUE ")
    assert "business days, Normal priority, Potholes, 100 N Lake Ave, crew PW2, due " in first
    assert "Work order, 1 to 10, or next page, default next: " in t.output
    assert "Work order, 11 to 12, or previous page: 3" in lines
    assert "Error: 3 is not on this page; type a number from 11 to 12 or previous." in lines
    assert "Status: No change since the queue was read." in lines
    assert "Work: [bold]Deep[/bold] hole <b>by the bus stop</b> <ESC>[31mred<ESC>[0m" in lines
    assert "Error: 'WO-2026-12' is not a work-order number; type one like WO-2026-000123." in lines
    assert "Work order: WO-2026-000012" in lines
    assert (
        "Status: Back to the queue, unchanged: 12 work orders, page 1 of 2. Type list to hear it."
        in lines
    )
    assert lines.count(first) == 3  # the first page, previous, list
    no_escapes(t.output)


# --------------------------------------------------------------------------- a lifecycle
RESOLUTION = "Cold patch [b]applied[/b] \x1b[2J"


def test_a_whole_lifecycle_by_keyboard(wo_console: Console, team: People) -> None:
    request, number = pothole(team.csr, "1200 N Lake Ave", days_ago=2)
    second_caller(team.csr, request)
    change(team.csr, number, status="new", crew="")  # back to new: nobody on it yet
    t = wo_console(
        "maria",
        [
            "2",  # Work orders
            "3",  # Open a work order by number
            number,
            "crew",  # Assign a crew
            "pw3",
            "",  # Change status (the default): Dispatched (the default)
            "",
            "",  # Change status: In progress
            "",
            "",  # Change status: Completed
            "",
            "",  # Resolution is required
            RESOLUTION,
            "",  # Call-back list (the default once completed)
            "",  # mark both as told
            "note",
            "Told Ray and Jane it is fixed",
            "read",
            "print",
            "",  # plain text
            "",  # WO-2026-000001.txt
            "print",
            "pdf",
            "",
            "back",
            "quit",
        ],
    )
    check_golden("workorders_lifecycle", t)
    lines = t.lines
    assert "Status: Saved: WO-2026-000001: Assigned, Normal priority, crew PW3." in lines
    assert "Status: Saved: WO-2026-000001: Completed, Normal priority, crew PW3." in lines
    assert "Error: Resolution is required; type it, or type cancel." in lines
    assert "Resolution: Cold patch [b]applied[/b] <ESC>[2J" in lines
    assert "2 callers marked as told." in t.output
    assert "Status: Sheet for WO-2026-000001 saved as plain text: <FOLDER>/WO-2026-000001.txt" in lines
    assert "Status: Sheet for WO-2026-000001 saved as PDF: <FOLDER>/WO-2026-000001.pdf" in lines
    no_escapes(t.output)

    wo = get_work_order(team.csr, number=number)
    assert (wo.status, wo.crew, wo.resolution) == ("completed", "PW3", RESOLUTION)
    moves = [(h.from_status, h.to_status) for h in wo.history if h.kind == "status"]
    assert moves[-3:] == [("assigned", "dispatched"), ("dispatched", "in_progress"), ("in_progress", "completed")]
    assert all(h.operator == "Maria Lopez" for h in wo.history)
    assert all(c.notified for c in wo.callers) and len(wo.callers) == 2
    assert wo.history[-1].kind == "note"
    r = get_request(team.csr, number=request)
    assert r.status == "closed" and r.status_note == RESOLUTION
    sheet = (wo_console.folder / "WO-2026-000001.txt").read_text(encoding="utf-8")
    assert "Resolution: Cold patch [b]applied[/b] <ESC>[2J" in sheet
    assert "\x1b" not in sheet
    assert (wo_console.folder / "WO-2026-000001.pdf").read_bytes().startswith(b"%PDF")


# --------------------------------------------------------------------------- refusals
def test_refusals_name_what_is_allowed(wo_console: Console, team: People) -> None:
    assigned = pothole(team.csr, "100 N Lake Ave", days_ago=1)[1]
    unassigned = pothole(team.csr, "200 N Lake Ave", days_ago=1)[1]
    change(team.csr, unassigned, status="new", crew="")
    done = pothole(team.csr, "300 N Lake Ave", days_ago=1)[1]
    for status in ("dispatched", "in_progress"):
        change(team.csr, done, status=status)
    change(team.csr, done, status="completed", resolution="Patched")
    t = wo_console(
        "maria",
        [
            "2",
            "3",  # Open a work order by number
            assigned,
            "",  # Change status
            "completed",  # not allowed from assigned
            "assigned",  # what it is already
            "on hold",
            "",  # the reason is required
            "Waiting for asphalt [red]",
            "priority",
            "",  # the same priority is no change
            "urgent",
            "back",
            "3",
            unassigned,
            "",  # Change status: Assigned (the default) needs a crew
            "",
            "PW99",  # no such crew
            "2",
            "back",
            "3",
            done,
            "reopen",  # not offered to a CSR
            "back",
            "quit",
        ],
    )
    check_golden("workorders_refusals", t)
    lines = t.lines
    assert (
        "Error: A work order that is assigned cannot become completed; it can become: dispatched, "
        "new, on hold, cancelled."
    ) in lines
    assert "Error: It is already assigned; choose another status." in lines
    assert "Error: Reason is required; type it, or type cancel." in lines
    assert "Error: It is Normal priority already; choose another, or back." in lines
    assert any(x.startswith("Error: There is no crew called 'PW99'. Did you mean ") for x in lines)
    assert "Error: There is no choice 'reopen'; type a number from 1 to 5." in lines
    assert "Reopen" not in t.output
    first = get_work_order(team.csr, number=assigned)
    assert (first.status, first.status_reason, first.priority) == ("on_hold", "Waiting for asphalt [red]", "urgent")
    second = get_work_order(team.csr, number=unassigned)
    assert (second.status, second.crew) == ("assigned", "PW2")
    assert get_work_order(team.csr, number=done).status == "completed"


# --------------------------------------------------------------------------- stale edits
def test_stale_edits_say_what_changed_and_keep_what_was_typed(wo_console: Console, team: People) -> None:
    number = pothole(team.csr, "1200 N Lake Ave", days_ago=1)[1]
    lee = team.supervisor
    t = wo_console(
        "maria",
        [
            "2",
            "3",
            number,
            "",  # Change status; meanwhile Lee moves it to PW3, high priority
            "",  # Dispatched: refused as stale
            "",  # Apply it again
            "",  # Change status; meanwhile Lee puts it on hold
            "",  # In progress: stale
            "",  # Apply it again: no longer possible, back to the status with the allowed ones
            "cancel",
            "y",
            "priority",  # meanwhile Lee makes it urgent
            "low",
            "discard",
            "back",
            "quit",
        ],
        hooks=[
            ("New status", wo_console.meanwhile(lee, number, crew="PW3", priority="high")),
            ("New status", wo_console.meanwhile(lee, number, status="on_hold", reason="Crew called away")),
            ("Priority", wo_console.meanwhile(lee, number, priority="urgent")),
        ],
    )
    check_golden("workorders_stale", t)
    lines = t.lines
    stale = (
        f"Error: {number} was changed by someone else since you opened it; review their change, "
        "then apply yours again (what you typed is kept)."
    )
    assert lines.count(stale) == 3
    assert "Your change: status Dispatched." in lines
    assert "Status: Saved: WO-2026-000001: Dispatched, High priority, crew PW3." in lines
    assert (
        "Error: A work order that is on hold cannot become in progress; it can become: assigned, "
        "new, cancelled."
    ) in lines
    assert "Status: Your change was discarded; WO-2026-000001 stays as the other person left it." in lines
    wo = get_work_order(team.csr, number=number)
    assert (wo.status, wo.crew, wo.priority) == ("on_hold", "PW3", "urgent")
    assert [h.operator for h in wo.history].count("Maria Lopez") == 2  # created, dispatched
