"""Signed scans: OCR of the signed 2025 text printed and scanned at test time (tests/scanned.py), and the
scan compared word by word with its text version.

Tests that run tesseract are skipped where it is missing, except in CI (CI=true), where they fail:
there a missing tesseract would hide every OCR test.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from aqb.document.compare import MAX_POINTS, ScanDifference, difference_points, scan_differences, uncertain_points
from aqb.document.model import Block, BlockKind, Document, Line, SourceRef, UncertainWord
from aqb.document.ocr import MAX_PAGES, ScanError, is_scan, read_scan
from pdfs import text_as_pdf
from scanned import Printed, agreement_paragraphs, image_file, image_pdf, print_pages

GERMAN = Path("/usr/share/tesseract-ocr/5/tessdata/deu.traineddata")


@pytest.fixture(scope="module")
def tesseract() -> None:
    if shutil.which("tesseract") is None or not GERMAN.exists():
        reason = "tesseract mit deutschen Sprachdaten fehlt: OCR-Tests übersprungen (apt-get install tesseract-ocr-deu)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " – in CI darf kein OCR-Test fehlen", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def printed() -> list[Printed]:
    return print_pages(agreement_paragraphs())


@pytest.fixture(scope="module")
def scan(tesseract: None, printed: list[Printed]) -> Document:
    return read_scan(image_pdf([page.image for page in printed]), "Zielvereinbarung-Scan.pdf")


def the_text_version() -> list[str]:
    """The Word file's paragraphs: the same wording as the scan."""
    return [paragraph.text for paragraph in agreement_paragraphs()]


def where_printed(printed: list[Printed], words: str) -> SourceRef:
    found = [
        SourceRef(page, line)
        for page, shown in enumerate(printed, 1)
        for line, text in enumerate(shown.lines, 1)
        if words in text
    ]
    assert len(found) == 1, words
    return found[0]


def test_ocr_reads_every_line_and_almost_every_word(scan: Document, printed: list[Printed]) -> None:
    lines = [line for block in scan.body for line in block.lines]
    for page, shown in enumerate(printed, 1):
        assert [line.ref.line for line in lines if line.ref.page == page] == list(range(1, len(shown.lines) + 1))
    words = sum(len(paragraph.split()) for paragraph in the_text_version())
    misread = sum(len(difference.text.split()) for difference in scan_differences(scan, the_text_version()))
    assert 1 - misread / words >= 0.98
    assert scan.kind == "scan" and f"{len(printed)} Seiten" in scan.notes[0]


def test_a_scan_and_its_exact_text_version_differ_only_where_ocr_was_unsure(scan: Document) -> None:
    differences = scan_differences(scan, the_text_version())
    assert len(differences) <= 3 and all(difference.uncertain for difference in differences)


@pytest.mark.parametrize(
    ("signed", "changed"),
    [("1.118.780", "1.118.790"), ("Voice Connect 2025", "Voice Contact 2025")],
    ids=["budget", "project"],
)
def test_one_changed_word_is_found_with_its_page_and_line(
    scan: Document, printed: list[Printed], signed: str, changed: str
) -> None:
    expected = scan_differences(scan, the_text_version())
    differences = scan_differences(scan, [paragraph.replace(signed, changed) for paragraph in the_text_version()])
    new = [difference for difference in differences if difference not in expected]
    scan_word, text_word = next((a, b) for a, b in zip(signed.split(), changed.split(), strict=True) if a != b)
    assert new == [ScanDifference(where_printed(printed, signed), scan_word, text_word, uncertain=False)]
    point = difference_points(new)[0]
    assert point.startswith(f"Scan Seite {new[0].ref.page}, Zeile {new[0].ref.line}: „{scan_word}“")


def test_png_and_multi_page_tiff_read_as_the_pdf(tesseract: None, printed: list[Printed], scan: Document) -> None:
    """The same lines at the same places; a word may come out otherwise (the PDF's page is rendered anew)."""
    for raw, pages in (
        (image_file([printed[0].image], "PNG"), 1),
        (image_file([p.image for p in printed[:2]], "TIFF"), 2),
    ):
        read = [line for block in read_scan(raw, "Scan").body for line in block.lines]
        from_pdf = [line for block in scan.body for line in block.lines if line.ref.page <= pages]
        assert [line.ref for line in read] == [line.ref for line in from_pdf]
        assert sum(a.text == b.text for a, b in zip(read, from_pdf, strict=True)) >= 0.95 * len(read)


