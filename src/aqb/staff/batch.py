"""A year at once: every signed agreement in a folder becomes a draft, and one table says how each went.

Staff get the year's stack of signed PDFs at once. Each file is imported on its own (one that fails
leaves nothing behind and does not stop the others); the table names, per file, the partner, year,
budget and projects found, the open points left for a person, or why nothing was created.
"""

from __future__ import annotations

import dataclasses
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from aqb.data.dataset import Dataset
from aqb.data.layout import SourceError
from aqb.data.model import StandardText
from aqb.data.problems import escaped
from aqb.document.segment import printed_text
from aqb.staff.alignment import identify, majority_proposals
from aqb.staff.importer import ImportResult, import_file, read_if_scan, read_source
from aqb.staff.scaffold import ScaffoldError

SOURCE_SUFFIXES = (".pdf", ".txt", ".docx", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
DOCUMENT_KINDS = "erwartet .pdf, .docx, .txt oder einen Scan .png/.jpg/.tif"
_DIGITS = re.compile(r"([0-9]+)")


@dataclass(frozen=True)
class BatchRow:
    """One file of the folder and what became of it."""

    file: str
    result: ImportResult | None
    failure: str | None  # German, when nothing was created
    scan_of: str | None = None  # a signed scan: the file beside it whose draft it is the original of

    @property
    def failed(self) -> bool:
        return self.result is None and self.scan_of is None


def import_folder(dataset: Dataset, data_dir: Path, folder: Path, kreis: str | None = None) -> list[BatchRow]:
    """Every entry directly in `folder` gets a row, in natural name order: an agreement becomes a draft, anything
    else says why not (an image, a ZIP, a cover letter …); one failing file never stops the others."""
    rows = []
    entries = sorted(folder.iterdir(), key=lambda path: natural_key(path.name))
    texts = _texts(entries)
    proposals = majority_proposals(dataset, [(name, text) for name, text, _ in texts])
    scans = _paired_scans(texts, dataset)
    for source in entries:
        refusal = not_a_document(source)
        if refusal is None and source in scans.values():
            text_version = next(text for text, scan in scans.items() if scan == source)
            rows.append(BatchRow(escaped(source.name), None, None, escaped(text_version.name)))
            continue
        if refusal is not None:
            rows.append(BatchRow(escaped(source.name), None, refusal))
            continue
        try:
            proposal = _proposal_for(proposals, dataset)
            result = import_file(dataset, data_dir, source, kreis, proposal, scans.get(source))
        except ScaffoldError as error:
            reason = " ".join(escaped(line) for line in str(error).splitlines()[:2]).removeprefix("Nichts angelegt: ")
            rows.append(BatchRow(escaped(source.name), None, reason))
            continue
        rows.append(BatchRow(escaped(source.name), result, None))
        if result.proposal is not None:  # the year's next documents are read against the proposal
            standard_texts = {**dataset.standard_texts, result.proposal.jahr: result.proposal}
            dataset = dataclasses.replace(dataset, standard_texts=standard_texts)
    return _scans_settled(rows)


def _scans_settled(rows: list[BatchRow]) -> list[BatchRow]:
    """A scan whose text version became no draft became nothing either: its row says so, with the reason."""
    failed = {row.file: row.failure for row in rows if row.failed}
    return [
        BatchRow(row.file, None, f"Scan zu {row.scan_of}, das nicht angelegt wurde: {failed[row.scan_of]}")
        if row.scan_of in failed
        else row
        for row in rows
    ]


def _texts(entries: list[Path]) -> list[tuple[str, str, Path]]:
    """The readable documents' texts (a scan's by text recognition), for pairing scans with their text
    versions and for a year's standard text proposed from all of them."""
    documents = [entry for entry in entries if not_a_document(entry) is None]
    # Each file is read in a child process of its own (OCR of a scan takes seconds a page): one per core.
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        read = list(pool.map(_text_of, documents))
    return [(escaped(entry.name), text, entry) for entry, text in zip(documents, read, strict=True) if text is not None]


def _text_of(entry: Path) -> str | None:
    try:
        scanned = read_if_scan(entry)
        return printed_text(scanned) if scanned is not None else read_source(entry)[1]
    except (SourceError, ScaffoldError):
        return None  # its own row says why


def _paired_scans(texts: list[tuple[str, str, Path]], dataset: Dataset) -> dict[Path, Path]:
    """Text version → the signed scan of the same agreement (same partner and year) in the folder."""
    scans: dict[tuple[int, str], Path] = {}
    versions: dict[tuple[int, str], Path] = {}
    for _, text, entry in texts:
        found = identify(text, dataset)
        if found is not None:
            (scans if read_if_scan(entry) is not None else versions).setdefault(found, entry)
    return {versions[key]: scan for key, scan in scans.items() if key in versions}


def _proposal_for(proposals: dict[int, StandardText], dataset: Dataset) -> StandardText | None:
    """The folder's proposal for a year still without a standard text (one proposal per folder and year: each
    document is read against all, and import_file takes only the one of its year)."""
    waiting = [proposal for year, proposal in proposals.items() if year not in dataset.standard_texts]
    return waiting[0] if len(waiting) == 1 else None


_SYSTEM_FILES = {".ds_store", "thumbs.db", "desktop.ini"}
_REFUSED_SUFFIXES = {
    ".zip": "ZIP-Archiv: bitte entpacken und die Dateien einzeln in den Ordner legen",
    ".doc": "altes Word-Format (.doc): in Word als .docx oder PDF speichern, dann einlesen",
    ".odt": "OpenDocument-Text (.odt): als .docx oder PDF speichern, dann einlesen",
    ".rtf": "RTF-Datei: in Word als .docx oder PDF speichern, dann einlesen",
    ".msg": "E-Mail (.msg): die angehängten Dokumente speichern und einzeln einlesen",
    ".eml": "E-Mail (.eml): die angehängten Dokumente speichern und einzeln einlesen",
}


def not_a_document(path: Path) -> str | None:
    """Why `path` is not read as an agreement (German), or None for a file to read."""
    name = path.name.lower()
    if path.is_symlink():
        return "Verknüpfung: nicht eingelesen (die Datei selbst in den Ordner legen)"
    if path.is_dir():
        return "Ordner: nicht eingelesen (Dateien direkt in den Ordner legen)"
    if name in _SYSTEM_FILES or name.startswith("~$") or name.startswith("."):
        return "Systemdatei oder Sperrdatei von Word: übergangen"
    if path.suffix.lower() in _REFUSED_SUFFIXES:
        return _REFUSED_SUFFIXES[path.suffix.lower()]
    if path.suffix.lower() not in SOURCE_SUFFIXES:
        return f"kein Dokument, das eingelesen werden kann ({DOCUMENT_KINDS})"
    return None


def natural_key(name: str) -> tuple[tuple[str | int, ...], str]:
    """A file's place in the table: numbers by their value, so `11-…` comes before `100-…` (staff and the
    issue import number their files); names that differ only in leading zeros by the name itself."""
    parts = _DIGITS.split(name)  # text, digits, text, …: every name has text at even and digits at odd places
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts)), name


