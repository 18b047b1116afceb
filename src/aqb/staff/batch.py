"""A year at once: every signed agreement in a folder becomes a draft, and one table says how each went.

Staff get the year's stack of signed PDFs at once. Each file is imported on its own (one that fails
leaves nothing behind and does not stop the others); the table names, per file, the partner, year,
budget and projects found, the open points left for a person, or why nothing was created.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from aqb.data.dataset import Dataset
from aqb.data.problems import escaped
from aqb.staff.importer import ImportResult, import_file
from aqb.staff.scaffold import ScaffoldError

SOURCE_SUFFIXES = (".pdf", ".txt", ".docx")
_DIGITS = re.compile(r"([0-9]+)")


@dataclass(frozen=True)
class BatchRow:
    """One file of the folder and what became of it."""

    file: str
    result: ImportResult | None
    failure: str | None  # German, when nothing was created


def import_folder(dataset: Dataset, data_dir: Path, folder: Path) -> list[BatchRow]:
    """Import every .pdf and .txt directly in `folder`, in name order; never stop at a failing one."""
    rows = []
    sources = (p for p in folder.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file())
    for source in sorted(sources, key=lambda path: natural_key(path.name)):
        try:
            result = import_file(dataset, data_dir, source)
        except ScaffoldError as error:
            reason = " ".join(escaped(line) for line in str(error).splitlines()[:2]).removeprefix("Nichts angelegt: ")
            rows.append(BatchRow(escaped(source.name), None, reason))
            continue
        rows.append(BatchRow(escaped(source.name), result, None))
        if result.proposal is not None:  # the year's next documents are read against the proposal
            standard_texts = {**dataset.standard_texts, result.proposal.jahr: result.proposal}
            dataset = dataclasses.replace(dataset, standard_texts=standard_texts)
    return rows


def natural_key(name: str) -> tuple[tuple[str | int, ...], str]:
    """A file's place in the table: numbers by their value, so `11-…` comes before `100-…` (staff and the
    issue import number their files); names that differ only in leading zeros by the name itself."""
    parts = _DIGITS.split(name)  # text, digits, text, …: every name has text at even and digits at odd places
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts)), name


def table(rows: list[BatchRow]) -> str:
    """The rows as a plain-text table for the terminal (and a pull request comment)."""
    head = ("Datei", "Partner", "Jahr", "Budget", "Projekte je Maßnahmenart", "Offene Punkte", "Ergebnis")
    lines = [head]
    for row in rows:
        if row.result is None:
            lines.append((row.file, "–", "–", "–", "–", "–", f"nicht angelegt: {row.failure}"))
            continue
        values = row.result.values
        budget = values.get("budget")
        projects = " / ".join(
            "0" if isinstance(names, str) else str(len(names)) for names in (values.get("massnahmen") or {}).values()
        )
        lines.append(
            (
                row.file,
                str(values.get("partner", "–")),
                str(values.get("jahr", "–")),
                f"{budget:,}".replace(",", ".") + " €" if isinstance(budget, int) else "nicht erkannt",
                projects or "–",
                str(len(row.result.open_points)),
                f"angelegt: {row.result.draft}"
                + (f"; Standardtext vorgeschlagen: {row.result.standard_draft}" if row.result.standard_draft else ""),
            )
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(head))]
    return "\n".join(" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines)
