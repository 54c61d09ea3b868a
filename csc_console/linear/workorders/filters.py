"""The queue's filter: kept per operator (their last filter; at first every open work order, due
first), changed with a short form::

    1. Show the queue
    2. Department or division: all departments
    3. Statuses: open work orders
    ...
    Filter, 1 to 12, default 1:

Each field's question comes with its current value as the default; after it the form is asked
again, and Enter shows the queue. ``back`` or ``cancel`` at the form keeps the old filter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from csc_console.desks.workorders.queue import QueueState, not_kept
from csc_console.desks.workorders.words import (
    ANY_CATEGORY,
    ANY_PRIORITY,
    OVERDUE_ONLY,
    SORTS,
    crews_of,
    filter_line,
    priority_label,
    sort_words,
    split_where,
    statuses_phrase,
    where_name,
    where_options,
    where_value,
)
from csc_console.errors import CscError
from csc_console.linear.ask import Back, Cancel, Scope, ask
from csc_console.linear.prompts import ChoicePrompt, Option, Prompt, TextPrompt, YesNoPrompt
from csc_console.linear.workflow import Outcome, Workflow
from csc_console.linear.workorders.prompts import CrewPrompt, StatusesPrompt
from csc_console.services.queues import QueueFilter
from csc_console.vocab import Priority

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

TEXT_MAX = 200


def keep(session: LineSession, state: QueueState) -> None:
    """Remember the queue's filter as the operator's last (a failure only costs the default)."""
    try:
        operator = state.keep(session.ctx)
    except CscError as exc:
        session.io.notice(not_kept(exc))
        return
    if operator is not None:
        session.signed_in(operator)


@dataclass(frozen=True)
class Field:
    key: str
    title: str
    shown: Callable[[QueueFilter, str], str]
    prompt: Callable[[QueueFilter], Prompt[Any]]
    current: Callable[[QueueFilter, str], Any]
    apply: Callable[[QueueFilter, str, Any], tuple[QueueFilter, str]]


def _optional_field(
    key: str,
    title: str,
    shown: Callable[[QueueFilter, str], str],
    prompt: Callable[[QueueFilter], Prompt[Any]],
) -> Field:
    """A part of the filter that may be left empty (any): ``key`` names the ``QueueFilter`` field."""
    return Field(
        key,
        title,
        shown,
        prompt,
        lambda f, _: getattr(f, key) or "",
        lambda f, s, v: (replace(f, **{key: v or None}), s),  # type: ignore[arg-type]
    )


def _text_field(
    key: str, title: str, shown: Callable[[QueueFilter, str], str], label: str, hint: str
) -> Field:
    """A free-text part of the filter."""
    return _optional_field(
        key, title, shown, lambda _: TextPrompt(label, required=False, max_length=TEXT_MAX, hint=hint)
    )


class FilterForm(Workflow):
    title = "Queue filter"
    noun = "the filter"

    def __init__(self, session: LineSession, state: QueueState) -> None:
        super().__init__(session)
        self.state = state
        self.applied = False

    def has_unsaved_data(self) -> bool:
        return False

    # ------------------------------------------------------------------ fields
    def fields(self) -> list[Field]:
        catalog = self.ctx.catalog
        categories = [Option("", ANY_CATEGORY)] + [
            Option(c.code, c.name) for c in sorted(catalog.categories, key=lambda c: c.name) if c.work_order
        ]
        priorities = [Option("", ANY_PRIORITY)] + [Option(p.value, p.label) for p in Priority]

        def category_name(f: QueueFilter, _: str) -> str:
            if not f.category:
                return "any"
            return next((o.title for o in categories if o.value == f.category), f.category)

        return [
            Field(
                "where",
                "Department or division",
                lambda f, _: where_name(catalog, f.department, f.division),
                lambda _: ChoicePrompt("Department or division", where_options(catalog)),
                lambda f, _: where_value(f.department, f.division),
                lambda f, s, v: (replace(f, department=split_where(v)[0], division=split_where(v)[1]), s),
            ),
            Field(
                "statuses",
                "Statuses",
                lambda f, _: statuses_phrase(f.statuses),
                lambda f: StatusesPrompt(f.statuses),
                lambda f, _: f.statuses,
                lambda f, s, v: (replace(f, statuses=tuple(v)), s),
            ),
            _optional_field(
                "crew",
                "Crew",
                lambda f, _: f.crew or "any",
                lambda f: CrewPrompt(self.ctx, crews_of(catalog, f.department, f.division), none_word="any"),
            ),
            _optional_field(
                "category", "Category", category_name, lambda _: ChoicePrompt("Category", categories)
            ),
            _optional_field(
                "priority",
                "Priority",
                lambda f, _: priority_label(f.priority) if f.priority else "any",
                lambda _: ChoicePrompt("Priority", priorities),
            ),
            Field(
                "overdue",
                OVERDUE_ONLY,
                lambda f, _: "yes" if f.overdue else "no",
                lambda _: YesNoPrompt(OVERDUE_ONLY),
                lambda f, _: f.overdue,
                lambda f, s, v: (replace(f, overdue=bool(v)), s),
            ),
            _text_field(
                "text",
                "Search text",
                lambda f, _: f.text or "none",
                "Search text",
                "Found in the work, the number or the address.",
            ),
            _text_field(
                "address",
                "Address",
                lambda f, _: f"containing {f.address}" if f.address else "any",
                "Address contains",
                "Part of the address, such as Lake Ave.",
            ),
            Field(
                "sort",
                "Sort",
                lambda _, s: sort_words(s),
                lambda _: ChoicePrompt("Sort", SORTS),
                lambda _, s: s,
                lambda f, _, v: (f, str(v)),
            ),
        ]

    # ------------------------------------------------------------------ the form
    def run(self) -> Outcome:
        io = self.io
        filt, sort = self.state.filt, self.state.sort
        fields = {f.key: f for f in self.fields()}
        scope = Scope(
            back_help="keep the filter as it was and leave the form.",
            cancel_help="keep the filter as it was and leave the form.",
            extra_help=("Choose a field to change it; Enter alone shows the queue.",),
            confirm_quit=self.session.confirm_quit,
        )
        first = True
        while True:
            options = [Option("show", "Show the queue")]
            options += [Option(f.key, f.title, f.shown(filt, sort)) for f in fields.values()]
            options.append(Option("clear", "Clear the filter", "every open work order, due first"))
            prompt = ChoicePrompt("Filter", options, default="show", list_options=first)
            first = False
            try:
                key = ask(io, prompt, scope=scope)
            except (Back, Cancel):
                io.status(f"Filter unchanged. {self.state.line(self.ctx.catalog)}")
                return Outcome.CANCELLED
            if key == "show":
                self.state.filt, self.state.sort = filt, sort
                keep(self.session, self.state)
                self.applied = True
                return Outcome.DONE
            if key == "clear":
                filt, sort = QueueFilter(), "due"
                io.say(filter_line(self.ctx.catalog, filt, sort))
                continue
            field = fields[key]
            asked = field.prompt(filt)
            try:
                value = ask(io, asked, current=field.current(filt, sort), scope=Scope(
                    back_help="return to the filter form without changing this.",
                    cancel_help="return to the filter form without changing this.",
                    confirm_quit=self.session.confirm_quit,
                ))
            except (Back, Cancel):
                continue
            filt, sort = field.apply(filt, sort, value)
            if asked.echo(value) is None:  # free text is not said back by its prompt
                io.say(f"{field.title}: {field.shown(filt, sort)}.")
