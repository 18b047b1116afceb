"""Benchmark: `make import` on a ministry's folder of 27 signed agreements, fact by fact (issue 28).

The folder is made here (tests/corpus.py): one agreement per partner (26 of 2025, Hanau's of 2026,
whose standard text the import proposes), in every form a ministry has (Word file, Word-made PDF,
browser print, signed scan with its Word file, transcript), plus a cover letter, the logo, a ZIP file
and a broken PDF. Each draft is compared with the true facts (tests/import_score.py): the share right
without edits (goal at least 95 %), those named by an open point, those silently wrong, and the time of
the import itself (goal at most 60 s); making the folder is timed apart.

    python bench/import_corpus.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))  # the corpus and its scoring are test helpers the benchmark shares
from corpus import make_corpus, missing_tools  # noqa: E402
from import_score import import_and_score, project_copy  # noqa: E402

COUNT, YEAR, SEED = 27, 2025, 0


def rows(workdir: Path) -> dict[str, Any] | None:
    """Make the folder, import it into a copy of data/, score it; None when a tool to make it is missing."""
    missing = missing_tools()
    if missing:
        print(f"Import-Korpus nicht gemessen: {', '.join(missing)} fehlt", file=sys.stderr)
        return None
    workdir = workdir / "import-korpus"  # apart from what the other benchmarks put beside it
    folder = workdir / "unterlagen"
    started = time.perf_counter()
    truths = make_corpus(folder, COUNT, YEAR, SEED)
    made = time.perf_counter() - started
    score = import_and_score(folder, truths, project_copy(workdir / "import-projekt"))
    by_form: dict[str, list[int]] = {}
    for fact in score.facts:
        counts = by_form.setdefault(fact.form, [0, 0, 0])
        counts[("right", "flagged", "silent").index(fact.verdict)] += 1
    return {
        "agreements": len(truths),
        "files": len(score.files),
        "facts": len(score.facts),
        "right": score.count("right"),
        "flagged": score.count("flagged"),
        "silent": score.count("silent"),
        "without_row": len(score.files_without_row()),
        "made": made,
        "seconds": score.seconds,
        "by_form": by_form,
    }


def table(result: dict[str, Any] | None) -> str:
    if result is None:
        return "Import-Korpus: nicht gemessen (LibreOffice, Chromium oder tesseract fehlt)."
    facts = result["facts"]

    def share(count: int) -> str:
        return f"{count} von {facts} ({count / facts:.0%})"

    lines = [
        f"| Import-Korpus: {result['agreements']} Vereinbarungen, {result['files']} Dateien | Wert | Ziel |",
        "|---|---|---|",
        f"| Fakten richtig ohne Nacharbeit | {share(result['right'])} | ≥ 95 % |",
        f"| falsch oder fehlend, aber als offener Punkt benannt | {share(result['flagged'])} | |",
        f"| still falsch (weder richtig noch benannt) | {share(result['silent'])} | 0 |",
        f"| Dateien ohne Zeile in der Tabelle | {result['without_row']} | 0 |",
        f"| Import des Ordners (s) | {result['seconds']:.1f} | ≤ 60 |",
        f"| Erzeugen des Ordners (s, nicht Teil des Imports) | {result['made']:.1f} | |",
    ]
    for form, (right, flagged, silent) in sorted(result["by_form"].items()):
        lines.append(f"| … Form `{form}`: richtig / benannt / still falsch | {right} / {flagged} / {silent} | |")
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="aqb-import-korpus-") as folder:
        print(table(rows(Path(folder))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
