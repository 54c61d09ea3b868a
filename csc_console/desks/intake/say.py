"""What the intake says, as lines: the caller and their requests, duplicates, redirect scripts,
information topics, referrals. One record per line, the most important part first; ``LineIO``
makes caller-supplied text printable."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from csc_console.catalog import Catalog
from csc_console.catalog.redirects import RedirectHit
from csc_console.catalog.schema import Department, Topic
from csc_console.desks.choices import Option
from csc_console.desks.readback import spoken_date
from csc_console.desks.text import join_parts, question_label, sentence, short
from csc_console.desks.words import plural, say_when
from csc_console.errors import CscError
from csc_console.services.answers import describe_answer
from csc_console.services.callers import HISTORY_CALLS, CallerHistory, PastCall, RequestBrief
from csc_console.services.duplicates import DUPLICATE_DAYS, DuplicateCandidate
from csc_console.services.intake import CallDraft
from csc_console.vocab import CallPurpose, Disposition, RequestStatus

PURPOSE_TITLES = {
    "report": "Report an issue",
    "information": "Ask for information",
    "follow_up": "Follow up on a request",
    "referral": "Referral elsewhere",
}


def entry_name(catalog: Catalog, code: str) -> str:
    try:
        return catalog.entry(code).name
    except CscError:
        return code


def label(
    enum: type[RequestStatus] | type[CallPurpose] | type[Disposition], value: str | None
) -> str:
    """A stored value's label ("Request created"), or the value itself when it is unknown."""
    try:
        return enum(value or "").label
    except ValueError:
        return value or ""


def age(created: datetime, now: datetime) -> str:
    days = (now - created).days
    return "from today" if days < 1 else f"{plural(days, 'day')} old"


# --------------------------------------------------------------------------- caller
def brief_line(catalog: Catalog, r: RequestBrief, zone: ZoneInfo, now: datetime) -> str:
    due = None
    if r.due_at is not None:
        late = "overdue, was " if r.due_at < now else ""
        due = f"{late}expected by {spoken_date(r.due_at, zone, now=now)}"
    return join_parts(
        f"{r.number}: {label(RequestStatus, r.status)}",
        entry_name(catalog, r.category_code),
        r.address or "no address",
        due,
    )


def caller_lines(
    catalog: Catalog,
    known: CallerHistory,
    *,
    zone: ZoneInfo,
    now: datetime,
    this_call: int | None,
) -> list[str]:
    c = known.caller
    name = c.name or ("anonymous" if c.anonymous else "no name on file")
    lines = [sentence(join_parts(f"Known caller: {name}", c.phone, c.email, c.address))]
    prefs = join_parts(
        f"call-back {c.preferred_callback}" if c.preferred_callback else None,
        f"language {c.language}" if c.language else None,
    )
    if prefs:
        lines.append(sentence(f"Preferences: {prefs}"))
    calls = [call for call in known.calls if call.id != this_call]
    if calls:
        last = calls[0]
        count = f"{len(calls)} or more" if len(known.calls) >= HISTORY_CALLS else str(len(calls))
        about = past_call_about(catalog, last)
        lines.append(
            sentence(
                join_parts(
                    f"Earlier calls: {count}, the last {say_when(last.at, now=now, zone=zone)}",
                    about,
                )
            )
        )
    else:
        lines.append("No earlier calls.")
    if known.open_requests:
        lines.append(f"Open requests: {len(known.open_requests)}.")
        lines.extend(sentence(brief_line(catalog, r, zone, now)) for r in known.open_requests)
    else:
        lines.append("No open requests.")
    return lines


def draft_lines(catalog: Catalog, d: CallDraft) -> list[str]:
    """What a resumed call already holds, one fact per line."""
    who = join_parts(d.name, d.phone) or ("anonymous" if d.anonymous else "not given")
    lines = [f"Caller: {who}."]
    if d.purpose:
        lines.append(f"About: {PURPOSE_TITLES.get(d.purpose, d.purpose)}.")
    if d.words:
        lines.append(f"Caller's words: {sentence(d.words)}")
    if d.category:
        lines.append(f"Category: {entry_name(catalog, d.category)}.")
        lines.extend(answer_lines(catalog, d))
    if d.topic:
        lines.append(f"Topic: {entry_name(catalog, d.topic)}.")
    if d.address or d.cross_street:
        place = join_parts(d.address, d.cross_street)
        lines.append(f"Place: {place}" + (", not verified." if d.unverified_address else "."))
    if d.saved_request:
        lines.append(f"Saved: {d.saved_request}.")
    return lines


def answer_lines(catalog: Catalog, d: CallDraft) -> list[str]:
    """The category's questions answered so far, "label: answer" one per line."""
    try:
        category = catalog.category(d.category)
    except CscError:
        return []
    return [
        f"{question_label(q)}: {sentence(describe_answer(q, d.answers[q.code]))}"
        for q in category.questions
        if q.code in d.answers
    ]


