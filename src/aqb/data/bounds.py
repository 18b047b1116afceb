"""How much Markdown one text may hold, so that rendering it takes bounded time and stack.

Python-Markdown needs time that grows with the square of a text's length for some inputs (a run
of unclosed '[': 8 000 characters took 11 s) and recurses once per level of nesting (a list nested
400 deep ended a build in a RecursionError). Both limits are far above what a signed agreement or
a hand-written page needs; `make bench` measures the worst input each limit still allows.
"""

from __future__ import annotations

import re

# One section of an agreement (standard text or deviation): the longest signed one has 2 312 characters.
MAX_WORDING_CHARACTERS = 10_000
# One hand-written page in content/ or the contributor guide (CONTRIBUTING.md, 17 000 today).
MAX_PAGE_CHARACTERS = 40_000
# Opening square brackets (links): each unclosed one makes Python-Markdown scan the rest of the text.
MAX_WORDING_BRACKETS = 100
MAX_PAGE_BRACKETS = 200
# Lists and quotes inside each other; a signed agreement uses two levels.
MAX_NESTING = 8

# What opens one level at the start of a line: a quote mark, or a list marker followed by a space.
_LEVEL = re.compile(r">[ \t]*|(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)")


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


def markdown_bound_problems(text: str, max_characters: int, max_brackets: int) -> list[tuple[int, str, str]]:
    """(offset in text, message, hint) in German for a text too long or nested too deep to render."""
    if len(text) > max_characters:
        return [
            (
                max_characters,
                f"ist zu lang: {len(text)} Zeichen, erlaubt sind höchstens {max_characters}",
                "Den Text auf mehrere Abschnitte aufteilen.",
            )
        ]
    if text.count("[") > max_brackets:
        return [
            (
                _nth(text, "[", max_brackets + 1),
                f"hat zu viele eckige Klammern '[': {text.count('[')}, erlaubt sind höchstens {max_brackets}",
                "Eckige Klammern braucht Markdown nur für Links; sonst runde Klammern verwenden.",
            )
        ]
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
    return []


def _nth(text: str, character: str, count: int) -> int:
    offset = -1
    for _ in range(count):
        offset = text.index(character, offset + 1)
    return offset
