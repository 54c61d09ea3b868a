"""``csc-console apikeys create NAME [--app] | list | revoke ID`` (create and revoke need
``--operator`` naming an administrator)."""

from __future__ import annotations

import argparse

from csc_console.cli.common import add_format, open_ctx
from csc_console.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("apikeys", help="API keys for the Open311 server (csc-console serve)")
    ksub = p.add_subparsers(dest="apikeys_command", metavar="ACTION", required=True)
    cr = ksub.add_parser("create", help="a new key, shown once (needs --operator ADMIN)")
    cr.add_argument("name", help="who uses it, e.g. 'City web portal'")
    cr.add_argument(
        "--app", action="store_true", help="the city's mobile app: its requests get channel app"
    )
    add_format(cr, "text", "json")
    cr.set_defaults(func=_create)
    ls = ksub.add_parser("list", help="every key: prefix, name, created, last used, revoked")
    add_format(ls, "text", "json")
    ls.set_defaults(func=_list)
    rv = ksub.add_parser("revoke", help="revoke a key at once (needs --operator ADMIN)")
    rv.add_argument("id", help="the key's id, from apikeys list")
    rv.set_defaults(func=_revoke)


def _when(value: object, settings: Settings) -> str:
    from datetime import datetime

    if not isinstance(value, datetime):
        return "never"
    return f"{value.astimezone(settings.zone):%Y-%m-%d %H:%M}"


def _create(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.output import emit_json
    from csc_console.services.apikeys import create_api_key

    ctx = open_ctx(settings, signed_in=True)
    try:
        made = create_api_key(ctx, name=args.name, app=args.app)
    finally:
        ctx.db.dispose()
    if args.format == "json":
        emit_json({**made.key.to_json(), "secret": made.secret})
        return 0
    kind = "mobile app key" if made.key.app else "key"
    print(f"Created {kind} {made.key.id} ({made.key.name}).")
    print(f"API key: {made.secret}")
    print("Give it to the client now: it is not stored and cannot be shown again.")
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.services.apikeys import list_api_keys
    from csc_console.services.bootstrap import open_context

    ctx = open_context(settings)
    try:
        keys = list_api_keys(ctx)
    finally:
        ctx.db.dispose()
    if args.format == "json":
        emit_json([k.to_json() for k in keys])
        return 0
    if not keys:
        print("No API keys yet; create one with: csc-console --operator ADMIN apikeys create NAME")
        return 0
    emit_lines(
        f"{k.id}: {k.prefix}..., {k.name}, {'mobile app, ' if k.app else ''}"
        f"created {_when(k.created_at, settings)}, last used {_when(k.last_used_at, settings)}, "
        + (f"REVOKED {_when(k.revoked_at, settings)}" if k.revoked_at else "active")
        for k in keys
    )
    return 0


def _revoke(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.apikeys import parse_key_id, revoke_api_key

    key_id = parse_key_id(args.id)
    ctx = open_ctx(settings, signed_in=True)
    try:
        key = revoke_api_key(ctx, key_id=key_id)
    finally:
        ctx.db.dispose()
    print(f"Revoked key {key.id} ({key.prefix}..., {key.name}); it is refused from now on.")
    return 0
