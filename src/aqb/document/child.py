"""PDFs and Word files are read in a separate process with bounded memory, time and output.

A PDF from a stranger can be built to decompress into gigabytes (a 19.8 MB file of compressed blank
pages ran past 300 s and 3 GB), and so can a Word file (a ZIP archive). pdfplumber and python-docx run
here as `python -I -m aqb.document <pdf|docx>` (aqb/document/__main__.py) under resource limits; the caller gets the
Document as JSON, or a German message, never the libraries' English warnings.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys

from aqb.document.formats import DocumentError
from aqb.document.model import Document
from aqb.document.serial import from_json

MAX_PAGES = 200
MAX_TEXT_CHARACTERS = 2_000_000
MAX_MEMORY_BYTES = 1024 * 1024 * 1024
MAX_CPU_SECONDS = 60
MAX_WALL_SECONDS = 90

TOO_MANY_PAGES = 3
UNREADABLE = 4
INVISIBLE = 5
PROTECTED = 6


class RefusedError(Exception):
    """Raised inside the child: the document is refused with this exit status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def read_in_child(kind: str, raw: bytes, shown: str) -> Document:
    """The Document of a PDF or Word file (`kind` "pdf" or "docx"), read by a child process under limits."""
    try:
        result = subprocess.run(
            [sys.executable, "-I", "-m", "aqb.document", kind],
            input=raw,
            capture_output=True,
            timeout=MAX_WALL_SECONDS,
            preexec_fn=_limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DocumentError(f"{shown} ließ sich nicht in {MAX_WALL_SECONDS} Sekunden lesen.") from None
    if result.returncode == INVISIBLE:
        raise DocumentError(
            f"{shown} enthält unsichtbaren Text (etwa die Texterkennung über einem Scan): was niemand sieht, "
            "kann nicht der unterzeichnete Wortlaut sein. Bitte das PDF aus Word oder die Word-Datei nehmen."
        )
    if result.returncode == PROTECTED:
        raise DocumentError(
            f"{shown} ist mit einem Kennwort geschützt. Bitte ohne Kennwort speichern (in Word: Datei → Informationen "
            "→ Dokument schützen; im PDF-Programm: Sicherheit entfernen) und dann einlesen."
        )
    if result.returncode == TOO_MANY_PAGES:
        raise DocumentError(f"{shown} hat mehr als {MAX_PAGES} Seiten; eine Vereinbarung hat wenige.")
    if result.returncode != 0:
        raise DocumentError(
            f"{shown} ist keine lesbare {'Word' if kind == 'docx' else 'PDF'}-Datei. Sie ist beschädigt "
            "oder braucht zum Lesen zu viel Speicher oder Zeit."
        )
    return from_json(json.loads(result.stdout))


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY_BYTES, MAX_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (MAX_CPU_SECONDS, MAX_CPU_SECONDS))
