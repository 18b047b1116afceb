"""A text file as a Document: decoded (UTF-8, Windows-1252, UTF-16 from Word), control characters out.

A text file has no layout to see: its paragraphs are the runs of lines between blank lines, each line
as written (list markers stay in the text). A form feed starts a new page, as in a PDF's text saved
as .txt; lines are counted through the whole file, as an editor counts them.
"""

from __future__ import annotations

import codecs
import re

from aqb.document.formats import DocumentError
from aqb.document.model import Block, BlockKind, Document, Line, SourceRef
from aqb.formatting import CONTROL_IN_DOCUMENT

PAGE_BREAK = "\f"
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_JUSTIFIED = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


def read_text(raw: bytes, shown: str) -> Document:
    """A text file's Document, with notes on how it was decoded; DocumentError (German) when it is no text."""
    return text_document(*decoded_text(raw, shown))


def decoded_text(raw: bytes, shown: str) -> tuple[str, list[str]]:
    """A text file's text, control characters removed, and notes on how it was decoded."""
    text, notes = _decoded(raw, shown)
    controls = CONTROL_IN_DOCUMENT.findall(text)
    if len(controls) > max(3, len(text) // 100):
        raise DocumentError(
            f"{shown} ist keine Textdatei, sondern die Datei eines anderen Programms; bitte als PDF, Word-Datei "
            "(.docx) oder Text speichern und dann einlesen."
        )
    if controls:
        text = CONTROL_IN_DOCUMENT.sub("", text)
        notes.append(f"{len(controls)} unsichtbare Steuerzeichen entfernt.")
    return text, notes


def text_document(text: str, notes: list[str] | tuple[str, ...] = ()) -> Document:
    """The Document of a text as it stands: a paragraph per run of filled lines, pages at form feeds."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(LIGATURES)
    blocks: list[Block] = []
    paragraph: list[Line] = []
    page = 1
    for number, row in enumerate(text.split("\n"), start=1):
        for index, part in enumerate(row.split(PAGE_BREAK)):
            if index:  # a paragraph never runs over a page break: the page's edges are found per page
                page += 1
                _close(paragraph, blocks)
            if part.strip():
                paragraph.append(Line(_JUSTIFIED.sub(" ", part), SourceRef(page, number)))
            else:
                _close(paragraph, blocks)
    _close(paragraph, blocks)
    return Document("text", tuple(blocks), tuple(notes))


def _close(paragraph: list[Line], blocks: list[Block]) -> None:
    if paragraph:
        blocks.append(Block(BlockKind.PARAGRAPH, tuple(paragraph)))
        paragraph.clear()


def _decoded(raw: bytes, shown: str) -> tuple[str, list[str]]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode(raw, encoding, shown), [f"als {encoding.upper().removesuffix('-SIG')} gelesen."]
    if b"\x00" in raw:
        # UTF-16 without BOM puts a zero byte beside every Latin letter
        even_zeros, odd_zeros = raw[0::2].count(0), raw[1::2].count(0)
        if max(even_zeros, odd_zeros) > len(raw) // 4:
            encoding = "utf-16-be" if even_zeros > odd_zeros else "utf-16-le"
            return _decode(raw, encoding, shown), [f"als {encoding.upper()} gelesen."]
        raise DocumentError(
            f"{shown} ist keine Textdatei, sondern die Datei eines anderen Programms; bitte als PDF, Word-Datei "
            "(.docx) oder Text speichern und dann einlesen."
        )
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), ["nicht UTF-8: als Windows-1252 (Latin-1) gelesen; Umlaute bitte prüfen."]
    except UnicodeDecodeError:
        return raw.decode("latin-1"), ["nicht UTF-8: als Latin-1 gelesen; Umlaute bitte prüfen."]


def _decode(raw: bytes, encoding: str, shown: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise DocumentError(
            f"{shown} ist nicht lesbar ({encoding.upper()} erwartet); bitte als UTF-8 speichern."
        ) from None
