"""Radio log, unit board and the work-order coupling, on both databases."""

from __future__ import annotations

import io
import json
import threading
from datetime import timedelta
from typing import Any

import pytest

from csc_console.cli.main import main
from csc_console.errors import ValidationError
from csc_console.services import dispatch
from csc_console.services.workorders import get_work_order
from csc_console.vocab import WorkOrderStatus as S
from tests.workorders.conftest import NOW, pothole_request, work_order_in


@pytest.fixture
def dispatcher(admin_ctx: Any) -> Any:
    from csc_console.services.operators import create_operator

    return admin_ctx.as_operator(create_operator(admin_ctx, username="eh", display_name="Elena Hernandez", role="dispatcher"))


def test_a_work_order_moves_with_the_radio_traffic(dispatcher: Any) -> None:
    number = pothole_request(dispatcher).work_orders[0]
    t = NOW
    r = dispatch.log_command(dispatcher, f"PW12 d {number}", now=t)
    assert r.work_order_status == "dispatched"
    assert get_work_order(dispatcher, number=number).crew == "PW12"  # the unit sent is the crew
    dispatch.log_command(dispatcher, "PW12 er", now=t + timedelta(minutes=2))
    r = dispatch.log_command(dispatcher, "PW12 os patching now", now=t + timedelta(minutes=20))
    assert r.work_order_status == "in_progress"  # the unit's current work order
    assert r.entry.work_order == number
    r = dispatch.log_command(dispatcher, "PW12 clr", now=t + timedelta(minutes=65))
    assert r.ask_completed == number
    assert "Is the work on" in r.said
    wo = get_work_order(dispatcher, number=number)
    assert wo.status == "in_progress"  # not completed until someone says so
    entries, intervals = dispatch.work_order_radio(dispatcher, number=number)
    assert [e.status for e in entries] == ["dispatched", "en_route", "on_scene", "cleared"]
    assert intervals.travel == timedelta(minutes=18)
    assert intervals.on_scene == timedelta(minutes=45)
    assert intervals.busy == timedelta(minutes=65)
    assert [h.text for h in wo.history if h.kind == "status"][-1] == "Radio: PW12 on scene."
    board = {b.unit: b for b in dispatch.board(dispatcher, now=t + timedelta(minutes=66))}
    assert board["PW12"].status == "cleared" and board["PW12"].work_order is None


def test_new_work_order_gets_the_unit_as_crew(dispatcher: Any) -> None:
    number = work_order_in(dispatcher, S.NEW)
    dispatch.log_command(dispatcher, f"PW7 os {number}", now=NOW)
    wo = get_work_order(dispatcher, number=number)
    assert (wo.crew, wo.status) == ("PW7", "in_progress")


def test_board_stale_flag_and_check_in(dispatcher: Any) -> None:
    dispatch.log_command(dispatcher, "PW5 os @ 55 E Walnut St", now=NOW)
    rows = {b.unit: b for b in dispatch.board(dispatcher, now=NOW + timedelta(minutes=95))}
    pw5 = rows["PW5"]
    assert pw5.stale and pw5.stale_text.startswith("STALE: on scene 1 h 35 min")
    assert pw5.line().startswith("On scene, PW5, for 1 h 35 min")
    assert dispatch.board(dispatcher, now=NOW + timedelta(minutes=95))[0].unit == "PW5"  # stale first
    dispatch.check_in(dispatcher, unit="pw5", now=NOW + timedelta(minutes=96))
    rows = {b.unit: b for b in dispatch.board(dispatcher, now=NOW + timedelta(minutes=100))}
    assert not rows["PW5"].stale and rows["PW5"].minutes == 100  # status time unchanged
    assert "Check-in" in dispatch.list_log(dispatcher, dispatch.LogQuery(unit="PW5"))[-1].message


def test_bad_entries(dispatcher: Any) -> None:
    done = work_order_in(dispatcher, S.COMPLETED)
    with pytest.raises(ValidationError, match="is completed"):
        dispatch.log_command(dispatcher, f"PW12 os {done}")
    with pytest.raises(Exception, match="no work order WO-2026-999999"):
        dispatch.log_command(dispatcher, "PW12 os WO-2026-999999")
    dispatch.log_command(dispatcher, "PW3 oos flat tire")
    with pytest.raises(ValidationError, match="put it back in service first"):
        dispatch.log_command(dispatcher, "PW3 d")
    dispatch.log_command(dispatcher, "PW3 copy")  # notes are fine
    dispatch.log_command(dispatcher, "PW3 av")
    dispatch.log_command(dispatcher, "PW3 d")


def test_log_is_append_only_and_corrections_reference(dispatcher: Any) -> None:
    first = dispatch.log_command(dispatcher, "PW12 os wrong unit logged", now=NOW)
    fix = dispatch.correct_entry(dispatcher, entry_id=first.entry.id, text="av that was PW2", now=NOW + timedelta(seconds=5))
    assert fix.entry.corrects == first.entry.id
    log = dispatch.list_log(dispatcher)
    assert [e.id for e in log] == [first.entry.id, fix.entry.id]  # newest at the bottom
    assert "(corrects entry" in log[-1].line(dispatcher.zone)


