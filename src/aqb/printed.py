"""How the agreements print their numbers, years, dates, placeholders, list markers and signature lines, read back:
the one place where a printed form is parsed (aqb.formatting writes them).

Each form has a few named variants where readers truly need different rules, and each says why:
- what a person types into data/ (`typed_euro`, `typed_millions`, `YEAR_RANGE`) is held to the one spelling the
  guide asks for, so a wrong or rounded amount is refused, not guessed;
- what a signed document prints (`amounts_with_currency`, `unpadded_date`, `LAYOUT_MARKER`) may be spelled in
  every way a ministry's word processor prints it: the comparison with the original must accept them all;
- what a deviation (from a pull request) states (`AMOUNT_IN_WORDING`, `YEAR_IN_WORDING`, `DATE_IN_WORDING`,
  `MARKDOWN_LIST_ITEM`) is found in any script's digits (`\\d`): a fact written in other digits still reads as a
  fact on the page, so it must not slip past the check;
- what the importer reads line by line (`MEASURE_NUMBER`, `PROJECT_BULLET`, `SIGNATURE_PLACE` …) names the parts
  it places, in the groups it needs.

Standard library and aqb.formatting only: the data checks, the document readers (also in their child process),
the pages and the staff tools all use it.
"""

from __future__ import annotations

import re

from aqb.formatting import MONTHS

# ---------------------------------------------------------------------------------------------------------------
# Euro amounts

# Groups of three after a first group of one to three digits, separated by dots: 1.118.780.
_DOT_GROUPED = r"[0-9]{1,3}(?:\.[0-9]{3})+"
# The usual German grouping, as typed into data/: no leading zeros ("000.879.800 Euro" is not an amount anyone
# prints), cents only as ",00", one space before "Euro" or "€".
_TYPED_EURO = re.compile(r"((?:[1-9][0-9]{0,2}(?:\.[0-9]{3})*)|0)(?:,00)? (?:Euro|€)")
# A statewide total as press releases round it: "27,7 Millionen Euro", "1,25 Mio. €", or exact as above.
_TYPED_MILLIONS = re.compile(r"((?:[1-9][0-9]{0,2}|0)(?:,[0-9]{1,3})?) (?:Millionen|Mio\.) (?:Euro|€)")
# Words that make an amount typed into data/ rounded or estimated ("rund 1.000 Euro"): never a budget.
APPROXIMATE = re.compile(
    r"\b(rund|ca\.|circa|etwa|ungefähr|knapp|fast|gut|über|mehr als|bis zu|mindestens)(?!\w)", re.IGNORECASE
)
# A unit that makes an amount rounded ("1,2 Mio. Euro", "eine Milliarde").
_ROUNDED_UNIT = re.compile(r"Mio|Million|Mrd|Milliard")
# Every spelling of a number a signed document may print as an amount: 1.734.520, 1 734 520 (groups of three),
# 1734520; cents after a comma as two digits or as "-"/"--" (none). Group 1 the euros, group 2 the cents.
_PRINTED_NUMBER = re.compile(r"(?<![\d.,])([0-9]{1,3}(?:[. ][0-9]{3})+|[0-9]+)(?:,([0-9]{2}|-{1,2}))?(?![\d])")
_CURRENCY_BEFORE = ("€", "EUR")
_CURRENCY_AFTER = ("€", "Euro", "EUR")
_NO_CENTS = (None, "00", "-", "--")
# The importer's budget: whole euros, grouped by dots or not, directly followed by " Euro". Narrower than
# `amounts_with_currency` (no "€", "EUR", cents or space-grouping): kept as the importer has always read § 4;
# what it does not find becomes an open point, and the build then holds the budget against § 4 with the
# wider rule.
_EURO_IN_LINE = re.compile(rf"(?<![0-9.])({_DOT_GROUPED}|[0-9]{{1,12}}) Euro")
# An amount a deviation states (a pull request's wording): grouped, with cents and currency or not; or plain
# digits with a currency. Any script's digits: see the module's docstring.
AMOUNT_IN_WORDING = re.compile(
    r"\b\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?:\s*(?:Euro|EUR|€))?|\b\d+(?:,\d{1,2})?\s*(?:Euro|EUR|€)"
)


def typed_euro(text: str) -> int | None:
    """'1.056.700 Euro' → 1056700; None for any other spelling (see _TYPED_EURO)."""
    found = _TYPED_EURO.fullmatch(text)
    return int(found.group(1).replace(".", "")) if found else None


