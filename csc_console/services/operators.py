"""Operators: who signs in, with which role and preferences."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from csc_console.db.models import Operator
from csc_console.db.types import utcnow
from csc_console.errors import ConcurrentWriteError, NotFound, StaleEditError, ValidationError
from csc_console.services.context import Ctx, OperatorPublic
from csc_console.services.text import clean_text
from csc_console.vocab import Role

USERNAME = re.compile(r"^[a-z][a-z0-9._-]{0,63}$")
PREFERENCE_KEYS = {"screen_reader", "plain", "theme", "workorder_queue"}


def _public(row: Operator) -> OperatorPublic:
    assert row.id is not None
    return OperatorPublic(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        active=row.active,
        preferences=dict(row.preferences or {}),
        version=row.version,
        created_at=row.created_at,
    )


def normalise_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise ValidationError(
            f"{username.strip()!r} is not a valid operator name: use a letter first, then "
            "letters, digits, dots, hyphens or underscores (at most 64).",
            field="username",
        )
    return name


def count_operators(ctx: Ctx) -> int:
    with ctx.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Operator)) or 0)


def list_operators(ctx: Ctx, *, include_inactive: bool = False) -> list[OperatorPublic]:
    with ctx.db.session() as s:
        q = select(Operator).order_by(col(Operator.username))
        if not include_inactive:
            q = q.where(col(Operator.active).is_(True))
        return [_public(r) for r in s.scalars(q)]


def _get(s: Session, username: str) -> Operator | None:
    return s.scalars(select(Operator).where(col(Operator.username) == username)).first()


def get_operator(ctx: Ctx, *, username: str) -> OperatorPublic:
    name = normalise_username(username)
    with ctx.db.session() as s:
        row = _get(s, name)
        if row is None:
            raise NotFound(f"There is no operator named {name!r}.")
        return _public(row)


def create_operator(
    ctx: Ctx,
    *,
    username: str,
    display_name: str | None = None,
    role: Role | str = Role.CSR,
) -> OperatorPublic:
    """Add an operator. Only an admin may, except for the very first one, who becomes admin."""
    name = normalise_username(username)
    shown = clean_text(display_name or name, field="display name", max_length=200, required=True)
    wanted = Role(role) if isinstance(role, str) else role
    with ctx.db.session(write=True, operator_id=ctx.operator_id, note="operator added") as s:
        first = not s.scalar(select(func.count()).select_from(Operator))
        if not first:
            ctx.require(Role.ADMIN)
        if _get(s, name) is not None:
            raise ValidationError(f"An operator named {name!r} already exists.", field="username")
        row = Operator(username=name, display_name=shown, role=(Role.ADMIN if first else wanted).value)
        s.add(row)
        try:
            s.flush()
        except IntegrityError:
            raise ValidationError(f"An operator named {name!r} already exists.", field="username") from None
        return _public(row)


def sign_in(
    ctx: Ctx,
    *,
    username: str,
    display_name: str | None = None,
    password: str | None = None,
    os_user: str | None = None,
) -> OperatorPublic:
    """Sign in.

    Where passwords are required (a shared PostgreSQL database by default, or when an admin
    turned them on) the password or a mapped workstation account must prove the operator
    (``services.auth``). Otherwise by name: the local, single-workstation default. On an empty
    database the first operator is created and made admin; otherwise the name must belong to
    an active operator.
    """
    from csc_console.services.auth import Credentials, passwords_required, sign_in_checked

    if passwords_required(ctx):
        return sign_in_checked(
            ctx, username=username, credentials=Credentials(password, os_user), display_name=display_name
        )
    name = normalise_username(username)
    with ctx.db.session() as s:
        row = _get(s, name)
        empty = row is None and not s.scalar(select(func.count()).select_from(Operator))
        if row is not None:
            if not row.active:
                raise ValidationError(f"Operator {name!r} is deactivated; ask an administrator.", field="username")
            return _public(row)
    if empty:
        return create_operator(ctx, username=name, display_name=display_name, role=Role.ADMIN)
    raise NotFound(
        f"There is no operator named {name!r}.",
        hint="Check the spelling, or ask an administrator to add you (csc-console operators add).",
    )


def update_preferences(ctx: Ctx, *, expected_version: int, **changes: Any) -> OperatorPublic:
    """Save the signed-in operator's own display preferences (screen reader, plain, theme)."""
    me = ctx.require()
    unknown = set(changes) - PREFERENCE_KEYS
    if unknown:
        raise ValidationError(f"Unknown preference {sorted(unknown)[0]!r}.")
    try:
        with ctx.db.session(write=True, operator_id=me.id, note="preferences") as s:
            row = s.get(Operator, me.id)
            if row is None:
                raise NotFound("Your operator record no longer exists.")
            if row.version != expected_version:
                raise StaleEditError(
                    "Your preferences were changed elsewhere; reload and try again.", current=_public(row)
                )
            row.preferences = {**(row.preferences or {}), **changes}
            row.updated_at = utcnow()
            s.flush()
            return _public(row)
    except (StaleDataError, ConcurrentWriteError):
        raise StaleEditError("Your preferences were changed elsewhere; reload and try again.") from None
