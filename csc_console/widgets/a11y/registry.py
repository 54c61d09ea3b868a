"""Functions registered per widget class, found along a widget's class hierarchy.

Classes may be named by their dotted path ("textual.widgets._data_table.DataTable"), so
registering a describer or a cursor locator imports nothing: the first screen paints without
loading the widgets it does not use (``tests/ui/test_a11y_registry.py`` checks every path).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def class_path(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


class ClassRegistry(Generic[F]):
    def __init__(self) -> None:
        self._by_path: dict[str, F] = {}

    def register(self, target: type | str) -> Callable[[F], F]:
        """Decorator: ``func`` serves ``target`` (a class or its dotted path) and subclasses."""
        path = target if isinstance(target, str) else class_path(target)

        def add(func: F) -> F:
            self._by_path[path] = func
            return func

        return add

    def find(self, cls: type) -> F | None:
        for base in cls.__mro__:
            found = self._by_path.get(class_path(base))
            if found is not None:
                return found
        return None

    @property
    def paths(self) -> list[str]:
        return list(self._by_path)
