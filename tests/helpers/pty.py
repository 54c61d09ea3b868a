"""A pseudo-terminal harness: run a program in a real pty, see the screen the way a terminal does.

The program runs under :mod:`pexpect` in a pty of a given size; everything it writes is kept
(``session.output``) and fed to a :mod:`pyte` screen, so a test can ask what a terminal would
show: the screen text, the hardware cursor position and the text of the cursor's row (which is
what a screen reader or braille display follows), and how many bytes the program writes while
nobody touches it.

    from tests.helpers.pty import PtySession, csc_console_argv, pty_env

    with PtySession(csc_console_argv(), env=pty_env(db_url=url)) as term:
        term.wait_for("Operator")            # text on screen (str or compiled regex)
        term.press("tab")                    # named keys; settles after each by default
        term.type("maria")                   # literal text
        assert "Operator" in term.cursor_line
        assert term.idle_bytes(3.0) == 0     # nothing written in 3 s of idle

Every wait has a timeout; on timeout :class:`PtyTimeout` (an ``AssertionError``) is raised with
the screen dumped (cursor marked) and the tail of the raw output. The child is always killed on
``close()`` / leaving the ``with`` block.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pyte

# --------------------------------------------------------------------------- keys
_CSI = "\x1b["
_NAMED: dict[str, str] = {
    "tab": "\t",
    "shift+tab": _CSI + "Z",
    "enter": "\r",
    "return": "\r",
    "escape": "\x1b",
    "esc": "\x1b",
    "backspace": "\x7f",
    "space": " ",
    "up": _CSI + "A",
    "down": _CSI + "B",
    "right": _CSI + "C",
    "left": _CSI + "D",
    "home": _CSI + "H",
    "end": _CSI + "F",
    "insert": _CSI + "2~",
    "delete": _CSI + "3~",
    "pageup": _CSI + "5~",
    "pagedown": _CSI + "6~",
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
    "f5": _CSI + "15~",
    "f6": _CSI + "17~",
    "f7": _CSI + "18~",
    "f8": _CSI + "19~",
    "f9": _CSI + "20~",
    "f10": _CSI + "21~",
    "f11": _CSI + "23~",
    "f12": _CSI + "24~",
}
_ALIASES = {
    "pgup": "pageup",
    "pgdn": "pagedown",
    "page_up": "pageup",
    "page_down": "pagedown",
    "backtab": "shift+tab",
    "return": "enter",
    "del": "delete",
}


def key_bytes(name: str) -> bytes:
    """The bytes an xterm sends for a named key: ``tab``, ``shift+tab``, ``enter``, ``escape``,
    ``up``/``down``/``left``/``right``, ``home``/``end``, ``pageup``/``pagedown``, ``f1``..``f12``,
    ``ctrl+x`` (any letter), ``backspace``, ``delete``, ``space``, or one literal character."""
    low = name.lower()
    low = _ALIASES.get(low, low)
    if low in _NAMED:
        return _NAMED[low].encode()
    match = re.fullmatch(r"ctrl\+([a-z@\[\\\]^_])", low)
    if match:
        return bytes([ord(match.group(1).upper()) & 0x1F])
    if len(name) == 1:
        return name.encode()
    raise ValueError(f"unknown key name {name!r}; use PtySession.type() for text")


# --------------------------------------------------------------------------- environment
_KEEP_ENV = ("PATH", "VIRTUAL_ENV", "PYTHONPATH", "TMPDIR", "SYSTEMROOT")


def pty_env(
    *,
    db_url: str | None = None,
    home: str | os.PathLike[str] | None = None,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """A clean environment for a child in a pty.

    Starts from nothing but PATH and friends, takes HOME/XDG_* from ``home`` (default: the
    current, i.e. the test's isolated, values), sets ``TERM=xterm-256color``, a UTF-8 locale,
    ``TZ`` and, with ``db_url``, ``CSC_DATABASE_URL``. No ``COLUMNS``/``LINES`` (they would
    override the pty size), no ``TEXTUAL_*``, no ``CSC_*`` other than what ``extra`` gives.
    """
    env = {k: os.environ[k] for k in _KEEP_ENV if k in os.environ}
    if home is not None:
        base = Path(home)
        env["HOME"] = str(base)
        for var, sub in (
            ("XDG_DATA_HOME", "data"),
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_STATE_HOME", "state"),
        ):
            (base / sub).mkdir(parents=True, exist_ok=True)
            env[var] = str(base / sub)
    else:
        for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            if var in os.environ:
                env[var] = os.environ[var]
    env.update(
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        TZ=os.environ.get("TZ", "UTC"),
    )
    if db_url is not None:
        env["CSC_DATABASE_URL"] = db_url
    if extra:
        env.update(extra)
    return env


def csc_console_argv(*args: str) -> list[str]:
    """``csc-console ARGS`` with this interpreter (``python -m csc_console``)."""
    return [sys.executable, "-m", "csc_console", *args]


# --------------------------------------------------------------------------- session
class PtyTimeout(AssertionError):
    """A wait ran out of time; the message holds the screen and the raw output tail."""


@dataclass(frozen=True)
class Cursor:
    x: int
    y: int
    hidden: bool


# pyte prints the final byte of a few sequences it does not parse; drop them before feeding.
_PYTE_UNPARSED = re.compile(rb"\x1b\[<\d*u")


class _Screen(pyte.Screen):
    """A pyte screen that answers terminal queries (DSR, DA) to the child, like xterm."""

    def __init__(self, columns: int, lines: int, reply: object) -> None:
        super().__init__(columns, lines)
        self._reply = reply

    def write_process_input(self, data: str) -> None:
        self._reply(data)  # type: ignore[operator]


class PtySession:
    """A program running in a pseudo-terminal of ``cols`` x ``rows``, seen through pyte."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cols: int = 100,
        rows: int = 30,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
        timeout: float = 15.0,
        settle_ms: int = 200,
    ) -> None:
        self.argv = list(argv)
        self.cols, self.rows = cols, rows
        self.timeout = timeout
        self.settle_ms = settle_ms
        self.output = bytearray()
        self.last_output_at = time.monotonic()
        self.started_at = time.monotonic()
        self.exitstatus: int | None = None
        self.screen = _Screen(cols, rows, self._reply)
        self._stream = pyte.ByteStream(self.screen)
        program = shutil.which(self.argv[0]) or self.argv[0]
        self.child = pexpect.spawn(
            program,
            self.argv[1:],
            dimensions=(rows, cols),
            env=dict(env) if env is not None else pty_env(),
            cwd=str(cwd) if cwd is not None else None,
            encoding=None,
            echo=True,
            timeout=timeout,
        )

    # ------------------------------------------------------------------ lifecycle
    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Kill the child (and its process group) if it is still running."""
        child = self.child
        try:
            if child.isalive():
                child.terminate(force=False)
                deadline = time.monotonic() + 1.0
                while child.isalive() and time.monotonic() < deadline:
                    time.sleep(0.02)
                if child.isalive():
                    child.terminate(force=True)
        finally:
            with contextlib.suppress(Exception):  # already gone
                child.close(force=True)
            if self.exitstatus is None:
                self.exitstatus = child.exitstatus

    @property
    def alive(self) -> bool:
        return bool(self.child.isalive())

    def wait_exit(self, timeout: float | None = None) -> int | None:
        """Read until the program ends; its exit status (None if killed by a signal)."""
        deadline = time.monotonic() + (timeout if timeout is not None else self.timeout)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self._fail("the program did not exit")
            if not self._read(min(left, 0.2)) and not self.child.isalive():
                break
        self.child.close()
        self.exitstatus = self.child.exitstatus
        return self.exitstatus

    # ------------------------------------------------------------------ reading
    def _reply(self, data: str) -> None:
        if self.child.isalive():
            self.child.send(data.encode())

    def _read(self, timeout: float) -> int:
        """Read whatever arrives within ``timeout`` seconds; bytes read (0 on EOF/timeout)."""
        try:
            data = self.child.read_nonblocking(65536, timeout=max(timeout, 0.0))
        except pexpect.TIMEOUT:
            return 0
        except pexpect.EOF:
            return 0
        if data:
            self.output += data
            self.last_output_at = time.monotonic()
            self._stream.feed(_PYTE_UNPARSED.sub(b"", data))
        return len(data)

    def pump(self, seconds: float) -> int:
        """Read for ``seconds``; bytes received."""
        end = time.monotonic() + seconds
        total = 0
        while (left := end - time.monotonic()) > 0:
            got = self._read(min(left, 0.05))
            total += got
            if not got and not self.child.isalive():
                break
        return total

    def settle(self, quiet_ms: int | None = None, timeout: float | None = None) -> None:
        """Read until nothing has been written for ``quiet_ms`` (default ``settle_ms``)."""
        quiet = (quiet_ms if quiet_ms is not None else self.settle_ms) / 1000
        deadline = time.monotonic() + (timeout if timeout is not None else self.timeout)
        quiet_since = time.monotonic()
        while True:
            now = time.monotonic()
            if now - quiet_since >= quiet:
                return
            if now >= deadline:
                self._fail(f"the screen did not settle ({quiet * 1000:.0f} ms without output)")
            if self._read(min(quiet - (now - quiet_since), deadline - now, 0.05)):
                quiet_since = time.monotonic()
            elif not self.child.isalive():
                return

    def wait_for(
        self,
        text: str | re.Pattern[str],
        timeout: float | None = None,
        *,
        settle: bool = True,
    ) -> None:
        """Read until ``text`` (a substring or a regex) is on the screen, then settle."""
        deadline = time.monotonic() + (timeout if timeout is not None else self.timeout)
        while not self.has(text):
            left = deadline - time.monotonic()
            if left <= 0:
                self._fail(f"timed out waiting for {_describe(text)} on the screen")
            if not self._read(min(left, 0.05)) and not self.child.isalive():
                self._read(0.1)
                if not self.has(text):
                    self._fail(f"the program ended before {_describe(text)} appeared")
        if settle:
            self.settle()

    def wait_for_output(self, data: bytes, timeout: float | None = None, *, start: int = 0) -> None:
        """Read until the raw output (from offset ``start``) contains ``data``."""
        deadline = time.monotonic() + (timeout if timeout is not None else self.timeout)
        while data not in self.output[start:]:
            left = deadline - time.monotonic()
            if left <= 0:
                self._fail(f"timed out waiting for {data!r} in the output")
            if not self._read(min(left, 0.05)) and not self.child.isalive():
                self._read(0.1)
                if data not in self.output[start:]:
                    self._fail(f"the program ended before {data!r} was written")

    def idle_bytes(self, seconds: float = 3.0) -> int:
        """Bytes written during ``seconds`` of idle (call ``settle()`` first)."""
        return self.pump(seconds)

    # ------------------------------------------------------------------ writing
    def send(self, data: str | bytes) -> None:
        self.child.send(data.encode() if isinstance(data, str) else data)

    def press(self, *keys: str, settle: bool = True, gap: float = 0.05) -> None:
        """Press named keys (see :func:`key_bytes`) one after another.

        With ``settle`` the screen settles after each key (what a person's pace looks like to
        the program); otherwise keys are ``gap`` seconds apart (a lone Escape needs a gap, or
        it merges with the next key into an Alt combination).
        """
        for key in keys:
            self.send(key_bytes(key))
            if settle:
                self.settle()
            else:
                self.pump(gap)

    def type(self, text: str, *, settle: bool = True, per_char: bool = False) -> None:
        """Type literal text (all at once, or one character at a time with ``per_char``)."""
        if per_char:
            for char in text:
                self.send(char)
                if settle:
                    self.settle()
                else:
                    self.pump(0.02)
        else:
            self.send(text)
            if settle:
                self.settle()

    # ------------------------------------------------------------------ the screen
    @property
    def lines(self) -> list[str]:
        """The screen's rows, right-stripped."""
        return [line.rstrip() for line in self.screen.display]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def has(self, text: str | re.Pattern[str]) -> bool:
        if isinstance(text, re.Pattern):
            return text.search(self.text) is not None
        return text in self.text

    @property
    def cursor(self) -> Cursor:
        c = self.screen.cursor
        return Cursor(int(c.x), int(c.y), bool(c.hidden))

    @property
    def cursor_line(self) -> str:
        """The text of the row the hardware cursor is on (what a reader says on "read line")."""
        return self.lines[self.screen.cursor.y]

    def line_at(self, y: int) -> str:
        return self.lines[y]

    def find(self, text: str) -> list[tuple[int, int]]:
        """(x, y) of every occurrence of ``text`` on the screen (x in cells)."""
        hits = []
        for y, line in enumerate(self.lines):
            start = line.find(text)
            while start != -1:
                hits.append((start, y))
                start = line.find(text, start + 1)
        return hits

    def chars_in(self, low: int, high: int) -> set[str]:
        """Characters on the screen with code points in [low, high]."""
        return {ch for ch in self.text if low <= ord(ch) <= high}

    def mark(self) -> int:
        """An offset into ``output``; see :meth:`output_since`."""
        return len(self.output)

    def output_since(self, mark: int) -> bytes:
        return bytes(self.output[mark:])

    def dump(self, tail: int = 400) -> str:
        """The screen with row numbers and the cursor cell shown as a block, plus raw output."""
        cur = self.screen.cursor
        rows = []
        for y, line in enumerate(self.screen.display):
            if y == cur.y:
                x = min(cur.x, len(line))
                line = line[:x] + "\u2588" + line[x + 1 :]
            rows.append(f"{y:3d}|{line.rstrip()}")
        raw = bytes(self.output[-tail:]) if tail > 0 else b""
        return (
            f"screen {self.cols}x{self.rows}, cursor=({cur.x}, {cur.y})"
            f"{' hidden' if cur.hidden else ''}, alive={self.child.isalive()}, "
            f"bytes={len(self.output)}\n" + "\n".join(rows) + f"\nlast raw output: {raw!r}"
        )

    def _fail(self, why: str) -> None:
        raise PtyTimeout(f"{why}: {' '.join(self.argv)}\n{self.dump()}")


