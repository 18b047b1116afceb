"""Problems found in the data, phrased for the staff who wrote it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: `file:line: field: message Hinweis: hint`."""

    path: str
    line: int
    field: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        return f"{text} Hinweis: {self.hint}" if self.hint else text


class DataError(Exception):
    """The data cannot be published; carries every problem found, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        count = len(self.problems)
        heading = "1 Problem in den Daten" if count == 1 else f"{count} Probleme in den Daten"
        super().__init__(heading + ":\n" + "\n".join(map(str, self.problems)))
