"""Helpers for the work-order transcripts: the people (a CSR, a supervisor), pothole work orders
spread over the days before the frozen clock, and a console whose input can let "someone else"
change the database just before a given prompt is answered (a stale edit, a refusal)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from csc_console.config import Settings, load_settings
from csc_console.services.callers import CallerInput
from csc_console.services.operators import create_operator, sign_in
from csc_console.services.requests import NewRequest, create_request, link_caller
from csc_console.services.workorders import Change, update_work_order
from tests.linear.conftest import FIXED_NOW, Transcript
from tests.linear.intake_support import POTHOLE_ANSWERS, Clock

JANE = CallerInput(phone="626-555-0101", name="Jane Caller", preferred_callback="mornings")
RAY = CallerInput(phone="626-555-0177", name="Ray Neighbour")
MARKUP = "[bold]Deep[/bold] hole <b>by the bus stop</b> \x1b[31mred\x1b[0m"


@dataclass
class People:
    admin: Any
    csr: Any
    supervisor: Any


def people(ctx: Any) -> People:
    """Ada (admin), Maria Lopez (CSR) and Lee Williams (supervisor)."""
    admin = ctx.as_operator(sign_in(ctx, username="ada", display_name="Ada Admin"))
    maria = create_operator(admin, username="maria", display_name="Maria Lopez", role="csr")
    lee = create_operator(admin, username="lee", display_name="Lee Williams", role="supervisor")
    return People(admin, admin.as_operator(maria), admin.as_operator(lee))


def pothole(
    ctx: Any,
    address: str,
    *,
    days_ago: int,
    description: str = "Pothole in the right lane",
    caller: CallerInput | None = RAY,
) -> tuple[str, str]:
    """A pothole request made ``days_ago`` days before the frozen clock: (request, work order)."""
    r = create_request(
        ctx,
        NewRequest(
            category="potholes",
            description=description,
            address=address,
            answers=POTHOLE_ANSWERS,
            caller=caller or CallerInput(),
        ),
        now=FIXED_NOW - timedelta(days=days_ago),
    )
    return r.number, r.work_orders[0]


def second_caller(ctx: Any, request: str, caller: CallerInput = JANE) -> None:
    link_caller(ctx, number=request, caller=caller, now=FIXED_NOW - timedelta(days=1))


def change(ctx: Any, number: str, *, minutes_ago: int = 60, **fields: str) -> None:
    update_work_order(
        ctx, number=number, change=Change(**fields), now=FIXED_NOW - timedelta(minutes=minutes_ago)
    )


Hook = tuple[str, Callable[[], None]]  # (start of a prompt line, what happens before its answer)


class Typed(io.StringIO):
    """The operator's typing (5 seconds per line on ``clock``). Each hook ``(prompt, action)``
    runs once, just before the answer to the first prompt line starting with ``prompt`` is read
    (one hook per prompt, in order): that is when "someone else" saves."""

    def __init__(self, lines: list[str], clock: Clock, out: io.StringIO, hooks: list[Hook]) -> None:
        super().__init__("".join(f"{line}\n" for line in lines))
        self.clock, self.out, self.hooks = clock, out, list(hooks)

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        last = self.out.getvalue().rsplit("\n", 1)[-1]
        hook = next((h for h in self.hooks if last.startswith(h[0])), None)
        if hook is not None:
            self.hooks.remove(hook)
            hook[1]()
        self.clock.tick()
        return super().readline(size if size is not None else -1)


@dataclass
class Console:
    settings: Settings
    folder: Path
    clock: Clock = field(default_factory=Clock)

    def __call__(
        self, operator: str, lines: Iterable[str], *, hooks: Iterable[Hook] = ()
    ) -> Transcript:
        """Screen-reader mode signed in as ``operator``; the file folder reads as <FOLDER>."""
        from csc_console.linear.shell import run_line_mode

        out = io.StringIO()
        clock = self.clock = Clock()
        chosen = load_settings(
            database_url=self.settings.database_url,
            data_dir=self.settings.data_dir,
            operator=operator,
        )
        typed = Typed(list(lines), clock, out, list(hooks))
        code = run_line_mode(chosen, stdin=typed, stdout=out, clock=clock)
        text = out.getvalue().replace(str(self.folder), "<FOLDER>")
        return Transcript(code, text)

    def meanwhile(self, ctx: Any, number: str, **fields: str) -> Callable[[], None]:
        """A hook: ``ctx``'s operator saves ``fields`` on ``number`` at the console's time."""

        def save() -> None:
            update_work_order(ctx, number=number, change=Change(**fields), now=self.clock.now)

        return save
