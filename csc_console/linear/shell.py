"""``run_line_mode``: the screen-reader (line-oriented) front end, start to finish.

Open the catalog and database, sign in, run the menu. Exit status: 0 after ``quit`` or the end
of input at the menu or sign-in; 1 when the input ends in the middle of a workflow with unsaved
data; the ``CscError``'s own code (2 config, 3 data file, 4 database) when start-up fails, with
one ``Error: ...`` line and no traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from csc_console.config import Settings
from csc_console.errors import CscError
from csc_console.linear.ask import EndOfInput, QuitRequested
from csc_console.linear.io import LineIO
from csc_console.linear.live import LineLive
from csc_console.linear.menu import MenuRegistry, run_menu
from csc_console.linear.session import LineSession
from csc_console.linear.signin import sign_in_session

WELCOME = (
    "csc-console, screen-reader mode. Type help at any prompt to hear what you can type there."
)


def run_line_mode(
    settings: Settings,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    clock: Callable[[], datetime] | None = None,
    registry: MenuRegistry | None = None,
) -> int:
    """Run screen-reader mode on the process's streams (or the given ones); the exit status."""
    io = LineIO.for_terminal(stdin, stdout)
    session = LineSession(io, settings, clock=clock)
    try:
        io.say(WELCOME)
        try:
            session.open()
        except CscError as exc:
            io.error(str(exc))
            return exc.exit_code
        return _converse(session, registry)
    finally:
        session.close()
        io.close()


def _converse(session: LineSession, registry: MenuRegistry | None) -> int:
    io = session.io
    live: LineLive | None = None
    try:
        if not sign_in_session(session):
            io.status("Goodbye.")
            return 0
        live = LineLive(session).start()  # other consoles' changes, said between prompts
        session.live = live
        run_menu(session, registry)
    except QuitRequested:
        io.status(_goodbye(session))
        return 0
    except EndOfInput:
        if session.unfinished:
            io.error(
                f"The input ended before {session.unfinished} was finished; what was typed "
                "there was not saved."
            )
            return 1
        io.status(f"End of input. {_goodbye(session)}")
        return 0
    except CscError as exc:  # the database went away between workflows, and the like
        io.error(str(exc))
        return exc.exit_code
    finally:
        if live is not None:
            live.stop()
    return 0


def _goodbye(session: LineSession) -> str:
    return "Signed out. Goodbye." if session.operator is not None else "Goodbye."
