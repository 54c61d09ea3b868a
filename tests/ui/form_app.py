"""A form with one of every kind of control, on the accessible base (no database)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Input,
    Label,
    ListItem,
    ListView,
    RadioSet,
    Select,
    TextArea,
    Tree,
)

from csc_console.widgets.a11y.app import AccessibleApp
from csc_console.widgets.announce import FocusLine, MessageBar
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.lists import ReadList, ReadTable
from csc_console.widgets.toggles import CheckBox, OnOffSwitch, RadioChoice

CATEGORIES = ["Potholes", "Streetlight Out", "Graffiti"]


class FormScreen(Screen[None]):
    a11y_title = "Form"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield LabelledField("Caller name", Input(id="name"))
            notes = TextArea(id="notes")
            notes.a11y_label = "Notes"
            yield notes
            yield CheckBox("Anonymous caller", id="anonymous")
            yield OnOffSwitch("Call-back wanted", id="callback")
            yield LabelledField(
                "Channel",
                RadioSet(
                    RadioChoice("Phone", value=True),
                    RadioChoice("Walk-in"),
                    RadioChoice("Email"),
                    id="channel",
                ),
            )
            yield ReadList("Category", CATEGORIES, id="category")
            yield ReadTable("Units", ("Unit", "Status"), id="units")
            yield LabelledField(
                "Priority", Select([("Low", 1), ("Normal", 2), ("High", 3)], value=2, id="priority")
            )
            entries = ListView(
                ListItem(Label("First entry")), ListItem(Label("Second entry")), id="entries"
            )
            entries.a11y_label = "Entries"
            yield entries
            tree: Tree[None] = Tree("Departments", id="departments")
            tree.root.expand()
            tree.root.add_leaf("Public Works")
            tree.root.add_leaf("Water and Power")
            tree.a11y_label = "Departments"
            yield tree
            yield Button("Save", id="save")
        yield MessageBar(id="message-bar")
        yield FocusLine(id="focus-line")

    def on_mount(self) -> None:
        self.query_one(ReadTable).set_rows([("PW12", "Available"), ("PW14", "On scene")])


class FormApp(AccessibleApp[None]):
    CSS = """
    #form { height: 1fr; }
    TextArea { height: 4; }
    ReadList { height: 5; }
    ReadTable { height: 4; }
    ListView { height: 4; }
    Tree { height: 5; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.frames: list[str] = []
        self.record_focus_line = False

    def get_default_screen(self) -> Screen[Any]:
        return FormScreen()

    def _display(self, screen: Screen[Any], renderable: Any) -> None:
        super()._display(screen, renderable)
        if self.record_focus_line and renderable is not None:
            line = screen.query_one(FocusLine)
            region = line.region
            if region:
                strips = screen._compositor.render_strips()
                self.frames.append(strips[region.y].text.strip())
