"""Problems found in the data, phrased for the staff who wrote it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# escaped and INVISIBLE live with the other ways text is written (aqb.formatting), where the document
# readers use them too; they stay importable from here.
from aqb.formatting import CONTROL_IN_VALUE, INVISIBLE, escaped

__all__ = ["INVISIBLE", "DataError", "Problem", "escaped", "has_control_characters"]


def has_control_characters(text: str) -> re.Match[str] | None:
    """The first character a value from data may not hold (line breaks and tabs are allowed)."""
    return CONTROL_IN_VALUE.search(text)


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
