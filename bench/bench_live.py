"""Commit on one console to the change visible on another console's screen (PostgreSQL).

Issue 8's target: the time from a commit on console A to the frame on console B's screen that
shows it, median within 2x of B's own keystroke-to-screen time, p99 under 250 ms.

- Console B is the full-screen app (``CscApp``, headless, 110x36) signed in through the normal
  path (``--operator``: sign-in, then its ``LiveLink`` and change feed) and showing Dispatch,
  the cursor in the radio command line. A hook on ``App._display`` stamps every frame written
  to the terminal.
- Console A is another process with its own service context. Every 150-350 ms it logs a radio
  message through the services (``dispatch.log_command``: entry, unit, audit and NOTIFY in one
  transaction) and sends B the ``time.monotonic()`` taken right after the commit returned (the
  monotonic clock is the machine's, shared by both processes). Latency: from that stamp to the
  first frame written after the message is in B's radio log.
- Baseline, interleaved with those samples in the same run: B's own keystroke-to-screen time,
  a key posted to the app as the terminal driver would (``events.Key``) to the first frame that
  shows the typed character in the command line.

    python bench/run.py --only live
    CSC_BENCH_LIVE_SAMPLES=300 python bench/bench_live.py
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import multiprocessing as mp
import os
import random
import time
from pathlib import Path
from typing import Any

from bench.common import Result

SAMPLES = int(os.environ.get("CSC_BENCH_LIVE_SAMPLES", "200"))
P99_LIMIT_MS = 250.0


def _console_a(url: str, count: int, go: Any, out: Any) -> None:
    """The other console: a radio message every 150-350 ms; the commit times go to ``out``."""
    from bench.bench_shared import _ctx
    from csc_console.services.dispatch import log_command

    ctx = _ctx(url, "admin")
    rng = random.Random(8)
    go.wait(120)
    for i in range(count):
        time.sleep(rng.uniform(0.15, 0.35))
        log_command(ctx, f"PW2 bench {i} x")
        out.put((i, time.monotonic()))
    out.put(None)
    ctx.db.dispose()


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(len(ordered) * q) - 1))] if ordered else float("nan")


async def _measure(url: str, count: int) -> tuple[list[float], list[float]]:
    from textual import events

    from csc_console import app as app_module
    from csc_console.app import CscApp
    from csc_console.config import load_settings
    from csc_console.widgets.radio import CommandLine, RadioLogList

    # Every frame written to the terminal: when, the command line's text and the log's last
    # lines at that moment (what that frame showed).
    frames: list[tuple[float, str, str]] = []
    widgets: dict[str, Any] = {}
    framed = asyncio.Event()  # set by every frame: the measuring loop waits on it, never polls

    class Stamped(CscApp):
        CSS_PATH = str(Path(app_module.__file__).parent / "csc.tcss")

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if renderable is not None and widgets:
                tail = " | ".join(line for _, line in widgets["log"].entries[-3:])
                frames.append((time.monotonic(), widgets["command"].value, tail))
                framed.set()

    settings = dataclasses.replace(load_settings(database_url=url), operator="admin")
    app = Stamped(settings)
    ctxm = mp.get_context("spawn")
    go, out = ctxm.Event(), ctxm.Queue()
    other = ctxm.Process(target=_console_a, args=(url, count, go, out))
    other.start()
    live_ms: list[float] = []
    key_ms: list[float] = []
    async with app.run_test(size=(110, 36)) as pilot:
        for _ in range(400):
            if app.live is not None and app.live.online:
                break
            await pilot.pause(0.05)
        app.switch_mode("dispatch")
        await pilot.pause(1.0)
        command = app.screen.query_one("#command", CommandLine)
        log = app.screen.query_one("#radio-log", RadioLogList)
        command.focus()
        widgets.update(command=command, log=log)
        await pilot.pause(0.2)

        async def first_frame_after(start: float, shows: Any, limit: float = 5.0) -> float:
            """Milliseconds from ``start`` to the first frame for which ``shows(frame)``."""
            # Woken by each frame (a poll every half millisecond took the GIL from the
            # console's own refresh thread, a cost no real console has).
            checked = 0
            while (left := limit - (time.monotonic() - start)) > 0:
                framed.clear()
                for at, typed, tail in frames[checked:]:
                    if at >= start and shows(typed, tail):
                        return (at - start) * 1000
                checked = len(frames)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(framed.wait(), left)
            return float("inf")

        go.set()
        done = False
        letters = "abcdefghij"
        while not done:
            # B's own keystroke to screen (the baseline), between two of A's commits.
            char = letters[len(key_ms) % len(letters)]
            command.value = ""
            await pilot.pause(0.02)
            start = time.monotonic()
            app.post_message(events.Key(char, char))
            key_ms.append(await first_frame_after(start, lambda typed, _t, c=char: typed == c))
            # A's next commit to B's screen.
            item = await asyncio.get_running_loop().run_in_executor(None, out.get)
            if item is None:
                done = True
                break
            i, committed = item
            marker = f"bench {i} x"
            live_ms.append(await first_frame_after(committed, lambda _c, tail, m=marker: m in tail))
    other.join(30)
    return live_ms, key_ms


def run(repeat: int = 7) -> list[Result]:
    from bench.bench_shared import _fresh_database, _seed

    server, name, url = _fresh_database()
    try:
        _seed(url, 1)
        live_ms, key_ms = asyncio.run(_measure(url, SAMPLES))
    finally:
        server.drop_database(name)
    finite = [v for v in live_ms if v != float("inf")]
    missed = len(live_ms) - len(finite)
    live_med = sorted(finite)[len(finite) // 2] if finite else float("nan")
    key_med = sorted(key_ms)[len(key_ms) // 2] if key_ms else float("nan")
    p99 = _p(live_ms, 0.99)
    return [
        Result(
            "live: commit -> other console's screen",
            live_med,
            key_med,
            2.0,
            len(live_ms),
            note=(f"p99 {p99:.1f} ms (limit {P99_LIMIT_MS:.0f}: {'pass' if p99 <= P99_LIMIT_MS else 'FAIL'}), "
                  f"max {max(live_ms):.1f} ms, {missed} not seen in 5 s; baseline: own keystroke to screen, "
                  f"median {key_med:.1f} ms, p99 {_p(key_ms, 0.99):.1f} ms"),
        ),
        Result("live: commit -> screen p99 (limit 250 ms)", p99, P99_LIMIT_MS, 1.0, len(live_ms),
               note="the baseline column is the limit"),
    ]


if __name__ == "__main__":
    from bench.common import format_table

    print(format_table(run()))
