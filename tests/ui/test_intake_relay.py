"""A relay call (711) on the full-screen Intake screen, by keyboard only: the relay panel, the
transcript with GA, SK and SKSK, shorthand and the etiquette reminder, the request on the same
call, the export and the wrap-up; then what goes wrong (no CA number, markup and escape
sequences in a turn, the database away while a turn is typed). The same calls as the
screen-reader mode's golden transcripts (tests/linear/transcripts/intake_relay_*.txt)."""

from __future__ import annotations

from typing import Any

import pytest

from csc_console.desks import relay as relay_desk
from csc_console.errors import DatabaseUnavailable
from csc_console.screens.help import HelpScreen
from csc_console.screens.intake.relay import RelayPanel
from csc_console.screens.intake.relay_dialogs import EtiquetteModal, ShorthandModal
from csc_console.services import relay
from csc_console.services.outbox import Outbox
from csc_console.services.requests import list_requests
from tests.linear.intake_support import JANE, all_calls
from tests.ui.helpers import (
    cursor_in_focused,
    focus_line,
    message_bar,
    screen_lines,
    screen_text,
    settle,
)
from tests.ui.intake_kit import (
    SIZE,
    Keys,
    clock_fixture,  # noqa: F401 - fixture
    desk_db_fixture,  # noqa: F401 - fixture
    field_value,
    intake_app,
    open_ctx,
    ready,
)

ESC = "\x1b"
OUTAGE = "The database is not reachable (connection refused); nothing was saved."


@pytest.fixture
def relay_db(db_url: str) -> Any:
    """Jane is known (an earlier call), on SQLite and PostgreSQL."""
    from csc_console.config import load_settings
    from tests.linear.intake_support import earlier_call

    ctx = open_ctx(load_settings(database_url=db_url))
    earlier_call(ctx, JANE, days_ago=2)
    yield ctx
    ctx.db.dispose()


async def relay_panel(k: Keys, *, ca: str = "4417") -> None:
    """Answer as Relay, TTY, the CA number (or none), provider and language kept, call-back."""
    await k.press("2", "enter")
    await k.press("1", "enter")
    if ca:
        await k.dictate(ca)
    await k.press("enter", "enter", "enter")
    await k.dictate("711 then 626-555-0101")
    await k.press("enter")


