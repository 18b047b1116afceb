"""A record's page against its signed original, word for word: the original is the ground truth.

For every agreement with an original, the full text its page shows (standard text and deviations
with every placeholder filled, the project list and the signatures written out) must consist of
exactly the words of the original. What may differ is layout only, and only what LAYOUT lists;
every other difference is refused, naming the record's line and section, the words on each side and
where they stand in the original (page, line). The budget the page shows as a key fact is the amount
§ 4 of the original states, in any common spelling.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from aqb.data.dataset import Dataset
from aqb.data.model import FullTextAgreement, PartnerNaming, StandardText
from aqb.data.problems import Problem
from aqb.data.text import compose
from aqb.data.yamlsource import YamlDocument, dotted
from aqb.document.formats import TEXT, DocumentError, kind_of
from aqb.document.model import Document
from aqb.document.read import read_as
from aqb.document.segment import flat_lines
from aqb.document.serial import from_json, to_json
from aqb.formatting import PROJECT_TABLE_HEAD, short_date
from aqb.printed import LAYOUT_MARKER, amounts_with_currency, unpadded_date

# What may differ between the page and its original: layout, never words (CONTRIBUTING.md lists the same).
LAYOUT = (
    "Leerzeichen, Zeilen- und Seitenumbrüche",
    "ein Trennstrich am Zeilenende (Silbentrennung): vor einer kleingeschriebenen Fortsetzung entfällt er, "
    "vor einer großgeschriebenen bleibt er (UN-Behindertenrechtskonvention), vor „und“, „oder“, „bzw.“, „sowie“, "
    "„bis“ bleibt er mit Leerzeichen stehen; steht das Wort auf der Seite, gilt seine Schreibweise dort",
    "Kopf- und Fußzeilen, die sich auf jeder Seite wiederholen, und Seitenzahlen",
    "Aufzählungszeichen und die Art der Nummerierung am Zeilenanfang (1., a), •, –)",
    "Markdown-Auszeichnung für fett, kursiv, Überschriften und Zitate",
    'typografische Varianten von Anführungszeichen und Strichen („…“, "…", ‚…‘, –, —, -)',
    "ein Datum mit oder ohne führende Nullen (02.08.2025 wie 2.8.2025)",
    "der Kopf einer Tabelle der Projekte („Maßnahmenart“, „Projekte“): die Seite listet die Projekte unter "
    "jeder Maßnahmenart",
)
MAX_SHOWN_DIFFERENCES = 10  # per record: the first ones say enough, the count says the rest
# Word pairs compared at most where page and original differ: difflib's time grows with their product, on
# some shapes (alternating words) with its cube. A real agreement differs from its original in a few words;
# beyond 500 × 500 the first difference stands for all of it.
MAX_COMPARED_PAIRS = 250_000

_EMPHASIS = re.compile(r"\*\*|\*|__|(?<![^\W_])_|_(?![^\W_])")
_TYPOGRAPHY = str.maketrans(
    {
        "„": '"',
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "‚": "'",
        "‘": "'",
        "’": "'",
        "‹": "'",
        "›": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "−": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_PUNCTUATION = ".,;:!?()[]\"'„“”‚‘’«»"


@dataclass(frozen=True)
class OriginalWord:
    text: str
    page: int
    line: int
    marker: bool = False  # a list marker or numbering at the start of its line: layout


@dataclass(frozen=True)
class PageWord:
    text: str
    section: str  # the section of the standard text it belongs to
    field: tuple[str | int, ...] = ()  # the record's field it comes from (a project, a signatory's name …)


def comparable(word: str) -> str:
    """A word of an original as the comparison sees it: Markdown emphasis marks gone (a transcript may use
    them), quotes, dashes and dates spelled as on the page (2.8.2025 where it may say 02.08.2025)."""
    return _spelled(_EMPHASIS.sub("", word))


def _words_of(line: str) -> list[tuple[str, bool]]:
    """The words of one line, each with whether it is a marker that only lays the line out."""
    found: list[tuple[str, bool]] = []
    leading = True
    for raw in line.split():
        leading = leading and bool(LAYOUT_MARKER.fullmatch(raw))
        word = comparable(raw)
        if word:
            found.append((word, leading))
    return found


def page_words(agreement: FullTextAgreement, standard: StandardText, naming: PartnerNaming) -> list[PageWord]:
    """The words the agreement's page shows, section by section, as the page composes them: the wording's
    Markdown rendered (a list's number, a heading's # are no words; a "000." inside a paragraph, a literal
    "__" are), and the project list and signatures as the page prints their fields: as plain text, so
    Markdown in a field (a link definition, a list number) stays a word."""
    found: list[PageWord] = []
    for section in compose(agreement, standard, naming):
        for block in section.blocks:
            if block.kind == "markdown":
                found.extend(PageWord(word, section.id) for word in _shown_words(block.html))
                continue
            found.extend(
                PageWord(_spelled(word), section.id, field)
                for line, field in _field_lines(block.kind, agreement, standard)
                for word in line.split()
            )
    return found


def _field_lines(
    kind: str, agreement: FullTextAgreement, standard: StandardText
) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """The lines the page prints for a structured part (overrides/aqb/macros/common.html, text_block), each with
    the record's field it comes from (none for a measure type's wording: the standard text's)."""
    if kind == "projektliste":
        for slug, wording in standard.massnahmenarten.items():  # each number is the list's: layout
            yield wording, ()
            yield from (
                (project, ("massnahmen", slug, index))
                for index, project in enumerate(agreement.massnahmen.get(slug, []))
            )
        return
    for index, signatory in enumerate(agreement.unterzeichnende):
        place = ("unterzeichnende", index, "ort")
        yield f"{signatory.ort}, den" + (f" {short_date(signatory.datum)}" if signatory.datum else ""), place
        yield signatory.name, ("unterzeichnende", index, "name")
        yield from ((line, ("unterzeichnende", index, "funktion")) for line in signatory.funktion.splitlines())


