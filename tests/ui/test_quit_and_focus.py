"""Quitting mid-call asks first, and keeps what is being typed; the focused control is always in
view (issue 14, defects 5 and 6).

- Ctrl+Q (and the palette's Quit) during a call asks the desk's one quit question (the words the
  screen-reader mode says, ``desks.quit``); the cursor starts on "Stay", so Enter stays. Quitting
  anyway writes the draft at once, with the text of the field being typed, and the call is
  offered back at the next start.
- At 120x40 and 80x24, for a known caller, the description field and, after the save, the
  result and the disposition list are inside the visible part of the form.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.widget import Widget

from csc_console.desks.quit import CALL_KEPT, call_in_progress, quit_question
from csc_console.screens.intake import IntakeScreen
from csc_console.screens.intake.dialogs import ResumeModal
from csc_console.screens.quit import QuitModal
from csc_console.services.intake import load_draft
from csc_console.widgets.a11y.cursor import visible_region
from tests.ui.helpers import focus_line, settle
from tests.ui.intake_kit import (
    SIZE,
    Keys,
    clock_fixture,  # noqa: F401 - fixture
    desk_db_fixture,  # noqa: F401 - fixture
    flat,
    intake_app,
    ready,
)

POTHOLE = "there's a big pothole in front of my house"


async def new_caller_typing_name(k: Keys) -> None:
    """A call from a new caller, the CSR in the middle of typing the name (no Enter yet)."""
    await k.press("enter")
    await k.dictate("626-555-0199")
    await k.press("enter")
    assert focus_line(k.pilot.app) == "Caller's name, text field, empty"
    await k.press(*"Sam Smi")


async def test_ctrl_q_mid_call_asks_and_enter_stays(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await new_caller_typing_name(k)
        await k.press("ctrl+q")
        assert isinstance(app.screen, QuitModal)
        sentence = quit_question(
            call_in_progress(name="Sam Smi", phone="(626) 555-0199", relay=False, kept=True)
        ).sentence
        assert sentence == (
            "A call is in progress with Sam Smi, (626) 555-0199: quit anyway? "
            "The call is kept and offered back when you start again."
        )
        assert sentence in flat(app)
        assert focus_line(app).endswith("Stay, button")
        await k.press("enter")  # the explicit answer is needed: Enter alone stays
        assert isinstance(app.screen, IntakeScreen)
        assert app.is_running
        assert focus_line(app).startswith("Intake. Caller's name, text field, Sam Smi")
        await k.press(*"th")
        # The palette's Quit is the same action, and asks the same question.
        await app.action_quit()
        await settle(pilot)
        assert isinstance(app.screen, QuitModal)
        await k.press("n")  # N stays, as Escape does; Y quits
        assert isinstance(app.screen, IntakeScreen)
        assert focus_line(app).startswith("Intake. Caller's name, text field, Sam Smith")


async def test_quitting_anyway_keeps_the_field_being_typed(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await new_caller_typing_name(k)
        await k.press("ctrl+q")
        assert isinstance(app.screen, QuitModal)
        await pilot.press("tab")
        await settle(pilot)
        assert focus_line(app).endswith("Quit; keep the call, button")
        await pilot.press("enter")  # quit at once: no half-second pause for the draft
        await pilot.pause()
    assert app.farewell == CALL_KEPT
    draft = load_draft(desk_db)
    assert draft is not None
    assert (draft.phone, draft.name, draft.step) == ("(626) 555-0199", "Sam Smi", "name")
    # Started again: the call is offered back with the name as it was being typed.
    again = intake_app(desk_db)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ResumeModal)
        await pilot.press("enter")
        await settle(pilot)
        assert focus_line(again).startswith("Intake. Caller's name, text field, Sam Smi")


async def test_quit_with_no_call_does_not_ask(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.farewell == ""
    assert load_draft(desk_db) is None


# --------------------------------------------------------------------------- focus in view
def in_view(app: Any) -> Widget:
    """The focused control, asserted to be wholly inside the visible part of the form."""
    focused: Widget | None = app.focused
    assert focused is not None
    form = app.screen.query_one("#intake-form")
    shown = visible_region(focused)
    assert shown.size == focused.region.size, (focused, shown, focused.region)
    assert visible_region(form).contains_region(shown), (focused, shown, visible_region(form))
    return focused


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_focused_field_is_always_in_view(
    desk_db: Any, clock: Any, size: tuple[int, int]
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0101")  # Jane Caller: known, with her history listed
        await k.press("enter")
        assert in_view(app).id == "words"
        await k.dictate(POTHOLE)
        await k.press("enter", "2", "enter", "2", "enter", "enter", "n", "enter", "enter", "enter")
        assert in_view(app).id == "address"
        await k.press("enter")  # her address, verified: no cross street asked
        assert in_view(app).id == "description"
        await k.press("alt+s")
        assert in_view(app).id == "disposition"  # after the save, the wrap-up
        # Every Tab and Shift+Tab lands in view too.
        for key in ("shift+tab", "shift+tab", "shift+tab", "tab", "tab", "tab", "tab"):
            await k.press(key)
            in_view(app)


async def test_ctrl_q_mid_relay_call_names_the_relay_call(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("2", "enter")  # a relay call
        await k.press("ctrl+q")
        assert isinstance(app.screen, QuitModal)
        assert (
            "A relay call is in progress with the caller: quit anyway? "
            "The call is kept and offered back when you start again."
        ) in flat(app)
        await k.press("y")
        await pilot.pause()
    assert app.farewell == CALL_KEPT
    draft = load_draft(desk_db)
    assert draft is not None and draft.channel == "relay"
