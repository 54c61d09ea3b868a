"""API keys for the Open311 server: created by an administrator, shown once, stored as a hash.

A key is ``csc_`` followed by 43 random URL-safe characters (256 bits from ``secrets``). Only
its SHA-256 hash is stored: with that much entropy a salted slow hash (argon2, bcrypt) adds
nothing but cost per request, since nobody can guess a key whose hash leaked. ``prefix`` (the
first 12 characters) names the key in lists and logs without revealing it.

A key marked ``app`` belongs to the city's mobile app: requests posted with it get the channel
``app`` instead of ``web``. Revoking is immediate and permanent (create a new key instead).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select, update
from sqlmodel import col

from csc_console.db.models import NAME_MAX, ApiKey
from csc_console.db.types import utcnow
from csc_console.errors import NotFound, ValidationError
from csc_console.services.context import Ctx
from csc_console.services.text import clean_text
from csc_console.vocab import Role

KEY_PREFIX = "csc_"
PREFIX_LENGTH = 12
MAX_KEY_LENGTH = 200  # anything longer is not one of ours: refused before hashing


@dataclass(frozen=True)
class ApiKeyPublic:
    id: int
    name: str
    prefix: str
    app: bool
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def channel(self) -> str:
        return "app" if self.app else "web"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "prefix": self.prefix,
            "app": self.app,
            "created_at": self.created_at.isoformat(),
            "last_used_at": self.last_used_at.isoformat() if self.last_used_at else None,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


@dataclass(frozen=True)
class NewApiKey:
    """A key just created: ``secret`` is shown this once and never stored."""

    key: ApiKeyPublic
    secret: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _public(row: ApiKey) -> ApiKeyPublic:
    assert row.id is not None
    return ApiKeyPublic(
        id=row.id,
        name=row.name,
        prefix=row.prefix,
        app=row.app,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


def create_api_key(ctx: Ctx, *, name: str, app: bool = False) -> NewApiKey:
    """A new key (administrators only). The secret is in the result and nowhere else."""
    op = ctx.require(Role.ADMIN)
    label = clean_text(name, field="key name", max_length=NAME_MAX, required=True)
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    with ctx.db.session(write=True, operator_id=op.id, note="API key created") as s:
        row = ApiKey(
            name=label,
            prefix=secret[:PREFIX_LENGTH],
            secret_hash=hash_secret(secret),
            app=app,
            created_at=utcnow(),
            created_by=op.id,
        )
        s.add(row)
        s.flush()
        return NewApiKey(key=_public(row), secret=secret)


def list_api_keys(ctx: Ctx, *, include_revoked: bool = True) -> list[ApiKeyPublic]:
    q = select(ApiKey).order_by(col(ApiKey.id))
    if not include_revoked:
        q = q.where(col(ApiKey.revoked_at).is_(None))
    with ctx.db.session() as s:
        return [_public(r) for r in s.scalars(q)]


def revoke_api_key(ctx: Ctx, *, key_id: int) -> ApiKeyPublic:
    """Revoke a key by its id (administrators only); revoking twice is harmless."""
    op = ctx.require(Role.ADMIN)
    with ctx.db.session(write=True, operator_id=op.id, note="API key revoked") as s:
        row = s.get(ApiKey, key_id)
        if row is None:
            raise NotFound(f"There is no API key with id {key_id}.")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            row.revoked_by = op.id
            s.flush()
        return _public(row)


def authenticate(
    ctx: Ctx, secret: str | None, *, now: datetime | None = None
) -> ApiKeyPublic | None:
    """The active key whose secret this is (and note its use), or None."""
    if not secret or len(secret) > MAX_KEY_LENGTH or not secret.isascii():
        return None
    digest = hash_secret(secret.strip())
    when = now or utcnow()
    with ctx.db.session() as s:
        row = s.scalars(select(ApiKey).where(col(ApiKey.secret_hash) == digest)).first()
        if row is None or row.revoked_at is not None:
            return None
        found = _public(row)
    # A Core UPDATE in its own write transaction (SQLite: taken up front, never upgraded from a
    # read): the time of last use is bookkeeping, not an audited change.
    with ctx.db.session(write=True) as s:
        s.execute(update(ApiKey).where(col(ApiKey.id) == found.id).values(last_used_at=when))
    return replace(found, last_used_at=when)


def parse_key_id(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValidationError(
            f"{text!r} is not a key id; `csc-console apikeys list` shows them."
        ) from None
