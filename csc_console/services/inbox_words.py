"""Inbox messages in words, the same in both front ends: one line per message with the
respond-by time first ("Respond by Friday 5:00 PM" or "OVERDUE, was due Monday 5:00 PM"), and
the lines of one message. Caller text goes through ``printable`` here; front ends show the
result literally."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from csc_console.services.inbox import MessagePublic
from csc_console.services.text import printable
from csc_console.vocab import MessageOutcome, MessageStatus

PREVIEW = 60


def clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def day_and_time(moment: datetime, *, now: datetime, zone: tzinfo) -> str:
    """ "today 5:00 PM", "tomorrow 5:00 PM", "Friday 5:00 PM" (within a week), else with the
    date: "Friday, March 13, 5:00 PM"."""
    local = moment.astimezone(zone)
    today = now.astimezone(zone).date()
    days = (local.date() - today).days
    if days == 0:
        return f"today {clock(local)}"
    if days == 1:
        return f"tomorrow {clock(local)}"
    if days == -1:
        return f"yesterday {clock(local)}"
    if -6 <= days <= 6:
        return f"{local:%A} {clock(local)}"
    return f"{local:%A, %B} {local.day}, {clock(local)}"


def respond_words(message: MessagePublic, *, now: datetime, zone: tzinfo) -> str:
    when = day_and_time(message.respond_by, now=now, zone=zone)
    if message.overdue(now):
        return f"OVERDUE, was due {when}"
    if message.is_open:
        return f"Respond by {when}"
    return message.status_label


def preview(text: str, length: int = PREVIEW) -> str:
    flat = " ".join(printable(text).split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "..."


def state_words(message: MessagePublic, *, me: int | None) -> str:
    if message.status == MessageStatus.CLAIMED.value:
        if message.claimed_by is not None and message.claimed_by == me:
            return "claimed by you"
        return f"claimed by {printable(message.claimed_by_name or 'another CSR')}"
    if message.status == MessageStatus.NEW.value:
        return "new"
    return outcome_words(message)


def outcome_words(message: MessagePublic) -> str:
    ref = printable(message.outcome_ref or "")
    if message.outcome == MessageOutcome.REQUEST.value:
        return f"answered: request {ref}"
    if message.outcome == MessageOutcome.INFORMATION.value:
        return f"answered: information, {ref}"
    if message.outcome == MessageOutcome.REFERRAL.value:
        return f"answered: referred to {ref}"
    if message.outcome == MessageOutcome.NO_ACTION.value:
        return f"closed: {ref}"
    return message.status_label.lower()


def summary_line(message: MessagePublic, *, now: datetime, zone: tzinfo, me: int | None) -> str:
    """One message on one line, most important first."""
    about = preview(message.subject or message.body, 40)
    return (
        f"{respond_words(message, now=now, zone=zone)}: {message.channel_label} from "
        f"{printable(message.sender)}, {about}, {state_words(message, me=me)}"
    )


def inbox_status(messages: list[MessagePublic], *, now: datetime) -> str:
    waiting = [m for m in messages if m.is_open]
    overdue = sum(1 for m in waiting if m.overdue(now))
    if not waiting:
        return "No messages waiting."
    count = f"{len(waiting)} message{'s' if len(waiting) != 1 else ''} waiting"
    return f"{count}, {overdue} overdue." if overdue else f"{count}."


def detail_lines(
    message: MessagePublic, *, now: datetime, zone: tzinfo, me: int | None
) -> list[str]:
    """The message, one fact per line (its text split on its own lines)."""
    received = message.received_at.astimezone(zone)
    lines = [
        f"Message {message.id}: {respond_words(message, now=now, zone=zone)}.",
        f"Status: {state_words(message, me=me)}.",
        f"From: {printable(message.sender)}.",
        f"Channel: {message.channel_label}"
        + (
            f", {printable(message.source)}"
            if message.source and message.source != message.channel_label
            else ""
        )
        + ".",
        f"Received: {day_and_time(received, now=now, zone=zone)}"
        + ("" if abs(now - received) < timedelta(days=6) else f", {received:%Y}")
        + ".",
    ]
    if message.email:
        lines.append(f"Email: {printable(message.email)}")
    if message.phone:
        lines.append(f"Phone: {printable(message.phone)}")
    if message.address:
        lines.append(f"Address: {printable(message.address)}")
    if message.subject:
        lines.append(f"Subject: {printable(message.subject)}")
    body = printable(message.body, multiline=True).splitlines() or [""]
    lines.append(f"Message: {body[0]}")
    lines.extend(line for line in body[1:] if line.strip())
    reason = message.details.get("reason")
    if isinstance(reason, str):
        lines.append(f"Why it needs a person: {printable(reason)}")
    if message.reply:
        reply = printable(message.reply, multiline=True).splitlines()
        lines.append(f"Reply sent: {reply[0] if reply else ''}")
        lines.extend(line for line in reply[1:] if line.strip())
    return lines
