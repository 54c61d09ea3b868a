"""WCAG 2 contrast ratios of what is actually drawn (used by test_contrast.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.color import Color
from rich.style import Style
from rich.terminal_theme import TerminalTheme

from tests.ui.helpers import BOX_AND_BLOCKS

# Two common terminal palettes for the ANSI theme: light (xterm-like) and dark.
LIGHT_TERMINAL = TerminalTheme(
    (255, 255, 255),
    (0, 0, 0),
    [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
    ],
    [
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ],
)
DARK_TERMINAL = TerminalTheme(
    (30, 30, 30),
    (229, 229, 229),
    [
        (0, 0, 0),
        (205, 49, 49),
        (13, 188, 121),
        (229, 229, 16),
        (36, 114, 200),
        (188, 63, 188),
        (17, 168, 205),
        (229, 229, 229),
    ],
    [
        (102, 102, 102),
        (241, 76, 76),
        (35, 209, 139),
        (245, 245, 67),
        (59, 142, 234),
        (214, 112, 214),
        (41, 184, 219),
        (255, 255, 255),
    ],
)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(color: Color | None, terminal: TerminalTheme, *, foreground: bool) -> tuple[int, int, int]:
    if color is None:
        color = Color.default()
    triplet = color.get_truecolor(terminal, foreground=foreground)
    return (triplet.red, triplet.green, triplet.blue)


@dataclass(frozen=True)
class Pair:
    fg: tuple[int, int, int]
    bg: tuple[int, int, int]
    text: bool  # False: a border or block character (non-text, 3:1 suffices)

    @property
    def ratio(self) -> float:
        return ratio(self.fg, self.bg)

    @property
    def required(self) -> float:
        return 4.5 if self.text else 3.0


def cell_pair(char: str, style: Style, terminal: TerminalTheme) -> Pair:
    fg = _rgb(style.color, terminal, foreground=True)
    bg = _rgb(style.bgcolor, terminal, foreground=False)
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:  # a terminal draws dim text about halfway towards the background
        fg = (  # type: ignore[assignment]
            tuple((f + b) // 2 for f, b in zip(fg, bg, strict=True))
        )
    return Pair(fg, bg, text=ord(char) not in BOX_AND_BLOCKS)


def failures(
    cells: Iterable[list[tuple[str, Style]]], terminal: TerminalTheme
) -> dict[tuple[tuple[int, int, int], tuple[int, int, int], bool], tuple[float, str]]:
    """Every (fg, bg, text?) pair below its WCAG minimum, with its ratio and a sample."""
    bad: dict[tuple[tuple[int, int, int], tuple[int, int, int], bool], tuple[float, str]] = {}
    for row in cells:
        line = "".join(ch for ch, _ in row)
        for x, (char, style) in enumerate(row):
            if not char.strip():
                continue
            pair = cell_pair(char, style, terminal)
            if not pair.text and pair.fg == pair.bg:
                continue  # a block drawn in its own background colour: no visible mark
            if pair.ratio < pair.required:
                key = (pair.fg, pair.bg, pair.text)
                if key not in bad:
                    bad[key] = (round(pair.ratio, 2), line[max(0, x - 10) : x + 20].strip())
    return bad
