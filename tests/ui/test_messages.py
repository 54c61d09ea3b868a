"""Messages persist in the log and the message bar; errors ring the bell and stay."""

from __future__ import annotations

import asyncio

import pytest

from csc_console.widgets.a11y.app import ERROR_TIMEOUT
from tests.ui.form_app import FormApp
from tests.ui.helpers import message_bar, screen_lines, settle


async def test_a_message_outlives_its_toast() -> None:
    app = FormApp()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        # Watched by polling, not by settle: on a busy machine a settle outlasts a short toast.
        app.notify("Request SR-2026-000001 saved.", timeout=1.0)
        for _ in range(100):
            await pilot.pause(0.01)
            if len(app._notifications):
                break
        assert len(app._notifications) == 1
        for _ in range(100):
            await pilot.pause(0.1)
            if not len(app._notifications):
                break
        await settle(pilot)
        assert len(app._notifications) == 0  # the toast is gone...
        assert [e.text for e in app.message_log] == [
            "Request SR-2026-000001 saved."
        ]  # ...the log keeps it
        assert message_bar(app) == "Request SR-2026-000001 saved."  # and so does the bar
        entry = app.message_log.last
        assert entry is not None
        assert entry.at.tzinfo is not None
        assert entry.line.endswith(" Request SR-2026-000001 saved.")


async def test_errors_ring_the_bell_say_error_and_stay_until_dismissed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = FormApp()
    rings: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(True))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.notify("The database is unavailable.", severity="error")
        await settle(pilot)
        assert rings == [True]
        assert message_bar(app) == "Error: The database is unavailable."
        [toast] = list(app._notifications)
        assert toast.timeout == ERROR_TIMEOUT
        app.notify("Still here?")  # a later message replaces the bar text, the log has both
        await settle(pilot)
        app.dismiss_messages()
        await settle(pilot)
        assert message_bar(app) == ""
        assert len(app._notifications) == 0
        assert [e.severity for e in app.message_log] == ["error", "information"]


async def test_repeat_last_message_writes_it_again_after_a_blank_frame() -> None:
    app = FormApp()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.repeat_last_message()
        await settle(pilot)
        assert message_bar(app) == "No messages yet."
        app.notify("Work order WO-2026-000007 assigned.", severity="warning")
        await settle(pilot)
        bar = app.screen.query_one("#message-bar")
        app.repeat_last_message()
        assert bar.blanked  # type: ignore[attr-defined]
        await settle(pilot)
        assert message_bar(app) == "Warning: Work order WO-2026-000007 assigned."


async def test_notify_is_thread_safe_and_literal() -> None:
    app = FormApp()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await asyncio.to_thread(app.notify, "[bold]Caller[/bold] said \x1b[31mhello")
        await settle(pilot)
        shown = "[bold]Caller[/bold] said <ESC>[31mhello"
        assert message_bar(app) == shown
        assert any(shown in line for line in screen_lines(app))
