"""The loaded reference catalog: lookups over the validated data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from csc_console.catalog.addresses import StreetIndex
    from csc_console.catalog.suggest import Suggester


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
    sources: Mapping[str, Path] = field(default_factory=dict, compare=False)
    """Which file each part was read from (shipped or the city's data_dir)."""
    _by_code: dict[str, Category | Topic] = field(init=False, repr=False, compare=False)
    _by_name: dict[str, Category | Topic] = field(init=False, repr=False, compare=False)
    _departments: dict[str, Department] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code: dict[str, Category | Topic] = {}
        by_name: dict[str, Category | Topic] = {}
        entries: list[Category | Topic] = [*self.categories, *self.topics]
        for entry in entries:
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

    # ------------------------------------------------------------------ derived indexes
    @cached_property
    def street_index(self) -> StreetIndex:
        """The street file indexed for address checks (built on first use)."""
        from csc_console.catalog.addresses import StreetIndex

        return StreetIndex(self.streets)

    @cached_property
    def suggester(self) -> Suggester:
        """Category and topic suggestions (built on first use)."""
        from csc_console.catalog.suggest import Suggester

        return Suggester(self)

    @property
    def service_categories(self) -> list[Category]:
        return [c for c in self.categories if c.kind == "service"]

    def unit(self, call_sign: str) -> UnitDef:
        key = call_sign.strip().upper()
        for unit in self.units:
            if unit.call_sign == key:
                return unit
        raise NotFound(f"There is no unit with call sign {call_sign!r}.")

    def dispatch_status_for(self, word: str) -> DispatchStatus:
        """A status by code, short key or name ("os", "on scene", "On_scene")."""
        key = _norm(word).replace("_", " ")
        for status in self.dispatch_statuses:
            if key in (_norm(status.code).replace("_", " "), _norm(status.name), *status.keys):
                return status
        raise NotFound(f"There is no dispatch status {word!r}.")

    @property
    def electric_providers(self) -> set[str]:
        """Providers named in the street file (PWP, SCE, ...)."""
        return {s.electric_provider for s in self.streets}
