"""How much Markdown one text may hold, so that rendering it takes bounded time and stack.

Python-Markdown needs time that grows with the square of a text's length for some inputs (a run
of unclosed '[': 8 000 characters took 11 s; 13 000 unclosed '<a ' in a page 14 s) and recurses
once per level of nesting (a list nested 400 deep, or emphasis nested 500 deep inside one
paragraph, ended a build in a RecursionError). The limits are far above what a signed agreement or
a hand-written page needs; `make bench` measures the worst input they still allow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lists and quotes inside each other; a signed agreement uses two levels.
MAX_NESTING = 8
# Runs of emphasis marks ('*', '**', '_' at a word's edge) in one paragraph: each pair can nest one
# level deeper, and Python-Markdown recurses per level (a RecursionError from about 450 levels on).
# The contributor guide has at most 14 in a paragraph.
MAX_EMPHASIS_RUNS = 100
# Lines of only '=' or '-' (a setext heading's underline, or a rule): Python-Markdown needs time that grows
# with the square of their number (10 000 in a page: 5 s to check, 13 s to build).
MAX_UNDERLINES = 50


@dataclass(frozen=True)
class MarkdownLimits:
    characters: int
    # Opening square brackets (links): each unclosed one makes Python-Markdown scan the rest of the text.
    brackets: int
    # '<' (raw HTML and autolinks, only where raw HTML is passed through): each unclosed tag does the same.
    angle_brackets: int | None = None


# One section of an agreement (standard text or deviation): the longest signed one has 2 312 characters.
# Raw HTML in a wording is shown as text, so '<' costs nothing there.
WORDING_LIMITS = MarkdownLimits(characters=10_000, brackets=100)
# One hand-written page in content/ or the contributor guide (CONTRIBUTING.md: 17 000 characters, 13 '<').
PAGE_LIMITS = MarkdownLimits(characters=40_000, brackets=200, angle_brackets=200)

# What opens one level at the start of a line: a quote mark, or a list marker followed by a space.
_LEVEL = re.compile(r">[ \t]*|(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)")
_UNDERLINE = re.compile(r"^[ ]{0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
# A paragraph ends at a line of nothing but spaces and tabs, as Python-Markdown splits its blocks.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Emphasis marks: any run of '*'; a run of '_' only at a word's edge (snake_case is no emphasis).
_EMPHASIS_RUN = re.compile(r"\*+|(?<![^\W_])_+|_+(?![^\W_])")


def nesting_depth(line: str) -> int:
    """Levels a line opens: its indentation (four columns a level) plus the markers it starts with."""
    stripped = line.lstrip(" \t")
    columns = len(line[: len(line) - len(stripped)].expandtabs(4))
    depth, position = columns // 4, 0
    while match := _LEVEL.match(stripped, position):
        if match.end() == position:
            break
        depth, position = depth + 1, match.end()
    return depth


def markdown_bound_problems(text: str, limits: MarkdownLimits) -> list[tuple[int, str, str]]:
    """(offset in text, message, hint) in German for a text too long or nested too deep to render."""
    if len(text) > limits.characters:
        return [
            (
                limits.characters,
                f"ist zu lang: {len(text)} Zeichen, erlaubt sind höchstens {limits.characters}",
                "Den Text auf mehrere Abschnitte aufteilen.",
            )
        ]
    if text.count("[") > limits.brackets:
        return [
            (
                _nth(text, "[", limits.brackets + 1),
                f"hat zu viele eckige Klammern '[': {text.count('[')}, erlaubt sind höchstens {limits.brackets}",
                "Eckige Klammern braucht Markdown nur für Links; sonst runde Klammern verwenden.",
            )
        ]
    if limits.angle_brackets is not None and text.count("<") > limits.angle_brackets:
        return [
            (
                _nth(text, "<", limits.angle_brackets + 1),
                f"hat zu viele spitze Klammern '<': {text.count('<')}, erlaubt sind höchstens {limits.angle_brackets}",
                "Spitze Klammern braucht eine Seite nur für wenige HTML-Elemente; im Text „kleiner als“ schreiben.",
            )
        ]
    underlines = list(_UNDERLINE.finditer(text))
    if len(underlines) > MAX_UNDERLINES:
        return [
            (
                underlines[MAX_UNDERLINES].start(),
                f"hat zu viele Zeilen nur aus '=' oder '-': {len(underlines)}, erlaubt sind höchstens {MAX_UNDERLINES}",
                "Überschriften mit # schreiben (## Überschrift) statt sie zu unterstreichen.",
            )
        ]
    return _nesting_problems(text)


def _nesting_problems(text: str) -> list[tuple[int, str, str]]:
    offset = 0
    for line in text.splitlines(keepends=True):
        if nesting_depth(line) > MAX_NESTING:
            return [
                (
                    offset,
                    f"ist zu tief verschachtelt (mehr als {MAX_NESTING} Ebenen Listen, Zitate oder Einrückung)",
                    "Listen flacher schreiben; Einrückung nur für Unterpunkte verwenden.",
                )
            ]
        offset += len(line)
    start = 0
    for paragraph_break in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = paragraph_break.start() if paragraph_break else len(text)
        runs = list(_EMPHASIS_RUN.finditer(text, start, end))
        if len(runs) > MAX_EMPHASIS_RUNS:
            return [
                (
                    runs[MAX_EMPHASIS_RUNS].start(),
                    f"hat in einem Absatz zu viele Hervorhebungszeichen ('*' oder '_'): {len(runs)}, "
                    f"erlaubt sind höchstens {MAX_EMPHASIS_RUNS}",
                    "Hervorhebungen sparsam verwenden und nicht ineinander schachteln; den Absatz teilen.",
                )
            ]
        start = paragraph_break.end() if paragraph_break else end
    return []


def _nth(text: str, character: str, count: int) -> int:
    offset = -1
    for _ in range(count):
        offset = text.index(character, offset + 1)
    return offset
