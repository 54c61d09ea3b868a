"""The error family every layer raises and every front end knows how to show.

A ``CscError`` carries a message written for the person at the keyboard: one or two plain
sentences, no traceback, no jargon. Front ends print ``str(error)``; the command line exits with
``error.exit_code``.
"""

from __future__ import annotations

from typing import Any


class CscError(Exception):
    """A problem the user can understand and usually act on."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} {self.hint}"


class ConfigError(CscError):
    """The configuration (file, environment or command line) is unusable."""

    exit_code = 2


class DataFileError(CscError):
    """A reference data file in data/ is missing or invalid."""

    exit_code = 3


class DatabaseError(CscError):
    """The database cannot be reached, opened or written."""

    exit_code = 4


class DatabaseUnavailable(DatabaseError):
    """The database is down, unreachable, locked or read-only: retrying later may work."""


class SchemaError(DatabaseError):
    """The database schema is not one this program can use."""


class ValidationError(CscError):
    """Input failed a business rule; ``field`` names what to fix."""

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.field = field


class NotFound(CscError):
    """A record the user asked for does not exist."""


class PermissionDenied(CscError):
    """The signed-in operator's role does not allow this action."""


class StaleEditError(CscError):
    """Someone else saved the record first; ``current`` is what they saved."""

    def __init__(self, message: str, *, current: Any = None, changed: dict[str, tuple[Any, Any]] | None = None) -> None:
        super().__init__(message)
        self.current = current
        self.changed = changed or {}


class ConcurrentWriteError(StaleEditError):
    """Two writers updated the same row at the same moment (SQLAlchemy's ``StaleDataError``
    at commit, turned into this by ``Database.session``); a service that can say more (who
    has it now) catches this and raises a ``StaleEditError`` with ``current``."""
