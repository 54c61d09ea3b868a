"""One work order: its lines (``work_order_lines``), then what can be done with it, as numbered
choices. Only what applies is offered: the allowed next statuses, crew and priority while it is
open, the call-back list when it has callers, another work order while its request is open,
reopen for supervisors when it is closed. After each action the work order is read again from
the database, so the choices always fit what it is now."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from csc_console.desks.words import plural
from csc_console.desks.workorders.detail import (
    ALL_TOLD,
    callback_lines,
    callers_heading,
    callers_marked,
    untold,
    work_order_lines,
)
from csc_console.desks.workorders.words import (
    ADD_NOTE,
    ASSIGN_CREW,
    BACK_TO_QUEUE,
    CALLBACK_LIST,
    CHANGE_STATUS,
    RADIO_LOG,
    WORK_ORDER,
    or_list,
    priority_label,
)
from csc_console.errors import CscError
from csc_console.linear.ask import Back, Cancel, Scope, ask, confirm
from csc_console.linear.prompts import ChoicePrompt, Option
from csc_console.linear.workflow import Outcome, Workflow
from csc_console.linear.workorders.edits import (
    AddWorkOrder,
    CrewChange,
    NoteChange,
    PriorityChange,
    Reopen,
    StatusChange,
)
from csc_console.linear.workorders.files import WorkOrderSheet
from csc_console.services.requests import get_request
from csc_console.services.workorders import (
    WorkOrderPublic,
    allowed_next,
    get_work_order,
    mark_callers_notified,
)
from csc_console.vocab import RequestStatus

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

OPEN_REQUEST = (RequestStatus.OPEN.value, RequestStatus.IN_PROGRESS.value)


def detail_lines(wo: WorkOrderPublic, zone: ZoneInfo) -> list[str]:
    """The desk's ``work_order_lines``, its status field said as "Current status:": here a line
    starting "Status:" is a result, and the field must not sound like one."""
    return work_order_lines(wo, zone, status_field="Current status")


class Detail(Workflow):
    title = WORK_ORDER

    def __init__(self, session: LineSession, number: str, *, leave: str = BACK_TO_QUEUE) -> None:
        super().__init__(session)
        self.number = number
        self.leave_title = leave
        self.wo: WorkOrderPublic | None = None
        self.request_open = False
        self.radio: list[str] = []

    def has_unsaved_data(self) -> bool:
        return False

    # ------------------------------------------------------------------ loading
    def load(self) -> WorkOrderPublic:
        ctx, now = self.ctx, self.session.now()
        wo = get_work_order(ctx, number=self.number, now=now)
        self.number = wo.number
        self.request_open = False
        if wo.request:
            self.request_open = get_request(ctx, number=wo.request).status in OPEN_REQUEST
        self.radio = self.radio_lines(wo)
        self.wo = wo
        return wo

    def radio_lines(self, wo: WorkOrderPublic) -> list[str]:
        from csc_console.services.dispatch import work_order_radio

        entries, intervals = work_order_radio(self.ctx, number=wo.number)
        if not entries:
            return []
        return [f"Radio: {e.line(self.ctx.zone)}" for e in entries] + intervals.lines()

    # ------------------------------------------------------------------ actions
    def actions(self, wo: WorkOrderPublic) -> list[Option[str]]:
        allowed = [s.label.lower() for s in allowed_next(wo.status)]
        out: list[Option[str]] = []
        if allowed:
            out.append(Option("status", CHANGE_STATUS, f"to {or_list(allowed)}"))
        if wo.is_open:
            crew = f"now {wo.crew}" if wo.crew else "no crew yet"
            out.append(Option("crew", ASSIGN_CREW, crew, aliases=("crew", "reassign")))
            out.append(Option("priority", "Priority", f"now {priority_label(wo.priority)}"))
        out.append(Option("note", ADD_NOTE))
        if wo.callers:
            left = untold(wo)
            told = f"{left} not told yet" if left else "all told"
            out.append(
                Option("callers", CALLBACK_LIST, f"{plural(len(wo.callers), 'caller')}, {told}")
            )
        if self.radio:
            out.append(Option("radio", RADIO_LOG))
        out.append(Option("sheet", "Print the sheet", "text, HTML or PDF file", aliases=("print",)))
        if wo.request and self.request_open:
            out.append(Option("add", f"Add a work order to {wo.request}", "another crew or job"))
        operator = self.session.operator
        if not wo.is_open and operator is not None and operator.is_supervisor:
            out.append(Option("reopen", "Reopen", "supervisors: back to work, with a reason"))
        out.append(Option("read", "Read it again"))
        out.append(Option("done", self.leave_title))
        return out

    def default(self, wo: WorkOrderPublic) -> str:
        if not wo.is_open and any(not c.notified for c in wo.callers):
            return "callers"
        return "status" if allowed_next(wo.status) else "done"

    def run(self) -> Outcome:
        wo = self.load()
        self.io.lines(detail_lines(wo, self.ctx.zone))
        scope = Scope(
            back_help=f"leave {wo.number}: {self.leave_title.lower()}.",
            cancel_help=f"leave {wo.number}: {self.leave_title.lower()}.",
            extra_help=("Only what this work order allows now is offered.",),
            confirm_quit=self.session.confirm_quit,
        )
        listed: list[str] = []
        while True:
            options = self.actions(wo)
            keys = [o.value for o in options]
            prompt = ChoicePrompt(
                "Action", options, default=self.default(wo), list_options=keys != listed
            )
            listed = keys
            try:
                action = ask(self.io, prompt, scope=scope)
            except (Back, Cancel):
                return Outcome.DONE
            if action == "done":
                return Outcome.DONE
            try:
                wo = self.act(action, wo)
            except CscError as exc:
                self.io.error(str(exc))
                wo = self.load()

    def act(self, action: str, wo: WorkOrderPublic) -> WorkOrderPublic:
        io = self.io
        if action == "read":
            io.lines(detail_lines(wo, self.ctx.zone))
            return wo
        if action == "radio":
            io.lines(self.radio)
            return wo
        if action == "callers":
            self.callers(wo)
            return self.load()
        flows = {
            "status": StatusChange,
            "crew": CrewChange,
            "priority": PriorityChange,
            "note": NoteChange,
            "reopen": Reopen,
            "add": AddWorkOrder,
            "sheet": WorkOrderSheet,
        }
        self.session.run(flows[action](self.session, wo))
        return self.load()

    def callers(self, wo: WorkOrderPublic) -> None:
        io = self.io
        io.say(callers_heading(wo))
        io.lines(callback_lines(wo, numbered=True))
        left = untold(wo)
        if not left or wo.request is None:
            io.status(ALL_TOLD)
            return
        told = confirm(
            io,
            f"Mark {'the caller' if left == 1 else f'the {left} callers'} not told yet as told",
            default=not wo.is_open,
        )
        if not told:
            io.status("Nothing marked.")
            return
        count = mark_callers_notified(self.ctx, request=wo.request, now=self.session.now())
        io.status(callers_marked(count))
