"""The page is the signed document (issue 27): every word and the budget checked against the original.

A record with an original is compared word for word with it (aqb.data.signed): an invented sentence or
fact in any spelling is refused, so is one changed word of the original; what the signed text really
says (an amount written "1.118.780,00 €", a year typo, the partner without its name) publishes as
signed; a Word-made PDF with header, footer, page numbers and hyphenation passes as layout.
"""

from __future__ import annotations

import copy
import hashlib
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aqb.data.dataset import Dataset
from aqb.data.loader import load_dataset
from aqb.data.model import FullTextAgreement
from aqb.data.problems import DataError
from aqb.data.signed import LAYOUT, OriginalWord, signed_amounts
from helpers import REPO, DataFolder, real_agreement
from pdfs import DEJAVU, word_export

ORIGINAL = "originaltexte/2025/marburg-biedenkopf.txt"
SIGNED = (REPO / "data" / ORIGINAL).read_text(encoding="utf-8")
STANDARD = {
    section["id"]: section["text"]
    for section in yaml.safe_load((REPO / "data/standardtexte/2025.yaml").read_text(encoding="utf-8"))["abschnitte"]
}
# Invented facts as a hostile pull request or a careless draft would write them (issue 27's list, and more).
INVENTED = [
    "Nach dem Nachtrag vom 3. April werden tatsächlich EUR 2000000 (zwei Millionen Euro) gemeinsam mit dem "
    "Lahn‑Dill‑Kreis bereitgestellt, gültig bis Ende ２０２７.",
    "1000000,- €",
    "€ 2000000",
    "1,2 Mio. Euro",
    "EUR 1 Mio.",
    "500 Tsd. Euro",
    "zweitausendsechsundzwanzig",
    "'26",
    "2O26",
    "2025/26",
    "3. April",
    "2025-04-03",
    "03/04/2025",
    "LDK",
    "Fulda",
    "LANDKREIS FULDA",
    "Landkreis\nFulda",
    "| Projekt | Neues Projekt |",
    "• Zusätzliches Projekt",
    "> - Projekt im Zitat",
    "### Projekt als Überschrift",
    "Das Projekt Kompetenzcheck wird ebenfalls gefördert.",
]


def with_original(folder: DataFolder, text: str | bytes, suffix: str = "txt", **changes: Any) -> dict[str, Any]:
    """The 2025 record with `text` as its original (checksum updated) and `changes` to its fields."""
    record: dict[str, Any] = copy.deepcopy(real_agreement())
    old = folder.path / record["original"]["datei"]
    old.unlink()
    content = text.encode("utf-8") if isinstance(text, str) else text
    target = folder.write(f"originaltexte/2025/marburg-biedenkopf.{suffix}", content)
    record["original"] = {**record["original"], "datei": f"originaltexte/2025/marburg-biedenkopf.{suffix}"}
    record["original"]["sha256"] = hashlib.sha256(target.read_bytes()).hexdigest()
    if suffix != "txt":
        record["original"].pop("herkunft", None)
    record.update(changes)
    folder.add_agreement(record)
    return record


def refusal(folder: DataFolder) -> str:
    with pytest.raises(DataError) as raised:
        load_dataset(folder.path)
    return str(raised.value)


def test_the_seed_and_every_real_record_pass_unchanged(bundled_dataset: Dataset) -> None:
    assert bundled_dataset.agreements


def test_the_layout_list_is_documented() -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for item in LAYOUT:
        assert item in guide, item


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(STANDARD)), st.sampled_from(INVENTED), st.integers(0, 10_000))
def test_an_invented_sentence_or_fact_in_a_deviation_is_always_refused(section: str, invented: str, at: int) -> None:
    wording = STANDARD[section]
    lines = wording.split("\n")
    lines.insert(1 + at % len(lines), invented)
    record: dict[str, Any] = copy.deepcopy(real_agreement())
    record["abweichungen"] = {section: "\n".join(lines)}
    with tempfile.TemporaryDirectory() as temporary:
        folder = DataFolder(Path(temporary))
        folder.add_agreement(record)
        assert f"abweichungen.{section}:" in refusal(folder)


SIGNED_WORDS = list(re.finditer(r"[A-Za-zÄÖÜäöüß]{4,}", SIGNED))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SIGNED_WORDS) - 1), st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12))
def test_one_changed_word_of_the_original_is_always_refused(index: int, replacement: str) -> None:
    word = SIGNED_WORDS[index]
    if replacement == word.group():
        replacement += "x"
    changed = SIGNED[: word.start()] + replacement + SIGNED[word.end() :]
    with tempfile.TemporaryDirectory() as temporary:
        folder = DataFolder(Path(temporary))
        with_original(folder, changed)
        message = refusal(folder)
    assert ("marburg-biedenkopf.yaml" in message and f"„{replacement}" in message) or replacement in message


