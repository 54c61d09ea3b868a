"""Issue 14, defects 2 and 4 on the full screen (the screen-reader mode's calls in
tests/linear/test_intake_linked_topics.py): a second caller linked to a duplicate keeps the
request on their call and in their history, and their details; an information call about three
things records the three topics, in order."""

from __future__ import annotations

from typing import Any

from csc_console.services.callers import lookup_by_phone
from csc_console.services.calls import show_call
from csc_console.widgets.lists import ReadList
from tests.linear.intake_support import all_calls, open_request
from tests.linear.test_intake_linked_topics import LINKED_LINES
from tests.ui.helpers import focus_line, message_bar
from tests.ui.intake_kit import (
    SIZE,
    Keys,
    clock_fixture,  # noqa: F401 - fixture
    desk_db_fixture,  # noqa: F401 - fixture
    field_value,
    intake_app,
    ready,
)

SAM_PHONE = "626-555-0199"


async def test_a_second_caller_linked_to_a_duplicate_keeps_the_request(
    desk_db: Any, clock: Any
) -> None:
    existing = open_request(desk_db)  # a neighbour's pothole at 1200 N Lake Ave, 3 days old
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate(SAM_PHONE)
        await k.press("enter")
        assert focus_line(app) == "Caller's name, text field, empty"
        for detail in ("Sam Second", "sam@example.com"):
            await k.dictate(detail)
            await k.press("enter")
        await k.dictate("1300 N Lake Ave")
        await k.press("alt+g")
        await k.dictate("the pothole is getting bigger")
        await k.press("enter")
        await k.press("2", "enter", "2", "enter", "enter", "n", "enter", "enter", "enter")
        assert focus_line(app) == "Address, text field, 1300 N Lake Ave"
        await k.press("ctrl+u")
        await k.dictate("1200 N Lake Ave")
        await k.press("enter")
        assert focus_line(app).startswith(f"Possible duplicates, list, Link to {existing.number}")
        await k.press("alt+l")
        assert message_bar(app) == LINKED_LINES[0]
        assert app.screen.query_one("#result-lines", ReadList).lines == LINKED_LINES
        assert focus_line(app).startswith("Disposition, list, Linked to an existing request")
        await k.press("enter", "enter")
        assert message_bar(app).startswith("Call ended: Linked to an existing request.")

        # Sam calls again: the request is in their history.
        await k.press("enter")
        await k.dictate(SAM_PHONE)
        await k.press("enter")
        history = app.screen.query_one("#history", ReadList)
        assert any(line.startswith(f"{existing.number}: Open") for line in history.lines)
        assert "No open requests." not in history.lines

    call = all_calls(desk_db)[-2]
    assert call.disposition == "linked_to_existing"
    assert call.request_id == existing.id
    assert show_call(desk_db, call_id=call.id or 0).requests == [existing.number]
    known = lookup_by_phone(desk_db, phone=SAM_PHONE)
    assert known is not None
    assert (known.caller.name, known.caller.email, known.caller.address) == (
        "Sam Second",
        "sam@example.com",
        "1300 N Lake Ave",
    )
    assert [r.number for r in known.open_requests] == [existing.number]


async def test_an_information_call_about_three_things_keeps_three_topics(
    desk_db: Any, clock: Any
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0101")
        await k.press("enter", "alt+u", "2", "enter")
        for n, (words, name) in enumerate(
            [
                ("when is my trash day", "Trash Collection Day and Holiday Schedule"),
                ("where do I pay my water bill", "Utility Bills and Payments"),
                ("library hours", "Library Hours and Services"),
            ]
        ):
            assert focus_line(app).startswith("Caller's words, text field")
            await k.press("ctrl+u")
            await k.dictate(words)
            await k.press("enter")
            assert message_bar(app).startswith(f"Topic: {name}. Read the script to the caller.")
            assert focus_line(app).startswith("Topic, list, Say: ")
            await k.press("enter")
            assert focus_line(app).startswith("Next, list, Wrap up the call, selected")
            if n < 2:
                await k.press("2", "enter")  # another topic
        three = (
            "3 topics on this call: Trash Collection Day and Holiday Schedule; Utility Bills "
            "and Payments; Library Hours and Services."
        )
        assert message_bar(app).endswith(three)
        await k.press("enter")  # wrap up
        assert app.screen.query_one("#result-lines", ReadList).lines == [three]
        assert focus_line(app) == "Disposition, list, Information provided, selected, 3 of 10"
        assert field_value(app, "words") == "library hours"
        await k.press("enter", "enter")
        assert message_bar(app).startswith("Call ended: Information provided.")
    call = all_calls(desk_db)[-1]
    assert call.topic_codes == ["collection-day", "utility-billing", "library"]
    assert (call.topic_code, call.disposition) == ("collection-day", "information_provided")
