"""The registry of sub-commands. Each module adds its parser and a ``func(args, settings)``.

Keep these modules' top-level imports light (argparse only): services are imported inside
the command functions, so ``csc-console --version`` and the front ends start fast.
"""

from __future__ import annotations

import argparse

from csc_console.cli import (
    apikeys_cmd,
    calls_cmd,
    categories_cmd,
    db_cmd,
    demo_cmd,
    dispatch_cmd,
    import_cmd,
    operators_cmd,
    report_cmd,
    requests_cmd,
    rollout_cmd,
    serve_cmd,
    workorders_cmd,
)

MODULES = [
    db_cmd,
    operators_cmd,
    categories_cmd,
    requests_cmd,
    workorders_cmd,
    dispatch_cmd,
    calls_cmd,
    rollout_cmd,
    demo_cmd,
    report_cmd,
    import_cmd,
    apikeys_cmd,
    serve_cmd,
]


def register_all(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for module in MODULES:
        module.register(sub)
