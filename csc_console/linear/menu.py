"""The menu of workflows, and the registry later issues add their workflows to.

A workflow module registers itself with the decorator and is listed in ``WORKFLOW_MODULES``::

    # csc_console/linear/intake.py
    @menu_entry("intake", "Intake", "take a call and record what it is about.", order=10,
                replace=True)   # replaces the placeholder of the same key
    class Intake(Workflow):
        ...

    # and in this module:
    WORKFLOW_MODULES = (..., "csc_console.linear.intake.workspace")

Entries are listed by ``order`` (Intake 10, Work orders 20, Dispatch 30, Dashboard 40, Messages
50, Help 90, Quit 99), optionally only for some roles (admins see everything).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from csc_console.linear.ask import Back, Cancel, Scope, Signal, ask
from csc_console.linear.prompts import ChoicePrompt, Option
from csc_console.linear.session import LineSession
from csc_console.linear.workflow import Workflow
from csc_console.services.context import OperatorPublic
from csc_console.vocab import Role

W = TypeVar("W", bound=type[Workflow])

#: modules whose import registers menu entries, in this order
WORKFLOW_MODULES: tuple[str, ...] = (
    "csc_console.linear.workspaces",
    "csc_console.linear.intake.workspace",
    "csc_console.linear.workorders",
    "csc_console.linear.dispatch",
    "csc_console.linear.dashboard",
    "csc_console.linear.inbox",
)


@dataclass(frozen=True)
class MenuEntry:
    key: str
    title: str
    summary: str
    factory: Callable[[LineSession], Workflow]
    order: int = 100
    roles: frozenset[Role] | None = None
    aliases: tuple[str, ...] = field(default=())

    def allowed(self, operator: OperatorPublic | None) -> bool:
        if self.roles is None:
            return True
        if operator is None:
            return False
        return operator.role in self.roles or operator.role is Role.ADMIN


class MenuRegistry:
    def __init__(self) -> None:
        self._entries: dict[str, MenuEntry] = {}

    def add(self, entry: MenuEntry, *, replace: bool = False) -> None:
        if entry.key in self._entries and not replace:
            raise ValueError(f"menu entry {entry.key!r} is already registered")
        self._entries[entry.key] = entry

    def remove(self, key: str) -> None:
        self._entries.pop(key, None)

    def get(self, key: str) -> MenuEntry:
        return self._entries[key]

    def entries(self, operator: OperatorPublic | None = None) -> list[MenuEntry]:
        shown = [e for e in self._entries.values() if e.allowed(operator)]
        return sorted(shown, key=lambda e: (e.order, e.title))


REGISTRY = MenuRegistry()


def menu_entry(
    key: str,
    title: str,
    summary: str,
    *,
    order: int = 100,
    roles: frozenset[Role] | None = None,
    aliases: tuple[str, ...] = (),
    replace: bool = False,
    registry: MenuRegistry | None = None,
) -> Callable[[W], W]:
    """Class decorator: list a ``Workflow`` subclass in the menu."""

    def register(cls: W) -> W:
        (registry or REGISTRY).add(
            MenuEntry(key, title, summary, cls, order=order, roles=roles, aliases=aliases),
            replace=replace,
        )
        return cls

    return register


def load_workflows() -> MenuRegistry:
    for module in WORKFLOW_MODULES:
        importlib.import_module(module)
    return REGISTRY


def run_menu(session: LineSession, registry: MenuRegistry | None = None) -> None:
    """The menu loop. Returns never; ``quit`` and the end of input travel up as signals."""
    menu = registry or load_workflows()
    scope = Scope(
        back_help="nothing to go back to: this is the menu.",
        cancel_help="nothing to cancel at the menu.",
        quit_help="leave csc-console.",
        extra_help=("Pick what to do next.",),
        confirm_quit=session.confirm_quit,
    )
    first = True
    last: str | None = None
    while True:
        entries = menu.entries(session.operator)
        options = [Option(e.key, e.title, e.summary, e.aliases) for e in entries]
        if first:
            session.io.say("Menu:")
        prompt = ChoicePrompt("Workspace", options, default=last or entries[0].key, list_options=first)
        first = False
        try:
            key = ask(session.io, prompt, scope=scope)
        except Back:
            session.io.status("You are at the menu; there is nothing to go back to.")
            continue
        except Cancel:
            session.io.status("Nothing to cancel; you are at the menu. Type quit to leave.")
            continue
        entry = menu.get(key)
        last = key
        try:
            session.run(entry.factory(session))
        except Signal:
            raise
        except Exception as exc:  # a bug in a workflow: say it, keep the session alive
            if os.environ.get("CSC_DEBUG"):
                raise
            session.io.error(
                f"{entry.title} stopped because of an internal problem "
                f"({type(exc).__name__}: {exc}). You are back at the menu."
            )
