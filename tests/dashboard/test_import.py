"""``import calls``: call-detail records matched to the calls the CSRs logged, on both databases.

The logged calls are what the console writes when a CSR answers (queued = answered, the
console does not see the queue); the file is the phone system's view of the same morning.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from csc_console.cli.main import main
from csc_console.db.models import AuditEvent, Call
from csc_console.services import kpi
from csc_console.services.calldata import CdrMapping, import_calls, load_mapping
from tests.dashboard.seed import local, make_csrs

HEADER = "call_id,queued,answered,ended,agent,hold_seconds"
FILE_LINES = [
    HEADER,
    "PBX-1,2022-03-07 09:00:00,2022-03-07 09:00:20,2022-03-07 09:05:00,ANA,15",  # line 2: L1
    "PBX-2,2022-03-07 09:09:00,2022-03-07 09:10:05,2022-03-07 09:12:30,ana,0",  # 3: L2
    "PBX-3,2022-03-07 09:00:10,2022-03-07 09:00:35,2022-03-07 09:04:00,ben,5",  # 4: L3
    "PBX-4,2022-03-07 09:20:00,,2022-03-07 09:21:00,,0",  # 5: abandoned
    "PBX-5,2022-03-07 10:59:00,2022-03-07 11:00:00,2022-03-07 11:03:00,ana,0",  # 6: nobody logged
    "PBX-6,2022-03-07 09:39:00,2022-03-07 09:40:00,2022-03-07 09:44:00,ben,0",  # 7: 5 min off L5
    "PBX-7,yesterday,2022-03-07 09:40:00,2022-03-07 09:44:00,ben,0",  # 8: bad time
    ",2022-03-07 09:39:00,,2022-03-07 09:40:00,,0",  # 9: no call id
    "PBX-8,2022-03-07 09:39:00,,2022-03-07 09:30:00,,0",  # 10: ended before queued
    "PBX-9,2022-03-07 09:39:00",  # 11: too few fields
    "PBX-10,2022-03-07 09:49:00,2022-03-07 09:50:00,2022-03-07 09:52:00,zed,0",  # 12: unknown
    "PBX-1,2022-03-07 09:00:00,2022-03-07 09:00:20,2022-03-07 09:05:00,ana,15",  # 13: again
    "PBX-11,2022-03-07 09:59:50,2022-03-07 10:00:30,2022-03-07 10:20:00,ben,0",  # 14: L4 relay
    "",  # 15: blank, skipped
    "PBX-12,2022-03-07T17:30:00Z,abandoned,2022-03-07T17:30:03Z,,",  # 16: short abandon, UTC
    "PBX-13,2022-03-07 09:00:00,2022-03-07 09:00:25,2022-03-07 09:02:00,ana,x",  # 17: bad hold
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _logged(admin_ctx: Any) -> dict[str, int]:
    """The calls the CSRs logged that morning (L1-L5); their ids by name."""
    ops = make_csrs(admin_ctx)
    ids = {}
    with admin_ctx.db.session(write=True) as s:
        for name, op, channel, at, ended, acw in (
            ("L1", "ana", "phone", (9, 0, 30), (9, 5, 0), (9, 6, 0)),
            ("L2", "ana", "phone", (9, 10, 0), (9, 12, 0), (9, 12, 10)),  # ACW ends before 9:12:30
            ("L3", "ben", "phone", (9, 0, 40), (9, 4, 0), (9, 5, 0)),
            ("L4", "ben", "relay", (10, 0, 0), (10, 20, 0), (10, 21, 0)),
            ("L5", "ben", "phone", (9, 45, 0), (9, 47, 0), (9, 48, 0)),
        ):
            answered = local(admin_ctx, 2022, 3, 7, *at)
            row = Call(
                channel=channel,
                status="completed",
                operator_id=ops[op],
                queued_at=answered,
                answered_at=answered,
                ended_at=local(admin_ctx, 2022, 3, 7, *ended),
                acw_ended_at=local(admin_ctx, 2022, 3, 7, *acw),
            )
            s.add(row)
            s.flush()
            ids[name] = row.id
    return ids


def _calls(ctx: Any) -> dict[str | None, Call]:
    with ctx.db.session() as s:
        return {c.external_id or f"id{c.id}": c for c in s.scalars(select(Call))}


def test_import_matches_creates_reports_and_is_idempotent(admin_ctx: Any, tmp_path: Path) -> None:
    ids = _logged(admin_ctx)
    path = _write(tmp_path / "cdr.csv", FILE_LINES)
    first = import_calls(admin_ctx, path=path)
    assert first.rows == 15  # the blank line is not a row
    assert (first.matched, first.created_abandoned, first.created_unmatched) == (4, 2, 3)
    assert (first.updated, first.unchanged, first.bad) == (0, 0, 6)
    assert sorted(p.line for p in first.bad_rows) == [8, 9, 10, 11, 13, 17]
    messages = {p.line: p.message for p in first.bad_rows}
    assert messages[8] == "the queued time 'yesterday' is not a date and time"
    assert messages[9] == "the call id is missing"
    assert messages[10] == "the call ended before it was queued"
    assert messages[11] == "it has 2 fields; the header has 6"
    assert messages[13] == "call id PBX-1 appears again (first on line 2)"
    assert messages[17] == "the hold seconds 'x' is not a number"
    assert [p.line for p in first.unmatched_rows] == [6, 7, 12]
    assert dict(first.unknown_agents) == {"zed": 1}

    calls = _calls(admin_ctx)
    l1 = calls["PBX-1"]
    assert l1.id == ids["L1"]  # the CSR's own call, now with the phone system's times
    assert l1.queued_at == local(admin_ctx, 2022, 3, 7, 9, 0, 0)
    assert l1.answered_at == local(admin_ctx, 2022, 3, 7, 9, 0, 20)
    assert l1.hold_seconds == 15
    assert l1.acw_ended_at == local(admin_ctx, 2022, 3, 7, 9, 6, 0)  # after-call work kept
    l2 = calls["PBX-2"]
    assert l2.id == ids["L2"]
    assert l2.acw_ended_at == l2.ended_at == local(admin_ctx, 2022, 3, 7, 9, 12, 30)
    assert calls["PBX-3"].id == ids["L3"]
    assert calls["PBX-11"].id == ids["L4"]  # relay calls logged by the CSR match too
    assert f"id{ids['L5']}" in calls  # 5 minutes from PBX-6: beyond the tolerance
    abandoned = calls["PBX-4"]
    assert (abandoned.status, abandoned.operator_id, abandoned.answered_at) == ("abandoned", None, None)
    assert calls["PBX-12"].ended_at - calls["PBX-12"].queued_at == timedelta(seconds=3)
    unlogged = calls["PBX-5"]
    assert (unlogged.status, unlogged.acw_ended_at) == ("completed", None)
    assert unlogged.operator_id == l1.operator_id  # ana answered it, never logged it
    assert calls["PBX-10"].operator_id is None  # zed is nobody here

    f = kpi.figures(admin_ctx, start=date(2022, 3, 7), end=date(2022, 3, 8))
    assert (f.calls_answered, f.calls_abandoned, f.short_abandons) == (8, 1, 1)

    second = import_calls(admin_ctx, path=path)  # the same file again: nothing changes
    assert (second.matched, second.created, second.updated) == (0, 0, 0)
    assert (second.unchanged, second.bad) == (9, 6)
    assert len(_calls(admin_ctx)) == len(calls)

    corrected = [line.replace("09:21:00", "09:22:00") if line.startswith("PBX-4,") else line for line in FILE_LINES]
    third = import_calls(admin_ctx, path=_write(tmp_path / "cdr2.csv", corrected))
    assert (third.updated, third.unchanged) == (1, 8)
    with admin_ctx.db.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "import")).all()
    assert len(events) == 3
    assert events[0].changes["matched"] == 4


def test_unmatched_rows_can_be_reported_only(admin_ctx: Any, tmp_path: Path) -> None:
    _logged(admin_ctx)
    path = _write(tmp_path / "cdr.csv", FILE_LINES)
    summary = import_calls(admin_ctx, path=path, unmatched="report")
    assert (summary.matched, summary.created_unmatched, summary.unmatched_reported) == (4, 0, 3)
    assert summary.created_abandoned == 2  # abandoned calls are always the centre's
    assert "PBX-5" not in _calls(admin_ctx)


def test_tolerance_and_nearest_match(admin_ctx: Any, tmp_path: Path) -> None:
    ids = _logged(admin_ctx)
    lines = [
        HEADER,
        # both within 120 s of L1 (9:00:30): the nearer one gets it, the other is unmatched
        "A,2022-03-07 08:59:00,2022-03-07 09:01:40,2022-03-07 09:05:00,ana,0",
        "B,2022-03-07 08:59:00,2022-03-07 09:00:31,2022-03-07 09:05:00,ana,0",
    ]
    summary = import_calls(admin_ctx, path=_write(tmp_path / "c.csv", lines))
    assert (summary.matched, summary.created_unmatched) == (1, 1)
    assert _calls(admin_ctx)["B"].id == ids["L1"]
    wide = import_calls(
        admin_ctx,
        path=_write(tmp_path / "d.csv", [HEADER, "C,2022-03-07 09:39:00,2022-03-07 09:40:00,2022-03-07 09:44:00,ben,0"]),
        mapping=CdrMapping(tolerance_seconds=600),
    )
    assert wide.matched == 1 and _calls(admin_ctx)["C"].id == ids["L5"]


def test_another_phone_systems_layout(admin_ctx: Any, tmp_path: Path) -> None:
    ids = _logged(admin_ctx)
    mapping = tmp_path / "pbx.toml"
    mapping.write_text(
        'time_format = "%m/%d/%Y %I:%M:%S %p"\n'
        'delimiter = ";"\n'
        "[columns]\n"
        'call_id = "Call ID"\nqueued = "Queue Start"\nanswered = "Answer Time"\n'
        'ended = "Call End"\nagent = "Agent Login"\nhold_seconds = "Hold Time"\n'
        'result = "Disposition"\n',
        encoding="utf-8",
    )
    lines = [
        "Call ID;Queue Start;Answer Time;Call End;Agent Login;Hold Time;Disposition",
        "X1;03/07/2022 09:00:00 AM;03/07/2022 09:00:20 AM;03/07/2022 09:05:00 AM;ana;12;Answered",
        "X2;03/07/2022 09:30:00 AM;;03/07/2022 09:31:00 AM;;;Abandoned",
        "X3;03/07/2022 09:30:00 AM;;03/07/2022 09:31:00 AM;;;Transferred",
    ]
    summary = import_calls(admin_ctx, path=_write(tmp_path / "x.csv", lines), mapping=load_mapping(mapping))
    assert (summary.matched, summary.created_abandoned, summary.bad) == (1, 1, 1)
    assert summary.bad_rows[0].message == "the result 'transferred' is neither answered nor abandoned"
    assert _calls(admin_ctx)["X1"].id == ids["L1"]


def test_command_line(admin_ctx: Any, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _logged(admin_ctx)
    path = _write(tmp_path / "cdr.csv", FILE_LINES)
    assert main(["--db", db_url, "import", "calls", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:7] == [
        "Rows read: 15",
        "Matched to calls the CSRs logged: 4",
        "Created: 5 (2 abandoned calls the CSRs never saw, 3 answered calls no CSR logged)",
        "Updated (imported before, changed since): 0",
        "Unchanged (imported before): 0",
        "Bad rows (not imported): 6",
    ]
    assert "Line 8: the queued time 'yesterday' is not a date and time." in out
    assert "Line 6: call PBX-5, agent ana." in out
    assert main(["--db", db_url, "import", "calls", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["unchanged"], data["bad"], data["created"]) == (9, 6, 0)

    # Only a file that cannot be read at all is an error.
    assert main(["--db", db_url, "import", "calls", str(tmp_path / "missing.csv")]) != 0
    assert "There is no file" in capsys.readouterr().err
    wrong = _write(tmp_path / "wrong.csv", ["id,start,stop", "1,2,3"])
    assert main(["--db", db_url, "import", "calls", str(wrong)]) != 0
    err = capsys.readouterr().err
    assert "no column for the call id ('call_id'), queued time ('queued'), ended time ('ended')" in err
    mapped = ["--map", "call_id=ID", "--map", "queued=start", "--map", "ended=stop"]
    assert main(["--db", db_url, "import", "calls", str(wrong), *mapped]) == 0
    assert "Bad rows (not imported): 1" in capsys.readouterr().out
    empty = _write(tmp_path / "empty.csv", [])
    assert main(["--db", db_url, "import", "calls", str(empty)]) != 0
