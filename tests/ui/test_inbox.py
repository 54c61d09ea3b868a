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
        assert said.removeprefix("Make a request from message 1. ") == "Category, pop-up list, Potholes"
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
