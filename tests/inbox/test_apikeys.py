"""API keys (shown once, stored as a hash, revocable) and the token-bucket rate limiter."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sqlalchemy import select

from csc_console.cli.main import main
from csc_console.db.models import ApiKey
from csc_console.errors import NotFound, PermissionDenied, ValidationError
from csc_console.services.apikeys import (
    authenticate,
    create_api_key,
    list_api_keys,
    revoke_api_key,
)
from csc_console.services.ratelimit import Limit, RateLimiter


def test_keys_are_shown_once_and_stored_as_a_hash(admin_ctx: Any, csr_ctx: Any) -> None:
    made = create_api_key(admin_ctx, name="City web portal")
    secret = made.secret
    assert secret.startswith("csc_") and len(secret) > 40
    with admin_ctx.db.session() as s:
        row = s.scalars(select(ApiKey)).one()
        stored = " ".join(str(v) for v in row.model_dump().values())
    assert secret not in stored
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    [listed] = list_api_keys(admin_ctx)
    assert listed.prefix == secret[:12] and listed.last_used_at is None and listed.active

    found = authenticate(admin_ctx, secret)
    assert found is not None and found.id == made.key.id and found.channel == "web"
    assert list_api_keys(admin_ctx)[0].last_used_at is not None
    assert authenticate(admin_ctx, secret + "x") is None
    assert authenticate(admin_ctx, "") is None and authenticate(admin_ctx, "é" * 10) is None

    with pytest.raises(PermissionDenied):
        create_api_key(csr_ctx, name="sneaky")
    with pytest.raises(PermissionDenied):
        revoke_api_key(csr_ctx, key_id=made.key.id)
    revoked = revoke_api_key(admin_ctx, key_id=made.key.id)
    assert revoked.revoked_at is not None and not revoked.active
    assert authenticate(admin_ctx, secret) is None
    with pytest.raises(NotFound):
        revoke_api_key(admin_ctx, key_id=999)
    app = create_api_key(admin_ctx, name="PasadenaCSC app", app=True)
    assert authenticate(admin_ctx, app.secret).channel == "app"  # type: ignore[union-attr]


def test_the_apikeys_command(
    settings: Any, admin_ctx: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", settings.database_url]
    assert main([*db, "--operator", "admin", "apikeys", "create", "Web portal"]) == 0
    out = capsys.readouterr().out
    secret = next(
        line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("API key:")
    )
    assert "cannot be shown again" in out
    assert main([*db, "apikeys", "list"]) == 0
    listing = capsys.readouterr().out
    assert f"1: {secret[:12]}..., Web portal, created " in listing and "active" in listing
    assert secret not in listing
    assert main([*db, "apikeys", "create", "No operator"]) == 1
    assert "--operator" in capsys.readouterr().err
    assert main([*db, "--operator", "admin", "apikeys", "revoke", "1"]) == 0
    assert main([*db, "apikeys", "list"]) == 0
    assert "REVOKED" in capsys.readouterr().out


def test_token_buckets_refill_at_their_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(Limit(per_minute=60, burst=3), clock=lambda: now[0], max_buckets=2)
    assert [limiter.take("a") for _ in range(3)] == [None, None, None]
    wait = limiter.take("a")
    assert wait is not None and 0.9 < wait <= 1.0
    assert limiter.take("b") is None  # each key has its own bucket
    now[0] += 1.0
    assert limiter.take("a") is None and limiter.take("a") is not None
    limiter.take("c")  # only two buckets are kept: "b", the oldest, is forgotten
    assert len(limiter._buckets) == 2


def test_limits_parse_from_the_command_line() -> None:
    assert Limit.parse("60/20") == Limit(per_minute=60, burst=20)
    assert Limit.parse("30") == Limit(per_minute=30, burst=30)
    with pytest.raises(ValidationError):
        Limit.parse("fast")
    with pytest.raises(ValidationError):
        Limit.parse("0/1")
