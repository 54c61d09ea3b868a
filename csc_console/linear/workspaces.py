"""The menu's built-in entries: Intake, Work orders, Dispatch, Dashboard, Help and Quit.

Intake, Work orders and Dispatch are interim views until their issues replace them (register a
workflow with the same key and ``replace=True``); each already does something real.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from csc_console.catalog import Catalog
from csc_console.errors import CscError
from csc_console.linear import lookups
from csc_console.linear.ask import QuitRequested
from csc_console.linear.menu import menu_entry
from csc_console.linear.prompts import ChoicePrompt, Option
from csc_console.linear.words import plural, say_date, say_seconds, say_when
from csc_console.linear.workflow import Step, Workflow
from csc_console.vocab import Priority, WorkOrderStatus

if TYPE_CHECKING:
    from csc_console.services.kpi import Figures


def _category_name(catalog: Catalog, code: str) -> str:
    try:
        return catalog.entry(code).name
    except CscError:
        return code


def _department_name(catalog: Catalog, code: str) -> str:
    try:
        return catalog.department(code).name
    except CscError:
        return code


def _label(enum: type[WorkOrderStatus] | type[Priority], value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


# --------------------------------------------------------------------------- intake
@menu_entry("intake", "Intake", "take a call and record what it is about.", order=10)
class IntakeWorkspace(Workflow):
    title = "Intake"

    def finish(self) -> None:
        self.io.status("No call in progress.")
        self.io.say(
            "Taking calls in screen-reader mode comes with the call intake update: answer, "
            "caller and phone number, what the call is about, category and its questions, "
            "address, duplicate check, save with the request number to read back, and wrap-up."
        )


# --------------------------------------------------------------------------- work orders
@menu_entry("workorders", "Work orders", "open work orders per department.", order=20)
class WorkOrdersWorkspace(Workflow):
    title = "Work orders"
    per_department = 10

    def finish(self) -> None:
        queues = lookups.open_work_orders(self.ctx, per_department=self.per_department)
        total = sum(q.total for q in queues)
        if not total:
            self.io.status("No open work orders.")
            return
        self.io.status(
            f"{plural(total, 'open work order')} in {plural(len(queues), 'department')}."
        )
        now = self.session.now()
        for queue in queues:
            name = _department_name(self.ctx.catalog, queue.department_code)
            shown = len(queue.first)
            tail = f", the first {shown} by due time" if shown < queue.total else ""
            self.io.say(f"{name}: {plural(queue.total, 'open work order')}{tail}.")
            for wo in queue.first:
                overdue = wo.due_at is not None and wo.due_at < now
                due = (
                    f"{'OVERDUE, was due' if overdue else 'due'} "
                    f"{say_when(wo.due_at, now=now, zone=self.ctx.zone)}"
                    if wo.due_at
                    else None
                )
                priority = (
                    f"{_label(Priority, wo.priority)} priority"
                    if wo.priority != Priority.NORMAL.value
                    else None
                )
                self.io.record(
                    wo.number,
                    _category_name(self.ctx.catalog, wo.category_code),
                    _label(WorkOrderStatus, wo.status),
                    priority,
                    due,
                    wo.address,
                    f"crew {wo.crew}" if wo.crew else None,
                )


# --------------------------------------------------------------------------- dispatch
@menu_entry("dispatch", "Dispatch", "units and their radio status.", order=30)
class DispatchWorkspace(Workflow):
    title = "Dispatch"

    def finish(self) -> None:
        units = lookups.units(self.ctx)
        if not units:
            self.io.status("No units are set up; they come from the catalog's units file.")
            return
        self.io.status(f"{plural(len(units), 'unit')}, status first.")
        catalog = self.ctx.catalog
        now = self.session.now()
        for unit in units:
            try:
                status = catalog.dispatch_status(unit.status).name
            except CscError:
                status = unit.status.replace("_", " ").capitalize()
            since = (
                f"since {say_when(unit.status_since, now=now, zone=self.ctx.zone)}"
                if unit.status_since
                else None
            )
            self.io.record(
                f"{status}: {unit.call_sign}",
                unit.name,
                since,
                unit.work_order,
                unit.location,
            )


# --------------------------------------------------------------------------- dashboard
PERIODS: Sequence[Option[str]] = (
    Option("today", "Today"),
    Option("week", "This week", "Monday to today"),
    Option("month", "This month"),
    Option("year", "This year"),
)


def period_range(period: str, today: date) -> tuple[date, date]:
    """Local dates ``[start, end)`` of ``period`` up to and including ``today``."""
    end = today + timedelta(days=1)
    if period == "week":
        return today - timedelta(days=today.weekday()), end
    if period == "month":
        return today.replace(day=1), end
    if period == "year":
        return today.replace(month=1, day=1), end
    return today, end


def figure_lines(f: Figures) -> list[str]:
    """The dashboard's figures as lines, label first."""
    abandoned = f"Calls abandoned: {f.calls_abandoned:,}"
    if f.short_abandons:
        abandoned += (
            f", not counting {plural(f.short_abandons, 'short abandon')} under "
            f"{f.short_abandon_threshold_seconds} seconds"
        )
    level = (
        f"{f.service_level_pct:.1f} percent answered within "
        f"{f.service_level_threshold_seconds} seconds"
        if f.service_level_pct is not None
        else "none, no calls in this period"
    )
    asa = say_seconds(f.asa_seconds) if f.asa_seconds is not None else "no calls answered"
    aht = say_seconds(f.aht_seconds) if f.aht_seconds is not None else "no calls handled"
    return [
        f"Calls offered: {f.calls_offered:,}.",
        f"Calls answered: {f.calls_answered:,}.",
        abandoned + ".",
        f"Average answer delay: {asa}.",
        f"Service level: {level}.",
        f"Service level formula: {f.service_level_formula}.",
        f"Average handle time: {aht}.",
        f"Relay calls answered: {f.relay_calls_answered:,}.",
        f"Requests received: {f.requests_received:,}.",
    ]


