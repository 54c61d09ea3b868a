"""The queue's filter bar: division, status, priority, overdue, crew, category, text search and
address, each a labelled control on a two-column grid (label first, on the same row).

A choice (Left / Right, or type the start of a value) or the check box applies at once; a text field applies with Enter (and Enter
takes the cursor back to the queue, as Escape does anywhere in the bar). ``FilterBar.Changed``
carries the new ``QueueFilter``; ``FilterBar.Done`` asks for the queue.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label

from csc_console.catalog import Catalog
from csc_console.desks.text import join_parts
from csc_console.desks.workorders.words import (
    ANY_CATEGORY,
    ANY_PRIORITY,
    BACK_TO_QUEUE,
    OVERDUE_ONLY,
    STATUS_CHOICES,
    crew_options,
    split_where,
    status_choice,
    statuses_for,
    where_options,
    where_value,
)
from csc_console.services.queues import QueueFilter
from csc_console.vocab import Priority
from csc_console.widgets.cycle import CycleChoice
from csc_console.widgets.entry import TextField
from csc_console.widgets.text import literal
from csc_console.widgets.toggles import CheckBox

ANY = "any"


def division_options(catalog: Catalog) -> list[tuple[str, str]]:
    """The desk's departments and divisions, as (value, words) for a cycle choice."""
    return [(o.value or ANY, join_parts(o.title, o.detail)) for o in where_options(catalog)]


def _select(label: str, options: list[tuple[str, str]], value: str, id: str) -> CycleChoice:  # noqa: A002
    return CycleChoice(label, options, value, id=id)


class FilterBar(Grid):
    """The filter controls (see the module documentation)."""

    BINDINGS: ClassVar[list[Any]] = [
        Binding("escape", "done", BACK_TO_QUEUE, id="filters-done"),
    ]

    class Done(Message):
        """Escape in the filter bar: back to the queue."""

    class Changed(Message):
        def __init__(self, bar: FilterBar, filt: QueueFilter, *, submitted: bool) -> None:
            super().__init__()
            self.bar = bar
            self.filt = filt
            self.submitted = submitted

    def __init__(self, catalog: Catalog, filt: QueueFilter, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.catalog = catalog
        self.filt = filt

    def _pair(self, label: str, control: Widget) -> ComposeResult:
        control.a11y_label = label  # type: ignore[attr-defined]
        yield Label(literal(f"{label}:"), classes="filter-label")
        yield control

    def compose(self) -> ComposeResult:
        f = self.filt
        where = where_value(f.department, f.division) or ANY
        crews = [(ANY, "Any crew")] + [
            (o.value, o.title) for o in crew_options(self.catalog, f.division, f.department)
        ]
        categories = [(ANY, ANY_CATEGORY)] + [
            (c.code, c.name) for c in self.catalog.categories if c.work_order
        ]
        priorities = [(ANY, ANY_PRIORITY)] + [(p.value, p.label) for p in Priority]
        yield from self._pair(
            "Division",
            _select("Division", division_options(self.catalog), where, "filter-division"),
        )
        yield from self._pair(
            "Status", _select("Status", [(o.value, o.title) for o in STATUS_CHOICES], status_choice(f.statuses), "filter-status")
        )
        yield from self._pair(
            "Priority", _select("Priority", priorities, f.priority or ANY, "filter-priority")
        )
        yield from self._pair("Overdue", CheckBox(OVERDUE_ONLY, f.overdue, id="filter-overdue"))
        yield from self._pair("Crew", _select("Crew", crews, f.crew or ANY, "filter-crew"))
        yield from self._pair(
            "Category", _select("Category", categories, f.category or ANY, "filter-category")
        )
        yield from self._pair("Search", TextField(f.text or "", compact=True, id="filter-text"))
        yield from self._pair(
            "Address", TextField(f.address or "", compact=True, id="filter-address")
        )

    # ------------------------------------------------------------------ values
    def _value(self, id: str) -> str | None:  # noqa: A002
        value = self.query_one(f"#{id}", CycleChoice).value
        return None if value == ANY else value

    def current(self) -> QueueFilter:
        department, division = split_where(self._value("filter-division") or "")
        status = self.query_one("#filter-status", CycleChoice).value
        return QueueFilter(
            department=department or None,
            division=division or None,
            crew=self._value("filter-crew"),
            statuses=statuses_for(status),
            category=self._value("filter-category"),
            priority=self._value("filter-priority"),
            overdue=self.query_one("#filter-overdue", CheckBox).value,
            text=self.query_one("#filter-text", Input).value.strip() or None,
            address=self.query_one("#filter-address", Input).value.strip() or None,
        )

    def toggle_overdue(self) -> None:
        box = self.query_one("#filter-overdue", CheckBox)
        box.value = not box.value  # posts Checkbox.Changed: applied like a key press on it

    def action_done(self) -> None:
        self.post_message(self.Done())

    # ------------------------------------------------------------------ events
    def _changed(self, *, submitted: bool = False) -> None:
        filt = self.current()
        if filt != self.filt or submitted:
            self.filt = filt
            self.post_message(self.Changed(self, filt, submitted=submitted))

    @on(CycleChoice.Changed)
    def _choice_changed(self, event: CycleChoice.Changed) -> None:
        event.stop()
        self._changed()

    @on(Checkbox.Changed)
    def _box_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._changed()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._changed(submitted=True)
