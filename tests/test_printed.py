"""Every printed form the code reads from agreement texts, pinned spelling by spelling (aqb.printed).

Each table says which spellings a variant accepts and which it refuses, and so why there are variants:
what staff type into data/ is held to one spelling; what a signed document prints is read in every
spelling; what a deviation from a pull request states is found in any script's digits.
"""

from __future__ import annotations

import pytest

from aqb.data.facts import deviation_fact_problems
from aqb.printed import (
    AMOUNT_IN_WORDING,
    APPROXIMATE,
    BULLET_GLYPH,
    DATE_IN_WORDING,
    LAYOUT_MARKER,
    MARKDOWN_LIST_ITEM,
    MEASURE_NUMBER,
    NAMED_PLACEHOLDER,
    NUMBER_GLYPH,
    PAGE_COUNTER,
    PAGE_LABEL,
    PAGE_NUMBER,
    PAGES_AT_END,
    PLACEHOLDER,
    PRINT_STAMP_LINE,
    PRINT_STAMP_START,
    PROJECT_BULLET,
    SIGNATURE_CELL,
    SIGNATURE_PLACE,
    SIGNATURE_RULE,
    TEMPLATE_PLACEHOLDER,
    YEAR_IN_WORDING,
    YEAR_RANGE,
    amounts_with_currency,
    date_parts,
    euro_amounts_in_line,
    is_block_only,
    is_font_glyph,
    is_numbering,
    names_grouped_number,
    names_rounded_unit,
    title_year,
    typed_euro,
    typed_millions,
    unpadded_date,
    without_project_years,
    years_in,
)

# --- euro amounts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.118.780 Euro", 1118780),
        ("1.118.780 €", 1118780),
        ("1.118.780,00 Euro", 1118780),
        ("879.800 Euro", 879800),
        ("999 Euro", 999),
        ("0 Euro", 0),
        # refused: every other spelling than the guide's
        ("1118780 Euro", None),  # no thousands' dots
        ("1 118 780 Euro", None),  # spaces for dots
        ("1.118.780,50 Euro", None),  # cents
        ("1.118.780,-- Euro", None),
        ("1.118.780 EUR", None),
        ("1.118.780Euro", None),
        ("1.118.780  Euro", None),
        ("000.879.800 Euro", None),  # leading zeros
        ("1.18.780 Euro", None),  # a group of two
        ("1.118.780", None),  # no currency
        ("1,2 Millionen Euro", None),
    ],
)
def test_an_amount_typed_into_data_has_one_spelling(typed: str, amount: int | None) -> None:
    assert typed_euro(typed) == amount


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("27,7 Millionen Euro", 27_700_000),
        ("1,25 Mio. €", 1_250_000),
        ("28 Millionen Euro", 28_000_000),
        ("0,125 Millionen Euro", 125_000),
        ("27.700.000 Euro", 27_700_000),  # exact, as typed_euro
        # refused
        ("27,7 Mio Euro", None),  # "Mio" without its dot
        ("27,7 Milliarden Euro", None),
        ("27,7777 Millionen Euro", None),  # more than three decimals
        ("027,7 Millionen Euro", None),
        ("27.7 Millionen Euro", None),  # a decimal point
    ],
)
def test_a_statewide_total_may_be_in_millions(typed: str, amount: int | None) -> None:
    assert typed_millions(typed) == amount


@pytest.mark.parametrize(
    ("text", "word"),
    [("rund 1.000 Euro", "rund"), ("ca. 1.000 Euro", "ca."), ("bis zu 1.000 Euro", "bis zu"), ("1.000 Euro", None)],
)
def test_a_rounding_word_is_found(text: str, word: str | None) -> None:
    found = APPROXIMATE.search(text)
    assert (found.group(1) if found else None) == word


