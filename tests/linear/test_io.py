"""LineIO: one safe logical line per message, blocks for repeat, echo, EOF, bell, notices."""

from __future__ import annotations

import io
import threading

from csc_console.desks.text import join_parts
from csc_console.linear.io import LineIO, line_safe


def make(text: str = "", *, echo: bool = True, bell: bool = False) -> tuple[LineIO, io.StringIO]:
    out = io.StringIO()
    return LineIO(io.StringIO(text), out, echo_input=echo, bell=bell), out


def test_caller_text_is_shown_literally_on_one_line() -> None:
    nasty = "Maria\x1b[2J\x1b[31m[bold]Lopez[/bold]\x07\nsecond line \u2500\u2588 \u202e"
    shown = line_safe(nasty)
    assert "\x1b" not in shown
    assert "\x07" not in shown
    assert "\n" not in shown
    assert "<ESC>[2J" in shown
    assert "[bold]Lopez[/bold]" in shown
    assert "^G" in shown
    assert "<U+2500><U+2588>" in shown
    assert "<U+202E>" in shown


def test_every_kind_of_line_is_sanitised() -> None:
    lio, out = make()
    lio.say("a\x1bb")
    lio.status("s\x1b")
    lio.error("e\x1b")
    lio.notice("n\x1b")
    lio.record("WO-1", None, "", "x\x1b")
    lio.prompt("Name\x1b:")
    assert "\x1b" not in out.getvalue()
    assert out.getvalue().splitlines() == [
        "a<ESC>b",
        "Status: s<ESC>",
        "Error: e<ESC>",
        "Notice: n<ESC>",
        "WO-1, x<ESC>",
        "Name<ESC>: ",
    ]


def test_join_parts_leaves_out_empty_parts() -> None:
    assert join_parts("A", None, "", 3, "B") == "A, 3, B"


def test_no_bell_by_default_and_one_bel_per_error_when_asked() -> None:
    lio, out = make()
    lio.error("Boom.")
    assert out.getvalue() == "Error: Boom.\n"
    lio, out = make(bell=True)
    lio.error("Boom \x07.")
    assert out.getvalue() == "Error: Boom ^G.\a\n"


def test_echo_input_writes_what_was_typed_after_the_prompt() -> None:
    lio, out = make("maria\x1b\n")
    lio.prompt("Operator name:")
    assert lio.read_line() == "maria\x1b"
    assert out.getvalue() == "Operator name: maria<ESC>\n"


def test_without_echo_the_terminal_echoes_and_nothing_is_added() -> None:
    lio, out = make("maria\n", echo=False)
    lio.prompt("Operator name:")
    assert lio.read_line() == "maria"
    assert out.getvalue() == "Operator name: "


def test_end_of_input_closes_the_open_prompt_line() -> None:
    lio, out = make("")
    lio.prompt("Operator name:")
    assert lio.read_line() is None
    assert out.getvalue() == "Operator name: \n"
    lio.status("Goodbye.")
    assert out.getvalue().endswith("\nStatus: Goodbye.\n")


def test_repeat_says_the_block_since_the_last_accepted_input() -> None:
    lio, out = make("x\n")
    lio.status("Saved.")
    lio.prompt("Next:")
    with lio.aside():
        lio.say("help text")
    assert lio.block == ["Status: Saved.", "Next: "]
    mark = len(out.getvalue())
    lio.repeat()
    assert out.getvalue()[mark:] == "Status: Saved.\nNext: "
    lio.read_line()
    lio.accept()
    assert lio.block == []


def test_repeat_with_nothing_said_yet() -> None:
    lio, out = make()
    lio.repeat()
    assert out.getvalue() == "Nothing to repeat yet.\n"


def test_notices_from_other_threads_come_before_the_next_prompt() -> None:
    lio, out = make()
    worker = threading.Thread(target=lio.post_notice, args=("Unit PW12 on scene.",))
    worker.start()
    worker.join()
    assert out.getvalue() == ""
    lio.prompt("Command:")
    assert out.getvalue() == "Notice: Unit PW12 on scene.\nCommand: "


def test_for_terminal_echoes_when_input_is_not_a_terminal(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    lio = LineIO.for_terminal(io.StringIO(""), io.StringIO())
    assert lio.echo_input is True
    assert lio.bell is False
    monkeypatch.setenv("CSC_LINE_BELL", "1")
    assert LineIO.for_terminal(io.StringIO(""), io.StringIO()).bell is True
