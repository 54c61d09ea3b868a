"""Intake when things go wrong, on SQLite and PostgreSQL: a console killed mid-call and started
again, bad input of every kind, a database that goes away at the save, cancel, quit, and an
unfinished call that is not wanted back."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from csc_console.config import Settings
from csc_console.db.engine import Database
from csc_console.desks.intake.call import CANCEL_NOTE
from csc_console.errors import DatabaseUnavailable
from csc_console.services.intake import load_draft
from csc_console.services.requests import list_requests
from tests.linear.conftest import FIXED_NOW, Transcript, check_golden
from tests.linear.intake_support import JANE, Clock, all_calls, earlier_call, take_calls

# Jane reports a pothole at her address, up to (not including) the description prompt.
UP_TO_DESCRIPTION = [
    "1",
    "",
    "626-555-0101",
    "",
    "",
    "there's a big pothole in front of my house",
    "",
    "2",
    "2",
    "",
    "n",
    "",
    "",
    "",
]
RESTART = "----- the console is killed here and started again -----\n"
OUTAGE = "The database is not reachable (connection refused); nothing was saved."


@pytest.fixture
def jane(csr_ctx: Any) -> Any:
    earlier_call(csr_ctx, JANE, days_ago=2)
    return csr_ctx


def no_escapes(t: Transcript) -> None:
    assert "\x1b" not in t.output and "\x07" not in t.output
    assert not any(0x2500 <= ord(ch) <= 0x259F for ch in t.output)


@contextlib.contextmanager
def database_down_at(note: str, times: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The next ``times`` write units of work called ``note`` fail as if the server were gone."""
    original = Database.session
    left = [times]

    @contextlib.contextmanager
    def flaky(self: Database, **kwargs: Any) -> Iterator[Any]:
        if kwargs.get("note") == note and left[0]:
            left[0] -= 1
            raise DatabaseUnavailable(OUTAGE)
        with original(self, **kwargs) as session:
            yield session

    monkeypatch.setattr(Database, "session", flaky)
    yield
    monkeypatch.setattr(Database, "session", original)


# --------------------------------------------------------------------------- drafts
def test_a_killed_console_gets_the_call_back(settings: Settings, jane: Any) -> None:
    first = take_calls(settings, UP_TO_DESCRIPTION, kill_after=len(UP_TO_DESCRIPTION))
    assert first.lines[-2:] == [
        "Description, default there's a big pothole in front of my house: ",
        "[killed]",
    ]
    draft = load_draft(jane)
    assert draft is not None and draft.step == "description"
    assert draft.category == "potholes" and draft.address == "1200 N Lake Ave"

    later = Clock(FIXED_NOW + timedelta(minutes=10))
    second = take_calls(settings, ["1", "", "back", "", "", "", "", "quit"], clock=later)
    check_golden("intake_resume", Transcript(0, first.text + RESTART + second.output))
    assert (
        "An unfinished call from 9:00 AM with Jane Caller, (626) 555-0101, Potholes."
        in second.lines
    )
    assert "Where in the street is it: Right lane." in second.lines  # what was typed, said
    assert "Address, default 1200 N Lake Ave: " in second.output  # back reaches earlier steps
    (r,) = list_requests(jane, category="potholes")
    assert r.answers == {"location_in_street": "right-lane", "size": "medium", "hazard": "no"}
    assert load_draft(jane) is None
    call = all_calls(jane)[-1]
    assert call.disposition == "request_created" and call.acw_ended_at is not None


def test_quit_mid_call_asks_then_keeps_it(settings: Settings, jane: Any) -> None:
    t = take_calls(settings, ["1", "", "626-555-0101", "", "", "quit", "y"])
    assert t.lines[-2:] == [
        "Status: The call is kept; Intake offers it again when you come back.",
        "Status: Signed out. Goodbye.",
    ]
    assert t.code == 0
    draft = load_draft(jane)
    assert draft is not None and draft.step == "words" and draft.purpose == "report"


def test_an_unfinished_call_not_wanted_back_is_closed(settings: Settings, jane: Any) -> None:
    take_calls(settings, ["1", "", "626-555-0101"], kill_after=3)
    t = take_calls(settings, ["1", "n", "quit"])
    assert "Resume it, yes or no, default yes: n" in t.lines
    assert "Status: The unfinished call was closed as Dropped." in t.lines
    assert load_draft(jane) is None
    assert all_calls(jane)[-1].disposition == "dropped"


def test_cancel_at_the_resume_question_keeps_the_draft(settings: Settings, jane: Any) -> None:
    take_calls(settings, ["1", "", "626-555-0101"], kill_after=3)
    t = take_calls(settings, ["1", "cancel", "quit"])
    assert "Status: Left Intake; the unfinished call stays kept." in t.lines
    assert load_draft(jane) is not None


# --------------------------------------------------------------------------- bad input
BAD_INPUT = [
    "1",
    "",
    "555-01",  # a partial number
    "",  # Enter tries the kept value again
    "626-555-01",  # still too short
    "(626) 555-0188 x12",  # with an extension
    "Bob \x1b[31mRed\x1b[0m [bold]Smith[/bold]",  # escape sequences and markup
    "not-an-email",
    "-",  # clears the kept bad email
    "",
    "",
    "",
    "",
    "[link=https://evil.example]pothole[/link] on Lake \x1b]0;pwned\x07",
    "",
    "",  # a required answer left empty
    "2",
    "9",  # not a choice
    "2",
    "",
    "",  # required again
    "n",
    "",
    "many",  # not a number
    "3",
    "help",
    "Lake Ave",  # which Lake Ave?
    "1",  # N Lake Ave needs a house number
    "3",  # type it again
    "1200 N Lake Ave",
    "",
    "",
    "Caller said \x1b[2J twice",
    "quit",
]