@pytest.mark.parametrize(
    ("text", "rounded"),
    [("1,2 Mio. Euro", True), ("1,2 Millionen Euro", True), ("2 Mrd. Euro", True), ("1.200.000 Euro", False)],
)
def test_a_unit_of_millions_makes_an_amount_rounded(text: str, rounded: bool) -> None:
    assert names_rounded_unit(text) is rounded


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Das Budget beträgt 1.118.780 Euro.", [(1118780, "1.118.780")]),
        ("Das Budget beträgt 1 118 780 Euro.", [(1118780, "1 118 780")]),
        ("Das Budget beträgt 1118780 Euro.", [(1118780, "1118780")]),
        ("Das Budget beträgt 1.118.780,00 €.", [(1118780, "1.118.780,00")]),
        ("Das Budget beträgt 1.118.780,-- EUR.", [(1118780, "1.118.780,--")]),
        ("Das Budget beträgt 1.118.780,- Euro.", [(1118780, "1.118.780,-")]),
        ("Das Budget beträgt € 1.118.780.", [(1118780, "1.118.780")]),
        ("Das Budget beträgt EUR 1.118.780.", [(1118780, "1.118.780")]),
        ("Das Budget beträgt 1.118.780,50 Euro.", [(None, "1.118.780,50")]),  # cents: no whole amount
        ("Zwei Beträge: 5.000 Euro und 7.000 €", [(5000, "5.000"), (7000, "7.000")]),
        # refused: a number without a currency beside it
        ("Im Jahr 2025 werden 1.118.780 bereitgestellt.", []),
        ("§ 4 Budget", []),
    ],
)
def test_a_signed_document_may_print_an_amount_in_every_spelling(
    text: str, found: list[tuple[int | None, str]]
) -> None:
    assert amounts_with_currency(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Budget 1.118.780 Euro", [1118780]),
        ("Budget 1118780 Euro", [1118780]),
        ("5.000 Euro und 7.000 Euro", [5000, 7000]),
        # narrower than amounts_with_currency: these are left to an open point
        ("Budget 1.118.780 €", []),
        ("Budget 1.118.780 EUR", []),
        ("Budget 1.118.780,00 Euro", [0]),  # the cents alone; 0 is never a budget (the importer drops it)
    ],
)
def test_the_importer_reads_whole_amounts_before_euro(text: str, found: list[int]) -> None:
    assert euro_amounts_in_line(text) == found


@pytest.mark.parametrize(
    ("wording", "stated"),
    [
        ("erhält 1.118.780 Euro", "1.118.780 Euro"),
        ("erhält 1.118.780,50 €", "1.118.780,50 €"),
        ("erhält 1.118.780", "1.118.780"),  # grouped: an amount even without a currency
        ("erhält 5000 EUR", "5000 EUR"),
        ("erhält ١٢٠٠ Euro", "١٢٠٠ Euro"),  # other digits read as a number on the page too
        ("erhält 5000 Teilnehmende", None),  # plain digits without currency: a count
    ],
)
def test_an_amount_in_a_deviation_is_found(wording: str, stated: str | None) -> None:
    found = AMOUNT_IN_WORDING.search(wording)
    assert (found.group() if found else None) == stated


@pytest.mark.parametrize(
    ("text", "grouped"), [("1.000", True), ("879.800 Euro", True), ("1000", False), ("1.5", False)]
)
def test_a_number_grouped_by_thousands_dots(text: str, grouped: bool) -> None:
    assert names_grouped_number(text) is grouped


# --- years ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Zielvereinbarung 2025", [2025]),
        ("von 2024 bis 2026", [2024, 2026]),
        ("im Jahr 2025.", [2025]),
        ("1999 und 2000", [1999, 2000]),
        # refused: part of an amount or a longer number
        ("1.2025 Euro", []),
        ("2025,50 Euro", []),
        ("20255", []),
        ("20000 Teilnehmende", []),  # once read as the year 2000
        ("1800", []),
    ],
)
def test_a_year_stands_on_its_own(text: str, years: list[int]) -> None:
    assert years_in(text) == years
    assert [int(found) for found in YEAR_IN_WORDING.findall(text)] == years


@pytest.mark.parametrize(
    ("deviation", "years"),
    [("Im Jahr 2024 erhalten 20000 Teilnehmende", ["nennt das Jahr 2024, die Vereinbarung gilt für 2025"])],
)
def test_a_deviation_names_a_year_not_a_count(deviation: str, years: list[str]) -> None:
    problems = deviation_fact_problems(deviation, "Teilnehmende erhalten", 2025, [])
    assert [problem.message for problem in problems if problem.field == "jahr"] == years


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Budget 2024-2026", "2024-2026"),
        ("Budget 2024 – 26", "2024 – 26"),
        ("Budget 2024 bis 2026", "2024 bis 2026"),
        ("Budget 2025", None),
        ("Budget 2025/2026", None),  # a school year: a project's year, not a budget's span
    ],
)
def test_a_span_of_several_years(text: str, span: str | None) -> None:
    found = YEAR_RANGE.search(text)
    assert (found.group() if found else None) == span


