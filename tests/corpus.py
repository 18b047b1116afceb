"""A ministry's folder of signed agreements, made at test time with each document's true facts.

Test data only: nothing made here is committed. For `count` partners the year's standard text is filled
in (budget, projects, signatures) and written in the forms a ministry really has (issue 28):

- `word`: a Word file as Word users write it (title, headings, justified text with automatic
  hyphenation, a running header with the partner's name and a logo, a footer "Seite X von Y", the
  project list as a numbered list with Symbol-font bullets or as a two-column table, the signatures as a
  two-column table with a line of underscores);
- `word_pdf`: that Word file exported to PDF by LibreOffice;
- `browser`: the text as simple HTML printed by Chromium (with its date/title header and URL/page footer);
- `scan`: the Word-made PDF as page images with slight noise (an image-only PDF), its Word file beside it;
- `text`: a plain transcript (UTF-8 or Windows-1252).

Every folder also holds what real folders hold besides agreements: a cover letter naming one of the
partners, the logo as an image, a ZIP file and a broken PDF. The result is deterministic for a seed.
"""

from __future__ import annotations

import functools
import html
import io
import random
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from aqb.data.dataset import Dataset
from aqb.data.loader import load_dataset
from aqb.data.model import Partner, StandardText
from aqb.data.text import fill, naming_values
from aqb.formatting import thousands
from preview import CHROMIUM, CHROMIUM_FLAGS

REPO = Path(__file__).resolve().parent.parent
SOFFICE = "soffice"
FORMS = ("word", "word_pdf", "browser", "scan", "text")
# Where each district's administration sits (the place of its signature); a city signs in itself.
SEATS = {
    "bergstrasse": "Heppenheim",
    "darmstadt-dieburg": "Darmstadt",
    "gross-gerau": "Groß-Gerau",
    "hochtaunuskreis": "Bad Homburg v. d. Höhe",
    "main-kinzig-kreis": "Gelnhausen",
    "main-taunus-kreis": "Hofheim am Taunus",
    "odenwaldkreis": "Erbach",
    "kreis-offenbach": "Dietzenbach",
    "rheingau-taunus-kreis": "Bad Schwalbach",
    "wetteraukreis": "Friedberg (Hessen)",
    "giessen": "Gießen",
    "lahn-dill-kreis": "Wetzlar",
    "limburg-weilburg": "Limburg a. d. Lahn",
    "marburg-biedenkopf": "Marburg",
    "vogelsbergkreis": "Lauterbach (Hessen)",
    "fulda": "Fulda",
    "hersfeld-rotenburg": "Bad Hersfeld",
    "landkreis-kassel": "Kassel",
    "schwalm-eder-kreis": "Homberg (Efze)",
    "waldeck-frankenberg": "Korbach",
    "werra-meissner-kreis": "Eschwege",
}
# Made-up names (test data): who signs for the ministry, and for the partners.
MINISTRY_SIGNATORIES = (("Dr. Katrin Albers", "Staatsministerin"), ("Jens-Peter Wollmann", "Staatssekretär"))
GIVEN_NAMES = (("Andrea", "f"), ("Thomas", "m"), ("Sabine", "f"), ("Michael", "m"), ("Birgit", "f"), ("Jörg", "m"))
FAMILY_NAMES = ("Schäfer", "Becker-Lindner", "Wagner", "Hofmann", "Krüger", "von Berg", "Öztürk", "Weiß")
# Project names as agreements list them: long compounds that a justified, hyphenated line breaks,
# names with a real hyphen, brackets, numbers and the year.
PROJECTS = (
    "Kinderbetreuung während der Qualifizierung",
    "Teilzeit-Ausbildung für Alleinerziehende",
    "Umsetzung der UN-Behindertenrechtskonvention am Übergang Schule-Beruf",
    "Ausbildungsbegleitende Hilfen Plus (abH+)",
    "Berufsorientierungswerkstatt",
    "Qualifizierungsverbund Gesundheitswirtschaft",
    "Sprach- und Berufsorientierungskurs für Zugewanderte",
    "Frauenakademie {year}",
    "Motivierendes Coaching {name} {year}",
    "Jugendberufsagentur-Lotsinnen und -Lotsen",
    "Nachqualifizierung Berufskraftfahrerinnen und Berufskraftfahrer",
    "Arbeitsmarktintegrationsbegleitung Geflüchteter",
    "Produktionsschule {name}",
    "Ausbildungsplatzakquise und Matching",
    "Digitalisierungswerkstatt für Langzeitarbeitslose",
    "Fortbildung Fallmanagement im SGB II",
    "Schulungsreihe Traumasensible Beratung",
    "Teilzeitausbildung (BaE)",
    "Assistierte Ausbildung flex",
    "Werkstatt Zukunft 2.0",
    "Pflegehelferinnen- und Pflegehelferausbildung",
    "Kompetenzfeststellung und Berufswegeplanung",
)


