"""The relay panel of a relay call (711): the relay details, then the turn-by-turn transcript,
above the request intake of the same call.

Answering a relay call puts the cursor on "Relay type" (a number picks it); Enter goes on
through CA number (Enter on an empty one is allowed: a warning says the call is flagged, and
the wrap-up says it again), provider, language and the caller's preferred call-back; Enter on
the call-back saves the panel (``relay.set_details``, in a worker) and goes to "Turn".

In "Turn" the CSR types what is said and Enter records it with the time (``desks.relay``:
numbered, saved in a worker; a database that is away keeps it in the outbox, one message says
so, and it is saved, once, when the database returns). "Speaker" (Caller, CSR, CA note) says
whose words they are; after GA or SK it moves to the other party by itself. Enter on an empty
turn goes on to the caller's phone. Turns are listed literally below, one per line, with their time, the latest highlighted.

Keys in the panel (all in help, F1, and in the palette): Ctrl+G, Ctrl+S, Ctrl+F end the turn
with GA, SK or SKSK and record it; Ctrl+T the shorthand list (the pick goes into the turn);
Ctrl+N the next speaker; Ctrl+L the relay etiquette; Ctrl+O the call dropped; Ctrl+B a call-back
attempt (its outcome is what "Turn" holds); Ctrl+Y saves the transcript as a text file (the path
is said). Alt+V, anywhere on the screen, comes back to the transcript.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static

from csc_console.db.models import NOTE_MAX
from csc_console.desks import relay as relay_desk
from csc_console.desks.intake.steps import LABEL, Step
from csc_console.desks.relay import CA_MISSING, SPEAKERS, RelayDraft, Turn
from csc_console.errors import CscError, DatabaseUnavailable, ValidationError
from csc_console.screens.intake import text
from csc_console.screens.intake.relay_dialogs import EtiquetteModal, ShorthandModal
from csc_console.services import calls
from csc_console.services.outbox import Outbox
from csc_console.services.text import printable
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.screens.intake.desk import Desk
    from csc_console.services.context import Ctx
    from csc_console.services.intake import CallDraft
    from csc_console.services.relay import RelayPublic

#: field id -> (RelayDraft attribute, label, limit)
DETAILS = {
    "relay-ca": ("ca_number", LABEL[Step.RELAY_CA_NUMBER], 32),
    "relay-provider": ("provider", LABEL[Step.RELAY_PROVIDER], 200),
    "relay-language": ("language", LABEL[Step.RELAY_LANGUAGE], 40),
    "relay-callback": ("preferred_callback", "Relay call-back", 200),
}
RETRY_SECONDS = 5.0


def _bind(key: str, action: str, words: str, id: str) -> Binding:  # noqa: A002
    return Binding(key, action, words, id=id, show=False, tooltip=words)


class RelayPanel(Vertical):
    BINDINGS: ClassVar[list[Any]] = [
        _bind("ctrl+g", "mark('GA')", "End the turn with GA and record it", "relay-ga"),
        _bind("ctrl+s", "mark('SK')", "End the turn with SK and record it", "relay-sk"),
        _bind("ctrl+f", "mark('SKSK')", "End the turn with SKSK (final) and record it", "relay-sksk"),
        _bind("ctrl+t", "shorthand", "Relay shorthand list", "relay-shorthand"),
        _bind("ctrl+n", "next_speaker", "Next speaker", "relay-speaker"),
        _bind("ctrl+l", "etiquette", "Relay etiquette reminder", "relay-etiquette"),
        _bind("ctrl+o", "dropped", "The relay call dropped", "relay-dropped"),
        _bind("ctrl+b", "callback", "Record a call-back attempt (outcome in Turn)", "relay-callback"),
        _bind("ctrl+y", "export", "Save the transcript as a text file", "relay-export"),
    ]

    def __init__(self, desk: Desk, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.desk = desk
        self.rd = RelayDraft()
        self._outbox: Outbox | None = None
        self._retry: Timer | None = None
        self.busy = False
        self.saved_once = False

    def applies(self) -> bool:
        d = self.desk.draft
        return d is not None and d.channel == "relay"

    def compose(self) -> ComposeResult:
        types = relay_desk.relay_types(self.desk.catalog)
        yield Static(literal("Relay call"), classes="section-title", markup=False)
        yield LabelledField(LABEL[Step.RELAY_TYPE], ChoiceList(LABEL[Step.RELAY_TYPE], types, id="relay-type"),
                            classes="choice-field")  # fmt: skip
        for field, (_, label, limit) in DETAILS.items():
            yield LabelledField(label, TextField(id=field, max_length=limit))
        # The turn first: the cursor's field is scrolled to the top of the form, and the
        # speaker and the latest turns stay in view below it.
        yield LabelledField("Turn", TextField(id="relay-turn", max_length=NOTE_MAX))
        yield LabelledField("Speaker", ChoiceList("Speaker", SPEAKERS, id="relay-speaker"),
                            classes="choice-field")  # fmt: skip
        yield ReadList("Transcript", empty="No turns yet.", id="relay-turns")

    def on_mount(self) -> None:
        self._retry = self.set_interval(RETRY_SECONDS, self._try_again, pause=True)

    # ------------------------------------------------------------------ state
    @property
    def outbox(self) -> Outbox:
        if self._outbox is None:
            self._outbox = Outbox(self.desk.ctx.require().username)
        return self._outbox

    def load(self, draft: CallDraft) -> None:
        self.rd = RelayDraft.of(draft.relay)
        self.saved_once = self.rd.saved
        if draft.channel == "relay" and not self.rd.provider and not draft.relay:
            names = relay_desk.provider_names(self.desk.catalog)
            self.rd.provider, self.rd.language = (names[0] if names else ""), "English"
        self.query_one("#relay-type", ChoiceList).set_value(self.rd.relay_type or None)
        for field, (attr, _, _) in DETAILS.items():
            self.query_one(f"#{field}", TextField).value = getattr(self.rd, attr)
        self.query_one("#relay-turn", TextField).value = ""
        self._show_turns()
        self.query_one("#relay-speaker", ChoiceList).set_value(self.rd.speaker)
        self.store()
        if self.rd.queued and self._retry is not None:
            self._retry.resume()

    def store(self) -> None:
        d = self.desk.draft
        if d is not None and d.channel == "relay":
            d.relay = self.rd.to_dict()
            self.desk.changed()

    def _show_turns(self) -> None:
        zone = self.desk.ctx.zone
        listing = self.query_one("#relay-turns", ReadList)
        listing.set_lines([f"{t.seq}. {t.line(zone)}" for t in self.rd.turn_list])
        if self.rd.turns:
            listing.highlighted = len(self.rd.turns) - 1  # the latest turn in view

    def go(self) -> None:
        """Alt+V: the turn being typed (the relay type first when it is not chosen yet)."""
        if self.desk.draft is None:
            self.desk.notify("No call in progress: Enter or Alt+A answers a call.", "warning")
        elif not self.applies():
            self.desk.notify("This is not a relay call: answer it as Relay for the relay panel.",
                             "warning")  # fmt: skip
        else:
            self.desk.focus("relay-turn" if self.rd.relay_type else "relay-type")

    # ------------------------------------------------------------------ the details
    @on(ChoiceList.Changed, "#relay-type")
    def _type_changed(self, event: ChoiceList.Changed) -> None:
        if isinstance(event.value, str):
            self.rd.set_details(relay_type=event.value)
            self.store()

    @on(ChoiceList.Accepted, "#relay-type")
    def _type_done(self) -> None:
        self.desk.go_on(Step.RELAY_TYPE)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        field = event.input.id or ""
        if field in DETAILS:
            event.stop()
            self._take(field)
            if field == "relay-ca" and not event.value.strip():
                self.desk.notify(CA_MISSING, "warning")
            step = text.STEP_OF[field]
            if step != Step.RELAY_CALLBACK:
                self.desk.go_on(step)
            else:  # the panel is complete: saved, then the transcript
                self.save_details(then=self.desk.field_of(Step.TRANSCRIPT))
        elif field == "relay-turn":
            event.stop()
            if event.value.strip():
                self.record(event.value)
            else:
                cd = self.desk.cd
                if cd is not None:  # back to where the call was, or on to the caller
                    self.desk.focus(self.desk.field_of(cd.out_of_transcript(on_a_form=True)))

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        if (event.input.id or "") in DETAILS:
            self._take(event.input.id or "")
            if self.saved_once and not self.rd.saved:  # a change after the panel was saved
                self.save_details()

    def _take(self, field: str) -> None:
        attr = DETAILS[field][0]
        self.rd.set_details(**{attr: self.query_one(f"#{field}", TextField).value.strip()})
        self.store()

    def save_details(self, *, then: str | None = None) -> None:
        try:
            relay_desk.check_details(self.desk.catalog, self.rd)
        except ValidationError as error:
            field = "relay-type" if error.field == "relay_type" else None
            self.desk.error(printable(str(error)), field)
            return
        if then:
            self.desk.focus(then)
        details = self.rd.details()

        def save(ctx: Ctx) -> RelayPublic:
            return relay_desk.save_details(ctx, call_id=self._call_id(ctx), details=details)

        def failed(error: BaseException) -> bool:
            if isinstance(error, DatabaseUnavailable):
                self.desk.notify(f"{printable(str(error))} The relay panel is kept and saved "
                                 "with the next turn.", "error")  # fmt: skip
                return True
            return self._failed(error)

        self.desk.run_job("relay", save, lambda r: self._details_saved(details, r),
                          failed=failed, exclusive=False)  # fmt: skip

    def _call_id(self, ctx: Ctx) -> int:
        """The call's id (answered while the database was away: answered now, once)."""
        d = self.desk.draft
        assert d is not None
        if d.call_id is not None:
            return d.call_id
        answered = self.desk.answered_at or self.desk.now()
        return calls.start_call(ctx, channel="relay", client_key=d.call_key, now=answered).id

    def _details_saved(self, details: dict[str, str], r: RelayPublic) -> None:
        d = self.desk.draft
        if d is not None and d.call_id is None:
            d.call_id = r.call_id
        self.saved_once = True
        if self.rd.details() == details:
            self.rd.saved = True
            self.store()
        said = relay_desk.summary_line(self.desk.catalog, self.rd)
        self.desk.notify(f"{said} {CA_MISSING if not self.rd.ca_number else ''}".strip(),
                         "warning" if not self.rd.ca_number else "information")  # fmt: skip

    def _failed(self, error: BaseException) -> bool:
        self.busy = False
        if isinstance(error, CscError):
            field = {"relay_type": "relay-type", "turn": "relay-turn"}.get(getattr(error, "field", "") or "")
            self.desk.error(printable(str(error)), field)
            return True
        return False

    def wrapping_up(self) -> None:
        """The wrap-up: a changed panel is saved; a missing CA number is said again."""
        if not self.applies():
            return
        if self.rd.relay_type and not self.rd.saved:
            self.save_details()
        if not self.rd.ca_number:
            self.desk.notify(CA_MISSING, "warning")

    # ------------------------------------------------------------------ turns
    def speaker(self) -> str:
        value = self.query_one("#relay-speaker", ChoiceList).value
        return value if isinstance(value, str) else self.rd.speaker

    def record(self, text: str) -> None:
        if not self.applies() or self.busy:
            return
        if not self.rd.relay_type:
            self.desk.error("Choose the relay type first.", "relay-type")
            return
        try:
            who, body = relay_desk.check_turn(self.speaker(), text)
        except ValidationError as error:
            self.desk.error(printable(str(error)), "relay-turn")
            return
        turn = Turn(self.rd.next_seq, self.desk.now().isoformat(), who, body)
        typed = self._field().value  # cleared once saved, unless typing went on meanwhile
        details = None if self.rd.saved else self.rd.details()
        self.busy = True

        def save(ctx: Ctx) -> relay_desk.Recorded:
            call_id = self._call_id(ctx)
            if details is not None:
                relay_desk.save_details(ctx, call_id=call_id, details=details)
            return relay_desk.record(ctx, call_id=call_id, turn=turn, outbox=self.outbox)

        def failed(error: BaseException) -> bool:
            if isinstance(error, DatabaseUnavailable):  # before the turn had a call to go to
                self.busy = False
                self.desk.error(f"{printable(str(error))} The turn stays in Turn: Enter tries again.",
                                "relay-turn")  # fmt: skip
                return True
            return self._failed(error)

        self.desk.run_job("relay", save, lambda rec: self._recorded(turn, details, rec, typed),
                          failed=failed, exclusive=False)  # fmt: skip

    def _recorded(
        self, turn: Turn, details: dict[str, str] | None, rec: relay_desk.Recorded, typed: str
    ) -> None:
        self.busy = False
        if details is not None and self.rd.details() == details:
            self.rd.saved = True
        if rec.flushed:
            self.rd.all_saved()
        self.rd.add(turn)
        self.rd.mark(turn.seq, queued=rec.queued)
        self.store()
        field = self._field()
        if field.value == typed:
            field.value = ""
        self._show_turns()
        self.query_one("#relay-speaker", ChoiceList).set_value(self.rd.speaker)
        next_one = relay_desk.speaker_name(self.rd.speaker)
        lines = [relay_desk.flushed_line(rec.flushed)] if rec.flushed else []
        lines += [relay_desk.refused_line(f) for f in rec.failed]
        if rec.queued:
            lines.append(relay_desk.kept_line(rec))
            if self._retry is not None:
                self._retry.resume()
        else:
            lines.append(f"Turn {turn.seq} saved. Next: {next_one}.")
        self.desk.notify(" ".join(lines), "warning" if rec.queued or rec.failed else "information")

    def _try_again(self) -> None:
        """Every few seconds while kept turns wait (this call's, or a call already wrapped
        up: they are in the outbox, not in the call's draft)."""
        if self.busy:
            return
        queued = self.rd.queued

        def flushed(result: Any) -> None:
            if result.unreachable:
                return
            if self._retry is not None:
                self._retry.pause()
            if self.rd.queued:
                self.rd.all_saved()
                self.store()
                self._show_turns()
            count = queued or relay_desk.turns_written(result)
            if count:
                self.desk.notify(relay_desk.flushed_line(count))

        self.desk.run_job("relay-retry", lambda ctx: relay_desk.replay(ctx, self.outbox), flushed,
                          failed=lambda e: isinstance(e, CscError))  # fmt: skip

    # ------------------------------------------------------------------ keys
    def _field(self) -> TextField:
        return self.query_one("#relay-turn", TextField)

    def action_mark(self, mark: str) -> None:
        self.record(relay_desk.with_marker(self._field().value, mark))

    def action_shorthand(self) -> None:
        modal = ShorthandModal(relay_desk.shorthand(self.desk.catalog))
        self.desk.screen.app.push_screen(modal, callback=self._insert)

    def _insert(self, abbreviation: str | None) -> None:
        field = self._field()
        if abbreviation:
            at = field.cursor_position
            before, after = field.value[:at], field.value[at:]
            gap = " " if before and not before.endswith(" ") else ""
            field.value = f"{before}{gap}{abbreviation} {after.lstrip()}".rstrip() + " "
            field.cursor_position = len(before) + len(gap) + len(abbreviation) + 1
        self.desk.focus(field)

    def action_next_speaker(self) -> None:
        values = [v for v, _ in SPEAKERS]
        chosen = values[(values.index(self.speaker()) + 1) % len(values)]
        self.query_one("#relay-speaker", ChoiceList).set_value(chosen)
        self.desk.notify(f"Speaker: {relay_desk.speaker_name(chosen)}.")

    @on(ChoiceList.Accepted, "#relay-speaker")
    def _speaker_done(self) -> None:
        self.desk.focus("relay-turn")

    @on(OptionList.OptionSelected, "#relay-turns")
    def _turns_read(self) -> None:
        self.desk.focus("relay-turn")

    def action_etiquette(self) -> None:
        lines = relay_desk.etiquette_lines(self.desk.catalog)
        self.desk.screen.app.push_screen(EtiquetteModal(lines))

    def _with_call(self, job: Any, done: Any) -> None:
        if not self.applies():
            self.desk.notify("This is not a relay call.", "warning")
            return
        if not self.rd.saved:
            self.desk.error("Save the relay panel first: Enter on Relay call-back.", "relay-type")
            return
        self.desk.run_job("relay", lambda ctx: job(ctx, self._call_id(ctx)), done,
                          failed=self._failed, exclusive=False)  # fmt: skip

    def action_dropped(self) -> None:
        def done(r: RelayPublic) -> None:
            self.rd.dropped = r.dropped
            self.store()
            if self.desk.cd is not None:
                self.desk.cd.relay_dropped()
                self.desk.wrapup.show_disposition()
                self.desk.changed()
            then = "type the outcome in Turn, then Ctrl+B"
            self.desk.notify(relay_desk.dropped_line(self.rd, then=then))
            self.desk.focus("relay-turn")

        self._with_call(lambda ctx, call_id: relay_desk.mark_dropped(ctx, call_id=call_id), done)

    def action_callback(self) -> None:
        outcome = self._field().value.strip()
        if not outcome:
            self.desk.error("Type what happened on the call-back in Turn (reached the caller, no "
                            "answer), then Ctrl+B.", "relay-turn")  # fmt: skip
            return
        outbox = self.outbox

        def done(r: RelayPublic) -> None:
            self.rd.replace_turns(r)
            self.store()
            self._field().value = ""
            self._show_turns()
            self.desk.notify(relay_desk.callback_line(r.callback_attempts))

        self._with_call(lambda ctx, call_id: relay_desk.record_callback(
            ctx, call_id=call_id, outcome=outcome, outbox=outbox), done)  # fmt: skip

    def action_export(self) -> None:
        outbox, now = self.outbox, self.desk.now()

        def done(path: Any) -> None:
            self.rd.all_saved()
            self.store()
            self._show_turns()
            self.desk.notify(relay_desk.exported_line(path))

        self._with_call(lambda ctx, call_id: relay_desk.export_transcript(
            ctx, call_id=call_id, outbox=outbox, now=now), done)  # fmt: skip
