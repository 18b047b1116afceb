"""Signed scans: OCR of the signed 2025 text printed and scanned at test time (tests/scanned.py), and the
scan compared word by word with its text version.

Tests that run tesseract are skipped where it is missing, except in CI (CI=true), where they fail:
there a missing tesseract would hide every OCR test.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from aqb.data.layout import read_signed_document
from aqb.data.loader import load_dataset
from aqb.document.compare import MAX_POINTS, ScanDifference, difference_points, scan_differences, uncertain_points
from aqb.document.headings import HeadingRead, with_headings
from aqb.document.model import Block, BlockKind, Document, Line, SourceRef, UncertainWord
from aqb.document.ocr import MAX_PAGES, ScanError, is_scan, read_scan
from aqb.document.scanlayout import Word, page_blocks
from aqb.document.segment import printed_text
from aqb.document.text import PAGE_BREAK
from aqb.staff.alignment import parse_agreement
from corpus import REPO, as_word, blocks, missing_tools, scanned, soffice_to_pdf, true_facts
from helpers import unavailable
from pdfs import text_as_pdf
from scanned import Printed, agreement_paragraphs, image_file, image_pdf, print_pages

GERMAN = Path("/usr/share/tesseract-ocr/5/tessdata/deu.traineddata")


@pytest.fixture(scope="module")
def tesseract() -> None:
    if shutil.which("tesseract") is None or not GERMAN.exists():
        unavailable(
            "tesseract mit deutschen Sprachdaten fehlt: OCR-Tests übersprungen (apt-get install tesseract-ocr-deu)",
            " – in CI darf kein OCR-Test fehlen",
        )


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
        "Scan Seite 2, Zeile 14: „Fachkräfte sicherung“ – in der Word-Datei „Fachkräftesicherung“. Im Scan an dieser "
        "Stelle nachsehen. Steht dort, was in der Word-Datei steht, hat die Texterkennung falsch gelesen: nur diesen "
        "Punkt löschen. Steht dort der Wortlaut des Scans, gilt er: die Textfassung an dieser Stelle wie im Scan "
        "berichtigen, den Entwurf und die abgelegte Textfassung (original.textfassung) löschen und beide Dateien neu "
        "einlesen (make import); was dann vom Standardtext abweicht, steht unter abweichungen"
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


# What a scan of a Word-made PDF shows besides the wording: page furniture, hyphenation, table columns.


def test_page_furniture_hyphenation_and_stray_marks_are_no_difference() -> None:
    scan = scanned_lines(
        (1, 1, "Landkreis Fulda"),
        (1, 2, "Die Förderung erfolgt nach Antragstel -"),
        (1, 3, "Seite 1 von A"),
        (2, 1, "Landkreis Fulda"),
        (2, 2, "lung durch den Kreis am Übergang Schu-"),
        (2, 3, "le-Beruf."),
        (2, 4, "®e Frauenakademie"),
        (2, 5, "Seite 2 von 2"),
    )
    text = ["Die Förderung erfolgt nach Antragstellung durch den Kreis am Übergang Schule-Beruf.", "• Frauenakademie"]
    assert scan_differences(scan, text) == []
    changed = [text[0].replace("Kreis", "Landkreis"), text[1]]
    assert scan_differences(scan, changed) == [ScanDifference(SourceRef(2, 2), "Kreis", "Landkreis", uncertain=False)]


def test_words_that_only_moved_are_no_difference() -> None:
    """A signature table read row by row, the Word file column by column: the same words, no open point."""
    scan = scanned_lines(
        (4, 7, "Wiesbaden, den 14.8.2025 Kassel, den 20.07.2025"),
        (4, 8, "Jens-Peter Wollmann Thomas Wagner"),
        (4, 9, "Staatssekretär Landrat"),
    )
    text = ["Wiesbaden, den 14.8.2025", "Jens-Peter Wollmann", "Staatssekretär", "", "Kassel, den 20.07.2025"]
    text += ["Thomas Wagner", "Landrat"]
    assert scan_differences(scan, text) == []
    other = scan_differences(scan, [line.replace("Thomas", "Tobias") for line in text])
    assert [(d.scan, d.text) for d in other] == [("Thomas", "Tobias")]


@pytest.mark.parametrize(
    ("read", "uncertain"),
    [("81", False), ("sl", True), ("854", False), ("", True)],
    ids=["81", "sl", "854", "nicht-gelesen"],
)
def test_a_misread_heading_is_placed_by_its_title(read: str, uncertain: bool) -> None:
    lines = [(1, 1, "Präambel"), (1, 2, "Text der Präambel.")]
    lines += [(1, 3, read)] if read else []
    lines += [(1, 4, "Haushaltsmittel und Eckdaten"), (1, 5, "Das HMSI stellt")]
    unsure = (UncertainWord(read, SourceRef(1, 3), 30),) if read and uncertain else ()
    scan = scanned_lines(*lines, uncertain=unsure)
    placed, reads = with_headings(scan, [("§ 4", "Haushaltsmittel und Eckdaten")])
    texts = [line.text for block in placed.body for line in block.lines]
    assert texts == ["Präambel", "Text der Präambel.", "§ 4", "Haushaltsmittel und Eckdaten", "Das HMSI stellt"]
    ref = SourceRef(1, 3 if read else 4)
    assert reads == [HeadingRead(ref, "§ 4", read, "Haushaltsmittel und Eckdaten", uncertain)]
    assert placed.uncertain == ()  # the misread word is said once, as the heading's
    assert scan_differences(scan, texts) == []  # the text version has "§ 4" where OCR read otherwise


def test_a_heading_is_not_made_from_a_line_of_text() -> None:
    scan = scanned_lines((1, 1, "Budget 2025"), (1, 2, "Haushaltsmittel und Eckdaten"))
    placed, reads = with_headings(scan, [("§ 4", "Haushaltsmittel und Eckdaten")])
    assert [line.text for block in placed.body for line in block.lines] == [
        "Budget 2025",
        "§ 4",
        "Haushaltsmittel und Eckdaten",
    ]
    assert reads[0].read == "" and reads[0].uncertain  # put in, said as an open point by the importer


def _word(text: str, left: int, width: int, top: int = 100, confidence: int = 95) -> Word:
    return Word(text, confidence, left, top, width, 40)


def test_ocr_words_with_their_boxes_become_words_bullets_and_table_columns() -> None:
    paragraphs = [
        [[_word("J", 100, 20), _word("ahre", 122, 80), _word("2025", 220, 80)]],  # a gap of 2 px: one word
        [[_word("®e", 100, 30, 160, 40), _word("Frauenakademie", 230, 300, 160)]],  # a bullet before a wide gap
        [
            [_word("Ausbildung", 100, 200, 220), _word("in", 310, 30, 220), _word("Pflegehilfe", 1200, 200, 220)],
            [_word("Berufen", 100, 150, 270), _word("|Sprachkurs", 1190, 210, 270)],  # a rule read beside a word
            [_word("für", 1200, 60, 320)],  # the second column only
        ],
        [[_word("Danach", 100, 150, 480), _word("geht", 260, 90, 480), _word("es", 1200, 40, 480)]],
    ]
    blocks, _ = page_blocks(paragraphs, 1, 70)
    assert [block.kind for block in blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.TABLE_ROW]
    assert blocks[0].lines[0].text == "Jahre 2025" and blocks[1].lines[0].text == "• Frauenakademie"
    table = blocks[2]
    assert [[line.text for line in cell] for cell in table.cells] == [
        ["Ausbildung in", "Berufen", "Danach geht"],
        ["Pflegehilfe", "Sprachkurs", "für", "es"],
    ]
    assert [line.ref.line for line in table.cells[1]] == [3, 4, 5, 6]


@pytest.fixture(scope="module")
def word_scan(tesseract: None, tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, list[str]]:
    """A Word file as the ministry makes it (logo and partner in the header, "Seite 1 von 4" in the footer,
    German hyphenation, the signatures in a two-column table), printed to PDF by LibreOffice and scanned
    at 200 dpi; and the Word file's lines, its text version."""
    if missing_tools():
        pytest.skip(f"{', '.join(missing_tools())} fehlt: kein Scan eines Word-Dokuments")
    work = tmp_path_factory.mktemp("word-scan")
    facts = true_facts("fulda", 2025, "scan", 0, 3)
    word = work / "fulda.docx"
    word.write_bytes(as_word(blocks(facts, 1), facts))
    soffice_to_pdf([word], work)
    scanned(work / "fulda.pdf", work / "scan.pdf", 3)
    text = read_signed_document(word)[1].replace(PAGE_BREAK, "\n").splitlines()
    return read_scan((work / "scan.pdf").read_bytes(), "scan.pdf"), text


