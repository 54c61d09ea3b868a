"""The Dispatch workspace by keyboard: command line with completions, form, errors that keep the
typed text, the "is the work completed?" question kept open until Alt+Q (lines typed ahead
stay radio lines), board check-ins and stale text, log search,
corrections, export, and a board that repaints nothing while nothing changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from csc_console.screens.dispatch.dialogs import WorkDoneModal
from csc_console.services import dispatch
from csc_console.services.workorders import get_work_order
from csc_console.widgets.radio import BoardTable, CommandLine, CompletionList
from tests.ui.dispatch_kit import (
    SIZE,
    Clock,
    Desk,
    board_row,
    clock_fixture,  # noqa: F401 - the "clock" fixture
    console,
    desk_fixture,  # noqa: F401 - the "desk" fixture
    log_lines,
    make_desk,
    open_dispatch,
    paste_line,
    type_line,
)
from tests.ui.helpers import (
    char_at_cursor,
    cursor_in_focused,
    focus_line,
    message_bar,
    screen_text,
    settle,
    until,
)


async def test_a_radio_line_with_completions_logs_and_moves_the_work_order(
    desk: Desk, clock: Clock
) -> None:
    app = console(desk)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dispatch(pilot, desk)
        assert focus_line(app) == "Dispatch. Radio, text field, empty"
        assert cursor_in_focused(app)
        command = screen.query_one("#command", CommandLine)
        completions = screen.query_one("#completions", CompletionList)

        await type_line(pilot, "pw1", enter=False)
        assert [value for value, _ in completions.items] == ["PW1", "PW10", "PW11"]
        assert "PW1: Streets supervisor" in screen_text(app)
        await pilot.press("down")  # the completions are reachable: cursor and focus line on them
        await settle(pilot)
        assert focus_line(app) == "Completions, list, PW1: Streets supervisor, 1 of 3"
        assert char_at_cursor(app) == "P"
        await pilot.press("2", "tab")  # typing returns to the text; Tab takes the completion
        await settle(pilot)
        assert command.value == "PW12 "
        assert completions.items[0] == ("av", "av (Available)")  # then the statuses
        await type_line(pilot, "o", enter=False)
        assert completions.items[0] == ("os", "os (On scene)")
        await pilot.press("tab")
        await paste_line(pilot, f"{desk.wo} patched [bold]two[/bold] holes")

        said = f"Logged 09:00:00 PW12 On scene {desk.wo}: patched [bold]two[/bold] holes."
        assert message_bar(app) == said
        assert command.value == ""
        assert focus_line(app).startswith(
            "Radio, text field, "
        )  # typing is echoed, not re-announced
        assert cursor_in_focused(app)
        assert board_row(screen, "PW12")[:4] == (
            "On scene",
            "PW12",
            "0 min",
            f"{desk.wo} @ 1200 N Lake Ave",
        )
        assert (
            log_lines(screen)[-1]
            == f"#1 09:00:00 PW12 On scene {desk.wo}: patched [bold]two[/bold] holes"
        )
        assert "patched [bold]two[/bold] holes" in screen_text(app)  # markup shown, not applied
        assert get_work_order(desk.ctx, number=desk.wo).status == "in_progress"


async def test_an_error_keeps_the_typed_line_for_correcting(
    desk: Desk, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    dispatch.log_command(desk.ctx, "PW3 oos flat tire", now=clock.now)
    app = console(desk)
    rings: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(True))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dispatch(pilot, desk)
        command = screen.query_one("#command", CommandLine)
        for line, error in (
            ("PW99 os", "Error: There is no unit 'PW99'. Did you mean PW9, PW19, PW29?"),
            ("PW12 onsene WO-2026-1", "Error: Unknown status 'onsene'. Did you mean On scene?"),
            (
                "PW3 d",
                "Error: PW3 is out of service (since 09:00); put it back in service first (PW3 av).",
            ),
            ("PW12 os WO-2026-999999", "Error: There is no work order WO-2026-999999."),
        ):
            rings.clear()
            await paste_line(pilot, line)
            assert message_bar(app) == error
            assert command.value == line  # the text stays for correcting
            assert rings == [True]
            assert cursor_in_focused(app)
            command.value = ""
        assert [e.message for e in dispatch.list_log(desk.ctx)] == ["flat tire"]
        await paste_line(pilot, "PW12 copy, heading back")  # a plain note
        assert message_bar(app) == "Logged 09:00:00 PW12: copy, heading back."


async def test_clear_with_an_open_work_order_asks_and_completes_it(
    desk: Desk, clock: Clock
) -> None:
    app = console(desk)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dispatch(pilot, desk)
        for line, minutes in ((f"PW12 d {desk.wo}", 0), ("PW12 er", 2), ("PW12 os", 18)):
            clock.tick(minutes)
            await paste_line(pilot, line)
        clock.tick(45)
        await paste_line(pilot, "PW12 clr")
        assert app.screen is screen  # the question waits; the radio line keeps the keyboard
        assert message_bar(app) == (
            f"Logged 10:05:00 PW12 Cleared {desk.wo}. Is the work on {desk.wo} completed? "
            "Alt+Q answers it when you are ready."
        )
        assert f"Is the work on {desk.wo} completed? Alt+Q: answer." in screen_text(app)
        assert focus_line(app).endswith("Radio, text field, empty")
        await pilot.press("alt+q")
        await settle(pilot)
        assert isinstance(app.screen, WorkDoneModal)
        await pilot.press("escape")  # not now: the question stays open
        await settle(pilot)
        assert app.screen is screen
        assert message_bar(app) == "The question stays open; Alt+Q answers it."
        await pilot.press("alt+q")
        await settle(pilot)
        assert isinstance(app.screen, WorkDoneModal)
        assert focus_line(app).endswith("Resolution, text field, empty")
        await pilot.press("enter")  # nothing typed: the resolution is required
        await settle(pilot)
        assert isinstance(app.screen, WorkDoneModal)
        await type_line(pilot, "Patched")
        assert app.screen is screen
        assert message_bar(app) == f"{desk.wo} is completed: Patched."
        wo = get_work_order(desk.ctx, number=desk.wo)
        assert (wo.status, wo.resolution) == ("completed", "Patched")
        assert board_row(screen, "PW12")[:3] == ("Cleared", "PW12", "0 min")


async def test_the_form_logs_the_same_entry_field_by_field(desk: Desk, clock: Clock) -> None:
    app = console(desk)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dispatch(pilot, desk)
        await pilot.press("alt+f")
        await settle(pilot)
        assert focus_line(app) == "Unit, pop-up list, nothing selected"
        await pilot.press("enter", *"PW7", "enter", "tab")
        await settle(pilot)
        assert focus_line(app) == "Status, pop-up list, No status, a note"
        await pilot.press("enter", *"En", "enter", "tab")
        await paste_line(pilot, desk.wo, enter=False)
        await pilot.press("tab")
        await type_line(pilot, "omw @ x")
        assert message_bar(app) == f"Logged 09:00:00 PW7 En route {desk.wo}: omw @ x."
        assert board_row(screen, "PW7")[0] == "En route"
        assert focus_line(app).startswith(
            "Status, pop-up list, No status, a note"
        )  # ready for the next
        await pilot.press("alt+l")
        await settle(pilot)
        assert focus_line(app) == "Radio, text field, empty"


async def test_a_stale_unit_is_flagged_in_words_and_checked_in_with_one_key(
    desk: Desk, clock: Clock
) -> None:
    app = console(desk)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dispatch(pilot, desk)
        await paste_line(pilot, "PW5 os @ 55 E Walnut St")
        clock.tick(95)
        screen.poll()
        await settle(pilot)
        assert board_row(screen, "PW5") == (
            "On scene",
            "PW5",
            "1 h 35 min",
            "55 E Walnut St",
            "STALE: over 90 min",
        )
        assert (
            "Board: 32 units in service, 1 busy, 1 stale, stale ones first. C: check in."
            in screen_text(app)
        )
        said = "Warning: PW5 is stale: on scene 1 h 35 min (check-in after 90 min)."
        assert message_bar(app) == said
        await pilot.press("alt+u")
        await settle(pilot)
        assert focus_line(app) == (
            "Board, table, On scene, PW5, for 1 h 35 min, at 55 E Walnut St. "
            "STALE: on scene 1 h 35 min (check-in after 90 min), row 1 of 32"
        )
        assert cursor_in_focused(app)
        assert screen_text(app).splitlines()[app.cursor_position.y].lstrip().startswith("On scene")
        await pilot.press("c")
        await settle(pilot)
        assert message_bar(app) == "Logged 10:35:00 PW5: Check-in: still on scene."
        assert board_row(screen, "PW5")[4] == ""
        assert screen.query_one("#board", BoardTable).current.key == "PW5"  # type: ignore[union-attr]
        await pilot.press("enter")  # Enter on a row starts a radio line for that unit
        await settle(pilot)
        assert focus_line(app) == "Radio, text field, PW5"
        assert screen.query_one("#command", CommandLine).value == "PW5 "


async def test_log_search_correction_and_literal_text(desk: Desk, clock: Clock) -> None:
    dispatch.log_command(desk.ctx, "PW12 copy [red]x[/red] \x1b[31m", now=clock.now)
    dispatch.log_command(desk.ctx, "PW7 er", now=clock.now)
    dispatch.log_command(desk.ctx, "PW12 os wrong place", now=clock.now)
    app = console(desk)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dispatch(pilot, desk)
        assert "copy [red]x[/red] <ESC>[31m" in screen_text(app)
        await pilot.press("alt+s")
        await type_line(pilot, "pw12 since 8:00")
        assert [line.split(" ", 1)[0] for line in log_lines(screen)] == ["#1", "#3"]
        assert "Radio log (unit PW12, since 8:00 AM): 2 entries" in screen_text(app)
        await pilot.press("alt+g")
        await settle(pilot)
        assert focus_line(app) == "Radio log, list, #3 09:00:00 PW12 On scene: wrong place, 2 of 2"
        assert cursor_in_focused(app)
        await pilot.press("e")
        await settle(pilot)
        command = screen.query_one("#command", CommandLine)
        assert command.value == "PW12 os wrong place"
        assert focus_line(app) == "Correct #3, text field, PW12 os wrong place"
        await pilot.press("escape")  # changed my mind
        await settle(pilot)
        assert (command.value, message_bar(app)) == ("", "Correction stopped; nothing was logged.")
        await pilot.press("alt+g", "e")
        await settle(pilot)
        assert command.value == "PW12 os wrong place"
        await pilot.press(*["backspace"] * len("wrong place"))
        await settle(pilot)
        assert command.value == "PW12 os "
        await paste_line(pilot, "right place")
        assert message_bar(app) == "Logged 09:00:00 PW12 On scene: right place (corrects entry 3)."
        assert focus_line(app) == "Radio, text field, empty"
        assert [e.corrects for e in dispatch.list_log(desk.ctx)] == [None, None, None, 3]
        await pilot.press("alt+s", "ctrl+u", "enter")  # an empty search shows everything again
        await settle(pilot)
        assert len(log_lines(screen)) == 4


async def test_the_shift_log_is_exported_and_the_file_is_named(desk: Desk, clock: Clock) -> None:
    dispatch.log_command(desk.ctx, "PW12 os", now=clock.now)
    app = console(desk)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispatch(pilot, desk)
        for key, suffix, first in (
            ("alt+t", ".txt", "Radio log: 1 entry."),
            ("alt+v", ".csv", "id,at,unit"),
        ):
            await pilot.press(key)
            await settle(pilot)
            said = message_bar(app)
            assert said.startswith("Shift log saved as ") and "1 entry (the last 12 hours)" in said
            path = Path(said.rsplit(": ", 1)[1])
            assert path.suffix == suffix
            assert path.read_text(encoding="utf-8").startswith(first)


async def test_the_board_refresh_writes_nothing_while_nothing_changes(
    desk: Desk, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = console(desk)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dispatch(pilot, desk)
        await paste_line(pilot, "PW2 os")  # PW2: on the second row, on screen
        table = screen.query_one("#board", BoardTable)
        frames: list[int] = []
        original = type(app)._display

        def counting(self: Any, shown: Any, renderable: Any) -> None:
            if renderable is not None:
                frames.append(1)
            original(self, shown, renderable)

        monkeypatch.setattr(type(app), "_display", counting)
        for _ in range(3):
            screen.poll()  # what the timer does every few seconds
            await settle(pilot)
        assert frames == []
        clock.tick(1)  # a minute later: only PW2's time cell changes
        screen.poll()
        await settle(pilot)
        assert table.cells_written == 1
        assert board_row(screen, "PW2")[2] == "1 min"
        assert frames
        frames.clear()
        screen.poll()
        await settle(pilot)
        assert frames == []
        dispatch.log_command(desk.ctx, "PW7 copy", now=clock.now)  # another console logged
        screen.poll()
        await settle(pilot)
        assert log_lines(screen)[-1] == "#2 09:01:00 PW7: copy"
        assert screen.polling
        await pilot.press("f5")  # out of sight: the timer stops
        await settle(pilot)
        assert not screen.polling
        await pilot.press("f4")
        await settle(pilot)
        assert screen.polling and app.screen is screen


async def test_lines_typed_ahead_after_a_clear_are_logged_and_the_question_waits(
    db_url: str, clock: Clock
) -> None:
    """Issue 14, defect 1: three radio lines typed as one burst (all keys queued before the
    first save returns) are three entries; the clear's question waits for Alt+Q, whose dialog
    holds the clear line's words."""
    from textual import events
    from textual.keys import _character_to_key

    made = make_desk(db_url)
    try:
        app = console(made)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_dispatch(pilot, made)
            await paste_line(pilot, f"to PW12 d {made.wo}")
            burst = "PW12 cl patched two holes\rPW4 enrt 900 E Colorado Blvd\rpw5 10-8\r"
            for char in burst:  # all queued before any is handled, as a terminal delivers them
                key = "enter" if char == "\r" else _character_to_key(char)
                app.post_message(events.Key(key, char))
            await settle(pilot)
            await until(pilot, lambda: len(log_lines(screen)) == 4)
            assert [line.split(" ", 2)[2] for line in log_lines(screen)[1:]] == [
                f"PW12 Cleared {made.wo}: patched two holes",
                "PW4 En route: 900 E Colorado Blvd",
                "PW5: 10-8",
            ]
            assert app.screen is screen
            assert screen.command.value == ""
            wo = get_work_order(made.ctx, number=made.wo)
            assert wo.status != "completed" and wo.resolution != "pw5 10-8"
            assert (
                f"Is the work on {made.wo} completed? Resolution: 'patched two holes'. "
                "Alt+Q: answer." in screen_text(app)
            )
            await pilot.press("alt+q")
            await settle(pilot)
            assert isinstance(app.screen, WorkDoneModal)
            assert focus_line(app).endswith("Resolution, text field, patched two holes")
            await pilot.press("enter")
            await settle(pilot)
            await until(pilot, lambda: "is completed" in message_bar(app))
            assert message_bar(app) == f"{made.wo} is completed: patched two holes."
            assert app.screen is screen
            assert "Alt+Q: answer" not in screen_text(app)
        done = get_work_order(made.ctx, number=made.wo)
        assert (done.status, done.resolution) == ("completed", "patched two holes")
        assert [(e.unit, e.message) for e in dispatch.list_log(made.ctx)] == [
            ("PW12", ""),
            ("PW12", "patched two holes"),
            ("PW4", "900 E Colorado Blvd"),
            ("PW5", "10-8"),
        ]
    finally:
        made.ctx.db.dispose()


