"""Type-ahead is never given to a dialog: keys typed before a dialog appeared go to the control
they were typed for, on the screen underneath (``CscModal.typed_before``, ``CscApp.on_event``).

Each test queues a burst of keys in the app's queue (as a fast typist or a paste does) and, before
the app has handled them, a worker's result pushes a dialog: an error, the redirect script after
an answer, a dialog of another workspace. None of those keys may reach the dialog. A dialog the
user opened with a key still gets the keys typed right after that key.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.widgets import Input

from csc_console.screens.base import CscModal
from csc_console.screens.error import ErrorModal
from csc_console.screens.intake import IntakeScreen
from csc_console.screens.intake.dialogs import RedirectModal
from tests.ui.helpers import focus_line, settle, until
from tests.ui.intake_kit import (
    SIZE,
    Keys,
    clock_fixture,  # noqa: F401 - fixture
    desk_db_fixture,  # noqa: F401 - fixture
    field_value,
    intake_app,
    ready,
)


def burst(text: str, *keys: str) -> list[events.Key]:
    """Key events as the terminal sends them: created now, handled when the app gets to them."""
    return [events.Key(ch, ch) for ch in text] + [events.Key(key, None) for key in keys]


def queue(app: Any, keys: list[events.Key]) -> None:
    for key in keys:
        app.post_message(key)


async def test_an_error_from_a_worker_does_not_take_the_keys_typed_before_it(
    desk_db: Any, clock: Any
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        intake = await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")  # answer: the cursor is in the caller's phone
        assert focus_line(app) == "Caller's phone, text field, empty"
        # The CSR types a name and Enter; before the app got to those keys, a worker's result
        # opened an error dialog. Enter would have closed it unread ("OK").
        queue(app, burst("626-555-0199", "enter"))
        app.show_error("The street file could not be read.")
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)  # still there: Enter was not given to it
        # The keys went where they were typed: the phone field, and Enter checked it.
        assert intake.query_one("#phone", Input).value == "(626) 555-0199"
        assert intake.desk is not None and intake.desk.draft is not None
        assert intake.desk.draft.phone == "(626) 555-0199"
        # Keys typed now, with the dialog in view, are the dialog's.
        await k.press("enter")
        assert isinstance(app.screen, IntakeScreen)


async def test_the_redirect_script_does_not_take_the_keys_typed_before_it(
    desk_db: Any, clock: Any
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        intake = await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0199")
        await k.press("enter")
        assert focus_line(app) == "Caller's name, text field, empty"
        desk = intake.desk
        assert desk is not None and desk.draft is not None
        desk.draft.words = "a power line is down and sparking on my street"
        hits = desk.emergencies()
        assert hits
        # "Sam Smith", Enter: queued; the answer's redirect rule fires before they are handled.
        # Enter would have chosen "Transfer to 911 and wrap up" without the script being read.
        queue(app, burst("Sam Smith", "enter"))
        desk.redirect(hits, lambda: None)
        await settle(pilot)
        assert isinstance(app.screen, RedirectModal)
        assert focus_line(app).endswith("Transfer to 911 Emergency and wrap up, button")
        assert desk.draft.disposition == ""
        assert intake.query_one("#name", Input).value == "Sam Smith"
        assert desk.draft.name == "Sam Smith"  # Enter reached the name field
        await k.press("escape")  # now the CSR answers it: go on with the call
        assert isinstance(app.screen, IntakeScreen)


async def test_a_tab_typed_before_a_dialog_moves_on_the_screen_underneath(
    desk_db: Any, clock: Any
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        intake = await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0199")
        await k.press("enter")
        assert focus_line(app) == "Caller's name, text field, empty"
        queue(app, burst("Sam", "tab", "tab", *"sam@example.com"))  # past "anonymous"
        app.show_error("Something to read.")
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        assert focus_line(app).endswith("OK, button")  # the dialog's cursor did not move
        assert intake.query_one("#name", Input).value == "Sam"
        assert intake.query_one("#email", Input).value == "sam@example.com"
        assert intake.focused is intake.query_one("#email", Input)


class NoteModal(CscModal[str]):
    """A dialog with a text field, opened by a key (as a work order's note is)."""

    a11y_title = "Note"

    def compose_dialog(self) -> ComposeResult:
        yield Input(id="note")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()


async def test_a_dialog_opened_by_a_key_gets_the_keys_typed_after_that_key(
    desk_db: Any, clock: Any
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.action_note = lambda: app.push_screen(NoteModal())
        app._bindings.bind("ctrl+t", "note", "Note", priority=True)
        # Ctrl+T opens the dialog; the keys typed right after it were typed before the dialog
        # was on the screen, but after the key that opened it: they are the dialog's.
        opening, *typed = burst("", "ctrl+t") + burst("fixed")
        app.post_message(opening)
        await settle(pilot)
        assert isinstance(app.screen, NoteModal)
        assert all(app.screen.opened_at <= key.time for key in typed)
        queue(app, typed)
        await settle(pilot)
        assert app.screen.query_one("#note", Input).value == "fixed"


async def test_keys_typed_after_enter_go_to_the_next_field_not_the_one_left(
    desk_db: Any, clock: Any
) -> None:
    """A whole new caller in one burst: each Enter is handled before the keys after it, and
    the keys typed while the number is looked up wait to learn where they go."""
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        queue(
            app,
            burst("", "enter")
            + burst("626-555-0191", "enter")
            + burst("Ana Lopez", "enter")
            + burst("ana@example.com", "enter"),
        )
        await until(pilot, lambda: focus_line(app).startswith("Caller's address"), limit=10.0)
        assert field_value(app, "phone") == "(626) 555-0191"
        assert field_value(app, "name") == "Ana Lopez"
        assert field_value(app, "email") == "ana@example.com"


async def test_a_known_callers_words_typed_ahead_go_to_the_words(
    desk_db: Any, clock: Any
) -> None:
    """Jane is known: after her number the cursor goes to the caller's words, and so do the
    words typed before her history was read."""
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        queue(app, burst("", "enter") + burst("626-555-0101", "enter") + burst("a big pothole"))
        await until(pilot, lambda: field_value(app, "words") == "a big pothole", limit=10.0)
        assert field_value(app, "phone") == "(626) 555-0101"
        assert field_value(app, "name") == "Jane Caller"
        assert focus_line(app).startswith("Caller's words")
