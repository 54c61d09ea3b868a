"""One sentence, one place: no sentence or label the user sees or hears is written in both front
ends. What both say lives once in the desk layer (``csc_console/desks``), so a wording fixed (or
translated) once is fixed for the sighted CSR on the full screen and the blind CSR in
screen-reader mode alike (DESIGN.md, "Desks").

The check reads the two front ends' source: every string literal of two words or more, and
every f-string by its shape (``"Turn {} saved."``), apart from docstrings. A text that stands in
``csc_console/screens`` (or ``widgets``) and in ``csc_console/linear`` is a sentence written twice.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "csc_console"
FULL_SCREEN = ("screens", "widgets", "app.py")
LINE_MODE = ("linear",)
MIN_CHARS = 8


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def _texts(parts: tuple[str, ...]) -> dict[str, set[str]]:
    """Every sentence-like text in those parts of the package: text -> where it stands."""
    out: dict[str, set[str]] = defaultdict(set)
    files = [p for part in parts for p in sorted((ROOT / part).rglob("*.py"))] if parts else []
    files += [ROOT / part for part in parts if part.endswith(".py")]
    for path in files:
        if not path.is_file():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        inner: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                shape = "".join(
                    v.value if isinstance(v, ast.Constant) else "{}" for v in node.values
                )
                inner.update(id(v) for v in node.values)
                if len(shape.replace("{}", "")) >= MIN_CHARS and " " in shape:
                    out[shape].add(str(path.relative_to(ROOT)))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and id(node) not in inner
                and len(node.value) >= MIN_CHARS
                and " " in node.value.strip()
                and "\n" not in node.value
            ):
                out[node.value].add(str(path.relative_to(ROOT)))
    return out


def test_no_sentence_is_written_in_both_front_ends() -> None:
    full, line = _texts(FULL_SCREEN), _texts(LINE_MODE)
    twice = {
        text: sorted(full[text] | line[text]) for text in sorted(full.keys() & line.keys())
    }
    assert not twice, "written in both front ends (move it to the desk layer):\n" + "\n".join(
        f"  {text!r}: {', '.join(where)}" for text, where in twice.items()
    )


def test_the_check_finds_a_sentence_written_twice(tmp_path: Path) -> None:
    """The check itself: the same sentence in two files is found, a docstring is not."""
    import tests.test_one_sentence as check

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.py").write_text(
        '"""Call ended: it is a docstring."""\nSAID = "Call ended: no action."\n'
        'def f(n):\n    return f"Turn {n} saved, thanks."\n'
    )
    (tmp_path / "b" / "y.py").write_text(
        '"""Call ended: it is a docstring."""\nX = "Call ended: no action."\n'
        'def g(m):\n    return f"Turn {m} saved, thanks."\n'
    )
    saved = check.ROOT
    check.ROOT = tmp_path
    try:
        a, b = check._texts(("a",)), check._texts(("b",))
    finally:
        check.ROOT = saved
    assert sorted(a.keys() & b.keys()) == ["Call ended: no action.", "Turn {} saved, thanks."]
