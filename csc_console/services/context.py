"""What every service call needs: the database, the catalog, the settings and who is acting."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from csc_console.calendar import BusinessCalendar, business_calendar
from csc_console.catalog import Catalog
from csc_console.config import Settings
from csc_console.db.engine import Database
from csc_console.errors import PermissionDenied
from csc_console.vocab import Role

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class OperatorPublic:
    """The signed-in operator as front ends see them."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    preferences: dict[str, object]
    version: int
    created_at: datetime

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_supervisor(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.ADMIN)


@dataclass(frozen=True)
class Ctx:
    db: Database
    catalog: Catalog
    settings: Settings
    operator: OperatorPublic | None = None

    @cached_property
    def calendar(self) -> BusinessCalendar:
        return business_calendar(self.catalog.calendar)

    @property
    def zone(self) -> ZoneInfo:
        return self.settings.zone

    @property
    def operator_id(self) -> int | None:
        return self.operator.id if self.operator else None

    def as_operator(self, operator: OperatorPublic | None) -> Ctx:
        return replace(self, operator=operator)

    def require(self, *roles: Role) -> OperatorPublic:
        """The operator, if signed in with one of ``roles`` (admins may do everything)."""
        if self.operator is None:
            raise PermissionDenied("Sign in first.")
        if roles and self.operator.role not in roles and self.operator.role is not Role.ADMIN:
            allowed = ", ".join(r.label for r in roles)
            raise PermissionDenied(
                f"{self.operator.display_name} is signed in as {self.operator.role.label}; "
                f"this needs {allowed}."
            )
        return self.operator
