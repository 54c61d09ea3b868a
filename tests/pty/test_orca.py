"""The shell heard through the real Orca screen reader (slow, opt-in: ``ORCA_SAY=1``).

Each Tab must announce the new control, typed characters must be echoed, and the sign-in
result must be spoken. The transcripts these checks come from are in
docs/accessibility-checks.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.pty.orca import Step, available, orca_say

pytestmark = [
    pytest.mark.slow,
    pytest.mark.pty,
    pytest.mark.skipif(
        os.environ.get("ORCA_SAY") != "1",
        reason="runs the real Orca screen reader (20-30 s); set ORCA_SAY=1 to run it",
    ),
    pytest.mark.skipif(
        os.environ.get("ORCA_SAY") == "1" and not available(),
        reason="orca-say is not installed: sudo /work/shared/tools/orca-say/install.sh",
    ),
]


def said_after(steps: list[Step], step: str) -> list[str]:
    matching = [s for s in steps if s.step == step]
    assert matching, f"no step {step!r} in {[s.step for s in steps]}"
    return matching[0].said


def test_orca_reads_the_sign_in_screen(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'orca.db'}"
    # sleep: the database opens after the first frame; on an empty one a second field appears.
    keys = ["sleep:2", "Tab", "Tab", "Tab", "Tab", "maria", "Return", "Maria Lopez", "Return"]
    steps = orca_say(keys, ["--db", db], env={"HOME": str(tmp_path)})
    report = "\n".join(f"[{s.step}] {s.text}" for s in steps)
    tabs = [s for s in steps if s.step == "Tab"]
    # Each Tab announces the control it lands on (the focus line), in full.
    expected = [
        "Your name as shown, text field",
        "Sign in, button",
        "Quit, button",
        "Operator name, text field",
    ]
    for tab, words in zip(tabs, expected, strict=True):
        assert any(words in said for said in tab.said), f"Tab should say {words!r}\n{report}"
    # Every typed character is echoed (other speech may come between: a toast that expires
    # while typing reveals, and Orca reads, the rows it covered).
    typed = said_after(steps, "type 'maria'")
    assert [s.strip() for s in typed if len(s.strip()) == 1] == list("maria"), report
    # Enter on the operator name moves to the display name, and says so.
    returns = [s for s in steps if s.step == "Return"]
    assert any("Your name as shown" in said for said in returns[0].said), report
    # The sign-in result is spoken.
    assert any("Signed in as Maria Lopez" in said for said in returns[1].said), report
