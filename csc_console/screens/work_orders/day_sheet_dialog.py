"""Print a division's daily sheet: every open work order of the division as of the end of the
day, by crew, urgent first. The division comes from the queue's filter when it names one."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from csc_console.catalog import Catalog
from csc_console.desks.text import join_parts
from csc_console.desks.workorders.results import day_sheet_saved, parse_day, saved_at
from csc_console.desks.workorders.words import split_where, where_name, where_options, where_value
from csc_console.screens.work_orders.form import WoDialog, text_field
from csc_console.screens.work_orders.sheet_dialog import format_field
from csc_console.services.outputs import save_sheet
from csc_console.services.sheets import division_sheet
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.fields import LabelledField

if TYPE_CHECKING:
    from csc_console.services.context import Ctx


class DaySheetDialog(WoDialog[str]):
    first_focus = "day-division"
    next_field = {"day-division": "day-date", "day-date": "day-format"}
    ok_label = "Print"
    a11y_title = "Print a division's daily sheet"

    def __init__(
        self, catalog: Catalog, department: str | None, division: str | None, today: date
    ) -> None:
        super().__init__(classes="wo-dialog")
        self.choices = [
            (o.value, join_parts(o.title, o.detail)) for o in where_options(catalog, everything=None)
        ]
        wanted = where_value(department, division)
        self.initial = wanted if any(k == wanted for k, _ in self.choices) else None
        self.today = today

    def compose_dialog(self) -> ComposeResult:
        yield self.note("Choose the division, the day (empty for today) and the format.")
        yield LabelledField(
            "Division", ChoiceList("Division", self.choices, value=self.initial, id="day-division")
        )
        yield text_field("Day", id="day-date")
        yield format_field("day-format")
        yield from self.buttons()

    @on(ChoiceList.Accepted, "#day-format")
    def _format_accepted(self) -> None:
        self.submit()

    def submit(self) -> None:
        chosen = self.required("day-division", "the division")
        if chosen is None:
            return
        department, division = split_where(chosen)
        assert department is not None  # every choice names a department
        fmt_value = self.query_one("#day-format", ChoiceList).value
        fmt = fmt_value if isinstance(fmt_value, str) else "text"
        typed = self.query_one("#day-date", Input).value
        today = self.today

        def call(ctx: Ctx) -> str:
            day = parse_day(typed, today)
            sheet = division_sheet(ctx, department=department, division=division or None, day=day)
            path = save_sheet(
                ctx, sheet, fmt, stem=f"daily-sheet-{division or department}-{day:%Y-%m-%d}"
            )
            where = where_name(ctx.catalog, department, division or None)
            return saved_at(day_sheet_saved(where, day, today, len(sheet.orders), fmt), path)

        self.run_job(call, self.dismiss)
