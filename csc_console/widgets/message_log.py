"""The persistent message log: every notification, with its time, kept for the session."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Severity = Literal["information", "warning", "error"]

_PREFIX = {"information": "", "warning": "Warning: ", "error": "Error: "}


@dataclass(frozen=True)
class MessageEntry:
    at: datetime
    severity: Severity
    text: str
    title: str = ""

    @property
    def bar_text(self) -> str:
        """The message as the message bar shows it: state in words, never by colour only."""
        title = f"{self.title}: " if self.title else ""
        return f"{_PREFIX[self.severity]}{title}{self.text}"

    @property
    def line(self) -> str:
        """One log line: time first, then the message."""
        return f"{self.at:%H:%M:%S} {self.bar_text}"


class MessageLog:
    """The session's messages, oldest first (the newest ``limit`` are kept)."""

    def __init__(self, limit: int = 2000) -> None:
        self._entries: deque[MessageEntry] = deque(maxlen=limit)
        self.version = 0

    def add(self, entry: MessageEntry) -> MessageEntry:
        self._entries.append(entry)
        self.version += 1
        return entry

    @property
    def last(self) -> MessageEntry | None:
        return self._entries[-1] if self._entries else None

    def __iter__(self) -> Iterator[MessageEntry]:
        return iter(tuple(self._entries))

    def __len__(self) -> int:
        return len(self._entries)
