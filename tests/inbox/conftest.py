from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from csc_console.services.inbox import NewMessage, add_message

#: Tuesday, March 3, 2026, 9:00 AM in Pasadena
NOW = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)


def message(
    ctx: Any, body: str = "There is a big pothole outside 1200 N Lake Ave", **kw: Any
) -> Any:
    fields: dict[str, Any] = {
        "channel": "live_chat",
        "name": "Jane Caller",
        "email": "jane@example.com",
        "received_at": NOW - timedelta(hours=1),
        **kw,
    }
    made, _ = add_message(ctx, NewMessage(body=body, **fields), now=NOW)
    return made


@pytest.fixture
def second_csr(csr_ctx: Any, admin_ctx: Any) -> Any:
    from csc_console.services.operators import create_operator

    other = create_operator(admin_ctx, username="lee", display_name="Lee Chan", role="csr")
    return admin_ctx.as_operator(other)
