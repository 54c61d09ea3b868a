"""``csc-console serve [--host 127.0.0.1] [--port 8311]``: the Open311 GeoReport v2 server."""

from __future__ import annotations

import argparse

from csc_console.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="serve Open311 GeoReport v2 (web portal, mobile app)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8311, help="port (default 8311)")
    p.add_argument(
        "--key-rate",
        default="60/20",
        metavar="RATE/BURST",
        help="requests a minute per API key, and the burst allowed (default 60/20)",
    )
    p.add_argument(
        "--address-rate",
        default="300/60",
        metavar="RATE/BURST",
        help="the same per client address for calls without a key (default 300/60)",
    )
    p.add_argument(
        "--max-body",
        type=int,
        default=64 * 1024,
        metavar="BYTES",
        help="largest request body accepted (default 65536)",
    )
    p.set_defaults(func=_serve)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.errors import ConfigError
    from csc_console.server.app import ServerOptions
    from csc_console.server.run import serve
    from csc_console.services.ratelimit import Limit

    if not 0 <= args.port <= 65535:
        raise ConfigError(f"--port {args.port} is not a port number (0 to 65535).")
    if args.max_body < 1024:
        raise ConfigError("--max-body must be at least 1024 bytes.")
    options = ServerOptions(
        key_limit=Limit.parse(args.key_rate),
        address_limit=Limit.parse(args.address_rate),
        max_body_bytes=args.max_body,
    )
    return serve(settings, host=args.host, port=args.port, options=options)
