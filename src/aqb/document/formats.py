"""Which files a signed agreement may come as: one list, by magic bytes and by name, each with its limit.

A file is of a kind when its first bytes say so and its name agrees (a PDF named .txt, a Word file
named .pdf are refused: one of the two is wrong, and staff should know which file they meant). Kinds
we recognise but do not read (another ZIP archive, an old .doc, an OpenDocument text) are refused
with a German message saying what to do instead, and so is everything else.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from aqb.formatting import escaped

_MB = 1024 * 1024


class DocumentError(Exception):
    """A document cannot be read; the message names the file and is for staff (German)."""


@dataclass(frozen=True)
class Format:
    kind: str  # "text", "pdf", "docx" or "scan": the reader that reads it (Document.kind)
    label: str  # German, as a message names it
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the one a kept copy gets
    max_bytes: int


TEXT = Format("text", "Textdatei", (".txt",), 5 * _MB)
PDF = Format("pdf", "PDF-Datei", (".pdf",), 20 * _MB)
DOCX = Format("docx", "Word-Datei", (".docx",), 20 * _MB)
SCAN = Format("scan", "eingescanntes Bild", (".png", ".jpg", ".jpeg", ".tif", ".tiff"), 20 * _MB)
ACCEPTED = (TEXT, PDF, DOCX, SCAN)

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 (.doc), and other old Office files
_SAVE_AS = "Bitte in Word „Speichern unter“ als Word-Dokument (.docx) oder als PDF speichern und diese Datei nehmen."
# Recognised, never read: (suffixes, German message after the file's name).
_REFUSED = (
    ((".doc",), "ist ein altes Word-Dokument (.doc), das nicht gelesen wird. " + _SAVE_AS),
    ((".odt",), "ist ein OpenDocument-Text (LibreOffice), der nicht gelesen wird. " + _SAVE_AS),
    ((".zip",), "ist ein ZIP-Archiv. Bitte die Dokumente einzeln anhängen (PDF, Word .docx oder Text)."),
)
_ACCEPTED_NAMES = "PDF (.pdf), Word (.docx), Text (.txt) oder ein Scan (.png, .jpg, .tif)"


def format_by_name(name: str) -> Format:
    """The kind a file's name says it is; DocumentError (German) for a kind that is not read."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for found in ACCEPTED:
        if suffix in found.suffixes:
            return found
    for suffixes, message in _REFUSED:
        if suffix in suffixes:
            raise DocumentError(f"{escaped(name)} {message}")
    raise DocumentError(f"{escaped(name)}: diese Art Datei wird nicht gelesen. Erlaubt sind {_ACCEPTED_NAMES}.")


def kind_of(name: str, raw: bytes) -> Format:
    """The format of a file, where its bytes and its name agree and it is within that format's size;
    DocumentError with a German message saying what to do otherwise."""
    shown = escaped(name)
    by_bytes = _format_by_bytes(raw, shown)
    by_name = format_by_name(name)
    if by_bytes is not None and by_bytes is not by_name:
        raise DocumentError(
            f"{shown} heißt {by_name.suffixes[0]}, ist aber eine {by_bytes.label}. Bitte die Endung "
            f"berichtigen ({by_bytes.suffixes[0]}) oder die richtige Datei nehmen."
        )
    if by_bytes is None and by_name is not TEXT:
        raise DocumentError(
            f"{shown} heißt {by_name.suffixes[0]}, ist aber keine {by_name.label}. "
            "Sie ist beschädigt oder falsch benannt."
        )
    if len(raw) > by_name.max_bytes:
        raise DocumentError(
            f"{shown} ist zu groß ({len(raw)} Bytes, höchstens {by_name.max_bytes} für eine {by_name.label}); "
            "eine Vereinbarung hat wenige Seiten."
        )
    return by_name


def _format_by_bytes(raw: bytes, shown: str) -> Format | None:
    """What the first bytes say (None: no magic bytes, so text if anything); refused kinds raise."""
    if raw.startswith(b"%PDF-"):
        return PDF
    if raw.startswith(_IMAGE_MAGIC):
        return SCAN
    if raw.startswith(_OLE_MAGIC):
        raise DocumentError(f"{shown} {_REFUSED[0][1]}")
    if raw.startswith(_ZIP_MAGIC):
        return _zip_format(raw, shown)
    return None


def _zip_format(raw: bytes, shown: str) -> Format:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(raw)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DocumentError(f"{shown} ist ein beschädigtes ZIP-Archiv (auch .docx ist eines).") from None
    if "word/document.xml" in names:
        return DOCX
    if "content.xml" in names:
        raise DocumentError(f"{shown} {_REFUSED[1][1]}")
    raise DocumentError(f"{shown} {_REFUSED[2][1]}")