@dataclass(frozen=True)
class TrueSignatory:
    name: str
    funktion: str  # line by line as under the signature; compared with white space folded
    ort: str
    datum: date | None  # None: no date in the document ("nicht eingetragen")


@dataclass(frozen=True)
class TrueFacts:
    """What one signed agreement of the corpus says, and which files of the folder hold it."""

    partner: str
    year: int
    budget: int
    massnahmen: dict[str, list[str]]  # every measure type of the year, [] for none
    unterzeichnende: tuple[TrueSignatory, ...]
    form: str
    files: tuple[str, ...]
    list_as_table: bool = False


# Files every real folder holds besides agreements; each must get its own row in the import table.
def other_files(year: int, seed: int) -> tuple[str, ...]:
    letter = f"Anschreiben Zielvereinbarungen {year}." + ("docx" if seed % 2 == 0 else "pdf")
    return (letter, "logo.png", f"Unterlagen {year}.zip", f"ZV_{year}_defekt.pdf")


@functools.cache
def dataset() -> Dataset:
    return load_dataset(REPO / "data")


def plan(count: int, year: int, seed: int) -> list[tuple[str, int, str]]:
    """(partner, year, form) of each agreement, cheaply, without making a file: what tests parametrize by.

    Partners that exist in `year` come first (shuffled by the seed); one that exists only from the
    next year (Hanau from 2026) signs the next year's agreement, whose standard text the importer
    proposes from it."""
    rng = random.Random(seed)
    partners = list(dataset().partners.values())
    now = [p.slug for p in partners if p.exists_in(year)]
    later = [p.slug for p in partners if not p.exists_in(year) and p.exists_in(year + 1)]
    rng.shuffle(now)
    chosen = [(slug, year) for slug in now] + [(slug, year + 1) for slug in later]
    return [(slug, jahr, FORMS[(index + seed) % len(FORMS)]) for index, (slug, jahr) in enumerate(chosen[:count])]


def standard_for(year: int) -> StandardText:
    """The year's standard text; for a year without one, the last year's with the year changed."""
    texts = dataset().standard_texts
    if year in texts:
        return texts[year]
    previous = texts[max(y for y in texts if y < year)]
    sections = [
        s.model_copy(update={"text": s.text.replace(str(previous.jahr), str(year))}) for s in previous.abschnitte
    ]
    return previous.model_copy(update={"jahr": year, "abschnitte": sections})


def true_facts(slug: str, year: int, form: str, index: int, seed: int) -> TrueFacts:
    rng = random.Random(f"{seed}-{slug}-{year}")
    partner = dataset().partners[slug]
    standard = standard_for(year)
    projects: dict[str, list[str]] = {}
    pool = [p.format(year=year, name=partner.name) for p in PROJECTS]
    rng.shuffle(pool)
    for measure in standard.massnahmenarten:
        count = rng.choice((0, 1, 1, 2, 2, 3, 4))
        projects[measure] = [pool.pop() for _ in range(count)]
    minister, title = rng.choice(MINISTRY_SIGNATORIES)
    given, sex = rng.choice(GIVEN_NAMES)
    city = partner.art == "kreisfreie Stadt"
    office = {("m", True): "Oberbürgermeister", ("f", True): "Oberbürgermeisterin", ("m", False): "Landrat"}.get(
        (sex, city), "Landrätin"
    )
    signed = date(year, 3, 1) + timedelta(days=rng.randrange(200))
    countersigned = signed + timedelta(days=rng.randrange(1, 21))
    signatories = (
        TrueSignatory(minister, f"{title}\n{standard.ministerium.name}", "Wiesbaden", signed),
        TrueSignatory(
            f"{given} {rng.choice(FAMILY_NAMES)}",
            f"{office}\n{partner.naming.genitiv}",
            partner.name if city else SEATS[slug],
            None if rng.random() < 0.15 else countersigned,
        ),
    )
    return TrueFacts(
        partner=slug,
        year=year,
        budget=rng.randrange(300_000, 3_000_001),
        massnahmen=projects,
        unterzeichnende=signatories,
        form=form,
        files=file_names(partner, year, form),
        list_as_table=form in ("word", "word_pdf", "scan") and index % 2 == 1,
    )


