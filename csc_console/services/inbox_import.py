"""``csc-console import messages FILE``: messages exported from a chat or mail system.

JSON (a list of objects, or an object whose ``messages`` is that list) or CSV (a header row,
UTF-8). The fields and their other accepted names are in ``FIELDS``; docs/message-import.md is
the reference. Each row stands alone: a bad row is reported with its number and the reason and
the others are imported; a row whose ``external_id`` is already in the inbox is skipped, so
importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from csc_console.db.types import utcnow
from csc_console.errors import CscError, ValidationError
from csc_console.services import inbox
from csc_console.services.context import Ctx

MAX_FILE_BYTES = 20 * 1024 * 1024

#: field -> other names accepted for it (compared without case, spaces or hyphens)
FIELDS: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "message_id", "conversation_id", "chat_id"),
    "channel": ("type", "kind"),
    "received_at": ("received", "timestamp", "created_at", "date", "time", "sent_at"),
    "name": ("from_name", "sender_name", "visitor_name", "customer_name"),
    "email": ("from_email", "sender_email", "visitor_email", "from", "reply_to"),
    "phone": ("telephone", "phone_number"),
    "subject": ("title", "topic"),
    "body": ("message", "text", "content", "comment"),
    "address": ("location", "street_address"),
    "source": ("system",),
}
CHANNEL_WORDS = {
    "chat": "live_chat",
    "livechat": "live_chat",
    "live chat": "live_chat",
    "offline message": "live_chat",
    "mail": "email",
    "e-mail": "email",
    "web form": "web",
    "portal": "web",
    "mobile": "app",
    "mobile app": "app",
}


@dataclass
class ImportReport:
    added: int = 0
    already: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (where, why)

    @property
    def rows(self) -> int:
        return self.added + self.already + len(self.problems)

    def summary(self) -> str:
        parts = [
            f"Imported {self.added} new message{'s' if self.added != 1 else ''}",
            f"{self.already} already in the inbox",
        ]
        if self.problems:
            bad = len(self.problems)
            parts.append(f"{bad} row{'s' if bad != 1 else ''} with problems (not imported)")
        return "; ".join(parts) + "."


def _key(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


_ALIASES = {_key(alias): name for name, aliases in FIELDS.items() for alias in (name, *aliases)}


def _normalise(raw: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name = _ALIASES.get(_key(str(key)))
        if name is not None and name not in out and value not in (None, ""):
            out[name] = value
    return out


def _text(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValidationError(f"{what} must be text.")
    return str(value)


def _when(value: Any, ctx: Ctx) -> datetime | None:
    text = _text(value, "received_at")
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(
            f"received_at {text!r} is not a date and time like 2026-03-02T18:30:00Z."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ctx.zone)  # a local time of the city
    return moment


def _channel(value: Any, default: str) -> str:
    text = (_text(value, "channel") or default).strip()
    return CHANNEL_WORDS.get(text.lower(), text)


def message_from(
    raw: Mapping[str, Any], ctx: Ctx, *, default_channel: str, source: str
) -> inbox.NewMessage:
    """One exported row as a message (``ValidationError`` naming what is wrong)."""
    row = _normalise(raw)
    external_id = _text(row.get("external_id"), "external_id")
    if not external_id or not external_id.strip():
        raise ValidationError("external_id is missing (it is what makes a second import safe).")
    if not _text(row.get("body"), "body"):
        raise ValidationError("body (the message text) is missing.")
    return inbox.NewMessage(
        channel=_channel(row.get("channel"), default_channel),
        body=_text(row.get("body"), "body") or "",
        received_at=_when(row.get("received_at"), ctx),
        name=_text(row.get("name"), "name"),
        email=_text(row.get("email"), "email"),
        phone=_text(row.get("phone"), "phone"),
        subject=_text(row.get("subject"), "subject"),
        address=_text(row.get("address"), "address"),
        external_id=external_id.strip(),
        source=_text(row.get("source"), "source") or source,
    )


def _rows(path: Path) -> Iterator[tuple[str, Any]]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CscError(f"Cannot read {path}: {exc.strerror}.") from None
    if size > MAX_FILE_BYTES:
        raise CscError(f"{path} is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}. Split it.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CscError(f"{path} is not UTF-8 text; export it as UTF-8.") from None
    except OSError as exc:
        raise CscError(f"Cannot read {path}: {exc.strerror}.") from None
    is_json = path.suffix.lower() == ".json" or (
        path.suffix.lower() != ".csv" and text.lstrip()[:1] in ("[", "{")
    )
    if is_json:
        yield from _json_rows(text, path)
    else:
        yield from _csv_rows(text, path)


def _json_rows(text: str, path: Path) -> Iterator[tuple[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CscError(f"{path} is not valid JSON (line {exc.lineno}: {exc.msg}).") from None
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        data = data["messages"]
    if not isinstance(data, list):
        raise CscError(f"{path}: expected a list of messages, or an object with a messages list.")
    for number, item in enumerate(data, start=1):
        yield f"item {number}", item


def _csv_rows(text: str, path: Path) -> Iterator[tuple[str, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or not any(_key(f) in _ALIASES for f in reader.fieldnames):
        raise CscError(
            f"{path}: the first line must name the columns (external_id, channel, received_at, "
            "name, email, phone, subject, body, address)."
        )
    for number, row in enumerate(reader, start=1):
        if None in row:  # more cells than columns
            yield f"row {number} (line {reader.line_num})", None
            continue
        yield f"row {number} (line {reader.line_num})", row


def import_messages(
    ctx: Ctx,
    path: Path,
    *,
    default_channel: str = "live_chat",
    source: str | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Load ``path`` into the inbox; the report counts new, known and bad rows."""
    inbox.parse_channel(default_channel)
    report = ImportReport()
    now = now or utcnow()
    label = source if source is not None else path.name
    for where, raw in _rows(path):
        if not isinstance(raw, Mapping):
            why = (
                "it has more cells than the header has columns."
                if raw is None
                else ("it is not an object with named fields.")
            )
            report.problems.append((where, why[0].upper() + why[1:]))
            continue
        try:
            new = message_from(raw, ctx, default_channel=default_channel, source=label)
            _, created = inbox.add_message(ctx, new, now=now)
        except ValidationError as exc:
            report.problems.append((where, str(exc)))
            continue
        if created:
            report.added += 1
        else:
            report.already += 1
    return report
