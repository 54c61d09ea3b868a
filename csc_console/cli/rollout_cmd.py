"""``csc-console rollout route --day DAY``: the refuse crews' rollout-service stops."""

from __future__ import annotations

import argparse
from datetime import date

from csc_console.cli.common import open_ctx
from csc_console.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rollout", help="Resident Refuse Disability Rollout Service route lists")
    rsub = p.add_subparsers(dest="rollout_command", metavar="ACTION", required=True)
    rt = rsub.add_parser("route", help="the stops for one collection day")
    rt.add_argument("--day", required=True, help="Monday to Friday (mon, tue, ...)")
    rt.add_argument("--on", type=date.fromisoformat, metavar="DATE", help="as of DATE (default today)")
    rt.set_defaults(func=_route)


def _route(args: argparse.Namespace, settings: Settings) -> int:
    import sys

    from csc_console.services.rollout import route_text

    sys.stdout.write(route_text(open_ctx(settings), day=args.day, on=args.on))
    return 0
