"""The importer's old view of a signed document (text and numbered lines), now a thin layer over
`aqb.document`: it stays until the importer reads Documents itself (`read_document`, `flat_lines`).

The file's kind is decided as the importer always did (a PDF by its first bytes whatever its name,
anything else not .pdf or .docx as text); reading, page furniture and hyphenation are
`aqb.document`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from aqb.document.formats import DOCX, PDF, TEXT, DocumentError
from aqb.document.read import read_as
from aqb.document.segment import flat_lines, printed_text
from aqb.document.text import decoded_text, text_document
from aqb.formatting import escaped

MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a signed agreement is a few pages; anything larger is a mistake

SourceError = DocumentError  # the file cannot be read as a signed text; the message is for staff (German)


@dataclass(frozen=True)
class SourceLine:
    number: int  # line in the source as staff count it (PDF: in the extracted text)
    text: str


def read_signed_text(path: Path) -> tuple[str, list[str]]:
    """The text of a signed agreement and notes on how it was read (a PDF's or Word file's as printed)."""
    shown = escaped(path.name)
    if not path.is_file():
        raise SourceError(f"Datei nicht gefunden: {escaped(str(path))}")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"{shown} ist zu groß ({size} Bytes); eine Vereinbarung hat wenige Seiten.")
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if raw.startswith(b"%PDF-"):
        form = PDF
    elif suffix == ".pdf":
        raise SourceError(f"{shown} heißt .pdf, ist aber keine PDF-Datei.")
    elif suffix == ".docx":
        if not raw.startswith(b"PK\x03\x04"):
            raise SourceError(f"{shown} heißt .docx, ist aber keine Word-Datei.")
        form = DOCX
    else:
        form = TEXT
    if form is TEXT:
        return decoded_text(raw, shown)  # as written: the importer counts its lines as an editor does
    return printed_text(read_as(form, raw, path.name)), []


def source_lines(
    text: str, vocabulary: Iterable[str] = (), *, printed: bool = True
) -> tuple[list[SourceLine], list[SourceLine]]:
    """The document's own lines, and the page furniture left out (`aqb.document.segment.flat_lines`)."""
    lines, furniture = flat_lines(text_document(text), vocabulary, printed=printed)
    return [SourceLine(line.ref.line, line.text) for line in lines], [
        SourceLine(line.ref.line, line.text) for line in furniture
    ]
