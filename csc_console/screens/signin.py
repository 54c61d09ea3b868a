"""Sign-in: the first interactive screen, shown before the database is even opened.

The database is opened (and migrated) by a thread worker started after the first frame, so the
operator can start typing at once. On an empty database the screen says that the first operator
to sign in becomes the administrator and also asks for the display name. ``--operator NAME`` /
``CSC_OPERATOR`` signs in as soon as the database is ready. A failed sign-in keeps what was
typed and says why; a database that cannot be opened ends the program (``group="startup"``,
handled by the app).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input, Static
from textual.worker import Worker

from csc_console.errors import CscError
from csc_console.screens.base import CscScreen
from csc_console.widgets.a11y.app import AccessibleApp
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.services.context import Ctx

READY = "Type your operator name and press Enter."
FIRST_OPERATOR = (
    "This database has no operators yet: the first operator to sign in becomes the "
    "administrator. Type your operator name, press Enter, then type your name as colleagues "
    "should see it and press Enter again."
)
STARTUP_GROUP = "startup"
SIGN_IN_GROUP = "sign-in"


class SignInScreen(CscScreen):
    a11y_title = "Sign in"

    class Opened(Message):
        """The database is open and migrated; ``operators`` is how many operators it has."""

        def __init__(self, ctx: Ctx, operators: int) -> None:
            super().__init__()
            self.ctx = ctx
            self.operators = operators

    class SignedIn(Message):
        def __init__(self, ctx: Ctx) -> None:
            super().__init__()
            self.ctx = ctx

    def __init__(self) -> None:
        super().__init__(id="sign-in")
        self._ctx: Ctx | None = None
        self._operators: int | None = None
        self._waiting = False
        self._auto_tried = False

    def title_text(self) -> str:
        return "CSC Console: Sign in."

    def compose_body(self) -> ComposeResult:
        yield Static(
            literal("Sign in to the Citizen Service Center console."), id="heading", markup=False
        )
        # True from the first frame on (the database opens meanwhile): a notice that changed
        # when the database is ready would be read out in the middle of the typing.
        yield Static(literal(READY), id="notice", markup=False)
        yield LabelledField(
            "Operator name", Input(id="username", max_length=64), id="username-field"
        )
        yield LabelledField(
            "Your name as shown", Input(id="display-name", max_length=200), id="display-name-field"
        )
        with Horizontal(id="sign-in-buttons", classes="buttons"):
            yield Button("Sign in", id="sign-in-button", variant="primary")
            yield Button("Quit", id="quit-button")

    def on_mount(self) -> None:
        self.query_one("#display-name-field").display = False
        preset = self.host.settings.operator
        if preset:
            self.query_one("#username", Input).value = preset
        # Open the database only once the first frame is on the terminal.
        self.call_after_refresh(self._open)

    # ------------------------------------------------------------------ opening
    @work(
        thread=True, exclusive=True, exit_on_error=False, group=STARTUP_GROUP, name="open database"
    )
    def _open(self) -> None:
        from csc_console.services.bootstrap import open_context
        from csc_console.services.operators import count_operators

        given = self.host.base_ctx
        ctx = given or open_context(self.host.settings)
        try:
            count = count_operators(ctx)
        except BaseException:
            if given is None:
                ctx.db.dispose()
            raise
        self.post_message(self.Opened(ctx, count))

    def on_sign_in_screen_opened(self, message: Opened) -> None:
        self._ctx = message.ctx
        self.host.base_ctx = message.ctx
        self._operators = message.operators
        empty = message.operators == 0
        preset = self.host.settings.operator
        automatic = bool(preset) and not self._auto_tried
        if automatic:
            self.query_one("#notice", Static).update(literal(f"Signing in as {preset}."))
        elif empty:
            self.query_one("#display-name-field").display = True
            self.query_one("#notice", Static).update(literal(FIRST_OPERATOR))
        if automatic:
            self._auto_tried = True
            self._sign_in(message.ctx, preset, None)
        elif self._waiting:
            self._waiting = False
            self.submit()

    # ------------------------------------------------------------------ signing in
    @on(Input.Submitted, "#username")
    def _username_entered(self) -> None:
        display = self.query_one("#display-name", Input)
        if self._operators == 0 and not display.value.strip():
            display.focus()
            return
        self.submit()

    @on(Input.Submitted, "#display-name")
    @on(Button.Pressed, "#sign-in-button")
    def _submit_pressed(self) -> None:
        self.submit()

    @on(Button.Pressed, "#quit-button")
    def _quit_pressed(self) -> None:
        self.app.exit(0)

    def submit(self) -> None:
        username = self.query_one("#username", Input)
        name = username.value.strip()
        if not name:
            self.app.notify("Type your operator name first.", severity="warning")
            username.focus()
            return
        if self._ctx is None:
            self._waiting = True
            self.app.notify("Still opening the database: you will be signed in when it is ready.")
            return
        display = self.query_one("#display-name", Input).value.strip() or None
        self._sign_in(self._ctx, name, display if self._operators == 0 else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group=SIGN_IN_GROUP, name="sign in")
    def _sign_in(self, ctx: Ctx, username: str, display_name: str | None) -> None:
        from csc_console.services.operators import sign_in

        operator = sign_in(ctx, username=username, display_name=display_name)
        self.post_message(self.SignedIn(ctx.as_operator(operator)))

    def on_sign_in_screen_signed_in(self, message: SignedIn) -> None:
        self.host.signed_in(message.ctx)

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> bool:
        if worker.group != SIGN_IN_GROUP or not isinstance(error, CscError):
            return False
        from csc_console.services.text import printable

        text = printable(str(error))
        self.host.sign_in_failed()
        # Said once, in the message bar (a second copy next to the field would be read twice).
        self.query_one("#notice", Static).update(literal(READY))
        self.app.notify(text, severity="error")
        username = self.query_one("#username", Input)
        username.focus()
        username.cursor_position = len(username.value)
        self.query_one("#display-name-field").display = self._operators == 0
        # After the error, say again where the cursor is, with what the field now holds.
        self.call_after_refresh(cast(AccessibleApp[Any], self.app).announce_focus)
        return True
