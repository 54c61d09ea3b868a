"""``csc-console import messages FILE``: JSON and CSV exports, idempotent, bad rows reported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from csc_console.cli.main import main
from csc_console.errors import CscError
from csc_console.services.inbox import list_inbox
from csc_console.services.inbox_import import import_messages

CHAT_EXPORT = {
    "messages": [
        {
            "id": "lc-1001",
            "type": "chat",
            "timestamp": "2026-03-02T18:30:00Z",
            "visitor_name": "Ana Ruiz",
            "visitor_email": "ana@example.com",
            "message": "The streetlight on my block has been out for a week",
        },
        {
            "id": "lc-1002",
            "timestamp": "2026-03-02 08:15",  # no zone: a local time of the city
            "name": "[red]Bob[/red]",
            "message": "Hello \x1b]0;owned\x07 when is bulky item pick-up?",
        },
        {"id": "lc-1003", "message": ""},
        {"message": "no id"},
        ["not", "an", "object"],
        {"id": "lc-1004", "message": "x" * 4001},
        {"id": "lc-1005", "timestamp": "yesterday", "message": "when?"},
        {"id": "lc-1006", "type": "fax", "message": "beep"},
    ]
}

CSV_EXPORT = (
    "external_id,channel,received_at,name,email,phone,subject,body\n"
    "em-1,email,2026-03-02T16:00:00-08:00,Carl Diaz,carl@example.com,626-555-0199,"
    'Graffiti,"Tagging on the wall at 100 N Garfield Ave,\n second line"\n'
    "em-2,email,2026-03-01T09:00:00-08:00,,not-an-email,,Hi,Hello\n"
    "em-3,email,,Dee,,,,\n"
    "em-4,email,2026-03-01T09:00:00-08:00,Eve,eve@example.com,,Hi,one,too,many\n"
)


def test_a_json_chat_export_twice_adds_nothing_the_second_time(ctx: Any, tmp_path: Path) -> None:
    path = tmp_path / "livechat.json"
    path.write_text(json.dumps(CHAT_EXPORT), encoding="utf-8")
    first = import_messages(ctx, path)
    assert (first.added, first.already) == (2, 0)
    assert [where for where, _ in first.problems] == [
        "item 3",
        "item 4",
        "item 5",
        "item 6",
        "item 7",
        "item 8",
    ]
    reasons = dict(first.problems)
    assert "body (the message text) is missing" in reasons["item 3"]
    assert "external_id is missing" in reasons["item 4"]
    assert "not an object" in reasons["item 5"]
    assert "4,001 characters" in reasons["item 6"]
    assert "'yesterday' is not a date" in reasons["item 7"]
    assert "'fax' is not a message channel" in reasons["item 8"]

    again = import_messages(ctx, path)
    assert (again.added, again.already, len(again.problems)) == (0, 2, 6)
    inbox = list_inbox(ctx)
    assert [m.external_id for m in inbox] == ["lc-1002", "lc-1001"]  # respond-by order
    bob = inbox[0]
    assert bob.name == "[red]Bob[/red]" and "\x1b]0;owned\x07" in bob.body  # as typed
    assert bob.received_at.astimezone(ctx.zone).hour == 8
    assert bob.source == "livechat.json" and bob.channel == "live_chat"
    assert inbox[1].email == "ana@example.com"


def test_a_csv_mail_export_reports_bad_rows_by_line(ctx: Any, tmp_path: Path) -> None:
    path = tmp_path / "mail.csv"
    path.write_text(CSV_EXPORT, encoding="utf-8")
    report = import_messages(ctx, path, source="City mailbox")
    assert report.added == 1
    assert report.problems == [
        ("row 2 (line 4)", "'not-an-email' is not an email address."),
        ("row 3 (line 5)", "body (the message text) is missing."),
        ("row 4 (line 6)", "It has more cells than the header has columns."),
    ]
    [carl] = list_inbox(ctx)
    assert carl.body == "Tagging on the wall at 100 N Garfield Ave,\n second line"
    assert carl.phone == "626-555-0199" and carl.source == "City mailbox"


def test_unreadable_files_are_one_clear_error(ctx: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    with pytest.raises(CscError, match="not valid JSON"):
        import_messages(ctx, broken)
    headless = tmp_path / "rows.csv"
    headless.write_text("1,2,3\n", encoding="utf-8")
    with pytest.raises(CscError, match="first line must name the columns"):
        import_messages(ctx, headless)
    with pytest.raises(CscError, match="Cannot read"):
        import_messages(ctx, tmp_path / "missing.json")


def test_the_command_line_import(
    settings: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mail.csv"
    path.write_text(CSV_EXPORT, encoding="utf-8")
    db = ["--db", settings.database_url]
    assert main([*db, "import", "messages", str(path), "--channel", "email"]) == 1
    out = capsys.readouterr()
    assert out.out.strip() == (
        "Imported 1 new message; 0 already in the inbox; 3 rows with problems (not imported)."
    )
    assert "row 2 (line 4): 'not-an-email' is not an email address." in out.err
    assert main([*db, "import", "messages", str(path)]) == 1
    assert "Imported 0 new messages; 1 already in the inbox" in capsys.readouterr().out
