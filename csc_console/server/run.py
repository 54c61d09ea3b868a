"""``csc-console serve``: open the database, build the app, run uvicorn until Ctrl+C."""

from __future__ import annotations

import logging
import socket
import sys

from csc_console.config import Settings
from csc_console.errors import ConfigError
from csc_console.server.app import ServerOptions, create_app


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, or a ``ConfigError`` saying why not (port taken, bad address)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise ConfigError(f"Cannot serve on {host!r}: {exc.strerror or exc}.") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ConfigError(
            f"Cannot listen on {host} port {port}: {exc.strerror or exc}.",
            hint="Is another server using it? Choose another with --port.",
        ) from None
    sock.set_inheritable(True)
    return sock


def serve(settings: Settings, *, host: str, port: int, options: ServerOptions) -> int:
    import uvicorn

    from csc_console.services.bootstrap import open_context

    ctx = open_context(settings)
    try:
        app = create_app(ctx, options)
        sock = bind(host, port)
        shown = sock.getsockname()[1]
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
        config = uvicorn.Config(
            app,
            log_level="info",
            server_header=False,
            timeout_keep_alive=5,
            limit_concurrency=200,
            h11_max_incomplete_event_size=16 * 1024,
        )
        sys.stderr.write(
            f"csc-console: Open311 GeoReport v2 on http://{host}:{shown}/ "
            f"(database {ctx.db.describe()}). Ctrl+C stops.\n"
        )
        sys.stderr.flush()
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        ctx.db.dispose()
    return 0
