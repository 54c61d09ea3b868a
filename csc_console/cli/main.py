"""``csc-console``: the command line.

With no command it starts a front end: the full-screen console, or the line-oriented
screen-reader mode (``--screen-reader``, ``CSC_SCREEN_READER=1``, ``TERM=dumb``, or when stdin or
stdout is not a terminal). Commands (``db``, ``demo``, ``report``, ``operators``, ...) call the
same services. Every failure prints one paragraph on stderr and exits non-zero; tracebacks are
shown only with ``CSC_DEBUG=1``.

Start-up speed matters: this module imports only argparse and the settings; each command
imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from csc_console import __version__
from csc_console.cli import commands
from csc_console.errors import CscError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csc-console",
        description="The Citizen Service Center console: calls, requests, work orders, radio "
        "dispatch and the centre's figures, by keyboard, with a screen-reader mode.",
    )
    parser.add_argument("--version", action="version", version=f"csc-console {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        dest="database_url",
        help="database URL (default: the local SQLite file; also CSC_DATABASE_URL)",
    )
    parser.add_argument("--operator", metavar="NAME", help="sign in directly as NAME (CSC_OPERATOR)")
    parser.add_argument(
        "--screen-reader",
        action="store_const",
        const=True,
        dest="screen_reader",
        help="line-oriented screen-reader mode (CSC_SCREEN_READER=1)",
    )
    parser.add_argument(
        "--plain",
        action="store_const",
        const=True,
        help="plain look without borders or decoration (CSC_PLAIN=1)",
    )
    parser.add_argument(
        "--theme",
        choices=["csc-dark", "csc-light", "csc-high-contrast", "csc-ansi"],
        help="colour theme (CSC_THEME)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder whose files replace the shipped reference data (CSC_DATA_DIR)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.register_all(sub)
    return parser


def _settings_overrides(args: argparse.Namespace) -> dict[str, object]:
    keys = ("database_url", "operator", "screen_reader", "plain", "theme", "data_dir")
    return {k: getattr(args, k, None) for k in keys}


def wants_screen_reader(screen_reader_setting: bool) -> bool:
    if screen_reader_setting:
        return True
    if os.environ.get("TERM", "") == "dumb":
        return True
    return not (sys.stdin.isatty() and sys.stdout.isatty())


def run_front_end(args: argparse.Namespace) -> int:
    from csc_console.config import load_settings

    settings = load_settings(**_settings_overrides(args))
    if wants_screen_reader(settings.screen_reader):
        from csc_console.linear.shell import run_line_mode

        return run_line_mode(settings)
    from csc_console.app import run_app

    return run_app(settings)


def report_error(error: CscError) -> None:
    text = str(error)
    print(f"csc-console: {text}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_front_end(args)
        from csc_console.config import load_settings

        settings = load_settings(**_settings_overrides(args))
        return int(args.func(args, settings))
    except CscError as error:
        if os.environ.get("CSC_DEBUG"):
            raise
        report_error(error)
        return error.exit_code
    except KeyboardInterrupt:
        print("csc-console: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head`, which closed early: not an error worth reporting.
        sys.stderr.close()
        return 0
