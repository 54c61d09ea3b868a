"""Toggles show their state as text, never by colour alone."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import RadioSet

from csc_console.widgets.a11y.describe import describe
from csc_console.widgets.toggles import CheckBox, OnOffSwitch, RadioChoice
from tests.ui.helpers import BOX_AND_BLOCKS, screen_lines, settle


class Toggles(App[None]):
    CSS = "RadioSet { border: none; }"

    def compose(self) -> ComposeResult:
        yield CheckBox("Anonymous caller", id="check")
        yield OnOffSwitch("Call-back wanted", id="switch")
        with RadioSet(id="radio"):
            yield RadioChoice("Phone", id="phone")
            yield RadioChoice("Walk-in", id="walk-in")


def _line_with(app: App[None], text: str) -> str:
    return next(line.strip() for line in screen_lines(app) if text in line)


@pytest.mark.parametrize(
    ("widget_id", "label", "off", "on", "off_words", "on_words"),
    [
        (
            "check",
            "Anonymous caller",
            "[ ] Anonymous caller",
            "[x] Anonymous caller",
            "not checked",
            "checked",
        ),
        (
            "switch",
            "Call-back wanted",
            "Call-back wanted: Off",
            "Call-back wanted: On",
            "Off",
            "On",
        ),
        ("phone", "Phone", "( ) Phone", "(*) Phone", "not selected", "selected"),
    ],
)
async def test_state_is_drawn_as_text_and_said_in_words(
    widget_id: str, label: str, off: str, on: str, off_words: str, on_words: str
) -> None:
    app = Toggles()
    async with app.run_test(size=(60, 12)) as pilot:
        widget = app.query_one(f"#{widget_id}")
        await settle(pilot)
        before = _line_with(app, label)
        assert before == off
        assert describe(widget).value == off_words
        widget.value = True  # type: ignore[attr-defined]
        await settle(pilot)
        after = _line_with(app, label)
        assert after == on
        assert describe(widget).value == on_words
        assert before != after
        assert not any(ord(ch) in BOX_AND_BLOCKS for ch in before + after)