def file_names(partner: Partner, year: int, form: str) -> tuple[str, ...]:
    underscored = partner.bezeichnung.replace(" ", "_")
    return {
        "word": (f"ZV {year} {partner.bezeichnung}.docx",),
        "word_pdf": (f"Zielvereinbarung_{year}_{underscored}.pdf",),
        "browser": (f"AQB {year} {partner.name} Druckansicht.pdf",),
        "scan": (f"ZV_{year}_{underscored}_unterschrieben.pdf", f"ZV {year} {partner.bezeichnung} Entwurf.docx"),
        "text": (f"Abschrift ZV {year} {partner.bezeichnung}.txt",),
    }[form]


# -- the document as blocks ---------------------------------------------------------------------------


def blocks(facts: TrueFacts, date_style: int) -> list[tuple[str, Any]]:
    """The agreement as a list of (kind, content): title, heading1-3, bold, para, measures, signatures."""
    standard = standard_for(facts.year)
    partner = dataset().partners[facts.partner]
    values = {**naming_values(partner.naming), "budget": thousands(facts.budget)}
    result: list[tuple[str, Any]] = []
    for section in standard.abschnitte:
        for paragraph in fill(section.text, values).split("\n\n"):
            paragraph = paragraph.strip()
            if paragraph == "{projektliste}":
                wordings = standard.massnahmenarten
                result.append(("measures", [(" ".join(wordings[m].split()), p) for m, p in facts.massnahmen.items()]))
            elif paragraph == "{unterschriften}":
                result.append(("signatures", [signature_lines(s, date_style) for s in facts.unterzeichnende]))
            elif paragraph:
                result.append(_paragraph(paragraph, first=not result))
    return result


def _paragraph(markdown: str, first: bool) -> tuple[str, str]:
    hashes, _, rest = markdown.partition(" ")
    plain = " ".join(markdown.replace("**", "").split())
    if set(hashes) == {"#"}:
        text = " ".join(rest.replace("**", "").split())
        return ("title" if first else f"heading{len(hashes) - 1}", text)
    return ("bold" if markdown.startswith("**") and markdown.endswith("**") else "para", plain)


def signature_lines(signatory: TrueSignatory, date_style: int) -> tuple[str, str, list[str]]:
    """(place and date, name, function lines) as printed under a signature."""
    when = signatory.datum
    if when is None:
        written = ""
    elif date_style % 2:
        written = f" {when.day}.{when.month}.{when.year}"
    else:
        written = f" {when:%d.%m.%Y}"
    return f"{signatory.ort}, den{written}", signatory.name, signatory.funktion.splitlines()


# -- text ---------------------------------------------------------------------------------------------


def as_text(parts: list[tuple[str, Any]]) -> str:
    lines: list[str] = []
    for kind, content in parts:
        if kind == "measures":
            for number, (wording, projects) in enumerate(content, start=1):
                lines.append(f"{number}. {wording}")
                lines.extend(f"   - {project}" for project in projects)
        elif kind == "signatures":
            for place, name, function in content:
                lines += [place, "", "", name, *function, ""]
        else:
            lines.append(content)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# -- HTML for the browser ---------------------------------------------------------------------------------


def as_html(parts: list[tuple[str, Any]], title: str) -> str:
    tags = {"title": "h1", "heading1": "h2", "heading2": "h3", "heading3": "h4", "bold": "p", "para": "p"}
    body: list[str] = []
    for kind, content in parts:
        if kind == "measures":
            items = []
            for wording, projects in content:
                inner = "".join(f"<li>{html.escape(p)}</li>" for p in projects)
                items.append(f"<li>{html.escape(wording)}" + (f"<ul>{inner}</ul>" if inner else "") + "</li>")
            body.append(f"<ol>{''.join(items)}</ol>")
        elif kind == "signatures":
            for place, name, function in content:
                body.append(
                    f"<p>{html.escape(place)}</p><p class='sig'>{html.escape(name)}<br>"
                    + "<br>".join(html.escape(line) for line in function)
                    + "</p>"
                )
        else:
            text = html.escape(content)
            body.append(f"<{tags[kind]}>" + (f"<b>{text}</b>" if kind == "bold" else text) + f"</{tags[kind]}>")
    style = (
        "body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;max-width:40em;margin:auto}"
        "p{text-align:justify;hyphens:auto}.sig{margin-top:3em}"
    )
    return (
        f"<!doctype html><html lang='de'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>"
    )


# -- Word -----------------------------------------------------------------------------------------------

_WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_LIST_NUMBER = 90  # our numbering definition's id: 1., 2., … with Symbol-font bullets below


