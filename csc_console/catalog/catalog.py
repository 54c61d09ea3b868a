"""The loaded reference catalog: lookups over the validated data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from csc_console.catalog.schema import (
    CalendarDef,
    Category,
    Department,
    DispatchStatus,
    RelayReference,
    Street,
    Topic,
    UnitDef,
)
from csc_console.errors import NotFound


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


@dataclass(frozen=True)
class Catalog:
    departments: Sequence[Department]
    categories: Sequence[Category]
    topics: Sequence[Topic]
    units: Sequence[UnitDef]
    dispatch_statuses: Sequence[DispatchStatus]
    relay: RelayReference
    calendar: CalendarDef
    streets: Sequence[Street]
    _by_code: dict[str, Category | Topic] = field(init=False, repr=False, compare=False)
    _by_name: dict[str, Category | Topic] = field(init=False, repr=False, compare=False)
    _departments: dict[str, Department] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code: dict[str, Category | Topic] = {}
        by_name: dict[str, Category | Topic] = {}
        for entry in (*self.categories, *self.topics):
            by_code.setdefault(entry.code, entry)
            by_name.setdefault(_norm(entry.name), entry)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_departments", {d.code: d for d in self.departments})

    # ------------------------------------------------------------------ lookups
    def department(self, code: str) -> Department:
        try:
            return self._departments[code]
        except KeyError:
            raise NotFound(f"There is no department with code {code!r}.") from None

    def entry(self, code_or_name: str) -> Category | Topic:
        """A category or topic by code or by its name (case and hyphens ignored)."""
        key = code_or_name.strip()
        found = self._by_code.get(key.lower()) or self._by_name.get(_norm(key))
        if found is None:
            raise NotFound(f"There is no category or information topic called {code_or_name!r}.")
        return found

    def category(self, code_or_name: str) -> Category:
        found = self.entry(code_or_name)
        if not isinstance(found, Category):
            raise NotFound(
                f"{found.name!r} is an information topic, not a category a request can be made for."
            )
        return found

    def topic(self, code_or_name: str) -> Topic:
        found = self.entry(code_or_name)
        if not isinstance(found, Topic):
            raise NotFound(f"{found.name!r} is a report category, not an information topic.")
        return found

    def dispatch_status(self, code: str) -> DispatchStatus:
        for status in self.dispatch_statuses:
            if status.code == code:
                return status
        raise NotFound(f"There is no dispatch status {code!r}.")

    @property
    def report_categories(self) -> list[Category]:
        return [c for c in self.categories if c.kind == "report"]
