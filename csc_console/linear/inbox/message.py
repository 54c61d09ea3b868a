"""One inbox message: its facts, one per line, then what can be done with it now (the Inbox
desk's actions and words)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csc_console.desks import inbox as desk
from csc_console.desks.inbox import Action
from csc_console.errors import CscError
from csc_console.linear.ask import Back, Cancel, Scope, ask
from csc_console.linear.inbox.answers import CloseMessage, Information, Referral
from csc_console.linear.inbox.request import MakeRequest
from csc_console.linear.prompts import ChoicePrompt
from csc_console.linear.workflow import Outcome, Workflow
from csc_console.services.inbox import MessagePublic, get_message
from csc_console.services.inbox_claims import claim_message, release_message
from csc_console.services.text import printable

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

ANSWERS = {
    Action.REQUEST: MakeRequest,
    Action.INFORMATION: Information,
    Action.REFERRAL: Referral,
    Action.CLOSE: CloseMessage,
}


class MessageView(Workflow):
    title = desk.MESSAGE_LABEL
    noun = "the message"

    def __init__(self, session: LineSession, message_id: int) -> None:
        super().__init__(session)
        self.message_id = message_id

    def has_unsaved_data(self) -> bool:
        return False

    def say(self, message: MessagePublic) -> None:
        me = self.ctx.operator_id
        lines = desk.detail_lines(message, now=self.session.now(), zone=self.ctx.zone, me=me)
        self.io.lines(lines)

    def run(self) -> Outcome:
        io, session = self.io, self.session
        scope = Scope(
            back_help="return to the inbox.",
            cancel_help="return to the inbox.",
            confirm_quit=session.confirm_quit,
        )
        message = get_message(self.ctx, message_id=self.message_id)
        self.say(message)
        while True:
            if not message.is_open:
                return Outcome.DONE
            options = desk.action_options(message, me=self.ctx.operator_id)
            if len(options) == 1:
                io.status(desk.answered_by_other(message))
                return Outcome.DONE
            try:
                choice = ask(
                    io,
                    ChoicePrompt(desk.ACTION_LABEL, options, default=options[0].value),
                    scope=scope,
                )
            except (Back, Cancel):
                return Outcome.DONE
            if choice is Action.BACK:
                return Outcome.DONE
            try:
                message = self.act(choice, message)
            except CscError as exc:
                io.error(printable(str(exc)))
                message = get_message(self.ctx, message_id=self.message_id)

    def act(self, choice: Action, message: MessagePublic) -> MessagePublic:
        io, now = self.io, self.session.now()
        if choice is Action.CLAIM:
            done = claim_message(
                self.ctx, message_id=message.id, expected_version=message.version, now=now
            )
            io.status(desk.claimed(done))
            return done
        if choice is Action.RELEASE:
            done = release_message(self.ctx, message_id=message.id, now=now)
            io.status(desk.released(done))
            return done
        flow = ANSWERS[choice](self.session, message)
        self.session.run(flow)
        return get_message(self.ctx, message_id=message.id)
