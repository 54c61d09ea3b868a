"""Relay calls, accessibility requests and the rollout route list, on both databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from csc_console.cli.main import main
from csc_console.db.models import AuditEvent
from csc_console.errors import PermissionDenied, ValidationError
from csc_console.services import calls, relay
from csc_console.services.callers import CallerInput
from csc_console.services.requests import NewRequest, create_request
from csc_console.services.rollout import route_list, route_text

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def relay_call(ctx: Any, *, ca: str | None = "CA 4417") -> int:
    call = calls.start_call(ctx, channel="relay", now=NOW)
    relay.set_details(ctx, call_id=call.id, relay_type="tty", ca_number=ca, provider="California Relay Service",
                      preferred_callback="711 then (626) 555-0101")
    return call.id


def test_relay_panel_turns_and_transcript(csr_ctx: Any) -> None:
    call_id = relay_call(csr_ctx)
    relay.add_turn(csr_ctx, call_id=call_id, speaker="ca", text="CA 4417 here, TTY call GA", seq=1, now=NOW)
    relay.add_turn(csr_ctx, call_id=call_id, speaker="caller", text="My trash was missed GA", seq=2, now=NOW + timedelta(seconds=40))
    relay.add_turn(csr_ctx, call_id=call_id, speaker="csr", text="What is your address? GA", now=NOW + timedelta(seconds=60))
    again = relay.add_turn(csr_ctx, call_id=call_id, speaker="caller", text="My trash was missed GA", seq=2)
    assert again.seq == 2  # a retried save is recognised
    with pytest.raises(ValidationError, match="already saved with other text"):
        relay.add_turn(csr_ctx, call_id=call_id, speaker="caller", text="something else", seq=2)
    r = relay.get_relay(csr_ctx, call_id=call_id)
    assert r is not None and [t.seq for t in r.turns] == [1, 2, 3]
    assert r.flags == []
    text = relay.transcript_text(csr_ctx, call_id=call_id)
    assert text.splitlines()[1] == "Relay type: TTY (text telephone)"
    assert "Caller: My trash was missed GA" in text
    detail = calls.show_call(csr_ctx, call_id=call_id).to_json()
    assert detail["relay_type"] == "tty" and detail["ca_number"] == "CA 4417"
    assert [t["speaker"] for t in detail["turns"]] == ["ca", "caller", "csr"]  # type: ignore[index]


def test_missing_ca_number_is_flagged_and_drops_recorded(csr_ctx: Any) -> None:
    call_id = relay_call(csr_ctx, ca=None)
    assert relay.get_relay(csr_ctx, call_id=call_id).flags == ["CA number missing"]  # type: ignore[union-attr]
    relay.mark_dropped(csr_ctx, call_id=call_id)
    r = relay.record_callback(csr_ctx, call_id=call_id, outcome="No answer through 711")
    assert r.dropped and r.callback_attempts == 1
    assert "dropped, 1 call-back attempt" in r.flags
    with pytest.raises(ValidationError, match="Unknown relay type"):
        relay.set_details(csr_ctx, call_id=call_id, relay_type="carrier pigeon")


def test_transcript_text_stays_out_of_the_audit_and_can_be_purged(csr_ctx: Any, admin_ctx: Any) -> None:
    call_id = relay_call(csr_ctx)
    relay.add_turn(csr_ctx, call_id=call_id, speaker="caller", text="my medical condition is private GA")
    with csr_ctx.db.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "relay_turn")).all()
    assert events and all("medical" not in json.dumps(e.changes) for e in events)
    with pytest.raises(PermissionDenied):
        relay.purge_transcript(csr_ctx, call_id=call_id)
    assert relay.purge_transcript(admin_ctx, call_id=call_id) == 1
    assert relay.get_relay(csr_ctx, call_id=call_id).turns == []  # type: ignore[union-attr]


def test_markup_and_escapes_in_turns_print_literally(csr_ctx: Any) -> None:
    call_id = relay_call(csr_ctx)
    relay.add_turn(csr_ctx, call_id=call_id, speaker="caller", text="[blink]hi[/blink] \x1b[5m GA")
    text = relay.transcript_text(csr_ctx, call_id=call_id)
    assert "[blink]hi[/blink] <ESC>[5m GA" in text and "\x1b" not in text


def test_calls_list_filters_by_channel(csr_ctx: Any) -> None:
    relay_call(csr_ctx)
    calls.start_call(csr_ctx, channel="phone")
    found = calls.list_calls(csr_ctx, channel="relay")
    assert len(found) == 1 and found[0].relay is not None and found[0].relay.turns == []
    assert len(calls.list_calls(csr_ctx)) == 2


def test_accessibility_request_warns_when_the_date_is_too_close(csr_ctx: Any) -> None:
    cat = csr_ctx.catalog.category("accessibility-request")
    answers: dict[str, Any] = {}
    for q in cat.questions:
        if not q.required:
            continue
        if q.datatype == "datetime":
            answers[q.code] = (NOW + timedelta(hours=20)).isoformat()
        elif q.values:
            answers[q.code] = q.values[0].key
        else:
            answers[q.code] = "City Council, Monday"
    r = create_request(
        csr_ctx,
        NewRequest(category="accessibility-request", address="100 N Garfield Ave", answers=answers,
                   caller=CallerInput(email="pat@example.org")),
        now=NOW,
    )
    assert any("may not be able to arrange it in time" in w for w in r.warnings)


def test_rollout_route_list(csr_ctx: Any) -> None:
    def enrol(address: str, day: str, start: str, end: str | None = None) -> None:
        answers = {"city_customer": "yes", "household_able": "no", "qualifying_reason": "permanent-disability",
                   "duration": "permanent", "start_date": start, "collection_day": day,
                   "container_location": "side yard gate"}
        if end:
            answers["end_date"] = end
        create_request(csr_ctx, NewRequest(category="refuse-rollout", address=address, answers=answers), now=NOW)

    enrol("300 N Lake Ave", "tue", "2026-11-01")
    enrol("100 N Lake Ave", "tue", "2026-11-01")
    enrol("200 N Lake Ave", "wed", "2026-11-01")
    enrol("400 N Lake Ave", "tue", "2027-01-05")  # not started yet
    enrol("500 N Lake Ave", "tue", "2026-10-01", "2026-11-01")  # ended
    stops = route_list(csr_ctx, day="Tuesday", on=NOW.date())
    assert [s.address for s in stops] == ["100 N Lake Ave", "300 N Lake Ave"]
    assert route_text(csr_ctx, day="tue", on=NOW.date()).startswith("Rollout service, Tuesday route: 2 stops.")
    with pytest.raises(ValidationError, match="not a collection day"):
        route_list(csr_ctx, day="Sunday")


def test_cli_calls_and_relay(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    assert main(["--db", db_url, "--operator", "maria", "db", "upgrade"]) == 0
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import sign_in

    ctx = open_context(load_settings(database_url=db_url))
    ctx = ctx.as_operator(sign_in(ctx, username="maria"))
    call_id = relay_call(ctx)
    relay.add_turn(ctx, call_id=call_id, speaker="caller", text="hello GA")
    ctx.db.dispose()
    capsys.readouterr()
    assert main(["--db", db_url, "calls", "list", "--channel", "relay", "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert {"relay_type", "ca_number", "provider", "turns"} <= set(row)
    assert main(["--db", db_url, "calls", "show", str(call_id), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["turns"][0]["text"] == "hello GA"
    assert main(["--db", db_url, "calls", "list", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,channel,status")
    assert main(["--db", db_url, "relay", "transcript", str(call_id)]) == 0
    assert "Caller: hello GA" in capsys.readouterr().out
