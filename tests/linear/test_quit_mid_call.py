"""``quit`` in the middle of a call asks first, with the one quit question both front ends ask
(``desks.quit``): Enter alone stays in the call, at the same prompt; yes leaves, and the call is
kept and offered back at the next start. A radio correction being typed asks too. On SQLite and
PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from csc_console.config import Settings
from csc_console.desks.quit import call_in_progress, quit_question
from csc_console.services import dispatch
from csc_console.services.intake import load_draft
from tests.linear.dispatch_support import (
    Shift,
    at_the_radio,
    shift_fixture,  # noqa: F401 - the "shift" fixture
)
from tests.linear.intake_support import JANE, earlier_call, take_calls

RELAY_PANEL = ["2", "1", "4417", "", "", "711 then 626-555-0101"]


@pytest.fixture
def jane(csr_ctx: Any) -> Any:
    earlier_call(csr_ctx, JANE, days_ago=2)
    return csr_ctx


def test_quit_mid_call_asks_and_enter_stays(settings: Settings, jane: Any) -> None:
    t = take_calls(settings, ["1", "", "626-555-0101", "", "", "quit", "", "quit", "y"])
    question = quit_question(
        call_in_progress(name="Jane Caller", phone="(626) 555-0101", relay=False, kept=True)
    )
    assert question.sentence == (
        "A call is in progress with Jane Caller, (626) 555-0101: quit anyway? "
        "The call is kept and offered back when you start again."
    )
    at = t.lines.index(question.sentence)
    assert t.lines[at + 1 : at + 3] == ["Quit anyway, yes or no, default no: ", "No."]
    # Still in the call, at the same prompt; the second quit, answered yes, leaves.
    assert t.lines.count(question.sentence) == 2
    assert t.lines[-3:] == [
        "Yes.",
        "Status: The call is kept; Intake offers it again when you come back.",
        "Status: Signed out. Goodbye.",
    ]
    draft = load_draft(jane)
    assert draft is not None and draft.step == "words" and draft.phone == "(626) 555-0101"


def test_quit_mid_relay_call_names_the_relay_call(settings: Settings, jane: Any) -> None:
    t = take_calls(settings, ["1", *RELAY_PANEL, "", "hello GA", "quit", "y"])
    asked = [line for line in t.lines if line.startswith("A relay call is in progress with ")]
    assert asked == [
        "A relay call is in progress with the caller: quit anyway? "
        "The call is kept and offered back when you start again."
    ]
    assert t.lines[-1] == "Status: Signed out. Goodbye."
    draft = load_draft(jane)
    assert draft is not None and draft.channel == "relay"


def test_quit_at_the_ready_prompt_does_not_ask(settings: Settings, jane: Any) -> None:
    t = take_calls(settings, ["1", "quit"])
    assert not any("quit anyway" in line for line in t.lines)
    assert t.lines[-1] == "Status: Signed out. Goodbye."


def test_quit_while_correcting_a_radio_entry_asks(shift: Shift) -> None:
    t = at_the_radio(
        shift, ["dispatch", "PW12 os wrong place", "correct 1", "quit", "", "quit", "y"]
    )
    sentence = "The correction of entry 1 is not saved: quit anyway and lose it?"
    assert t.lines.count(sentence) == 2
    at = t.lines.index(sentence)
    assert t.lines[at + 1 : at + 3] == [
        "Quit anyway and lose the correction, yes or no, default no: ",
        "No.",
    ]
    assert t.lines[-1] == "Status: Signed out. Goodbye."
    assert [e.message for e in dispatch.list_log(shift.ctx)] == ["wrong place"]
