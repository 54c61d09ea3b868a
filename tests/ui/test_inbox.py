"""The Inbox workspace by keyboard (Pilot): respond-by order, claiming, a claim lost to a
colleague, a message made into a request, an information answer; the cursor and the focus line
follow the rules of the accessibility base."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from csc_console.config import load_settings
from csc_console.db.types import utcnow
from csc_console.screens.error import ErrorModal
from csc_console.screens.inbox import InboxScreen
from csc_console.screens.inbox.answer_dialog import AnswerDialog
from csc_console.screens.inbox.request_dialog import RequestDialog
from csc_console.services.inbox import NewMessage, add_message, get_message
from csc_console.services.inbox_claims import claim_message
from csc_console.services.requests import get_request
from csc_console.widgets.lists import ReadList
from tests.ui.helpers import (
    cursor_in_focused,
    focus_line,
    make_app,
    message_bar,
    screen_text,
    settle,
)

SIZE = (120, 40)


@pytest.fixture
def inbox_ctx(sqlite_url: str) -> Iterator[Any]:
    """Maria (CSR) and Lee (CSR) on a database with two messages: an overdue web report with
    its Open311 answers, and a fresh LiveChat message with markup and an escape sequence."""
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import create_operator, sign_in

    ctx = open_context(load_settings(database_url=sqlite_url))
    admin = ctx.as_operator(sign_in(ctx, username="admin", display_name="Ada Admin"))
    create_operator(admin, username="maria", display_name="Maria Lopez", role="csr")
    lee = create_operator(admin, username="lee", display_name="Lee Chan", role="csr")
    now = utcnow()
    add_message(
        ctx,
        NewMessage(
            channel="web",
            body="Deep pothole in the right lane",
            name="Jo Resident",
            email="jo@example.com",
            subject="Potholes",
            address="1200 N Lake Ave",
            received_at=now - timedelta(days=6),
            token="tok-1",
            details={
                "service_code": "potholes",
                "attributes": {
                    "location_in_street": "right-lane",
                    "size": "medium",
                    "hazard": "no",
                },
                "reason": "Address not found in the city's street file.",
            },
        ),
    )
    add_message(
        ctx,
        NewMessage(
            channel="live_chat",
            body="[bold]When[/bold] is my trash day? \x1b[31m",
            name="Ana Ruiz",
            email="ana@example.com",
            received_at=now,
        ),
    )
    ctx_with_lee = ctx.as_operator(lee)
    yield ctx_with_lee
    ctx.db.dispose()


async def open_inbox(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("f9")
    await settle(pilot)
    assert isinstance(pilot.app.screen, InboxScreen)


async def test_the_inbox_reads_by_respond_by_and_claims_by_key(inbox_ctx: Any) -> None:
    app = make_app(load_settings(database_url=inbox_ctx.db.url, operator="maria"))
    async with app.run_test(size=SIZE) as pilot:
        await open_inbox(pilot)
        said = focus_line(app)
        # the workspace's name comes first when the list was filled before the first frame
        assert said.removeprefix("Inbox. ").startswith("Messages, list, OVERDUE, was due "), said
        assert "Web from Jo Resident, Potholes, new, 1 of 2" in said
        assert cursor_in_focused(app)
        text = screen_text(app)
        assert "Inbox: 2 messages waiting, 1 overdue." in text
        assert "Why it needs a person: Address not found" in text

        await pilot.press("down")
        await settle(pilot)
        said = focus_line(app)
        assert "Respond by " in said and "LiveChat from Ana Ruiz" in said and "2 of 2" in said
        assert cursor_in_focused(app)
        text = screen_text(app)
        assert "Message: [bold]When[/bold] is my trash day? <ESC>[31m" in text  # literal
        assert "\x1b" not in "".join(text)

        await pilot.press("c")
        await settle(pilot)
        assert "Message 2 claimed by you." in message_bar(app)
        assert "claimed by you" in focus_line(app)

        await pilot.press("tab")
        await settle(pilot)
        assert focus_line(app).startswith("Message, list, Message 2: Respond by ")
        assert cursor_in_focused(app)

        # Lee claims message 1 a moment after Maria's list was read: Maria is told who has it
        claim_message(inbox_ctx, message_id=1)
        await pilot.press("shift+tab", "up", "c")
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        assert "Message 1 was claimed by Lee Chan at " in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "claimed by Lee Chan" in focus_line(app)


async def test_a_web_report_becomes_a_request_by_keyboard(inbox_ctx: Any) -> None:
    app = make_app(load_settings(database_url=inbox_ctx.db.url, operator="maria"))
    async with app.run_test(size=SIZE) as pilot:
        await open_inbox(pilot)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RequestDialog)
        said = focus_line(app)
        assert (
            said.removeprefix("Make a request from message 1. ")
            == "Category, pop-up list, Potholes"
        )
        assert cursor_in_focused(app)
        for _ in range(2):  # to the address, then the check box
            await pilot.press("tab")
            await settle(pilot)
            assert cursor_in_focused(app)
        assert focus_line(app).startswith("Save an address the street file does not know")
        await pilot.press("shift+tab")
        await settle(pilot)
        assert focus_line(app).startswith("Address, ") and "1200 N Lake Ave" in focus_line(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
        bar = message_bar(app)
        assert bar.startswith("Message 1 answered: request SR-")
        number = bar.split("request ")[1].split(" ")[0].rstrip(",")
    request = get_request(inbox_ctx, number=number)
    assert request.channel == "web" and request.category_code == "potholes"
    assert request.answers["location_in_street"] == "right-lane"
    message = get_message(inbox_ctx, message_id=1)
    assert message.status == "answered" and message.request_number == number
    assert number in (message.reply or "") and message.answered_by_name == "Maria Lopez"


async def test_an_information_answer_by_keyboard(inbox_ctx: Any) -> None:
    app = make_app(load_settings(database_url=inbox_ctx.db.url, operator="maria"))
    async with app.run_test(size=SIZE) as pilot:
        await open_inbox(pilot)
        await pilot.press("down", "i")
        await settle(pilot)
        assert isinstance(app.screen, AnswerDialog)
        said = focus_line(app)
        said = said.removeprefix("Answer message 2 with information. ")
        assert said.startswith("Topic, pop-up list, Trash Collection Day"), said
        await pilot.press("tab")
        await settle(pilot)
        assert focus_line(app).startswith("Reply sent, ")
        assert cursor_in_focused(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert message_bar(app) == "Message 2 answered with information; the reply is recorded."
        assert "No messages" not in focus_line(app)
        assert "1 of 1" in focus_line(app)
    message = get_message(inbox_ctx, message_id=2)
    assert (message.outcome, message.outcome_ref) == ("information", "collection-day")
    assert (message.reply or "").startswith("Hello Ana Ruiz,")


@pytest.fixture
def streetlight_db(db_url: str) -> Iterator[tuple[Any, str]]:
    """Maria (CSR) on SQLite or PostgreSQL: a streetlight at 1200 N Lake Ave already has an open
    request (and its crew work order), and Sam Sender writes in about the same light."""
    from csc_console.services.bootstrap import open_context
    from csc_console.services.callers import CallerInput
    from csc_console.services.operators import create_operator, sign_in
    from csc_console.services.requests import NewRequest, create_request

    ctx = open_context(load_settings(database_url=db_url))
    admin = ctx.as_operator(sign_in(ctx, username="admin", display_name="Ada Admin"))
    maria = ctx.as_operator(
        create_operator(admin, username="maria", display_name="Maria Lopez", role="csr")
    )
    now = utcnow()
    existing = create_request(
        maria,
        NewRequest(
            category="street-lights-signals",
            description="The light outside is out",
            address="1200 N Lake Ave",
            answers={"light_or_signal": "street-light", "problem": "out"},
            caller=CallerInput(phone="626-555-0177", name="Ray Neighbour"),
        ),
        now=now - timedelta(days=2),
    )
    assert existing.work_orders
    add_message(
        ctx,
        NewMessage(
            channel="web",
            body="The streetlight in front of 1200 N Lake Ave is out again",
            name="Sam Sender",
            email="sam@example.com",
            subject="Streetlight out",
            address="1200 N Lake Ave",
            received_at=now,
            details={
                "service_code": "street-lights-signals",
                "attributes": {"light_or_signal": "street-light", "problem": "out"},
            },
        ),
    )
    yield maria, existing.number
    ctx.db.dispose()


def burst(app: Any, *keys: str) -> None:
    """Keys typed in one go, all of them queued before the console handles the first."""
    from textual import events

    for key in keys:
        event = events.Key(key, None)
        event.set_sender(app)
        app._driver.send_message(event)


def stale(app: Any, key: str, *, before: float) -> None:
    """A key typed at ``before`` less a moment, reaching the console only now."""
    from textual import events

    event = events.Key(key, None)
    event.time = before - 0.01
    event.set_sender(app)
    app._driver.send_message(event)


async def test_a_message_about_an_open_streetlight_is_linked_not_made_twice(
    streetlight_db: tuple[Any, str],
) -> None:
    """Issue 14, defect 3: Ctrl+S looks up the phone intake's duplicates first; the question
    appears under the form without taking the keys typed before it; Alt+L links the sender."""
    from tests.inbox.test_inbox_duplicates import counts

    ctx, number = streetlight_db
    before = counts(ctx)
    app = make_app(load_settings(database_url=ctx.db.url, operator="maria"))
    async with app.run_test(size=SIZE) as pilot:
        await open_inbox(pilot)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RequestDialog)
        assert "Category, pop-up list, Street Lights/Traffic Signals" in focus_line(app)
        # Save, and at once the link key: typed before the question, it answers nothing
        burst(app, "ctrl+s", "alt+l")
        await settle(pilot)
        assert app.screen is dialog and dialog.asking.question is not None
        assert counts(ctx) == before
        assert get_message(ctx, message_id=1).is_open
        heading = "Possible duplicates: 1 open request for Street Lights/Traffic Signals nearby in the last 30 days."
        assert app.message_log.last.text.startswith(heading)  # said, in the message log
        assert "Possible duplicates: 1 open request for Street Lights/Traffic" in screen_text(app)
        listed = dialog.query_one("#rq-duplicates", ReadList)
        assert listed.lines == [
            f"Link to {number}: 1200 N Lake Ave, same address, 2 days old, Open, "
            "The light outside is out, 1 caller",
            "Create a new request: the sender reports something else",
        ]
        assert listed.highlighted == 0 and listed.region.height > 0  # on screen
        assert "Category, pop-up list" in focus_line(app)  # the focus stayed where it was
        # a key typed just before the question appeared but handled after it: not an answer
        stale(app, "alt+l", before=dialog.asking.asked_at)
        await settle(pilot)
        assert app.screen is dialog and counts(ctx) == before
        # Ctrl+S again does not create anything while the question waits
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog and counts(ctx) == before
        assert app.message_log.last.text.startswith("Answer the question about possible")
        await pilot.press("alt+l")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
        assert message_bar(app) == (
            f"Message 1 answered: the sender is linked to request {number}, now 2 callers; "
            "no new request. The reply is recorded."
        )
    assert counts(ctx) == before  # no second request, no second work order
    assert get_request(ctx, number=number).callers_count == 2
    message = get_message(ctx, message_id=1)
    assert message.status == "answered" and message.request_number == number
    assert "already reported" in (message.reply or "") and number in (message.reply or "")
