"""A relay call (711) in screen-reader mode: the relay panel, then the turn-by-turn transcript,
then the request intake on the same call.

When the call's channel is relay, the call starts with the relay panel, one prompt each:
relay type (numbered), CA number (Enter alone leaves it empty: a warning says the call is
flagged), provider, language and the caller's preferred call-back; the panel is saved (a
database outage offers "Try again", as every save of a call does). Then the transcript::

    Caller's turn: My trash was not picked up GA
    Status: Turn 1 saved.
    CSR's turn: What is your address? GA

Each line is one turn, recorded with the time it was typed. ``caller:``, ``csr:`` or ``ca:`` at
the start of a line says who speaks (``ca:`` is a CA note); without it the turn is the party
whose turn it is (after GA or SK the other party's). Commands at the transcript prompt: ``ga``,
``sk``, ``sksk`` record that turn end alone; ``short`` lists the relay shorthand and records
the one chosen; ``done`` (or Enter alone) goes on to what the call is about. At every prompt
of a relay call: ``etiquette`` (the reminder), ``transcript`` (record turns, then ``done``
returns to the same prompt), ``dropped``, ``callback`` (a call-back attempt through 711, with
its outcome) and ``export`` (the plain-text record, to a file whose path is said).

A turn the database cannot take is kept on this computer (``desks.relay``: the outbox) and saved
before the next one, by its number, never twice; one ``Notice:`` line says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from csc_console.desks import relay as relay_desk
from csc_console.desks.intake.steps import LABEL
from csc_console.desks.intake.steps import Step as CallStep
from csc_console.desks.relay import CA_MISSING, RelayDraft, Turn
from csc_console.errors import CscError
from csc_console.linear.ask import Back, Cancel, Command, Scope, ask
from csc_console.linear.intake.prompts import FieldPrompt, OptionalChoicePrompt
from csc_console.linear.prompts import ChoicePrompt, Option, Prompt, PromptError
from csc_console.linear.workflow import STAY, Goto, Step
from csc_console.services.outbox import Outbox

if TYPE_CHECKING:
    from csc_console.linear.intake.call import CallFlow, FlowResult

DONE = "__done"
PREFIXES = {"caller": "caller", "csr": "csr", "ca": "ca"}
TRANSCRIPT_HELP = (
    "Type each turn as it is said, then Enter: it is saved with the time.",
    "Start a line with caller:, csr: or ca: to say who speaks (ca: is a CA note); otherwise "
    "the turn is the party whose turn it is, and after GA or SK the other party's.",
    "Enter alone, or done, goes on to what the call is about.",
)


class TurnPrompt(Prompt[tuple[str, str]]):
    """One turn: (speaker, text), or (DONE, "") for ``done`` or Enter alone. ``speaker()`` is
    whose turn it is now (a command at this prompt may have changed it)."""

    def __init__(self, speaker: Callable[[], str], *, done_words: str) -> None:
        self.speaker = speaker
        self.done_words = done_words
        self.hint = None

    @property  # the base class's attribute, computed here
    def label(self) -> str:  # type: ignore[override]
        who = self.speaker()
        return "CA note" if who == "ca" else f"{relay_desk.speaker_name(who)}'s turn"

    def text(self, current: tuple[str, str] | None) -> str:
        return f"{self.label}:"

    def parse(self, raw: str, current: tuple[str, str] | None) -> tuple[str, str]:
        typed = raw.strip()
        if not typed or typed.lower() == "done":
            return DONE, ""
        speaker = self.speaker()
        head, colon, rest = typed.partition(":")
        if colon and head.strip().lower() in PREFIXES:
            speaker, typed = PREFIXES[head.strip().lower()], rest.strip()
            if not typed:
                raise PromptError(f"Type the words after {head.strip()}:, on the same line.")
        return speaker, typed

    def help_lines(self, current: tuple[str, str] | None) -> list[str]:
        return [*TRANSCRIPT_HELP[:2], f"Enter alone, or done, {self.done_words}."]


class RelaySteps:
    def __init__(self, flow: CallFlow) -> None:
        self.flow = flow
        self._outbox: Outbox | None = None

    # ------------------------------------------------------------------ state
    @property
    def active(self) -> bool:
        return self.flow.draft.channel == "relay"

    @property
    def rd(self) -> RelayDraft:
        return RelayDraft.of(self.flow.draft.relay)

    def store(self, rd: RelayDraft) -> None:
        self.flow.draft.relay = rd.to_dict()
        self.flow.keep_draft()

    @property
    def outbox(self) -> Outbox:
        if self._outbox is None:
            self._outbox = Outbox(self.flow.ctx.require().username)
        return self._outbox

    @property
    def call_id(self) -> int:
        call_id = self.flow.draft.call_id
        assert call_id is not None  # a line-mode call is answered in the database
        return call_id

    # ------------------------------------------------------------------ steps
    def steps(self) -> list[Step]:
        if not self.active:
            return []
        f, cat = self.flow, self.flow.ctx.catalog
        types = [Option(code, name) for code, name in relay_desk.relay_types(cat)]
        rd = self.rd

        def text(key: str, label: str, limit: int, hint: str, default: str = "") -> Step:
            value = getattr(rd, key) or default
            return f.step(
                f"relay_{key}",
                lambda: FieldPrompt(label, limit=limit, default=value or None, hint=hint),
                lambda v: self.take(key, v),
                restore=lambda: getattr(self.rd, key),
            )

        language = "Spanish" if rd.relay_type == "spanish" else "English"
        return [
            f.step(
                "relay_type",
                lambda: ChoicePrompt(LABEL[CallStep.RELAY_TYPE], types, default=self.rd.relay_type or None),
                lambda v: self.take("relay_type", v),
                intro=lambda: [
                    "Relay call: the communications assistant (CA) gives the relay type and "
                    "their CA number first. Type etiquette at any prompt for the reminder."
                ],
                restore=lambda: self.rd.relay_type,
            ),
            text("ca_number", LABEL[CallStep.RELAY_CA_NUMBER], 32,
                 "The number the CA gives, such as 4417."),
            text("provider", LABEL[CallStep.RELAY_PROVIDER], 200, "Who answered as the relay.",
                 relay_desk.provider_names(cat)[0] if cat.relay.providers else ""),  # fmt: skip
            text("language", LABEL[CallStep.RELAY_LANGUAGE], 40,
                 "The language of the conversation.", language),
            f.step(
                "relay_callback",
                lambda: FieldPrompt(
                    LABEL[CallStep.RELAY_CALLBACK],
                    limit=200,
                    default=self.rd.preferred_callback or None,
                    hint=f"How to call back if the call drops: {relay_desk.CALLBACK_HINT}.",
                ),
                self.take_callback,
                restore=lambda: self.rd.preferred_callback,
            ),
            Step(
                "transcript",
                lambda: TurnPrompt(lambda: self.rd.speaker, done_words="goes on to what the call is about"),
                apply=self.take_turn,
                intro=lambda: ["Transcript: one line per turn; help lists the commands."],
                commands=self.turn_commands(),
            ),
        ]

    def take(self, key: str, value: str) -> FlowResult:
        rd = self.rd
        rd.set_details(**{key: value})
        self.store(rd)
        if key == "ca_number" and not value:
            self.flow.io.say(f"Warning: {CA_MISSING}")
        return None

    def take_callback(self, value: str) -> FlowResult:
        self.take("preferred_callback", value)
        return self.flow.saving(self.save_details, "saving the relay panel")

    def save_details(self) -> FlowResult:
        rd = self.rd
        relay_desk.check_details(self.flow.ctx.catalog, rd)
        relay_desk.save_details(self.flow.ctx, call_id=self.call_id, details=rd.details())
        rd.saved = True
        self.store(rd)
        self.flow.io.status(relay_desk.summary_line(self.flow.ctx.catalog, rd))
        return Goto("transcript")

    # ------------------------------------------------------------------ turns
    def take_turn(self, value: tuple[str, str]) -> FlowResult:
        speaker, text = value
        if speaker == DONE:
            return None
        self.record(speaker, text)
        return STAY

    def record(self, speaker: str, text: str) -> None:
        """Check, number, save (or keep) one turn; what happened is said in one line."""
        f = self.flow
        who, body = relay_desk.check_turn(speaker, text)
        rd = self.rd
        if not rd.saved:
            self.save_details()
            rd = self.rd
        turn = Turn(rd.next_seq, f.now().isoformat(), who, body)
        rd.add(turn)
        self.store(rd)  # kept before the database is tried: a crash loses nothing
        done = relay_desk.record(f.ctx, call_id=self.call_id, turn=turn, outbox=self.outbox)
        rd = self.rd
        if done.flushed:
            rd.all_saved()
            f.io.status(relay_desk.flushed_line(done.flushed))
        for failure in done.failed:
            f.io.error(relay_desk.refused_line(failure))
        rd.mark(turn.seq, queued=done.queued)
        self.store(rd)
        if done.queued:
            f.io.notice(relay_desk.kept_line(done))
        else:
            f.io.status(f"Turn {turn.seq} saved.")

    def marker(self, mark: str) -> Command:
        return Command(
            mark.lower(),
            f"record {mark} alone as a turn of the party whose turn it is.",
            lambda: self.guarded(lambda: self.record(self.rd.speaker, mark)),
        )

    def guarded(self, action: Any) -> None:
        try:
            action()
        except CscError as exc:
            self.flow.io.error(str(exc))

    def turn_commands(self) -> list[Command]:
        return [
            self.marker("GA"),
            self.marker("SK"),
            self.marker("SKSK"),
            Command("short", "list the relay shorthand and record the one chosen.", self.short),
        ]

    def short(self) -> None:
        io = self.flow.io
        options = [Option(a, a, detail=m) for a, m in relay_desk.shorthand(self.flow.ctx.catalog)]
        try:
            chosen = ask(io, OptionalChoicePrompt("Shorthand", options), scope=self.aside_scope())
        except (Back, Cancel):
            chosen = ""
        if not chosen:
            io.status("No shorthand recorded.")
            return
        self.guarded(lambda: self.record(self.rd.speaker, chosen))

    # ------------------------------------------------------------------ at every prompt
    def commands(self) -> list[Command]:
        if not self.active:
            return []
        return [
            Command("etiquette", "say the relay etiquette reminder.", self.etiquette),
            Command("transcript", "record turns of the conversation, then done comes back here.",
                    self.aside),  # fmt: skip
            Command("dropped", "record that the relay call dropped.", self.dropped),
            Command("callback", "record a call-back attempt through 711 and its outcome.",
                    self.callback),  # fmt: skip
            Command("export", "save the transcript as a plain-text file.", self.export),
        ]

    def aside_scope(self) -> Scope:
        return Scope(
            back_help="leave this and return to the question before.",
            cancel_help="leave this and return to the question before.",
            quit_help="leave csc-console; the call is kept.",
            commands=self.flow.commands(),
            confirm_quit=self.flow.session.confirm_quit,
        )

    def etiquette(self) -> None:
        lines = relay_desk.etiquette_lines(self.flow.ctx.catalog)
        self.flow.io.lines(["Relay etiquette:", *(f"{i}. {line}" for i, line in enumerate(lines, 1))])

    def aside(self) -> None:
        """``transcript`` from another prompt: turns until done, then back to that prompt."""
        io = self.flow.io
        if not self.rd.relay_type:
            io.error("Give the relay type first.")
            return
        scope = self.aside_scope()
        scope = replace(scope, commands=(*self.turn_commands(), *scope.commands))
        while True:
            prompt = TurnPrompt(lambda: self.rd.speaker, done_words="returns to the question before")
            try:
                speaker, text = ask(io, prompt, scope=scope)
            except (Back, Cancel):
                speaker, text = DONE, ""
            if speaker == DONE:
                io.status("Back to the call.")
                return
            self.guarded(lambda s=speaker, t=text: self.record(s, t))

    def dropped(self) -> None:
        def run() -> None:
            public = relay_desk.mark_dropped(self.flow.ctx, call_id=self.call_id)
            rd = self.rd
            rd.dropped = public.dropped
            self.store(rd)
            self.flow.desk.relay_dropped()
            self.flow.io.status(relay_desk.dropped_line(rd, then="then type callback"))

        self.guarded(run)

    def callback(self) -> None:
        io = self.flow.io
        try:
            outcome = ask(
                io,
                FieldPrompt("Call-back outcome", limit=500, required=True,
                            hint="Such as: reached the caller through 711, or no answer."),  # fmt: skip
                scope=self.aside_scope(),
            )
        except (Back, Cancel):
            io.status("No call-back recorded.")
            return

        def run() -> None:
            public = relay_desk.record_callback(
                self.flow.ctx, call_id=self.call_id, outcome=outcome, outbox=self.outbox
            )
            rd = self.rd
            rd.replace_turns(public)
            self.store(rd)
            io.status(relay_desk.callback_line(public.callback_attempts))

        self.guarded(run)

    def export(self) -> None:
        def run() -> None:
            path = relay_desk.export_transcript(
                self.flow.ctx, call_id=self.call_id, outbox=self.outbox, now=self.flow.now()
            )
            rd = self.rd
            rd.all_saved()
            self.store(rd)
            self.flow.io.status(relay_desk.exported_line(path))

        self.guarded(run)

    def resume_lines(self) -> list[str]:
        """A resumed relay call: the panel and the turns so far, in two lines."""
        rd = self.rd
        if not self.active or not rd.relay_type:
            return []
        kept = f", {rd.queued} kept, not saved yet" if rd.queued else ""
        return [relay_desk.summary_line(self.flow.ctx.catalog, rd), f"Turns so far: {len(rd.turns)}{kept}."]

    # ------------------------------------------------------------------ wrap-up
    def wrapup_lines(self) -> list[str]:
        if not self.active:
            return []
        out = []
        rd = self.rd
        if not rd.ca_number:
            out.append(f"Warning: {CA_MISSING}")
        if rd.queued:
            try:
                flushed = relay_desk.replay(self.flow.ctx, self.outbox)
            except CscError:
                flushed = None
            if flushed is not None and not flushed.unreachable:
                out.append(f"Status: {relay_desk.flushed_line(rd.queued)}")
                rd.all_saved()
                self.store(rd)
            else:
                out.append(f"Notice: {rd.queued} turns are kept on this computer; they are "
                           "saved when the database returns.")  # fmt: skip
        return out
