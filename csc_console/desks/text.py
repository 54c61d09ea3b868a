"""Small pieces of wording both front ends use: records joined with commas, a sentence's closing
mark, a long text shortened for a one-line record, a question as a label."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from csc_console.catalog.schema import Question

SHORT = 80  # characters of a description quoted in a one-line record


def join_parts(*parts: object) -> str:
    """Record parts joined with ", ", empty ones left out (``None``, "")."""
    return ", ".join(str(p) for p in parts if p is not None and str(p) != "")


def sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."


def short(text: str, limit: int = SHORT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def question_label(question: Question) -> str:
    """The question as a prompt label: "Where in the street is it" (no closing mark)."""
    return question.prompt.rstrip(" ?.:")
