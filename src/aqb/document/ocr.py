"""The text of a signed scan, read by OCR (tesseract with German data) in a child process under limits.

A scan is the legal original; its text normally comes from the Word file or the PDF made from it,
and OCR only checks that the two agree (aqb.document.compare). Without a text version the scan's
OCR text becomes a draft, each word read with low confidence an open point (`Document.uncertain`).

A scan from a stranger can be built to decode into gigabytes (a page image of 50 000 × 50 000
pixels compresses to a few kilobytes) or to take hours (hundreds of pages). Rendering (pypdfium2
for PDFs, Pillow for PNG, JPEG and multi-page TIFF) and tesseract run as
`python -I -m aqb.document.ocr read <tesseract>` under memory, CPU and wall-clock limits, at most
MAX_PAGES pages, each of at most MAX_PIXELS and PAGE_SECONDS; the caller gets words with their
place and confidence as JSON, or a German message. `tesseract` is optional for `make serve`: only
reading a scan needs it, and then its absence is said plainly.
"""

from __future__ import annotations

import io
import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from typing import Any

from aqb.document.model import Block, Document, UncertainWord
from aqb.document.scanlayout import Word, page_blocks

MAX_SCAN_BYTES = 60 * 1024 * 1024
MAX_PAGES = 20
DPI = 300  # tesseract reads body text best at 300 dpi; a PDF page is rendered at it
MAX_PIXELS = 40_000_000  # an A4 page scanned at 600 dpi (35 million), far below a decompression bomb
PAGE_SECONDS = 20  # tesseract takes 1–2 s for a page of an agreement at 300 dpi (one thread)
MAX_MEMORY_BYTES = 1536 * 1024 * 1024
MAX_CPU_SECONDS = 120  # the child's own rendering and bookkeeping; each tesseract run has PAGE_SECONDS
MAX_WALL_SECONDS = MAX_PAGES * PAGE_SECONDS + 30
# Below this confidence (tesseract's 0–100) a word counts as uncertain. Measured on three scans of the
# 2025 text (tests/scanned.py, 2484 words): every misread word came at 22–66 (except look-alikes
# such as "Il" for "II", which tesseract is sure of and the comparison does not count), stray marks
# for bullets at 8–63; 0.8 % of the right words fall below 70, none of the misread ones above it.
UNCERTAIN_BELOW = 70
TESSERACT = "tesseract"
LANGUAGE = "deu"
CONFIG = "--psm 4"  # one column of text of varying sizes: the layout of an agreement

MISSING_TESSERACT = (
    "Texterkennung (tesseract) ist nicht installiert: {shown} ist ein Scan, dessen Text erst erkannt "
    "werden muss. Bitte tesseract mit deutschen Sprachdaten installieren (Debian und Ubuntu: "
    "apt-get install tesseract-ocr tesseract-ocr-deu) oder die Word-Datei bzw. das PDF aus Word dazugeben."
)


class ScanError(Exception):
    """The scan could not be read within the limits, or tesseract is missing; the message is German."""


def read_scan(raw: bytes, shown: str) -> Document:
    """The scan's text by OCR, one block per paragraph tesseract found, each line with its page and
    its line on that page; words below UNCERTAIN_BELOW in `uncertain`. ScanError when that fails.

    `raw`: a PDF of page images, or a PNG, JPEG or (multi-page) TIFF file; `shown`: its name for messages."""
    if len(raw) > MAX_SCAN_BYTES:
        raise ScanError(f"{shown} ist zu groß ({len(raw)} Bytes, höchstens {MAX_SCAN_BYTES}).")
    tesseract = shutil.which(TESSERACT)
    if tesseract is None:
        raise ScanError(MISSING_TESSERACT.format(shown=shown))
    answer = _child(["read", tesseract], raw, shown)
    if "error" in answer:
        raise ScanError(_refusal(answer["error"], answer.get("page", 0), shown))
    return _document(answer["pages"], shown)


