"""A label and its control on one row, the label also given to the focus line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label

from csc_console.widgets.text import literal


class LabelledField(Horizontal):
    """``Operator name: [ada        ]``: label first, on the same row as the value.

    The control's ``a11y_label`` is set to ``label``, so the focus line says
    "Operator name, text field, ada".
    """

    DEFAULT_CSS = """
    LabelledField {
        height: auto;
    }
    LabelledField > .field-label {
        width: auto;
        min-width: 20;
        padding: 1 1 0 0;
    }
    LabelledField > Input, LabelledField > Select {
        width: 1fr;
        max-width: 60;
    }
    """

    def __init__(
        self,
        label: str,
        control: Widget,
        *,
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.label_text = label
        self.control = control
        control.a11y_label = label  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Label(literal(f"{self.label_text}:"), classes="field-label")
        yield self.control