ROMAN = re.compile(r"[IVXLUH]+,?")


def test_a_scan_of_its_own_word_file_leaves_only_what_ocr_misread(word_scan: tuple[Document, list[str]]) -> None:
    """Header, footer, hyphenation and the signature table's columns give no open point. What is left (measured:
    2) is tesseract reading "III" as "II" and "VIII" as "VII" in "SGB II, III, VIII, XII" at 200 dpi, sure of
    itself: "SGB II" and "SGB III" are different laws, so such a word stays an open point."""
    scan, text = word_scan
    differences = scan_differences(scan, text)
    assert len(differences) <= 2
    assert all(ROMAN.fullmatch(word) for difference in differences for word in difference.scan.split())


def test_one_changed_word_in_a_word_made_scan_is_found(word_scan: tuple[Document, list[str]]) -> None:
    scan, text = word_scan
    before = scan_differences(scan, text)
    budget = next(line for line in text if line.strip().endswith(" Euro"))
    changed = [line.replace(budget, budget.replace("Euro", "Euro netto")) for line in text]
    new = [difference for difference in scan_differences(scan, changed) if difference not in before]
    assert len(new) == 1 and new[0].text == "netto" and new[0].scan == ""
    assert new[0].ref.page >= 2  # where the budget stands on the scan, not on page 1


