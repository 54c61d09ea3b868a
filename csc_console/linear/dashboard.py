"""The Dashboard in screen-reader mode: the same ranges, whole centre or one CSR, the grouped
reports and every chart's numbers, as lines.

    Period, 1 to 5, default 1:            today, this week, this month, this year, custom
    (From date: / To date:                for a custom range, both days included)
    Status: Whole centre, this month: 1 to 16 March 2022.
    Calls offered: 720.  ...               the figures, one per line, label first
    Show, 1 to 14, default 1:             done, one CSR, every CSR, by day, week, month,
                                          category or channel, trends, work orders, long
                                          calls, formula, another period, the figures again

Each answer at ``Show`` says its lines and asks again (Enter alone is "done": back to the
menu). The words come from ``desks.dashboard``, as on the full-screen dashboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import csc_console.linear.workspaces  # noqa: F401 - registers the menu's first entries
from csc_console.desks import dashboard as say
from csc_console.desks.dashboard import sentences
from csc_console.desks.words import WORK_ORDERS
from csc_console.linear.menu import menu_entry
from csc_console.linear.prompts import ChoicePrompt, Option, TextPrompt
from csc_console.linear.workflow import FINISH, STAY, Flow, Goto, Step, Workflow
from csc_console.services.periods import DateRange, parse_day

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

PERIODS: Sequence[Option[str]] = (
    Option("today", say.RANGE_NAMES["today"]),
    Option("week", say.RANGE_NAMES["week"], "Monday to today"),
    Option("month", say.RANGE_NAMES["month"]),
    Option("year", say.RANGE_NAMES["year"]),
    Option("custom", say.CUSTOM_RANGE, "two dates you type"),
)
VIEWS: Sequence[Option[str]] = (
    Option("done", "Done", "back to the menu"),
    Option("csr", "One CSR", "that CSR's figures and long calls"),
    Option("csrs", "Every CSR", "one line per CSR"),
    Option("day", "By day", "one line per day"),
    Option("week", "By week", "one line per week, from Monday"),
    Option("month", "By month", "one line per month"),
    Option("category", "By category", "one line per request category"),
    Option("channel", "By channel", "one line per channel"),
    Option("trends", "Trends", "the numbers of the dashboard's charts"),
    Option("work", WORK_ORDERS, "open and overdue by department"),
    Option("long", say.LONG_CALLS, "phone calls far above the average handle time"),
    Option("formula", "Service level formula", "how the service level is counted"),
    Option("period", "Another period"),
    Option("figures", "The figures again", "for the whole centre or the CSR chosen"),
)
FORMULAS: Sequence[Option[str]] = (
    Option("answered", "Answered calls", "answered within the threshold, out of answered"),
    Option("offered", "Calls offered", "out of answered plus abandoned, short abandons left out"),
    Option("offered_with_short", "Every call", "out of answered plus every abandoned call"),
)
GROUPED = ("day", "week", "month", "category", "channel")


class _ShowPrompt(ChoicePrompt[str]):
    """The choices said on one line, after the figures: a long burst would scroll its start off
    a 24-row terminal before a screen reader reads it (measured with Orca 43 in VTE)."""

    def intro_lines(self, current: str | None) -> list[str]:
        if not self.list_options:
            return []
        shown = ", ".join(f"{i} {o.title[:1].lower()}{o.title[1:]}" for i, o in enumerate(self.options, start=1))
        return [f"You can show: {shown}. Type help to hear what each one is."]


def _date_check(text: str) -> str:
    return parse_day(text).isoformat()


@menu_entry(
    "dashboard",
    "Dashboard",
    "the centre's figures for today, this week, month or year.",
    order=40,
    replace=True,
)
class DashboardWorkspace(Workflow):
    title = "Dashboard"

    def __init__(self, session: LineSession) -> None:
        super().__init__(session)
        self.operator: str | None = None
        self.operator_name: str | None = None
        self.formula = "answered"
        self._views_listed = False

    def has_unsaved_data(self) -> bool:
        return False

    def steps(self) -> Sequence[Step]:
        custom = lambda: self.values.get("period") == "custom"  # noqa: E731
        return [
            Step("period", ChoicePrompt("Period", PERIODS, default="today"), apply=self._period),
            Step("from", TextPrompt(say.FROM_DATE, validate=_date_check, hint=_HINT), when=custom),
            Step(
                "to",
                TextPrompt("To date", validate=_date_check, hint=_HINT),
                when=custom,
                apply=self._custom_to,
            ),
            Step("view", self._view_prompt, apply=self._view),
            # reached only from Show (Goto), never in turn
            Step("csr", self._csr_prompt, when=lambda: False, apply=self._csr),
            Step(
                "formula",
                lambda: ChoicePrompt("Service level formula", FORMULAS, default=self.formula),
                when=lambda: False,
                apply=self._formula,
            ),
        ]

    # ------------------------------------------------------------------ the range
    def date_range(self) -> DateRange:
        from csc_console.services.periods import preset_range

        period = str(self.values.get("period", "today"))
        if period == "custom":
            return say.checked_range(
                date.fromisoformat(str(self.values["from"])),
                date.fromisoformat(str(self.values["to"])),
            )
        return preset_range(period, self.session.local_now().date())

    def _period(self, value: str) -> Flow | Goto | None:
        if value != "custom":
            self.say_figures()
        return None

    def _custom_to(self, value: str) -> Flow | Goto | None:
        say.checked_range(parse_day(str(self.values["from"])), parse_day(value))
        self.say_figures()
        return None

    # ------------------------------------------------------------------ what to show
    def say_figures(self) -> None:
        from csc_console.services.kpi import figures

        rng = self.date_range()
        f = figures(
            self.ctx, start=rng.start, end=rng.end, formula=self.formula, operator=self.operator  # type: ignore[arg-type]
        )
        self.io.status(say.heading(self.operator_name, rng))
        self.io.lines(sentences(say.figure_lines(f, csr=self.operator is not None)))

    def _view_prompt(self) -> ChoicePrompt[str]:
        listed, self._views_listed = self._views_listed, True  # said in full the first time
        return _ShowPrompt("Show", VIEWS, default="done", list_options=not listed)

    def _view(self, value: str) -> Flow | Goto | None:
        if value == "done":
            return FINISH
        if value in ("csr", "formula", "period"):
            self.values.pop("view", None)  # back at Show later, its default is "done" again
            return Goto(value)
        self.say(value)
        return STAY

    def say(self, what: str) -> None:
        from csc_console.services import dashboard, outliers, reports

        rng = self.date_range()
        ctx = self.ctx
        if what == "figures":
            self.say_figures()
        elif what in GROUPED:
            report = reports.grouped(
                ctx, start=rng.start, end=rng.end, by=what, formula=self.formula, operator=self.operator  # type: ignore[arg-type]
            )
            self.io.lines(sentences(say.grouped_lines(report)))
        elif what == "csrs":
            long = outliers.long_calls(ctx, start=rng.start, end=rng.end)
            lines = dashboard.csr_lines(ctx, rng=rng, long=long, formula=self.formula)  # type: ignore[arg-type]
            self.io.status(say.csrs_heading(len(lines), rng))
            self.io.lines(sentences(say.csr_line(line) for line in lines))
            self.io.say(say.outlier_rule(long) + ".")
        elif what == "trends":
            trend = dashboard.trend(ctx, rng=rng, operator=self.operator, formula=self.formula)  # type: ignore[arg-type]
            for metric in say.TREND_METRICS:
                self.io.status(say.trend_caption(trend, metric) + ".")
                self.io.lines(sentences(say.trend_lines(trend, metric)))
        elif what == "work":
            self.io.status(f"{say.WORK_HEADING}.")
            self.io.lines(sentences(say.work_order_lines(dashboard.work_by_department(ctx))))
        elif what == "long":
            self._say_long(rng)

    def _say_long(self, rng: DateRange) -> None:
        from csc_console.services.outliers import long_calls

        long = long_calls(ctx=self.ctx, start=rng.start, end=rng.end, operator=self.operator)
        self.io.status(say.outlier_rule(long) + ".")
        self.io.say(say.long_calls_heading(long, self.operator_name))
        self.io.lines(sentences(say.long_call_line(c, with_csr=self.operator is None) for c in long.calls))

    # ------------------------------------------------------------------ one CSR, formula
    def _csr_prompt(self) -> ChoicePrompt[str]:
        from csc_console.services.dashboard import csr_usernames

        csrs = csr_usernames(self.ctx)
        options = [Option("", say.WHOLE_CENTRE, "every CSR together")]
        options += [Option(username, name) for username, name in csrs]
        return ChoicePrompt("CSR", options, default=self.operator or "")

    def _csr(self, value: str) -> Flow | Goto | None:
        from csc_console.services.dashboard import csr_usernames

        names = dict(csr_usernames(self.ctx))
        self.operator = value or None
        self.operator_name = names.get(value) if value else None
        self.say_figures()
        if self.operator is not None:
            self._say_long(self.date_range())
        return Goto("view")

    def _formula(self, value: str) -> Flow | Goto | None:
        self.formula = value
        self.say_figures()
        return Goto("view")


_HINT = say.DATE_HINT
