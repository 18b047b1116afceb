"""The lines of a signed document as printed: decoded, with page furniture set apart.

Signed agreements arrive as text exports (UTF-8, Windows-1252, UTF-16 from Word) or PDFs. PDFs add
what is not part of the agreement: running headers and footers, page numbers, ligatures, justified
spacing and words hyphenated at line ends. This module undoes exactly that, and reports what it
set apart, so the importer compares only the agreement's own words with the standard text.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from aqb.data.pdftext import PdfTextError, pdf_pages
from aqb.data.problems import escaped

MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a signed agreement is a few pages; anything larger is a mistake
PAGE_BREAK = "\f"


class SourceError(Exception):
    """The file cannot be read as a signed text; the message is for staff (German)."""


@dataclass(frozen=True)
class SourceLine:
    number: int  # line in the source as staff count it (PDF: in the extracted text)
    text: str


def read_signed_text(path: Path) -> tuple[str, list[str]]:
    """The text of a signed agreement and notes on how it was read; PDFs through their text layer."""
    shown = escaped(path.name)
    if not path.is_file():
        raise SourceError(f"Datei nicht gefunden: {escaped(str(path))}")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"{shown} ist zu groß ({size} Bytes); eine Vereinbarung hat wenige Seiten.")
    raw = path.read_bytes()
    if raw.startswith(b"%PDF-"):
        return _pdf_text(raw, shown), []
    if path.suffix.lower() == ".pdf":
        raise SourceError(f"{shown} heißt .pdf, ist aber keine PDF-Datei.")
    if path.suffix.lower() == ".docx":
        if not raw.startswith(b"PK\x03\x04"):
            raise SourceError(f"{shown} heißt .docx, ist aber keine Word-Datei.")
        return _pdf_text(raw, shown, "docx"), []
    text, notes = _decoded(raw, shown)
    controls = _CONTROL.findall(text)
    if len(controls) > max(3, len(text) // 100):
        raise SourceError(
            f"{shown} ist weder Text noch PDF (zu viele Steuerzeichen); bitte als PDF oder Text speichern."
        )
    if controls:
        text = _CONTROL.sub("", text)
        notes.append(f"{len(controls)} unsichtbare Steuerzeichen entfernt.")
    return text, notes


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


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
        raise SourceError(f"{shown} ist weder Text noch PDF (enthält Nullbytes); bitte als PDF oder Text speichern.")
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
        raise SourceError(
            f"{shown} ist nicht lesbar ({encoding.upper()} erwartet); bitte als UTF-8 speichern."
        ) from None


def _pdf_text(raw: bytes, shown: str, kind: str = "pdf") -> str:
    try:
        pages = pdf_pages(raw, shown, kind)
    except PdfTextError as error:
        raise SourceError(str(error)) from None
    if not "".join(pages).strip():
        raise SourceError(f"{shown} hat keine Textebene (eingescannt?); bitte den Text als Datei einlesen.")
    return PAGE_BREAK.join(pages)


# -- lines -----------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"\s*(?:(?:Seite|S\.)\s*)?[0-9]{1,3}(?:\s*(?:von|/)\s*[0-9]{1,3})?\s*|\s*[-–—]\s*[0-9]{1,3}\s*[-–—]\s*"
)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})
_JUSTIFIED = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_EXPLICIT_PAGE = re.compile(r"\s*(?:Seite|S\.)\s*[0-9]{1,3}(?:\s*(?:von|/)\s*[0-9]{1,3})?\s*")
_NUMBERED_PAGE = re.compile(r"(?:Seite|S\.)\s*[0-9]+(?:\s*(?:von|/)\s*[0-9]+)?")
_HYPHENATED = re.compile(r"(\w+)-$")
_ANY_WORD_START = re.compile(r"^\s*(\w+(?:-\w+)*)(\S*)")


def source_lines(
    text: str, vocabulary: Iterable[str] = (), *, printed: bool = True
) -> tuple[list[SourceLine], list[SourceLine]]:
    """The document's own lines, and the page furniture (headers, footers, page numbers) left out.

    A word hyphenated at a line end is joined only where the joined word occurs in `vocabulary`
    (the standard text's words): "Ausbildungs-" before "und" stays as it is. A text that was never
    printed (`printed=False`: a transcript) has no furniture: every line of it counts.
    """
    pages = _pages(text)
    furniture = _page_furniture(pages) if printed else set()
    left_out = [line for page in pages for line in page if id(line) in furniture]
    kept: list[SourceLine] = []
    for number, page in enumerate(pages):
        kept += _body(page, furniture, first=number == 0, last=number == len(pages) - 1)
    return _dehyphenated(kept, set(vocabulary)), left_out


def _pages(text: str) -> list[list[SourceLine]]:
    """The text's lines page by page, with justified spacing and ligatures undone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LIGATURES)
    pages: list[list[SourceLine]] = [[]]
    for number, line in enumerate(text.split("\n"), start=1):
        for part_index, part in enumerate(line.split(PAGE_BREAK)):
            if part_index:
                pages.append([])
            pages[-1].append(SourceLine(number, _JUSTIFIED.sub(" ", part)))
    return pages


def _body(page: list[SourceLine], furniture: set[int], *, first: bool, last: bool) -> list[SourceLine]:
    body = [line for line in page if id(line) not in furniture]
    # Space above a footer or below a header is layout: a page break is no paragraph break.
    while not first and body and not body[0].text.strip():
        body.pop(0)
    while not last and body and not body[-1].text.strip():
        body.pop()
    return body


def _page_furniture(pages: list[list[SourceLine]]) -> set[int]:
    """Page numbers and lines repeated at the same place at the top or bottom of two or more pages.

    A header repeats at the same place (first or second line), a footer likewise from the bottom: a line
    of the text that happens to open one page and stand second on another is neither."""
    places: Counter[tuple[int, str]] = Counter()
    for page in pages:
        places.update({(place, _shape(line)) for place, line in _edges(page)})
    several = len(pages) > 1  # on a single page only "Seite 1 von 1" is surely no part of the text
    found: set[int] = set()
    for page in pages:
        for side in (1, -1):
            for place, line in _edges(page, side):  # from the page's edge inwards, while it is furniture
                repeated = places[(place, _shape(line))] >= 2
                if not (
                    _EXPLICIT_PAGE.fullmatch(line.text) or (several and (_PAGE_NUMBER.fullmatch(line.text) or repeated))
                ):
                    break
                found.add(id(line))
    return found


def _shape(line: SourceLine) -> str:
    # "Zielvereinbarung 2025 – Seite 3 von 5" repeats with another number: only that number is ignored
    return _NUMBERED_PAGE.sub("Seite #", " ".join(line.text.split()))


def _edges(page: list[SourceLine], side: int = 0) -> list[tuple[int, SourceLine]]:
    """The two filled lines at the top (places 0, 1), at the bottom (-1, -2), or both (side 0)."""
    filled = [line for line in page if line.text.strip()]
    top = list(enumerate(filled[:2]))
    bottom = [(-1 - place, line) for place, line in enumerate(filled[-2:][::-1])]
    return top if side > 0 else bottom if side < 0 else top + bottom


def _joined_hyphen(head: str, tail: str, vocabulary: set[str]) -> str | None:
    """How a word broken at a line-end hyphen joins, where the joined word is one of `vocabulary`: without
    the hyphen before a lower-case continuation ("Kin-" "derbetreuung"), with it where the word has one
    itself ("UN-" "Behindertenrechtskonvention", "Teilzeit-" "Ausbildung"); None where it is neither."""
    if tail[:1].islower() and head + tail in vocabulary:
        return ""
    if f"{head}-{tail}" in vocabulary:
        return "-"
    return None


def _dehyphenated(lines: list[SourceLine], vocabulary: set[str]) -> list[SourceLine]:
    if not vocabulary:
        return lines
    result = list(lines)
    merged: set[int] = set()
    for index in range(len(result) - 1):
        ending = _HYPHENATED.search(result[index].text.rstrip())
        following = _ANY_WORD_START.match(result[index + 1].text)
        if not ending or not following:
            continue
        hyphen = _joined_hyphen(ending.group(1), following.group(1), vocabulary)
        if hyphen is None:
            continue
        head = result[index].text.rstrip()[:-1] + hyphen + following.group(1) + following.group(2)
        rest = result[index + 1].text[following.end() :].lstrip()
        result[index] = SourceLine(result[index].number, head)
        result[index + 1] = SourceLine(result[index + 1].number, rest)
        if not rest:
            merged.add(index + 1)  # the whole line was the word's end: no blank line in its place
    return [line for index, line in enumerate(result) if index not in merged]
