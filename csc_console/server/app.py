"""The Open311 GeoReport v2 web application (FastAPI), over the console's services.

Every path takes ``.json`` or ``.xml`` (without one: JSON, or XML when the client's Accept
header asks only for XML). Known client quirks are tolerated: ``services.xml`` from XML-only
clients, the singular ``service/{code}`` path, unknown parameters (``page``, ``page_size``,
``jurisdiction_id``...) and ``metadata=true`` on a definition. Errors always come in the
standard format, a list of ``{code, description}``, including 404 for unknown paths and 500 for
bugs (the traceback goes to the server's log, never into a response).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from csc_console import __version__
from csc_console.db.types import utcnow
from csc_console.errors import (
    CscError,
    DatabaseUnavailable,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from csc_console.server.render import JSON_TYPE, XML_TYPE, errors, to_json, to_xml
from csc_console.services import apikeys, open311, open311_post
from csc_console.services.context import Ctx
from csc_console.services.ratelimit import Limit, RateLimiter

log = logging.getLogger("csc_console.server")

SPEC = "http://wiki.open311.org/GeoReport_v2"


@dataclass(frozen=True)
class ServerOptions:
    key_limit: Limit = Limit(per_minute=60, burst=20)
    address_limit: Limit = Limit(per_minute=300, burst=60)
    max_body_bytes: int = 64 * 1024
    contact: str = "Citizen Service Center, 100 N. Garfield Ave, Pasadena, CA 91101"


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


# --------------------------------------------------------------------------- formats
def wanted_format(request: Request) -> str:
    path = request.url.path.lower()
    if path.endswith(".xml"):
        return "xml"
    if path.endswith(".json"):
        return "json"
    accept = request.headers.get("accept", "").lower()
    return "xml" if "xml" in accept and "json" not in accept else "json"


def strip_format(name: str) -> str:
    for ext in (".json", ".xml"):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return name


def respond(
    request: Request,
    data: Any,
    *,
    root: str,
    item: str | None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    fmt = wanted_format(request)
    body = to_xml(root, item, data) if fmt == "xml" else to_json(data)
    out = Response(body, status_code=status, media_type=XML_TYPE if fmt == "xml" else JSON_TYPE)
    out.headers["X-Content-Type-Options"] = "nosniff"
    out.headers["Cache-Control"] = "no-store"
    for key, value in (headers or {}).items():
        out.headers[key] = value
    return out


def error_response(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    return respond(
        request,
        errors(status, [message]),
        root="errors",
        item="error",
        status=status,
        headers=headers,
    )


def _paths(*bases: str) -> list[str]:
    return [f"{b}{ext}" for b in bases for ext in ("", ".json", ".xml")]


# --------------------------------------------------------------------------- the app
def create_app(ctx: Ctx, options: ServerOptions | None = None) -> FastAPI:
    """The web application over ``ctx`` (no operator needed: posts act as the gateway)."""
    opts = options or ServerOptions()
    # The operator that posted requests are recorded under: made on the first accepted post
    # (an API key exists by then, so an administrator does too; making it on an empty
    # database would stop the first person who signs in from becoming the administrator).
    gateway: list[Ctx] = []
    gateway_lock = threading.Lock()

    def gateway_ctx() -> Ctx:
        with gateway_lock:
            if not gateway:
                gateway.append(open311.gateway_context(ctx))
            return gateway[0]

    per_key = RateLimiter(opts.key_limit)
    per_address = RateLimiter(opts.address_limit)
    app = FastAPI(
        title="csc-console Open311 GeoReport v2",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )

    def limit(request: Request, key: apikeys.ApiKeyPublic | None) -> None:
        bucket = (per_key, f"key:{key.id}") if key else (per_address, f"ip:{_client(request)}")
        wait = bucket[0].take(bucket[1])
        if wait is not None:
            seconds = max(1, int(wait + 0.999))
            raise ApiError(
                429,
                f"Too many requests; try again in {seconds} second{'s' if seconds != 1 else ''}.",
                {"Retry-After": str(seconds)},
            )

    async def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await run_in_threadpool(fn, *args, **kwargs)

    def post_as_gateway(form: dict[str, list[str]], key: apikeys.ApiKeyPublic) -> Any:
        return open311_post.post_request(gateway_ctx(), form, key=key, now=utcnow())

    async def optional_key(request: Request) -> apikeys.ApiKeyPublic | None:
        secret = request.query_params.get("api_key")
        key = await call(apikeys.authenticate, ctx, secret) if secret else None
        limit(request, key)
        return key

    # ------------------------------------------------------------------ errors
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(CscError)
    async def _csc_error(request: Request, exc: CscError) -> Response:
        if isinstance(exc, NotFound):
            status = 404
        elif isinstance(exc, PermissionDenied):
            status = 403
        elif isinstance(exc, DatabaseUnavailable):
            status = 503
        elif isinstance(exc, ValidationError):
            status = 400
        else:
            return await _unexpected(request, exc)
        return error_response(request, status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        words = {
            404: "There is nothing at this address; see GET discovery.",
            405: "This method is not allowed here.",
        }
        status = exc.status_code if exc.status_code in (404, 405) else 400
        return error_response(request, status, words.get(status, "The request could not be read."))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 400, "The request could not be read.")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        reference = uuid.uuid4().hex[:12]
        log.error(
            "internal error %s on %s %s", reference, request.method, request.url.path, exc_info=exc
        )
        return error_response(
            request, 500, f"Internal error (reference {reference}); nothing was saved."
        )

    # ------------------------------------------------------------------ discovery & services
    @app.get("/")
    async def root(request: Request) -> Response:
        await optional_key(request)
        return discovery_body(request)

    @app.api_route("/discovery{ext:path}", methods=["GET"])
    async def discovery(request: Request) -> Response:
        _check_ext(request, "/discovery")
        await optional_key(request)
        return discovery_body(request)

    def discovery_body(request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        changed = open311.w3c(utcnow(), ctx)
        data = {
            "changeset": changed,
            "contact": opts.contact,
            "key_service": "Ask the Citizen Service Center for an API key "
            "(csc-console apikeys create).",
            "endpoints": [
                {
                    "specification": SPEC,
                    "url": base,
                    "changeset": changed,
                    "type": "production",
                    "formats": ["application/json", "text/xml"],
                }
            ],
        }
        return respond(request, data, root="discovery", item=None)

    @app.api_route("/services{ext:path}", methods=["GET"])
    async def services(request: Request, ext: str) -> Response:
        if ext.startswith("/"):
            return await definition(request, ext[1:])
        _check_ext(request, "/services")
        await optional_key(request)
        return respond(request, open311.service_list(ctx.catalog), root="services", item="service")

    @app.get("/service/{code}")
    async def definition(request: Request, code: str) -> Response:
        await optional_key(request)
        data = open311.service_definition(ctx.catalog, strip_format(code))
        return respond(request, data, root="service_definition", item=None)

    # ------------------------------------------------------------------ requests
    @app.api_route("/requests{ext:path}", methods=["GET"])
    async def requests(request: Request, ext: str) -> Response:
        if ext.startswith("/"):
            return await one_request(request, ext[1:])
        _check_ext(request, "/requests")
        await optional_key(request)
        p = request.query_params
        query = open311.build_query(
            ctx,
            service_request_id=p.get("service_request_id"),
            service_code=p.get("service_code"),
            start_date=p.get("start_date"),
            end_date=p.get("end_date"),
            status=p.get("status"),
            page=p.get("page"),
            page_size=p.get("page_size") or p.get("per_page") or p.get("limit"),
        )
        rows = await call(open311.list_service_requests, ctx, query, now=utcnow())
        return respond(request, rows, root="service_requests", item="request")

    async def one_request(request: Request, name: str) -> Response:
        if "/" in name:
            raise ApiError(404, "There is nothing at this address; see GET discovery.")
        await optional_key(request)
        row = await call(open311.get_service_request, ctx, request_id=strip_format(name))
        return respond(request, [row], root="service_requests", item="request")

    @app.api_route("/tokens/{token}", methods=["GET"])
    async def token(request: Request, token: str) -> Response:
        await optional_key(request)
        data = await call(open311.token_status, ctx, token=strip_format(token))
        return respond(request, [data], root="service_requests", item="request")

    @app.api_route("/requests{ext:path}", methods=["POST"])
    async def post(request: Request, ext: str) -> Response:
        if ext not in ("", ".json", ".xml"):
            raise ApiError(405, "This method is not allowed here.")
        form = await read_form(request, opts.max_body_bytes)
        secret = (form.get("api_key") or [request.query_params.get("api_key", "")])[0]
        if not secret.strip():
            raise ApiError(403, "An api_key is required to post a service request.")
        key = await call(apikeys.authenticate, ctx, secret)
        if key is None:
            limit(request, None)  # guessing keys costs the address's allowance
            raise ApiError(403, "The api_key is not valid (unknown or revoked).")
        limit(request, key)
        result = await call(post_as_gateway, form, key)
        return respond(
            request,
            [result.as_dict()],
            root="service_requests",
            item="request",
            status=201 if result.created else 202,
        )

    return app


def _check_ext(request: Request, base: str) -> None:
    if request.url.path.lower() not in (base, f"{base}.json", f"{base}.xml"):
        raise ApiError(404, "There is nothing at this address; see GET discovery.")


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def read_form(request: Request, limit: int) -> dict[str, list[str]]:
    """The posted form (URL-encoded, or multipart without files), at most ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"The request body is over {limit:,} bytes.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"The request body is over {limit:,} bytes.")
        chunks.append(chunk)
    body = b"".join(chunks)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        request._body = body  # already read: let Starlette parse the parts from it
        parsed = await request.form(max_files=0, max_fields=500)
        return open311.first_values((k, v) for k, v in parsed.multi_items() if isinstance(v, str))
    if kind not in ("", "application/x-www-form-urlencoded"):
        raise ApiError(400, "Send the form as application/x-www-form-urlencoded.")
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=False, max_num_fields=500)
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "The form could not be read (UTF-8, at most 500 fields).") from None
    return open311.first_values(pairs)
