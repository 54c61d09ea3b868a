"""Helpers for the intake transcripts: a console whose clock moves 5 seconds per typed line (so
handle times are real and repeatable), a "kill" in the middle of a call, and the people and
requests the calls are about."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from csc_console.config import Settings, load_settings
from csc_console.db.models import Call, ServiceRequest
from csc_console.services import calls
from csc_console.services.callers import CallerInput
from csc_console.services.requests import NewRequest, RequestPublic, create_request
from tests.linear.conftest import FIXED_NOW, Transcript

SECONDS_PER_LINE = 5
JANE = CallerInput(
    phone="626-555-0101",
    name="Jane Caller",
    address="1200 N Lake Ave",
    preferred_callback="mornings",
)
NEIGHBOUR = CallerInput(phone="626-555-0177", name="Ray Neighbour")
POTHOLE_ANSWERS = {"location_in_street": "right-lane", "size": "medium", "hazard": "no"}


@dataclass
class Clock:
    now: datetime = FIXED_NOW

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: int = SECONDS_PER_LINE) -> None:
        self.now += timedelta(seconds=seconds)


class Killed(BaseException):  # noqa: N818 - stands for the process being killed
    """Raised by the input to stop the console dead, as a kill would."""


class TypedLines(io.StringIO):
    """The CSR's typing: each line read takes ``SECONDS_PER_LINE``; after ``kill_after``
    lines the process stops dead, without any cleanup."""

    def __init__(self, lines: list[str], clock: Clock, kill_after: int | None = None) -> None:
        super().__init__("".join(f"{line}\n" for line in lines))
        self.clock = clock
        self.kill_after = kill_after
        self.read = 0

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        if self.kill_after is not None and self.read >= self.kill_after:
            raise Killed
        self.read += 1
        self.clock.tick()
        return super().readline(size if size is not None else -1)


def console_settings(settings: Settings) -> Settings:
    return load_settings(
        database_url=settings.database_url, data_dir=settings.data_dir, operator="maria"
    )


def take_calls(
    settings: Settings,
    lines: Iterable[str],
    *,
    clock: Clock | None = None,
    kill_after: int | None = None,
) -> Transcript:
    """Run screen-reader mode signed in as Maria; the transcript (``[killed]`` when killed)."""
    from csc_console.linear.shell import run_line_mode

    out = io.StringIO()
    ticking = clock or Clock()
    typed = TypedLines(list(lines), ticking, kill_after)
    try:
        code = run_line_mode(console_settings(settings), stdin=typed, stdout=out, clock=ticking)
    except Killed:
        return Transcript(-9, out.getvalue() + "[killed]\n")  # the prompt line was ended
    return Transcript(code, out.getvalue())


def earlier_call(ctx: Any, caller: CallerInput, *, days_ago: int) -> None:
    """A finished information call from ``caller`` (who thereby becomes known)."""
    at = FIXED_NOW - timedelta(days=days_ago)
    call = calls.start_call(ctx, now=at)
    calls.set_caller(ctx, call_id=call.id, caller=caller)
    calls.finish_call(
        ctx,
        call_id=call.id,
        disposition="information_provided",
        purpose="information",
        topic_code="collection-day",
        now=at + timedelta(minutes=2),
    )


def open_request(
    ctx: Any,
    *,
    category: str = "potholes",
    address: str = "1200 N Lake Ave",
    caller: CallerInput = NEIGHBOUR,
    answers: dict[str, str] | None = None,
    description: str = "Deep pothole by the bus stop",
    days_ago: int = 3,
) -> RequestPublic:
    return create_request(
        ctx,
        NewRequest(
            category=category,
            description=description,
            address=address,
            answers=POTHOLE_ANSWERS if answers is None else answers,
            caller=caller,
        ),
        now=FIXED_NOW - timedelta(days=days_ago),
    )


def set_status(ctx: Any, number: str, status: str, note: str) -> None:
    """What the work-order issue will do through its own services: move a request on."""
    with ctx.db.session(write=True) as s:
        s.execute(
            update(ServiceRequest)
            .where(ServiceRequest.number == number)  # type: ignore[arg-type]
            .values(status=status, status_note=note)
        )


def all_calls(ctx: Any) -> list[Call]:
    with ctx.db.session() as s:
        rows = list(s.scalars(select(Call).order_by(Call.id)))  # type: ignore[arg-type]
        s.expunge_all()
        return rows


def keystrokes(script: Iterable[tuple[str, bool]]) -> int:
    """Keys the CSR pressed beyond what the caller dictated: a dictated line costs its Enter,
    anything else every character plus Enter."""
    return sum(1 if dictated else len(text) + 1 for text, dictated in script)
