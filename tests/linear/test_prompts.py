"""The prompt toolkit: prompt lines, parsing, defaults, echo and help."""

from __future__ import annotations

import pytest

from csc_console.errors import ValidationError
from csc_console.linear.prompts import (
    ChoicePrompt,
    MultiChoicePrompt,
    Option,
    PromptError,
    TextPrompt,
    YesNoPrompt,
    match_option,
)

WORKSPACES = [
    Option("intake", "Intake", "take a call"),
    Option("workorders", "Work orders"),
    Option("web", "Web requests", aliases=("portal",)),
    Option("dispatch", "Dispatch"),
]


def test_text_prompt_line_says_label_optional_and_default() -> None:
    assert TextPrompt("Caller name").text(None) == "Caller name:"
    assert TextPrompt("Email", required=False).text(None) == "Email, optional:"
    assert TextPrompt("Caller name").text("Maria Lopez") == "Caller name, default Maria Lopez:"
    long = "x" * 400
    assert TextPrompt("Description", max_length=4000).text(long) == (
        "Description, Enter keeps the 400 characters typed before:"
    )
    assert TextPrompt("Password", secret=True).text("s3cret") == (
        "Password, Enter keeps what you typed before:"
    )


def test_text_prompt_parses_trims_keeps_and_clears() -> None:
    p = TextPrompt("Caller name", max_length=10)
    assert p.parse("  Maria  ", None) == "Maria"
    assert p.parse("", "Maria") == "Maria"
    with pytest.raises(PromptError, match="Caller name is required"):
        p.parse("   ", None)
    with pytest.raises(PromptError, match="11 characters long; the limit is 10"):
        p.parse("x" * 11, None)
    optional = TextPrompt("Email", required=False)
    assert optional.parse("", None) == ""
    assert optional.parse("-", "a@b.org") == ""
    assert p.parse("-", None) == "-"  # a required answer cannot be cleared


def test_text_prompt_validator_errors_become_prompt_errors() -> None:
    def check(text: str) -> str:
        if not text.isdigit():
            raise ValidationError("The CA number has digits only.")
        return text.lstrip("0")

    p = TextPrompt("CA number", validate=check)
    assert p.parse("0042", None) == "42"
    with pytest.raises(PromptError, match="digits only"):
        p.parse("4x", None)


def test_text_help_says_limits_and_current_value() -> None:
    lines = TextPrompt("Email", required=False, hint="Where replies go.").help_lines("a@b.org")
    assert lines == [
        "Where replies go.",
        "Optional; at most 200 characters.",
        "Now: a@b.org",
        "Type - alone to leave it empty.",
    ]


def test_choice_prompt_line_has_range_and_default() -> None:
    p = ChoicePrompt("Workspace", WORKSPACES, default="intake")
    assert p.text(None) == "Workspace, 1 to 4, default 1:"
    assert p.text("dispatch") == "Workspace, 1 to 4, default 4:"
    assert ChoicePrompt("Workspace", WORKSPACES).text(None) == "Workspace, 1 to 4:"
    assert ChoicePrompt("Only", WORKSPACES[:1]).text(None) == "Only, 1 only:"
    assert p.intro_lines(None) == [
        "1. Intake: take a call",
        "2. Work orders",
        "3. Web requests",
        "4. Dispatch",
    ]


def test_choice_by_number_name_prefix_alias_and_default() -> None:
    p = ChoicePrompt("Workspace", WORKSPACES, default="intake")
    assert p.parse("2", None) == "workorders"
    assert p.parse(" dispatch ", None) == "dispatch"
    assert p.parse("DIS", None) == "dispatch"
    assert p.parse("portal", None) == "web"
    assert p.parse("work-orders", None) == "workorders"
    assert p.parse("orders", None) == "workorders"  # the start of a word
    assert p.parse("requests", None) == "web"
    assert p.parse("", None) == "intake"
    assert p.parse("", "web") == "web"
    assert p.echo("workorders") == "Work orders."


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("5", "5 is not a choice here; type a number from 1 to 4."),
        ("0", "0 is not a choice here"),
        ("w", "'w' could be Work orders, Web requests; type more of the name, or the number."),
        ("zebra", "There is no choice 'zebra'; type a number from 1 to 4."),
        ("rders", "There is no choice 'rders'"),
    ],
)
def test_choice_errors_say_what_to_type(typed: str, message: str) -> None:
    with pytest.raises(PromptError) as err:
        match_option(WORKSPACES, typed)
    assert message in err.value.message


def test_choice_without_default_needs_an_answer() -> None:
    with pytest.raises(PromptError, match="Type a number from 1 to 4"):
        ChoicePrompt("Workspace", WORKSPACES).parse("", None)


def test_choice_needs_options() -> None:
    with pytest.raises(ValueError, match="at least one option"):
        ChoicePrompt("Workspace", [])


def test_yes_no() -> None:
    p = YesNoPrompt("Save the request", default=True)
    assert p.text(None) == "Save the request, yes or no, default yes:"
    assert YesNoPrompt("Quit").text(None) == "Quit, yes or no:"
    assert p.parse("", None) is True
    assert p.parse("N", None) is False
    assert p.parse("yes", None) is True
    assert p.echo(False) == "No."
    with pytest.raises(PromptError, match="'maybe' is not yes or no"):
        p.parse("maybe", None)
    with pytest.raises(PromptError, match="Type yes or no"):
        YesNoPrompt("Quit").parse("", None)


def test_multi_choice() -> None:
    options = [
        Option("asl", "ASL interpreter"),
        Option("cart", "CART captioning"),
        Option("listening", "Assistive listening"),
        Option("large", "Large print"),
    ]
    p = MultiChoicePrompt("Accommodations", options, default=("asl", "large"))
    assert p.text(None) == (
        "Accommodations, numbers from 1 to 4 separated by commas, default 1 and 4:"
    )
    assert p.parse("2, 3", None) == ("cart", "listening")
    assert p.parse("3 1", None) == ("asl", "listening")
    assert p.parse("2-4", None) == ("cart", "listening", "large")
    assert p.parse("large print, asl", None) == ("asl", "large")
    assert p.parse("", None) == ("asl", "large")
    assert p.parse("none", None) == ()
    assert p.echo(("asl", "cart")) == "ASL interpreter, CART captioning."
    assert p.echo(()) == "None."
    with pytest.raises(PromptError, match="9 is not a choice"):
        p.parse("1, 9", None)
    required = MultiChoicePrompt("Accommodations", options, required=True)
    assert required.text(None) == "Accommodations, numbers from 1 to 4 separated by commas:"
    with pytest.raises(PromptError, match="at least one"):
        required.parse("", None)
    with pytest.raises(PromptError, match="none is not allowed"):
        required.parse("none", None)
