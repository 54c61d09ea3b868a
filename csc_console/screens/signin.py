"""Sign-in: the first interactive screen, shown before the database is even opened.

The database is opened (and migrated) by a thread worker started after the first frame, so the
operator can start typing at once. On an empty database the screen says that the first operator
to sign in becomes the administrator and also asks for the display name. ``--operator NAME`` /
``CSC_OPERATOR`` signs in as soon as the database is ready (with ``CSC_PASSWORD`` where the
database requires passwords). A failed sign-in keeps what was typed and says why; a database
that cannot be opened ends the program (``group="startup"``, handled by the app).

Where passwords are required (a shared PostgreSQL database by default) a masked password field
follows the name; the first operator of such a database chooses one and types it twice. A wrong
password clears the password field, says why in one line (with the tries left, or the lock) and
puts the cursor back in it. A workstation account mapped to an operator (when an administrator
allows it) signs in without a password: its operator name is filled in.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input, Static
from textual.worker import Worker

from csc_console.desks.signin import OPERATOR_NAME, workstation_account
from csc_console.errors import CscError, PermissionDenied, ValidationError
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
FIRST_OPERATOR_PASSWORD = (
    "This database has no operators yet: the first operator to sign in becomes the "
    "administrator and chooses a password of at least 10 characters, typed twice."
)
PASSWORD_READY = "Type your operator name and your password, then press Enter."
STARTUP_GROUP = "startup"
SIGN_IN_GROUP = "sign-in"


class SignInScreen(CscScreen):
    a11y_title = "Sign in"

    class Opened(Message):
        """The database is open and migrated; ``operators`` is how many operators it has."""

        def __init__(
            self, ctx: Ctx, operators: int, passwords: bool, workstation: str | None
        ) -> None:
            super().__init__()
            self.ctx = ctx
            self.operators = operators
            self.passwords = passwords  # the database requires passwords
            self.workstation = workstation  # the operator this OS account signs in as

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
        self._passwords = False
        self._workstation: str | None = None

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
            OPERATOR_NAME, Input(id="username", max_length=64), id="username-field"
        )
        yield LabelledField(
            "Your name as shown", Input(id="display-name", max_length=200), id="display-name-field"
        )
        yield LabelledField(
            "Password", Input(id="password", password=True, max_length=200), id="password-field"
        )
        yield LabelledField(
            "Password again",
            Input(id="password-again", password=True, max_length=200),
            id="password-again-field",
        )
        with Horizontal(id="sign-in-buttons", classes="buttons"):
            yield Button("Sign in", id="sign-in-button", variant="primary")
            yield Button("Quit", id="quit-button")

    def on_mount(self) -> None:
        for field in ("#display-name-field", "#password-field", "#password-again-field"):
            self.query_one(field).display = False
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
        from csc_console.services.auth import (
            current_os_user,
            passwords_required,
            workstation_operator,
        )
        from csc_console.services.bootstrap import open_context
        from csc_console.services.operators import count_operators

        given = self.host.base_ctx
        ctx = given or open_context(self.host.settings)
        try:
            count = count_operators(ctx)
            passwords = passwords_required(ctx)
            workstation = workstation_operator(ctx, current_os_user()) if passwords else None
        except BaseException:
            if given is None:
                ctx.db.dispose()
            raise
        self.post_message(self.Opened(ctx, count, passwords, workstation))

    def on_sign_in_screen_opened(self, message: Opened) -> None:
        self._ctx = message.ctx
        self.host.base_ctx = message.ctx
        self._operators = message.operators
        self._passwords = message.passwords
        self._workstation = message.workstation
        empty = message.operators == 0
        preset = self.host.settings.operator
        failure = self.host.direct_failure
        if failure is not None:  # the app's direct sign-in failed: say why, try no more
            self.host.direct_failure = None
            self._auto_tried = True
        automatic = bool(preset) and not self._auto_tried
        notice = self.query_one("#notice", Static)
        self._show_fields()
        if automatic:
            notice.update(literal(f"Signing in as {preset}."))
        elif empty:
            notice.update(literal(FIRST_OPERATOR_PASSWORD if self._passwords else FIRST_OPERATOR))
        elif self._workstation:
            username = self.query_one("#username", Input)
            if not username.value.strip():
                username.value = self._workstation
                username.cursor_position = len(username.value)
            notice.update(literal(workstation_account(self._workstation, press_enter=True)))
        elif self._passwords:
            notice.update(literal(PASSWORD_READY))
        if automatic:
            import os

            self._auto_tried = True
            self._sign_in(message.ctx, preset, None, os.environ.get("CSC_PASSWORD") or None)
        elif failure is not None:
            self.show_failure(failure, new_screen=True)
        elif self._waiting:
            self._waiting = False
            self.submit()

    def _show_fields(self) -> None:
        empty = self._operators == 0
        self.query_one("#display-name-field").display = empty
        self.query_one("#password-field").display = self._passwords
        self.query_one("#password-again-field").display = self._passwords and empty

    def _needs_password(self, name: str) -> bool:
        return self._passwords and (self._operators == 0 or name.lower() != self._workstation)

    def _next_empty(self, *fields: str) -> bool:
        """Focus the first of ``fields`` that is shown and empty; False if there is none."""
        for field_id in fields:
            field = self.query_one(f"#{field_id}", Input)
            if field.parent is not None and field.parent.display and not field.value.strip():
                field.focus()
                return True
        return False

    # ------------------------------------------------------------------ signing in
    @on(Input.Submitted, "#username")
    def _username_entered(self) -> None:
        name = self.query_one("#username", Input).value.strip()
        later = ["display-name"] if self._operators == 0 else []
        if self._needs_password(name):
            later += ["password", "password-again"]
        if name and self._next_empty(*later):
            return
        self.submit()

    @on(Input.Submitted, "#display-name")
    def _display_entered(self) -> None:
        if self._passwords and self._next_empty("password", "password-again"):
            return
        self.submit()

    @on(Input.Submitted, "#password")
    def _password_entered(self) -> None:
        if self._operators == 0 and self._next_empty("password-again"):
            return
        self.submit()

    @on(Input.Submitted, "#password-again")
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
        password: str | None = None
        if self._needs_password(name):
            field = self.query_one("#password", Input)
            password = field.value
            if not password:
                self.app.notify("Type your password.", severity="warning")
                field.focus()
                return
            again = self.query_one("#password-again", Input)
            if self._operators == 0 and again.value != password:
                self.app.notify(
                    "The two passwords differ; type the password again, twice.", severity="error"
                )
                field.value = again.value = ""
                field.focus()
                return
        self._sign_in(self._ctx, name, display if self._operators == 0 else None, password)

    @work(thread=True, exclusive=True, exit_on_error=False, group=SIGN_IN_GROUP, name="sign in")
    def _sign_in(
        self, ctx: Ctx, username: str, display_name: str | None, password: str | None
    ) -> None:
        from csc_console.services.auth import current_os_user
        from csc_console.services.operators import sign_in

        operator = sign_in(
            ctx,
            username=username,
            display_name=display_name,
            password=password,
            os_user=current_os_user(),
        )
        self.post_message(self.SignedIn(ctx.as_operator(operator)))

    def on_sign_in_screen_signed_in(self, message: SignedIn) -> None:
        self.host.signed_in(message.ctx)

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> bool:
        if worker.group != SIGN_IN_GROUP or not isinstance(error, CscError):
            return False
        self.show_failure(error)
        return True

    def show_failure(self, error: BaseException, *, new_screen: bool = False) -> None:
        """Say why signing in failed and put the cursor where the fix is typed (naming the
        screen too when it has just replaced the workspace a direct sign-in started on)."""
        from csc_console.services.text import printable

        text = printable(str(error))
        self.host.sign_in_failed()
        # Said once, in the message bar (a second copy next to the field would be read twice).
        self.query_one("#notice", Static).update(
            literal(PASSWORD_READY if self._passwords else READY)
        )
        self.app.notify(text, severity="error")
        password = self.query_one("#password", Input)
        password.value = ""
        self.query_one("#password-again", Input).value = ""
        self._show_fields()
        about_password = isinstance(error, PermissionDenied) or (
            isinstance(error, ValidationError) and error.field == "password"
        )
        if self._passwords and about_password:
            password.focus()
        else:
            username = self.query_one("#username", Input)
            username.focus()
            username.cursor_position = len(username.value)
        # After the error, say again where the cursor is, with what the field now holds.
        self.call_after_refresh(
            partial(cast(AccessibleApp[Any], self.app).announce_focus, with_title=new_screen)
        )
