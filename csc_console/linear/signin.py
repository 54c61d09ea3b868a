"""Sign-in: ``--operator`` / ``CSC_OPERATOR`` directly, otherwise by name at a prompt.

On an empty database the first operator becomes the administrator and is asked for a display
name. An unknown name is an ``Error:`` line and the name is asked again, with what was typed
kept as the default (Enter tries it again, e.g. once an administrator has added it).
"""

from __future__ import annotations

from collections.abc import Sequence

from csc_console.errors import CscError
from csc_console.linear.prompts import TextPrompt
from csc_console.linear.session import LineSession
from csc_console.linear.workflow import FINISH, Flow, Outcome, Step, Workflow
from csc_console.services.context import OperatorPublic
from csc_console.services.operators import count_operators, normalise_username, sign_in


class SignIn(Workflow):
    title = "Sign-in"
    noun = "sign-in"

    def __init__(self, session: LineSession) -> None:
        super().__init__(session)
        self.empty = count_operators(self.ctx) == 0
        self.operator: OperatorPublic | None = None

    def start(self) -> None:
        if self.empty:
            self.io.say(
                "There are no operators yet: the first operator to sign in becomes the "
                "administrator."
            )

    def steps(self) -> Sequence[Step]:
        return [
            Step(
                "username",
                TextPrompt(
                    "Operator name",
                    max_length=64,
                    validate=normalise_username,
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
        ]

    def _username(self, username: str) -> Flow | None:
        if self.empty:
            return None
        self.operator = sign_in(self.ctx, username=username)
        return FINISH

    def finish(self) -> None:
        if self.operator is None:
            self.operator = sign_in(
                self.ctx,
                username=self.values["username"],
                display_name=self.values.get("display_name"),
            )
        self.session.signed_in(self.operator)
        self.io.status(
            f"Signed in as {self.operator.display_name}, {self.operator.role.label}."
        )

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
            operator = sign_in(session.ctx, username=wanted)
        except CscError as exc:
            session.io.error(str(exc))
            workflow.values["username"] = wanted.strip()
        else:
            session.signed_in(operator)
            session.io.status(f"Signed in as {operator.display_name}, {operator.role.label}.")
            return True
    return session.run(workflow) is Outcome.DONE
