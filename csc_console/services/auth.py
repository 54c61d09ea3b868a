"""Who is signing in: passwords, lock-out, workstation accounts, and console-wide settings.

On a shared PostgreSQL database operators prove who they are (``require_passwords`` defaults
to on there); on the local SQLite file (one workstation, protected by its own login) signing in
by name stays the default unless an administrator turns passwords on. Passwords are hashed with
argon2 (argon2-cffi). Five wrong passwords in a row lock the operator out for 15 minutes. An
administrator may allow workstation accounts: the operating-system user mapped to an operator
signs in without a password.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlmodel import col

from csc_console.db.models import AppSetting, Operator
from csc_console.db.types import utcnow
from csc_console.errors import NotFound, PermissionDenied, ValidationError
from csc_console.services.context import Ctx, OperatorPublic
from csc_console.vocab import Role

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 10
SETTINGS = {
    "require_passwords": "Operators sign in with a password (on/off; default on for PostgreSQL).",
    "allow_os_accounts": "A mapped workstation account signs in without a password (on/off).",
}
_ON = ("on", "true", "yes", "1")


def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    return str(_hasher().hash(password))


def verify_password(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(stored, password))
    except (VerificationError, InvalidHashError):
        return False


def check_password_rules(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"A password needs at least {MIN_PASSWORD} characters.", field="password")
    if password.strip().lower() == username.lower():
        raise ValidationError("The password cannot be the operator name.", field="password")
    if "\x00" in password:
        raise ValidationError("The password cannot contain a NUL character.", field="password")


# --------------------------------------------------------------------------- settings
def get_setting(ctx: Ctx, key: str) -> str | None:
    with ctx.db.session() as s:
        row = s.get(AppSetting, key)
        return row.value if row else None


def set_setting(ctx: Ctx, *, key: str, value: str) -> None:
    op = ctx.require(Role.ADMIN)
    if key not in SETTINGS:
        raise ValidationError(f"Unknown setting {key!r}; known: {', '.join(SETTINGS)}.", field="key")
    word = value.strip().lower()
    if word not in (*_ON, "off", "false", "no", "0"):
        raise ValidationError(f"{key} is on or off.", field="value")
    with ctx.db.session(write=True, operator_id=op.id, note=f"setting {key}") as s:
        row = s.get(AppSetting, key) or AppSetting(key=key, value="")
        row.value = "on" if word in _ON else "off"
        row.updated_at = utcnow()
        row.updated_by = op.id
        s.add(row)


def passwords_required(ctx: Ctx) -> bool:
    value = get_setting(ctx, "require_passwords")
    if value is None:
        return not ctx.db.is_sqlite
    return value in _ON


def os_accounts_allowed(ctx: Ctx) -> bool:
    return (get_setting(ctx, "allow_os_accounts") or "off") in _ON


# --------------------------------------------------------------------------- operators
def set_password(ctx: Ctx, *, username: str, password: str) -> None:
    """An operator changes their own password; an admin may set anyone's."""
    me = ctx.require()
    name = username.strip().lower()
    if name != me.username and me.role is not Role.ADMIN:
        raise PermissionDenied("Only an administrator can set another operator's password.")
    check_password_rules(password, name)
    with ctx.db.session(write=True, operator_id=me.id, note="password set") as s:
        row = s.scalars(select(Operator).where(col(Operator.username) == name)).first()
        if row is None:
            raise NotFound(f"There is no operator named {name!r}.")
        row.password_hash = hash_password(password)
        row.failed_logins = 0
        row.locked_until = None
        row.updated_at = utcnow()


def map_os_account(ctx: Ctx, *, username: str, os_account: str | None) -> None:
    """Admins: let a workstation account sign in as this operator (None removes it)."""
    op = ctx.require(Role.ADMIN)
    with ctx.db.session(write=True, operator_id=op.id, note="workstation account") as s:
        row = s.scalars(select(Operator).where(col(Operator.username) == username.strip().lower())).first()
        if row is None:
            raise NotFound(f"There is no operator named {username!r}.")
        account = (os_account or "").strip() or None
        if account:
            taken = s.scalars(select(Operator).where(col(Operator.os_account) == account, col(Operator.id) != row.id)).first()
            if taken is not None:
                raise ValidationError(f"The account {account!r} already signs in as {taken.username}.", field="os_account")
        row.os_account = account
        row.updated_at = utcnow()


