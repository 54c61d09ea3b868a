"""The relay part of a call in progress, as both front ends hold it (``RelayDraft``), and what
they do with it: save the relay panel, record a turn, mark the call dropped, record a call-back,
export the transcript.

The relay panel and the turns typed so far live in the call's draft (``CallDraft.relay``), so a
relay call started in one front end is resumed in the other, turns and all. Turns are numbered
here (``seq``): a turn the database could not take goes to the ``Outbox`` (kind
``relay_turn``) and is replayed, by its number, before the next turn is written or when the
front end tries again; the number makes the replay harmless (``relay.add_turn``), so a turn is
never written twice. The turn's text is checked before it gets a number, so a turn refused for
its text keeps no number and what was typed stays where it was typed.

Who speaks next: after a turn that ends a party's turn (GA, SK, SKSK, GASK) the other party;
after a CA note, the party whose turn it was; otherwise the same speaker goes on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csc_console.db.models import NAME_MAX, NOTE_MAX
from csc_console.errors import DatabaseUnavailable, ValidationError
from csc_console.services import relay
from csc_console.services.outbox import FlushResult, Outbox
from csc_console.services.text import clean_text, printable
from csc_console.vocab import Speaker

if TYPE_CHECKING:
    from csc_console.catalog import Catalog
    from csc_console.services.context import Ctx
    from csc_console.services.relay import RelayPublic

#: (value, what the speaker choice says); a CA note is the communications assistant's words
SPEAKERS = [("caller", "Caller"), ("csr", "CSR"), ("ca", "CA note")]
SPEAKER_NAMES = dict(SPEAKERS)
TURN_ENDS = ("GA", "SK", "SKSK", "GASK")
CA_MISSING = (
    "No CA number: ask the communications assistant for it; the call is flagged "
    "'CA number missing'."
)
CALLBACK_HINT = "711 and the caller's number, an email address, or a number for text messages"


def speaker_name(value: str) -> str:
    return SPEAKER_NAMES.get(value, value)


def ends_turn(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1].upper() in TURN_ENDS


def with_marker(text: str, marker: str) -> str:
    """``text`` with the turn-end ``marker`` (GA, SK, SKSK) at its end, once."""
    body = text.rstrip()
    if body.split()[-1:] == [marker]:
        return body
    return f"{body} {marker}".strip()


def check_turn(speaker: str, text: str) -> tuple[str, str]:
    """The turn as it will be saved (speaker value, text), or a ``ValidationError``."""
    try:
        who = Speaker.parse(speaker)
    except ValueError:
        raise ValidationError("The speaker is the caller, the CSR or the CA.", field="speaker") from None
    body = clean_text(text, field="turn", max_length=NOTE_MAX, multiline=True, required=True)
    return who.value, body


@dataclass
class Turn:
    seq: int
    at: str  # ISO time
    speaker: str
    text: str
    queued: bool = False  # in the outbox, waiting for the database

    def when(self) -> datetime:
        return datetime.fromisoformat(self.at)

    def line(self, zone: Any) -> str:
        """"9:01:05 AM, Caller: text" (printable: nothing typed reaches a terminal)."""
        clock = self.when().astimezone(zone).strftime("%-I:%M:%S %p")
        kept = " (kept, not saved yet)" if self.queued else ""
        return f"{clock}, {speaker_name(self.speaker)}: {printable(self.text)}{kept}"


@dataclass
class RelayDraft:
    relay_type: str = ""
    ca_number: str = ""
    provider: str = ""
    language: str = ""
    preferred_callback: str = ""
    saved: bool = False  # the details above are in the database as they are
    speaker: str = "caller"  # the party whose turn it is (caller or csr)
    dropped: bool = False
    callbacks: int = 0
    turns: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> RelayDraft:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in known})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def turn_list(self) -> list[Turn]:
        return [Turn(**t) for t in self.turns]

    @property
    def next_seq(self) -> int:
        return max((int(t["seq"]) for t in self.turns), default=0) + 1

    @property
    def queued(self) -> int:
        return sum(1 for t in self.turns if t.get("queued"))

    def details(self) -> dict[str, str]:
        return {
            "relay_type": self.relay_type,
            "ca_number": self.ca_number,
            "provider": self.provider,
            "language": self.language,
            "preferred_callback": self.preferred_callback,
        }

    def set_details(self, **values: str) -> None:
        """Change the panel; the database copy is then out of date until saved."""
        for key, value in values.items():
            if getattr(self, key) != value:
                setattr(self, key, value)
                self.saved = False

    def add(self, turn: Turn) -> None:
        self.turns.append(asdict(turn))
        if turn.speaker != "ca":
            self.speaker = ("csr" if turn.speaker == "caller" else "caller") if ends_turn(turn.text) else turn.speaker

    def mark(self, seq: int, *, queued: bool) -> None:
        for t in self.turns:
            if t["seq"] == seq:
                t["queued"] = queued

    def all_saved(self) -> None:
        for t in self.turns:
            t["queued"] = False

    def replace_turns(self, public: RelayPublic) -> None:
        """The database's turns (after a call-back added its own), all saved."""
        self.turns = [asdict(Turn(t.seq, t.at.isoformat(), t.speaker, t.text)) for t in public.turns]
        self.dropped, self.callbacks = public.dropped, public.callback_attempts