def _describe(text: str | re.Pattern[str]) -> str:
    return f"/{text.pattern}/" if isinstance(text, re.Pattern) else repr(text)


# --------------------------------------------------------------------------- checks
CURSOR_MOVES = re.compile(rb"\x1b\[[0-9;?]*[HfABCDEFGJKSTd]")
SGR = re.compile(rb"\x1b\[[0-9;:]*m")
ALT_SCREEN = b"\x1b[?1049h"
BOX_AND_BLOCK = (0x2500, 0x259F)


def escape_sequences(data: bytes) -> list[bytes]:
    """Every escape sequence (or lone ESC) in ``data``, for a readable failure message."""
    return re.findall(
        rb"\x1b(?:\[[0-9;?<>=!$]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|.?)", data, re.DOTALL
    )


def box_chars(text: str) -> set[str]:
    """Box-drawing and block characters (U+2500-U+259F) in ``text``."""
    low, high = BOX_AND_BLOCK
    return {ch for ch in text if low <= ord(ch) <= high}


def run_keys(session: PtySession, keys: Iterable[str]) -> None:
    """Press a sequence of tokens: named keys, or ``text:...`` for literal text."""
    for token in keys:
        if token.startswith("text:"):
            session.type(token[5:])
        else:
            session.press(token)
