"""Relay calls (711) in screen-reader mode, on SQLite and PostgreSQL, compared with golden
transcripts (tests/linear/transcripts/intake_relay_*.txt): the relay panel, the turn-by-turn
transcript with GA and SK, a request on the same call, the wrap-up; and what goes wrong: no
CA number, markup and escape sequences in turns, the database gone while a turn is typed.
Each test also checks what was stored."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from csc_console.config import Settings
from csc_console.desks import relay as relay_desk
from csc_console.errors import DatabaseUnavailable
from csc_console.services import relay
from csc_console.services.outbox import Outbox
from csc_console.services.requests import list_requests
from tests.linear.conftest import Transcript, check_golden
from tests.linear.intake_support import JANE, all_calls, earlier_call, take_calls

OUTAGE = "The database is not reachable (connection refused); nothing was saved."
ESC = "\x1b"

RELAY_PANEL = ["2", "1", "4417", "", "", "711 then 626-555-0101"]
POTHOLE_REPORT = ["626-555-0101", "", "", "there's a big pothole in front of my house", "",
                  "2", "2", "", "n", "", "", "", ""]  # fmt: skip


@pytest.fixture
def jane(csr_ctx: Any) -> Any:
    earlier_call(csr_ctx, JANE, days_ago=2)
    return csr_ctx


@contextlib.contextmanager
def turns_fail(skip: int, times: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """After ``skip`` turn saves, the next ``times`` (new or replayed) fail as if the server
    were gone."""
    original = relay.add_turn
    count = [0]

    def flaky(ctx: Any, **kwargs: Any) -> Any:
        count[0] += 1
        if skip < count[0] <= skip + times:
            raise DatabaseUnavailable(OUTAGE)
        return original(ctx, **kwargs)

    monkeypatch.setattr(relay, "add_turn", flaky)
    yield
    monkeypatch.setattr(relay, "add_turn", original)


def no_escapes(t: Transcript) -> None:
    assert ESC not in t.output and "\x07" not in t.output


def test_a_complete_relay_call(settings: Settings, jane: Any) -> None:
    t = take_calls(
        settings,
        [
            "1",
            *RELAY_PANEL,
            "etiquette",
            "ca: CA 4417 with a TTY caller GA",
            "hi my trash was not picked up and theres a pothole GA",
            "I can help with both. What is your phone NBR? GA",
            "626 555 0101 GA",
            "short",
            "5",  # HD: the CSR asks the caller to hold
            "done",
            *POTHOLE_REPORT,
            "transcript",
            "csr: Your request number is SR 2026 000001 Q GA",
            "thx bye SK",
            "sksk",
            "done",
            "export",
            "",  # disposition: request created
            "",  # no notes
            "quit",
        ],
    )
    exports = str(relay_desk.exports_dir())
    shown = Transcript(t.code, t.output.replace(exports, "<exports>"))
    check_golden("intake_relay_call", shown)
    no_escapes(t)
    assert "Status: Turn 1 saved." in t.lines
    [request] = list_requests(jane, category="potholes")
    call = all_calls(jane)[-1]
    assert call.channel == "relay" and call.disposition == "request_created"
    assert request.channel == "relay"
    r = relay.get_relay(jane, call_id=call.id)
    assert r is not None and r.relay_type == "tty" and r.ca_number == "4417"
    assert r.provider == "California Relay Service" and r.language == "English"
    assert r.preferred_callback == "711 then 626-555-0101" and r.flags == []
    assert [(x.seq, x.speaker, x.text) for x in r.turns] == [
        (1, "ca", "CA 4417 with a TTY caller GA"),
        (2, "caller", "hi my trash was not picked up and theres a pothole GA"),
        (3, "csr", "I can help with both. What is your phone NBR? GA"),
        (4, "caller", "626 555 0101 GA"),
        (5, "csr", "HD"),
        (6, "csr", "Your request number is SR 2026 000001 Q GA"),
        (7, "caller", "thx bye SK"),
        (8, "csr", "SKSK"),
    ]
    assert r.turns[1].at < r.turns[2].at  # each turn has the time it was typed
    [exported] = relay_desk.exports_dir().glob(f"relay-call-{call.id}-*.txt")
    text = exported.read_text(encoding="utf-8")
    assert "CA number: 4417" in text and "Caller: thx bye SK" in text


def test_relay_bad_input(settings: Settings, jane: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with turns_fail(1, 1, monkeypatch):
        t = take_calls(
            settings,
            [
                "1",
                "2",
                "12",  # not a relay type
                "tty",
                "",  # no CA number: allowed, flagged
                "",
                "",
                "",
                "caller:",  # who, but no words
                f"[bold]help[/bold] {ESC}[31mred{ESC}[0m GA",
                "this turn is typed while the database is away GA",
                "ca: the database is back for this one",
                "dropped",
                "callback",
                "",  # the outcome is required
                "No answer through 711",
                "done",
                "",  # no phone
                "Sam Smith",
                "",
                "",
                "",
                "",
                "5",  # nothing more: wrap up
                "",
                "",
                "quit",
            ],
        )
    check_golden("intake_relay_bad_input", t)
    no_escapes(t)
    assert "Notice: The database is not reachable (connection refused): turn 2 is kept on this computer and saved when the database returns." in t.lines  # noqa: E501
    assert "Status: The database is back: 1 kept turn saved." in t.lines
    call = all_calls(jane)[-1]
    r = relay.get_relay(jane, call_id=call.id)
    assert r is not None and r.flags == ["CA number missing", "dropped, 1 call-back attempt"]
    assert [(x.seq, x.speaker) for x in r.turns] == [(1, "caller"), (2, "csr"), (3, "ca"), (4, "ca")]
    assert r.turns[3].text == "Call-back attempt 1: No answer through 711"
    assert call.disposition == "dropped"
    assert r.turns[1].at < r.turns[2].at  # the kept turn has the time it was typed
    assert r.turns[0].text == f"[bold]help[/bold] {ESC}[31mred{ESC}[0m GA"  # kept as typed
    assert Outbox("maria").pending() == []


def test_a_relay_call_killed_mid_transcript_is_resumed(settings: Settings, jane: Any) -> None:
    first = ["1", *RELAY_PANEL, "hello GA", "what is your address GA"]
    killed = take_calls(settings, first, kill_after=len(first))
    assert killed.lines[-2:] == ["Caller's turn: ", "[killed]"]
    t = take_calls(settings, ["1", "", "1200 N Lake GA", "done", "quit"])
    assert t.lines[t.lines.index("Status: Resuming the call with the caller.") + 1 :][:3] == [
        "Relay: TTY (text telephone), CA 4417, California Relay Service, English, call-back "
        "711 then 626-555-0101.",
        "Turns so far: 2.",
        "Caller: not given.",
    ]
    assert "Status: Turn 3 saved." in t.lines  # numbering goes on, nothing twice
    r = relay.get_relay(jane, call_id=all_calls(jane)[-1].id)
    assert r is not None and [x.seq for x in r.turns] == [1, 2, 3]


def test_the_relay_panel_is_kept_when_the_database_is_away(
    settings: Settings, jane: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    original, left = relay.set_details, [1]

    def flaky(ctx: Any, **kwargs: Any) -> Any:
        if left[0]:
            left[0] -= 1
            raise DatabaseUnavailable(OUTAGE)
        return original(ctx, **kwargs)

    monkeypatch.setattr(relay, "set_details", flaky)
    t = take_calls(settings, ["1", *RELAY_PANEL, "", "hello GA", "quit"])
    at = t.lines.index("Preferred call-back, optional: 711 then 626-555-0101")
    assert t.lines[at + 1 : at + 5] == [
        f"Error: {OUTAGE}",
        "Nothing typed is lost: the call is kept as a draft.",
        "Try saving the relay panel again, yes or no, default yes: ",
        "Yes.",
    ]
    assert t.lines[at + 5].startswith("Status: Relay: TTY (text telephone), CA 4417")
    assert "Status: Turn 1 saved." in t.lines
    r = relay.get_relay(jane, call_id=all_calls(jane)[-1].id)
    assert r is not None and r.ca_number == "4417" and len(r.turns) == 1


def test_a_kept_turn_is_saved_at_the_wrap_up(
    settings: Settings, jane: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with turns_fail(0, 1, monkeypatch):
        t = take_calls(
            settings,
            ["1", *RELAY_PANEL, "hello GA", "done", "", "Sam Smith", "", "", "", "", "5", "", "",
             "quit"],  # fmt: skip
        )
    assert any(line.startswith("Notice: The database is not reachable") for line in t.lines)
    at = t.lines.index("Nothing more: wrap up the call.")
    assert t.lines[at + 1] == "Status: The database is back: 1 kept turn saved."
    r = relay.get_relay(jane, call_id=all_calls(jane)[-1].id)
    assert r is not None and [(x.seq, x.text) for x in r.turns] == [(1, "hello GA")]
    assert Outbox("maria").pending() == []
