"""``csc-console requests create|show|list``."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from csc_console.cli.common import add_format, open_ctx
from csc_console.config import Settings

if TYPE_CHECKING:
    from csc_console.services.requests import RequestPublic


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-26") from None


def _answer(text: str) -> tuple[str, str]:
    code, sep, value = text.partition("=")
    if not sep or not code.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not CODE=VALUE")
    return code.strip(), value.strip()


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("requests", help="create, show and list service requests")
    rsub = p.add_subparsers(dest="requests_command", metavar="ACTION", required=True)

    cr = rsub.add_parser("create", help="create a service request (needs --operator)")
    cr.add_argument("--category", required=True, help="category code or name, e.g. potholes")
    cr.add_argument("--address", help="street address, or two streets joined by 'and'")
    cr.add_argument("--cross-street", help="cross street or landmark")
    cr.add_argument("--description", default="", help="what the caller reports (<= 4,000 characters)")
    cr.add_argument("--phone")
    cr.add_argument("--name")
    cr.add_argument("--email")
    cr.add_argument("--channel", default="phone")
    cr.add_argument(
        "--answer", action="append", type=_answer, default=[], metavar="CODE=VALUE",
        help="answer to one of the category's questions (repeatable)",
    )
    cr.add_argument(
        "--unverified-address", action="store_true",
        help="save an address the street file does not know (marked unverified)",
    )
    cr.add_argument("--link", metavar="NUMBER", help="link the caller to this existing request instead")
    add_format(cr, "text", "json")
    cr.set_defaults(func=_create)

    sh = rsub.add_parser("show", help="show one request")
    sh.add_argument("number")
    add_format(sh, "text", "json")
    sh.set_defaults(func=_show)

    ls = rsub.add_parser("list", help="list requests, newest first")
    ls.add_argument("--status")
    ls.add_argument("--category")
    ls.add_argument("--since", type=_date, metavar="DATE")
    ls.add_argument("--limit", type=int, default=100)
    add_format(ls, "text", "json")
    ls.set_defaults(func=_list)


def _print(request: RequestPublic, fmt: str, settings: Settings) -> None:
    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.desks.readback import request_lines

    if fmt == "json":
        emit_json(request.to_json())
    else:
        emit_lines(request_lines(request, settings.zone))


def _create(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.output import emit_lines
    from csc_console.services.callers import CallerInput
    from csc_console.services.requests import NewRequest, create_request, link_caller

    ctx = open_ctx(settings, signed_in=True)
    caller = CallerInput(phone=args.phone, name=args.name, email=args.email)
    if args.link:
        result = link_caller(ctx, number=args.link, caller=caller)
    else:
        answers: dict[str, str] = {}
        for code, value in args.answer:
            answers[code] = value
        result = create_request(
            ctx,
            NewRequest(
                category=args.category,
                description=args.description,
                address=args.address,
                cross_street=args.cross_street,
                caller=caller,
                answers=answers,
                channel=args.channel,
                unverified_address=args.unverified_address,
            ),
        )
    _print(result, args.format, settings)
    if args.format != "json":
        emit_lines(f"Warning: {w}" for w in result.warnings)
    return 0


def _show(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.requests import get_request

    ctx = open_ctx(settings)
    _print(get_request(ctx, number=args.number), args.format, settings)
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.desks.readback import request_summary
    from csc_console.errors import ValidationError
    from csc_console.services.requests import list_requests

    if not 1 <= args.limit <= 10000:
        raise ValidationError("--limit must be between 1 and 10,000.")
    ctx = open_ctx(settings)
    rows = list_requests(
        ctx, status=args.status, category=args.category, since=args.since, limit=args.limit
    )
    if args.format == "json":
        emit_json([r.to_json() for r in rows])
    else:
        emit_lines(request_summary(r, ctx.zone) for r in rows)
    return 0
