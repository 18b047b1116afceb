"""Problems found in the data, phrased for the staff who wrote it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex

# What shows nothing, or nothing certain, yet makes a value differ from one that looks the same: the
# one definition behind the rule for every text in data/ (yamlsource refuses these with line and
# column) and behind how a message prints a value (escaped). Unicode's own list, the property
# Default_Ignorable_Code_Point (zero-width characters, soft hyphen, variation selectors, Hangul
# fillers, tag characters, U+1D173…), rather than a list of ours that misses some; the remaining
# format characters (Cf, such as the interlinear annotation marks U+FFF9–U+FFFB); and the blanks
# Unicode counts as symbols, not as ignorable: U+2800 BRAILLE PATTERN BLANK and U+1D159 MUSICAL
# SYMBOL NULL NOTEHEAD. Spaces (Zs) are not in it: a no-break space is a space, and names allow
# only the plain one anyway (model._title_safe).
INVISIBLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800\U0001D159]")

# Characters that could change what a terminal or a CI log shows: control characters (ANSI escapes,
# carriage returns, line breaks that would start a line such as `::error …`), format characters
# (bidirectional overrides, zero-width characters) and line/paragraph separators; and INVISIBLE.
_UNPRINTABLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def escaped(text: str) -> str:
    """`text` safe to print on one line: every invisible or control character as \\xNN or \\uNNNN."""
    if text.isprintable() and not INVISIBLE.search(text):  # the common case, fast
        return text
    return "".join(_escape_char(char) if _unprintable(char) else char for char in text)


def _unprintable(char: str) -> bool:
    return unicodedata.category(char) in _UNPRINTABLE_CATEGORIES or INVISIBLE.match(char) is not None


def _escape_char(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def has_control_characters(text: str) -> re.Match[str] | None:
    """The first character a value from data may not hold (line breaks and tabs are allowed)."""
    return _VALUE_CONTROL.search(text)


# C0 controls except tab and line feed, DEL, C1 controls, line/paragraph separators, bidirectional
# embeddings, overrides and isolates, and non-characters: they reach pages, downloads and messages.
_VALUE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: `file:line: field: message Hinweis: hint`."""

    path: str
    line: int
    field: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        # Everything here may quote data or file names from a pull request: one printable line each.
        text = f"{escaped(self.path)}:{self.line}: {escaped(self.field)}: {escaped(self.message)}"
        return f"{text} Hinweis: {escaped(self.hint)}" if self.hint else text


class DataError(Exception):
    """The data cannot be published; carries every problem found, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        count = len(self.problems)
        heading = "1 Problem in den Daten" if count == 1 else f"{count} Probleme in den Daten"
        super().__init__(heading + ":\n" + "\n".join(map(str, self.problems)))
