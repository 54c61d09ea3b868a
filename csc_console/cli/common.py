"""Helpers shared by the sub-commands (kept light: services are imported lazily)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from csc_console.config import Settings
from csc_console.errors import PermissionDenied

if TYPE_CHECKING:
    from csc_console.services.context import Ctx


def open_ctx(settings: Settings, *, signed_in: bool = False) -> Ctx:
    """A service context; with ``signed_in`` the operator from --operator/CSC_OPERATOR."""
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import sign_in

    ctx = open_context(settings)
    if not signed_in:
        return ctx
    if not settings.operator:
        raise PermissionDenied(
            "This command records who did it: give --operator NAME or set CSC_OPERATOR "
            "(and CSC_PASSWORD where passwords are required)."
        )
    import getpass
    import os

    try:
        os_user: str | None = getpass.getuser()
    except (KeyError, OSError):
        os_user = None
    operator = sign_in(
        ctx, username=settings.operator, password=os.environ.get("CSC_PASSWORD"), os_user=os_user
    )
    return ctx.as_operator(operator)


def add_format(parser: argparse.ArgumentParser, *choices: str, default: str = "text") -> None:
    parser.add_argument("--format", choices=list(choices), default=default, help="output format")
