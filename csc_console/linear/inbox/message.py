"""One inbox message: its facts, one per line, then what can be done with it now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csc_console.errors import CscError
from csc_console.linear.ask import Back, Cancel, Scope, ask
from csc_console.linear.inbox.answers import CloseMessage, Information, Referral
from csc_console.linear.inbox.request import MakeRequest
from csc_console.linear.prompts import ChoicePrompt, Option
from csc_console.linear.workflow import Outcome, Workflow
from csc_console.services.inbox import MessagePublic, get_message
from csc_console.services.inbox_claims import claim_message, release_message
from csc_console.services.inbox_words import detail_lines
from csc_console.services.text import printable
from csc_console.vocab import MessageStatus

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

ANSWERS = {
    "request": MakeRequest,
    "information": Information,
    "referral": Referral,
    "close": CloseMessage,
}


class MessageView(Workflow):
    title = "Message"
    noun = "the message"

    def __init__(self, session: LineSession, message_id: int) -> None:
        super().__init__(session)
        self.message_id = message_id

    def has_unsaved_data(self) -> bool:
        return False

    def say(self, message: MessagePublic) -> None:
        me = self.ctx.operator_id
        self.io.lines(detail_lines(message, now=self.session.now(), zone=self.ctx.zone, me=me))

    def actions(self, message: MessagePublic) -> list[Option[str]]:
        me = self.ctx.operator_id
        mine = message.status == MessageStatus.CLAIMED.value and message.claimed_by == me
        out: list[Option[str]] = []
        if message.status == MessageStatus.NEW.value:
            out.append(Option("claim", "Claim it", "so nobody else answers it meanwhile"))
        if message.status == MessageStatus.NEW.value or mine:
            out += [
                Option("request", "Make a request", "a service request from the message"),
                Option("information", "Answer with information", "a topic's script"),
                Option("referral", "Refer elsewhere", "another agency or organisation"),
                Option("close", "Close without a reply", "spam, or a second copy"),
            ]
        if mine:
            out.append(Option("release", "Release it", "back to the inbox for anyone"))
        out.append(Option("back", "Back to the inbox"))
        return out

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
            options = self.actions(message)
            if len(options) == 1:
                who = printable(message.claimed_by_name or "Another CSR")
                io.status(f"{who} is answering this message; back to the inbox.")
                return Outcome.DONE
            try:
                choice = ask(
                    io, ChoicePrompt("Action", options, default=options[0].value), scope=scope
                )
            except (Back, Cancel):
                return Outcome.DONE
            if choice == "back":
                return Outcome.DONE
            try:
                message = self.act(choice, message)
            except CscError as exc:
                io.error(printable(str(exc)))
                message = get_message(self.ctx, message_id=self.message_id)

    def act(self, choice: str, message: MessagePublic) -> MessagePublic:
        io, now = self.io, self.session.now()
        if choice == "claim":
            done = claim_message(
                self.ctx, message_id=message.id, expected_version=message.version, now=now
            )
            io.status(f"Message {done.id} is yours to answer.")
            return done
        if choice == "release":
            done = release_message(self.ctx, message_id=message.id, now=now)
            io.status(f"Message {done.id} is back in the inbox for anyone to claim.")
            return done
        flow = ANSWERS[choice](self.session, message)
        self.session.run(flow)
        return get_message(self.ctx, message_id=message.id)