@menu_entry(
    "dashboard", "Dashboard", "the centre's figures for today, this week, month or year.", order=40
)
class DashboardWorkspace(Workflow):
    title = "Dashboard"

    def steps(self) -> Sequence[Step]:
        return [Step("period", ChoicePrompt("Period", PERIODS, default="today"))]

    def has_unsaved_data(self) -> bool:
        return False

    def finish(self) -> None:
        from csc_console.services.kpi import figures

        today = self.session.local_now().date()
        period = str(self.values.get("period", "today"))
        start, end = period_range(period, today)
        result = figures(self.ctx, start=start, end=end)
        last = end - timedelta(days=1)
        span = (
            say_date(start, today=today)
            if start == last
            else f"{say_date(start, today=today)} to {say_date(last, today=today)}"
        )
        title = next(o.title for o in PERIODS if o.value == period)
        self.io.status(f"Figures for {title.lower()}, {span}.")
        self.io.lines(figure_lines(result))


# --------------------------------------------------------------------------- help & quit
def guide_lines() -> list[str]:
    return [
        "csc-console screen-reader mode: every line is one whole message; nothing is redrawn.",
        "A prompt ends with a colon and starts with its label; type the answer and press Enter.",
        "Numbered choices say their range and default: type the number or the start of the name, "
        "or Enter alone for the default. The choice is said back.",
        "Yes or no questions: type y or n, or Enter alone for the default.",
        "Lines starting with Error: are problems to fix; lines starting with Status: are results; "
        "lines starting with Notice: are news from elsewhere.",
        "Lists give one record per line, the most important part first.",
        "At every prompt you can type help, repeat, back, cancel or quit: help says what you can "
        "type there; repeat says the last result and prompt again; back goes to the previous "
        "question, keeping what you typed; cancel abandons what you are doing, after asking if "
        "something would be lost; quit leaves csc-console, after asking if something is not "
        "finished.",
        "To answer with one of those words, start it with a backslash, as in \\help.",
        "Ctrl+C at a prompt is the same as cancel; Ctrl+D on an empty line ends the session.",
    ]


@menu_entry("help", "Help", "how this mode works and what you can type.", order=90)
class HelpWorkspace(Workflow):
    title = "Help"

    def finish(self) -> None:
        self.io.lines(guide_lines())


@menu_entry("quit", "Quit", "sign out and leave csc-console.", order=99, aliases=("exit",))
class QuitWorkspace(Workflow):
    title = "Quit"

    def finish(self) -> None:
        raise QuitRequested
