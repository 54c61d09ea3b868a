"""The registry of sub-commands. Each module adds its parser and a ``func(args, settings)``.

Keep these modules' top-level imports light (argparse only): services are imported inside
the command functions, so ``csc-console --version`` and the front ends start fast.
"""

from __future__ import annotations

import argparse

from csc_console.cli import db_cmd, operators_cmd

Subparsers = "argparse._SubParsersAction[argparse.ArgumentParser]"

MODULES = [db_cmd, operators_cmd]


def register_all(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for module in MODULES:
        module.register(sub)
