"""Helpers for screen-reader-mode tests: scripted input, captured output, golden transcripts.

A transcript is everything the console wrote, with each typed line echoed after its prompt (as
a terminal would show it) and the exit status on the last line. Goldens live in
``tests/linear/transcripts/NAME.txt``; a missing golden is written and the test fails so it
gets reviewed; ``UPDATE_TRANSCRIPTS=1 pytest tests/linear`` rewrites them all.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

TRANSCRIPTS = Path(__file__).parent / "transcripts"
UPDATE = os.environ.get("UPDATE_TRANSCRIPTS", "") == "1"

#: Tuesday, March 3, 2026, 9:00 AM in Pasadena
FIXED_NOW = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)


@pytest.fixture
def live_feed() -> None:
    """Ask for it to let screen-reader mode listen to other consoles' changes (``_quiet_feed``)."""


@pytest.fixture(autouse=True)
def _quiet_feed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Screen-reader mode says other consoles' changes as they arrive, which depends on timing
    (a change a test makes "from another console" may or may not be heard before the next
    prompt): transcripts stay deterministic unless the test asks for ``live_feed``
    (tests/linear/test_live.py)."""
    if "live_feed" not in request.fixturenames:
        from csc_console.linear.live import LineLive

        monkeypatch.setattr(LineLive, "start", lambda self: self)


def fixed_clock() -> datetime:
    return FIXED_NOW


def script(lines: Iterable[str]) -> io.StringIO:
    text = "".join(f"{line}\n" for line in lines)
    return io.StringIO(text)


@dataclass(frozen=True)
class Transcript:
    code: int
    output: str

    @property
    def text(self) -> str:
        return f"{self.output}[exit status {self.code}]\n"

    @property
    def lines(self) -> list[str]:
        return self.output.splitlines()


def check_golden(name: str, transcript: Transcript) -> None:
    path = TRANSCRIPTS / f"{name}.txt"
    if UPDATE or not path.exists():
        path.write_text(transcript.text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden transcript {path.name} was missing and has been written; review it")
        return
    expected = path.read_text(encoding="utf-8")
    assert transcript.text == expected, f"transcript differs from {path}"


def run_console(settings: object, lines: Iterable[str], **kwargs: object) -> Transcript:
    """Run screen-reader mode with ``lines`` as input; the transcript."""
    from csc_console.linear.shell import run_line_mode

    out = io.StringIO()
    code = run_line_mode(
        settings,  # type: ignore[arg-type]
        stdin=script(lines),
        stdout=out,
        clock=kwargs.pop("clock", fixed_clock),  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )
    return Transcript(code, out.getvalue())


@pytest.fixture
def console(settings: object) -> Callable[..., Transcript]:
    """``console(lines, **settings_overrides)``: run on the test's database (both backends)."""
    from csc_console.config import load_settings

    def run(lines: Iterable[str], **overrides: object) -> Transcript:
        chosen = settings
        if overrides:
            chosen = load_settings(
                database_url=settings.database_url,  # type: ignore[attr-defined]
                data_dir=settings.data_dir,  # type: ignore[attr-defined]
                **overrides,
            )
        return run_console(chosen, lines)

    return run

