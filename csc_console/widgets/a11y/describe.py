"""What the focus line says about a control: "label, role, value or state, position".

``describe(widget)`` answers for every stock Textual control and for ours. A new widget gets
a good announcement in one of three ways, tried in this order:

1. it defines ``a11y_describe(self) -> Announcement`` (full control);
2. a describer is registered for its class (or a base class) with ``@describer(Type)``;
3. otherwise the generic rule applies: its label (see ``label_of``), its ``a11y_role``
   attribute (or the class name in words), no value.

A control's *label* is, in order: its ``a11y_label`` attribute (``LabelledField`` sets it),
its border title, a plain-text tooltip, an input's placeholder, or its id in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.widget import Widget

from csc_console.widgets.a11y.registry import ClassRegistry
from csc_console.widgets.text import plain_text

if TYPE_CHECKING:
    from textual.containers import ScrollableContainer
    from textual.widgets import (
        Button,
        DataTable,
        Input,
        ListView,
        OptionList,
        RadioSet,
        Select,
        SelectionList,
        Switch,
        Tabs,
        TextArea,
        Tree,
    )
    from textual.widgets._select import SelectOverlay
    from textual.widgets._toggle_button import ToggleButton


@dataclass(frozen=True)
class Announcement:
    """One control in words. ``live_value``: the value changes as the user types, so a change
    of value alone is not re-announced (the screen reader already echoes the typing)."""

    label: str
    role: str
    value: str = ""
    position: str = ""
    live_value: bool = False

    @property
    def text(self) -> str:
        parts = (self.label, self.role, self.value, self.position)
        return ", ".join(p.strip() for p in parts if p and p.strip())

    @property
    def key(self) -> tuple[str, ...]:
        """What must change for the control to be announced again."""
        if self.live_value:
            return (self.label, self.role, self.position)
        return (self.label, self.role, self.value, self.position)


Describer = Callable[[Any], Announcement]
_DESCRIBERS: ClassRegistry[Describer] = ClassRegistry()


def describer(widget_type: type | str) -> Callable[[Describer], Describer]:
    """Register how to describe ``widget_type`` (a class or its dotted path) and its subclasses
    that have no describer of their own."""
    return _DESCRIBERS.register(widget_type)


def describe(widget: Widget) -> Announcement:
    custom = getattr(widget, "a11y_describe", None)
    if callable(custom):
        result = custom()
        if isinstance(result, Announcement):
            return result
    found = _DESCRIBERS.find(type(widget))
    if found is not None:
        return _with_state(widget, found(widget))
    return _with_state(widget, Announcement(label_of(widget), role_of(widget)))


def _with_state(widget: Widget, ann: Announcement) -> Announcement:
    if widget.disabled:
        return Announcement(
            ann.label, ann.role, _join(ann.value, "unavailable"), ann.position, ann.live_value
        )
    return ann


def _join(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def _words(identifier: str) -> str:
    return identifier.replace("_", " ").replace("-", " ").strip().capitalize()


def label_of(widget: Widget, default: str = "") -> str:
    label = getattr(widget, "a11y_label", None)
    if isinstance(label, str) and label:
        return label
    title = plain_text(widget.border_title)
    if title:
        return title
    tooltip = widget.tooltip
    if isinstance(tooltip, str) and tooltip:
        return tooltip
    placeholder = getattr(widget, "placeholder", None)
    if isinstance(placeholder, str) and placeholder:
        return placeholder
    if default:
        return default
    return _words(widget.id) if widget.id else ""


def role_of(widget: Widget) -> str:
    role = getattr(widget, "a11y_role", None)
    if isinstance(role, str) and role:
        return role
    name = type(widget).__name__
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return words


def of_n(index: int | None, count: int) -> str:
    if index is None or count <= 0:
        return ""
    return f"{index + 1} of {count}"


# --------------------------------------------------------------------------- text entry
@describer("textual.widgets._input.Input")
def _input(widget: Input) -> Announcement:
    if widget.password:
        value = f"{len(widget.value)} characters" if widget.value else "empty"
        role = "password field"
    else:
        value = widget.value or "empty"
        role = "text field"
    if widget.value and not widget.is_valid:
        value = _join(value, "invalid")
    return Announcement(label_of(widget), role, value, live_value=True)


@describer("textual.widgets._text_area.TextArea")
def _text_area(widget: TextArea) -> Announcement:
    lines = widget.document.line_count
    first = widget.document.get_line(0) if lines else ""
    value = first or ("empty" if lines <= 1 else "")
    role = "text" if widget.read_only else "text area"
    row = widget.cursor_location[0]
    position = f"line {row + 1} of {lines}" if lines > 1 else ""
    return Announcement(label_of(widget), role, value, position, live_value=not widget.read_only)


# --------------------------------------------------------------------------- buttons and toggles
@describer("textual.widgets._button.Button")
def _button(widget: Button) -> Announcement:
    label = plain_text(widget.label) or label_of(widget)
    return Announcement(label, getattr(widget, "a11y_role", None) or "button")


@describer("textual.widgets._toggle_button.ToggleButton")
def _toggle(widget: ToggleButton) -> Announcement:
    from textual.widgets import Checkbox, RadioButton

    label = plain_text(widget.label).rstrip(": ") or label_of(widget)
    state = widget.value
    if getattr(widget, "a11y_role", None) == "switch":
        return Announcement(label, "switch", "On" if state else "Off")
    if isinstance(widget, RadioButton):
        return Announcement(label, "radio button", "selected" if state else "not selected")
    if isinstance(widget, Checkbox):
        return Announcement(label, "check box", "checked" if state else "not checked")
    return Announcement(label, "switch", "On" if state else "Off")


@describer("textual.widgets._switch.Switch")
def _switch(widget: Switch) -> Announcement:
    return Announcement(label_of(widget), "switch", "On" if widget.value else "Off")


@describer("textual.widgets._radio_set.RadioSet")
def _radio_set(widget: RadioSet) -> Announcement:
    from textual.widgets import RadioButton

    buttons = list(widget.query(RadioButton))
    index = widget._selected  # the highlighted button (Textual keeps it private)
    value = ""
    if index is not None and 0 <= index < len(buttons):
        button = buttons[index]
        value = _join(plain_text(button.label), "selected" if button.value else "not selected")
    return Announcement(label_of(widget), "radio group", value, of_n(index, len(buttons)))


# --------------------------------------------------------------------------- lists and tables
@describer("textual.widgets._option_list.OptionList")
def _option_list(widget: OptionList) -> Announcement:
    index = widget.highlighted
    value = "empty" if not widget.option_count else ""
    if index is not None and widget.option_count:
        value = plain_text(widget.get_option_at_index(index).prompt)
    role = getattr(widget, "a11y_role", None) or "list"
    return Announcement(label_of(widget), role, value, of_n(index, widget.option_count))


@describer("textual.widgets._selection_list.SelectionList")
def _selection_list(widget: SelectionList[Any]) -> Announcement:
    index = widget.highlighted
    value = "empty" if not widget.option_count else ""
    if index is not None and widget.option_count:
        option = widget.get_option_at_index(index)
        chosen = option.value in widget.selected
        value = _join(plain_text(option.prompt), "selected" if chosen else "not selected")
    return Announcement(
        label_of(widget), "multiple choice list", value, of_n(index, widget.option_count)
    )


@describer("textual.widgets._list_view.ListView")
def _list_view(widget: ListView) -> Announcement:
    child = widget.highlighted_child
    count = len(widget.children)
    value = "empty" if not count else ""
    if child is not None:
        value = _item_text(child)
    return Announcement(label_of(widget), "list", value, of_n(widget.index, count))


def _item_text(widget: Widget) -> str:
    from textual.widgets import Static

    own = getattr(widget, "a11y_text", None)
    if isinstance(own, str):
        return own
    parts: list[str] = []
    for node in widget.walk_children(with_self=True):
        if isinstance(node, Static):
            text = plain_text(node.content)
            if text:
                parts.append(text)
    return " ".join(parts)


@describer("textual.widgets._data_table.DataTable")
def _data_table(widget: DataTable[Any]) -> Announcement:
    rows, columns = widget.row_count, len(widget.columns)
    if not rows:
        return Announcement(label_of(widget), "table", "empty")
    row, column = widget.cursor_coordinate
    cells = [plain_text(c) for c in widget.get_row_at(row)]
    if widget.cursor_type == "cell" and columns:
        header = plain_text(widget.ordered_columns[column].label)
        value = f"{header}: {cells[column]}" if header else cells[column]
        position = f"row {row + 1} of {rows}, column {column + 1} of {columns}"
    elif widget.cursor_type == "column" and columns:
        value = plain_text(widget.ordered_columns[column].label)
        position = f"column {column + 1} of {columns}"
    else:
        value = ", ".join(c for c in cells if c)
        position = f"row {row + 1} of {rows}"
    return Announcement(label_of(widget), "table", value, position)


@describer("textual.widgets._tree.Tree")
def _tree(widget: Tree[Any]) -> Announcement:
    node = widget.cursor_node
    if node is None:
        return Announcement(label_of(widget), "tree", "empty")
    state = ""
    if node.allow_expand:
        state = "expanded" if node.is_expanded else "collapsed"
    siblings = node.parent.children if node.parent is not None else [node]
    index = next((i for i, n in enumerate(siblings) if n is node), 0)
    depth = 0
    parent = node.parent
    while parent is not None:
        depth += 1
        parent = parent.parent
    position = _join(of_n(index, len(siblings)), f"level {depth}" if depth > 1 else "")
    return Announcement(label_of(widget), "tree", _join(plain_text(node.label), state), position)


@describer("textual.containers.ScrollableContainer")
def _scroll_area(widget: ScrollableContainer) -> Announcement:
    return Announcement(label_of(widget), getattr(widget, "a11y_role", None) or "scroll area")


@describer("textual.widgets._select.Select")
def _select(widget: Select[Any]) -> Announcement:
    value = "nothing selected"
    if not widget.is_blank():
        for prompt, option_value in widget._options:  # Textual keeps the pairs private
            if option_value == widget.value:
                value = plain_text(prompt)
                break
    state = "open" if widget.expanded else ""
    return Announcement(
        label_of(widget, plain_text(widget.prompt)), "pop-up list", _join(value, state)
    )


@describer("textual.widgets._select.SelectOverlay")
def _select_overlay(widget: SelectOverlay) -> Announcement:
    """The open list of a ``Select``: named after the ``Select`` itself."""
    from textual.widgets import Select

    owner = widget.parent
    label = label_of(owner) if isinstance(owner, Select) else ""
    index = widget.highlighted
    value = plain_text(widget.get_option_at_index(index).prompt) if index is not None else ""
    return Announcement(
        label, "list", value or "nothing selected", of_n(index, widget.option_count)
    )


@describer("textual.widgets._tabs.Tabs")
def _tabs(widget: Tabs) -> Announcement:
    active = widget.active_tab
    tabs = list(widget.query("Tab"))
    index = tabs.index(active) if active in tabs else None
    value = plain_text(active.label) if active is not None else ""
    return Announcement(label_of(widget), "tab list", value, of_n(index, len(tabs)))
