"""``csc-console operators add|list``."""

from __future__ import annotations

import argparse

from csc_console.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("operators", help="list or add operators (adding needs an admin)")
    osub = p.add_subparsers(dest="operators_command", metavar="ACTION", required=True)
    ls = osub.add_parser("list", help="list active operators")
    ls.add_argument("--format", choices=["text", "json"], default="text")
    ls.set_defaults(func=_list)
    add = osub.add_parser("add", help="add an operator (run with --operator ADMIN)")
    add.add_argument("username")
    add.add_argument("--name", dest="display_name", help="display name, e.g. 'Maria Lopez'")
    add.add_argument(
        "--role", choices=["csr", "dispatcher", "supervisor", "admin"], default="csr"
    )
    add.set_defaults(func=_add)


def _list(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import list_operators

    ctx = open_context(settings)
    ops = list_operators(ctx)
    if args.format == "json":
        emit_json([{"username": o.username, "display_name": o.display_name, "role": o.role.value} for o in ops])
    else:
        emit_lines(f"{o.username}: {o.display_name}, {o.role.label}" for o in ops)
    return 0


def _add(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import count_operators, create_operator, sign_in

    ctx = open_context(settings)
    if count_operators(ctx) and settings.operator:
        ctx = ctx.as_operator(sign_in(ctx, username=settings.operator))
    op = create_operator(ctx, username=args.username, display_name=args.display_name, role=args.role)
    print(f"Added operator {op.username} ({op.display_name}, {op.role.label}).")
    return 0
