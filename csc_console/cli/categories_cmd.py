"""``csc-console categories suggest|list``."""

from __future__ import annotations

import argparse

from csc_console.cli.common import add_format
from csc_console.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("categories", help="the catalog's categories and information topics")
    csub = p.add_subparsers(dest="categories_command", metavar="ACTION", required=True)
    sg = csub.add_parser("suggest", help="rank categories/topics for the caller's words")
    sg.add_argument("text", help='what the caller said, e.g. "a dead raccoon on my street"')
    sg.add_argument("--limit", type=int, default=5)
    add_format(sg, "text", "json")
    sg.set_defaults(func=_suggest)
    ls = csub.add_parser("list", help="list every category and topic")
    add_format(ls, "text", "json")
    ls.set_defaults(func=_list)


def _suggest(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.catalog import get_catalog
    from csc_console.catalog.redirects import emergencies_in
    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.errors import ValidationError

    if args.limit < 1 or args.limit > 50:
        raise ValidationError("--limit must be between 1 and 50.")
    catalog = get_catalog(settings.data_dir)
    found = catalog.suggester.suggest(args.text, limit=args.limit)
    if args.format == "json":
        emit_json([{"code": s.code, "name": s.name, "kind": s.kind, "score": s.score} for s in found])
        return 0
    for hit in emergencies_in(catalog, args.text):
        emit_lines([f"EMERGENCY ({hit.target_name}): {hit.script}"])
    if not found:
        emit_lines(["No matching category or topic."])
    emit_lines(f"{i}. {s.name} ({s.kind}, score {s.score:g})" for i, s in enumerate(found, 1))
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.catalog import get_catalog
    from csc_console.catalog.schema import Category, Topic
    from csc_console.cli.output import emit_json, emit_lines

    catalog = get_catalog(settings.data_dir)
    entries: list[Category | Topic] = [*catalog.categories, *catalog.topics]
    if args.format == "json":
        emit_json(
            [
                {"code": e.code, "name": e.name, "kind": e.kind, "department": e.department}
                for e in entries
            ]
        )
    else:
        emit_lines(f"{e.name} ({e.kind}, {catalog.department(e.department).name})" for e in entries)
    return 0