@dataclass(frozen=True)
class Credentials:
    password: str | None = None
    os_user: str | None = None


def authenticate(ctx: Ctx, row: Operator, credentials: Credentials, *, now: datetime | None = None) -> None:
    """Raise unless ``credentials`` prove this operator (called inside a write session)."""
    now = now or utcnow()
    if row.locked_until and row.locked_until > now:
        minutes = max(1, int((row.locked_until - now).total_seconds() // 60) + 1)
        raise PermissionDenied(
            f"Operator {row.username!r} is locked after {MAX_FAILURES} wrong passwords; try again in "
            f"{minutes} minute{'s' if minutes != 1 else ''} or ask an administrator."
        )
    if credentials.os_user and row.os_account and credentials.os_user == row.os_account and os_accounts_allowed(ctx):
        return
    if not row.password_hash:
        raise PermissionDenied(
            f"Operator {row.username!r} has no password yet; an administrator sets one with "
            "csc-console operators passwd."
        )
    if credentials.password is None:
        raise PermissionDenied("This console needs your password.")
    if verify_password(row.password_hash, credentials.password):
        row.failed_logins = 0
        row.locked_until = None
        return
    row.failed_logins += 1
    left = MAX_FAILURES - row.failed_logins
    if left <= 0:
        row.locked_until = now + LOCKOUT
        row.failed_logins = 0
        message = f"Wrong password. Operator {row.username!r} is now locked for {int(LOCKOUT.total_seconds() // 60)} minutes."
    else:
        message = f"Wrong password ({left} tr{'y' if left == 1 else 'ies'} left before a {int(LOCKOUT.total_seconds() // 60)}-minute lock)."
    raise _Refused(message)


class _Refused(PermissionDenied):
    """A refusal whose bookkeeping (failure count, lock) must still be committed."""


def sign_in_checked(
    ctx: Ctx, *, username: str, credentials: Credentials, display_name: str | None = None
) -> OperatorPublic:
    """Sign in when passwords are required (see ``operators.sign_in``)."""
    from csc_console.services.operators import _public, create_operator, normalise_username

    name = normalise_username(username)
    refusal: _Refused | None = None
    with ctx.db.session(write=True, note="sign-in") as s:
        row = s.scalars(select(Operator).where(col(Operator.username) == name)).first()
        if row is None:
            empty = not s.scalar(select(func.count()).select_from(Operator))
            if not empty:
                raise NotFound(f"There is no operator named {name!r}.", hint="Ask an administrator to add you.")
        else:
            if not row.active:
                raise ValidationError(f"Operator {name!r} is deactivated; ask an administrator.", field="username")
            try:
                authenticate(ctx, row, credentials)
            except _Refused as exc:
                refusal = exc  # commit the failure count, then refuse
            else:
                return _public(row)
    if refusal is not None:
        raise PermissionDenied(str(refusal))
    # The very first operator of a shared database: created as admin with this password.
    if not credentials.password:
        raise ValidationError("The first operator of this database chooses a password now.", field="password")
    check_password_rules(credentials.password, name)
    first = create_operator(ctx, username=name, display_name=display_name, role=Role.ADMIN)
    set_password(ctx.as_operator(first), username=name, password=credentials.password)
    return first


# --------------------------------------------------------------------------- front ends
def current_os_user() -> str | None:
    """This workstation's account name (``getpass.getuser``), or None when it cannot be told."""
    import getpass

    try:
        return getpass.getuser() or None
    except (KeyError, OSError):
        return None


def workstation_operator(ctx: Ctx, os_user: str | None) -> str | None:
    """The operator this workstation account signs in as without a password, if an admin allows it."""
    if not os_user or not os_accounts_allowed(ctx):
        return None
    with ctx.db.session() as s:
        row = s.scalars(
            select(Operator).where(col(Operator.os_account) == os_user, col(Operator.active).is_(True))
        ).first()
        return row.username if row else None