def test_an_amount_as_signed_publishes_as_signed(data_folder: DataFolder) -> None:
    signed = SIGNED.replace("**1.118.780 Euro**", "**1.118.780,00 €**")
    deviation = STANDARD["paragraf-4"].replace("{budget} Euro", "1.118.780,00 €")
    assert deviation != STANDARD["paragraf-4"]
    with_original(data_folder, signed, abweichungen={"paragraf-4": deviation})
    assert load_dataset(data_folder.path).agreement(2025, "marburg-biedenkopf") is not None


def test_the_budget_must_be_the_amount_of_paragraph_4(data_folder: DataFolder) -> None:
    signed = SIGNED.replace("**1.118.780 Euro**", "**1.118.780,00 €**")
    deviation = STANDARD["paragraf-4"].replace("{budget} Euro", "1.118.780,00 €")
    with_original(data_folder, signed, budget=1_118_781, abweichungen={"paragraf-4": deviation})
    assert "budget: ist 1118781, § 4 des unterzeichneten Dokuments nennt 1118780 Euro" in refusal(data_folder)


@pytest.mark.parametrize(
    ("spelling", "amounts"),
    [
        ("1.734.520,00 €", [1734520]),
        ("1.734.520 Euro", [1734520]),
        ("EUR 1.734.520,-", [1734520]),
        ("€ 1.734.520", [1734520]),
        ("1 734 520 Euro", [1734520]),
        ("2025 € 1.734.520", [2025, 1734520]),  # two amounts: never a guess which is the budget
        ("1.734.520,50 Euro", [None]),  # cents: the budget is whole euros
    ],
)
def test_the_amounts_of_paragraph_4_are_read_in_any_common_spelling(spelling: str, amounts: list[int | None]) -> None:
    lines = ["§ 4", f"Haushaltsmittel in Höhe von insgesamt {spelling} zur Verfügung, nach § 4 Abs. 2: 5 Euro", "§ 5"]
    words = [OriginalWord(word, 1, number) for number, line in enumerate(lines, 1) for word in line.split()]
    assert [value for value, _ in signed_amounts(words)] == [*amounts, 5]


def test_a_reference_to_paragraph_4_is_no_heading() -> None:
    lines = ["§ 3 Wie in § 4 beschrieben: 9.999.999 Euro", "§ 4", "insgesamt 1.118.780 Euro", "§ 5 Ziele"]
    words = [OriginalWord(word, 1, number) for number, line in enumerate(lines, 1) for word in line.split()]
    assert signed_amounts(words) == [(1118780, "1.118.780")]


def test_several_amounts_in_paragraph_4_are_refused(data_folder: DataFolder) -> None:
    signed = SIGNED.replace("**1.118.780 Euro**", "**1.118.780 Euro** (davon 250.000 Euro für 2026)")
    deviation = STANDARD["paragraf-4"].replace("{budget} Euro", "{budget} Euro (davon 250.000 Euro für 2026)")
    with_original(data_folder, signed, abweichungen={"paragraf-4": deviation})
    assert "budget: ist 1118780, § 4 des unterzeichneten Dokuments nennt mehrere Beträge" in refusal(data_folder)


YEAR_TYPO = "Das HMSI verfolgt mit dem Ausbildungs- und Qualifizierungsbudget 2024 das Ziel"


def test_a_year_typo_the_signed_text_has_publishes_as_signed(data_folder: DataFolder) -> None:
    signed = SIGNED.replace(YEAR_TYPO.replace("2024", "2025"), YEAR_TYPO)
    assert signed != SIGNED
    deviation = STANDARD["paragraf-1"].replace(YEAR_TYPO.replace("2024", "2025"), YEAR_TYPO)
    with_original(data_folder, signed, abweichungen={"paragraf-1": deviation})
    assert load_dataset(data_folder.path).agreement(2025, "marburg-biedenkopf") is not None


def test_a_year_typo_the_signed_text_lacks_is_refused(data_folder: DataFolder) -> None:
    deviation = STANDARD["paragraf-1"].replace(YEAR_TYPO.replace("2024", "2025"), YEAR_TYPO)
    with_original(data_folder, SIGNED, abweichungen={"paragraf-1": deviation})
    message = refusal(data_folder)
    assert "abweichungen.paragraf-1:" in message and "„2024“" in message and "„2025“" in message