async def test_a_complete_relay_call_by_keyboard(relay_db: Any, clock: Any) -> None:
    app = intake_app(relay_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("2", "enter")
        assert message_bar(app).startswith("Relay call answered at 9:00 AM.")
        assert focus_line(app) == "Relay type, list, nothing selected, 10 choices"
        assert cursor_in_focused(app)
        await k.press("1", "enter")
        assert focus_line(app) == "CA number, text field, empty"
        await k.dictate("4417")
        await k.press("enter")
        assert focus_line(app) == "Relay provider, text field, California Relay Service"
        await k.press("enter")
        assert focus_line(app) == "Relay language, text field, English"
        await k.press("enter")
        await k.dictate("711 then 626-555-0101")
        await k.press("enter")
        assert message_bar(app) == (
            "Relay: TTY (text telephone), CA 4417, California Relay Service, English, "
            "call-back 711 then 626-555-0101."
        )
        assert focus_line(app) == "Turn, text field, empty"
        assert cursor_in_focused(app)
        # The CA's opening, a CA note: Ctrl+N twice from Caller.
        await k.press("ctrl+n", "ctrl+n")
        assert message_bar(app) == "Speaker: CA note."
        await k.dictate("CA 4417 with a TTY caller")
        clock.tick(10)
        await k.press("ctrl+g")
        assert message_bar(app) == "Turn 1 saved. Next: Caller."
        assert field_value(app, "relay-turn") == ""
        await k.dictate("hi my trash was not picked up and theres a pothole")
        clock.tick(30)
        await k.press("ctrl+g")
        assert message_bar(app) == "Turn 2 saved. Next: CSR."
        await k.dictate("What is your phone")
        await k.press("ctrl+t")
        assert isinstance(app.screen, ShorthandModal)
        assert focus_line(app).startswith("Relay shorthand. Shorthand, list, GA: Go ahead")
        await k.press("9", "enter")  # NBR
        assert field_value(app, "relay-turn") == "What is your phone NBR "
        assert focus_line(app) == "Intake. Turn, text field, What is your phone NBR"
        clock.tick(20)
        await k.press("ctrl+g")
        assert message_bar(app) == "Turn 3 saved. Next: Caller."
        await k.press("ctrl+l")
        assert isinstance(app.screen, EtiquetteModal)
        assert "1. Never hang up on a relay call." in focus_line(app)
        assert "Speak directly to the caller" in screen_text(app)
        await k.press("escape")
        assert focus_line(app) == "Intake. Turn, text field, empty"
        lines = app.screen.query_one("#relay-turns").lines
        assert lines == [
            "1. 9:00:10 AM, CA note: CA 4417 with a TTY caller GA",
            "2. 9:00:40 AM, Caller: hi my trash was not picked up and theres a pothole GA",
            "3. 9:01:00 AM, CSR: What is your phone NBR GA",
        ]
        # Enter on an empty turn: on to the request, on the same call.
        await k.press("enter")
        assert focus_line(app) == "Caller's phone, text field, empty"
        await k.dictate("626-555-0101")
        await k.press("enter")
        await k.dictate("there's a big pothole in front of my house")
        await k.press("enter")
        await k.press("2", "enter", "2", "enter", "enter", "n", "enter", "enter", "enter")
        await k.press("enter", "enter")  # address (verified: no cross street), description
        assert message_bar(app).startswith("Request SR-2026-000001 saved.")
        assert focus_line(app) == "Disposition, list, Request created, selected, 1 of 10"
        # Back to the transcript to close: the caller's SK, the CSR's SKSK.
        await k.press("alt+v")
        assert focus_line(app) == "Turn, text field, empty"
        await k.dictate("thx bye")
        await k.press("ctrl+s")
        assert message_bar(app) == "Turn 4 saved. Next: CSR."
        await k.press("ctrl+f")
        assert message_bar(app) == "Turn 5 saved. Next: Caller."
        await k.press("ctrl+y")
        said = message_bar(app)
        assert said.startswith("Transcript saved to ") and said.endswith(".txt.")
        await k.press("alt+z", "enter", "enter")
        assert message_bar(app).startswith("Call ended: Request created.")
    call = all_calls(relay_db)[-1]
    assert call.channel == "relay" and call.disposition == "request_created"
    [request] = list_requests(relay_db, category="potholes")
    assert request.channel == "relay"
    r = relay.get_relay(relay_db, call_id=call.id)
    assert r is not None and (r.relay_type, r.ca_number, r.flags) == ("tty", "4417", [])
    assert [(t.seq, t.speaker, t.text) for t in r.turns] == [
        (1, "ca", "CA 4417 with a TTY caller GA"),
        (2, "caller", "hi my trash was not picked up and theres a pothole GA"),
        (3, "csr", "What is your phone NBR GA"),
        (4, "caller", "thx bye SK"),
        (5, "csr", "SKSK"),
    ]
    [exported] = relay_desk.exports_dir().glob(f"relay-call-{call.id}-*.txt")
    assert "Caller: thx bye SK" in exported.read_text(encoding="utf-8")


async def test_relay_bad_input_and_a_database_away(
    desk_db: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("csc_console.screens.intake.relay.RETRY_SECONDS", 0.3)
    original, calls = relay.add_turn, [0]

    def flaky(ctx: Any, **kwargs: Any) -> Any:  # the second turn save fails, once
        calls[0] += 1
        if calls[0] == 2:
            raise DatabaseUnavailable(OUTAGE)
        return original(ctx, **kwargs)

    monkeypatch.setattr(relay, "add_turn", flaky)
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("2", "enter")
        await k.press("ctrl+g")  # no relay type yet
        assert message_bar(app) == "Error: Choose the relay type first."
        assert focus_line(app) == "Relay type, list, nothing selected, 10 choices"
        await k.press("1", "enter", "enter")  # no CA number
        assert message_bar(app).startswith("Warning: No CA number: ask the communications")
        await k.press("enter", "enter", "enter")
        assert message_bar(app) == (
            "Warning: Relay: TTY (text telephone), CA number missing, California Relay Service, "
            "English. No CA number: ask the communications assistant for it; the call "
            "is flagged 'CA number missing'."
        )
        assert focus_line(app) == "Turn, text field, empty"
        await k.press("ctrl+s")  # an empty turn: the marker alone
        assert message_bar(app) == "Turn 1 saved. Next: CSR."
        await k.dictate(f"[bold]help[/bold] {ESC}[31mred{ESC}[0m")
        await k.press("ctrl+g", wait=False)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        # Said in one line (the retry timer may already have said the next one).
        assert (
            "Warning: The database is not reachable (connection refused): turn 2 is kept on "
            "this computer and saved when the database returns."
        ) in [entry.bar_text for entry in app.message_log]
        turns = app.screen.query_one("#relay-turns").lines
        if calls[0] == 2:  # not retried yet
            assert turns[1].endswith(
                "CSR: [bold]help[/bold] <ESC>[31mred<ESC>[0m GA (kept, not saved yet)"
            )
        assert ESC not in screen_text(app)
        await pilot.pause(0.6)  # the retry timer finds the database back
        await settle(pilot)
        assert message_bar(app) == "The database is back: 1 kept turn saved."
        assert "(kept" not in app.screen.query_one("#relay-turns").lines[1]
        await k.press("tab", "tab")  # the transcript, shown literally, the latest turn first
        assert focus_line(app) == (
            "Transcript, list, 2. 9:00:00 AM, CSR: [bold]help[/bold] <ESC>[31mred<ESC>[0m GA, "
            "2 of 2"
        )
        assert cursor_in_focused(app)
        assert "CSR: [bold]help[/bold] <ESC>[31mred" in screen_lines(app)[app.cursor_position.y]
        await k.press("alt+v")
        # The call drops; a call-back through 711.
        await k.press("ctrl+o")
        assert message_bar(app).startswith("The relay call is recorded as dropped.")
        await k.press("ctrl+b")
        assert message_bar(app).startswith("Error: Type what happened on the call-back")
        await k.dictate("No answer through 711")
        await k.press("ctrl+b")
        assert message_bar(app) == "Call-back attempt 1 recorded."
        await k.press("alt+z")
        assert message_bar(app).startswith("Warning: No CA number")
        assert focus_line(app) == "Disposition, list, Dropped, selected, 8 of 10"
        await k.press("enter", "enter")
    call = all_calls(desk_db)[-1]
    assert call.disposition == "dropped"
    r = relay.get_relay(desk_db, call_id=call.id)
    assert r is not None and r.flags == ["CA number missing", "dropped, 1 call-back attempt"]
    assert [(t.seq, t.speaker, t.text) for t in r.turns] == [
        (1, "caller", "SK"),
        (2, "csr", f"[bold]help[/bold] {ESC}[31mred{ESC}[0m GA"),
        (3, "ca", "Call-back attempt 1: No answer through 711"),
    ]
    assert Outbox("maria").pending() == []


async def test_relay_keys_are_in_help_and_the_palette(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter", "alt+v")  # a phone call has no relay panel
        assert message_bar(app).startswith("Warning: This is not a relay call")
        assert not app.screen.query_one("#relay-panel").display
        await k.press("alt+k", "2", "enter", "1", "enter", "alt+v")
        assert focus_line(app) == "Turn, text field, empty"
        await k.press("alt+h")
        assert isinstance(app.screen, HelpScreen)
        lines = app.screen.query_one("#help-keys").lines
        for binding in RelayPanel.BINDINGS:
            assert any(line.endswith(f": {binding.description}") for line in lines), binding
        assert "Ctrl+G: End the turn with GA and record it" in lines
        assert "Alt+V: Relay call: the transcript" in lines
        await k.press("escape", "ctrl+p", *"relay etiq")
        assert any("Relay etiquette reminder" in line for line in screen_text(app).splitlines())


async def test_a_relay_call_begun_in_line_mode_goes_on_here(desk_db: Any, clock: Any) -> None:
    from csc_console.config import load_settings
    from tests.linear.intake_support import take_calls

    settings = load_settings(database_url=desk_db.db.url)
    first = ["1", "2", "1", "4417", "", "", "711 then 626-555-0101", "hello GA", "what is your address GA"]
    take_calls(settings, first, kill_after=len(first))  # the console dies mid-transcript
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Resume it?" in screen_text(app)
        await pilot.press("enter")
        await ready(pilot)
        k = Keys(pilot)
        assert focus_line(app).endswith("Turn, text field, empty")
        assert field_value(app, "relay-ca") == "4417"
        assert [line.split(", ", 1)[1] for line in app.screen.query_one("#relay-turns").lines] == [
            "Caller: hello GA",
            "CSR: what is your address GA",
        ]
        assert app.screen.query_one("#relay-speaker").value == "caller"
        await k.dictate("1200 N Lake")
        await k.press("ctrl+g")
        assert message_bar(app) == "Turn 3 saved. Next: CSR."
    r = relay.get_relay(desk_db, call_id=all_calls(desk_db)[-1].id)
    assert r is not None and [t.seq for t in r.turns] == [1, 2, 3]


async def test_tab_through_the_relay_panel(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("2", "enter")
        stops = []
        for _ in range(9):
            assert cursor_in_focused(app), focus_line(app)
            stops.append(focus_line(app))
            await k.press("tab")
        assert stops == [
            "Relay type, list, nothing selected, 10 choices",
            "CA number, text field, empty",
            "Relay provider, text field, California Relay Service",
            "Relay language, text field, English",
            "Relay call-back, text field, empty",
            "Turn, text field, empty",
            "Speaker, list, Caller, selected, 1 of 3",
            "Transcript, list, No turns yet",
            "Caller's phone, text field, empty",
        ]


async def test_the_relay_panel_is_kept_through_an_outage(
    desk_db: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    original, left = relay.set_details, [1]

    def flaky(ctx: Any, **kwargs: Any) -> Any:
        if left[0]:
            left[0] -= 1
            raise DatabaseUnavailable(OUTAGE)
        return original(ctx, **kwargs)

    monkeypatch.setattr(relay, "set_details", flaky)
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await relay_panel(k)
        assert message_bar(app) == (
            f"Error: {OUTAGE} The relay panel is kept and saved with the next turn."
        )
        assert focus_line(app) == "Turn, text field, empty"
        await k.dictate("hello")
        await k.press("ctrl+g")
        assert message_bar(app) == "Turn 1 saved. Next: CSR."
    r = relay.get_relay(desk_db, call_id=all_calls(desk_db)[-1].id)
    assert r is not None and r.ca_number == "4417" and [t.text for t in r.turns] == ["hello GA"]


async def test_the_plain_look_has_no_box_characters_in_a_relay_call(
    desk_db: Any, clock: Any
) -> None:
    from tests.ui.helpers import box_characters

    app = intake_app(desk_db, plain=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await relay_panel(k)
        await k.dictate("hello")
        await k.press("ctrl+g")
        assert box_characters(app) == set()
        await k.press("ctrl+t")
        assert isinstance(app.screen, ShorthandModal)
        assert box_characters(app) == set()
        await k.press("escape", "ctrl+l")
        assert isinstance(app.screen, EtiquetteModal)
        assert box_characters(app) == set()
