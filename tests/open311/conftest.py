"""The Open311 server over real HTTP on 127.0.0.1: uvicorn in a thread, on a port the kernel
chose (a socket bound to port 0, handed to uvicorn), stopped at the end of each test."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

import pytest

POTHOLE_FORM = {
    "service_code": "potholes",
    "address_string": "1200 N Lake Ave",
    "attribute[location_in_street]": "right-lane",
    "attribute[size]": "medium",
    "attribute[hazard]": "no",
    "description": "Deep pothole by the bus stop",
    "first_name": "Jo",
    "last_name": "Resident",
    "email": "jo@example.com",
}


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)

    def xml(self) -> ET.Element:
        return ET.fromstring(self.body)


@dataclass(frozen=True)
class Server:
    base: str

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        form: dict[str, str] | list[tuple[str, str]] | None = None,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        data = body
        sent = dict(headers or {})
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        req = urllib.request.Request(url, data=data, method=method, headers=sent)
        try:
            with urllib.request.urlopen(req, timeout=20) as resp:
                return Reply(
                    resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
                )
        except urllib.error.HTTPError as err:
            return Reply(err.code, {k.lower(): v for k, v in err.headers.items()}, err.read())

    def get(self, path: str, **params: str) -> Reply:
        return self.request("GET", path, params=params or None)

    def post(self, path: str, form: dict[str, str] | list[tuple[str, str]], **kw: Any) -> Reply:
        return self.request("POST", path, form=form, **kw)


@contextmanager
def running(ctx: Any, options: Any = None) -> Iterator[Server]:
    import uvicorn

    from csc_console.server.app import create_app

    app = create_app(ctx, options)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="critical", lifespan="off", timeout_keep_alive=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    try:
        yield Server(f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def api_secret(admin_ctx: Any) -> str:
    from csc_console.services.apikeys import create_api_key

    return create_api_key(admin_ctx, name="City web portal").secret


@pytest.fixture
def serve(admin_ctx: Any) -> Callable[..., Any]:
    """``serve(options=None)``: a context manager running the server on this test's database."""

    def start(options: Any = None) -> Any:
        return running(admin_ctx.as_operator(None), options)

    return start


def errors_of(reply: Reply) -> list[tuple[int, str]]:
    """The standard error list, from JSON or XML."""
    if reply.headers.get("content-type", "").startswith("text/xml"):
        root = reply.xml()
        assert root.tag == "errors"
        return [(int(e.findtext("code") or 0), e.findtext("description") or "") for e in root]
    data = reply.json()
    assert isinstance(data, list)
    return [(int(e["code"]), str(e["description"])) for e in data]