NAMED = "Soziales und der Landkreis Marburg-Biedenkopf setzen"


def test_the_partner_without_its_name_publishes_as_signed(data_folder: DataFolder) -> None:
    signed = SIGNED.replace(NAMED, "Soziales und der Landkreis setzen")
    assert signed != SIGNED
    deviation = STANDARD["paragraf-2"].replace("{nominativ} setzen", "der Landkreis setzen")
    assert deviation != STANDARD["paragraf-2"]
    with_original(data_folder, signed, abweichungen={"paragraf-2": deviation})
    assert load_dataset(data_folder.path).agreement(2025, "marburg-biedenkopf") is not None


def test_the_partner_without_its_name_is_refused_where_the_original_names_it(data_folder: DataFolder) -> None:
    deviation = STANDARD["paragraf-2"].replace("{nominativ} setzen", "der Landkreis setzen")
    with_original(data_folder, SIGNED, abweichungen={"paragraf-2": deviation})
    assert "Marburg-Biedenkopf" in refusal(data_folder)


def word_made_pdf(text: str) -> bytes:
    """The signed text as a Word export prints it: a header and 'Seite n von m' on every page, a logo line,
    justified lines, and words hyphenated at line ends."""
    pdf = word_export("Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales", 8)
    hyphenated = (
        text.replace("Qualifizierungsbudget 2025 das Ziel", "Qualifizierungs-\nbudget 2025 das Ziel")
        .replace("UN-Behindertenrechtskonvention verpflichtet", "UN-\nBehindertenrechtskonvention verpflichtet")
        .replace("genderadäquat, ohne", "gender-\nadäquat, ohne")
        .replace("Teilzeit-Ausbildung“", "Teilzeit-\nAusbildung“")
    )
    assert hyphenated.count("-\n") == 4
    for line in hyphenated.splitlines():
        plain = re.sub(r"^#+\s*", "", line).replace("**", "").rstrip()
        if plain.strip():
            pdf.multi_cell(0, 5, plain, align="J", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
    return bytes(pdf.output())


def test_a_word_made_pdf_with_header_footer_and_hyphenation_passes(data_folder: DataFolder) -> None:
    with_original(data_folder, word_made_pdf(SIGNED), suffix="pdf")
    assert load_dataset(data_folder.path).agreement(2025, "marburg-biedenkopf") is not None


def test_a_word_made_pdf_with_one_word_changed_is_refused(data_folder: DataFolder) -> None:
    with_original(data_folder, word_made_pdf(SIGNED.replace("Frauenakademie 2025", "Frauenakademie 2026")), "pdf")
    message = refusal(data_folder)
    assert "„2025“" in message and "„2026“" in message and "Seite " in message


def test_a_transcript_has_no_page_furniture_to_hide_words_in(data_folder: DataFolder) -> None:
    """Lines repeated at the top and bottom of every "page" of a text file are compared like any other:
    a transcript was never printed, so nothing in it is a header (once a way to hide a script in it)."""
    script, end = "alert('XSS aus '+document.domain)/*", "*/"
    paragraphs = SIGNED.split("\n\n")
    half = len(paragraphs) // 2
    pages = ["\n\n".join(paragraphs[:half]), "\n\n".join(paragraphs[half:])]
    hidden = "\f".join(f"{script}\n{page}\n{end}" for page in pages)
    with_original(data_folder, hidden)
    message = refusal(data_folder)
    assert "alert('XSS" in message


def word_file(text: str) -> bytes:
    """The signed text as the ministry's Word file: paragraphs, headings, numbered and bulleted lists
    (their numbers and bullets are Word's, not text), a header and a footer."""
    import io

    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[
        0
    ].text = "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"
    document.sections[0].footer.paragraphs[0].text = "Zielvereinbarung 2025"
    for line in text.splitlines():
        plain = re.sub(r"^#+\s*", "", line).replace("**", "").strip()
        item = re.match(r"^(-|[0-9]+\.)\s+(.*)", plain)
        if item:
            document.add_paragraph(
                item.group(2), style="List Number" if item.group(1)[0].isdigit() else "List Bullet 2"
            )
        elif plain:
            document.add_paragraph(plain)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


WORD_ORIGIN = "Word-Datei des Ministeriums, aus der das unterzeichnete Dokument gedruckt wurde (Testdaten)."


def test_a_word_file_passes_as_its_text(data_folder: DataFolder) -> None:
    record = with_original(data_folder, word_file(SIGNED), suffix="docx")
    record["original"]["herkunft"] = WORD_ORIGIN
    data_folder.add_agreement(record)
    assert load_dataset(data_folder.path).agreement(2025, "marburg-biedenkopf") is not None


def test_a_word_file_with_one_word_changed_is_refused(data_folder: DataFolder) -> None:
    record = with_original(data_folder, word_file(SIGNED.replace("Voice Connect", "Voice Kontakt")), "docx")
    record["original"]["herkunft"] = WORD_ORIGIN
    data_folder.add_agreement(record)
    message = refusal(data_folder)
    assert "„Connect“" in message and "„Kontakt“" in message


def test_a_date_with_leading_zeros_is_the_same_date(data_folder: DataFolder) -> None:
    signed = SIGNED.replace("Wiesbaden, den 2.8.2025", "Wiesbaden, den 02.08.2025")
    assert signed != SIGNED
    with_original(data_folder, signed)
    assert load_dataset(data_folder.path).agreement(2025, "marburg-biedenkopf") is not None


def test_another_date_is_refused(data_folder: DataFolder) -> None:
    with_original(data_folder, SIGNED.replace("Wiesbaden, den 2.8.2025", "Wiesbaden, den 03.08.2025"))
    assert "„2.8.2025“" in refusal(data_folder)


@pytest.mark.parametrize(
    "disguised",
    ["**{budget}\n000.\nEuro**\nx)", "in\n(9)\n§ 4", "#### 250.", "__", "* * *\nUnd 250."],
    ids=["Zahl nach weichem Umbruch", "Nummer in Klammern", "Überschrift aus einer Zahl", "Unterstriche", "Linie"],
)
def test_a_word_that_only_looks_like_layout_is_refused(disguised: str, data_folder: DataFolder) -> None:
    """The page's words are what it renders: a '000.' inside a paragraph is shown, so it is a word (an
    attacker's second round put amounts on the page this way)."""
    record = real_agreement()
    record["abweichungen"] = {"paragraf-4": STANDARD["paragraf-4"].replace("{budget} Euro", disguised)}
    if "{budget}" not in disguised:
        record["abweichungen"]["paragraf-4"] = STANDARD["paragraf-4"] + "\n" + disguised
    data_folder.add_agreement(record)
    assert "abweichungen.paragraf-4:" in refusal(data_folder)


def standard_text_with(folder: DataFolder, old: str, new: str) -> None:
    path = folder.path / "standardtexte" / "2025.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_ministry_on_the_page_is_the_one_that_signed(data_folder: DataFolder) -> None:
    standard_text_with(
        data_folder, "  name: Hessisches Ministerium für Arbeit", "  name: Hessisches Ministerium der Finanzen, Arbeit"
    )
    standard_text_with(data_folder, "kurzname: HMSI", "kurzname: HMdF")
    message = refusal(data_folder)
    assert (
        "marburg-biedenkopf.yaml:" in message and "ministerium.name: steht nicht im unterzeichneten Dokument" in message
    )
    assert "ministerium.kurzname: steht nicht im unterzeichneten Dokument: 'HMdF'" in message


def test_a_section_title_states_no_fact(data_folder: DataFolder) -> None:
    standard_text_with(
        data_folder,
        "titel: § 4 Haushaltsmittel und Eckdaten",
        "titel: § 4 Haushaltsmittel 2.500.000 Euro (Landkreis Gießen)",
    )
    message = refusal(data_folder)
    assert "data/standardtexte/2025.yaml:" in message and "abschnitte[6].titel: nennt einen Betrag" in message
    assert "nennt eine andere Gebietskörperschaft: 'Landkreis Gießen'" in message


def word_file_with(text: str, after: str, run_xml: str) -> bytes:
    """`word_file(text)` with `run_xml` (a w:r, w:ins or w:del element) added to the paragraph ending in `after`."""
    import io

    import docx
    from docx.oxml import parse_xml

    document = docx.Document(io.BytesIO(word_file(text)))
    [paragraph] = [p for p in document.paragraphs if p.text.endswith(after)]
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.append(parse_xml(run_xml.replace("<w:", "<w:", 1).replace(">", f" {namespace}>", 1)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HIDDEN = " sowie weitere 2.500.000 Euro für das Projekt Schattenhaushalt"


@pytest.mark.parametrize(
    ("run", "deviation"),
    [
        (f'<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">{HIDDEN}</w:t></w:r>', HIDDEN),
        (
            f'<w:del w:id="1" w:author="x"><w:r><w:delText xml:space="preserve">{HIDDEN}</w:delText></w:r></w:del>',
            HIDDEN,
        ),
        ('<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve"> nicht</w:t></w:r></w:ins>', ""),
    ],
    ids=["verborgener Text", "gelöschter Text", "eingefügter Text"],
)
def test_a_word_file_is_read_as_word_shows_it(run: str, deviation: str, data_folder: DataFolder) -> None:
    """Hidden and deleted text is not what was signed, an insertion is (an attacker's second round hid an
    amount in a Word file, and the page showed it)."""
    original = word_file_with(SIGNED, "zur Verfügung.", run)
    record = with_original(data_folder, original, "docx")
    record["original"]["herkunft"] = WORD_ORIGIN
    if deviation:
        record["abweichungen"] = {"paragraf-4": STANDARD["paragraf-4"] + deviation}
    data_folder.add_agreement(record)
    message = refusal(data_folder)
    assert ("Schattenhaushalt" if deviation else "„nicht“") in message


def test_a_pdf_with_invisible_text_is_refused(data_folder: DataFolder) -> None:
    """Text drawn invisibly (render mode 3: an OCR layer, or an amount nobody sees) is no signed wording."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(0, 5, "Das HMSI stellt Haushaltsmittel zur Verfügung.", new_x="LMARGIN", new_y="NEXT")
    pdf.text_mode = "INVISIBLE"
    pdf.multi_cell(0, 5, HIDDEN.strip(), new_x="LMARGIN", new_y="NEXT")
    with_original(data_folder, bytes(pdf.output()), "pdf")
    assert "original.datei: marburg-biedenkopf.pdf enthält unsichtbaren Text" in refusal(data_folder)


@pytest.mark.parametrize(
    "link",
    ["[Internetportal](https://evil.example/)", '[Internetportal](https://hessen.de/ "2.500.000 Euro")'],
    ids=["Adresse", "Titel"],
)
def test_a_link_the_original_lacks_is_refused(link: str, data_folder: DataFolder) -> None:
    record = real_agreement()
    record["abweichungen"] = {"paragraf-7": STANDARD["paragraf-7"].replace("Internetportal", link)}
    assert link in record["abweichungen"]["paragraf-7"]
    data_folder.add_agreement(record)
    message = refusal(data_folder)
    assert "abweichungen.paragraf-7: auf der Seite steht" in message and "(https:" in message


def test_the_compared_words_are_the_words_the_built_page_shows(real_site: Path, bundled_dataset: Dataset) -> None:
    """What the comparison reads as the page (aqb.data.signed.page_words) is what the built agreement page
    shows in its sections, project list and signatures included: no word on the page escapes it."""
    from bs4 import BeautifulSoup

    from aqb.data.signed import _spelled, page_words

    agreement = bundled_dataset.agreement(2025, "marburg-biedenkopf")
    assert isinstance(agreement, FullTextAgreement)
    compared = [
        w.text
        for w in page_words(
            agreement, bundled_dataset.standard_texts[2025], bundled_dataset.partners["marburg-biedenkopf"].naming
        )
    ]
    built = BeautifulSoup((real_site / "kreise/marburg-biedenkopf/2025/index.html").read_text("utf-8"), "html.parser")
    for number in built.select(".aqb-nummer"):  # the list's number, as an <ol> shows it: layout
        number.decompose()
    shown = [
        _spelled(word) for section in built.select("section.aqb-abschnitt") for word in section.get_text(" ").split()
    ]
    assert shown == compared


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("projekt", "[Neues Projekt Kassel 250.000 Euro]: https://example.org"),
        ("projekt", "2026. Frauenakademie 2025"),
        ("name", "[Dr. Erika Musterfrau, Landrätin]: x"),
        ("ort", "2026. Wiesbaden"),
    ],
    ids=[
        "Linkdefinition als Projekt",
        "Listennummer vor einem Projekt",
        "Linkdefinition als Name",
        "Nummer vor dem Ort",
    ],
)
def test_markdown_in_a_field_is_a_word_as_the_page_prints_it(field: str, value: str, data_folder: DataFolder) -> None:
    """The page prints projects and signatories as plain text; the comparison reads them so too (a third
    attack put a project and a signatory on the page that Markdown would have hidden from it)."""
    record = real_agreement()
    if field == "projekt":
        record["massnahmen"]["qualifizierung"][0] = value
    else:
        record["unterzeichnende"][0][field] = value
    data_folder.add_agreement(record)
    # Refused, and named at the field that shows it (the page's words come from there).
    named = "massnahmen.qualifizierung[1]" if field == "projekt" else f"unterzeichnende[1].{field}"  # counted from 1
    assert re.search(rf"marburg-biedenkopf\.yaml:[0-9]+: {re.escape(named)}: auf der Seite", refusal(data_folder))
