"""Queues (filters, paging, overdue text, CSV), supervisor bulk tools, sheets, and the CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any

import pytest

from csc_console.cli.main import main
from csc_console.errors import PermissionDenied, ValidationError
from csc_console.services.queues import QueueFilter, export_csv, list_queue, queue_signature
from csc_console.services.sheets import division_sheet, render, work_order_sheet
from csc_console.services.workorders import Change, bulk_update, escalate_overdue, update_work_order
from csc_console.vocab import WorkOrderStatus as S
from tests.workorders.conftest import NOW, pothole_request, work_order_in

ADDRESSES = ["100 N Lake Ave", "200 N Lake Ave", "300 N Lake Ave", "400 N Lake Ave", "500 N Lake Ave"]


@pytest.fixture
def five(csr_ctx: Any) -> list[str]:
    return [pothole_request(csr_ctx, a, phone=None).work_orders[0] for a in ADDRESSES]


def test_queue_filters_paging_and_overdue(csr_ctx: Any, five: list[str]) -> None:
    f = QueueFilter(department="public-works", division="streets-sidewalks", statuses=("assigned",))
    first = list_queue(csr_ctx, f, limit=2, now=NOW)
    assert first.total == 5 and first.has_more
    rest = list_queue(csr_ctx, f, offset=2, limit=10, now=NOW)
    assert [r.number for r in first.rows + rest.rows] == sorted(five)  # same due time: by id
    assert not rest.has_more
    later = NOW + timedelta(days=10)
    overdue = list_queue(csr_ctx, QueueFilter(overdue=True), now=later)
    assert overdue.total == 5
    assert overdue.rows[0].overdue_text.startswith("OVERDUE ")
    assert "business day" in overdue.rows[0].overdue_text
    assert list_queue(csr_ctx, QueueFilter(overdue=True), now=NOW).total == 0
    assert list_queue(csr_ctx, QueueFilter(text="300 N LAKE")).total == 1
    assert list_queue(csr_ctx, QueueFilter(crew="pw2")).total == 5
    assert list_queue(csr_ctx, QueueFilter(statuses=("completed",))).total == 0
    with pytest.raises(ValidationError, match="Unknown status"):
        list_queue(csr_ctx, QueueFilter(statuses=("asleep",)))
    assert list_queue(csr_ctx, QueueFilter(text="100%_")).total == 0  # LIKE wildcards are literal


def test_signature_changes_only_when_the_queue_does(csr_ctx: Any, five: list[str]) -> None:
    before = queue_signature(csr_ctx)
    assert queue_signature(csr_ctx) == before
    update_work_order(csr_ctx, number=five[0], change=Change(priority="high"))
    assert queue_signature(csr_ctx) != before


def test_csv_export_of_a_filtered_queue(csr_ctx: Any, five: list[str]) -> None:
    update_work_order(csr_ctx, number=five[0], change=Change(note="x", priority="urgent"))
    out = io.StringIO()
    n = export_csv(csr_ctx, out, QueueFilter(priority="urgent"))
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == 1 and rows[0]["number"] == five[0] and rows[0]["priority"] == "urgent"


def test_bulk_reassign_and_escalate_are_for_supervisors(csr_ctx: Any, supervisor_ctx: Any, five: list[str]) -> None:
    closed = work_order_in(csr_ctx, S.COMPLETED, "600 N Lake Ave")
    with pytest.raises(PermissionDenied):
        bulk_update(csr_ctx, numbers=five, change=Change(crew="PW3"))
    result = bulk_update(supervisor_ctx, numbers=[*five[:3], closed], change=Change(crew="PW3", priority="high"))
    assert result.changed == five[:3]
    assert result.failed[0][0] == closed and "reopen" in result.failed[0][1]
    escalated = escalate_overdue(supervisor_ctx, now=NOW + timedelta(days=10))
    assert set(escalated.changed) == set(five)
    assert list_queue(csr_ctx, QueueFilter(priority="urgent")).total == 3  # high -> urgent


def test_sheets_in_three_formats(csr_ctx: Any, five: list[str]) -> None:
    update_work_order(csr_ctx, number=five[0], change=Change(note="<script>alert(1)</script> [b]x[/b]"))
    one = work_order_sheet(csr_ctx, number=five[0])
    text = render(csr_ctx, one, "text")
    assert isinstance(text, str) and f"Work order {five[0]}" in text and "Address: 100 N Lake Ave" in text
    batch = division_sheet(csr_ctx, department="public-works", division="streets-sidewalks", day=NOW.date())
    assert len(batch.orders) == 5
    html = render(csr_ctx, batch, "html")
    assert isinstance(html, str) and html.count("<section") == 5 and "<script>" not in html
    pdf = render(csr_ctx, batch, "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    with pytest.raises(ValidationError, match="no division"):
        division_sheet(csr_ctx, department="public-works", division="moon-base")


def test_cli_list_show_update_sheet(capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Any) -> None:
    base = ("--db", db_url, "--operator", "maria")
    assert main([*base, "requests", "create", "--category", "potholes", "--address", "1200 N Lake Ave",
                 "--answer", "location_in_street=1", "--answer", "size=1", "--answer", "hazard=no"]) == 0
    capsys.readouterr()
    assert main([*base, "workorders", "list", "--department", "public-works", "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    number = row["number"]
    assert main([*base, "workorders", "update", number, "--status", "completed", "--resolution", "x"]) == 1
    err = capsys.readouterr().err
    assert "assigned cannot become completed; it can become: dispatched, new, on hold, cancelled" in err
    assert main([*base, "workorders", "update", number, "--status", "dispatched", "--note", "PW2 rolling"]) == 0
    capsys.readouterr()
    assert main([*base, "workorders", "show", number, "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    for key in ("number", "request", "category", "department", "crew", "status", "priority",
                "created_at", "due_at", "completed_at", "history"):
        assert key in shown
    assert shown["status"] == "dispatched"
    assert shown["history"][-1]["note"] == "PW2 rolling"
    assert main([*base, "workorders", "list", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("number,request,category")
    target = tmp_path / "sheet.pdf"
    assert main([*base, "workorders", "sheet", "--department", "public-works", "--format", "pdf", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert main([*base, "workorders", "update", number, "--crew", "ZZ9"]) == 1
    assert "no crew called 'ZZ9'" in capsys.readouterr().err