@pytest.mark.parametrize(
    ("name", "without"),
    [
        ("Coaching Marburg 2025", "Coaching Marburg"),
        ("Coaching 2025/2026", "Coaching"),
        ("Coaching 2025/26", "Coaching"),
        ("Coaching 2024-2026", "Coaching -"),  # a dash names the project's whole run: only the years go
        ("„2. Chance“", "„2. Chance“"),
    ],
)
def test_a_project_name_without_its_year(name: str, without: str) -> None:
    assert " ".join(without_project_years(name).split()) == without


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("Zielvereinbarung 2025 zwischen dem Land Hessen", 2025),
        ("Zielvereinbarung\n2026", 2026),
        ("Zielvereinbarung 20255", None),
        ("Vereinbarung 2025", None),
    ],
)
def test_the_year_a_title_names(title: str, year: int | None) -> None:
    assert title_year(title) == year


# --- dates ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "place", "parts"),
    [
        ("Wiesbaden, den 12.03.2025", "Wiesbaden", (2025, 3, 12)),
        ("Wiesbaden, den 2.8.2025", "Wiesbaden", (2025, 8, 2)),
        ("Wiesbaden, den 12. 3. 2025", "Wiesbaden", (2025, 3, 12)),
        ("Marburg, den 2. August 2025", "Marburg", (2025, 8, 2)),
        ("Marburg, den 1. März 2025", "Marburg", (2025, 3, 1)),
        ("Wiesbaden, 12.03.2025", "Wiesbaden", (2025, 3, 12)),
        ("Wiesbaden, den", "Wiesbaden", None),
        ("Wiesbaden, den ____________", "Wiesbaden", None),
        # refused: no place line
        ("Wiesbaden, im März", None, None),
        ("Das Land, das Budget", None, None),
        ("Marburg, den 2. Agust 2025", None, None),
    ],
)
def test_a_signature_place_and_date(line: str, place: str | None, parts: tuple[int, int, int] | None) -> None:
    match = SIGNATURE_PLACE.match(line)
    assert (match["ort"] if match else None) == place
    assert (date_parts(match) if match else None) == parts


@pytest.mark.parametrize(
    ("word", "unpadded"),
    [
        ("02.08.2025", "2.8.2025"),
        ("02.08.2025,", "2.8.2025,"),
        ("2.8.2025", "2.8.2025"),
        ("02.08.25", "02.08.25"),  # a two-digit year is no date the comparison rewrites
        ("am 02.08.2025", "am 02.08.2025"),  # a word, not a line
    ],
)
def test_a_date_in_an_original_without_leading_zeros(word: str, unpadded: str) -> None:
    assert unpadded_date(word) == unpadded


@pytest.mark.parametrize(
    ("wording", "date"),
    [
        ("am 2.8.2025", "2.8.2025"),
        ("am 02. 08. 25", "02. 08. 25"),
        ("am 2. August 2025", None),  # month names are words of the standard text's kind, compared as words
        ("§ 2.1", None),
    ],
)
def test_a_date_in_a_deviation(wording: str, date: str | None) -> None:
    found = DATE_IN_WORDING.search(wording)
    assert (found.group() if found else None) == date


# --- signature lines and print stamps ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("_____________________", True),
        ("___________    ___________", True),
        ("- - ____ - -", True),
        ("........", True),
        ("__", False),
        ("Dr. Maria Muster", False),
    ],
)
def test_the_line_signed_on_is_never_a_name(line: str, rule: bool) -> None:
    assert bool(SIGNATURE_RULE.match(line)) is rule


