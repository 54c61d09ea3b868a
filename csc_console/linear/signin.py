"""Sign-in: ``--operator`` / ``CSC_OPERATOR`` directly, otherwise by name at a prompt.

On an empty database the first operator becomes the administrator and is asked for a display
name. An unknown name is an ``Error:`` line and the name is asked again, with what was typed
kept as the default (Enter tries it again, e.g. once an administrator has added it).

Where the database requires passwords (a shared PostgreSQL database by default) the name is
followed by ``Password:``, read with the terminal's echo off; a wrong password is one
``Error:`` line and the password is asked again (never kept as a default). The first operator of
such a database chooses a password and types it twice. A workstation account an administrator
mapped to an operator (and allowed) signs in without a password: its operator name is offered
as the default. ``--operator`` takes the password from ``CSC_PASSWORD``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from csc_console.desks.signin import OPERATOR_NAME, signed_in, workstation_account
from csc_console.errors import CscError
from csc_console.linear.prompts import PromptError, TextPrompt
from csc_console.linear.session import LineSession
from csc_console.linear.workflow import FINISH, Flow, Goto, Outcome, Step, Workflow
from csc_console.services.auth import (
    check_password_rules,
    current_os_user,
    passwords_required,
    workstation_operator,
)
from csc_console.services.context import OperatorPublic
from csc_console.services.operators import count_operators, normalise_username, sign_in


class PasswordPrompt(TextPrompt):
    """A secret answer taken exactly as typed (spaces included, as the sign-in screen and
    ``operators passwd`` take it); Enter alone keeps one typed before (after ``back``)."""

    def parse(self, raw: str, current: str | None) -> str:
        if not raw.strip():
            return super().parse(raw, current)
        if len(raw) > self.max_length:
            raise PromptError(f"{self.label} is too long; the limit is {self.max_length} characters.")
        if self.validate is not None:
            try:
                self.validate(raw)
            except CscError as exc:
                raise PromptError(str(exc)) from None
        return raw


class SignIn(Workflow):
    title = "Sign-in"
    noun = "sign-in"

    def __init__(self, session: LineSession) -> None:
        super().__init__(session)
        self.empty = count_operators(self.ctx) == 0
        self.passwords = passwords_required(self.ctx)
        self.os_user = current_os_user()
        self.workstation = workstation_operator(self.ctx, self.os_user) if self.passwords else None
        self.operator: OperatorPublic | None = None

    def start(self) -> None:
        if self.empty:
            self.io.say(
                "There are no operators yet: the first operator to sign in becomes the "
                "administrator."
                + (" This database needs passwords: you choose yours now." if self.passwords else "")
            )
        elif self.workstation:
            self.io.say(workstation_account(self.workstation))

    def steps(self) -> Sequence[Step]:
        return [
            Step(
                "username",
                TextPrompt(
                    OPERATOR_NAME,
                    max_length=64,
                    validate=normalise_username,
                    default=self.workstation,
                    hint="Your operator name: a letter first, then letters, digits, dots, "
                    "hyphens or underscores, for example maria.",
                ),
                apply=self._username,
            ),
            Step(
                "display_name",
                lambda: TextPrompt(
                    "Display name",
                    max_length=200,
                    default=self.values.get("username"),
                    hint="Your name as colleagues and the records show it, for example "
                    "Maria Lopez.",
                ),
                when=lambda: self.empty,
            ),
            Step(
                "password",
                lambda: PasswordPrompt(
                    "New password" if self.empty else "Password",
                    max_length=200,
                    secret=True,
                    validate=self._check_new if self.empty else None,
                    hint="Typed without echo. "
                    + (
                        "At least 10 characters, not your operator name."
                        if self.empty
                        else "After 5 wrong passwords in a row the name is locked for 15 minutes."
                    ),
                ),
                when=lambda: self.passwords and self.operator is None,
                apply=self._password,
            ),
            Step(
                "again",
                PasswordPrompt("New password again", max_length=200, secret=True,
                           hint="The same password once more, to be sure it was typed right."),
                when=lambda: self.passwords and self.empty,
                apply=self._again,
            ),
        ]

    def _check_new(self, password: str) -> str:
        check_password_rules(password, self.values.get("username", ""))
        return password

    def _username(self, username: str) -> Flow | None:
        if self.empty:
            return None
        if not self.passwords or username == self.workstation:
            self.operator = sign_in(self.ctx, username=username, os_user=self.os_user)
            return FINISH
        return None

    def _password(self, password: str) -> Flow | None:
        if self.empty:
            return None
        try:
            self.operator = sign_in(
                self.ctx, username=self.values["username"], password=password, os_user=self.os_user
            )
        except CscError:
            self.values.pop("password", None)  # a wrong password is never offered back
            raise
        return FINISH

    def _again(self, again: str) -> Flow | Goto | None:
        if again != self.values.get("password"):
            self.values.pop("password", None)
            self.values.pop("again", None)
            self.io.error("The two passwords differ; choose the password again.")
            return Goto("password")
        return None

    def finish(self) -> None:
        if self.operator is None:
            self.operator = sign_in(
                self.ctx,
                username=self.values["username"],
                display_name=self.values.get("display_name"),
                password=self.values.get("password"),
                os_user=self.os_user,
            )
        self.session.signed_in(self.operator)
        self.io.status(signed_in(self.operator))

    def has_unsaved_data(self) -> bool:
        return False  # nothing to lose: leaving sign-in just ends the session

    def left_message(self) -> str:
        return "Not signed in."

    def leave_phrase(self) -> str:
        return "end the session"


def sign_in_session(session: LineSession) -> bool:
    """Sign the session in; False if the user cancelled (the session should end)."""
    wanted = session.settings.operator
    workflow = SignIn(session)
    if wanted:
        try:
            operator = sign_in(
                session.ctx,
                username=wanted,
                password=os.environ.get("CSC_PASSWORD") or None,
                os_user=workflow.os_user,
            )
        except CscError as exc:
            session.io.error(str(exc))
            workflow.values["username"] = wanted.strip()
        else:
            session.signed_in(operator)
            session.io.status(signed_in(operator))
            return True
    return session.run(workflow) is Outcome.DONE