def is_scan(raw: bytes) -> bool:
    """Whether `raw` is a PDF whose pages are images without visible text: a scan, to be read by OCR.

    A scanner's "searchable PDF" (an invisible OCR layer over each page image) counts as a scan: its
    invisible text is not what anybody signed. Anything unreadable is no scan (the text reader says why)."""
    if b"%PDF" not in raw[:1024] or len(raw) > MAX_SCAN_BYTES:
        return False
    try:
        return bool(_child(["probe"], raw, "").get("scan"))
    except ScanError:
        return False


def _child(arguments: list[str], raw: bytes, shown: str) -> dict[str, Any]:
    try:
        result = subprocess.run(
            [sys.executable, "-I", "-m", "aqb.document.ocr", *arguments],
            input=raw,
            capture_output=True,
            timeout=MAX_WALL_SECONDS,
            preexec_fn=_limit,
            # One thread per tesseract: on two cores its OpenMP threads make a page three times slower.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ScanError(f"{shown}: die Texterkennung war nicht in {MAX_WALL_SECONDS} Sekunden fertig.") from None
    if result.returncode != 0 or not result.stdout:
        raise ScanError(
            f"{shown} ist kein lesbarer Scan (PDF aus Seitenbildern, PNG, JPEG oder TIFF). Die Datei ist "
            "beschädigt oder braucht zum Lesen zu viel Speicher oder Zeit."
        )
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY_BYTES, MAX_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (MAX_CPU_SECONDS, MAX_CPU_SECONDS))


def _refusal(error: str, page: int, shown: str) -> str:
    return {
        "pages": f"{shown} hat mehr als {MAX_PAGES} Seiten; eine Vereinbarung hat wenige. Bitte nur die "
        "Seiten der Vereinbarung scannen.",
        "pixels": f"{shown}, Seite {page}: das Bild ist zu groß (mehr als {MAX_PIXELS:,} Bildpunkte; eine "
        "A4-Seite mit 300 dpi hat 8,7 Millionen). Bitte mit 300 dpi scannen.".replace(",", "."),
        "slow": f"{shown}, Seite {page}: die Texterkennung brauchte länger als {PAGE_SECONDS} Sekunden. "
        "Bitte mit 300 dpi in Graustufen scannen.",
        "language": f"Für die Texterkennung fehlen die deutschen Sprachdaten (Paket tesseract-ocr-deu); "
        f"{shown} kann ohne sie nicht gelesen werden.",
        "missing": MISSING_TESSERACT.format(shown=shown),
    }.get(error, f"{shown}, Seite {page}: die Texterkennung ist gescheitert.")


def _document(pages: list[list[list[list[list[Any]]]]], shown: str) -> Document:
    """Pages → paragraphs → lines → [word, confidence, left, top, width, height], as the child sent them, as one
    Document (aqb.document.scanlayout: words split at a narrow gap joined, table columns, bullets)."""
    blocks: list[Block] = []
    uncertain: list[UncertainWord] = []
    for page_number, paragraphs in enumerate(pages, start=1):
        words = [[[Word(str(w[0]), int(w[1]), *map(int, w[2:6])) for w in line] for line in par] for par in paragraphs]
        page, unsure = page_blocks(words, page_number, UNCERTAIN_BELOW)
        blocks += page
        uncertain += unsure
    note = (
        f"{shown}: Scan mit {len(pages)} {'Seite' if len(pages) == 1 else 'Seiten'}, Text durch Texterkennung "
        f"(tesseract, deutsch); {len(uncertain)} Wörter unsicher erkannt (Sicherheit unter {UNCERTAIN_BELOW} %)."
    )
    return Document(kind="scan", blocks=tuple(blocks), notes=(note,), uncertain=tuple(uncertain))


# The child process: everything below runs under the limits.


class _RefusedError(Exception):
    def __init__(self, error: str, page: int = 0) -> None:
        super().__init__(error)
        self.error, self.page = error, page