def test_fast_repeated_entries_keep_order_and_none_is_lost(dispatcher: Any) -> None:
    errors: list[BaseException] = []

    def burst(unit: str) -> None:
        try:
            for i in range(10):
                dispatch.log_command(dispatcher, f"{unit} copy {i}")
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=burst, args=(u,)) for u in ("PW1", "PW2", "PW3")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    log = dispatch.list_log(dispatcher)
    assert len(log) == 30
    for unit in ("PW1", "PW2", "PW3"):
        assert [e.message for e in log if e.unit == unit] == [f"copy {i}" for i in range(10)]
    # a retried save with the same key is not logged twice
    dispatch.log_command(dispatcher, "PW4 copy", client_key="k1")
    dispatch.log_command(dispatcher, "PW4 copy", client_key="k1")
    assert len(dispatch.list_log(dispatcher, dispatch.LogQuery(unit="PW4"))) == 1


def test_search_export_and_markup(dispatcher: Any) -> None:
    dispatch.log_command(dispatcher, "PW12 copy [bold]heading[/bold] back \x1b[31m", now=NOW)
    dispatch.log_command(dispatcher, "PW2 er", now=NOW + timedelta(minutes=1))
    found = dispatch.list_log(dispatcher, dispatch.LogQuery(text="heading"))
    assert len(found) == 1
    assert "[bold]heading[/bold]" in found[0].line(dispatcher.zone)
    assert "\x1b" not in found[0].line(dispatcher.zone)
    out = io.StringIO()
    assert dispatch.export_log_csv(dispatcher, out, dispatch.LogQuery(since=NOW)) == 2
    assert out.getvalue().startswith("id,at,unit")
    text = dispatch.shift_log_text(dispatcher)
    assert text.startswith("Radio log: 2 entries.")


def test_cli(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    base = ("--db", db_url, "--operator", "eh")
    assert main([*base, "dispatch", "log", "PW12", "os", "--message", "patching"]) == 0
    assert "Logged" in capsys.readouterr().out
    assert main([*base, "dispatch", "log", "PW12", "onsene"]) == 1
    assert "Did you mean On scene" in capsys.readouterr().err
    assert main([*base, "dispatch", "line", "PW7 er"]) == 0
    capsys.readouterr()
    assert main([*base, "dispatch", "board", "--format", "json"]) == 0
    board = {b["unit"]: b for b in json.loads(capsys.readouterr().out)}
    assert board["PW12"]["status"] == "on_scene" and set(board["PW12"]) >= {"unit", "status", "since", "work_order", "stale"}
    assert main([*base, "dispatch", "log-list", "--unit", "PW12", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 2
    assert main([*base, "dispatch", "log", "PW99", "os"]) != 0
    assert "PW99" in capsys.readouterr().err


def test_correcting_an_older_entry_does_not_override_a_later_status(dispatcher: Any) -> None:
    old = dispatch.log_command(dispatcher, "PW8 er", now=NOW)
    dispatch.log_command(dispatcher, "PW8 os", now=NOW + timedelta(minutes=10))
    fix = dispatch.correct_entry(dispatcher, entry_id=old.entry.id, text="d", now=NOW + timedelta(minutes=11))
    assert fix.entry.status is None and "status was dispatched" in fix.entry.message.lower()
    rows = {b.unit: b for b in dispatch.board(dispatcher, now=NOW + timedelta(minutes=12))}
    assert rows["PW8"].status == "on_scene"
    latest = dispatch.list_log(dispatcher, dispatch.LogQuery(unit="PW8"))[-2]
    fix2 = dispatch.correct_entry(dispatcher, entry_id=latest.id, text="rt", now=NOW + timedelta(minutes=13))
    assert fix2.entry.status == "returning"


def test_every_kind_of_radio_save_queued_in_an_outage_is_written_once(dispatcher: Any, tmp_path: Any) -> None:
    """A line, a correction, a form entry and a check-in kept on disk while the database was
    away are logged at the time they were heard, once each, even when queued twice (the
    answer to the first attempt lost on the way)."""
    from csc_console.services.outbox import Outbox

    box = Outbox("eh", tmp_path)
    first = dispatch.log_command(dispatcher, "PW3 av", now=NOW)
    heard = NOW + timedelta(minutes=1)
    at = heard.isoformat()
    form = {"unit": "PW4", "status": "en_route", "work_order": "", "message": "from the form", "location": "",
            "to_unit": False}
    payloads = [
        {"text": "PW3 copy heading out", "client_key": "k-line", "at": at},
        {"text": "PW3 os", "client_key": "k-correct", "at": at, "corrects": first.entry.id},
        {"text": repr(form), "client_key": "k-form", "at": at, "form": form},
        {"text": "PW5", "client_key": "k-check", "at": at, "check_in": "PW5"},
    ]
    for payload in payloads * 2:
        box.add("radio", payload)
    result = box.flush(dispatcher)
    assert result.failed == [] and not result.unreachable and len(box) == 0
    assert len(result.written) == 8
    assert sum(1 for said in result.written if said.startswith("Already logged")) == 4
    entries = [e for e in dispatch.list_log(dispatcher, None, limit=50) if e.id != first.entry.id]
    assert len(entries) == 4 and all(e.at == heard for e in entries)
    by_unit = {(e.unit, e.corrects is not None): e for e in entries}
    assert by_unit[("PW3", False)].message == "copy heading out"
    assert by_unit[("PW3", True)].corrects == first.entry.id
    assert (by_unit[("PW4", False)].status, by_unit[("PW4", False)].message) == ("en_route", "from the form")
    assert by_unit[("PW5", False)].message.startswith("Check-in")