def typed_millions(text: str) -> int | None:
    """'27,7 Millionen Euro' → 27700000; an exact amount as `typed_euro`; None for any other spelling."""
    exact = typed_euro(text)
    if exact is not None:
        return exact
    found = _TYPED_MILLIONS.fullmatch(text)
    if found is None:
        return None
    whole, _, fraction = found.group(1).partition(",")
    return int(whole) * 1_000_000 + int((fraction or "0").ljust(6, "0"))


def names_rounded_unit(text: str) -> bool:
    """Whether the text counts in millions or billions ("Mio.", "Millionen", "Mrd.", "Milliarden")."""
    return _ROUNDED_UNIT.search(text) is not None


def names_grouped_number(text: str) -> bool:
    """Whether a number grouped by thousands' dots stands in the text (1.000, 879.800): an amount, as printed."""
    return re.search(_DOT_GROUPED, text) is not None


def amounts_with_currency(text: str) -> list[tuple[int | None, str]]:
    """Every amount in `text` with a currency right before ("€", "EUR") or after it ("€", "Euro", "EUR"), in
    every spelling a signed document prints: (whole euros, or None where it has cents; as written)."""
    found = []
    for match in _PRINTED_NUMBER.finditer(text):
        before, after = text[: match.start()].rstrip(), text[match.end() :].lstrip()
        if before.endswith(_CURRENCY_BEFORE) or after.startswith(_CURRENCY_AFTER):
            whole = int(re.sub(r"[. ]", "", match.group(1)))
            found.append((whole if match.group(2) in _NO_CENTS else None, match.group().strip()))
    return found


def euro_amounts_in_line(text: str) -> list[int]:
    """The importer's budget candidates: each whole amount directly followed by " Euro", in order (see
    _EURO_IN_LINE)."""
    return [int(amount.replace(".", "")) for amount in _EURO_IN_LINE.findall(text)]


# ---------------------------------------------------------------------------------------------------------------
# Years

_YEAR = r"(?:19|20)[0-9]{2}"
_SECOND_YEAR = r"(?:19|20)?[0-9]{2}"  # after a first year: 2026 or 26
# A year standing on its own in a wording: no digit, dot or comma before it (not the end of 1.2025), no digit
# after it, directly or after a dot or comma (not 20000, not 2025,50). Any script's digits: see the module's
# docstring.
YEAR_IN_WORDING = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![.,]?\d)")
# Several years as one span, with a dash or "bis": "2024-2026", "2024 – 26", "2024 bis 2026". An amount for such
# a span is no budget of one year.
YEAR_RANGE = re.compile(rf"\b{_YEAR}\s*(?:-|–|bis)\s*(?:{_SECOND_YEAR})\b")
# A year in a project's name, alone or as a school or season year with a slash ("2025/2026", "2025/26"): the
# same project across years has another one. Only the slash: "Projekt 2024-2026" names its whole run.
_PROJECT_YEAR = re.compile(rf"\b{_YEAR}(?:/{_SECOND_YEAR})?\b")
_TITLE_YEAR = re.compile(rf"Zielvereinbarung\s+({_YEAR})(?![0-9])")


def years_in(text: str) -> list[int]:
    """Each year standing on its own in `text`, in order (see YEAR_IN_WORDING)."""
    return [int(found) for found in YEAR_IN_WORDING.findall(text)]


def title_year(text: str) -> int | None:
    """The year an agreement's title names: "Zielvereinbarung 2025 …" → 2025."""
    found = _TITLE_YEAR.search(text)
    return int(found.group(1)) if found else None


def without_project_years(text: str) -> str:
    """A project's name with every year (and school year) in it blanked out."""
    return _PROJECT_YEAR.sub(" ", text)


# ---------------------------------------------------------------------------------------------------------------
# Dates

# A signature's date: "12.03.2025", "2.8.2025", "12. 3. 2025", "2. August 2025". Groups: tag, monat or
# monatsname, jahr.
_SIGNATURE_DATE = (
    r"(?P<tag>[0-9]{1,2})\.\s?(?:(?P<monat>[0-9]{1,2})\.|\s*(?P<monatsname>" + "|".join(MONTHS) + r"))"
    r"\s?(?P<jahr>[0-9]{4})"
)
# A word that is a numeric date, perhaps with leading zeros and a punctuation mark after it: 02.08.2025, 2.8.2025;
# the comparison with an original writes it without leading zeros (either spelling is layout).
_DATE_WORD = re.compile(r"^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})(?=[.,;:]?$)")
# A date a deviation states: 2.8.2025, 02. 08. 25. Any script's digits: see the module's docstring.
DATE_IN_WORDING = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b")
# A browser's print stamp writes the date by its locale (12/4/26, 4.12.2026) and the time (6:53 PM, 18:53).
_STAMP_DATE = r"[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}"
_CLOCK = r"[0-9]{1,2}:[0-9]{2}(?:\s*[AP]M)?"
STAMP_DATE = re.compile(rf"\b{_STAMP_DATE}\b")
CLOCK_TIME = re.compile(rf"\b{_CLOCK}")


