"""``csc-console demo --year 2022 | --years 2013-2022 [--seed N] [--scale F]``."""

from __future__ import annotations

import argparse
import sys

from csc_console.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo",
        help="fill the database with a realistic demo year (or years) of calls and requests",
        description="Generate synthetic calls, callers, service requests and work orders "
        "calibrated to the centre's 2022 figures, and write them to the database. A year that "
        "already has calls is refused.",
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", metavar="YEAR", help="one calendar year, e.g. 2022")
    which.add_argument("--years", metavar="FIRST-LAST", help="a range of years, e.g. 2013-2022")
    p.add_argument(
        "--seed", type=int, default=None, help="random seed (the same seed gives the same data)"
    )
    p.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="fraction of a full year's volume, e.g. 0.1 for a quick look (default 1)",
    )
    p.set_defaults(func=_demo)


def _say(line: str) -> None:
    print(line, flush=True)


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.bootstrap import open_context
    from csc_console.services.demo import DEFAULT_SEED, load_demo, parse_years
    from csc_console.services.operators import sign_in

    years = parse_years(args.year if args.year is not None else args.years)
    seed = DEFAULT_SEED if args.seed is None else args.seed
    ctx = open_context(settings)
    try:
        if settings.operator:
            ctx = ctx.as_operator(sign_in(ctx, username=settings.operator))
        result = load_demo(ctx, years=years, seed=seed, scale=args.scale, progress=_say)
    finally:
        ctx.db.dispose()
    if result.staff_added:
        _say(f"Added operators: {', '.join(result.staff_added)}.")
        if "admin" in result.staff_added:
            _say("Sign in as admin to administer the console (csc-console --operator admin).")
    _say(
        f"Demo data loaded: {result.calls:,} calls and {result.requests:,} requests in "
        f"{result.seconds:.1f} s. See the figures with: csc-console report --year {years[-1]}"
    )
    sys.stdout.flush()
    return 0