@pytest.mark.parametrize(
    ("cell", "signature"),
    [
        ("Wiesbaden, den 2.8.2025", True),
        ("Wiesbaden, den", True),
        ("Name ______", True),
        ("Landrat, den Vorsitz", True),  # looser than SIGNATURE_PLACE: it only decides how a table row is read out
        ("Wiesbaden, 2.8.2025", False),
        ("Maßnahmenart", False),
        ("Name ____", False),
    ],
)
def test_a_signature_tables_cell(cell: str, signature: bool) -> None:
    assert bool(SIGNATURE_CELL.fullmatch(cell)) is signature


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("Zielvereinbarung 2026 Landkreis Fulda", True),
        ("12/4/26, 6:53 PM", True),
        ("file:///C:/zv.html 1/4", True),
        ("https://example.org/zv 2/4", True),
        ("12.4.26 18:53", False),  # a German date starts no print stamp between place and name
        ("Landrat", False),
    ],
)
def test_a_print_stamp_between_place_and_name(line: str, stamp: bool) -> None:
    assert bool(PRINT_STAMP_START.match(line)) is stamp


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("12/4/26, 6:53 PM  Zielvereinbarung 2026", True),
        ("4.12.2026 18:53 Zielvereinbarung", True),
        ("file:///C:/Users/zv.html  1/4", True),
        ("Seite 1 von 4", False),
        ("am 4.12.2026 unterzeichnet", False),
    ],
)
def test_a_whole_line_that_is_a_print_stamp(line: str, stamp: bool) -> None:
    assert bool(PRINT_STAMP_LINE.fullmatch(line)) is stamp


@pytest.mark.parametrize(
    ("line", "label", "number"),
    [
        ("Seite 2", True, True),
        ("Seite 2 von 3", True, True),
        ("S. 2/3", True, True),
        ("2", False, True),
        ("2 / 3", False, True),
        ("- 2 -", False, True),
        ("– 12 –", False, True),
        ("Seite 1000", False, False),
        ("§ 2", False, False),
        ("2025", False, False),
    ],
)
def test_a_page_number(line: str, label: bool, number: bool) -> None:
    assert bool(PAGE_LABEL.fullmatch(line)) is label
    assert bool(PAGE_NUMBER.fullmatch(line)) is number


@pytest.mark.parametrize(
    ("line", "shape"),
    [
        ("Zielvereinbarung 2025 – Seite 3 von 5", "Zielvereinbarung 2025 – # "),
        ("Zielvereinbarung 2025 – Seite 1234", "Zielvereinbarung 2025 – # "),
        ("file:///C:/zv.html  1/4", "file:///C:/zv.html  #"),
        ("Anlage 1/2025", "Anlage 1/2025"),
    ],
)
def test_what_changes_from_page_to_page(line: str, shape: str) -> None:
    assert PAGES_AT_END.sub("#", PAGE_COUNTER.sub("# ", line)).rstrip() == shape.rstrip()


# --- placeholders -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("{nominativ} und {budget}", ["nominativ", "budget"]),
        ("{Nominativ}", ["Nominativ"]),
        ("{unbekannt-1}", ["unbekannt-1"]),  # found, so that it is reported by name
        ("{}", [""]),
        ("{ nominativ }", []),  # with spaces: text, not a placeholder
        ("{a{b}}", ["b"]),
    ],
)
def test_a_placeholder_in_a_wording(text: str, names: list[str]) -> None:
    assert PLACEHOLDER.findall(text) == names


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("{nominativ} {projektliste}", ["{nominativ}", "{projektliste}"]),
        ("{unbekannt-1} {1} {}", []),  # refused by the wording check anyway; never one a section could drop
    ],
)
def test_a_placeholder_a_deviation_must_keep(text: str, found: list[str]) -> None:
    assert NAMED_PLACEHOLDER.findall(text) == found


@pytest.mark.parametrize(
    ("text", "names"),
    [("{jahr} {partner}", ["jahr", "partner"]), ("{ jahr }", [" jahr "]), ("{jahr", [])],
)
def test_a_placeholder_in_a_request_letter(text: str, names: list[str]) -> None:
    assert TEMPLATE_PLACEHOLDER.findall(text) == names


@pytest.mark.parametrize(
    ("wording", "only"),
    [
        ("{unterschriften}", True),
        ("\n{projektliste}\n", True),
        ("{budget}", False),  # an inline placeholder
        ("Es unterzeichnen:\n\n{unterschriften}", False),
        ("{unterschriften} {projektliste}", False),
    ],
)
def test_a_section_that_is_only_a_block_placeholder(wording: str, only: bool) -> None:
    assert is_block_only(wording) is only


