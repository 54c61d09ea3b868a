"""Where the terminal (hardware) cursor belongs for the focused control.

Terminal screen readers and braille displays follow the hardware cursor. Textual 8.2.8 moves it
to ``App.cursor_position`` after each frame, but only ``Input`` and ``TextArea`` set that, and
``Input`` sets it one cell past the insertion point at the end of its value (which silences a
screen reader's typing echo). ``cursor_offset(widget)`` gives the right screen cell for every
control; ``AccessibleApp`` applies it before every frame is written.

A new widget gets a cursor in one of three ways, tried in this order:

1. it defines ``a11y_cursor(self) -> Offset | None`` (screen coordinates);
2. a locator is registered for its class (or a base class) with ``@cursor_locator(Type)``;
3. otherwise the top-left cell of its content.

The result is always clamped to the part of the widget that is visible on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.cells import cell_len
from textual.geometry import Offset, Region
from textual.widget import Widget

from csc_console.widgets.a11y.registry import ClassRegistry
from csc_console.widgets.text import plain_text

if TYPE_CHECKING:
    from textual.widgets import (
        Button,
        DataTable,
        Input,
        ListView,
        OptionList,
        RadioSet,
        Select,
        Tabs,
        TextArea,
        Tree,
    )
    from textual.widgets._toggle_button import ToggleButton


class Anchored(NamedTuple):
    """A cursor position inside another widget than the focused one (e.g. the command
    palette's highlighted result while its search field has focus)."""

    offset: Offset
    within: Widget


Locator = Callable[[Any], "Offset | Anchored | None"]
_LOCATORS: ClassRegistry[Locator] = ClassRegistry()


def cursor_locator(widget_type: type | str) -> Callable[[Locator], Locator]:
    """Register where the cursor goes in ``widget_type`` (a class or its dotted path) and its
    subclasses that have no locator of their own."""
    return _LOCATORS.register(widget_type)


def cursor_locator_for(widget_type: type[Widget]) -> Locator:
    """The locator registered for ``widget_type`` or its nearest base class."""
    found = _LOCATORS.find(widget_type)
    return found if found is not None else (lambda widget: None)


def visible_region(widget: Widget) -> Region:
    """The part of ``widget`` on screen (empty when it is not laid out)."""
    try:
        geometry = widget.screen.find_widget(widget)
    except Exception:  # NoWidget, NoScreen: not on a screen (yet)
        return Region(0, 0, 0, 0)
    return geometry.visible_region


def cursor_offset(widget: Widget) -> Offset | None:
    """The screen cell for the terminal cursor while ``widget`` has focus (None: not shown)."""
    visible = visible_region(widget)
    if not visible:
        return None
    found: Offset | Anchored | None
    custom = getattr(widget, "a11y_cursor", None)
    found = custom() if callable(custom) else cursor_locator_for(type(widget))(widget)
    if isinstance(found, Anchored):
        elsewhere = visible_region(found.within)
        if elsewhere:
            return clamp(found.offset, elsewhere)
        found = None
    offset = found
    if offset is None:
        content = widget.content_region
        offset = Offset(content.x, content.y)
    return clamp(offset, visible)


def clamp(offset: Offset, region: Region) -> Offset:
    x = min(max(offset.x, region.x), region.right - 1)
    y = min(max(offset.y, region.y), region.bottom - 1)
    return Offset(x, y)


# --------------------------------------------------------------------------- text entry
@cursor_locator("textual.widgets._input.Input")
def _input(widget: Input) -> Offset:
    """The insertion point itself: right after the last character typed.

    (``Input.cursor_screen_offset`` adds one cell when the cursor is at the end of the value,
    which puts the terminal cursor after the visible block cursor; a screen reader then does
    not echo what was typed.)
    """
    content = widget.content_region
    shown = "\u2022" * len(widget.value) if widget.password else widget.value
    cells = cell_len(shown[: widget.cursor_position].expandtabs(4))
    return Offset(content.x + cells - int(widget.scroll_offset.x), content.y)


@cursor_locator("textual.widgets._text_area.TextArea")
def _text_area(widget: TextArea) -> Offset:
    return widget.cursor_screen_offset


# --------------------------------------------------------------------------- buttons and toggles
@cursor_locator("textual.widgets._button.Button")
def _button(widget: Button) -> Offset:
    """The first character of the label (labels are centred)."""
    content = widget.content_region
    label = cell_len(plain_text(widget.label))
    align = widget.styles.content_align_horizontal
    if align == "center":
        x = content.x + max(0, (content.width - label) // 2)
    elif align == "right":
        x = content.x + max(0, content.width - label)
    else:
        x = content.x
    return Offset(x, content.y + max(0, (content.height - 1) // 2))


def _toggle_box(widget: ToggleButton) -> Offset:
    """The box (``[x]``, ``(*)``) wherever the widget puts it."""
    content = widget.content_region
    if getattr(widget, "_button_first", True):
        return Offset(content.x, content.y)
    label = cell_len(plain_text(widget.label)) + 2
    return Offset(content.x + label, content.y)


cursor_locator("textual.widgets._toggle_button.ToggleButton")(_toggle_box)


@cursor_locator("textual.widgets._radio_set.RadioSet")
def _radio_set(widget: RadioSet) -> Offset | None:
    from textual.widgets import RadioButton

    buttons = list(widget.query(RadioButton))
    index = widget._selected  # the highlighted button (Textual keeps it private)
    if index is None or not 0 <= index < len(buttons):
        return None
    return _toggle_box(buttons[index])


# --------------------------------------------------------------------------- lists and tables
@cursor_locator("textual.widgets._option_list.OptionList")
def _option_list(widget: OptionList) -> Offset | None:
    """The first cell of the highlighted option's first line."""
    index = widget.highlighted
    content = widget.scrollable_content_region
    if index is None:
        return Offset(content.x, content.y)
    try:
        line = widget._index_to_line[index]  # Textual's own line map (private, pinned 8.2.8)
    except KeyError:
        return Offset(content.x, content.y)
    padding = widget.get_component_styles("option-list--option").padding
    x = content.x + widget._get_left_gutter_width() + padding.left
    return Offset(x, content.y + line - int(widget.scroll_offset.y))


@cursor_locator("textual.widgets._list_view.ListView")
def _list_view(widget: ListView) -> Offset | None:
    child = widget.highlighted_child
    if child is None:
        return None
    region = child.content_region
    return Offset(region.x, region.y)


@cursor_locator("textual.widgets._data_table.DataTable")
def _data_table(widget: DataTable[Any]) -> Offset | None:
    content = widget.scrollable_content_region
    if not widget.row_count:
        placeholder = getattr(widget, "placeholder", None)  # ReadTable draws one under the header
        if callable(placeholder) and placeholder():
            below = widget.header_height if widget.show_header else 0
            return Offset(content.x + widget.cell_padding, content.y + below)
        return Offset(content.x, content.y)
    row, column = widget.cursor_coordinate
    if widget.cursor_type == "cell":
        cell = widget._get_cell_region(widget.cursor_coordinate)
        x = content.x + cell.x - int(widget.scroll_offset.x)
        y = content.y + cell.y - int(widget.scroll_offset.y)
    elif widget.cursor_type == "column":
        cell = widget._get_cell_region(widget.cursor_coordinate)
        x = content.x + cell.x - int(widget.scroll_offset.x)
        y = content.y
    else:
        region = widget._get_row_region(row)
        x = content.x + widget.cell_padding
        y = content.y + region.y - int(widget.scroll_offset.y)
    return Offset(x, y)


@cursor_locator("textual.widgets._tree.Tree")
def _tree(widget: Tree[Any]) -> Offset | None:
    node = widget.cursor_node
    content = widget.scrollable_content_region
    if node is None or widget.cursor_line < 0:
        return Offset(content.x, content.y)
    depth = 0
    parent = node.parent
    while parent is not None:
        depth += 1
        parent = parent.parent
    if not widget.show_root:
        depth -= 1
    indent = max(0, depth) * widget.guide_depth
    x = content.x + indent - int(widget.scroll_offset.x)
    return Offset(x, content.y + widget.cursor_line - int(widget.scroll_offset.y))


@cursor_locator("textual.widgets._select.Select")
def _select(widget: Select[Any]) -> Offset | None:
    """The chosen value, inside the box that shows it."""
    from textual.widgets._select import SelectCurrent

    for current in widget.query(SelectCurrent):
        region = current.content_region
        return Offset(region.x, region.y)
    return None


@cursor_locator("textual.widgets._tabs.Tabs")
def _tabs(widget: Tabs) -> Offset | None:
    active = widget.active_tab
    if active is None:
        return None
    region = active.content_region
    return Offset(region.x, region.y)
