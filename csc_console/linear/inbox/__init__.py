"""The Inbox in screen-reader mode: messages from LiveChat, email, the web portal and the app,
the one to answer first first, then one message and what can be done with it::

    Status: 2 messages waiting, 1 overdue.
    1. OVERDUE, was due Monday 5:00 PM: Web from Jo Resident, Potholes, new
    2. Respond by tomorrow 5:00 PM: LiveChat from Ana Ruiz, When is my trash day?, new
    3. Read the inbox again
    Message, 1 to 3, default 1:

A message is read one fact per line, then its actions (claim, make a request, answer with
information, refer elsewhere, close without a reply, release); each answer is a short series
of questions ending with the reply sent (``answer``). The golden transcripts in
tests/linear/transcripts/inbox_* show whole sessions.
"""

from __future__ import annotations

from csc_console.desks import inbox as desk
from csc_console.linear.ask import Back, Cancel, Scope, ask
from csc_console.linear.inbox.message import MessageView
from csc_console.linear.menu import menu_entry
from csc_console.linear.prompts import ChoicePrompt, Option
from csc_console.linear.workflow import Outcome, Workflow
from csc_console.services.inbox import MessagePublic, list_inbox

REFRESH = -1


@menu_entry(
    "inbox",
    "Inbox",
    "messages from LiveChat, email, the web portal and the app, by respond-by time.",
    order=45,
)
class InboxWorkspace(Workflow):
    title = desk.TITLE

    def has_unsaved_data(self) -> bool:
        return False

    def read(self) -> list[MessagePublic]:
        messages = list_inbox(self.ctx)
        self.io.status(desk.inbox_status(messages, now=self.session.now()))
        return messages

    def options(self, messages: list[MessagePublic]) -> list[Option[int]]:
        now, zone = self.session.now(), self.ctx.zone
        me = self.ctx.operator_id
        out = [Option(m.id, desk.summary_line(m, now=now, zone=zone, me=me)) for m in messages]
        out.append(Option(REFRESH, desk.REFRESH, aliases=("refresh",)))
        return out

    def run(self) -> Outcome:
        io, session = self.io, self.session
        scope = Scope(
            back_help="return to the menu.",
            cancel_help="return to the menu.",
            extra_help=(desk.CHOOSE_A_MESSAGE,),
            confirm_quit=session.confirm_quit,
        )
        messages = self.read()
        listed = True
        while True:
            if not messages:
                io.say(desk.NOTHING_TO_ANSWER)
                return Outcome.DONE
            me = self.ctx.operator_id
            free = [m for m in messages if m.claimed_by in (None, me)] or messages
            prompt = ChoicePrompt(
                desk.MESSAGE_LABEL, self.options(messages), default=free[0].id, list_options=listed
            )
            listed = False
            try:
                choice = ask(io, prompt, scope=scope)
            except (Back, Cancel):
                io.status(desk.LEFT)
                return Outcome.DONE
            if choice != REFRESH:
                session.run(MessageView(session, choice))
            messages = self.read()
            listed = True
