"""What sign-in says in both front ends: the operator name's label, the sentence for a
workstation account an administrator mapped to an operator (it signs in without a password;
the full screen fills the name in and asks for Enter, the screen-reader mode offers it as the
name's default), and who is signed in once it succeeded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csc_console.services.text import printable

if TYPE_CHECKING:
    from csc_console.services.context import OperatorPublic

OPERATOR_NAME = "Operator name"


def workstation_account(name: str, *, press_enter: bool = False) -> str:
    """"This workstation's account signs in as maria without a password." (ending ": press
    Enter." with ``press_enter``, where the name is already filled in)."""
    said = f"This workstation's account signs in as {name} without a password"
    return f"{said}: press Enter." if press_enter else f"{said}."


def signed_in(operator: OperatorPublic) -> str:
    """"Signed in as Maria Lopez, CSR."."""
    return f"Signed in as {printable(operator.display_name)}, {operator.role.label}."


__all__ = ["OPERATOR_NAME", "signed_in", "workstation_account"]
