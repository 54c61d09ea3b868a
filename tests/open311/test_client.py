"""A standard Open311 client (the ``georeport`` package from PyPI) against the server."""

from __future__ import annotations

from typing import Any

import pytest

from tests.open311.conftest import POTHOLE_FORM

georeport = pytest.importorskip("georeport")


def test_the_georeport_client_lists_services_and_reads_requests(
    serve: Any, admin_ctx: Any, api_secret: str
) -> None:
    codes = [c.code for c in admin_ctx.catalog.categories]
    with serve() as srv:
        number = srv.post("/requests.json", {**POTHOLE_FORM, "api_key": api_secret}).json()[0][
            "service_request_id"
        ]
        for fmt in ("json", "xml"):
            client = georeport.GeoReport(srv.base, output_format=fmt)
            services = client.get_service_list()
            assert [s["service_code"] for s in services] == codes
            definition = client.get_service_definition("potholes")
            assert definition["service_code"] == "potholes"
            attributes = definition["attributes"]
            if fmt == "xml":
                attributes = attributes["attribute"]
            assert attributes[0]["code"] == "location_in_street"
            one = client.get_service_request(number)
            assert one["service_request_id"] == number
            assert one["status"] == "open"
            listed = client.get_service_requests(status="open", service_code="potholes")
            if fmt == "xml":  # xmltodict gives a dict for a single element
                listed = [listed] if isinstance(listed, dict) else listed
            assert [r["service_request_id"] for r in listed] == [number]
            by_id = client.get_service_requests(service_request_id=number)
            by_id = [by_id] if isinstance(by_id, dict) else by_id
            assert [r["service_request_id"] for r in by_id] == [number]


def test_a_multipart_post_without_files_works_too(serve: Any, api_secret: str) -> None:
    requests = pytest.importorskip("requests")
    with serve() as srv:
        parts = {k: (None, v) for k, v in {**POTHOLE_FORM, "api_key": api_secret}.items()}
        reply = requests.post(f"{srv.base}/requests.json", files=parts, timeout=20)
        assert reply.status_code == 201, reply.text
        assert reply.json()[0]["service_request_id"].startswith("SR-")
        with_file = dict(parts, media=("photo.jpg", b"\xff\xd8\xff", "image/jpeg"))
        refused = requests.post(f"{srv.base}/requests.json", files=with_file, timeout=20)
        assert refused.status_code == 400
        assert refused.json()[0]["code"] == 400
