"""Scans made at test time: the signed 2025 text printed onto A4 pages at 300 dpi, as a scanner returns them.

Every line is known (page, line on the page, its text), so a test can say where OCR must find a
word. The wording is the bundled signed text (data/originaltexte/2025/marburg-biedenkopf.txt), its
Markdown marks taken off as Word would print them; lists keep their numbers, bullets print as "•".
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SEED = Path(__file__).resolve().parent.parent / "data" / "originaltexte" / "2025" / "marburg-biedenkopf.txt"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
DPI = 300
PAGE = (2480, 3508)  # A4 at 300 dpi
MARGIN = 295  # 2.5 cm
SIZE = 46  # 11 pt at 300 dpi
LEADING = 62


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    indent: int = 0


@dataclass(frozen=True)
class Printed:
    """What one page shows: its lines as printed (wrapped), counted from 1 on the page."""

    image: Image.Image
    lines: tuple[str, ...]


def agreement_paragraphs(seed: str | None = None) -> list[Paragraph]:
    """The signed text as printed paragraphs: headings bold, list items indented."""
    paragraphs = []
    for raw in (seed if seed is not None else SEED.read_text(encoding="utf-8")).splitlines():
        text = raw.strip().replace("**", "")
        if not text:
            continue
        heading = raw.startswith("#") or raw.strip().startswith("**")
        text = text.lstrip("#").strip()
        if raw.startswith("  - "):
            paragraphs.append(Paragraph("• " + text[2:], indent=2 * SIZE))
        elif re.match(r"\d+\. ", text):
            paragraphs.append(Paragraph(text, indent=SIZE))
        else:
            paragraphs.append(Paragraph(text, bold=heading))
    return paragraphs


def print_pages(paragraphs: list[Paragraph], *, noise: bool = True, seed: int = 7) -> list[Printed]:
    """The paragraphs set on A4 pages (a blank line between paragraphs), each page scanned: grey,
    a little skewed, with specks, as a flatbed scanner returns a signed printout."""
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), SIZE)
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), SIZE)
    per_page = (PAGE[1] - 2 * MARGIN) // LEADING
    pages: list[list[tuple[str, Paragraph]]] = [[]]
    for paragraph in paragraphs:
        font = bold if paragraph.bold else regular
        for line in [*_wrap(paragraph.text, font, PAGE[0] - 2 * MARGIN - paragraph.indent), ""]:
            if len(pages[-1]) == per_page:
                pages.append([])
            if line or pages[-1]:
                pages[-1].append((line, paragraph))
    rng = random.Random(seed)
    printed = []
    for lines in pages:
        image = Image.new("L", PAGE, 255)
        draw = ImageDraw.Draw(image)
        for number, (line, paragraph) in enumerate(lines):
            font = bold if paragraph.bold else regular
            draw.text((MARGIN + paragraph.indent, MARGIN + number * LEADING), line, font=font, fill=0)
        printed.append(Printed(_scanned(image, rng) if noise else image, tuple(line for line, _ in lines if line)))
    return printed


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _scanned(image: Image.Image, rng: random.Random) -> Image.Image:
    image = image.rotate(rng.uniform(-0.4, 0.4), resample=Image.Resampling.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(0.7))
    pixels = image.load()
    assert pixels is not None
    for _ in range(3000):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        pixels[x, y] = rng.randrange(0, 160)
    return image.point(lambda value: min(255, value + 18))


def image_pdf(images: list[Image.Image]) -> bytes:
    """The pages as one PDF of page images (no text layer), as a scanner saves them."""
    out = io.BytesIO()
    images = [image.copy() for image in images]  # saving leaves settings on the images that a TIFF would take
    images[0].save(out, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return out.getvalue()


def image_file(images: list[Image.Image], kind: str) -> bytes:
    """The pages as PNG (one page), or as TIFF with one frame per page."""
    out = io.BytesIO()
    if kind == "TIFF":
        images[0].save(
            out, "TIFF", dpi=(DPI, DPI), save_all=True, append_images=images[1:], compression="tiff_adobe_deflate"
        )
    else:
        images[0].save(out, kind, dpi=(DPI, DPI))
    return out.getvalue()
