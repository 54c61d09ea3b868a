"""The Open311 GeoReport v2 server over real HTTP on 127.0.0.1, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from csc_console.services.apikeys import create_api_key, revoke_api_key
from csc_console.services.inbox import list_inbox
from csc_console.services.inbox_answers import answer_with_request, prefilled_request
from csc_console.services.requests import get_request, list_requests
from tests.open311.conftest import POTHOLE_FORM, errors_of


def _no_trace(text: str) -> None:
    for word in ("Traceback", 'File "', "Error:", "sqlalchemy", "csc_console"):
        assert word not in text


def test_discovery_and_services_in_json_and_xml(serve: Any, admin_ctx: Any) -> None:
    codes = [c.code for c in admin_ctx.catalog.categories]
    with serve() as srv:
        found = srv.get("/discovery.json").json()
        assert found["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert found["endpoints"][0]["url"] == srv.base
        assert srv.get("/discovery.xml").xml().find("endpoints/endpoint/formats/format") is not None
        assert srv.get("/").status == 200

        services = srv.get("/services.json")
        assert services.status == 200
        assert services.headers["content-type"].startswith("application/json")
        listed = services.json()
        assert [s["service_code"] for s in listed] == codes
        pothole = next(s for s in listed if s["service_code"] == "potholes")
        assert pothole["service_name"] == "Potholes"
        assert pothole["metadata"] is True and pothole["type"] == "realtime"
        assert set(pothole) == {
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        }

        xml = srv.get("/services.xml")  # an XML-only client
        assert xml.headers["content-type"].startswith("text/xml")
        root = xml.xml()
        assert root.tag == "services"
        assert [s.findtext("service_code") for s in root.findall("service")] == codes
        assert root.find("service/metadata").text in ("true", "false")
        # no extension: the Accept header decides
        plain = srv.request("GET", "/services", headers={"Accept": "text/xml"})
        assert plain.xml().tag == "services"
        assert srv.get("/services").json() == listed


def test_service_definition_from_the_category_questions(serve: Any, admin_ctx: Any) -> None:
    category = admin_ctx.catalog.category("potholes")
    with serve() as srv:
        data = srv.get("/services/potholes.json", metadata="true").json()
        assert data["service_code"] == "potholes"
        attrs = data["attributes"]
        assert [a["code"] for a in attrs] == [q.code for q in category.questions]
        assert [a["order"] for a in attrs] == list(range(1, len(attrs) + 1))
        first = attrs[0]
        question = category.questions[0]
        assert first["variable"] is True
        assert first["datatype"] == question.datatype
        assert first["required"] == question.required
        assert first["description"] == question.prompt
        assert first["datatype_description"]
        assert first["values"] == [{"key": v.key, "name": v.name} for v in question.values]

        xml = srv.get("/services/potholes.xml").xml()
        assert xml.tag == "service_definition"
        keys = [
            v.findtext("key")
            for v in xml.findall("attributes/attribute")[0].findall("values/value")
        ]
        assert keys == [v.key for v in question.values]
        # the singular path some clients use
        assert srv.get("/service/potholes.json").json() == data
        assert srv.get("/service/potholes.xml").xml().findtext("service_code") == "potholes"

        missing = srv.get("/services/no-such-thing.xml")
        assert missing.status == 404
        assert errors_of(missing)[0][0] == 404


def test_a_form_post_creates_a_request_seen_everywhere(
    serve: Any, admin_ctx: Any, api_secret: str
) -> None:
    with serve() as srv:
        made = srv.post("/requests.json", {**POTHOLE_FORM, "api_key": api_secret})
        assert made.status == 201, made.text
        [answer] = made.json()
        number = answer["service_request_id"]
        assert number.startswith("SR-") and answer["token"] is None
        assert "Target" in answer["service_notice"]

        listed = srv.get("/requests.json").json()
        assert [r["service_request_id"] for r in listed] == [number]
        one = srv.get(f"/requests/{number}.json").json()
        assert one == listed
        r = one[0]
        assert r["status"] == "open" and r["service_code"] == "potholes"
        assert r["address"] == "1200 N Lake Ave" and r["zipcode"]
        assert r["agency_responsible"] and r["expected_datetime"]
        assert datetime.fromisoformat(r["expected_datetime"]) > datetime.fromisoformat(
            r["requested_datetime"]
        )
        assert "email" not in r and "first_name" not in r  # no personal details published
        xml = srv.get(f"/requests/{number}.xml").xml()
        assert xml.tag == "service_requests"
        assert xml.findtext("request/service_request_id") == number

        app_key = create_api_key(admin_ctx, name="PasadenaCSC app", app=True).secret
        by_app = srv.post("/requests.xml", {**POTHOLE_FORM, "api_key": app_key})
        assert by_app.status == 201
        app_number = by_app.xml().findtext("request/service_request_id")

    stored = get_request(admin_ctx, number=number)
    assert stored.channel == "web"
    assert stored.description == "Deep pothole by the bus stop"
    assert stored.caller is not None and stored.caller.email == "jo@example.com"
    assert stored.answers["location_in_street"] == "right-lane"
    assert get_request(admin_ctx, number=app_number).channel == "app"
    assert {r.number for r in list_requests(admin_ctx)} == {number, app_number}


def test_posting_needs_a_valid_key(serve: Any, admin_ctx: Any, api_secret: str) -> None:
    with serve() as srv:
        missing = srv.post("/requests.json", POTHOLE_FORM)
        assert missing.status == 403
        assert errors_of(missing) == [(403, "An api_key is required to post a service request.")]
        wrong = srv.post("/requests.xml", {**POTHOLE_FORM, "api_key": "csc_not-a-real-key"})
        assert wrong.status == 403
        assert wrong.headers["content-type"].startswith("text/xml")
        assert errors_of(wrong)[0][0] == 403
        key_id = next(k for k in _keys(admin_ctx) if k.name == "City web portal").id
        revoke_api_key(admin_ctx, key_id=key_id)
        revoked = srv.post("/requests.json", {**POTHOLE_FORM, "api_key": api_secret})
        assert revoked.status == 403
    assert list_requests(admin_ctx) == []


def _keys(ctx: Any) -> Any:
    from csc_console.services.apikeys import list_api_keys

    return list_api_keys(ctx)


BAD_POSTS = [
    ({"service_code": "no-such-service"}, "no service with the code"),
    ({"description": "x" * 4001}, "4,001 characters"),
    ({"attribute[size]": "enormous"}, "not one of the choices"),
    ({"attribute[colour]": "red"}, "has no question 'colour'"),
    ({"attribute[location_in_street]": ""}, "must be answered"),
    ({"address_string": ""}, "A location is required"),
    ({"lat": "91", "long": "-118"}, "lat '91' is outside"),
    ({"email": "not an email"}, "not an email address"),
    ({"phone": "12"}, "phone number"),
    ({"media_url": "javascript:alert(1)"}, "media_url must be"),
]


def test_bad_posts_get_400_in_the_standard_format(
    serve: Any, admin_ctx: Any, api_secret: str
) -> None:
    with serve() as srv:
        for change, words in BAD_POSTS:
            reply = srv.post("/requests.json", {**POTHOLE_FORM, **change, "api_key": api_secret})
            assert reply.status == 400, (change, reply.text)
            [(code, description)] = errors_of(reply)
            assert code == 400 and words in description, (change, description)
            _no_trace(reply.text)
        xml = srv.post(
            "/requests.xml", {**POTHOLE_FORM, "description": "x" * 4001, "api_key": api_secret}
        )
        assert xml.status == 400 and errors_of(xml)[0][0] == 400
    assert list_requests(admin_ctx) == []
    assert list_inbox(admin_ctx) == []


def test_bad_filters_get_400(serve: Any) -> None:
    now = datetime.now(UTC)
    with serve() as srv:
        for params, words in [
            ({"start_date": "yesterday"}, "start_date 'yesterday' is not a date"),
            ({"end_date": "2026-13-45"}, "end_date"),
            (
                {
                    "start_date": (now - timedelta(days=120)).isoformat(),
                    "end_date": now.isoformat(),
                },
                "at most 90 days apart",
            ),
            ({"status": "pending"}, "not open or closed"),
            ({"service_code": "nope"}, "no service with the code"),
        ]:
            reply = srv.get("/requests.json", **params)
            assert (
                reply.status == 400 if "service_code" not in params else reply.status in (400, 404)
            )
            assert words in errors_of(reply)[0][1]
        xml = srv.get("/requests.xml", start_date="soon")
        assert xml.status == 400 and xml.xml().tag == "errors"


def test_filters_dates_status_and_paging(serve: Any, admin_ctx: Any, api_secret: str) -> None:
    with serve() as srv:
        numbers = [
            srv.post("/requests.json", {**POTHOLE_FORM, "api_key": api_secret}).json()[0][
                "service_request_id"
            ]
            for _ in range(3)
        ]
        newest_first = list(reversed(numbers))
        assert [r["service_request_id"] for r in srv.get("/requests.json").json()] == newest_first
        # the id list overrides every other filter
        picked = srv.get(
            "/requests.json",
            service_request_id=f"{numbers[0]},{numbers[2]},SR-1999-000001",
            status="closed",
            service_code="graffiti",
        ).json()
        assert {r["service_request_id"] for r in picked} == {numbers[0], numbers[2]}
        assert srv.get("/requests.json", status="closed").json() == []
        assert len(srv.get("/requests.json", status="open", service_code="potholes").json()) == 3
        assert srv.get("/requests.json", service_code="graffiti").json() == []
        past = datetime.now(UTC) - timedelta(days=30)
        assert (
            srv.get(
                "/requests.json",
                start_date=past.isoformat(),
                end_date=(past + timedelta(days=1)).isoformat(),
            ).json()
            == []
        )
        # paging parameters are not standard: tolerated, honoured when sensible
        page = srv.get(
            "/requests.json", page="2", page_size="2", jurisdiction_id="pasadena.gov"
        ).json()
        assert [r["service_request_id"] for r in page] == newest_first[2:]
        assert len(srv.get("/requests.json", page="x", page_size="-5", foo="bar").json()) == 1
        assert len(srv.get("/requests.json", page_size="lots").json()) == 3


def test_an_unknown_address_goes_to_the_inbox_with_a_token(
    serve: Any, admin_ctx: Any, api_secret: str
) -> None:
    form = {**POTHOLE_FORM, "address_string": "12 Nowhere Rd", "api_key": api_secret}
    with serve() as srv:
        reply = srv.post("/requests.json", form)
        assert reply.status == 202
        [answer] = reply.json()
        token = answer["token"]
        assert answer["service_request_id"] is None and token
        assert "respond by" in answer["service_notice"]
        pending = srv.get(f"/tokens/{token}.json").json()
        assert pending == [{"service_request_id": None, "token": token}]

        [message] = list_inbox(admin_ctx)
        assert message.token == token and message.channel == "web"
        assert message.address == "12 Nowhere Rd" and message.subject == "Potholes"
        draft = prefilled_request(admin_ctx, message)
        assert draft.category == "potholes"
        assert draft.answers == {
            "location_in_street": "right-lane",
            "size": "medium",
            "hazard": "no",
        }
        made = answer_with_request(
            admin_ctx,
            message_id=message.id,
            request=type(draft)(**{**draft.__dict__, "address": "1200 N Lake Ave"}),
            reply="Thanks; your request is {number}.",
        )
        assert made.message.reply == f"Thanks; your request is {made.request.number}."
        done = srv.get(f"/tokens/{token}.xml").xml()
        assert done.findtext("request/service_request_id") == made.request.number
        assert srv.get("/tokens/unknown-token.json").status == 404


def test_text_is_stored_as_typed_and_xml_shows_escapes(
    serve: Any, admin_ctx: Any, api_secret: str
) -> None:
    typed = "[bold]Big[/bold] <b>hole</b> \x1b[31mred\x1b[0m & more"
    with serve() as srv:
        number = srv.post(
            "/requests.json", {**POTHOLE_FORM, "description": typed, "api_key": api_secret}
        ).json()[0]["service_request_id"]
        assert srv.get(f"/requests/{number}.json").json()[0]["description"] == typed
        xml = srv.get(f"/requests/{number}.xml")
        assert b"\x1b" not in xml.body
        assert xml.xml().findtext("request/description") == (
            "[bold]Big[/bold] <b>hole</b> <ESC>[31mred<ESC>[0m & more"
        )
    assert get_request(admin_ctx, number=number).description == typed


def test_rate_limit_per_key_gives_429(serve: Any, api_secret: str) -> None:
    from csc_console.server.app import ServerOptions
    from csc_console.services.ratelimit import Limit

    options = ServerOptions(key_limit=Limit(per_minute=1, burst=2))
    with serve(options) as srv:
        bad = {**POTHOLE_FORM, "service_code": "nope", "api_key": api_secret}
        assert [srv.post("/requests.json", bad).status for _ in range(2)] == [400, 400]
        limited = srv.post("/requests.xml", bad)
        assert limited.status == 429
        assert int(limited.headers["retry-after"]) >= 1
        [(code, words)] = errors_of(limited)
        assert code == 429 and "Too many requests" in words
        # keyless reading has its own allowance
        assert srv.get("/services.json").status == 200


def test_errors_never_carry_a_stack_trace(
    serve: Any, api_secret: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csc_console.server.app import ServerOptions
    from csc_console.services import open311

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(open311, "service_list", broken)
    with serve(ServerOptions(max_body_bytes=2048)) as srv:
        for path in ("/services.json", "/services.xml"):
            reply = srv.get(path)
            assert reply.status == 500
            [(code, words)] = errors_of(reply)
            assert code == 500 and words.startswith("Internal error (reference ")
            assert "secret internals" not in reply.text and "RuntimeError" not in reply.text
            _no_trace(reply.text)
        big = srv.post(
            "/requests.json", {**POTHOLE_FORM, "description": "y" * 5000, "api_key": api_secret}
        )
        assert big.status == 413 and errors_of(big)[0][0] == 413
        odd = srv.request(
            "POST", "/requests.json", body=b"{}", headers={"Content-Type": "application/json"}
        )
        assert odd.status in (400, 403)
        assert srv.request("DELETE", "/requests.json").status == 405
        assert srv.get("/requests/SR-2026-999999.json").status == 404
        assert srv.get("/requests/../../etc/passwd").status == 404
        assert srv.get("/nothing-here.xml").xml().tag == "errors"


def test_serve_says_plainly_when_the_port_is_taken() -> None:
    import socket

    from csc_console.errors import ConfigError
    from csc_console.server.run import bind

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        with pytest.raises(ConfigError, match=r"Cannot listen on 127\.0\.0\.1 port \d+"):
            bind("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()
    free = bind("127.0.0.1", 0)
    assert free.getsockname()[1] > 0
    free.close()
