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
    gr = dbsub.add_parser("grants", help="PostgreSQL roles and grants (print, or --apply as the owner)")
    gr.add_argument("--apply", action="store_true", help="apply them now")
    gr.set_defaults(func=_grants)


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


def _grants(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.db.engine import Database, describe_failure
    from csc_console.db.grants import apply_grants, grants_script
    from csc_console.errors import ConfigError

    db = Database(settings.resolved_database_url())
    try:
        if db.dialect != "postgresql":
            raise ConfigError("Roles and grants are for a shared PostgreSQL database; SQLite has none.")
        if not args.apply:
            print(grants_script(db.engine.url.database or ""), end="")
            return 0
        from sqlalchemy.exc import DBAPIError

        try:
            apply_grants(db.engine)
        except DBAPIError as exc:
            raise describe_failure(exc, db.url) from exc
        print(f"Roles csc_console and csc_reporting granted on {db.describe()}.")
        return 0
    finally:
        db.dispose()
