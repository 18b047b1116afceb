"""One entry point for every reader: a file in, a Document out, or a German message naming the file."""

from __future__ import annotations

from pathlib import Path

from aqb.document.child import read_in_child
from aqb.document.formats import DOCX, PDF, TEXT, DocumentError, Format, kind_of
from aqb.document.model import Document
from aqb.document.text import read_text
from aqb.formatting import escaped


def read_document(path: Path) -> Document:
    """The Document of the file at `path`, of whichever accepted kind (aqb.document.formats) it is."""
    if not path.is_file():
        raise DocumentError(f"Datei nicht gefunden: {escaped(str(path))}")
    size = path.stat().st_size
    if size > max(PDF.max_bytes, DOCX.max_bytes, TEXT.max_bytes):
        raise DocumentError(f"{escaped(path.name)} ist zu groß ({size} Bytes); eine Vereinbarung hat wenige Seiten.")
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(raw: bytes, name: str) -> Document:
    """The Document of a file's bytes; `name` (its file name) says its kind together with the bytes."""
    return read_as(kind_of(name, raw), raw, name)


def read_as(form: Format, raw: bytes, name: str) -> Document:
    """The Document of bytes whose kind is already known (`kind_of` decided it, or a caller that must)."""
    shown = escaped(name)
    if form is TEXT:
        return read_text(raw, shown)
    if form is PDF or form is DOCX:
        document = read_in_child(form.kind, raw, shown)
        if form is PDF and not any(line.text.strip() for block in document.blocks for line in block.lines):
            raise DocumentError(f"{shown} hat keine Textebene (eingescannt?); bitte den Text als Datei einlesen.")
        return document
    raise DocumentError(
        f"{shown} ist ein Scan; Scans werden noch nicht gelesen. Bitte das PDF aus Word, die Word-Datei oder "
        "eine Abschrift als Text nehmen."
    )
