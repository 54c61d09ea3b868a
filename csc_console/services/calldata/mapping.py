"""Call-detail records: which column holds what, and turning one CSV row into checked values.

The documented default layout (docs/call-detail-import.md) is a header row with

    call_id, queued, answered, ended, agent, hold_seconds

plus two optional columns, ``result`` (``answered`` or ``abandoned``) and ``channel``
(``phone`` or ``relay``). Column names are matched without regard to case or surrounding
spaces. Another phone system's export is read by naming its columns: ``--map call_id="Call
ID"`` on the command line, or a mapping file (TOML)::

    time_format = "%m/%d/%Y %I:%M:%S %p"   # optional; default ISO 8601
    timezone = "America/Los_Angeles"       # for times without an offset; default the city's
    delimiter = ","
    tolerance_seconds = 120

    [columns]
    call_id = "Call ID"
    queued = "Queue Start"
    answered = "Answer Time"
    ended = "Call End"
    agent = "Agent Login"
    hold_seconds = "Hold Time"
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from csc_console.errors import ValidationError
from csc_console.vocab import Channel

FIELDS: tuple[str, ...] = (
    "call_id", "queued", "answered", "ended", "agent", "hold_seconds", "result", "channel",
)  # fmt: skip
REQUIRED: tuple[str, ...] = ("call_id", "queued", "ended")
FIELD_WORDS = {
    "call_id": "call id",
    "queued": "queued time",
    "answered": "answered time",
    "ended": "ended time",
    "agent": "agent",
    "hold_seconds": "hold seconds",
    "result": "result",
    "channel": "channel",
}
EXTERNAL_ID_MAX = 64
MAX_HOLD_SECONDS = 24 * 3600
DEFAULT_TOLERANCE_SECONDS = 120
_ABANDONED_WORDS = {"abandoned", "abandon", "aband", "lost", "a"}
_ANSWERED_WORDS = {"answered", "answer", "handled", "ans"}


class RowError(Exception):
    """One row cannot be imported; the message says why (the line number is added later)."""


@dataclass(frozen=True)
class CdrMapping:
    """Column names per field, and how times are written."""

    columns: Mapping[str, str] = field(default_factory=lambda: {f: f for f in FIELDS})
    time_format: str | None = None  # strptime format; None: ISO 8601
    timezone: str | None = None  # zone of times without an offset; None: the city's
    delimiter: str = ","
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS

    def with_columns(self, overrides: Mapping[str, str]) -> CdrMapping:
        merged = dict(self.columns)
        for key, column in overrides.items():
            name = key.strip().lower()
            if name not in FIELDS:
                raise ValidationError(
                    f"Unknown call-detail field {key!r}; the fields are {', '.join(FIELDS)}."
                )
            merged[name] = column.strip()
        return replace(self, columns=merged)

    def zone(self, default: ZoneInfo) -> ZoneInfo:
        if not self.timezone:
            return default
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(f"Unknown time zone {self.timezone!r}.") from None


def parse_map_option(text: str) -> tuple[str, str]:
    """``call_id=Call ID`` -> ("call_id", "Call ID")."""
    key, sep, column = text.partition("=")
    if not sep or not key.strip() or not column.strip():
        raise ValidationError(
            f"--map takes FIELD=COLUMN, for example --map call_id=\"Call ID\" (got {text!r})."
        )
    return key.strip(), column.strip()


def load_mapping(path: Path) -> CdrMapping:
    """Read a mapping file (TOML: optional options at the top, ``[columns]``)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError(f"There is no mapping file {path}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"Cannot read the mapping file {path}: {exc}.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"The mapping file {path} is not valid TOML: {exc}.") from None
    known = {"columns", "time_format", "timezone", "delimiter", "tolerance_seconds"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValidationError(
            f"The mapping file {path} has an unknown setting {unknown[0]!r}; "
            f"known: {', '.join(sorted(known))}."
        )
    columns = data.get("columns", {})
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise ValidationError(f"The mapping file {path}: [columns] must map fields to names.")
    mapping = CdrMapping().with_columns(columns)
    options: dict[str, Any] = {}
    for key in ("time_format", "timezone", "delimiter"):
        if key in data:
            if not isinstance(data[key], str) or not data[key]:
                raise ValidationError(f"The mapping file {path}: {key} must be text.")
            options[key] = data[key]
    if "tolerance_seconds" in data:
        value = data["tolerance_seconds"]
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3600:
            raise ValidationError(
                f"The mapping file {path}: tolerance_seconds must be a whole number from 0 "
                "to 3600."
            )
        options["tolerance_seconds"] = value
    return replace(mapping, **options)


# --------------------------------------------------------------------------- rows
@dataclass(frozen=True, slots=True)
class CdrRow:
    """One checked row. Times are UTC without tzinfo (cheaper to compare and format)."""

    line: int
    call_id: str
    queued: datetime
    answered: datetime | None  # None: abandoned
    ended: datetime
    agent: str | None  # lower-case, as operator usernames are
    hold_seconds: int
    channel: str


class RowReader:
    """Finds the mapped columns in the header, then checks and converts each row."""

    def __init__(self, mapping: CdrMapping, header: Sequence[str], zone: ZoneInfo) -> None:
        self.mapping = mapping
        self.zone = zone
        self.width = len(header)
        positions = {name.strip().lstrip("\ufeff").lower(): i for i, name in enumerate(header)}
        self.index: dict[str, int] = {}
        missing = []
        for name in FIELDS:
            column = mapping.columns.get(name)
            if not column:
                continue
            pos = positions.get(column.strip().lower())
            if pos is not None:
                self.index[name] = pos
            elif name in REQUIRED:
                missing.append(f"{FIELD_WORDS[name]} ({column!r})")
        self.missing = missing
        self._offsets: dict[tuple[int, int, int, int], timedelta] = {}

    def _time(self, text: str, name: str, *, required: bool) -> datetime | None:
        """``text`` as naive UTC. Times without an offset are local to ``zone``; their offset
        is looked up once per hour of the file (a year of rows holds a million times)."""
        if not text:
            if required:
                raise RowError(f"the {FIELD_WORDS[name]} is missing")
            return None
        try:
            if self.mapping.time_format:
                value = datetime.strptime(text, self.mapping.time_format)  # noqa: DTZ007 - zoned below
            else:
                value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise RowError(f"the {FIELD_WORDS[name]} {text!r} is not a date and time") from None
        if value.tzinfo is not None:
            return value.astimezone(UTC).replace(tzinfo=None)
        hour = (value.year, value.month, value.day, value.hour)
        offset = self._offsets.get(hour)
        if offset is None:
            offset = self.zone.utcoffset(value) or timedelta(0)
            if len(self._offsets) < 100_000:
                self._offsets[hour] = offset
        return value - offset

    def parse(self, row: Sequence[str], line: int) -> CdrRow:
        if len(row) != self.width:
            raise RowError(f"it has {len(row)} fields; the header has {self.width}")
        cell = {name: row[i].strip() for name, i in self.index.items()}  # one pass per row
        call_id = cell["call_id"]
        if not call_id:
            raise RowError("the call id is missing")
        if len(call_id) > EXTERNAL_ID_MAX:
            raise RowError(f"the call id is longer than {EXTERNAL_ID_MAX} characters")
        queued = self._time(cell["queued"], "queued", required=True)
        ended = self._time(cell["ended"], "ended", required=True)
        answered_text = cell.get("answered", "")
        result = cell.get("result", "").lower()
        if answered_text and answered_text[0].isalpha() and answered_text.lower() in _ABANDONED_WORDS:
            answered_text, result = "", result or "abandoned"
        answered = self._time(answered_text, "answered", required=False)
        if result:
            if result in _ABANDONED_WORDS:
                answered = None
            elif result not in _ANSWERED_WORDS:
                raise RowError(f"the result {result!r} is neither answered nor abandoned")
            elif answered is None:
                raise RowError("the result is answered but the answered time is missing")
        assert queued is not None and ended is not None
        if ended < queued:
            raise RowError("the call ended before it was queued")
        if answered is not None and not queued <= answered <= ended:
            raise RowError("the answered time is not between the queued and ended times")
        hold_text = cell.get("hold_seconds", "")
        try:
            hold = (int(hold_text) if hold_text.isdigit() else round(float(hold_text))) if hold_text else 0
        except ValueError:
            raise RowError(f"the hold seconds {hold_text!r} is not a number") from None
        if not 0 <= hold <= MAX_HOLD_SECONDS:
            raise RowError(f"the hold seconds {hold_text!r} is out of range")
        if answered is None:
            hold = 0
        channel_text = cell.get("channel", "")
        channel = Channel.PHONE.value
        if channel_text:
            try:
                parsed = Channel.parse(channel_text)
            except ValueError:
                parsed = None
            if parsed not in (Channel.PHONE, Channel.RELAY):
                raise RowError(f"the channel {channel_text!r} is neither phone nor relay")
            channel = parsed.value
        agent = cell.get("agent", "").lower() or None
        return CdrRow(
            line=line,
            call_id=call_id,
            queued=queued,
            answered=answered,
            ended=ended,
            agent=agent if answered is not None else None,
            hold_seconds=hold,
            channel=channel,
        )