def logo_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 232, 112), outline=(0, 70, 140), width=6)
    draw.ellipse((24, 28, 88, 92), fill=(200, 30, 40))
    draw.text((104, 50), "Landeslogo", fill=(0, 70, 140))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def as_word(parts: list[tuple[str, Any]], facts: TrueFacts) -> bytes:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Cm, Pt

    document = docx.Document()
    _german_hyphenated(document)
    _bullet_numbering(document)
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Serif"
    normal.font.size = Pt(11)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(logo_png()), width=Cm(2.5))
    header.add_run("\t" + dataset().partners[facts.partner].bezeichnung)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Seite ")
    footer._p.append(parse_xml(f'<w:fldSimple {_WNS} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" von ")
    footer._p.append(parse_xml(f'<w:fldSimple {_WNS} w:instr="NUMPAGES"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    styles = {"title": "Title", "heading1": "Heading 1", "heading2": "Heading 2", "heading3": "Heading 3"}
    for kind, content in parts:
        if kind in styles:
            document.add_paragraph(content, style=styles[kind])
        elif kind == "bold":
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(content).bold = True
        elif kind == "para":
            document.add_paragraph(content).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif kind == "measures" and facts.list_as_table:
            table = document.add_table(rows=1, cols=2, style="Table Grid")
            table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Maßnahmenart", "Projekte"
            for wording, projects in content:
                left, right = table.add_row().cells
                left.text = wording
                right.text = projects[0] if projects else ""
                for project in projects[1:]:
                    right.add_paragraph(project)
        elif kind == "measures":
            for wording, projects in content:
                _list_item(document.add_paragraph(wording), 0)
                for project in projects:
                    _list_item(document.add_paragraph(project), 1)
        elif kind == "signatures":
            table = document.add_table(rows=1, cols=2)
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, (place, name, function) in zip(table.rows[0].cells, content, strict=True):
                cell.text = place
                for line in ("", "", "_" * 28, name, *function):
                    cell.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _german_hyphenated(document: Any) -> None:
    """German text and automatic hyphenation on (LibreOffice hyphenates with its German patterns)."""
    from docx.oxml import parse_xml

    settings = document.settings.element
    settings.append(parse_xml(f"<w:autoHyphenation {_WNS}/>"))
    defaults = document.styles.element.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults")
    run_properties = defaults.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr")
    for old in run_properties.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"):
        run_properties.remove(old)
    run_properties.append(parse_xml(f'<w:lang {_WNS} w:val="de-DE" w:eastAsia="de-DE" w:bidi="ar-SA"/>'))


def _bullet_numbering(document: Any) -> None:
    """A numbering definition as Word writes one: 1., 2., … and below it Symbol-font bullets (U+F0B7)."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {_WNS} w:abstractNumId="{_LIST_NUMBER}">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1080" w:hanging="360"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {_WNS} w:numId="{_LIST_NUMBER}"><w:abstractNumId w:val="{_LIST_NUMBER}"/></w:num>')
    )


def _list_item(paragraph: Any, level: int) -> None:
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {_WNS}><w:ilvl w:val="{level}"/><w:numId w:val="{_LIST_NUMBER}"/></w:numPr>')
    )


def cover_letter(facts: TrueFacts) -> bytes:
    """The ministry's cover letter: it names the year's agreement and a partner, and is none."""
    import docx

    partner = dataset().partners[facts.partner]
    standard = standard_for(facts.year)
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = standard.ministerium.name
    for line in (
        standard.ministerium.name,
        "Sonnenberger Straße 2/2a, 65193 Wiesbaden",
        "",
        f"An {partner.naming.akkusativ}",
        "",
        f"Wiesbaden, {facts.unterzeichnende[0].datum or date(facts.year, 1, 1):%d.%m.%Y}",
        "",
        f"Zielvereinbarung {facts.year} zwischen dem {standard.ministerium.name.replace('isches', 'ischen', 1)} "
        f"und {partner.naming.dativ} "
        "zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets",
        "",
        "Sehr geehrte Damen und Herren,",
        f"anbei übersende ich Ihnen die unterzeichnete Zielvereinbarung {facts.year} mit der Bitte, ein "
        "gegengezeichnetes Exemplar an uns zurückzusenden.",
        "Mit freundlichen Grüßen",
        "Im Auftrag",
        "Referat Arbeitsmarktförderung",
    ):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- tools -----------------------------------------------------------------------------------------------


def missing_tools() -> list[str]:
    """The programs the corpus needs that this machine lacks (CI installs them: .ci/ensure-test-packages)."""
    wanted = {SOFFICE: "libreoffice-writer-nogui", str(CHROMIUM): "chromium", "tesseract": "tesseract-ocr"}
    return [package for program, package in wanted.items() if shutil.which(program) is None]


def soffice_to_pdf(sources: list[Path], out: Path) -> None:
    """Every Word file to PDF in one LibreOffice call (its start-up is the slow part)."""
    if not sources:
        return
    with tempfile.TemporaryDirectory(prefix="aqb-soffice-profile-") as profile:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )


def chromium_print(page: Path, target: Path) -> None:
    """Chromium's print to PDF, with its default header (date, title) and footer (address, page)."""
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            *CHROMIUM_FLAGS,
            f"--print-to-pdf={target}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def scanned(pdf: Path, target: Path, seed: int) -> None:
    """A signed paper copy scanned at 200 dpi: page images with slight noise and tilt, no text layer."""
    import pypdfium2
    from PIL import Image

    rng = random.Random(seed)
    document = pypdfium2.PdfDocument(str(pdf))
    pages = []
    try:
        for page in document:
            image = page.render(scale=200 / 72).to_pil().convert("L")
            noise = Image.effect_noise(image.size, 40).point(lambda value: 255 if value > 90 else value)
            image = Image.blend(image, noise, 0.12).rotate(rng.uniform(-0.6, 0.6), fillcolor=255)
            pages.append(image)
    finally:
        document.close()
    pages[0].save(target, "PDF", resolution=200.0, save_all=True, append_images=pages[1:])


# -- the folder ----------------------------------------------------------------------------------------


def make_corpus(folder: Path, count: int, year: int, seed: int) -> list[TrueFacts]:
    """Write `count` signed agreements (and the other files of a real folder) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    facts = [true_facts(slug, jahr, form, i, seed) for i, (slug, jahr, form) in enumerate(plan(count, year, seed))]
    with tempfile.TemporaryDirectory(prefix="aqb-corpus-") as scratch:
        work = Path(scratch)
        to_convert: list[Path] = []
        converted: list[tuple[Path, Path, TrueFacts]] = []  # (PDF LibreOffice writes, Word file, facts)
        for index, agreement in enumerate(facts):
            parts = blocks(agreement, index + seed)
            name = agreement.files[0]
            if agreement.form == "text":
                encoding = "utf-8" if index % 2 == 0 else "cp1252"
                (folder / name).write_bytes(as_text(parts).replace("\n", "\r\n").encode(encoding))
            elif agreement.form == "browser":
                page = work / f"{agreement.partner}.html"
                title = f"Zielvereinbarung {agreement.year} – {dataset().partners[agreement.partner].bezeichnung}"
                page.write_text(as_html(parts, title), encoding="utf-8")
                chromium_print(page, folder / name)
            else:
                word = as_word(parts, agreement)
                stem = work / f"{agreement.partner}-{agreement.year}"
                stem.with_suffix(".docx").write_bytes(word)
                if agreement.form == "word":
                    (folder / name).write_bytes(word)
                else:
                    to_convert.append(stem.with_suffix(".docx"))
                    converted.append((stem.with_suffix(".pdf"), stem.with_suffix(".docx"), agreement))
        letter_name, *_ = other_files(year, seed)
        letter = work / "anschreiben.docx"
        letter.write_bytes(cover_letter(facts[0]))
        if letter_name.endswith(".pdf"):
            to_convert.append(letter)
        else:
            shutil.copy(letter, folder / letter_name)
        soffice_to_pdf(to_convert, work)
        if letter_name.endswith(".pdf"):
            shutil.copy(work / "anschreiben.pdf", folder / letter_name)
        for pdf, word_file, agreement in converted:
            if agreement.form == "word_pdf":
                shutil.copy(pdf, folder / agreement.files[0])
            else:  # the scan, and the Word file it was printed from beside it
                scanned(pdf, folder / agreement.files[0], seed)
                shutil.copy(word_file, folder / agreement.files[1])
    _write_other_files(folder, year, seed)
    return facts


def _write_other_files(folder: Path, year: int, seed: int) -> None:
    _, image, archive, broken = other_files(year, seed)
    logo = logo_png()
    (folder / image).write_bytes(logo)
    with zipfile.ZipFile(folder / archive, "w") as packed:
        packed.writestr("logo.png", logo)
        packed.writestr("Liesmich.txt", "Unterlagen zur Zielvereinbarung, siehe Anschreiben.\n")
    rng = random.Random(seed)
    (folder / broken).write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<" + rng.randbytes(4000))
