"""Run the console under the real Orca screen reader (``/work/shared/tools/orca-say``).

``orca_say(keys, args)`` starts ``csc-console ARGS`` in a VTE terminal with Orca on a private
display, sends the keys, and returns what Orca said after each one. Needs the tool's Debian
packages (``sudo /work/shared/tools/orca-say/install.sh``); one run takes 10-30 s.
See docs/accessibility-checks.md for the recorded transcripts.

    python -m tests.pty.orca --db sqlite:////tmp/orca.db -- Tab Tab maria Return
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ORCA_SAY = Path(os.environ.get("ORCA_SAY_TOOL", "/work/shared/tools/orca-say/orca_say.sh"))


@dataclass(frozen=True)
class Step:
    step: str  # the key or "type 'text'" (or a setup step in parentheses)
    said: list[str]  # Orca's utterances, whitespace collapsed, blank ones dropped

    @property
    def text(self) -> str:
        return " | ".join(self.said)


def available() -> bool:
    return (
        ORCA_SAY.exists() and shutil.which("orca") is not None and shutil.which("Xvfb") is not None
    )


def console_command(*args: str) -> list[str]:
    """csc-console by absolute path: the terminal's shell does not have the venv on PATH."""
    exe = Path(sys.executable).with_name("csc-console")
    return [str(exe) if exe.exists() else "csc-console", *args]


def orca_say(
    keys: Sequence[str],
    args: Sequence[str],
    *,
    cols: int = 100,
    rows: int = 30,
    env: dict[str, str] | None = None,
    timeout: float = 300.0,
) -> list[Step]:
    """What Orca said, step by step, while ``keys`` were sent to ``csc-console ARGS``."""
    with tempfile.TemporaryDirectory(prefix="orca-say-") as tmp:
        out = Path(tmp) / "transcript.json"
        cmd = [
            str(ORCA_SAY),
            "--json",
            str(out),
            "--cols",
            str(cols),
            "--rows",
            str(rows),
            "--no-screen",
        ]
        for key, value in (env or {}).items():
            cmd += ["--env", f"{key}={value}"]
        cmd += ["--keys", *keys, "--", *console_command(*args)]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if not out.exists():
            raise RuntimeError(
                f"orca_say failed ({done.returncode}): {done.stdout[-2000:]}{done.stderr[-2000:]}"
            )
        result = json.loads(out.read_text())
    if result.get("error"):
        raise RuntimeError(f"orca_say: {result['error']}")
    return [
        Step(
            s["step"],
            [
                " ".join(e["text"].split())
                for e in s["events"]
                if e["kind"] == "speech" and e["text"].strip()
            ],
        )
        for s in result["steps"]
    ]


def format_transcript(steps: Sequence[Step]) -> str:
    lines = []
    for step in steps:
        lines.append(f"[{step.step}]")
        lines += [f"    say: {said!r}" for said in step.said] or ["    (silence)"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" not in argv:
        print("usage: python -m tests.pty.orca CSC-CONSOLE-ARGS... -- KEYS...", file=sys.stderr)
        return 2
    cut = argv.index("--")
    print(format_transcript(orca_say(argv[cut + 1 :], argv[:cut])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
