"""``csc-console db upgrade|current``."""

from __future__ import annotations

import argparse

from csc_console.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("db", help="database schema: upgrade, current")
    dbsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = dbsub.add_parser("upgrade", help="apply pending migrations (also done at start-up)")
    up.set_defaults(func=_upgrade)
    cur = dbsub.add_parser("current", help="show the database's schema version")
    cur.set_defaults(func=_current)


def _upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.db.engine import Database
    from csc_console.db.migrate import upgrade

    db = Database(settings.resolved_database_url())
    try:
        result = upgrade(db)
    finally:
        db.dispose()
    if result.changed:
        print(f"Database {db.describe()} upgraded from {result.before or 'empty'} to {result.after}.")
    else:
        print(f"Database {db.describe()} is up to date (schema {result.after}).")
    return 0


def _current(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.db.engine import Database
    from csc_console.db.migrate import current_revision, head_revision

    db = Database(settings.resolved_database_url())
    try:
        current = current_revision(db)
    finally:
        db.dispose()
    head = head_revision()
    state = "up to date" if current == head else f"needs upgrade to {head}"
    print(f"Database {db.describe()}: schema {current or 'none (empty)'}, {state}.")
    return 0
