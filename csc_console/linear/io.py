"""``LineIO``: the only place screen-reader mode reads or writes.

Output rules (ACCESSIBILITY.md, "What the console does", item 1):

- one logical line per call, never hard-wrapped (braille displays and screen readers pan and
  read by line); nothing is ever erased or redrawn, no cursor addressing, no colour, no
  alternate screen;
- every line goes through ``line_safe``: ``printable()`` turns control characters and escape
  sequences into visible stand-ins (ESC -> ``<ESC>``) and newlines into spaces, and box-drawing
  and block characters (U+2500-U+259F) are spelled out as ``<U+2500>``, so not even text typed
  by a caller can put one on the screen;
- prefixes carry the meaning, not colour: ``Error: ...``, ``Status: ...``, ``Notice: ...``.

The bell: off by default. A screen reader already says "Error", a braille display shows it, some
readers speak BEL as "bell" or cut the current utterance short, and a BEL in a saved transcript
is noise. ``CSC_LINE_BELL=1`` adds one BEL (not an escape sequence) at the end of each error
line for those who want it.

Input: plain ``readline()`` on a text stream, never the ``readline`` module (which writes escape
sequences for bracketed paste and in-line editing). On a terminal the line discipline echoes and
edits what is typed, so the screen reader echoes it too. When input is not a terminal (a pipe, a
script, a test) ``echo_input`` writes each line after its prompt, so the output reads like the
same conversation at a terminal.

``repeat`` support: everything said since the last accepted input forms the current *block*
(the result of that input, then the next prompt). ``repeat`` re-says the block; help text is said
*aside* and does not replace it.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from csc_console.desks.text import join_parts as join_parts
from csc_console.services.text import printable

BEL = "\a"
_BOX_FIRST, _BOX_LAST = 0x2500, 0x259F


def line_safe(text: str | None) -> str:
    """``text`` as one harmless logical line: no control characters, no box drawing."""
    shown = printable(text)
    if not any(_BOX_FIRST <= ord(ch) <= _BOX_LAST for ch in shown):
        return shown
    return "".join(
        f"<U+{ord(ch):04X}>" if _BOX_FIRST <= ord(ch) <= _BOX_LAST else ch for ch in shown
    )


class LineIO:
    """Line-oriented input and output over two text streams."""

    def __init__(
        self,
        stdin: TextIO,
        stdout: TextIO,
        *,
        echo_input: bool = False,
        bell: bool = False,
    ) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.echo_input = echo_input
        self.bell = bell
        self._block: list[tuple[str, bool]] = []  # (text, ends with newline)
        self._aside = 0
        self._notices: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._at_line_start = True

    @classmethod
    def for_terminal(cls, stdin: TextIO | None = None, stdout: TextIO | None = None) -> LineIO:
        """Streams of the process (or given ones), echoing input when it is not a terminal."""
        inp = stdin if stdin is not None else sys.stdin
        out = stdout if stdout is not None else sys.stdout
        for stream in (inp, out):  # a stray byte must not end the session
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                with contextlib.suppress(ValueError, OSError):
                    reconfigure(errors="replace")
        return cls(
            inp,
            out,
            echo_input=not _isatty(inp),
            bell=os.environ.get("CSC_LINE_BELL", "") == "1",
        )

    # ------------------------------------------------------------------ output
    def _write(self, text: str, *, newline: bool = True) -> None:
        self.stdout.write(text + ("\n" if newline else ""))
        self._at_line_start = newline
        if not self._aside:
            self._block.append((text, newline))

    def say(self, text: str = "") -> None:
        """One logical line."""
        self._write(line_safe(text))

    def lines(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.say(text)

    def status(self, text: str) -> None:
        """A result: ``Status: ...``."""
        self.say(f"Status: {text}")

    def error(self, text: str) -> None:
        """A problem to act on: ``Error: ...`` (and a BEL when the bell is on)."""
        line = line_safe(f"Error: {text}")
        self._write(line + (BEL if self.bell else ""))

    def notice(self, text: str) -> None:
        """Something that happened elsewhere (another console, the database)."""
        self.say(f"Notice: {text}")

    def record(self, *parts: object) -> None:
        """One record on one line, most important part first; empty parts are left out."""
        self.say(join_parts(*parts))

    def prompt(self, text: str) -> None:
        """The prompt line, label first, left open for the answer (``Operator name: ``)."""
        self.flush_notices()
        self._write(line_safe(text.rstrip()) + " ", newline=False)
        self.stdout.flush()

    # ------------------------------------------------------------------ blocks
    @contextlib.contextmanager
    def aside(self) -> Iterator[None]:
        """Output that ``repeat`` should not repeat (help, the repetition itself)."""
        self._aside += 1
        try:
            yield
        finally:
            self._aside -= 1

    @property
    def block(self) -> list[str]:
        """What has been said since the last accepted input."""
        return [text for text, _ in self._block]

    def repeat(self) -> None:
        """Say the current block again, ending with its prompt if it has one."""
        if not self._block:
            with self.aside():
                self.say("Nothing to repeat yet.")
            return
        for text, newline in self._block:
            self.stdout.write(text + ("\n" if newline else ""))
            self._at_line_start = newline
        self.stdout.flush()

    def accept(self) -> None:
        """The last input was accepted: what follows is a new block."""
        self._block = []

    # ------------------------------------------------------------------ notices
    def post_notice(self, text: str) -> None:
        """Queue a notice from any thread; it is said before the next prompt."""
        self._notices.put(text)

    def flush_notices(self) -> None:
        while True:
            try:
                text = self._notices.get_nowait()
            except queue.Empty:
                return
            self.notice(text)

    # ------------------------------------------------------------------ input
    def read_line(self, *, secret: bool = False) -> str | None:
        """The next line without its line ending, or ``None`` at the end of input."""
        self.stdout.flush()
        try:
            raw = _read_secret(self.stdin) if secret else self.stdin.readline()
        except KeyboardInterrupt:
            self._end_line()
            raise
        if raw == "":
            self._end_line()
            return None
        text = raw.rstrip("\r\n")
        if self.echo_input:
            self.stdout.write(("" if secret else line_safe(text)) + "\n")
        elif secret:
            self.stdout.write("\n")  # echo was off, so the terminal did not move on
        self._at_line_start = True
        return text

    def _end_line(self) -> None:
        """Finish a prompt line left open when input ended or was interrupted."""
        if not self._at_line_start:
            self.stdout.write("\n")
            self._at_line_start = True

    def close(self) -> None:
        self._end_line()
        with contextlib.suppress(OSError, ValueError):
            self.stdout.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _read_secret(stream: TextIO) -> str:
    """A line read with the terminal's echo turned off (termios; no escape sequences)."""
    if not _isatty(stream):
        return stream.readline()
    import termios

    fd = stream.fileno()
    old = termios.tcgetattr(fd)
    new = list(old)
    new[3] = new[3] & ~termios.ECHO
    try:
        termios.tcsetattr(fd, termios.TCSAFLUSH, new)
        return stream.readline()
    finally:
        termios.tcsetattr(fd, termios.TCSAFLUSH, old)
