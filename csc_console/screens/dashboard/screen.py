"""The Dashboard workspace: the centre's figures live, for a range and the whole centre or one CSR.

Keys: T today, W this week, M this month, Y this year, C a custom range (a dialog); P next CSR,
Shift+P previous CSR, A whole centre (Enter on a row of the CSR list shows that CSR); F the
next service-level formula; Ctrl+R refresh. Everything is "label: value" text in read-only
lists (the terminal cursor on the highlighted row); each trend is a bar chart whose rows carry
the numbers beside the bars (``widgets.charts``).

Refresh: ``fetch`` (a thread worker) reads everything (``services.dashboard``). While the
workspace shows, a timer calls ``poll`` every ``POLL_SECONDS``; its worker reads only the cheap
``signature`` and stops there when it has not changed: no message, no repaint. When it changed
the data is read again, and each list, chart and line is rewritten only if its text differs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.worker import Worker, get_current_worker

from csc_console.desks.dashboard import (
    CUSTOM_RANGE,
    LONG_CALLS,
    NO_CSRS,
    RANGE_NAMES,
    WHOLE_CENTRE,
    WORK_HEADING,
)
from csc_console.screens.base import WorkspaceScreen
from csc_console.screens.dashboard import lines
from csc_console.services.dashboard import DashboardData, View
from csc_console.widgets.charts import BarChart
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from datetime import date

    from csc_console.services.context import Ctx

FORMULAS = ("answered", "offered", "offered_with_short")
POLL_GROUP = "dashboard-poll"

LISTS = (
    ("dash-channels", "Requests by channel", "No requests in this period."),
    ("dash-categories", "Requests by category", "No requests in this period."),
    ("dash-work", WORK_HEADING, "No departments."),
    ("dash-csrs", "CSRs (Enter shows one)", "No CSRs."),
    ("dash-long", LONG_CALLS, "No long calls in this period."),
)


def _key(key: str, action: str, words: str, id: str, show: bool = False) -> Binding:  # noqa: A002
    return Binding(key, action, words, id=id, show=show, tooltip=words)


class DashboardScreen(WorkspaceScreen[DashboardData]):
    a11y_title = "Dashboard"
    mode = "dashboard"
    POLL_SECONDS: ClassVar[float] = 30.0
    BINDINGS: ClassVar[list[Any]] = [
        _key("t", "range('today')", RANGE_NAMES["today"], "dash-today", show=True),
        _key("w", "range('week')", RANGE_NAMES["week"], "dash-week"),
        _key("m", "range('month')", RANGE_NAMES["month"], "dash-month", show=True),
        _key("y", "range('year')", RANGE_NAMES["year"], "dash-year"),
        _key("c", "custom_range", CUSTOM_RANGE, "dash-custom"),
        _key("p", "csr(1)", "Next CSR", "dash-next-csr", show=True),
        _key("shift+p", "csr(-1)", "Previous CSR", "dash-previous-csr"),
        _key("a", "centre", WHOLE_CENTRE, "dash-centre"),
        _key("f", "formula", "Next service-level formula", "dash-formula"),
    ]

    def __init__(self) -> None:
        super().__init__(id="dashboard")
        self.view = View()
        self.data: DashboardData | None = None
        self._poll_timer: Timer | None = None
        self._poll_failing = False
        self._announce = False
        self._texts: dict[str, str] = {}
        self._filled: set[str] = set()

    def now(self) -> datetime:
        """The time the figures are for (tests replace it)."""
        return datetime.now(UTC)

    # ------------------------------------------------------------------ layout
    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="dash-scroll", can_focus=False):
            yield Static(literal("Dashboard: loading."), id="dash-heading", markup=False)
            yield Static(
                literal(
                    "Keys: T today, W this week, M this month, Y this year, C custom range; "
                    "P next CSR, Shift+P previous CSR, A whole centre; F service-level formula."
                ),
                id="dash-keys",
                markup=False,
            )
            yield Static(literal("Figures"), classes="list-label", markup=False)
            yield ReadList("Figures", id="dash-figures")
            for metric in lines.CHARTS:
                yield Static(literal(metric), id=f"label-{metric}", classes="list-label", markup=False)
                yield BarChart(
                    metric, top=100.0 if metric == "service_level_pct" else None, id=f"chart-{metric}"
                )
            for widget_id, title, empty in LISTS:
                yield Static(literal(title), id=f"label-{widget_id}", classes="list-label", markup=False)
                yield ReadList(title, empty=empty, id=widget_id)

    def on_mount(self) -> None:
        self._poll_timer = self.set_interval(self.POLL_SECONDS, self.poll, pause=True)
        self.query_one("#dash-figures", ReadList).focus()

    # Textual calls the handler of every class in the MRO: no super() calls here.
    def on_screen_resume(self) -> None:
        if self._poll_timer is not None:
            self._poll_timer.resume()

    def on_screen_suspend(self) -> None:
        covered = self.app.screen is not self and self.app.screen.is_modal
        if self._poll_timer is not None and not covered:
            self._poll_timer.pause()

    # ------------------------------------------------------------------ keys
    def _change(self, view: View) -> None:
        if view == self.view:
            self._say_current()
            return
        self.view = view
        self._announce = True
        self.reload()

    def _say_current(self) -> None:
        if self.data is not None:
            self.app.notify(lines.heading(self.data))

    def action_range(self, kind: str) -> None:
        self._change(replace(self.view, kind=kind, first=None, last=None))

    def action_custom_range(self) -> None:
        from csc_console.screens.dashboard.dialogs import CustomRangeDialog

        today = self.now().astimezone(self._zone()).date()
        current = self.data.range if self.data is not None else None
        first = current.start if current is not None else today.replace(day=1)
        last = current.last_day if current is not None else today

        def chosen(days: tuple[date, date] | None) -> None:
            if days is not None:
                self._change(replace(self.view, kind="custom", first=days[0], last=days[1]))

        self.app.push_screen(CustomRangeDialog(first, last), chosen)

    def action_csr(self, step: int) -> None:
        if self.data is None or not self.data.csrs:
            self.app.notify(NO_CSRS)
            return
        names = [c.username for c in self.data.csrs]
        if self.view.operator in names:
            index = (names.index(self.view.operator) + step) % (len(names) + 1)
        else:
            index = 0 if step > 0 else len(names) - 1
        # one step past the last CSR (or before the first) is the whole centre again
        self._change(replace(self.view, operator=names[index] if index < len(names) else None))

    def action_centre(self) -> None:
        self._change(replace(self.view, operator=None))

    def action_formula(self) -> None:
        following = FORMULAS[(FORMULAS.index(self.view.formula) + 1) % len(FORMULAS)]
        self._change(replace(self.view, formula=following))  # type: ignore[arg-type]

    @on(OptionList.OptionSelected, "#dash-csrs")
    def _csr_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.data is not None and 0 <= event.option_index < len(self.data.csrs):
            self._change(replace(self.view, operator=self.data.csrs[event.option_index].username))

    def _zone(self) -> Any:
        ctx = self.host.ctx
        return ctx.zone if ctx is not None else UTC

    # ------------------------------------------------------------------ data
    def fetch(self, ctx: Ctx) -> DashboardData:
        from csc_console.services.dashboard import dashboard

        return dashboard(ctx, view=self.view, now=self.now())

    def show(self, data: DashboardData) -> None:
        if data.view != self.view:
            return  # an answer for a view no longer asked for
        self.data = data
        sec = lines.sections(data)
        self._text("#dash-heading", sec.heading)
        self._lines("#dash-figures", sec.figures)
        for metric, (caption, bars) in sec.charts.items():
            self._text(f"#label-{metric}", caption)
            self.query_one(f"#chart-{metric}", BarChart).set_bars(bars, label=caption)
        self._lines("#dash-channels", sec.channels)
        self._lines("#dash-categories", sec.categories)
        self._lines("#dash-work", sec.work_orders)
        self._lines("#dash-csrs", sec.csrs)
        self._text("#label-dash-long", f"{lines.long_calls_title(data)}. {sec.long_rule}")
        self._lines("#dash-long", sec.long_calls)
        if self._announce:
            self._announce = False
            self.app.notify(lines.announcement(data))

    def _text(self, selector: str, text: str) -> None:
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(literal(text))

    def _lines(self, selector: str, new: list[str]) -> None:
        widget = self.query_one(selector, ReadList)
        if selector in self._filled and widget.lines == new:
            return
        self._filled.add(selector)
        widget.set_lines(new)

    # ------------------------------------------------------------------ refresh
    def poll(self) -> None:
        """The timer: read again only when the signature changed (module documentation)."""
        if self.host.ctx is None or self.data is None or not self.is_current:
            return
        self.run_worker(
            self._poll_worker, group=POLL_GROUP, thread=True, exclusive=True, exit_on_error=False
        )

    def _poll_worker(self) -> None:
        from csc_console.services.dashboard import dashboard, signature

        ctx, data, view = self.host.ctx, self.data, self.view
        if ctx is None or data is None:
            return
        now = self.now()
        if signature(ctx, now=now) == data.signature:
            self._poll_failing = False
            return  # nothing changed: no message, nothing repainted
        fresh = dashboard(ctx, view=view, now=now)
        self._poll_failing = False
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(fresh))

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> bool:
        if worker.group != POLL_GROUP:
            return False
        if not self._poll_failing:  # say it once, not every half minute
            self._poll_failing = True
            self.app.notify(
                f"The dashboard could not refresh: {error}. It tries again every "
                f"{int(self.POLL_SECONDS)} seconds.",
                severity="warning",
            )
        return True
