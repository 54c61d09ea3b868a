"""What the Work orders screen tests share: a database with pothole work orders, operators of
each role, and a console opened straight on the Work orders workspace (no Intake on the way).

``OLD`` work orders were created on Monday, March 4, 2024: they are overdue by many business
days whenever the tests run. ``seed(ctx, n)`` creates ``n`` of them (100 N Lake Ave, 110, ...).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from textual.pilot import Pilot

from csc_console.config import Settings, load_settings
from tests.ui.helpers import make_app, settle

SIZE = (110, 36)
OLD = datetime(2024, 3, 4, 17, 0, tzinfo=UTC)
POTHOLE = {"location_in_street": "2", "size": "medium", "hazard": "no"}


@dataclass
class Db:
    settings: Settings
    admin: Any
    csr: Any
    supervisor: Any

    def as_role(self, role: str) -> Any:
        return {"admin": self.admin, "csr": self.csr, "supervisor": self.supervisor}[role]


def request(
    ctx: Any,
    address: str,
    *,
    description: str = "Pothole",
    phone: str | None = None,
    now: datetime | None = OLD,
) -> Any:
    from csc_console.services.callers import CallerInput
    from csc_console.services.requests import NewRequest, create_request

    caller = CallerInput(phone=phone, name="Jane Caller") if phone else CallerInput()
    new = NewRequest(
        category="potholes",
        address=address,
        answers=POTHOLE,
        description=description,
        caller=caller,
    )
    return create_request(ctx, new, now=now)


def seed(ctx: Any, n: int, *, start: int = 100, now: datetime | None = OLD) -> list[str]:
    """``n`` pothole work orders (crew PW2, assigned), one per address; their numbers."""
    return [request(ctx, f"{start + 10 * i} N Lake Ave", now=now).work_orders[0] for i in range(n)]


@contextmanager
def database(url: str) -> Iterator[Db]:
    """A migrated database at ``url`` with an admin, a CSR (Maria) and a supervisor (Lee);
    each test module makes it its ``wo_db`` fixture."""
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import create_operator, sign_in

    settings = load_settings(database_url=url)
    ctx = open_context(settings)
    admin = ctx.as_operator(sign_in(ctx, username="admin", display_name="Ada Admin"))
    csr = create_operator(admin, username="maria", display_name="Maria Lopez", role="csr")
    sup = create_operator(admin, username="lee", display_name="Lee Williams", role="supervisor")
    try:
        yield Db(settings, admin, admin.as_operator(csr), admin.as_operator(sup))
    finally:
        ctx.db.dispose()


def console(db: Db, role: str = "csr") -> Any:
    """The console on this database; ``open_queue`` signs ``role`` in."""
    from csc_console.services.bootstrap import open_context

    app = make_app(db.settings, open_context(db.settings))
    app._test_role = role  # noqa: SLF001 (read by open_queue)
    return app


async def open_queue(pilot: Pilot[Any], db: Db, *, rows: int | None = None) -> None:
    """Sign the console's role in and show the Work orders workspace. With ``rows``: wait
    until the queue shows that many rows instead of waiting for the app to settle (a test's
    fast refresh timer keeps workers running, so it never settles)."""
    app = pilot.app
    await settle(pilot)
    operator = db.as_role(app._test_role).operator
    assert app.base_ctx is not None
    app.ctx = app.base_ctx.as_operator(operator)
    app.switch_mode("work_orders")
    if rows is None:
        await settle(pilot)
        return
    for _ in range(400):
        await pilot.pause(0.05)
        tables = app.screen.query("#wo-queue")
        shown = tables and tables.first().row_count == rows
        if shown and not app.cursor_parked and not app.screen.query_one("#focus-line").blanked:
            return
    raise TimeoutError("the queue did not show its rows")
