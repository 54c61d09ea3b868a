"""Phone numbers: parsed, validated and shown in US format; clear errors for bad ones."""

from __future__ import annotations

import pytest

from csc_console.errors import ValidationError
from csc_console.services.phones import display_phone, parse_phone, try_parse_phone


@pytest.mark.parametrize(
    ("typed", "e164", "ext", "shown"),
    [
        ("626-744-7311", "+16267447311", None, "(626) 744-7311"),
        ("(626) 744 7311", "+16267447311", None, "(626) 744-7311"),
        ("6267447311", "+16267447311", None, "(626) 744-7311"),
        ("1 626 744 7311", "+16267447311", None, "(626) 744-7311"),
        ("626.744.7311 x12", "+16267447311", "12", "(626) 744-7311 ext. 12"),
        ("626-744-7311 ext 3", "+16267447311", "3", "(626) 744-7311 ext. 3"),
        ("+44 20 7946 0958", "+442079460958", None, "+44 20 7946 0958"),
        ("1-800-611-1911", "+18006111911", None, "(800) 611-1911"),
    ],
)
def test_valid_numbers(typed: str, e164: str, ext: str | None, shown: str) -> None:
    phone = parse_phone(typed)
    assert (phone.e164, phone.extension, phone.display) == (e164, ext, shown)
    assert display_phone(phone.e164, phone.extension) == shown


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "empty"),
        ("744-7311", "missing the area code"),
        ("626-744", "too short"),
        ("626-744-73111234567", "too long"),
        ("123-456-7890", "not a valid phone number"),
        ("call me maybe", "not a phone number"),
        ("911", "too short"),
    ],
)
def test_invalid_numbers_say_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        parse_phone(typed)
    assert info.value.field == "phone"


def test_partial_numbers_while_typing_are_not_errors() -> None:
    assert try_parse_phone("626-74") is None
    assert try_parse_phone("626-744-7311") is not None


def test_spoken_digits() -> None:
    assert parse_phone("626-744-7311").spoken == "6 2 6 7 4 4 7 3 1 1"