def main() -> int:
    logging.disable(logging.CRITICAL)  # the libraries' warnings are English and say nothing staff can act on
    warnings.simplefilter("ignore")
    raw = sys.stdin.buffer.read()
    if sys.argv[1:2] == ["probe"]:
        answer: dict[str, Any] = {"scan": _probe(raw)}
    else:
        try:
            answer = {"pages": [_recognised(image, number, sys.argv[2]) for number, image in _pages(raw)]}
        except _RefusedError as refused:
            answer = {"error": refused.error, "page": refused.page}
    sys.stdout.write(json.dumps(answer))
    return 0


def _pages(raw: bytes) -> Iterator[tuple[int, Any]]:
    """Each page as a greyscale PIL image, numbered from 1; _RefusedError for too many or too large pages."""
    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    warnings.simplefilter("error", Image.DecompressionBombWarning)  # over MAX_PIXELS: refused, not read
    if b"%PDF" in raw[:1024]:
        yield from _pdf_pages(raw)
        return
    try:
        image = Image.open(io.BytesIO(raw))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _RefusedError("pixels", 1) from None
    if getattr(image, "n_frames", 1) > MAX_PAGES:
        raise _RefusedError("pages")
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        if frame.width * frame.height > MAX_PIXELS:
            raise _RefusedError("pixels", number)
        yield number, frame.convert("L")


def _pdf_pages(raw: bytes) -> Iterator[tuple[int, Any]]:
    import pypdfium2

    document = pypdfium2.PdfDocument(raw)
    if len(document) > MAX_PAGES:
        raise _RefusedError("pages")
    scale = DPI / 72
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        if width * height * scale * scale > MAX_PIXELS:
            raise _RefusedError("pixels", index + 1)
        yield index + 1, page.render(scale=scale, grayscale=True).to_pil()


def _recognised(image: Any, number: int, tesseract: str) -> list[list[list[list[Any]]]]:
    """One page's paragraphs → lines → [word, confidence, left, top, width, height], in tesseract's reading order."""
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = tesseract
    try:
        data = pytesseract.image_to_data(
            image, lang=LANGUAGE, config=CONFIG, output_type=pytesseract.Output.DICT, timeout=PAGE_SECONDS
        )
    except pytesseract.TesseractNotFoundError:
        raise _RefusedError("missing", number) from None
    except pytesseract.TesseractError as error:
        raise _RefusedError("language" if "language" in str(error).lower() else "failed", number) from None
    except RuntimeError:  # pytesseract's "Tesseract process timeout"
        raise _RefusedError("slow", number) from None
    paragraphs: dict[tuple[int, int], dict[int, list[list[Any]]]] = {}
    for index, text in enumerate(data["text"]):
        if data["level"][index] != 5 or not str(text).strip():
            continue
        paragraph = paragraphs.setdefault((data["block_num"][index], data["par_num"][index]), {})
        box = [data[key][index] for key in ("left", "top", "width", "height")]
        paragraph.setdefault(data["line_num"][index], []).append([str(text), round(float(data["conf"][index])), *box])
    return [list(lines.values()) for lines in paragraphs.values()]


def _probe(raw: bytes) -> bool:
    """No page with visible text, and at least one with an image (the first MAX_PAGES + 1 pages looked at)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        images = False
        for index in range(min(len(reader.pages), MAX_PAGES + 1)):
            page = reader.pages[index]
            if (page.extract_text() or "").strip() and not _draws_invisible_text(page, reader):
                return False
            images = images or len(page.images) > 0
    except Exception:
        return False
    return images


def _draws_invisible_text(page: Any, reader: Any) -> bool:
    """Text render mode 3 or 7, as an OCR layer over a page image has (as aqb.data.pdftext checks)."""
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    return contents is not None and any(
        operator == b"Tr" and operands and int(operands[0]) in (3, 7)
        for operands, operator in ContentStream(contents, reader).operations
    )


if __name__ == "__main__":
    sys.exit(main())
