"""Start-up to the first interactive screen: csc-console against a bare Textual app.

Each sample is a real process in a 100x30 pseudo-terminal: the clock starts just before the
spawn and stops when (1) the first screen's known text is on the screen and (2) a probe typed
right after that is echoed on the screen, i.e. the app has drawn its first screen and accepts
keys. Both commands run with this interpreter, interleaved, ``repeat`` times each after a
warm-up; the table row compares medians (target: csc-console <= 1.5x the bare baseline).

    python bench/bench_startup.py [--repeat N]      # or: python bench/run.py
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Result, interleave, median, now_ms
from tests.helpers.pty import PtySession, csc_console_argv, key_bytes, pty_env

BASELINE = str(Path(__file__).resolve().parent / "baseline_app.py")
TARGET = 1.5
PROBE = "zq"  # typed once the first screen is up; must then appear on the screen
F1 = key_bytes("f1").decode()


@dataclass(frozen=True)
class Start:
    """How to start one command and recognise its first interactive screen."""

    argv: list[str]
    ready: str  # text of the first screen
    probe: str = PROBE  # keys sent once `ready` is on the screen
    echo: str = PROBE  # text that must then appear


def time_start(start: Start, env: dict[str, str], timeout: float = 30.0) -> tuple[float, float]:
    """(ms to first screen, ms to the probe's echo) for one fresh process."""
    t0 = now_ms()
    session = PtySession(start.argv, env=env, cols=100, rows=30, timeout=timeout)
    try:
        session.wait_for(start.ready, settle=False)
        first = now_ms() - t0
        session.send(start.probe)
        session.wait_for(start.echo, settle=False)
        interactive = now_ms() - t0
    finally:
        session.close()
    return first, interactive


OPERATOR = "bench"


def _measure(start: Start, env: dict[str, str], firsts: list[float]) -> float:
    first, interactive = time_start(start, env)
    firsts.append(first)
    return interactive


def _prepare(home: Path) -> dict[str, str]:
    """A private HOME and a migrated SQLite database with one operator, for the runs."""
    url = f"sqlite:///{home / 'bench.db'}"
    env = pty_env(db_url=url, home=home)
    subprocess.run(
        csc_console_argv("db", "upgrade"),
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # The first operator to sign in becomes the administrator: sign in once, as a user would.
    with PtySession(csc_console_argv("--operator", OPERATOR), env=env, timeout=60) as first:
        first.wait_for("CSC Console: Intake", settle=False)
    return env


def cases() -> list[tuple[str, Start, Start, str]]:
    """(case, csc-console start, baseline start, note)."""
    # Sign-in: the operator field has focus, so the probe is typed into it.
    sign_in = Start(csc_console_argv(), ready="Sign in to the Citizen Service Center console.")
    base_sign_in = Start([sys.executable, BASELINE], ready="Sign in to the baseline console")
    # Direct sign-in lands on Intake, whose focus is a list: the probe is F1, which must open
    # the help dialog (the baseline's F1 opens a dialog with a list too).
    direct = Start(
        csc_console_argv("--operator", OPERATOR),
        ready="CSC Console: Intake",
        probe=F1,
        echo="Help: keys of Intake",
    )
    base_workspace = Start(
        [sys.executable, BASELINE, "--workspace"],
        ready="Intake baseline workspace",
        probe=F1,
        echo="Help: baseline keys",
    )
    return [
        ("start-up: sign-in screen", sign_in, base_sign_in, "csc-console"),
        (
            "start-up: --operator -> Intake",
            direct,
            base_workspace,
            f"csc-console --operator {OPERATOR}",
        ),
    ]


def run(repeat: int = 7) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="csc-bench-") as tmp:
        env = _prepare(Path(tmp))
        for name, start, base, note in cases():
            firsts: dict[str, list[float]] = {"app": [], "base": []}
            samples = interleave(
                {
                    "app": partial(_measure, start, env, firsts["app"]),
                    "base": partial(_measure, base, env, firsts["base"]),
                },
                repeat=repeat,
            )
            results.append(
                Result(
                    case=name,
                    median_ms=median(samples["app"]),
                    baseline_ms=median(samples["base"]),
                    target=TARGET,
                    samples=repeat,
                    note=f"{note}; first frame {median(firsts['app'][-repeat:]):.0f} ms "
                    f"vs {median(firsts['base'][-repeat:]):.0f} ms",
                )
            )
    return results


def main() -> int:
    from bench.common import format_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    results = run(args.repeat)
    print(format_table(results))
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
