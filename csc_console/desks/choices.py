"""A choice offered to the user, as both front ends show it: the full screen as a list row, the
screen-reader mode as a numbered line ("3. Link to SR-2026-000012: same address, ...")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(frozen=True)
class Option(Generic[V]):
    """One numbered choice: the value it stands for, its title, an optional explanation."""

    value: V
    title: str
    detail: str | None = None
    aliases: tuple[str, ...] = field(default=())

    def names(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)
