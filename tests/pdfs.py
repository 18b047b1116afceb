"""PDFs made at test time (test data only), shared by the tests and the benchmark."""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Any

# A font with umlauts for the text layer (Debian package fonts-dejavu-core).
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def word_export(header: str, header_gap: float) -> Any:
    """An FPDF as a Word export prints: `header` above every page, "Seite n von m" below, DejaVu 10 pt set,
    its first page added (`header_gap`: the space below the header)."""
    from fpdf import FPDF

    class Exported(FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, header, new_x="LMARGIN")
            self.ln(header_gap)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, f"Seite {self.page_no()} von {{nb}}", align="C")

    pdf = Exported(format="A4")
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    return pdf


def text_as_pdf(text: str, target: Path) -> Path:
    """A PDF with a text layer of a Markdown-like text (headings and bold as plain text)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", size=10)
    for line in text.splitlines():
        plain = re.sub(r"^#+\s*", "", line).replace("**", "").rstrip()
        if plain.strip():
            pdf.multi_cell(0, 5, plain, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
    pdf.output(str(target))
    return target


def pdf_bomb(inflated: int) -> bytes:
    """A one-page PDF whose page inflates to `inflated` bytes of zeros."""
    packer, chunk, stream = zlib.compressobj(9), bytes(16 * 1024 * 1024), b""
    for _ in range(inflated // len(chunk)):
        stream += packer.compress(chunk)
    stream += packer.flush()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<>>>>",
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(stream) + stream + b"\nendstream",
    ]
    body = b"%PDF-1.4\n" + b"".join(b"%d 0 obj\n" % (n + 1) + o + b"\nendobj\n" for n, o in enumerate(objects))
    return body + b"trailer\n<</Root 1 0 R/Size 5>>\n%%EOF\n"