def date_parts(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(year, month, day) of a SIGNATURE_PLACE match's date; None where the line has no date ("Wiesbaden, den")."""
    if not match["tag"]:
        return None
    month = int(match["monat"]) if match["monat"] else MONTHS.index(match["monatsname"]) + 1
    return int(match["jahr"]), month, int(match["tag"])


def unpadded_date(word: str) -> str:
    """A word that is a numeric date, without leading zeros ("02.08.2025," → "2.8.2025,"); any other unchanged."""
    return _DATE_WORD.sub(lambda date: f"{int(date[1])}.{int(date[2])}.{date[3]}", word)


# ---------------------------------------------------------------------------------------------------------------
# Signature lines, print stamps, page numbers

# "Wiesbaden, den 12.03.2025", "Marburg, den 2. August 2025", "Wiesbaden, 12.03.2025", "Wiesbaden, den"; group ort.
SIGNATURE_PLACE = re.compile(rf"^(?P<ort>[^,]+),(?=\s*(?:den\b|[0-9]))(?:\s*den)?(?:\s+{_SIGNATURE_DATE})?[\s_.…]*$")
# The line signed on: underscores, dots or dashes (in two columns too). Never a name.
SIGNATURE_RULE = re.compile(r"^[\s_.…\-–]*_{3,}[\s_.…\-–]*$|^[\s.…]{8,}$")
# A table cell of a signature table as a reader finds it: a place line ("Wiesbaden, den …") or a rule
# somewhere in the cell's line. Looser than SIGNATURE_PLACE: it only decides how a table row is read out.
SIGNATURE_CELL = re.compile(r"\w[\w .-]*, den\b.*|.*_{5,}.*")
# A print stamp that a page break put between a place line and its name: the title repeated as a running
# header, a browser's date and time, a file or web address. Never a name.
PRINT_STAMP_START = re.compile(r"^(?:Zielvereinbarung\b|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4},|(?:file|https?)://)")
# A whole line that is a browser's print stamp: "12/4/26, 6:53 PM  Zielvereinbarung …" at the top,
# "file:///C:/…/zv.html  1/4" below.
PRINT_STAMP_LINE = re.compile(
    rf"\s*{_STAMP_DATE},?\s+{_CLOCK}\b.*"
    r"|.*\b(?:file|https?)://\S+\s+[0-9]{1,3}\s*/\s*[0-9]{1,3}\s*"
)

# Page numbers as headers and footers print them. _OF_PAGES: " von 3", "/3".
_PAGE_WORD = r"(?:Seite|S\.)"
_OF_PAGES = r"(?:\s*(?:von|/)\s*[0-9]{1,3})?"
# A line that names its page: "Seite 2", "Seite 2 von 3", "S. 2/3". Furniture even on a single page.
PAGE_LABEL = re.compile(rf"\s*{_PAGE_WORD}\s*[0-9]{{1,3}}{_OF_PAGES}\s*")
# A page label as OCR may read it in a scan: the page count's digit misread as a letter ("Seite 1 von A").
PAGE_LABEL_READ = re.compile(rf"\s*{_PAGE_WORD}\s*[0-9]{{1,3}}\s*von\s*[0-9A-Za-z]{{1,3}}\s*")
# A line that may be a page number: as PAGE_LABEL, or the number alone ("2", "2/3", "- 2 -"). Furniture only where
# a document has several pages (on one, a "2" may be the text's).
PAGE_NUMBER = re.compile(rf"\s*(?:{_PAGE_WORD}\s*)?[0-9]{{1,3}}{_OF_PAGES}\s*|\s*[-–—]\s*[0-9]{{1,3}}\s*[-–—]\s*")
# Inside a repeated line ("Zielvereinbarung 2025 – Seite 3 von 5"), the page in it, whatever its length, and a
# page count at its end ("file:///…/zv.html  1/4"): what differs from page to page.
PAGE_COUNTER = re.compile(rf"{_PAGE_WORD}\s*[0-9]+(?:\s*(?:von|/)\s*[0-9]+)?")
PAGES_AT_END = re.compile(r"(?<![0-9./])[0-9]{1,3}\s*/\s*[0-9]{1,3}\s*$")


# ---------------------------------------------------------------------------------------------------------------
# Placeholders

INLINE_PLACEHOLDERS = ("nominativ", "Nominativ", "genitiv", "dativ", "akkusativ", "budget")
BLOCK_PLACEHOLDERS = ("projektliste", "unterschriften")
# Anything in braces without spaces: a standard text's or a deviation's placeholder, known or not (an unknown
# one is reported by its name, and filling in leaves it as written). Group 1 the name.
PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
# A block placeholder alone on its line, where the page sets the project list or the signatures. Group 1 the name.
BLOCK_LINE = re.compile(r"^\{(" + "|".join(BLOCK_PLACEHOLDERS) + r")\}$", re.MULTILINE)
# A placeholder as a deviation keeps it from its standard wording: letters only. Whether a deviation kept every
# placeholder its standard wording has is a question about these; a brace token the wording check refuses
# anyway (with a space, a digit, empty) is no placeholder a section could have dropped.
NAMED_PLACEHOLDER = re.compile(r"\{[A-Za-z]+\}")
# A request letter's placeholder ({jahr}, {partner}): anything in braces, spaces too, so "{ jahr }" is
# reported as unknown rather than sent as written.
TEMPLATE_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def is_block_only(text: str) -> bool:
    """Whether a section's wording is nothing but one block placeholder ("{unterschriften}")."""
    return BLOCK_LINE.fullmatch(text.strip()) is not None


# ---------------------------------------------------------------------------------------------------------------
# List markers

# Bullets every reader knows: Unicode's bullets and triangles, the asterisk, the dashes and the hyphen.
_BULLETS = "•▪◦‣*–—\\-"
# Word's Symbol-font bullet U+F0B7 and Wingdings' square U+F0A7, as Word files and their PDFs keep them.
_FONT_BULLETS = "\uf0b7\uf0a7"
# A token that only lays a line out where it starts one, for the word-for-word comparison: a quote mark, a
# heading mark, a bullet, a number or letter with "." or ")" ("1.", "2)", "a)", "(3)"). No "o" or "·": at the
# start of a line those may be words of the original, and a difference there counts.
LAYOUT_MARKER = re.compile(rf">|#{{1,6}}|[{_BULLETS}+{_FONT_BULLETS}]|\(?[0-9]{{1,3}}[.)]|\(?[a-z][.)]")
# A glyph a PDF draws as a bullet: any Symbol/Wingdings private-use glyph, Unicode's bullets, circles, diamonds,
# arrows and ticks, Word's "o". The PDF reader sees it as its own word before the item's text.
BULLET_GLYPH = re.compile(rf"[\uf000-\uf0ff{_BULLETS}■●○◆◇➢➤►✓✔·∙o]")
# A PDF's numbering glyph: 1. 2) (3) a. b) A. i. iv)
NUMBER_GLYPH = re.compile(r"\(?(?:[0-9]{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]")
# A measure type's number at the start of the importer's line ("1. Wording", "2) Wording"); indented, or as
# 1.1, it numbers a project (PROJECT_BULLET). Groups: the number, the text.
MEASURE_NUMBER = re.compile(r"^ ?([0-9]{1,2})[.)]\s+(.*\S)\s*$")
# A project's line as word processors and PDFs print it: any bullet above, plus, white bullet, arrows, tick,
# Word's "o" and Symbol/Wingdings bullets (U+F0B7, U+F0A7, U+F0D8); lettered and roman sub-items; numbered
# sub-items (1.1, or an indented 1.). Group 1 the text.
PROJECT_BULLET = re.compile(
    rf"^\s*(?:[{_BULLETS}+·►➢✓o{_FONT_BULLETS}\uf0d8]|\(?[a-z]\)|[a-z]\.|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)"
    r"|[0-9]{1,2}\.[0-9]{1,2}\.?|(?<=\s\s)[0-9]{1,2}[.)])"
    r"\s+(.*\S)\s*$"
)
# A Markdown list item in a deviation: "- …", "* …", "+ …", "1. …", "2) …". Any script's digits, as above.
MARKDOWN_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S", re.MULTILINE)


def is_numbering(marker: str) -> bool:
    """Whether a list item's marker numbers it ("1.", "a)", "§ 3") rather than being a bullet."""
    return re.search(r"[0-9A-Za-z§]", marker) is not None


def is_font_glyph(text: str) -> bool:
    """Whether every character is a Symbol/Wingdings private-use glyph (U+F000–U+F0FF), as a bullet is kept."""
    return all("\uf000" <= char <= "\uf0ff" for char in text)