def test_a_pdf_of_page_images_is_a_scan_and_a_word_pdf_is_not(printed: list[Printed], tmp_path: Path) -> None:
    assert is_scan(image_pdf([printed[0].image]))
    assert not is_scan(text_as_pdf("§ 4 Haushaltsmittel\n\n1.118.780 Euro", tmp_path / "text.pdf").read_bytes())
    assert not is_scan(image_file([printed[0].image], "PNG")) and not is_scan(b"%PDF-1.7 kaputt")


def test_an_image_bomb_is_refused_before_it_is_decoded(tesseract: None) -> None:
    bomb = io.BytesIO()
    Image.new("1", (9000, 9000), 1).save(bomb, "PNG")  # 81 million pixels in a few kilobytes
    with pytest.raises(ScanError, match="Seite 1: das Bild ist zu groß"):
        read_scan(bomb.getvalue(), "Scan.png")
    writer = PdfWriter()
    writer.add_blank_page(width=14400, height=14400)  # 200 × 200 inches: 3.6 billion pixels at 300 dpi
    with pytest.raises(ScanError, match="Seite 1: das Bild ist zu groß"):
        read_scan(_written(writer), "Scan.pdf")


def test_a_500_page_pdf_is_refused(tesseract: None) -> None:
    writer = PdfWriter()
    for _ in range(500):
        writer.add_blank_page(width=595, height=842)
    with pytest.raises(ScanError, match=f"Scan.pdf hat mehr als {MAX_PAGES} Seiten"):
        read_scan(_written(writer), "Scan.pdf")


def test_without_tesseract_the_message_says_what_to_install(
    printed: list[Printed], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ScanError, match=r"^Texterkennung \(tesseract\) ist nicht installiert: Scan.pdf ist ein Scan"):
        read_scan(image_pdf([printed[0].image]), "Scan.pdf")


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_lines(*lines: tuple[int, int, str], uncertain: tuple[UncertainWord, ...] = ()) -> Document:
    """A scan as OCR would return it, one paragraph per line: (page, line, text)."""
    blocks = tuple(Block(BlockKind.PARAGRAPH, (Line(text, SourceRef(page, line)),)) for page, line, text in lines)
    return Document(kind="scan", blocks=blocks, uncertain=uncertain)


def test_the_open_point_names_page_line_and_both_wordings() -> None:
    scan = scanned_lines((2, 14, "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräfte sicherung"))
    points = difference_points(
        scan_differences(scan, ["3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung"])
    )
    assert points == [
        "Scan Seite 2, Zeile 14: „Fachkräfte sicherung“ – in der Word-Datei „Fachkräftesicherung“: "
        "prüfen, welcher Wortlaut unterschrieben ist"
    ]


def test_what_ocr_cannot_tell_apart_is_no_difference() -> None:
    scan = scanned_lines(
        (1, 1, "81 Ausbildungs- und Qualifi-"),
        (1, 2, "zierungsbudget nach $ 4 und 8 5, UN-"),
        (1, 3, "Behindertenrechtskonvention, SGB Il, Ill und XIl, AsyIbLG °"),
        (1, 4, "+ Frauenakademie 2025 - „Arbeitswelt Hessen"),
    )
    text = "§ 1 Ausbildungs- und Qualifizierungsbudget nach § 4 und § 5, UN-Behindertenrechtskonvention, SGB II, III "
    text += "und XII, AsylbLG • Frauenakademie 2025 – „Arbeitswelt Hessen“"
    assert scan_differences(scan, [text]) == []
    assert scan_differences(scan, [text.replace("Hessen", "hessen")])  # case is kept


def test_open_points_are_bounded() -> None:
    many = [ScanDifference(SourceRef(1, n), "a", "b", uncertain=False) for n in range(1, MAX_POINTS + 11)]
    points = difference_points(many, "im PDF")
    assert len(points) == MAX_POINTS + 1 and points[-1].startswith("… und 10 weitere Abweichungen zwischen Scan und")
    words = tuple(UncertainWord("Budqet", SourceRef(3, n), 41) for n in range(1, MAX_POINTS + 3))
    unsure = uncertain_points(scanned_lines((3, 1, "Budqet"), uncertain=words))
    assert unsure[0] == (
        "Scan Seite 3, Zeile 1: „Budqet“ unsicher erkannt (Sicherheit 41 %): mit dem Scan vergleichen und berichtigen"
    )
    assert len(unsure) == MAX_POINTS + 1 and unsure[-1].startswith("… und 2 weitere unsicher erkannte Wörter")