def test_bad_input_is_refused_kept_and_shown_literally(settings: Settings, csr_ctx: Any) -> None:
    t = take_calls(settings, BAD_INPUT)
    check_golden("intake_bad_input", t)
    no_escapes(t)
    assert "Caller's phone, default 555-01: " in t.output  # what was typed is kept
    assert "Status: New caller: no earlier calls from (626) 555-0188 ext. 12." in t.lines
    assert "Caller's name, optional: Bob <ESC>[31mRed<ESC>[0m [bold]Smith[/bold]" in t.lines
    (r,) = list_requests(csr_ctx)
    assert r.caller is not None and r.caller.name == "Bob \x1b[31mRed\x1b[0m [bold]Smith[/bold]"
    assert r.description == "[link=https://evil.example]pothole[/link] on Lake \x1b]0;pwned\x07"
    assert r.answers["count"] == "3"
    assert all_calls(csr_ctx)[-1].notes == "Caller said \x1b[2J twice"


def test_a_description_over_the_limit_is_refused_and_kept(settings: Settings, jane: Any) -> None:
    long = "x" * 4001
    first = take_calls(settings, [*UP_TO_DESCRIPTION, long], kill_after=len(UP_TO_DESCRIPTION) + 1)
    assert (
        "Error: The description is 4,001 characters long; the limit is 4,000. Shorten it "
        "(nothing you typed has been lost)." in first.lines
    )
    assert "Description, Enter keeps the 4,001 characters typed before: " in first.output
    draft = load_draft(jane)
    assert draft is not None and draft.description == long  # kept across a crash too
    second = take_calls(settings, ["1", "", "", "Deep pothole, 4 inches", "", "", "quit"])
    assert second.output.count("Error: The description is 4,001 characters long") == 1
    (r,) = list_requests(jane, category="potholes")
    assert r.description == "Deep pothole, 4 inches"


# --------------------------------------------------------------------------- database down
def test_the_database_going_away_at_the_save_loses_nothing(
    settings: Settings, jane: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database_down_at("request created", 2, monkeypatch):
        t = take_calls(settings, [*UP_TO_DESCRIPTION, "", "", "", "", "", "quit"])
    check_golden("intake_save_retry", t)
    assert t.lines.count(f"Error: {OUTAGE}") == 2
    assert len(list_requests(jane)) == 1  # retried saves never make a second request
    assert all_calls(jane)[-1].disposition == "request_created"


def test_a_declined_retry_keeps_the_call_for_later(
    settings: Settings, jane: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database_down_at("request created", 1, monkeypatch):
        t = take_calls(settings, [*UP_TO_DESCRIPTION, "", "n", "1", "", "", "", "", "quit"])
    assert "Try saving the request again, yes or no, default yes: n" in t.lines
    assert "Status: The call is kept; Intake offers it again when you come back." in t.lines
    assert any(
        line.startswith("An unfinished call from 9:00 AM with Jane Caller") for line in t.lines
    )
    assert len(list_requests(jane)) == 1
    assert load_draft(jane) is None


def test_the_database_going_away_at_the_wrap_up(
    settings: Settings, jane: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database_down_at("call wrapped up", 1, monkeypatch):
        t = take_calls(settings, [*UP_TO_DESCRIPTION, "", "", "Pothole noted.", "", "quit"])
    assert "Try ending the call again, yes or no, default yes: " in t.output
    assert all_calls(jane)[-1].notes == "Pothole noted."
    assert "Status: Ready for the next call." in t.lines


def test_going_back_after_the_save_does_not_save_again(settings: Settings, jane: Any) -> None:
    t = take_calls(
        settings, [*UP_TO_DESCRIPTION, "", "back", "a changed description", "", "", "quit"]
    )
    assert (
        "Status: Request SR-2026-000001 was saved earlier in this call and is not saved again; "
        "put any change in the call notes." in t.lines
    )
    (r,) = list_requests(jane)
    assert r.description == "there's a big pothole in front of my house"


# --------------------------------------------------------------------------- leaving
def test_cancel_mid_call_closes_it_after_asking(settings: Settings, jane: Any) -> None:
    t = take_calls(settings, ["1", "", "626-555-0101", "", "", "cancel", "", "cancel", "y", "quit"])
    assert t.output.count("Cancel the call and lose what you typed, yes or no, default no: ") == 2
    assert "Status: Call cancelled; recorded as No action." in t.lines
    assert "Status: Ready for the next call." in t.lines
    call = all_calls(jane)[-1]
    assert call.disposition == "no_action" and call.notes == CANCEL_NOTE
    assert load_draft(jane) is None


def test_back_at_the_ready_prompt_returns_to_the_menu(settings: Settings, jane: Any) -> None:
    t = take_calls(settings, ["1", "back", "quit"])
    assert "Status: Left Intake." in t.lines
    assert t.lines[-2] == "Workspace, 1 to 7, default 1: quit"


# --------------------------------------------------------------------------- referral
def test_a_referral_says_the_number_and_hours(settings: Settings, csr_ctx: Any) -> None:
    t = take_calls(settings, ["1", "", "", "anonymous", "4", "edison", "", "", "quit"])
    assert "Refer the caller to Southern California Edison, 1-800-611-1911." in t.lines
    assert "Hours: Outage line 24 hours a day." in t.lines
    assert all_calls(csr_ctx)[-1].disposition == "referred"
