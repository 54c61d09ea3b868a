"""Per keystroke on the Intake screen: key press to refreshed screen, against a bare Textual app
with one Input.

Each sample is one app session (headless, ``App.run_test``, 110x40) typing a caller's words,
"there's a big pothole in front of my house", one key at a time. For every key the clock
starts when the key event is handed to the app (as Pilot does) and stops at the first frame
written after the screen holds the result of that key:

- csc-console: the caller's-words field shows the character *and* the suggestions below it
  are those for the words so far (computed in a worker per keystroke, only changed rows
  repainted), on the full Intake screen during a call (caller panel, purpose, wrap-up, ...);
- baseline: a bare ``textual.app.App`` with one focused ``Input`` (stock widgets and theme)
  shows the character.

The sample is the median over the keys of the session; sessions of the two apps alternate
(``bench.common.interleave``), and the row compares the medians of the samples. Target:
csc-console <= 1.5x the baseline. The note gives the 90th percentile of single keys too.

    python bench/bench_intake_keys.py [--repeat N]      # or: python bench/run.py --only intake_keys
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Result, interleave, median

TARGET = 1.5
PHRASE = "there's a big pothole in front of my house"
SIZE = (110, 40)
OPERATOR = "bench"


# --------------------------------------------------------------------------- measuring
def _count_frames(app: Any) -> list[int]:
    """Count the frames the app writes (every screen update goes through ``App._display``)."""
    frames = [0]
    real = app._display

    def counting(screen: Any, renderable: Any) -> None:
        real(screen, renderable)
        if renderable is not None:
            frames[0] += 1

    app._display = counting
    return frames


async def _until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen did not show the key's result")
        await asyncio.sleep(0)


def _painted(screen: Any, widgets: list[Any]) -> bool:
    """Nothing waits to be painted: no widget of ``widgets`` needs a repaint or a layout, and
    the screen has no update pending (Textual 8.2.8's own flags, as its compositor reads them)."""
    if screen._dirty_widgets or screen._layout_required or screen._repaint_required:
        return False
    if not screen._message_queue.empty():
        return False
    return not any(w._repaint_required or w._layout_required for w in widgets)


async def _type_timed(
    app: Any, field: Any, shown: Callable[[str], bool], watched: list[Any]
) -> list[float]:
    """Type PHRASE into ``field``; ms per key, from the key event to the frame that shows its
    result (the result is there, a frame was written since the key, nothing is left to paint)."""
    from textual import events
    from textual.keys import _character_to_key

    frames = _count_frames(app)
    driver = app._driver
    screen = app.screen
    times: list[float] = []
    for ch in PHRASE:
        key = ch if ch.isalnum() else _character_to_key(ch)
        target = field.value + ch
        seen = frames[0]
        t0 = time.perf_counter()
        event = events.Key(key, ch)
        event.set_sender(app)
        driver.send_message(event)
        await _until(
            lambda target=target, seen=seen: field.value == target
            and shown(target)
            and frames[0] > seen
            and _painted(screen, watched)
        )
        times.append((time.perf_counter() - t0) * 1000.0)
    return times


# --------------------------------------------------------------------------- the two apps
def _bare_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class OneInput(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(id="words")

        def on_mount(self) -> None:
            self.query_one(Input).focus()

    return OneInput()


async def _bare_session(keys: list[float]) -> float:
    app = _bare_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.query_one("#words")
        times = await _type_timed(app, field, lambda _: True, [field])
    keys.extend(times)
    return median(times)


async def _intake_session(url: str, keys: list[float]) -> float:
    from csc_console.config import load_settings
    from csc_console.screens.intake import IntakeScreen
    from csc_console.services.intake import clear_draft
    from tests.ui.helpers import make_app, settle

    app = make_app(load_settings(database_url=url, operator=OPERATOR))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen) and screen.desk is not None
        await pilot.press("enter", "alt+g")  # answer a call; the caller's words
        await settle(pilot)
        panel = screen.desk.words
        field = screen.query_one("#words")
        watched = [field, panel.suggestions]
        times = await _type_timed(app, field, lambda words: panel.shown_for == words, watched)
        clear_draft(app.ctx)
    keys.extend(times)
    return median(times)


# --------------------------------------------------------------------------- set-up
@contextlib.contextmanager
def _private_home() -> Iterator[Path]:
    """A private HOME/XDG tree (drafts are written under it) for the run."""
    names = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
    saved = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="csc-bench-keys-") as tmp:
        home = Path(tmp)
        os.environ["HOME"] = str(home)
        for name in names[1:]:
            (home / name.lower()).mkdir()
            os.environ[name] = str(home / name.lower())
        try:
            yield home
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _database(home: Path) -> str:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import sign_in

    url = f"sqlite:///{home / 'bench.db'}"
    ctx = open_context(load_settings(database_url=url))
    try:
        sign_in(ctx, username=OPERATOR, display_name="Bench Operator")
    finally:
        ctx.db.dispose()
    return url


def run(repeat: int = 7) -> list[Result]:
    with _private_home() as home:
        url = _database(home)
        keys: dict[str, list[float]] = {"app": [], "base": []}
        samples = interleave(
            {
                "app": lambda: asyncio.run(_intake_session(url, keys["app"])),
                "base": lambda: asyncio.run(_bare_session(keys["base"])),
            },
            repeat=repeat,
        )

    def p90(values: list[float]) -> float:
        return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else float("nan")

    return [
        Result(
            case="intake: per keystroke (words + suggestions)",
            median_ms=median(samples["app"]),
            baseline_ms=median(samples["base"]),
            target=TARGET,
            samples=repeat,
            note=(
                f"{len(PHRASE)} keys per session; key to refreshed screen; p90 of keys "
                f"{p90(keys['app']):.1f} ms vs {p90(keys['base']):.1f} ms (one Input)"
            ),
        )
    ]


def main() -> int:
    from bench.common import format_table

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    results = run(args.repeat)
    print(format_table(results))
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
