"""Every work-order transition, allowed and refused, on both databases; history; the request
follows its work orders; call-back list; supervisor-only reopen."""

from __future__ import annotations

from typing import Any

import pytest

from csc_console.errors import PermissionDenied, StaleEditError, ValidationError
from csc_console.services import requests
from csc_console.services.workorders import (
    TRANSITIONS,
    Change,
    add_work_order,
    create_direct,
    get_work_order,
    mark_callers_notified,
    reopen,
    update_work_order,
)
from csc_console.vocab import WorkOrderStatus as S
from tests.workorders.conftest import pothole_request, work_order_in

# What each target needs besides the status itself.
EXTRA = {
    S.COMPLETED: {"resolution": "patched the hole"},
    S.ON_HOLD: {"reason": "waiting for parts"},
    S.CANCELLED: {"reason": "duplicate of another order"},
}


@pytest.mark.parametrize("start", list(S), ids=lambda s: s.value)
def test_every_transition_from(csr_ctx: Any, start: S) -> None:
    for target in S:
        if target is start:
            continue
        number = work_order_in(csr_ctx, start)
        change = Change(status=target.value, **EXTRA.get(target, {}))
        if target in TRANSITIONS[start]:
            if target in (S.ASSIGNED,) and start is S.NEW:
                change = Change(status=target.value, crew="PW2")
            result = update_work_order(csr_ctx, number=number, change=change)
            assert result.status == target.value
            last = result.history[-1]
            assert (last.from_status, last.to_status) == (start.value, target.value)
            assert last.operator == "Maria Lopez"
        else:
            with pytest.raises(ValidationError) as info:
                update_work_order(csr_ctx, number=number, change=change)
            message = str(info.value)
            assert start.label.lower() in message
            for allowed in TRANSITIONS[start]:
                assert allowed.label.lower() in message
            assert get_work_order(csr_ctx, number=number).status == start.value


def test_rules_for_reasons_resolution_and_crew(csr_ctx: Any) -> None:
    number = work_order_in(csr_ctx, S.IN_PROGRESS)
    with pytest.raises(ValidationError, match="needs the resolution"):
        update_work_order(csr_ctx, number=number, change=Change(status="completed"))
    with pytest.raises(ValidationError, match="needs a reason"):
        update_work_order(csr_ctx, number=number, change=Change(status="on_hold"))
    unassigned = work_order_in(csr_ctx, S.NEW, "300 N Lake Ave")
    with pytest.raises(ValidationError, match="Assign a crew"):
        update_work_order(csr_ctx, number=unassigned, change=Change(status="assigned"))
    with pytest.raises(ValidationError, match="no crew called 'PW99'. Did you mean"):
        update_work_order(csr_ctx, number=unassigned, change=Change(crew="PW99"))
    assigned = update_work_order(csr_ctx, number=unassigned, change=Change(crew="pw3"))
    assert (assigned.crew, assigned.status) == ("PW3", "assigned")


def test_request_follows_its_work_orders_and_callers_are_listed(csr_ctx: Any) -> None:
    req = pothole_request(csr_ctx)
    number = req.work_orders[0]
    requests.link_caller(csr_ctx, number=req.number, caller=requests.CallerInput(phone="626-555-0102", name="Second"))
    update_work_order(csr_ctx, number=number, change=Change(status="dispatched"))
    assert requests.get_request(csr_ctx, number=req.number).status == "in_progress"
    second = add_work_order(csr_ctx, request=req.number, crew="PW3", description="Re-stripe the lane")
    update_work_order(csr_ctx, number=number, change=Change(status="in_progress"))
    done = update_work_order(
        csr_ctx, number=number, change=Change(status="completed", resolution="Cold patch applied", note="used 2 bags")
    )
    assert done.completed_at is not None
    assert [h.kind for h in done.history][-2:] == ["status", "note"]
    assert requests.get_request(csr_ctx, number=req.number).status == "in_progress"  # second still open
    for step in (Change(status="dispatched"), Change(status="in_progress"), Change(status="completed", resolution="Striped")):
        last = update_work_order(csr_ctx, number=second.number, change=step)
    closed = requests.get_request(csr_ctx, number=req.number)
    assert closed.status == "closed"
    assert closed.status_note == "Striped"
    assert [c.name for c in last.callers] == ["Jane Caller", "Second"]
    assert not any(c.notified for c in last.callers)
    assert mark_callers_notified(csr_ctx, request=req.number) == 2
    assert all(c.notified for c in get_work_order(csr_ctx, number=number).callers)


def test_reopen_is_for_supervisors(csr_ctx: Any, supervisor_ctx: Any) -> None:
    number = work_order_in(csr_ctx, S.COMPLETED)
    with pytest.raises(PermissionDenied):
        reopen(csr_ctx, number=number, reason="not fixed")
    with pytest.raises(ValidationError, match="required"):
        reopen(supervisor_ctx, number=number, reason="  ")
    again = reopen(supervisor_ctx, number=number, reason="Caller says it is still there")
    assert again.status == "assigned"
    assert again.history[-1].kind == "reopened"
    assert requests.get_request(csr_ctx, number=again.request).status == "open"


def test_stale_edit_is_refused_with_the_current_version(csr_ctx: Any) -> None:
    number = work_order_in(csr_ctx, S.ASSIGNED)
    seen = get_work_order(csr_ctx, number=number)
    update_work_order(csr_ctx, number=number, change=Change(priority="high"), expected_version=seen.version)
    with pytest.raises(StaleEditError) as info:
        update_work_order(csr_ctx, number=number, change=Change(note="mine"), expected_version=seen.version)
    assert info.value.current.priority == "high"
    assert "what you typed is kept" in str(info.value)


def test_crew_found_work_has_its_own_closed_request(csr_ctx: Any) -> None:
    wo = create_direct(
        csr_ctx, category="graffiti", address="55 E Walnut St", description="Tag on utility box", crew="PW13"
    )
    assert wo.status == "assigned"
    req = requests.get_request(csr_ctx, number=wo.request)
    assert req.status == "closed"
    assert req.channel == "field"
    assert req.caller is None


def test_markup_and_escapes_in_notes_are_stored_as_typed(csr_ctx: Any) -> None:
    number = work_order_in(csr_ctx, S.ASSIGNED)
    nasty = "[red]urgent[/red] \x1b[2J done"
    wo = update_work_order(csr_ctx, number=number, change=Change(note=nasty))
    assert wo.history[-1].text == nasty
