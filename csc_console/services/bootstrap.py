"""Start-up: settings -> catalog -> database (migrated) -> reference rows -> a ``Ctx``.

Each step fails with a ``CscError`` whose message the front ends print as it is.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import col

from csc_console.catalog import get_catalog
from csc_console.config import Settings
from csc_console.db.engine import Database
from csc_console.db.migrate import upgrade
from csc_console.db.models import Unit
from csc_console.db.types import utcnow
from csc_console.services.context import Ctx


def open_database(settings: Settings, *, migrate: bool = True) -> Database:
    db = Database(settings.resolved_database_url())
    if migrate:
        try:
            upgrade(db, quick=True)
        except Exception:
            db.dispose()
            raise
    return db


def sync_units(ctx: Ctx) -> int:
    """Add the catalog's units that the database does not have yet; returns how many."""
    with ctx.db.session() as s:
        known = set(s.scalars(select(col(Unit.call_sign))))
    missing = [u for u in ctx.catalog.units if u.call_sign not in known]
    if not missing:
        return 0
    with ctx.db.session(write=True, note="units from the catalog") as s:
        known = set(s.scalars(select(col(Unit.call_sign))))
        now = utcnow()
        for u in missing:
            if u.call_sign in known:
                continue
            s.add(
                Unit(
                    call_sign=u.call_sign,
                    name=u.name,
                    department_code=u.department,
                    division=u.division,
                    status="available",
                    status_since=now,
                )
            )
    return len(missing)


def open_context(settings: Settings, *, migrate: bool = True) -> Ctx:
    catalog = get_catalog(settings.data_dir)
    db = open_database(settings, migrate=migrate)
    ctx = Ctx(db=db, catalog=catalog, settings=settings)
    if migrate:
        sync_units(ctx)
    return ctx