def test_the_work_order_detail_lists_its_radio_entries(desk: Desk, clock: Clock) -> None:
    from csc_console.screens.work_orders.radio import radio_log_lines

    wo = get_work_order(desk.ctx, number=desk.wo)
    assert radio_log_lines(desk.ctx, wo) == []  # the list then says there are none
    for line, minutes in ((f"PW12 d {desk.wo}", 0), ("PW12 os [b]x[/b]", 20), ("PW12 clr", 30)):
        clock.tick(minutes)
        dispatch.log_command(desk.ctx, line, now=clock.now)
    assert radio_log_lines(desk.ctx, wo) == [
        "Travel time: 20 min",
        "Time on scene: 30 min",
        "Unit busy: 50 min",
        f"09:00:00 to PW12 Dispatched {desk.wo}",
        f"09:20:00 PW12 On scene {desk.wo}: [b]x[/b]",
        f"09:50:00 PW12 Cleared {desk.wo}",
    ]


async def test_a_bad_line_in_a_burst_comes_back_and_the_next_is_logged(
    desk: Desk, clock: Clock
) -> None:
    from textual import events
    from textual.keys import _character_to_key

    app = console(desk)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dispatch(pilot, desk)
        for char in "PW99 os\rPW12 copy\r":  # queued before the first save returns
            key = "enter" if char == "\r" else _character_to_key(char)
            app.post_message(events.Key(key, char))
        await settle(pilot)
        await until(pilot, lambda: len(log_lines(screen)) == 1)
        assert log_lines(screen) == ["#1 09:00:00 PW12: copy"]
        # The bad line is never lost: back on the command line when it was empty by then,
        # otherwise named in the message (when the error comes back depends on the machine).
        said = [m.text for m in app.message_log]
        assert screen.command.value == "PW99 os" or (
            screen.command.value == ""
            and any(m.startswith("Not logged: PW99 os. There is no unit") for m in said)
        ), said