def unfinished_line(catalog: Catalog, d: CallDraft, when: str | None) -> str:
    who = join_parts(d.name, d.phone) or ("an anonymous caller" if d.anonymous else "a caller")
    what = (
        entry_name(catalog, d.category)
        if d.category
        else entry_name(catalog, d.topic)
        if d.topic
        else label(CallPurpose, d.purpose)
        if d.purpose
        else None
    )
    start = f"An unfinished call from {when}" if when else "An unfinished call"
    return sentence(join_parts(f"{start} with {who}", what))


# --------------------------------------------------------------------------- report
NO_ADDRESS = "No address: give a cross street or landmark."
ADDRESS_KEPT = "The address is kept as typed and the request will be marked not verified."
KEEP_ADDRESS, TYPE_AGAIN = "__keep", "__again"


def address_options(typed: str, suggestions: Iterable[str]) -> list[Option[str]]:
    """What to do with an address the street file does not know: one of its near misses, keep
    it not verified, or type it again (the full screen's list and the numbered prompt alike)."""
    return [
        *(Option(s, s) for s in suggestions),
        Option(KEEP_ADDRESS, f"Keep {typed}, not verified"),
        Option(TYPE_AGAIN, "Type the address again"),
    ]


def duplicate_option(d: DuplicateCandidate, *, now: datetime) -> Option[str]:
    where = (
        "same address"
        if d.same_address
        else f"{plural(d.distance, 'house number')} away"
        if d.distance is not None
        else "same street"
    )
    detail = join_parts(
        d.address or "no address",
        where,
        age(d.created_at, now),
        label(RequestStatus, d.status),
        short(d.description) if d.description else "no description",
        plural(d.callers_count, "caller"),
    )
    return Option(d.number, f"Link to {d.number}", detail)


def duplicates_heading(count: int, category_name: str | None) -> str:
    """The line before the possible duplicates, in the phone intake and the Inbox alike."""
    return (
        f"Possible duplicates: {plural(count, 'open request')} for "
        f"{category_name or 'this category'} nearby in the last {DUPLICATE_DAYS} days."
    )


KINDS = {
    "emergency": ("Emergency", "Transfer to"),
    "wrong_agency": ("Wrong agency", "Refer to"),
    "referral": ("Referral", "Refer to"),
}


def redirect_lines(hits: Iterable[RedirectHit]) -> list[str]:
    """Each rule that fired: why and where to, then the script to read."""
    lines: list[str] = []
    for hit in hits:
        kind, verb = KINDS.get(hit.kind, (hit.kind, "Refer to"))
        target = hit.target_name
        if hit.target_phone and hit.target_phone not in target:
            target = f"{target}, {hit.target_phone}"
        lines.append(f"{kind}: {hit.reason}. {verb} {sentence(target)}")
        lines.append(f"Say: {hit.script}")
    return lines


# --------------------------------------------------------------------------- information
def topic_lines(topic: Topic) -> list[str]:
    lines = [f"Say: {topic.script}"]
    if topic.hours:
        lines.append(f"Hours: {sentence(topic.hours)}")
    for ref in topic.referrals:
        lines.append(sentence(join_parts(f"Referral: {ref.name}", ref.phone, ref.url, ref.note)))
    return lines


def topics_line(catalog: Catalog, codes: Iterable[str]) -> str | None:
    """The topics of an information call once there is more than one, in the order asked."""
    names = [entry_name(catalog, code) for code in codes]
    if len(names) < 2:
        return None
    return f"{len(names)} topics on this call: {'; '.join(names)}."  # names may hold "and"


def topic_chosen(catalog: Catalog, code: str, asked: Iterable[str]) -> str:
    """The message when a topic's script is shown: its name, then (from the second topic
    on) every topic asked so far."""
    said = f"Topic: {entry_name(catalog, code)}. Read the script to the caller."
    more = topics_line(catalog, asked)
    return f"{said} {more}" if more else said


def past_call_about(catalog: Catalog, call: PastCall) -> str | None:
    """What an earlier call was about, for the caller's history: its purpose, then every
    topic asked (an information call) and the request it made or joined."""
    about = label(CallPurpose, call.purpose) if call.purpose else None
    topics = ", ".join(entry_name(catalog, code) for code in call.topics) or None
    return join_parts(about, topics, call.request) or None


def department_lines(dept: Department) -> list[str]:
    lines = [sentence(join_parts(f"Refer the caller to {dept.name}", dept.phone or "no phone"))]
    if dept.hours:
        lines.append(f"Hours: {sentence(dept.hours)}")
    if dept.url or dept.email:
        lines.append(
            sentence(join_parts("Online", dept.url, dept.email)).replace("Online, ", "Online: ", 1)
        )
    if dept.note:
        lines.append(f"Note: {sentence(dept.note)}")
    return lines
