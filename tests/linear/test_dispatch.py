"""A dispatcher's shift in screen-reader mode, on SQLite and PostgreSQL, compared with golden
transcripts (tests/linear/transcripts/dispatch_*.txt, the same for both databases). The clock
moves 5 seconds per typed line and jumps where the script waits. Each test also checks what was
stored. Read the transcripts as the screen-reader experience of dispatch."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from csc_console.services import dispatch
from csc_console.services.radio_desk import exports_dir
from csc_console.services.workorders import get_work_order
from tests.linear.conftest import FIXED_NOW, check_golden
from tests.linear.dispatch_support import (
    Shift,
    Wait,
    at_the_radio,
    shift_fixture,  # noqa: F401 - the "shift" fixture
)


def test_a_job_from_dispatch_to_completion(shift: Shift) -> None:
    wo = shift.wo
    t = at_the_radio(
        shift,
        [
            "dispatch",
            f"to PW12 d {wo} @ 1200 N Lake Ave",
            "PW12 er",
            Wait(18),
            "PW12 os patching now",
            Wait(45),
            "PW12 clr",
            "PW4 copy",  # the question waits: the radio line is still a radio line
            "questions",
            "done",  # the clear line had no words: say what was done
            f"done {wo} Patched two holes",
            "questions",
            f"log {wo}",
            "back",
            "quit",
        ],
    )
    check_golden("dispatch_shift", t)
    assert t.code == 0
    assert f"Status: {wo} is completed: Patched two holes." in t.lines
    done = get_work_order(shift.ctx, number=wo)
    assert (done.status, done.resolution, done.crew) == ("completed", "Patched two holes", "PW12")
    entries, intervals = dispatch.work_order_radio(shift.ctx, number=wo)
    assert [e.status for e in entries] == ["dispatched", "en_route", "on_scene", "cleared"]
    assert entries[0].direction == "to_unit"
    assert intervals.travel == timedelta(minutes=18, seconds=5)
    assert intervals.on_scene == timedelta(minutes=45, seconds=5)


def test_lines_typed_after_a_clear_are_logged_and_the_question_waits(shift: Shift) -> None:
    """Issue 14, defect 1: the clear raises "Is the work on WO-… completed?" as a status line;
    the lines piped after it are radio lines, and ``done`` answers with the clear line's words."""
    wo = shift.wo
    t = at_the_radio(
        shift,
        [
            "dispatch",
            f"to PW12 d {wo}",
            "PW12 cl patched two holes",
            "PW4 enrt 900 E Colorado Blvd",
            "pw5 10-8",
            "notdone",
            "questions",
            f"PW12 os {wo}",
            "PW12 cl patched two holes",
            "done",
            "quit",
        ],
    )
    check_golden("dispatch_question_waits", t)
    assert (
        f"Status: Is the work on {wo} completed? Type done {wo} to complete it as "
        f"'patched two holes', or done {wo} with other words; notdone {wo} leaves it open; "
        "questions lists them."
    ) in t.lines
    assert f"Status: {wo} stays open." in t.lines
    assert "Status: No open questions." in t.lines
    assert f"Status: {wo} is completed: patched two holes." in t.lines
    log = dispatch.list_log(shift.ctx)
    assert [(e.unit, e.message) for e in log][1:4] == [
        ("PW12", "patched two holes"),
        ("PW4", "900 E Colorado Blvd"),
        ("PW5", "10-8"),
    ]
    done = get_work_order(shift.ctx, number=wo)
    assert (done.status, done.resolution) == ("completed", "patched two holes")


def test_a_note_and_every_kind_of_bad_line(shift: Shift) -> None:
    t = at_the_radio(
        shift,
        [
            "dispatch",
            "PW12 copy, heading back",
            "PW99 os",
            "",  # Enter retries the line kept as the default
            f"PW12 onsene {shift.wo}",
            f"PW12 os {shift.done}",
            "PW12 os WO-2026-999999",
            "PW12",
            "PW3 oos flat tire",
            "PW3 d",
            "PW3 av",
            "PW3 d",
            "checkin PW99",
            "correct twelve",
            "export pdf",
            "log PW3",
            "quit",
        ],
    )
    check_golden("dispatch_errors", t)
    errors = [line for line in t.lines if line.startswith("Error: ")]
    assert len(errors) == 10
    assert "Radio, default PW99 os: " in t.output
    log = dispatch.list_log(shift.ctx)
    assert [(e.unit, e.status, e.message) for e in log] == [
        ("PW12", None, "copy, heading back"),
        ("PW3", "out_of_service", "flat tire"),
        ("PW3", "available", ""),
        ("PW3", "dispatched", ""),
    ]