async def test_the_answer_key_is_in_help_and_in_the_palette(desk: Desk, clock: Clock) -> None:
    from csc_console.screens.help import HelpScreen
    from tests.ui.helpers import screen_lines

    app = console(desk)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispatch(pilot, desk)
        await pilot.press("alt+q")  # no open question: said, nothing opens
        await settle(pilot)
        assert message_bar(app) == "No open questions."
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = app.screen.query_one("#help-keys").lines  # type: ignore[attr-defined]
        assert "Alt+Q: Work completed? Answer the open question" in lines
        assert "F8 or Alt+W: Where am I" in lines  # Alt+W stays the app's
        await pilot.press("escape", "ctrl+p", *"work completed")
        await settle(pilot)
        assert any("Work completed? Answer the open question" in line for line in screen_lines(app))


async def test_quit_with_a_radio_line_half_typed_asks_and_keeps_it(
    desk: Desk, clock: Clock
) -> None:
    from csc_console.desks.quit import WorkInProgress, WorkKind, quit_question
    from csc_console.screens.quit import QuitModal

    app = console(desk)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dispatch(pilot, desk)
        await type_line(pilot, "PW12 en", enter=False)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, QuitModal)
        question = quit_question(WorkInProgress(WorkKind.OTHER, "the radio line 'PW12 en'"))
        assert question.sentence in screen_text(app)
        await pilot.press("enter")  # the cursor starts on Stay
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#command", CommandLine).value == "PW12 en"
