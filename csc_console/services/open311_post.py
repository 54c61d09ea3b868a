"""``POST requests``: a report from the web portal, the mobile app or a partner.

What the client can fix is refused with a sentence (400): an unknown ``service_code``, no
location at all, a description over 4,000 characters, an attribute that is not one of the
service's, a value not among its choices, a required attribute left out, a malformed email,
phone number, coordinate or ``media_url``.

What needs a person is accepted into the inbox instead, with a ``token`` (the standard's way of
saying "a request will be made later"; ``GET tokens/{token}`` gives its number once a CSR made
it): an address the street file does not know (or cannot place exactly), or coordinates with no
address (the console has no geocoder; a CSR places the report on the street file).

Everything else becomes a request at once through ``requests.create_request``, exactly like a
phone request (validation, duplicate check, routing, SLA), with channel ``web``, or ``app`` for
a key marked as the mobile app's.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from csc_console.db.models import ADDRESS_MAX, DESCRIPTION_MAX, MEDIA_URL_MAX
from csc_console.errors import NotFound, ValidationError
from csc_console.services import inbox
from csc_console.services.answers import AnswerValue, check_answers
from csc_console.services.apikeys import ApiKeyPublic
from csc_console.services.callers import CallerInput
from csc_console.services.context import Ctx
from csc_console.services.open311 import find_category
from csc_console.services.phones import parse_phone
from csc_console.services.requests import NewRequest, create_request
from csc_console.services.text import clean_text

NAME_PART_MAX = 100
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]{1,64})\](\[\])?$")
_URL = re.compile(r"^https?://[^\s]+$", re.I)


@dataclass(frozen=True)
class PostResult:
    service_request_id: str | None
    token: str | None
    service_notice: str

    @property
    def created(self) -> bool:
        return self.service_request_id is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "service_request_id": self.service_request_id,
            "token": self.token,
            "service_notice": self.service_notice,
            "account_id": None,
        }


def _one(form: Mapping[str, Sequence[str]], name: str) -> str:
    values = form.get(name) or []
    return values[0].strip() if values else ""


def _coordinate(text: str, name: str, low: float, high: float) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValidationError(f"{name} {text!r} is not a number.", field=name) from None
    if not low <= value <= high:
        raise ValidationError(f"{name} {text!r} is outside {low:g} to {high:g}.", field=name)
    return value


def attributes(form: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """``attribute[code]=value`` (repeated, or ``attribute[code][]=``, for several values)."""
    found: dict[str, list[str]] = {}
    for key, values in form.items():
        m = _ATTRIBUTE.match(key)
        if m:
            found.setdefault(m.group(1), []).extend(v for v in values if v.strip())
    return found


def _answers(category: Any, raw: dict[str, list[str]]) -> dict[str, AnswerValue | None]:
    out: dict[str, AnswerValue | None] = {}
    for code, values in raw.items():
        question = category.question(code)
        if question is not None and question.datatype == "multivaluelist":
            out[code] = list(values)
        else:
            out[code] = values[0] if values else None
    return out


def _caller(form: Mapping[str, Sequence[str]]) -> tuple[CallerInput, str | None]:
    first = clean_text(_one(form, "first_name"), field="first_name", max_length=NAME_PART_MAX)
    last = clean_text(_one(form, "last_name"), field="last_name", max_length=NAME_PART_MAX)
    name = " ".join(p for p in (first, last) if p) or None
    email = inbox.clean_email(_one(form, "email"))
    phone_text = _one(form, "phone")
    phone = parse_phone(phone_text).display if phone_text else None
    return CallerInput(name=name, email=email, phone=phone), phone_text or None


def post_request(
    ctx: Ctx,
    form: Mapping[str, Sequence[str]],
    *,
    key: ApiKeyPublic,
    now: datetime,
) -> PostResult:
    """Create the request, or accept the report into the inbox; ``ValidationError`` -> 400."""
    code = _one(form, "service_code")
    if not code:
        raise ValidationError("service_code is required.", field="service_code")
    try:
        category = find_category(ctx.catalog, code)
    except NotFound as exc:
        raise ValidationError(str(exc), field="service_code") from None
    checked = check_answers(
        category, _answers(category, attributes(form)), calendar=ctx.calendar, now=now
    )
    lat = _coordinate(_one(form, "lat"), "lat", -90, 90)
    long = _coordinate(_one(form, "long"), "long", -180, 180)
    if (lat is None) != (long is None):
        raise ValidationError("Give both lat and long, or neither.", field="lat")
    address = clean_text(
        _one(form, "address_string") or _one(form, "address_id"),
        field="address_string",
        max_length=ADDRESS_MAX,
    )
    if not address and lat is None:
        raise ValidationError(
            "A location is required: address_string, or lat and long.", field="address_string"
        )
    description = clean_text(
        _one(form, "description"), field="description", max_length=DESCRIPTION_MAX, multiline=True
    )
    media_url = _one(form, "media_url") or None
    if media_url and (len(media_url) > MEDIA_URL_MAX or not _URL.match(media_url)):
        raise ValidationError("media_url must be an http or https URL.", field="media_url")
    caller, phone_typed = _caller(form)
    check = ctx.catalog.street_index.check(address) if address else None
    if check is not None and check.ok:
        made = create_request(
            ctx,
            NewRequest(
                category=category.code,
                description=description,
                address=address,
                caller=caller,
                answers=dict(checked.values),
                channel=key.channel,
                latitude=lat,
                longitude=long,
                media_url=media_url,
            ),
            now=now,
        )
        due = f" Target: {category.sla.describe()}." if made.due_at else ""
        return PostResult(made.number, None, f"Thank you; request {made.number} was created.{due}")
    reason = (
        f"Address not found in the city's street file: {check.message}"
        if check is not None
        else "Only map coordinates were given; a CSR will place the report on a street."
    )
    token = secrets.token_urlsafe(16)
    message, _ = inbox.add_message(
        ctx,
        inbox.NewMessage(
            channel=key.channel,
            body=description or f"{category.name} (no description given).",
            received_at=now,
            name=caller.name,
            email=caller.email,
            phone=phone_typed,
            subject=category.name,
            address=address or None,
            source=f"Open311: {key.name}",
            token=token,
            details={
                "service_code": category.code,
                "attributes": dict(checked.values),
                "lat": lat,
                "long": long,
                "media_url": media_url,
                "api_key": key.prefix,
                "reason": reason,
            },
        ),
        now=now,
    )
    local = message.respond_by.astimezone(ctx.zone)
    return PostResult(
        None,
        token,
        f"Thank you. A member of staff will review this report and respond by "
        f"{local:%A %B} {local.day}, {local:%-I:%M %p}. {reason}",
    )