def _created_row(file: str, result: ImportResult) -> tuple[str, str, str, str, str, str, str]:
    values = result.values
    budget = values.get("budget")
    projects = " / ".join(
        "0" if isinstance(names, str) else str(len(names)) for names in (values.get("massnahmen") or {}).values()
    )
    return (
        file,
        str(values.get("partner", "–")),
        str(values.get("jahr", "–")),
        f"{budget:,}".replace(",", ".") + " €" if isinstance(budget, int) else "nicht erkannt",
        projects or "–",
        str(len(result.open_points)),
        f"angelegt: {result.draft}"
        + (f"; Standardtext vorgeschlagen: {result.standard_draft}" if result.standard_draft else ""),
    )


def table(rows: list[BatchRow], *, reasons_below: bool = True) -> str:
    """The rows as a plain-text table for the terminal. Why a file became no draft is said below the table,
    numbered, so that no row grows as wide as the longest reason; `reasons_below=False`: in its row (an
    issue comment, shortened row by row, where GitHub lets a wide block scroll)."""
    head = ("Datei", "Partner", "Jahr", "Budget", "Projekte je Maßnahmenart", "Offene Punkte", "Ergebnis")
    lines = [head]
    reasons: list[str] = []
    for row in rows:
        if row.scan_of is not None:
            lines.append((row.file, "–", "–", "–", "–", "–", f"Scan: das unterzeichnete Original zu {row.scan_of}"))
            continue
        if row.result is None:
            reasons.append(f"({len(reasons) + 1}) {row.file}: {row.failure}")
            result = f"nicht angelegt ({len(reasons)})" if reasons_below else f"nicht angelegt: {row.failure}"
            lines.append((row.file, "–", "–", "–", "–", "–", result))
            continue
        lines.append(_created_row(row.file, row.result))
    widths = [max(len(line[column]) for line in lines) for column in range(len(head))]
    shown = [" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines]
    return "\n".join(shown + (["", "Nicht angelegt, weil:", *reasons] if reasons and reasons_below else []))
