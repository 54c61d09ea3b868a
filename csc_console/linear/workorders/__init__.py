"""Work orders in screen-reader mode: the queue, one work order, and the tools around them.

On entering, the workspace's choices; the first says the queue's filter (the operator's last
one; at first every open work order, due first)::

    1. Show the queue: open work orders, all departments, due first
    2. Change the filter
    3. Open a work order by number
    4. New crew-found work order
    5. Export the queue to CSV
    6. Daily sheet of a division
    7. Bulk change (supervisors only: not listed for others)
    8. Escalate overdue (supervisors only)
    Work orders, 1 to 8, default 1:

``queue`` pages the work orders, ``detail`` acts on one, ``edits`` holds the changes (with the
stale-edit handling), ``supervisor`` the bulk tools, ``files`` the sheets and the CSV export,
``create`` crew-found work. The golden transcripts in tests/linear/transcripts/workorders_*
show whole sessions.
"""

from __future__ import annotations

from csc_console.desks.words import WORK_ORDERS
from csc_console.desks.workorders.queue import QueueState
from csc_console.desks.workorders.words import (
    BULK_CHANGE,
    NEW_CREW_FOUND,
    filter_words,
    where_value,
)
from csc_console.linear.ask import Back, Cancel, Scope, ask
from csc_console.linear.menu import menu_entry
from csc_console.linear.prompts import ChoicePrompt, Option, TextPrompt
from csc_console.linear.workflow import Outcome
from csc_console.linear.workorders.base import WorkOrderFlow
from csc_console.linear.workorders.create import CrewFound
from csc_console.linear.workorders.detail import Detail
from csc_console.linear.workorders.files import DailySheet, ExportCsv
from csc_console.linear.workorders.filters import FilterForm
from csc_console.linear.workorders.queue import QueueView
from csc_console.linear.workorders.supervisor import Escalate
from csc_console.services.numbers import parse_number

SUPERVISOR_ONLY = ("bulk", "escalate")


def _work_order_number(text: str) -> str:
    parsed = parse_number(text)
    if parsed is None or parsed[0] != "WO":
        from csc_console.errors import ValidationError

        raise ValidationError(f"{text!r} is not a work-order number; type one like WO-2026-000123.")
    return f"WO-{parsed[1]}-{parsed[2]:06d}"


@menu_entry(
    "workorders",
    WORK_ORDERS,
    "the queue: find, update, assign and print work orders.",
    order=20,
    aliases=("work orders", "queue"),
)
class WorkOrdersWorkspace(WorkOrderFlow):
    title = WORK_ORDERS

    def options(self, state: QueueState) -> list[Option[str]]:
        shown = filter_words(self.ctx.catalog, state.filt, state.sort)
        out = [
            Option("queue", "Show the queue", shown),
            Option("filter", "Change the filter"),
            Option("open", "Open a work order by number", aliases=("number",)),
            Option("new", NEW_CREW_FOUND, "no caller"),
            Option("export", "Export the queue to CSV"),
            Option("sheet", "Daily sheet of a division", "text, HTML or PDF"),
            Option("bulk", BULK_CHANGE, "reassign or re-prioritise work orders chosen from the queue"),
            Option("escalate", "Escalate overdue", "priority up one step"),
        ]
        return [o for o in out if self.supervisor or o.value not in SUPERVISOR_ONLY]

    def run(self) -> Outcome:
        io, session = self.io, self.session
        state = QueueState.for_operator(session.operator)
        scope = Scope(
            back_help="return to the menu.",
            cancel_help="return to the menu.",
            extra_help=("The queue, one work order, and the tools around them.",),
            confirm_quit=session.confirm_quit,
        )
        first, last = True, "queue"
        while True:
            prompt = ChoicePrompt(WORK_ORDERS, self.options(state), default=last, list_options=first)
            first = False
            try:
                choice = ask(io, prompt, scope=scope)
            except (Back, Cancel):
                io.status("Left Work orders.")
                return Outcome.DONE
            last = choice
            self.choose(choice, state)

    def choose(self, choice: str, state: QueueState) -> None:
        session = self.session
        if choice == "queue":
            session.run(QueueView(session, state))
        elif choice == "filter":
            form = FilterForm(session, state)
            session.run(form)
            if form.applied:
                session.run(QueueView(session, state))
        elif choice == "open":
            self.open_by_number()
        elif choice == "new":
            session.run(CrewFound(session, state.filt.category))
        elif choice == "export":
            session.run(ExportCsv(session, state.filt, state.sort))
        elif choice == "sheet":
            session.run(DailySheet(session, where_value(state.filt.department, state.filt.division)))
        elif choice == "bulk":
            session.run(QueueView(session, state, start_bulk=True))
        elif choice == "escalate":
            session.run(Escalate(session, state.filt.department))

    def open_by_number(self) -> None:
        scope = Scope(
            back_help="return to the work-order choices.",
            cancel_help="return to the work-order choices.",
            confirm_quit=self.session.confirm_quit,
        )
        prompt = TextPrompt("Work order number", max_length=40, validate=_work_order_number)
        try:
            number = ask(self.io, prompt, scope=scope)
        except (Back, Cancel):
            return
        if self.session.run(Detail(self.session, number, leave="Back to Work orders")) is Outcome.DONE:
            self.io.status("Back to Work orders.")