def test_a_scan_alone_finds_its_sections_by_their_titles() -> None:
    """OCR read "§ 1" as "81" (sure of it), "§ 3" as "83" (unsure) and did not read "§ 4" at all: the sections are
    found by their titles, the headings placed; the unsure and the missing one are open points, never guessed."""
    paragraphs = [paragraph.text for paragraph in agreement_paragraphs()]
    read = {"§ 1": "81", "§ 3": "83", "§ 4": None}
    lines = [read.get(text, text) for text in paragraphs]
    numbered = [(1, number, text) for number, text in enumerate((line for line in lines if line is not None), 1)]
    where = {text: number for _, number, text in numbered}
    scan = scanned_lines(*numbered, uncertain=(UncertainWord("83", SourceRef(1, where["83"]), 40),))
    parsed = parse_agreement(printed_text(scan), load_dataset(REPO / "data"), "Scan.pdf", None, scan)
    assert parsed.values["partner"] == "marburg-biedenkopf" and parsed.values["budget"] == 1118780
    assert "abweichungen" not in parsed.values  # "§ 1" as signed, not "81"
    heading_points = [point for point in parsed.open_points if "Überschrift" in point]
    title_line = where["Haushaltsmittel und Eckdaten"]
    assert heading_points == [
        f"Scan Seite 1, Zeile {where['83']}: Überschrift „§ 3“ über „Umsetzung der UN-Behindertenrechtskonvention“ "
        "unsicher als „83“ erkannt und als „§ 3“ übernommen: im Scan prüfen, sonst im Abschnitt unter abweichungen "
        "berichtigen",
        f"Scan Seite 1, Zeile {title_line}: Überschrift „§ 4“ über „Haushaltsmittel und Eckdaten“ von der "
        "Texterkennung nicht gelesen und eingesetzt: im Scan prüfen, ob sie dort steht, sonst im Abschnitt unter "
        "abweichungen berichtigen",
    ]
    assert any(note.endswith("als „81“ erkannt, als „§ 1“ übernommen.") for note in parsed.notes)