# --- list markers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "marker"),
    [
        *[(bullet, True) for bullet in ["-", "*", "+", "•", "▪", "◦", "‣", "–", "—", "\uf0b7", "\uf0a7"]],
        *[(number, True) for number in ["1.", "12)", "(3)", "a)", "(b)", "c.", ">", "#", "######"]],
        ("o", False),  # may be a word of the original
        ("·", False),
        ("1234.", False),
        ("A)", False),
        ("#######", False),
        ("Januar", False),
    ],
)
def test_a_token_that_only_lays_a_line_out(token: str, marker: bool) -> None:
    assert bool(LAYOUT_MARKER.fullmatch(token)) is marker


@pytest.mark.parametrize(
    ("glyph", "bullet"),
    [
        *[(glyph, True) for glyph in ["\uf0b7", "\uf0a7", "\uf0d8", "\uf076", "•", "■", "●", "○", "➢", "✓", "o", "-"]],
        ("+", False),
        ("x", False),
        ("1.", False),
    ],
)
def test_a_glyph_a_pdf_draws_as_a_bullet(glyph: str, bullet: bool) -> None:
    assert bool(BULLET_GLYPH.fullmatch(glyph)) is bullet


@pytest.mark.parametrize(
    ("glyph", "number"),
    [
        ("1.", True),
        ("12)", True),
        ("(3)", True),
        ("a.", True),
        ("B)", True),
        ("iv.", True),
        ("1234.", False),
        ("1", False),
    ],
)
def test_a_pdfs_numbering_glyph(glyph: str, number: bool) -> None:
    assert bool(NUMBER_GLYPH.fullmatch(glyph)) is number


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("1. Ausbildung", ("1", "Ausbildung")),
        (" 2) Qualifizierung ", ("2", "Qualifizierung")),
        ("  1. eingerückt", None),  # indented: a project's number
        ("1.1 Projekt", None),
        ("123. Zu lang", None),
    ],
)
def test_a_measure_types_number(line: str, found: tuple[str, str] | None) -> None:
    match = MEASURE_NUMBER.match(line)
    assert (match.groups() if match else None) == found


@pytest.mark.parametrize(
    ("line", "project"),
    [
        *[(f"{bullet} Kompetenzcheck", "Kompetenzcheck") for bullet in ["-", "–", "•", "*", "+", "◦", "►", "o"]],
        ("\uf0b7 Kompetenzcheck", "Kompetenzcheck"),  # Word's Symbol-font bullet
        ("\uf0d8 Kompetenzcheck", "Kompetenzcheck"),
        ("  a) Kompetenzcheck", "Kompetenzcheck"),
        ("b. Kompetenzcheck", "Kompetenzcheck"),
        ("(iv) Kompetenzcheck", "Kompetenzcheck"),
        ("1.1 Kompetenzcheck", "Kompetenzcheck"),
        ("1.1. Kompetenzcheck", "Kompetenzcheck"),
        ("   2. Kompetenzcheck", "Kompetenzcheck"),  # an indented number
        ("2. Kompetenzcheck", None),  # a measure type's number
        ("Kompetenzcheck", None),
        ("-Kompetenzcheck", None),
    ],
)
def test_a_projects_bullet(line: str, project: str | None) -> None:
    match = PROJECT_BULLET.match(line)
    assert (match.group(1) if match else None) == project


@pytest.mark.parametrize(
    ("wording", "item"),
    [("- Projekt", True), ("  * Projekt", True), ("3. Projekt", True), ("4) Projekt", True), ("• Projekt", False)],
)
def test_a_markdown_list_item_in_a_deviation(wording: str, item: bool) -> None:
    assert bool(MARKDOWN_LIST_ITEM.search(wording)) is item


@pytest.mark.parametrize(
    ("marker", "numbering"), [("1.", True), ("a)", True), ("§ 3", True), ("•", False), ("-", False)]
)
def test_a_list_items_marker_numbers_it_or_is_a_bullet(marker: str, numbering: bool) -> None:
    assert is_numbering(marker) is numbering


@pytest.mark.parametrize(
    ("text", "glyph"), [("\uf0b7", True), ("\uf0a7\uf0b7", True), ("•", False), ("\uf0b7 ", False)]
)
def test_a_symbol_or_wingdings_glyph(text: str, glyph: bool) -> None:
    assert is_font_glyph(text) is glyph
