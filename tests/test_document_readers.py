"""One reader per format, one Document (issue 28): what staff see in a signed agreement comes out whole.

Documents are made here, at test time, as the ministry makes them: a Word file with Symbol-font bullets,
"§ %1" numbering, a header naming the partner and a two-column signature table; PDFs with a header,
"Seite 1 von 2" footers, hyphenated words and a signature row; the Word file converted by LibreOffice;
an HTML page printed by Chromium with its date and file stamps. What they must give: the signature
blocks whole and in order, bullets as "- " items, broken words joined, furniture set apart (and
returned as such), and lines that point at their page.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from aqb.document.formats import DOCX, PDF, SCAN, TEXT, DocumentError, kind_of
from aqb.document.model import BlockKind, Document, Line
from aqb.document.read import read_bytes, read_document
from aqb.document.segment import flat_lines, unwrapped
from aqb.document.text import text_document
from helpers import unavailable
from pdfs import DEJAVU, word_export

SIGNATURES = [
    ["Wiesbaden, den 2.8.2025", "Heike Hofmann", "Staatsministerin"],
    ["Hanau, den 4.8.2025", "Claus Kaminsky", "Oberbürgermeister"],
]
PROJECTS = ["Kompetenzcheck für Frauen", "Ausbildungsbegleitung in Teilzeit"]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


def flat(document: Document, vocabulary: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    lines, furniture = flat_lines(document, vocabulary)
    return texts(lines), texts(furniture)


def assert_signatures_whole(lines: list[str]) -> None:
    """Each signatory's place and date, name and function follow each other, the ministry's first."""
    filled = [line.strip() for line in lines if line.strip()]
    for block in SIGNATURES:
        start = filled.index(block[0])
        assert filled[start : start + len(block)] == block, filled[start - 2 : start + 6]
    assert filled.index(SIGNATURES[0][0]) < filled.index(SIGNATURES[1][0])


# -- Word ------------------------------------------------------------------------------------------


def _numbering(document: object, abstract_id: int, fmt: str, text: str, font: str | None) -> int:
    """A list definition in the numbering part (a bullet from a font, or "§ %1"); its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    run = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{run}</w:lvl></w:abstractNum>'
        ),
    )
    num_id = 900 + abstract_id
    numbering.append(
        parse_xml(f'<w:num xmlns:w="{_W}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )
    return num_id


def _listed(paragraph: object, num_id: int) -> None:
    from docx.oxml import parse_xml

    p_pr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    p_pr.append(parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def word_agreement() -> bytes:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Zielvereinbarung 2025 mit der Brüder-Grimm-Stadt Hanau"
    document.sections[0].footer.paragraphs[0].text = "Seite 1 von 1"
    bullet = _numbering(document, 801, "bullet", "\uf0b7", "Symbol")
    paragraph_number = _numbering(document, 802, "decimal", "§ %1", None)
    document.add_paragraph("Zielvereinbarung 2025", style="Title")
    for title in ("Ziele", "Projekte"):
        _listed(document.add_paragraph(title), paragraph_number)
    document.add_paragraph("Gefördert werden:")
    for project in PROJECTS:
        _listed(document.add_paragraph(project), bullet)
    document.add_page_break()  # type: ignore[no-untyped-call]  # the signatures on page 2: the header repeats
    table = document.add_table(rows=1, cols=2)
    for cell, block in zip(table.rows[0].cells, SIGNATURES, strict=True):
        cell.paragraphs[0].text = block[0]
        for line in block[1:]:
            cell.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def word_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("word") / "zielvereinbarung.docx"
    path.write_bytes(word_agreement())
    return path


def test_a_word_file_keeps_its_styles_numbers_and_bullets(word_file: Path) -> None:
    document = read_document(word_file)
    assert document.kind == "docx"
    kinds = [(block.kind, block.marker, block.text) for block in document.body]
    assert kinds[0] == (BlockKind.TITLE, "", "Zielvereinbarung 2025")
    assert (BlockKind.LIST_ITEM, "§ 1", "Ziele") in kinds and (BlockKind.LIST_ITEM, "§ 2", "Projekte") in kinds
    assert [(BlockKind.LIST_ITEM, "•", project) for project in PROJECTS] == [k for k in kinds if k[1] == "•"]
    [row] = [block for block in document.body if block.kind is BlockKind.TABLE_ROW]
    assert [[line.text for line in cell] for cell in row.cells] == SIGNATURES


def test_a_word_files_header_is_furniture_that_still_names_the_partner(word_file: Path) -> None:
    document = read_document(word_file)
    lines, furniture = flat(document)
    assert "Zielvereinbarung 2025 mit der Brüder-Grimm-Stadt Hanau" in furniture and "Seite 1 von 1" in furniture
    assert not any("Hanau" in line and "Zielvereinbarung" in line for line in lines)
    assert [block.kind for block in document.furniture] == [BlockKind.FURNITURE] * 2


def test_a_word_file_flat_has_markdown_bullets_numbers_as_printed_and_whole_signatures(word_file: Path) -> None:
    lines, _ = flat(read_document(word_file))
    assert "§ 1 Ziele" in lines and "§ 2 Projekte" in lines
    assert [f"- {project}" for project in PROJECTS] == [line for line in lines if line.startswith("- ")]
    assert_signatures_whole(lines)
    assert all(line.ref.page == 1 for line in flat_lines(read_document(word_file))[0])


# -- PDFs made with fpdf2 --------------------------------------------------------------------------


def fpdf_agreement() -> bytes:
    """Two pages as a Word export prints them: a running header, "Seite n von 2", hyphenated words, a
    bulleted list with hanging indent and the signatures in two columns."""
    pdf = word_export("Zielvereinbarung 2025 – Brüder-Grimm-Stadt Hanau", 10)
    for line in ("Die Stadt sichert die Kin-", "derbetreuung während der Maßnahmen und achtet die UN-",
                 "Behindertenrechtskonvention sowie das Ausbildungs-", "und Qualifizierungsbudget."):  # fmt: skip
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    pdf.cell(0, 5, "Gefördert werden:", new_x="LMARGIN", new_y="NEXT")
    for project in PROJECTS:
        pdf.cell(6, 5, "•")
        pdf.cell(0, 5, project, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.cell(0, 5, "Die Vereinbarung gilt für das Jahr 2025.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    for index in range(3):
        pdf.cell(95, 5, SIGNATURES[0][index])
        pdf.cell(95, 5, SIGNATURES[1][index], new_x="LMARGIN", new_y="NEXT")
        if index == 0:
            pdf.ln(12)  # room for the signatures
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def fpdf_document() -> Document:
    return read_bytes(fpdf_agreement(), "zielvereinbarung.pdf")


def test_a_pdf_gives_signature_blocks_whole_and_in_order(fpdf_document: Document) -> None:
    [row] = [block for block in fpdf_document.body if block.kind is BlockKind.TABLE_ROW]
    assert [[line.text for line in cell] for cell in row.cells] == SIGNATURES
    assert_signatures_whole(flat(fpdf_document)[0])


def test_a_pdf_joins_broken_words_as_they_are_spelled(fpdf_document: Document) -> None:
    joined = " ".join(flat(fpdf_document)[0])
    assert "Kinderbetreuung" in joined and "Kin-" not in joined
    assert "UN-Behindertenrechtskonvention" in joined and "UN- " not in joined
    assert "Ausbildungs- und Qualifizierungsbudget" in joined


def test_a_pdfs_bullets_are_markdown_items(fpdf_document: Document) -> None:
    items = [block for block in fpdf_document.body if block.kind is BlockKind.LIST_ITEM]
    assert [(item.marker, item.text) for item in items] == [("•", project) for project in PROJECTS]
    lines = flat(fpdf_document)[0]
    assert [f"- {project}" for project in PROJECTS] == [line for line in lines if line.startswith("- ")]


def test_a_pdfs_header_and_page_numbers_are_returned_as_furniture(fpdf_document: Document) -> None:
    lines, furniture = flat_lines(fpdf_document)
    assert not any("Brüder-Grimm" in line.text or "Seite" in line.text for line in lines)
    assert sorted((line.ref.page, line.text) for line in furniture) == [
        (1, "Seite 1 von 2"),
        (1, "Zielvereinbarung 2025 – Brüder-Grimm-Stadt Hanau"),
        (2, "Seite 2 von 2"),
        (2, "Zielvereinbarung 2025 – Brüder-Grimm-Stadt Hanau"),
    ]


def test_a_pdfs_lines_point_at_their_page_and_line(fpdf_document: Document) -> None:
    lines, _ = flat_lines(fpdf_document)
    [validity] = [line for line in lines if line.text.startswith("Die Vereinbarung gilt")]
    assert (validity.ref.page, validity.ref.line) == (2, 2)  # below the header
    assert str(validity.ref) == "Seite 2, Zeile 2"
    assert next(line for line in lines if line.text.startswith("Die Stadt")).ref.page == 1


def test_a_paragraph_break_is_a_blank_line_a_page_break_is_none(fpdf_document: Document) -> None:
    lines = flat(fpdf_document)[0]
    assert lines[lines.index("Gefördert werden:") - 1] == ""
    last_of_page_1 = lines.index(f"- {PROJECTS[-1]}")
    assert lines[last_of_page_1 + 1].startswith("Die Vereinbarung gilt")


# -- PDFs as LibreOffice and Chromium make them ----------------------------------------------------


def tool(path: str) -> str:
    found = shutil.which(path)
    if found is None:
        unavailable(
            f"{path} fehlt: Test übersprungen (installieren: .ci/ensure-test-packages)", " – in CI darf er nicht fehlen"
        )
    return found


def test_a_word_file_printed_by_libreoffice_reads_like_the_word_file(word_file: Path, tmp_path: Path) -> None:
    soffice = tool("soffice")
    profile = tmp_path / "profil"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(word_file)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    document = read_document(tmp_path / "zielvereinbarung.pdf")
    lines, furniture = flat(document)
    assert_signatures_whole(lines)
    assert [f"- {project}" for project in PROJECTS] == [line for line in lines if line.startswith("- ")]
    assert "Zielvereinbarung 2025 mit der Brüder-Grimm-Stadt Hanau" in furniture
    assert "Seite 1 von 1" in furniture


def test_a_page_printed_by_chromium_leaves_its_stamps_out(tmp_path: Path) -> None:
    chromium = tool("/usr/bin/chromium")
    paragraphs = "".join(f"<p>Absatz {n}: Die Stadt fördert Projekte für Frauen und Männer.</p>" for n in range(60))
    page = tmp_path / "zv.html"
    page.write_text(
        f"<!doctype html><html lang=de><meta charset=utf-8><title>Zielvereinbarung 2025 Hanau</title>"
        f"<body><h1>Zielvereinbarung 2025</h1>{paragraphs}</body></html>",
        encoding="utf-8",
    )
    target = tmp_path / "zv.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         f"--print-to-pdf={target}", page.as_uri()],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    lines, furniture = flat(read_document(target))
    assert lines[0] == "Zielvereinbarung 2025" and lines[-1].startswith("Absatz 59:")
    assert not any("file://" in line or "Zielvereinbarung 2025 Hanau" in line for line in lines)
    assert any("file://" in line for line in furniture) and any(
        "Zielvereinbarung 2025 Hanau" in line for line in furniture
    )


# -- text, and which files are accepted ------------------------------------------------------------


def test_a_text_keeps_its_lines_and_counts_them_through() -> None:
    document = text_document("Zielvereinbarung 2025\n\nDie Kin-\nderbetreuung\fSeite 2\nEnde")
    lines, _ = flat_lines(document, printed=False)
    assert [(line.text, line.ref.page, line.ref.line) for line in lines] == [
        ("Zielvereinbarung 2025", 1, 1),
        ("", 1, 1),
        ("Die Kinderbetreuung", 1, 3),
        ("Seite 2", 2, 4),
        ("Ende", 2, 5),
    ]


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("a.txt", b"Zielvereinbarung", TEXT),
        ("a.PDF", b"%PDF-1.7\n", PDF),
        ("scan.jpeg", b"\xff\xd8\xff\xe0", SCAN),
        ("scan.tif", b"II*\x00", SCAN),
    ],
)
def test_accepted_kinds(name: str, raw: bytes, expected: object) -> None:
    assert kind_of(name, raw) is expected


def test_a_word_file_is_a_zip_with_its_document(word_file: Path) -> None:
    assert kind_of("a.docx", word_file.read_bytes()) is DOCX


def _zip(names: list[str]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("anhang.zip", _zip(["a.pdf"]), "anhang.zip ist ein ZIP-Archiv. Bitte die Dokumente einzeln anhängen"),
        ("alt.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "alt.doc ist ein altes Word-Dokument (.doc)"),
        ("text.odt", _zip(["content.xml"]), "text.odt ist ein OpenDocument-Text (LibreOffice)"),
        ("programm.sh", b"#!/bin/sh\n", "programm.sh: diese Art Datei wird nicht gelesen. Erlaubt sind PDF"),
        ("vereinbarung.pdf", b"Zielvereinbarung", "vereinbarung.pdf heißt .pdf, ist aber keine PDF-Datei."),
        ("vereinbarung.txt", b"%PDF-1.4\n", "vereinbarung.txt heißt .txt, ist aber eine PDF-Datei."),
        ("falsch.docx", _zip(["a.pdf"]), "falsch.docx ist ein ZIP-Archiv"),
        ("gross.pdf", b"%PDF-1.4\n" + bytes(PDF.max_bytes), "gross.pdf ist zu groß"),
    ],
    ids=["ZIP", ".doc", ".odt", "unbekannt", "PDF ohne PDF", "PDF als .txt", "ZIP als .docx", "zu groß"],
)
def test_refused_kinds_say_what_to_do(name: str, raw: bytes, message: str) -> None:
    with pytest.raises(DocumentError) as raised:
        kind_of(name, raw)
    assert message in str(raised.value)


# -- Where a PDF's line goes on, and what is a column -------------------------------------------------


def layout_pdf() -> bytes:
    """A page with the shapes that misled the reader: a justified line with wide gaps; a list whose items a
    browser printed without bullets: one runs to the margin and ends in "und", one runs to the margin and
    ends in a noun above a capitalised word (one item or two? nobody can tell), two are short; and a signature
    row whose left function runs close to the right column."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()

    def justified(text: str) -> None:  # the gaps stretched alike until the line meets the right margin
        words = text.split()
        gap = (pdf.epw - sum(pdf.get_string_width(word) for word in words)) / (len(words) - 1)
        x = pdf.l_margin
        for word in words:
            pdf.text(x, pdf.get_y() + 4, word)
            x += pdf.get_string_width(word) + gap
        pdf.ln(6)

    def line(text: str) -> None:
        pdf.cell(pdf.epw, 6, text, new_x="LMARGIN", new_y="NEXT")

    justified("Ausbildungscoaching in anerkannten Ausbildungsberufen,")
    line("und so fort: ein Satz, der nicht gedehnt ist.")
    pdf.ln(8)
    justified("Nachqualifizierung für Fahrerinnen, Fahrer, Disponentinnen und")
    line("Berufskraftfahrer")
    justified("Umsetzung der UN-Behindertenrechtskonvention in Schulen am Übergang")
    line("Schule-Beruf")
    line("Frauenakademie 2025")
    line("Produktionsschule")
    pdf.ln(8)
    left = "Hessisches Ministerium für Arbeit, Integration,"
    column = pdf.get_string_width(left) + 4
    for left_text, right_text in (("Wiesbaden, den 2.8.2025", "Hanau, den 4.8.2025"), (left, "der Stadt Hanau")):
        pdf.cell(column, 6, left_text)
        pdf.cell(0, 6, right_text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def layout_document() -> Document:
    return read_bytes(layout_pdf(), "layout.pdf")


def test_a_justified_line_is_one_line_not_columns(layout_document: Document) -> None:
    first = layout_document.body[0]
    assert first.kind is BlockKind.PARAGRAPH
    assert first.lines[0].text == "Ausbildungscoaching in anerkannten Ausbildungsberufen,"


def test_a_line_ending_in_und_surely_goes_on_a_noun_may_a_short_one_does_not(layout_document: Document) -> None:
    lines = {line.text: line for block in layout_document.body for line in block.lines}
    endings = {text[:12]: (line.wraps, line.may_wrap) for text, line in lines.items()}
    assert endings["Nachqualifiz"] == (True, False)  # "… und" / "Berufskraftfahrer"
    assert endings["Umsetzung de"] == (False, True)  # "… am Übergang" / "Schule-Beruf": a person decides
    assert endings["Frauenakadem"] == (False, False)  # "Produktionsschule" would have fitted beside it
    texts = [line.text for line in unwrapped(flat_lines(layout_document)[0])]
    assert "Nachqualifizierung für Fahrerinnen, Fahrer, Disponentinnen und Berufskraftfahrer" in texts
    assert "Schule-Beruf" in texts and "Frauenakademie 2025" in texts and "Produktionsschule" in texts


def test_a_long_line_close_to_the_next_column_stays_in_its_column(layout_document: Document) -> None:
    [row] = [block for block in layout_document.body if block.kind is BlockKind.TABLE_ROW]
    assert [[line.text for line in cell] for cell in row.cells] == [
        ["Wiesbaden, den 2.8.2025", "Hessisches Ministerium für Arbeit, Integration,"],
        ["Hanau, den 4.8.2025", "der Stadt Hanau"],
    ]


@pytest.mark.parametrize("password", ["geheim", ""])
def test_a_password_protected_pdf_says_so_and_one_anyone_may_open_is_read(password: str) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fpdf_agreement())))
    writer.encrypt(user_password=password, owner_password="eigentümer", algorithm="AES-256")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    if password:
        with pytest.raises(DocumentError) as refused:
            read_bytes(encrypted.getvalue(), "zv.pdf")
        assert str(refused.value).startswith("zv.pdf ist mit einem Kennwort geschützt. Bitte ohne Kennwort speichern")
    else:  # only printing or copying restricted: the text is there for anyone
        assert "Kompetenzcheck für Frauen" in " ".join(flat(read_bytes(encrypted.getvalue(), "zv.pdf"))[0])
