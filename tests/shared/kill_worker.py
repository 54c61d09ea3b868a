"""Child process for the SIGKILL test: saves requests in a loop the way a console does
(draft on disk first, then the idempotent save, then the draft cleared) until killed."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from csc_console.config import load_settings
from csc_console.services.bootstrap import open_context
from csc_console.services.callers import CallerInput
from csc_console.services.drafts import DraftStore
from csc_console.services.operators import sign_in
from csc_console.services.requests import NewRequest, create_request

POTHOLE = {"location_in_street": "2", "size": "medium", "hazard": "no"}


def main() -> None:
    url, draft_dir = sys.argv[1], Path(sys.argv[2])
    ctx = open_context(load_settings(database_url=url))
    ctx = ctx.as_operator(sign_in(ctx, username="admin"))
    drafts = DraftStore("admin", draft_dir)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        key = uuid.uuid4().hex
        address = f"{100 + (n % 40) * 10} N Lake Ave"
        drafts.save("current-call", {"key": key, "address": address, "notes": "x" * 2000})
        create_request(ctx, NewRequest(category="potholes", address=address, answers=POTHOLE,
                                       caller=CallerInput(phone="626-555-0101"), client_key=key))
        drafts.delete("current-call")


if __name__ == "__main__":
    main()
