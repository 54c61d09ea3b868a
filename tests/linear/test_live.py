"""Screen-reader mode hears what another console saves, as Notice lines between prompts
(SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import io
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from csc_console.linear import live as live_module
from csc_console.services import dispatch
from tests.linear.conftest import Transcript, check_golden, fixed_clock
from tests.ui.dispatch_kit import Desk, make_desk


@pytest.fixture
def desk(db_url: str, live_feed: None) -> Iterator[Desk]:
    made = make_desk(db_url)
    try:
        yield made
    finally:
        made.ctx.db.dispose()


class Told:
    """Counts the lines the live listener queued (the feed runs in its own thread)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.lines: list[str] = []
        self.event = threading.Event()
        real = live_module.LineLive._post

        def post(listener: Any, text: str) -> None:
            real(listener, text)
            self.lines.append(text)
            self.event.set()

        monkeypatch.setattr(live_module.LineLive, "_post", post)

    def wait_for(self, count: int, limit: float = 5.0) -> None:
        while len(self.lines) < count:
            self.event.clear()
            if not self.event.wait(limit):
                raise TimeoutError(f"only {self.lines} were told")


class Typist(io.StringIO):
    """Scripted input; before handing over line ``at``, runs ``then`` (another console)."""

    def __init__(self, lines: list[str], at: int, then: Callable[[], None]) -> None:
        super().__init__("".join(f"{line}\n" for line in lines))
        self.count, self.at, self.then = 0, at, then

    def readline(self, *args: Any) -> str:  # type: ignore[override]
        if self.count == self.at:
            self.then()
        self.count += 1
        return super().readline(*args)


def run(desk: Desk, stdin: io.StringIO) -> Transcript:
    from csc_console.linear.shell import run_line_mode

    out = io.StringIO()
    settings = dataclasses.replace(desk.settings, operator="admin")
    code = run_line_mode(settings, stdin=stdin, stdout=out, clock=fixed_clock)
    return Transcript(code, out.getvalue())


def test_another_consoles_radio_entry_is_said_before_the_next_prompt(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    told = Told(monkeypatch)

    def elsewhere() -> None:
        # Elena, at the dispatch console: PW2 on scene; the work order moves on with it.
        dispatch.log_command(desk.ctx, f"PW2 os {desk.wo}")
        told.wait_for(3)

    t = run(desk, Typist(["4", "quit"], at=0, then=elsewhere))
    check_golden("live_notices", t)
    assert "Notice: Unit PW2 on scene." in t.lines
    assert f"Notice: {desk.wo} in progress by Elena Hernandez." in t.lines
    # Said between prompts: the line before each notice ends a block, never a prompt's middle.
    for index, line in enumerate(t.lines):
        if line.startswith("Notice:"):
            assert not t.lines[index - 1].endswith(": ")


def test_own_changes_are_not_announced(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    from csc_console.services.live import Change
    from csc_console.services.live_words import describe_changes

    entry = dispatch.log_command(desk.ctx, f"PW2 os {desk.wo}").entry
    change = [Change("dispatch_entry", str(entry.id), "create")]
    assert describe_changes(desk.ctx, change, me=desk.ctx.operator_id) == []
    assert describe_changes(desk.ctx, change, me=None) == ["Unit PW2 on scene."]


def test_the_database_going_and_coming_back_is_said_once_each(desk: Desk) -> None:
    from csc_console.config import load_settings
    from csc_console.linear.io import LineIO
    from csc_console.linear.session import LineSession

    out = io.StringIO()
    lio = LineIO(io.StringIO(""), out)
    session = LineSession(lio, load_settings(database_url=desk.settings.database_url))
    session.attach(desk.ctx)
    listener = live_module.LineLive(session)
    listener._status(False, "Database unreachable (OperationalError); your work is kept.")
    listener._status(True, "Live updates on.")
    listener._status(True, "Live updates on.")
    lio.prompt("Workspace:")
    assert out.getvalue().splitlines() == [
        "Notice: Database unreachable (OperationalError); your work is kept.",
        "Notice: Database reachable again; live updates on.",
        "Workspace: ",
    ]
