"""Phone numbers: parsed and validated with the phonenumbers library, shown in US format.

Stored as E.164 (``+16267447311``) with the extension apart; shown as ``(626) 744-7311 ext. 12``
for North American numbers and in international format otherwise. Spoken aloud digit by digit
in read-backs.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

from csc_console.errors import ValidationError

DEFAULT_REGION = "US"


@dataclass(frozen=True)
class Phone:
    e164: str
    extension: str | None
    display: str

    @property
    def spoken(self) -> str:
        digits = " ".join(ch for ch in self.display if ch.isdigit())
        return digits


def _display(number: phonenumbers.PhoneNumber) -> str:
    if number.country_code == 1:
        return str(phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
    return str(phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL))


def parse_phone(text: str, *, region: str = DEFAULT_REGION) -> Phone:
    """Parse what a CSR typed ("626-744-7311", "(626) 744 7311 x12", "+44 20 7946 0958").

    Raises ``ValidationError`` with a sentence saying what is wrong: too short, missing the area
    code, too long, or not a number in use.
    """
    raw = (text or "").strip()
    if not raw:
        raise ValidationError("The phone number is empty.", field="phone")
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException:
        raise ValidationError(
            f"{raw!r} is not a phone number: type the digits, e.g. 626-744-7311.", field="phone"
        ) from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        raise ValidationError(
            f"{raw} is missing the area code: type all ten digits, e.g. 626-744-7311.", field="phone"
        )
    if reason == ValidationResult.TOO_SHORT:
        raise ValidationError(f"{raw} is too short for a phone number.", field="phone")
    if reason == ValidationResult.TOO_LONG:
        raise ValidationError(f"{raw} is too long for a phone number.", field="phone")
    if reason != ValidationResult.IS_POSSIBLE or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            f"{raw} is not a valid phone number (check the area code and the digits).", field="phone"
        )
    extension = number.extension or None
    if extension is not None and (not extension.isdigit() or len(extension) > 10):
        raise ValidationError("The extension must be up to 10 digits.", field="phone")
    e164 = str(phonenumbers.format_number(number, PhoneNumberFormat.E164))
    return Phone(e164=e164, extension=extension, display=display_phone(e164, extension))


def try_parse_phone(text: str) -> Phone | None:
    """The parsed number if ``text`` is a complete, valid number, else None (for as-you-type)."""
    try:
        return parse_phone(text)
    except ValidationError:
        return None


def display_phone(e164: str | None, extension: str | None = None) -> str:
    """How a stored number is shown."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    shown = _display(number)
    return f"{shown} ext. {extension}" if extension else shown
