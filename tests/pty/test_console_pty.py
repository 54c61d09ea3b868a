"""csc-console in a real pseudo-terminal: where the cursor is, what is written while idle,
what the plain look and screen-reader mode put on the terminal (ACCESSIBILITY.md, "How it is
checked"). A screen reader follows the hardware cursor, so after every focus change the
cursor's row must read the focused control, and the focus line must name it."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.helpers.pty import PtySession, box_chars, escape_sequences

pytestmark = pytest.mark.pty

Spawn = Callable[..., PtySession]

SIGN_IN_READY = "Sign in to the Citizen Service Center console."
FIRST_OPERATOR = "the first operator to sign in becomes"
SIGN_IN_KNOWN = "Type your operator name and press Enter."


# --------------------------------------------------------------------------- helpers
TOAST_EDGE = "\u258c"  # the left edge of a notification toast drawn over the bottom rows


def focus_text(term: PtySession) -> str:
    """The focus line: the two rows right above the footer on every full screen (a long
    announcement wraps onto the second; cut where a notification toast covers a row)."""
    rows = (row.split(TOAST_EDGE)[0].strip() for row in term.lines[-3:-1])
    return " ".join(row for row in rows if row)


ROLES = {
    "button", "chart", "check box", "list", "radio button", "radio group", "scroll area",
    "switch", "tab list", "table", "text field", "tree",
}


def focus_parts(focus: str) -> tuple[str, str, str]:
    """(label, role, value) from "label, role, value, position" (a leading "Screen. " dropped
    from the label: the first announcement on a screen names the screen). A label may hold
    commas ("Calls answered per day, 1 to 31 March"): the role word marks where it ends."""
    parts = [p.strip() for p in focus.split(", ")]
    at = next((i for i, part in enumerate(parts) if i and part in ROLES), 1)
    label = ", ".join(parts[:at]).split(". ", 1)[-1] if ". " in parts[0] else ", ".join(parts[:at])
    role = parts[at] if len(parts) > at else ""
    value = parts[at + 1] if len(parts) > at + 1 else ""
    return label, role, value


def squash(text: str) -> str:
    """Words only: "Fri 13 Nov: 0" said is "Fri 13 Nov  0" drawn."""
    return " ".join(text.replace(":", " ").split())


def assert_cursor_reads_focus(term: PtySession, where: str) -> str:
    """The cursor row shows the focused control's label or value; returns the focus line."""
    focus = focus_text(term)
    assert focus, f"{where}: the focus line is empty\n{term.dump(0)}"
    label, role, value = focus_parts(focus)
    row = term.cursor_line
    shown = [t for t in (label, value) if t and t not in ("empty",) and squash(t) in squash(row)]
    assert shown, (
        f"{where}: the focus line says {focus!r} but the cursor row "
        f"{term.cursor.y} reads {row.strip()!r} (neither the label {label!r} nor the value "
        f"{value!r})\n{term.dump(0)}"
    )
    return focus


def tab_cycle(term: PtySession, where: str, limit: int = 12) -> list[str]:
    """Tab until focus comes back to where it started; every stop is checked."""
    start = assert_cursor_reads_focus(term, f"{where}, first focus")
    seen = [start]
    for n in range(1, limit + 1):
        term.press("tab")
        # On a loaded machine the screen can fall quiet before the focus line is rewritten:
        # the same line twice in a row is read again (for up to 3 s) before it counts.
        for _ in range(30):
            if focus_text(term) != seen[-1]:
                break
            term.settle(100)
        focus = assert_cursor_reads_focus(term, f"{where}, after Tab {n}")
        if focus_parts(focus)[:2] == focus_parts(start)[:2]:
            return seen
        seen.append(focus)
    pytest.fail(f"{where}: focus did not come back after {limit} Tabs: {seen}")


def start_sign_in(
    spawn: Spawn, *args: str, ready: str = FIRST_OPERATOR, **kw: object
) -> PtySession:
    term = spawn(*args, **kw)
    term.wait_for(SIGN_IN_READY, timeout=30)
    # The database opens in a worker after the first frame: wait for the notice to change.
    term.wait_for(ready, timeout=30)
    return term


def start_workspace(spawn: Spawn, *args: str, **kw: object) -> PtySession:
    """Signed in directly (``--operator maria``, an existing operator) on Intake."""
    term = spawn("--operator", "maria", *args, **kw)
    term.wait_for("CSC Console: Intake", timeout=30)
    term.wait_for("Signed in as", timeout=30)
    term.press("escape")  # dismiss the "Signed in as" toast (it is in the message log)
    return term


