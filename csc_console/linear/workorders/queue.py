"""The queue: the total, then one work order per line, ten to a page, from the database::

    Queue: open work orders, all departments, due first.
    Status: 23 work orders, page 1 of 3.
    1. WO-2026-000123: Assigned, OVERDUE 2 business days, High priority, Potholes, ...
    ...
    Work order, 1 to 10, or next page, default next:

A number opens that work order (``detail``); ``next`` (or Enter) and ``previous`` page;
``list`` says the page again; ``refresh`` reads it again from the database and says "No change"
when nothing changed; ``filter`` changes the filter; supervisors also have ``bulk``. Back from a
work order, the page is read again and said in full only when it changed. Numbers run on across pages (page 2 is 11 to 20),
so a number heard once means the same work order until the queue is read again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from csc_console.desks.workorders.queue import QueueState
from csc_console.desks.workorders.words import NO_MATCH, numbered_lines, page_count, page_status
from csc_console.linear.ask import Back, Cancel, Scope, ask
from csc_console.linear.workflow import Outcome
from csc_console.linear.workorders.base import WorkOrderFlow
from csc_console.linear.workorders.detail import Detail
from csc_console.linear.workorders.filters import FilterForm
from csc_console.linear.workorders.prompts import QueueAction, QueuePrompt
from csc_console.linear.workorders.supervisor import BulkChange
from csc_console.services.queues import QueuePage, QueueRow, list_queue

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

PER_PAGE = 10  # a page said at once: ten lines are heard before the prompt


class QueueView(WorkOrderFlow):
    title = "Queue"
    noun = "the queue"

    def __init__(self, session: LineSession, state: QueueState, *, start_bulk: bool = False) -> None:
        super().__init__(session)
        self.state = state
        self.start_bulk = start_bulk
        self.page: QueuePage | None = None
        self.listed: dict[int, QueueRow] = {}

    # ------------------------------------------------------------------ reading
    def load(self, offset: int) -> QueuePage:
        st, now = self.state, self.session.now()
        page = list_queue(self.ctx, st.filt, sort=st.sort, offset=max(0, offset), limit=PER_PAGE, now=now)
        if not page.rows and page.offset and page.total:  # the page emptied meanwhile
            last = (page_count(page) - 1) * PER_PAGE
            page = list_queue(self.ctx, st.filt, sort=st.sort, offset=last, limit=PER_PAGE, now=now)
        self.page = page
        return page

    def say_page(self, lead: str = "") -> None:
        page = self.page
        assert page is not None
        self.io.status(f"{lead}{page_status(page)}")
        self.io.lines(numbered_lines(page, self.ctx.zone))
        self.listed.update({page.offset + i: row for i, row in enumerate(page.rows, start=1)})

    @staticmethod
    def snapshot(page: QueuePage) -> tuple[object, ...]:
        return (page.total, page.offset, tuple((r.number, r.version, r.overdue_days) for r in page.rows))

    # ------------------------------------------------------------------ the loop
    def run(self) -> Outcome:
        io = self.io
        io.say(self.state.line(self.ctx.catalog))
        first = self.load(0)
        if not first.rows:
            io.status(NO_MATCH)
            return Outcome.DONE
        self.say_page()
        if self.start_bulk and self.supervisor and not self.act(QueueAction("bulk"), first):
            return Outcome.DONE
        scope = Scope(
            back_help="leave the queue.",
            cancel_help="leave the queue.",
            confirm_quit=self.session.confirm_quit,
        )
        while True:
            page = self.page
            assert page is not None
            prompt = QueuePrompt(
                page.offset + 1,
                page.offset + len(page.rows),
                more=page.has_more,
                earlier=page.offset > 0,
                bulk=self.supervisor,
            )
            try:
                action = ask(io, prompt, scope=scope)
            except (Back, Cancel):
                io.status("Left the queue.")
                return Outcome.DONE
            if not self.act(action, page):
                return Outcome.DONE

    def act(self, action: QueueAction, page: QueuePage) -> bool:
        """Do what was typed; False when the queue has nothing left to show."""
        io = self.io
        if action.kind in ("next", "previous"):
            step = PER_PAGE if action.kind == "next" else -PER_PAGE
            self.load(page.offset + step)
            self.say_page()
            return True
        if action.kind == "list":
            self.say_page()
            return True
        if action.kind == "refresh":
            before = self.snapshot(page)
            if self.snapshot(self.load(page.offset)) == before:
                io.status("No change since the queue was read.")
            else:
                self.say_page("The queue changed. ")
            return True
        if action.kind == "filter":
            form = FilterForm(self.session, self.state)
            self.session.run(form)
            if not form.applied:
                return True
            self.listed.clear()
            io.say(self.state.line(self.ctx.catalog))
            if not self.load(0).rows:
                io.status(NO_MATCH)
                return False
            self.say_page()
            return True
        if action.kind == "bulk":
            flow = BulkChange(self.session, dict(self.listed))
            self.session.run(flow)
            if flow.saved:
                return self.back_to_queue(page)
            return True
        number = action.number
        if number is None:
            assert action.position is not None
            number = page.rows[action.position - page.offset - 1].number
        detail = Detail(self.session, number)
        if self.session.run(detail) is Outcome.FAILED:
            return True
        return self.back_to_queue(page)

    def back_to_queue(self, page: QueuePage) -> bool:
        """Read the page again: said in full when it changed, else only that it did not."""
        before = self.snapshot(page)
        fresh = self.load(page.offset)
        if not fresh.rows:
            self.io.status("Back to the queue: no work orders match this filter any more.")
            return False
        if self.snapshot(fresh) == before:
            self.io.status(f"Back to the queue, unchanged: {page_status(fresh)} Type list to hear it.")
        else:
            self.say_page("Back to the queue: ")
        return True
