"""The text of a PDF (its text layer) or a Word file, read in a separate process with bounded memory,
time and output.

A PDF from a stranger can be built to decompress into gigabytes (a 19.8 MB file of compressed blank
pages ran past 300 s and 3 GB), and so can a Word file (a ZIP archive). pypdf and python-docx run here
as `python -I -m aqb.data.pdftext <pdf|docx>` under resource limits; the caller gets the pages as
JSON, or a German message, never the libraries' English warnings. A Word file has no pages of its
own: its body (paragraphs and tables in order; headers and footers are not part of it) is one page.
"""

from __future__ import annotations

import io
import json
import logging
import resource
import subprocess
import sys
import warnings
from typing import Any

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PAGES = 200
MAX_TEXT_CHARACTERS = 2_000_000
MAX_MEMORY_BYTES = 1024 * 1024 * 1024
MAX_CPU_SECONDS = 60
MAX_WALL_SECONDS = 90

_TOO_MANY_PAGES = 3
_UNREADABLE = 4
_INVISIBLE = 5


class PdfTextError(Exception):
    """The PDF could not be read within the limits; the message is German."""


def pdf_pages(raw: bytes, shown: str, kind: str = "pdf") -> list[str]:
    """Each page's text, read by a child process under limits; PdfTextError when that fails.

    `kind`: "pdf", or "docx" for a Word file (one page: its body)."""
    if len(raw) > MAX_PDF_BYTES:
        raise PdfTextError(f"{shown} ist zu groß ({len(raw)} Bytes, höchstens {MAX_PDF_BYTES}).")
    try:
        result = subprocess.run(
            [sys.executable, "-I", "-m", "aqb.data.pdftext", kind],
            input=raw,
            capture_output=True,
            timeout=MAX_WALL_SECONDS,
            preexec_fn=_limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PdfTextError(f"{shown} ließ sich nicht in {MAX_WALL_SECONDS} Sekunden lesen.") from None
    if result.returncode == _INVISIBLE:
        raise PdfTextError(
            f"{shown} enthält unsichtbaren Text (etwa die Texterkennung über einem Scan): was niemand sieht, "
            "kann nicht der unterzeichnete Wortlaut sein. Bitte das PDF aus Word oder die Word-Datei nehmen."
        )
    if result.returncode == _TOO_MANY_PAGES:
        raise PdfTextError(f"{shown} hat mehr als {MAX_PAGES} Seiten; eine Vereinbarung hat wenige.")
    if result.returncode != 0:
        raise PdfTextError(
            f"{shown} ist keine lesbare {'Word' if kind == 'docx' else 'PDF'}-Datei. Sie ist beschädigt "
            "oder braucht zum Lesen zu viel Speicher oder Zeit."
        )
    pages: list[str] = json.loads(result.stdout)
    return pages


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY_BYTES, MAX_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (MAX_CPU_SECONDS, MAX_CPU_SECONDS))


def main() -> int:
    logging.disable(logging.CRITICAL)  # the libraries' warnings are English and say nothing staff can act on
    warnings.simplefilter("ignore")
    if sys.argv[1:] == ["docx"]:
        return _word_body()
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(sys.stdin.buffer.read()))
        if len(reader.pages) > MAX_PAGES:
            return _TOO_MANY_PAGES
        pages, total = [], 0
        for page in reader.pages:
            if _has_invisible_text(page, reader):
                return _INVISIBLE
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_TEXT_CHARACTERS:
                return _UNREADABLE
            pages.append(text)
    except Exception:
        return _UNREADABLE
    sys.stdout.write(json.dumps(pages))
    return 0


def _has_invisible_text(page: Any, reader: Any) -> bool:
    """Whether the page draws text invisibly (text render mode 3 or 7): a reader of the text layer would take
    words nobody sees, as OCR layers over scans and hidden additions do."""
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    if contents is None:
        return False
    return any(
        operator == b"Tr" and operands and int(operands[0]) in (3, 7)
        for operands, operator in ContentStream(contents, reader).operations
    )


def _word_body() -> int:
    """A Word file's body as one page (aqb.data.wordtext: list numbers and bullets written out)."""
    import zipfile

    from aqb.data.wordtext import word_lines

    raw = sys.stdin.buffer.read()
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        if sum(item.file_size for item in archive.infolist()) > MAX_MEMORY_BYTES // 4:
            return _UNREADABLE  # a ZIP that unpacks to more than a Word file of a few pages ever does
        lines = word_lines(raw)
    except Exception:
        return _UNREADABLE
    text = "\n".join(lines)
    if len(text) > MAX_TEXT_CHARACTERS:
        return _UNREADABLE
    sys.stdout.write(json.dumps([text]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