# --------------------------------------------------------------------------- full screen
def test_sign_in_cursor_follows_focus_and_echoes_typing(spawn_console: Spawn) -> None:
    term = start_sign_in(spawn_console)
    label, role, _ = focus_parts(focus_text(term))
    assert (label, role) == ("Operator name", "text field"), term.dump(0)

    # Typed characters: the cursor sits right after each one (that is when Orca echoes it).
    for n, char in enumerate("maria", start=1):
        term.type(char)
        x = term.cursor.x
        assert term.cursor_line[x - n : x] == "maria"[:n], (
            f"after typing {char!r} the cursor is at x={x} on {term.cursor_line!r}\n" + term.dump(0)
        )

    stops = tab_cycle(term, "sign-in")
    labels = [focus_parts(f)[0] for f in stops]
    assert labels[:1] == ["Operator name"]
    assert {"Sign in", "Quit"} <= set(labels), stops

    # Shift+Tab goes back to the previous control, and the cursor with it.
    term.press("shift+tab")
    assert focus_parts(assert_cursor_reads_focus(term, "sign-in, Shift+Tab"))[0] == labels[-1]


def test_sign_in_and_workspace_write_nothing_while_idle(
    spawn_console: Spawn, with_operator: str
) -> None:
    term = start_sign_in(spawn_console, ready=SIGN_IN_KNOWN)
    term.settle(300)
    assert term.idle_bytes(3.0) == 0, "the sign-in screen wrote while idle\n" + term.dump()

    term.type(with_operator)
    term.press("enter")
    term.wait_for("CSC Console: Intake", timeout=30)
    term.wait_for("Signed in as", timeout=30)
    term.press("escape")  # dismiss the toast: its timed removal would be a (one-off) write
    term.settle(300)
    assert term.idle_bytes(3.0) == 0, "the Intake workspace wrote while idle\n" + term.dump()


WORKSPACES = [
    (None, "Intake"),
    ("f3", "Work orders"),
    ("f4", "Dispatch"),
    ("f5", "Dashboard"),
    ("f6", "Messages"),
]


def test_workspaces_and_help_cursor_follows_focus(spawn_console: Spawn, with_operator: str) -> None:
    """Every workspace, reached by its function key, then the help screen: each Tab stop and
    list move is checked; problems are collected so that one run reports all of them."""
    term = start_workspace(spawn_console)
    problems: list[str] = []
    for key, title in WORKSPACES:
        if key is not None:
            term.press(key)
            term.wait_for(f"CSC Console: {title}")
            term.settle(300)  # the workspace loads its content in a worker
        try:
            tab_cycle(term, f"{title} workspace")
        except (AssertionError, pytest.fail.Exception) as problem:
            problems.append(str(problem))

    term.press("f2")
    term.wait_for("CSC Console: Intake")
    term.press("f1")
    term.wait_for("Help: keys of Intake")
    first = term.cursor_line.strip()
    if "Quit" not in first:  # the first key listed; a list row carries the cursor
        problems.append(f"help: the cursor row reads {first!r}\n{term.dump(0)}")
    term.press("down")
    deadline = time.monotonic() + 10  # the screen's answer, however loaded the machine
    while term.cursor_line.strip() == first and time.monotonic() < deadline:
        term.pump(0.05)
    second = term.cursor_line.strip()
    if not second or second == first:
        problems.append(
            f"help, Down: the cursor row went from {first!r} to {second!r}\n" + term.dump(0)
        )
    term.press("escape")
    term.wait_for("CSC Console: Intake")
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("how", ["--plain", "CSC_PLAIN=1"])
def test_plain_look_has_no_box_drawing(spawn_console: Spawn, how: str) -> None:
    args, env = ((how,), None) if how.startswith("--") else ((), dict([how.split("=")]))
    term = start_sign_in(spawn_console, *args, env=env)
    assert not box_chars(term.text), f"sign-in: {sorted(box_chars(term.text))}\n{term.dump(0)}"
    if how != "--plain":
        return
    term.type("maria")
    term.press("enter")
    term.type("Maria Lopez")
    term.press("enter")
    term.wait_for("CSC Console: Intake", timeout=30)
    term.settle(400)
    for key, title in (("tab", "Intake"), ("f3", "Work orders"), ("f1", "Help: keys of")):
        term.press(key)
        term.wait_for(title)
        found = box_chars(term.text)
        assert not found, f"{title}: {sorted(found)}\n{term.dump(0)}"


# --------------------------------------------------------------------------- screen-reader mode
def test_screen_reader_mode_writes_no_escape_sequences(spawn_console: Spawn) -> None:
    term = spawn_console("--screen-reader")
    term.wait_for("Operator name", timeout=30)
    term.send("maria\r")
    term.wait_for("Display name", timeout=15)
    term.send("Maria Lopez\r")
    term.wait_for("Signed in as", timeout=15)
    term.settle()
    term.send("help\r")
    term.settle(400)
    term.send("quit\r")
    assert term.wait_exit(15) == 0, term.dump()
    raw = bytes(term.output)
    assert b"\x1b" not in raw, f"escape sequences: {escape_sequences(raw)[:10]}"
    assert not box_chars(raw.decode("utf-8", "replace"))
    assert "Goodbye" in term.text
