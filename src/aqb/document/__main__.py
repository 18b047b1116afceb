"""The limited child process that reads a PDF or Word file (see aqb.document.child): bytes on stdin, the
Document as JSON on stdout, or an exit status that aqb.document.child turns into a German message."""

from __future__ import annotations

import io
import json
import logging
import sys
import warnings
import zipfile

from aqb.document.child import MAX_MEMORY_BYTES, MAX_PAGES, MAX_TEXT_CHARACTERS, UNREADABLE, RefusedError
from aqb.document.model import Document
from aqb.document.serial import to_json


def main() -> int:
    logging.disable(logging.CRITICAL)  # the libraries' warnings are English and say nothing staff can act on
    warnings.simplefilter("ignore")
    raw = sys.stdin.buffer.read()
    try:
        if sys.argv[1:] == ["docx"]:
            document = _word(raw)
        else:
            from aqb.document.pdf import pdf_document

            document = pdf_document(raw, MAX_PAGES)
    except RefusedError as refusal:
        return refusal.status
    except Exception:
        return UNREADABLE
    if sum(len(line.text) for block in document.blocks for line in block.lines) > MAX_TEXT_CHARACTERS:
        return UNREADABLE
    sys.stdout.write(json.dumps(to_json(document)))
    return 0


def _word(raw: bytes) -> Document:
    from aqb.document.word import word_document

    archive = zipfile.ZipFile(io.BytesIO(raw))
    if sum(item.file_size for item in archive.infolist()) > MAX_MEMORY_BYTES // 4:
        raise RefusedError(UNREADABLE)  # a ZIP that unpacks to more than a Word file of a few pages ever does
    return word_document(raw)


if __name__ == "__main__":
    sys.exit(main())
