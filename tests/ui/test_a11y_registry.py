"""The accessibility registries name real Textual classes (guards a Textual upgrade)."""

from __future__ import annotations

from importlib import import_module

import pytest

from csc_console.widgets.a11y.cursor import _LOCATORS
from csc_console.widgets.a11y.describe import _DESCRIBERS, Announcement, describe
from csc_console.widgets.a11y.keys import key_words
from csc_console.widgets.a11y.registry import class_path


@pytest.mark.parametrize("path", sorted({*_LOCATORS.paths, *_DESCRIBERS.paths}))
def test_every_registered_class_exists(path: str) -> None:
    module, _, name = path.rpartition(".")
    cls = getattr(import_module(module), name)
    assert isinstance(cls, type)
    assert class_path(cls) == path


def test_announcements_read_label_role_value_position() -> None:
    said = Announcement("Category", "list", "Potholes", "1 of 14")
    assert said.text == "Category, list, Potholes, 1 of 14"
    assert (
        Announcement("Operator name", "text field", "empty").text
        == "Operator name, text field, empty"
    )
    typing = Announcement("Caller name", "text field", "Mar", live_value=True)
    assert typing.key == Announcement("Caller name", "text field", "Maria", live_value=True).key


def test_an_unknown_widget_is_described_by_its_label_and_class() -> None:
    from textual.widget import Widget

    class FancyGauge(Widget):
        a11y_label = "Queue"

    assert describe(FancyGauge()).text == "Queue, fancy gauge"


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("ctrl+p", "Ctrl+P"),
        ("f1", "F1"),
        ("alt+h", "Alt+H"),
        ("escape", "Escape"),
        ("pagedown", "Page Down"),
    ],
)
def test_keys_are_named_in_words(key: str, words: str) -> None:
    assert key_words(key) == words