def _shown_words(html: str) -> list[str]:
    document = LexborHTMLParser(html)
    # A link's address and any title are on the page too (one click or one hover away): words like any other.
    for element in document.css("[href], [title]"):
        said = " ".join(value for name in ("href", "title") if (value := element.attributes.get(name)))
        element.insert_after(f" ({said}) ")
    body = document.body
    return [_spelled(word) for word in (body.text(separator=" ") if body is not None else "").split()]


def _spelled(word: str) -> str:
    """Quotes and dashes in one form, a date without leading zeros: the same word however it is typeset."""
    plain = unicodedata.normalize("NFC", word).translate(_TYPOGRAPHY)
    return unpadded_date(plain)


def original_words(document: Document, vocabulary: Iterable[str], *, printed: bool = True) -> list[OriginalWord]:
    """The words of the original as printed, page furniture left out, line-end hyphens joined (where the
    page has the word, as it has it). A transcript (`printed=False`) has no furniture found by repetition:
    a line repeated on each of its "pages" is compared like any other."""
    lines, _ = flat_lines(document, vocabulary, printed=printed)
    return [
        OriginalWord(word, line.ref.page, line.ref.line, marker or " ".join(line.text.split()) in PROJECT_TABLE_HEAD)
        for line in lines
        for word, marker in _words_of(line.text)
    ]


# The shape of a cached Document: raise it whenever aqb.document.serial writes another.
CACHE_SHAPE = 3


