"""``csc-console operators add|list|passwd|map-account`` and ``csc-console settings``."""

from __future__ import annotations

import argparse

from csc_console.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("operators", help="list or add operators, passwords, workstation accounts")
    osub = p.add_subparsers(dest="operators_command", metavar="ACTION", required=True)
    ls = osub.add_parser("list", help="list active operators")
    ls.add_argument("--format", choices=["text", "json"], default="text")
    ls.set_defaults(func=_list)
    add = osub.add_parser("add", help="add an operator (run with --operator ADMIN)")
    add.add_argument("username")
    add.add_argument("--name", dest="display_name", help="display name, e.g. 'Maria Lopez'")
    add.add_argument("--role", choices=["csr", "dispatcher", "supervisor", "admin"], default="csr")
    add.set_defaults(func=_add)
    pw = osub.add_parser("passwd", help="set a password (your own, or anyone's as admin); read from CSC_NEW_PASSWORD or asked")
    pw.add_argument("username")
    pw.set_defaults(func=_passwd)
    ma = osub.add_parser("map-account", help="let a workstation account sign in as an operator (admins)")
    ma.add_argument("username")
    ma.add_argument("os_account", nargs="?", help="the operating-system user; omit to remove the mapping")
    ma.set_defaults(func=_map)

    st = sub.add_parser("settings", help="console-wide switches (admins): require_passwords, allow_os_accounts")
    ssub = st.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    sh = ssub.add_parser("show", help="show the switches")
    sh.set_defaults(func=_settings_show)
    se = ssub.add_parser("set", help="turn a switch on or off")
    se.add_argument("key", choices=["require_passwords", "allow_os_accounts"])
    se.add_argument("value", choices=["on", "off"])
    se.set_defaults(func=_settings_set)


def _list(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.common import open_ctx
    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.services.operators import list_operators

    ops = list_operators(open_ctx(settings))
    if args.format == "json":
        emit_json([{"username": o.username, "display_name": o.display_name, "role": o.role.value} for o in ops])
    else:
        emit_lines(f"{o.username}: {o.display_name}, {o.role.label}" for o in ops)
    return 0


def _add(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.common import open_ctx
    from csc_console.services.auth import check_password_rules, passwords_required, set_password
    from csc_console.services.operators import count_operators, create_operator, normalise_username

    ctx = open_ctx(settings)
    if count_operators(ctx):
        ctx = open_ctx(settings, signed_in=True)
        op = create_operator(ctx, username=args.username, display_name=args.display_name, role=args.role)
        print(f"Added operator {op.username} ({op.display_name}, {op.role.label}).")
        return 0
    # The database's first operator becomes its admin. Where passwords are required (a shared
    # PostgreSQL database) that admin needs one from the start: nobody else could set it.
    password = None
    if passwords_required(ctx):
        password = _new_password("The first operator of a shared database needs a password")
        check_password_rules(password, normalise_username(args.username))
    op = create_operator(ctx, username=args.username, display_name=args.display_name, role=args.role)
    if password is not None:
        set_password(ctx.as_operator(op), username=op.username, password=password)
    print(f"Added operator {op.username} ({op.display_name}, {op.role.label}): the first operator of this "
          f"database is its administrator{', with the password given' if password else ''}.")
    return 0


def _new_password(why: str) -> str:
    """From CSC_NEW_PASSWORD, or asked twice at a terminal (never echoed)."""
    import getpass
    import os
    import sys

    from csc_console.errors import ValidationError

    new = os.environ.get("CSC_NEW_PASSWORD")
    if new is None:
        if not sys.stdin.isatty():
            raise ValidationError(f"{why}: give it in CSC_NEW_PASSWORD or run this at a terminal.")
        new = getpass.getpass("New password: ")
        if getpass.getpass("Again: ") != new:
            raise ValidationError("The two passwords differ; nothing was changed.")
    return new


def _passwd(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.common import open_ctx
    from csc_console.services.auth import set_password

    ctx = open_ctx(settings, signed_in=True)
    new = _new_password("Give the new password")
    set_password(ctx, username=args.username, password=new)
    print(f"Password set for {args.username}.")
    return 0


def _map(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.common import open_ctx
    from csc_console.services.auth import map_os_account

    map_os_account(open_ctx(settings, signed_in=True), username=args.username, os_account=args.os_account)
    print(f"{args.username}: workstation account {args.os_account or 'removed'}.")
    return 0


def _settings_show(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.common import open_ctx
    from csc_console.services.auth import SETTINGS, os_accounts_allowed, passwords_required

    ctx = open_ctx(settings)
    values = {"require_passwords": passwords_required(ctx), "allow_os_accounts": os_accounts_allowed(ctx)}
    for key, text in SETTINGS.items():
        print(f"{key}: {'on' if values[key] else 'off'} ({text})")
    return 0


def _settings_set(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.common import open_ctx
    from csc_console.services.auth import set_setting

    set_setting(open_ctx(settings, signed_in=True), key=args.key, value=args.value)
    print(f"{args.key}: {args.value}.")
    return 0