def test_a_stale_unit_and_its_check_in(shift: Shift) -> None:
    t = at_the_radio(
        shift,
        [
            "dispatch",
            "PW5 os @ 55 E Walnut St",
            "PW7 er",
            Wait(35),
            "PW12 copy",  # PW7 went stale meanwhile: a notice after this line's result
            Wait(60),
            "board",
            "checkin pw5",
            "board",
            "quit",
        ],
    )
    check_golden("dispatch_stale_checkin", t)
    assert "Notice: PW7 is stale: en route 35 min (check-in after 30 min)." in t.lines
    assert sum(line.startswith("Notice: ") for line in t.lines) == 1  # once, not at every line
    boards = [i for i, line in enumerate(t.lines) if line.startswith("Status: 32 units in service")]
    assert t.lines[boards[1] + 1].startswith(  # stale first, status first, the flag in words
        "On scene, PW5, for 1 h 35 min, at 55 E Walnut St. STALE: on scene 1 h 35 min"
    )
    after = [line for line in t.lines[boards[2] :] if "PW5" in line]
    assert after == ["On scene, PW5, for 1 h 35 min, at 55 E Walnut St"]  # status time kept
    rows = {r.unit: r for r in dispatch.board(shift.ctx, now=FIXED_NOW + timedelta(minutes=96))}
    assert not rows["PW5"].stale


def test_a_correction_the_form_and_the_shift_export(shift: Shift) -> None:
    t = at_the_radio(
        shift,
        [
            "dispatch",
            "PW12 os wrong place",
            "PW7 er [bold]fast[/bold]",
            "log",
            "correct 1",
            "cancel",
            "correct #1",
            "PW12 os right place",
            "form",
            "pw7",
            "os",
            "",
            "at the corner",
            "",
            "log pw12",
            "export text",
            "export csv",
            "quit",
        ],
    )
    check_golden("dispatch_correction_export", t)
    log = dispatch.list_log(shift.ctx)
    assert [(e.id, e.corrects, e.message) for e in log][2] == (3, 1, "right place")
    assert (log[-1].unit, log[-1].status, log[-1].message) == ("PW7", "on_scene", "at the corner")
    files = sorted(exports_dir().iterdir(), key=lambda f: f.suffix)
    assert [f.suffix for f in files] == [".csv", ".txt"]
    text = files[1].read_text(encoding="utf-8")
    assert text.startswith("Radio log: 4 entries.") and "[bold]fast[/bold]" in text
    assert files[0].read_text(encoding="utf-8").count("\n") == 5


def test_radio_saves_the_database_cannot_take_are_kept_and_written_once(shift: Shift, monkeypatch: Any) -> None:
    from csc_console.errors import DatabaseUnavailable
    from csc_console.services.outbox import Outbox

    real_line, real_check_in = dispatch.log_command, dispatch.check_in

    def down(*args: Any, **kwargs: Any) -> Any:
        raise DatabaseUnavailable("The database is not reachable (connection refused); nothing was saved.")

    monkeypatch.setattr(dispatch, "log_command", down)
    monkeypatch.setattr(dispatch, "check_in", down)
    t = at_the_radio(shift, ["dispatch", "PW12 copy, heading back", "checkin pw5", "quit"])
    assert t.code == 0
    assert ("Notice: Database unreachable: the radio entry 'PW12 copy, heading back' is kept on this "
            "workstation and saved when the database returns (1 waiting).") in t.lines
    assert ("Notice: Database unreachable: the check-in of PW5 is kept on this workstation and saved "
            "when the database returns (2 waiting).") in t.lines
    monkeypatch.setattr(dispatch, "log_command", real_line)
    monkeypatch.setattr(dispatch, "check_in", real_check_in)
    outbox = Outbox("elena")
    assert len(outbox) == 2
    assert not outbox.flush(shift.ctx).failed and len(outbox) == 0
    entries = dispatch.list_log(shift.ctx, None, limit=50)
    assert [e.message for e in entries if e.unit == "PW12"] == ["copy, heading back"]
    assert sum(1 for e in entries if e.unit == "PW5" and e.message.startswith("Check-in")) == 1