def check_details(catalog: Catalog, rd: RelayDraft) -> None:
    """The panel's values as the service will check them (instant, no database)."""
    if not rd.relay_type:
        raise ValidationError("Choose the relay type the CA gave (TTY, VCO, ...).", field="relay_type")
    if rd.relay_type not in {t.code for t in catalog.relay.types}:
        raise ValidationError(f"Unknown relay type {rd.relay_type!r}.", field="relay_type")
    clean_text(rd.ca_number, field="CA number", max_length=32)
    clean_text(rd.provider, field="relay provider", max_length=NAME_MAX)
    clean_text(rd.language, field="language", max_length=40)
    clean_text(rd.preferred_callback, field="preferred call-back", max_length=NAME_MAX)


def save_details(ctx: Ctx, *, call_id: int, details: dict[str, str]) -> RelayPublic:
    return relay.set_details(ctx, call_id=call_id, **{k: v or None for k, v in details.items()})  # type: ignore[arg-type]


# --------------------------------------------------------------------------- turns
@dataclass(frozen=True)
class Recorded:
    """What became of a turn: saved, or kept in the outbox (``queued``); ``flushed``: earlier
    kept turns (and other kept saves) written first; ``failed``: replays the database refused."""

    seq: int
    queued: bool
    flushed: int = 0
    failed: tuple[str, ...] = ()
    reason: str = ""


def replay(ctx: Ctx, outbox: Outbox) -> FlushResult:
    """Write what the outbox keeps (in order) if the database is back."""
    if not outbox.pending():
        return FlushResult()
    return outbox.flush(ctx)


def turns_written(result: FlushResult) -> int:
    """How many of the saves a replay wrote were relay turns (the outbox keeps other saves)."""
    return sum(1 for line in result.written if line.startswith("Relay turn"))


def record(ctx: Ctx, *, call_id: int, turn: Turn, outbox: Outbox) -> Recorded:
    """Save ``turn``; if the database is unavailable, keep it in the outbox (never lost)."""
    payload = {"call_id": call_id, "speaker": turn.speaker, "text": turn.text, "seq": turn.seq, "at": turn.at}
    flushed = replay(ctx, outbox)
    failed = tuple(flushed.failed)
    if flushed.unreachable:
        outbox.add("relay_turn", payload)
        return Recorded(turn.seq, True, failed=failed, reason="The database is not reachable")
    try:
        relay.add_turn(ctx, call_id=call_id, speaker=turn.speaker, text=turn.text, seq=turn.seq, now=turn.when())
    except DatabaseUnavailable as exc:
        outbox.add("relay_turn", payload)
        return Recorded(turn.seq, True, turns_written(flushed), failed, str(exc).split(";")[0])
    return Recorded(turn.seq, False, turns_written(flushed), failed)


