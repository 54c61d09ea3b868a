"""Toggles that show their state as text: ``[x]``/``[ ]``, ``(*)``/``( )``, ``On``/``Off``.

Textual's stock ``Checkbox``, ``RadioButton`` and ``Switch`` draw the same characters on and
off (only the colour changes) and use block characters a screen reader speaks as symbols.
These subclasses keep the stock behaviour, messages and bindings (Enter or Space toggles) and
change only what is drawn. Use them instead of the stock ones everywhere.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton

__all__ = ["CheckBox", "OnOffSwitch", "RadioChoice"]


class _TextToggle:
    """Mixin: draw the state with the characters in ``ON`` / ``OFF``."""

    ON = "[x]"
    OFF = "[ ]"

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")  # type: ignore[attr-defined]
        text = self.ON if self.value else self.OFF  # type: ignore[attr-defined]
        return Content.styled(text, style)


class CheckBox(_TextToggle, Checkbox):
    """A check box: ``[x] Label`` when checked, ``[ ] Label`` when not."""

    DEFAULT_CSS = """
    CheckBox, CheckBox:focus { border: none; padding: 0 1; height: auto; }
    """


class RadioChoice(_TextToggle, RadioButton):
    """A radio button for ``RadioSet``: ``(*) Label`` when chosen, ``( ) Label`` when not."""

    ON = "(*)"
    OFF = "( )"
    DEFAULT_CSS = """
    RadioChoice, RadioChoice:focus { border: none; padding: 0 1; height: auto; }
    """


class OnOffSwitch(_TextToggle, Checkbox):
    """An on/off setting: ``Label: On`` / ``Label: Off`` (the label comes first).

    Posts ``Checkbox.Changed`` like a check box; the focus line calls it a switch.
    """

    ON = "On "
    OFF = "Off"
    a11y_role = "switch"
    DEFAULT_CSS = """
    OnOffSwitch, OnOffSwitch:focus { border: none; padding: 0 1; height: auto; }
    """

    def __init__(
        self,
        label: str = "",
        value: bool = False,
        *,
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            f"{label}:" if label else "",
            value,
            button_first=False,
            id=id,
            classes=classes,
            disabled=disabled,
        )