def original_document(path: Path, cache: Path | None) -> Document:
    """The Document of an original; a PDF's or Word file's is kept in `cache` under its SHA-256 and the
    readers' version, so a check reads each document once (a text file is read as it is)."""
    raw = path.read_bytes()
    form = kind_of(path.name, raw)
    if form is TEXT or cache is None:
        return read_as(form, raw, path.name)
    cached = cache / f"{hashlib.sha256(raw).hexdigest()}-{_readers_version()}.json"
    if cached.is_file() and not cached.is_symlink():
        try:
            return from_json(json.loads(cached.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError):
            pass  # a damaged cache entry is read again
    document = read_as(form, raw, path.name)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        if not cache.is_symlink():
            partial = cache / f".{cached.name}.{os.getpid()}"
            partial.write_text(json.dumps(to_json(document), ensure_ascii=False), encoding="utf-8")
            partial.replace(cached)
    except OSError:
        pass  # without a cache the check is slower, not wrong
    return document


@functools.cache
def _readers_version() -> str:
    """Changes whenever the code or the libraries that read a document change: an old one is never reused."""
    from importlib.metadata import version

    import aqb.document

    package = Path(aqb.document.__file__ or "").parent
    parts = [str(CACHE_SHAPE).encode(), *(module.read_bytes() for module in sorted(package.glob("*.py")))]
    parts += [version(name).encode() for name in ("pdfplumber", "pdfminer.six", "pypdf", "python-docx")]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


@dataclass(frozen=True)
class Difference:
    section: str
    on_page: str
    in_original: str
    page: int
    line: int
    field: tuple[str | int, ...] = ()  # the record's field the page's differing words come from, if one


def differences(original: list[OriginalWord], page: list[PageWord]) -> list[Difference]:
    """Every place where the page's words and the original's differ.

    The words both share at the start and at the end are set aside first (an agreement and its
    original are mostly the same); where what remains is too large to compare word by word in bounded
    time, the first difference stands for all of it."""
    head_original, head_page = _shared(original, page)
    tail_original, tail_page = _shared(original[head_original:][::-1], page[head_page:][::-1])
    middle_original = original[head_original : len(original) - tail_original]
    middle_page = page[head_page : len(page) - tail_page]
    if len(middle_original) * len(middle_page) > MAX_COMPARED_PAIRS:
        anchor = middle_original[0] if middle_original else original[-1]
        section = (middle_page or page)[0].section
        shown = " ".join(w.text for w in middle_page[:30]), " ".join(w.text for w in middle_original[:30])
        return [Difference(section, shown[0], shown[1], anchor.page, anchor.line)]
    return _compared(middle_original, middle_page, original, page)


def _shared(original: list[OriginalWord], page: list[PageWord]) -> tuple[int, int]:
    """How many words at the start both share: equal words, and the original's list markers (layout)."""
    at_original = at_page = 0
    while at_original < len(original) and at_page < len(page):
        if original[at_original].text == page[at_page].text:
            at_page += 1
        elif not original[at_original].marker:
            break
        at_original += 1
    return at_original, at_page


def _compared(
    original: list[OriginalWord], page: list[PageWord], whole_original: list[OriginalWord], whole_page: list[PageWord]
) -> list[Difference]:
    matcher = difflib.SequenceMatcher(None, [w.text for w in original], [w.text for w in page], autojunk=False)
    found: list[Difference] = []
    for operation, start, end, page_start, page_end in matcher.get_opcodes():
        layout = page_start == page_end and all(w.marker for w in original[start:end])  # a list's number
        if operation == "equal" or layout:
            continue
        anchor = original[start] if start < len(original) else (original or whole_original)[-1]
        shown = page[page_start:page_end]
        found.append(
            Difference(
                page[page_start].section if page_start < len(page) else (page or whole_page)[-1].section,
                " ".join(w.text for w in shown),
                " ".join(w.text for w in original[start:end]),
                anchor.page,
                anchor.line,
                _one_field(shown),
            )
        )
    return found


def _one_field(words: list[PageWord]) -> tuple[str | int, ...]:
    """The record's field the page's differing words all come from (the words to correct are there), if one."""
    fields = {word.field for word in words}
    return fields.pop() if len(fields) == 1 else ()


def signed_amounts(original: list[OriginalWord]) -> list[tuple[int | None, str]]:
    """Every amount with a currency beside it in § 4 of the original (the section that begins a line with
    "§ 4", up to the one that begins "§ 5"): (whole euros, or None where it has cents; as written)."""
    heading = [i for i in range(len(original) - 1) if _begins_paragraph(original, i, "4")]
    if not heading:
        return []
    start = heading[0] + 2
    end = next((i for i in range(start, len(original) - 1) if _begins_paragraph(original, i, "5")), len(original))
    section = " ".join(word.text for word in original[start:end])
    return amounts_with_currency(section)


def _begins_paragraph(original: list[OriginalWord], at: int, number: str) -> bool:
    """Whether "§ <number>" stands at the start of a line there (a heading, not a reference like "in § 4")."""
    before = at - 1
    while before >= 0 and original[before].line == original[at].line and original[before].marker:
        before -= 1  # "## § 4": a heading mark before it is layout
    starts_line = before < 0 or original[before].line != original[at].line
    return starts_line and original[at].text == "§" and original[at + 1].text == number


def signed_text_problems(
    dataset: Dataset, data_dir: Path, documents: dict[tuple[int, str], YamlDocument]
) -> list[Problem]:
    """Every agreement with an original whose page says anything its original does not.

    The texts of PDF and Word originals are kept in .cache/texte/ beside data/ (ignored by git)."""
    cache = _cache_folder(data_dir.parent / ".cache")
    compared = [
        (agreement, document, standard, data_dir / agreement.original.compared_file)
        for agreement in dataset.agreements
        if isinstance(agreement, FullTextAgreement)
        and agreement.original is not None
        and (document := documents.get((agreement.jahr, agreement.partner))) is not None
        and (standard := dataset.standard_texts.get(agreement.jahr)) is not None
    ]
    # Each PDF or Word file is read by a child process of its own: one per core at a time.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        read = list(pool.map(lambda each: _document_or_error(each[3], cache), compared))
    problems: list[Problem] = []
    for (agreement, document, standard, _), original in zip(compared, read, strict=True):
        naming = dataset.partners[agreement.partner].naming
        problems.extend(_agreement_problems(agreement, standard, naming, original, document))
    return problems


def _document_or_error(path: Path, cache: Path | None) -> Document | DocumentError:
    try:
        return original_document(path, cache)
    except DocumentError as error:
        return error


def _cache_folder(folder: Path) -> Path | None:
    """.cache/texte, where both are real folders (or can be made so); never through a link."""
    texts = folder / "texte"
    if any(path.is_symlink() or (path.exists() and not path.is_dir()) for path in (folder, texts)):
        return None
    return texts


def _agreement_problems(
    agreement: FullTextAgreement,
    standard: StandardText,
    naming: PartnerNaming,
    signed: Document | DocumentError,
    document: YamlDocument,
) -> Iterator[Problem]:
    assert agreement.original is not None
    shown = document.path
    if isinstance(signed, DocumentError):
        yield Problem(shown, document.line_of(("original", "datei")), "original.datei", str(signed), None)
        return
    page = page_words(agreement, standard, naming)
    printed = signed.kind != "text"  # a PDF or Word file; a text file is a transcript
    # A word broken at a line end joins where the page has it, punctuation beside it aside ("gender-" "adäquat,").
    vocabulary = {word.text.strip(_PUNCTUATION) for word in page}
    original = original_words(signed, vocabulary, printed=printed)
    found = differences(original, page)
    for difference in found[:MAX_SHOWN_DIFFERENCES]:
        yield _difference_problem(difference, agreement, document)
    if len(found) > MAX_SHOWN_DIFFERENCES:
        rest = len(found) - MAX_SHOWN_DIFFERENCES
        yield Problem(shown, document.line_of(("original",)), "Wortlaut", f"und {rest} weitere Abweichungen", None)
    yield from _ministry_problems(standard, original, shown, document)
    yield from _budget_problems(agreement, signed_amounts(original), shown, document)


def _difference_problem(difference: Difference, agreement: FullTextAgreement, document: YamlDocument) -> Problem:
    """Where the record must change: the field the page's words come from (a project, a name), else the section's
    deviation or, for the standard wording, the section named."""
    assert agreement.original is not None
    message = _message(difference, agreement.original.datei)
    if difference.field:
        hint = "Das Feld so schreiben, wie es im unterzeichneten Dokument steht (auch Tippfehler und Schreibweisen)."
        return Problem(document.path, document.line_of(difference.field), dotted(difference.field), message, hint)
    deviates = difference.section in agreement.abweichungen
    location = ("abweichungen", difference.section) if deviates else ("original",)
    field = f"abweichungen.{difference.section}" if deviates else f"Standardtext {agreement.jahr}, {difference.section}"
    return Problem(
        document.path,
        document.line_of(location),
        field,
        message,
        "Die Seite zeigt nur, was im unterzeichneten Dokument steht: den Wortlaut wie unterzeichnet in "
        f"abweichungen.{difference.section} schreiben (auch Tippfehler und Schreibweisen von Beträgen), "
        "oder die Felder (Budget, Projekte, Unterschriften) berichtigen.",
    )


def _budget_problems(
    agreement: FullTextAgreement, amounts: list[tuple[int | None, str]], shown: str, document: YamlDocument
) -> Iterator[Problem]:
    """The budget is the one amount § 4 of the original states, in whole euros; never a guess among several."""
    values = {value for value, _ in amounts}
    written = ", ".join(f"'{spelled}'" for _, spelled in amounts)
    if not amounts:
        said = "keinen Betrag mit Währung"
    elif len(values) > 1:
        said = f"mehrere Beträge ({written}); welcher das Budget ist, steht nicht fest"
    elif None in values:
        said = f"einen Betrag mit Cent ({written}); das Budget steht in ganzen Euro"
    elif values != {agreement.budget}:
        said = f"{next(iter(values))} Euro ({written})"
    else:
        return
    yield Problem(
        shown,
        document.line_of(("budget",)),
        "budget",
        f"ist {agreement.budget}, § 4 des unterzeichneten Dokuments nennt {said}",
        "Das Budget so eintragen, wie § 4 des Dokuments es nennt (in ganzen Euro); ist § 4 nicht eindeutig, "
        "mit dem Ministerium klären.",
    )


def _ministry_problems(
    standard: StandardText, original: list[OriginalWord], shown: str, document: YamlDocument
) -> Iterator[Problem]:
    """The ministry the page names as partner (from the year's standard text) is the one that signed: its
    name as a signature block writes it, and its short name, stand in the original."""
    words = [word.text for word in original]
    for field, value in (("name", standard.ministerium.name), ("kurzname", standard.ministerium.kurzname)):
        wanted = [comparable(word) for word in value.split()]
        if not any(words[at : at + len(wanted)] == wanted for at in range(len(words) - len(wanted) + 1)):
            yield Problem(
                shown,
                document.line_of(("original",)),
                f"ministerium.{field}",
                f"steht nicht im unterzeichneten Dokument: '{value}' (aus data/standardtexte/{standard.jahr}.yaml)",
                "Den Namen des Ministeriums im Standardtext so schreiben, wie ihn das Dokument nennt.",
            )


def _message(difference: Difference, original: str) -> str:
    where = f"data/{original}, Seite {difference.page}, Zeile {difference.line}"
    if not difference.in_original:
        return f"auf der Seite steht „{_short(difference.on_page)}“, im unterzeichneten Dokument nicht ({where})"
    if not difference.on_page:
        return f"im unterzeichneten Dokument steht „{_short(difference.in_original)}“, auf der Seite fehlt es ({where})"
    return (
        f"auf der Seite steht „{_short(difference.on_page)}“, im unterzeichneten Dokument "
        f"„{_short(difference.in_original)}“ ({where})"
    )


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