def kept_line(rec: Recorded) -> str:
    return (
        f"{rec.reason or 'The database is not reachable'}: turn {rec.seq} is kept on this "
        "computer and saved when the database returns."
    )


def refused_line(failure: str) -> str:
    """A turn kept on this computer that the database then refused."""
    return f"A kept save was refused: {failure}"


def dropped_line(rd: RelayDraft, *, then: str) -> str:
    """The call dropped: how to call back, then ``then`` (this front end's way to record the
    call-back)."""
    back = f": {rd.preferred_callback}" if rd.preferred_callback else ""
    return f"The relay call is recorded as dropped. Call back through 711{back}; {then}."


def callback_line(attempts: int) -> str:
    return f"Call-back attempt {attempts} recorded."


def exported_line(path: object) -> str:
    return f"Transcript saved to {path}."


def flushed_line(count: int) -> str:
    return f"The database is back: {count} kept turn{'s' if count != 1 else ''} saved."


def require_flushed(ctx: Ctx, outbox: Outbox) -> FlushResult:
    """Before a step that numbers its own turn (a call-back) or reads the transcript back
    (export): the kept turns must be written first."""
    result = replay(ctx, outbox)
    if result.unreachable:
        raise DatabaseUnavailable(
            f"The database is not reachable; {result.pending} kept save"
            f"{'s are' if result.pending != 1 else ' is'} waiting. Try again when it returns."
        )
    return result


def mark_dropped(ctx: Ctx, *, call_id: int) -> RelayPublic:
    return relay.mark_dropped(ctx, call_id=call_id)


def record_callback(ctx: Ctx, *, call_id: int, outcome: str, outbox: Outbox) -> RelayPublic:
    require_flushed(ctx, outbox)
    return relay.record_callback(ctx, call_id=call_id, outcome=outcome)


def exports_dir() -> Path:
    from csc_console.paths import data_dir

    return data_dir() / "exports"


def export_transcript(
    ctx: Ctx, *, call_id: int, outbox: Outbox, now: datetime, folder: Path | None = None
) -> Path:
    """Write the plain-text record of the call; the file written."""
    require_flushed(ctx, outbox)
    text = relay.transcript_text(ctx, call_id=call_id)
    target = folder or exports_dir()
    target.mkdir(parents=True, exist_ok=True)
    stamp = now.astimezone(ctx.zone).strftime("%Y-%m-%d-%H%M%S")
    path = target / f"relay-call-{call_id}-{stamp}.txt"
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- reference
def etiquette_lines(catalog: Catalog) -> list[str]:
    return [printable(line) for line in catalog.relay.etiquette]


def shorthand(catalog: Catalog) -> list[tuple[str, str]]:
    """(abbreviation, meaning), in the catalog's order."""
    return [(s.abbreviation, s.meaning) for s in catalog.relay.shorthand]


def relay_types(catalog: Catalog) -> list[tuple[str, str]]:
    return [(t.code, t.name) for t in catalog.relay.types]


def provider_names(catalog: Catalog) -> list[str]:
    """The providers' names without the notes ("Hamilton Relay - believed to be ...")."""
    return [p.split(" - ")[0].split(" (")[0].strip() for p in catalog.relay.providers]


def summary_line(catalog: Catalog, rd: RelayDraft) -> str:
    name = dict(relay_types(catalog)).get(rd.relay_type, rd.relay_type)
    parts = [f"Relay: {name}", f"CA {rd.ca_number}" if rd.ca_number else "CA number missing"]
    parts += [p for p in (rd.provider, rd.language) if p]
    if rd.preferred_callback:
        parts.append(f"call-back {rd.preferred_callback}")
    return printable(", ".join(parts) + ".")
