"""Run every benchmark in bench/ and print one table.

    python bench/run.py [--repeat N] [--only NAME] [--json FILE]

A benchmark is a module ``bench/bench_<name>.py`` with ``run(repeat: int) -> list[Result]``
(``bench.common.Result``: case, median, baseline median, target ratio). Exit status 1 when a
ratio misses its target.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Result, format_table

HERE = Path(__file__).resolve().parent


def discover() -> list[str]:
    return sorted(p.stem for p in HERE.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the csc-console benchmarks.")
    parser.add_argument("--repeat", type=int, default=7, help="samples per command (median)")
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="run only bench_NAME (repeatable)"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    names = discover()
    if args.only:
        wanted = {n if n.startswith("bench_") else f"bench_{n}" for n in args.only}
        names = [n for n in names if n in wanted]
    results: list[Result] = []
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        started = time.monotonic()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        results.extend(module.run(repeat=args.repeat))
        print(f"  {name}: {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    print(format_table(results))
    if args.json:
        rows = [
            {
                "case": r.case,
                "median_ms": r.median_ms,
                "baseline_ms": r.baseline_ms,
                "ratio": r.ratio,
                "target": r.target,
                "passed": r.passed,
                "samples": r.samples,
                "note": r.note,
            }
            for r in results
        ]
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
