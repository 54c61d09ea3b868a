"""``csc-console import messages FILE``: chat or mail exports into the inbox
(docs/message-import.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from csc_console.cli import import_calls_cmd
from csc_console.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="load exports from other systems")
    isub = p.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    msg = isub.add_parser(
        "messages", help="a JSON or CSV export of chat or email messages into the inbox"
    )
    msg.add_argument("file", type=Path)
    msg.add_argument(
        "--channel",
        default="live_chat",
        help="channel for rows that give none: live_chat (default), email, web, app, voicemail",
    )
    msg.add_argument("--source", help="the system it came from (default: the file's name)")
    msg.set_defaults(func=_messages)
    import_calls_cmd.register(isub)


def _messages(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.output import emit_lines
    from csc_console.services.bootstrap import open_context
    from csc_console.services.inbox_import import import_messages

    ctx = open_context(settings)
    try:
        report = import_messages(ctx, args.file, default_channel=args.channel, source=args.source)
    finally:
        ctx.db.dispose()
    print(report.summary())
    if report.problems:
        emit_lines((f"{where}: {why}" for where, why in report.problems), out=sys.stderr)
        return 1
    return 0
