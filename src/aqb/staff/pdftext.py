"""The text layer of a PDF, read in a separate process with bounded memory, time and output.

A PDF from a stranger can be built to decompress into gigabytes (a 19.8 MB file of compressed blank
pages ran past 300 s and 3 GB). pypdf runs here as `python -I -m aqb.staff.pdftext` under resource
limits; the importer gets the pages as JSON, or a German message, never pypdf's English warnings.
"""

from __future__ import annotations

import io
import json
import logging
import resource
import subprocess
import sys
import warnings

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PAGES = 200
MAX_TEXT_CHARACTERS = 2_000_000
MAX_MEMORY_BYTES = 1024 * 1024 * 1024
MAX_CPU_SECONDS = 60
MAX_WALL_SECONDS = 90

_TOO_MANY_PAGES = 3
_UNREADABLE = 4


class PdfTextError(Exception):
    """The PDF could not be read within the limits; the message is German."""


def pdf_pages(raw: bytes, shown: str) -> list[str]:
    """Each page's text, read by a child process under limits; PdfTextError when that fails."""
    if len(raw) > MAX_PDF_BYTES:
        raise PdfTextError(f"{shown} ist zu groß ({len(raw)} Bytes, höchstens {MAX_PDF_BYTES}).")
    try:
        result = subprocess.run(
            [sys.executable, "-I", "-m", "aqb.staff.pdftext"],
            input=raw,
            capture_output=True,
            timeout=MAX_WALL_SECONDS,
            preexec_fn=_limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PdfTextError(f"{shown} ließ sich nicht in {MAX_WALL_SECONDS} Sekunden lesen.") from None
    if result.returncode == _TOO_MANY_PAGES:
        raise PdfTextError(f"{shown} hat mehr als {MAX_PAGES} Seiten; eine Vereinbarung hat wenige.")
    if result.returncode != 0:
        raise PdfTextError(
            f"{shown} ist keine lesbare PDF-Datei. Sie ist beschädigt "
            "oder braucht zum Lesen zu viel Speicher oder Zeit."
        )
    pages: list[str] = json.loads(result.stdout)
    return pages


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY_BYTES, MAX_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (MAX_CPU_SECONDS, MAX_CPU_SECONDS))


def main() -> int:
    logging.disable(logging.CRITICAL)  # pypdf's warnings are English and say nothing staff can act on
    warnings.simplefilter("ignore")
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(sys.stdin.buffer.read()))
        if len(reader.pages) > MAX_PAGES:
            return _TOO_MANY_PAGES
        pages, total = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_TEXT_CHARACTERS:
                return _UNREADABLE
            pages.append(text)
    except Exception:
        return _UNREADABLE
    sys.stdout.write(json.dumps(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
