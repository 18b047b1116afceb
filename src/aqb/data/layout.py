"""The importer's view of a signed document, over `aqb.document`: the Document as read and its text (to find
year and partner, to pair scans, to propose a standard text), and its lines as read (`document_lines`: page
furniture apart, what the margin surely broke joined, where a line may go on marked).

The file's kind is decided as the importer always did (a PDF by its first bytes whatever its name,
anything else not .pdf or .docx as text); reading, page furniture and hyphenation are
`aqb.document`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from aqb.document.formats import DOCX, PDF, TEXT, DocumentError
from aqb.document.model import Document, SourceRef
from aqb.document.read import read_as
from aqb.document.segment import flat_lines, printed_text, unwrapped
from aqb.document.text import decoded_text, text_document
from aqb.formatting import escaped

MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a signed agreement is a few pages; anything larger is a mistake

SourceError = DocumentError  # the file cannot be read as a signed text; the message is for staff (German)


@dataclass(frozen=True)
class SourceLine:
    ref: SourceRef  # where it starts, as staff find it (a text file: its line; a PDF: page and line)
    text: str  # a paragraph, list item or table cell's paragraph the margin broke is one line again
    may_wrap: bool = False  # a PDF's line that may go on in the next one, or not: see Line.may_wrap

    @property
    def number(self) -> int:
        return self.ref.line


def read_signed_text(path: Path) -> tuple[str, list[str]]:
    """The text of a signed agreement and notes on how it was read (a PDF's or Word file's as printed)."""
    _, text, notes = read_signed_document(path)
    return text, notes


def read_signed_document(path: Path) -> tuple[Document, str, list[str]]:
    """A signed agreement as read, its text (`read_signed_text`) and notes on how it was read."""
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
        text, notes = decoded_text(raw, shown)  # as written: the importer counts its lines as an editor does
        return text_document(text), text, notes
    document = read_as(form, raw, path.name)
    return document, printed_text(document), []


def source_lines(
    text: str, vocabulary: Iterable[str] = (), *, printed: bool = True
) -> tuple[list[SourceLine], list[SourceLine]]:
    """The document's own lines, and the page furniture left out (`aqb.document.segment.flat_lines`)."""
    return document_lines(text_document(text), vocabulary, printed=printed)


def document_lines(
    document: Document, vocabulary: Iterable[str] = (), *, printed: bool = True
) -> tuple[list[SourceLine], list[SourceLine]]:
    """A read document's own lines (what the margin surely broke joined again), and its furniture."""
    lines, furniture = flat_lines(document, vocabulary, printed=printed)
    return [SourceLine(line.ref, line.text, line.may_wrap) for line in unwrapped(lines)], [
        SourceLine(line.ref, line.text) for line in furniture
    ]
