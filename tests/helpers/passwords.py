"""Turn the shared-database sign-in rules on for a test (both backends).

``tests/conftest.py`` turns passwords off on the PostgreSQL test database for the other tests;
sign-in tests turn them on explicitly, and on SQLite too (where an admin may turn them on).
"""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

PASSWORD = "correct horse battery"


def set_setting(url: str, key: str, value: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM app_setting WHERE key = :k"), {"k": key})
            conn.execute(
                text(
                    "INSERT INTO app_setting (key, value, updated_at) "
                    "VALUES (:k, :v, CURRENT_TIMESTAMP)"
                ),
                {"k": key, "v": value},
            )
    finally:
        engine.dispose()


def operators_with_passwords(ctx, os_account: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Ada (admin) and Maria Lopez (CSR) with password ``PASSWORD``; then passwords required.

    ``os_account`` maps that workstation account to maria and allows workstation accounts.
    """
    from csc_console.services.auth import map_os_account, set_password
    from csc_console.services.operators import create_operator, sign_in

    admin = ctx.as_operator(sign_in(ctx, username="ada", display_name="Ada Admin"))
    create_operator(admin, username="maria", display_name="Maria Lopez", role="csr")
    set_password(admin, username="ada", password=PASSWORD)
    set_password(admin, username="maria", password=PASSWORD)
    if os_account:
        map_os_account(admin, username="maria", os_account=os_account)
        set_setting(str(ctx.db.url), "allow_os_accounts", "on")
    set_setting(str(ctx.db.url), "require_passwords", "on")
