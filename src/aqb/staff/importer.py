"""Turn the text of a signed agreement (Markdown-like text, or a PDF with a text layer) into a draft.

The year's standard text is the map: its sections tell where each part of the signed text begins,
and whatever differs from it becomes an override (`abweichungen`) in the signed wording. Nothing is
dropped in silence: every line is either placed, recognised as page furniture (header, footer, page
number; listed in the report), or written into the draft as an open point that `make check` refuses
until a person has decided.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from aqb.data.dataset import Dataset
from aqb.data.layout import SourceError, SourceLine, document_lines, read_signed_document, source_lines
from aqb.data.loader import STANDARD_TEXTS_DIR
from aqb.data.model import FIRST_YEAR, LAST_YEAR, NO_PROJECT, NOT_ENTERED, FullTextAgreement, Partner, StandardText
from aqb.data.problems import escaped
from aqb.data.text import fill, naming_values, strip_markup, words
from aqb.document.compare import difference_points, scan_differences, uncertain_points
from aqb.document.formats import SCAN
from aqb.document.headings import headings_of, with_headings
from aqb.document.model import BlockKind, Document, SourceRef
from aqb.document.ocr import MAX_SCAN_BYTES, ScanError, is_scan, read_scan
from aqb.document.segment import printed_text
from aqb.document.text import PAGE_BREAK, text_document
from aqb.formatting import PROJECT_TABLE_HEAD, thousands
from aqb.printed import (
    MEASURE_NUMBER,
    PRINT_STAMP_START,
    PROJECT_BULLET,
    SIGNATURE_CELL,
    SIGNATURE_PLACE,
    SIGNATURE_RULE,
    date_parts,
    euro_amounts_in_line,
    is_block_only,
    names_grouped_number,
    title_year,
)
from aqb.staff.proposal import (
    ProposalError,
    SignedReading,
    propose_by_majority,
    propose_standard,
    with_placeholders,
)
from aqb.staff.scaffold import ScaffoldError, agreement_path, write_draft

_Value = TypeVar("_Value")

# What never stands in a signatory's function: an annex, an amount. Such lines below the last signature
# are left unplaced, so they become open points (see _report_unused_lines).
_ANNEX_OR_EURO = re.compile(r"^(?:Anlage|Anhang|Kostenplan)\b|\bEuro\b|€")


def _not_a_function(line: str) -> bool:
    return _ANNEX_OR_EURO.search(line) is not None or names_grouped_number(line)


@dataclass
class ImportResult:
    draft: Path
    report: list[str]  # what the importer did, line by line, for the terminal
    open_points: list[str]  # what a person must decide; also in the draft under offene_punkte
    values: dict[str, Any] = field(default_factory=dict)  # what the draft holds
    standard_draft: Path | None = None  # the year's standard text, when this document proposed it
    proposal: StandardText | None = None
    transcript: bool = False  # a text file: a transcript, whose provenance a person fills in (an open point)


@dataclass
class _Parsed:
    values: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # for the report only
    open_points: list[str] = field(default_factory=list)  # into the draft: make check refuses it
    proposal: StandardText | None = None  # the year's standard text, proposed from this document
    document: Document | None = None  # a scan as read, its section headings placed (aqb.document.headings)


def import_file(
    dataset: Dataset,
    data_dir: Path,
    source: Path,
    kreis: str | None = None,
    proposal: StandardText | None = None,
    scan: Path | None = None,
) -> ImportResult:
    """Read `source` and write the draft into `data_dir`; nothing is written anywhere else.

    `proposal`: the year's standard text proposed from a whole folder (see `majority_proposals`); the
    document is read against it, and the first document of that year writes it as a draft.
    `scan`: the signed scan of this agreement (the folder had both): it becomes the original, `source` its
    text version, and every word in which the two differ an open point. A scan alone (`source` a scan)
    is read by text recognition; each word it was unsure of is an open point."""
    _must_exist(source, scan)
    scanned = read_if_scan(scan or source)
    document, text, reading_notes = _read(source, scanned if scan is None else None)
    name = escaped(source.name)
    parsed = _parsed(document, text, dataset, name, kreis, proposal, data_dir)
    parsed.notes[:0] = reading_notes
    values = parsed.values
    if "jahr" not in values or "partner" not in values:
        # The notes say what was missing (year, partner, or the year's standard text).
        causes = parsed.notes[len(reading_notes) :]
        raise ScaffoldError("Nichts angelegt: " + "\n".join(causes + reading_notes))
    target = agreement_path(data_dir, values["partner"], values["jahr"])
    if target.exists() or target.with_suffix(".yml").exists():
        raise ScaffoldError(
            f"{target} gibt es schon; sie wird nicht überschrieben. Wer neu einlesen will, löscht zuerst "
            "diesen Entwurf."
        )
    raw = (scan or source).read_bytes()
    original = original_path(data_dir, values["partner"], values["jahr"], raw, (scan or source).suffix)
    reused = _kept_original(original, raw, name)
    if scan is None and parsed.document is not None:  # a scan alone: its text with the headings placed
        scanned, text = parsed.document, printed_text(parsed.document)
    version = _text_version(scanned, scan, source, text, original, parsed.open_points)
    standard_draft = data_dir / STANDARD_TEXTS_DIR / f"{values['jahr']}.yaml" if parsed.proposal else None
    if standard_draft is not None and standard_draft.exists():
        raise ScaffoldError(f"{standard_draft} gibt es schon; er wird nicht überschrieben.")
    # No general "compare it with the original" point: the build compares every word of the page with the
    # original (aqb.data.signed); what the importer was unsure of is an open point naming its field.
    values["original"] = _original_entry(original, data_dir, raw, name, parsed.open_points, version)
    values["offene_punkte"] = parsed.open_points
    _write(target, name, parsed, (None if reused else (original, raw)), version, standard_draft)
    transcript = "herkunft" in values["original"]
    return ImportResult(target, parsed.notes, parsed.open_points, values, standard_draft, parsed.proposal, transcript)


def _must_exist(*paths: Path | None) -> None:
    for path in paths:
        if path is not None and not path.is_file():
            raise ScaffoldError(f"Datei nicht gefunden: {escaped(str(path))}")


# Fewer words than an agreement's title and parties hold: an image without an agreement (a logo, a photo).
_FEWEST_WORDS_OF_A_SCAN = 40


def _read(source: Path, scanned: Document | None) -> tuple[Document, str, list[str]]:
    """The document as read, its text and notes on how it was read: a scan's by text recognition."""
    if scanned is not None:
        text = printed_text(scanned)
        if len(re.findall(r"\w{2,}", text)) < _FEWEST_WORDS_OF_A_SCAN:
            raise ScaffoldError(
                "Nichts angelegt: ein Bild ohne Vereinbarungstext (die Texterkennung fand kaum Wörter; etwa ein Logo "
                "oder Foto)."
            )
        return scanned, text, ["als Scan gelesen (Texterkennung)."]
    return read_source(source)


def _parsed(
    document: Document,
    text: str,
    dataset: Dataset,
    name: str,
    kreis: str | None,
    proposal: StandardText | None,
    data_dir: Path,
) -> _Parsed:
    """The document read against its year's standard text (the folder's proposal, where it has one)."""
    if proposal is None:
        return parse_agreement(text, dataset, name, kreis, document)
    dataset = dataclasses.replace(dataset, standard_texts={**dataset.standard_texts, proposal.jahr: proposal})
    parsed = parse_agreement(text, dataset, name, kreis, document)
    if (
        parsed.values.get("jahr") == proposal.jahr
        and not (data_dir / STANDARD_TEXTS_DIR / f"{proposal.jahr}.yaml").exists()
    ):
        parsed.proposal = proposal  # the first document of the year writes it
    return parsed


def _write(
    target: Path,
    name: str,
    parsed: _Parsed,
    original: tuple[Path, bytes] | None,
    version: tuple[Path, bytes] | None,
    standard_draft: Path | None,
) -> None:
    """The draft, the original (unless kept from before), a scan's text version and a proposed standard text:
    all or nothing. Each is a new file (the caller made sure): whatever fails, every file of the plan that
    was begun is removed again, the one that failed too, and the message names it."""
    plan: list[tuple[Path, Callable[[], object]]] = [
        (
            target,
            lambda: write_draft(
                target,
                "../../schema/vereinbarung.schema.json",
                f"Entwurf aus {name} (make import). Offene Punkte erledigen, dann `make check`.",
                FullTextAgreement,
                parsed.values,
                {},
            ),
        )
    ]
    for path, content in (item for item in (original, version) if item is not None):
        plan.append((path, functools.partial(_write_bytes, path, content)))
    if standard_draft is not None and parsed.proposal is not None:
        proposal = parsed.proposal.model_dump(mode="json")
        plan.append(
            (
                standard_draft,
                lambda: write_draft(
                    standard_draft,
                    "../schema/standardtext.schema.json",
                    f"ENTWURF des Standardtextes {parsed.values['jahr']}, vorgeschlagen aus {name} (make import). "
                    "Offene Punkte erledigen, dann `make check`.",
                    StandardText,
                    proposal,
                    {},
                ),
            )
        )
    begun: list[Path] = []
    for path, write in plan:
        begun.append(path)
        try:
            write()
        except OSError:
            for written in begun:  # nothing half-written stays
                written.unlink(missing_ok=True)
            raise ScaffoldError(f"{path} konnte nicht geschrieben werden; nichts angelegt.") from None


def _write_bytes(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


class _Kept(Generic[_Value]):
    """What was read from a file's bytes, by their SHA-256: a folder's files are read once for pairing scans and
    proposing the standard text, and again by the import. The latest few only: a long process stays small."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.values: OrderedDict[str, _Value] = OrderedDict()

    def get(self, key: str, read: Callable[[], _Value]) -> _Value:
        if key in self.values:
            self.values.move_to_end(key)
            return self.values[key]
        value = read()
        self.values[key] = value
        while len(self.values) > self.size:
            self.values.popitem(last=False)
        return value


_RECOGNISED: _Kept[Document] = _Kept()
_READ: _Kept[tuple[Document, str, list[str]]] = _Kept()
_SCANNED: _Kept[bool] = _Kept(256)


def read_if_scan(path: Path) -> Document | None:
    """The text recognition of `path` if it is a scan (an image, or a PDF of page images), else None."""
    raw = path.read_bytes()[: MAX_SCAN_BYTES + 1]
    key = hashlib.sha256(raw).hexdigest()
    # Whether a PDF is one of page images is asked of a child process: once per file.
    if not (
        path.suffix.lower() in SCAN.suffixes or (raw.startswith(b"%PDF-") and _SCANNED.get(key, lambda: is_scan(raw)))
    ):
        return None

    def recognised() -> Document:
        try:
            return read_scan(raw, escaped(path.name))
        except ScanError as error:
            raise ScaffoldError(str(error)) from None

    return _RECOGNISED.get(key, recognised)


def read_source(path: Path) -> tuple[Document, str, list[str]]:
    """A signed document that is no scan as read (`read_signed_document`), its text and notes on how it was read."""
    try:
        key = f"{hashlib.sha256(path.read_bytes()).hexdigest()}{path.suffix.lower()}"  # the suffix decides too
        return _READ.get(key, lambda: read_signed_document(path))
    except SourceError as error:
        raise ScaffoldError(str(error)) from None
    except OSError:
        raise ScaffoldError(f"Datei nicht gefunden: {escaped(str(path))}") from None


def identify(text: str, dataset: Dataset) -> tuple[int, str] | None:
    """The year and partner a document's text names, if it names both (to pair a scan with its text version)."""
    lines, furniture = source_lines(text)
    plain = [_plain(line.text) for line in lines]
    year = _find_year(plain)
    partner = _find_partner(plain, [line.text for line in furniture], dataset, year)
    return (year, partner.slug) if year is not None and partner is not None else None


def _text_version(
    scanned: Document | None, scan: Path | None, source: Path, text: str, original: Path, points: list[str]
) -> tuple[Path, bytes] | None:
    """Where a scan's text version goes and its bytes: the file it was printed from, or the recognised text.
    Each word the scan and that text differ in (or recognition was unsure of) becomes an open point."""
    if scanned is None:
        return None
    stem = original.with_name(f"{original.stem}-textfassung")
    if scan is None:
        points.extend(uncertain_points(scanned))
        points.append(
            "original.textfassung: der Text wurde aus dem Scan erkannt (Texterkennung); jedes Wort mit dem Scan "
            "vergleichen, Fehler hier und in der Textfassung berichtigen"
        )
        return stem.with_suffix(".txt"), text.encode("utf-8")
    version = "in der Word-Datei" if source.suffix.lower() == ".docx" else f"in {escaped(source.name)}"
    points.extend(difference_points(scan_differences(scanned, text.replace(PAGE_BREAK, "\n").splitlines()), version))
    raw = source.read_bytes()
    suffix = ".pdf" if raw.startswith(b"%PDF-") else ".docx" if raw.startswith(b"PK\x03\x04") else ".txt"
    return stem.with_suffix(suffix), raw


def _kept_original(original: Path, raw: bytes, name: str) -> bool:
    """Whether the original is already there, byte for byte (a draft deleted and imported again: no record
    names it, since the draft is the only record of that partner and year). Another file under its name
    is refused with what to do."""
    if not original.exists():
        return False
    if original.read_bytes() == raw:
        return True
    raise ScaffoldError(
        f"{original} gibt es schon, mit anderem Inhalt als {name}; er wird nicht überschrieben. Ist {name} das "
        f"richtige Dokument, {original} löschen und erneut einlesen; sonst die andere Datei behalten."
    )


def _original_entry(
    original: Path, data_dir: Path, raw: bytes, name: str, open_points: list[str], version: tuple[Path, bytes] | None
) -> dict[str, Any]:
    """The draft's `original`. A text file is never the signed document but a transcript, and where it came
    from only a person knows: its `herkunft` is written blank, with an open point, never guessed."""
    entry: dict[str, Any] = {
        "datei": original.relative_to(data_dir).as_posix(),
        "sha256": hashlib.sha256(raw).hexdigest(),
    }
    if version is not None:  # a scan: the signed document, with the text it was printed from
        entry["textfassung"] = {
            "datei": version[0].relative_to(data_dir).as_posix(),
            "sha256": hashlib.sha256(version[1]).hexdigest(),
        }
        return entry
    if original.suffix != ".pdf":
        entry["herkunft"] = None
        open_points.append(
            f"original.herkunft: eintragen, woher die Abschrift „{name}“ stammt (aus welchem Dokument, wer sie "
            "übertragen hat); nur, was bekannt ist, und was nicht vermerkt ist, so nennen"
        )
    return entry


def original_path(data_dir: Path, partner: str, year: int, raw: bytes, name_suffix: str = "") -> Path:
    """Where the document of a record is kept: data/originaltexte/<jahr>/<kürzel>.pdf for the signed document,
    .docx for the Word file it was printed from, .txt for a transcript of it, .png/.jpg/.tif for a scanned image."""
    image = name_suffix.lower() if name_suffix.lower() in SCAN.suffixes else None
    suffix = image or (".pdf" if raw.startswith(b"%PDF-") else ".docx" if raw.startswith(b"PK\x03\x04") else ".txt")
    return data_dir / "originaltexte" / str(year) / f"{partner}{suffix}"


def parse_agreement(
    text: str,
    dataset: Dataset,
    file_name: str = "dem eingelesenen Text",
    kreis: str | None = None,
    document: Document | None = None,
) -> _Parsed:
    """`kreis`: the partner's slug, for a document that names none (make import … KREIS=…). `document`: the
    text as its reader read it, where it knows more than the text (a PDF: where a line may go on below)."""
    parsed = _Parsed()
    lines, furniture = source_lines(text)
    plain = [_plain(line.text) for line in lines]

    year = _find_year(plain)
    if year is None:
        parsed.notes.append("Jahr nicht erkannt (erwartet z. B. „Zielvereinbarung“ und „2025“ am Anfang).")
    partner = _partner(plain, [line.text for line in furniture], dataset, year, kreis, parsed)
    if year is None or partner is None:
        return parsed
    standard = dataset.standard_texts.get(year)
    if standard is None:
        earlier = [y for y in dataset.standard_texts if y < year]
        if not earlier:
            parsed.notes.append(
                f"Für {year} gibt es keinen Standardtext und keinen früheren, von dem er ausgehen kann."
            )
            return parsed
        standard = _proposed_standard(text, dataset.standard_texts[max(earlier)], year, partner, file_name, parsed)
    # Again, now that the standard text tells which words a line-end hyphen may have split.
    document = _placed_headings(document or text_document(text), standard, partner, parsed)
    lines, furniture = document_lines(document, _vocabulary(standard, partner))
    parsed.notes.extend(
        f"{line.ref}: als Seitenkopf, Seitenfuß oder Seitenzahl übergangen: {escaped(line.text.strip())}"
        for line in furniture
    )
    reader = _Reader(lines, standard, partner, parsed)
    reader.read()
    _scan_table_point(document, standard, parsed)
    if reader.sections_found * 2 < len(standard.abschnitte):
        # A cover letter names the agreement, its year and partner too, but has none of its sections.
        parsed.values = {}
        parsed.notes.append(
            f"Kein Vereinbarungstext: nur {reader.sections_found} von {len(standard.abschnitte)} Abschnitten des "
            f"Standardtextes {standard.jahr} gefunden (etwa ein Anschreiben?)."
        )
    return parsed


def _unknown_kreis(kreis: str, dataset: Dataset) -> str:
    """KREIS= names no partner: the nearest Kürzel (by Kürzel or name, "kasel" → stadt-kassel, landkreis-kassel)
    and where all of them stand."""
    names = {slug: slug for slug in dataset.partners} | {
        name.casefold(): slug
        for slug, partner in dataset.partners.items()
        for name in (partner.name, partner.bezeichnung, *partner.weitere_namen)
    }
    wanted = kreis.casefold().strip()
    words: dict[str, list[str]] = {}
    for name, slug in names.items():
        for word in re.split(r"[\s-]+", name):
            if len(word) > 3:
                words.setdefault(word, []).append(slug)
    found = [slug for name, slug in names.items() if wanted and wanted in name]  # "Marburg" in its name
    found += [names[name] for name in difflib.get_close_matches(wanted, list(names), n=6, cutoff=0.6)]
    found += [slug for word in difflib.get_close_matches(wanted, list(words), n=3, cutoff=0.75) for slug in words[word]]
    suggested = list(dict.fromkeys(found))[:3]
    return (
        f"KREIS={escaped(kreis)} ist kein Kürzel einer Gebietskörperschaft"
        + (f"; gemeint ist vielleicht: {', '.join(f'KREIS={slug}' for slug in suggested)}" if suggested else "")
        + ". Alle Kürzel stehen in data/gebietskoerperschaften.yaml (je Eintrag vor dem Doppelpunkt)."
    )


def _placed_headings(document: Document, standard: StandardText, partner: Partner, parsed: _Parsed) -> Document:
    """A scan with its section headings ("§ 4") where OCR misread or missed them, found by the title below each;
    where OCR was unsure or read nothing, an open point, else a line in the report."""
    if document.kind != "scan":
        return document
    filled = [fill(section.text, naming_values(partner.naming)) for section in standard.abschnitte]
    expected = [pair for text in filled for pair in headings_of([_plain(line) for line in text.splitlines()])[:1]]
    document, reads = with_headings(document, expected)
    parsed.document = document
    for read in reads:
        said = f"Scan {_scan_place(read.ref)}: Überschrift „{read.heading}“ über „{escaped(read.title)}“"
        if not read.read:
            parsed.open_points.append(
                f"{said} von der Texterkennung nicht gelesen und eingesetzt: im Scan prüfen, ob sie dort steht, "
                "sonst im Abschnitt unter abweichungen berichtigen"
            )
        elif read.uncertain:
            parsed.open_points.append(
                f"{said} unsicher als „{escaped(read.read)}“ erkannt und als „{read.heading}“ übernommen: im Scan "
                "prüfen, sonst im Abschnitt unter abweichungen berichtigen"
            )
        else:
            parsed.notes.append(f"{said}: als „{escaped(read.read)}“ erkannt, als „{read.heading}“ übernommen.")
    return document


def _scan_place(ref: SourceRef) -> str:
    return f"Seite {ref.page}, Zeile {ref.line}"


def _scan_table_point(document: Document, standard: StandardText, parsed: _Parsed) -> None:
    """A scan's table (other than the signatures) is read column by column: which project stands in which row,
    and so under which measure type, the text recognition cannot tell. One open point names every measure type."""
    if document.kind != "scan" or not parsed.values.get("massnahmen"):
        return
    tables = [block for block in document.body if block.kind is BlockKind.TABLE_ROW]
    if any(not any(SIGNATURE_CELL.fullmatch(line.text.strip()) for line in table.lines) for table in tables):
        parsed.open_points.append(
            "massnahmen: die Projekttabelle des Scans hat die Texterkennung Spalte für Spalte gelesen; welches Projekt "
            f"unter welcher Maßnahmenart steht ({', '.join(standard.massnahmenarten)}), ist nicht sicher: jede Liste "
            "mit dem Scan abgleichen und berichtigen"
        )


def _partner(
    plain: list[str], furniture: list[str], dataset: Dataset, year: int | None, kreis: str | None, parsed: _Parsed
) -> Partner | None:
    named = _find_partner(plain, furniture, dataset, year)
    given = dataset.partners.get(kreis) if kreis else None
    if kreis and given is None:
        parsed.notes.append(_unknown_kreis(kreis, dataset))
        return None
    if named is not None and given is not None and named.slug != given.slug:
        parsed.notes.append(
            f"Das Dokument nennt {named.bezeichnung}, nicht {given.bezeichnung} (KREIS={given.slug}): "
            "KREIS weglassen oder das richtige Dokument wählen."
        )
        return None
    if named is None and given is None:
        parsed.notes.append(
            "Partner nicht erkannt (erwartet eine Zeile wie „und dem Landkreis …“ oder den Namen im Seitenkopf): "
            "mit KREIS=<kürzel> angeben, z. B. make import DATEI=… KREIS=fulda."
        )
    return named or given


def majority_proposals(dataset: Dataset, texts: list[tuple[str, str]]) -> dict[int, StandardText]:
    """For each year without a standard text that two or more of `texts` (file name, text) are agreements of:
    the standard text proposed from the wording most of them share (aqb.staff.proposal.propose_by_majority)."""
    readings: dict[int, list[SignedReading]] = {}
    previous_of: dict[int, StandardText] = {}
    for name, text in texts:
        found = _first_reading(dataset, name, text)
        if found is not None:
            previous_of[found[0]] = found[1]
            readings.setdefault(found[0], []).append(found[2])
    proposals = {}
    for year, of_year in readings.items():
        if len(of_year) < 2:
            continue  # one document proposes it itself, as before
        try:
            proposals[year] = propose_by_majority(previous_of[year], year, of_year)
        except ProposalError:
            continue  # each document then proposes on its own and says why
    return proposals


def _first_reading(dataset: Dataset, name: str, text: str) -> tuple[int, StandardText, SignedReading] | None:
    lines, furniture = source_lines(text)
    plain = [_plain(line.text) for line in lines]
    year = _find_year(plain)
    partner = _find_partner(plain, [line.text for line in furniture], dataset, year)
    earlier = [known for known in dataset.standard_texts if year is not None and known < year]
    if year is None or partner is None or year in dataset.standard_texts or not earlier:
        return None
    previous = dataset.standard_texts[max(earlier)]
    reading = _Parsed()
    lines, _ = source_lines(text, _vocabulary(previous, partner))
    reader = _Reader(lines, previous.model_copy(update={"jahr": year}), partner, reading, signed_wording=True)
    reader.read()
    if reader.sections_found * 2 < len(previous.abschnitte):
        return None  # not an agreement (a cover letter)
    values = reading.values
    return year, previous, SignedReading(name, partner, values.get("budget"), values.get("abweichungen", {}))


def _proposed_standard(
    text: str, previous: StandardText, year: int, partner: Partner, file_name: str, parsed: _Parsed
) -> StandardText:
    """The year has no standard text yet: propose one from this document (see aqb.staff.proposal).

    The document is read against the previous year's wording first; what it words differently becomes
    the proposal's wording, so that read against the proposal, the document has no deviations.
    """
    lines, _ = source_lines(text, _vocabulary(previous, partner))
    first_reading = _Parsed()
    _Reader(lines, previous.model_copy(update={"jahr": year}), partner, first_reading, signed_wording=True).read()
    try:
        proposal = propose_standard(
            previous,
            year,
            first_reading.values.get("abweichungen", {}),
            partner,
            first_reading.values.get("budget"),
            file_name,
        )
    except ProposalError as error:
        raise ScaffoldError(f"Nichts angelegt: {error}") from None
    parsed.proposal = proposal
    parsed.notes.append(
        f"Für {year} gab es keinen Standardtext: aus diesem Dokument vorgeschlagen (auf Grundlage von "
        f"{previous.jahr}), mit {len(proposal.offene_punkte)} offenen Punkten."
    )
    return proposal


class _Reader:
    """Reads one signed text against the year's standard text."""

    def __init__(
        self,
        lines: list[SourceLine],
        standard: StandardText,
        partner: Partner,
        parsed: _Parsed,
        *,
        signed_wording: bool = False,  # deviations exactly as signed, for a proposal to start from
    ) -> None:
        self.signed_wording = signed_wording
        self.lines = lines
        self.text = [line.text for line in lines]
        self.standard = standard
        self.partner = partner
        self.parsed = parsed
        self.used: set[int] = set()
        self.sections_found = 0

    def read(self) -> None:
        standard, parsed = self.standard, self.parsed
        starts = _section_starts(self.text, standard, parsed)
        self.sections_found = len(starts)
        sections = {sid: self.text[begin:end] for sid, (begin, end) in starts.items()}

        candidates = _budget_candidates(sections.get(_section_with(standard, "{budget}") or "", []))
        budget = candidates[0] if len(candidates) == 1 else None
        if len(candidates) > 1:  # never a silent choice
            amounts = ", ".join(f"{thousands(amount)} Euro" for amount in candidates)
            self.parsed.open_points.append(
                f"Der Abschnitt mit dem Budget nennt mehrere Beträge ({amounts}): das Budget unter budget eintragen"
            )
        if not candidates:
            parsed.open_points.append(
                "Budget nicht erkannt (erwartet z. B. „1.118.780 Euro“ im Abschnitt mit § 4): "
                "aus dem unterzeichneten Text eintragen"
            )
        list_section = _section_with(standard, "{projektliste}")
        list_offset = starts.get(list_section, (0, 0))[0] if list_section else 0
        measures, list_lines = _MeasureList(
            sections.get(list_section or "", []), standard, self, list_offset, self._words_after_list(list_section)
        ).read()
        signature_section = _section_with(standard, "{unterschriften}")
        signatories, signature_lines = self._signature_block(signature_section, starts, sections)

        deviations = self._deviations(
            starts, sections, budget, list_section, list_lines, signature_section, signature_lines
        )
        self._report_unused_lines()

        title = " ".join(_plain(line) for line in sections.get(standard.abschnitte[0].id, []) if line.strip())
        parsed.values = {
            "jahr": standard.jahr,
            "partner": self.partner.slug,
            "art": "wortlaut",
            "budget": budget,
            "massnahmen": measures,
            "unterzeichnende": signatories or [{"name": None, "funktion": None, "ort": None, "datum": None}],
            "quelle": {"titel": title or None, "herausgeber": standard.ministerium.name},
            **({"abweichungen": deviations} if deviations else {}),
        }

    def _signature_block(
        self, section: str | None, starts: dict[str, tuple[int, int]], sections: dict[str, list[str]]
    ) -> tuple[list[dict[str, Any]], set[int]]:
        """The signatories; the block is structured through and through: a line it cannot place is an open point."""
        offset = starts.get(section, (0, 0))[0] if section else 0
        lines = sections.get(section or "", [])
        signatories, placed = self._signatories(lines, offset)
        for index, line in enumerate(lines):
            if line.strip() and index not in placed:
                self.parsed.open_points.append(
                    f"unterzeichnende: Zeile {self.lines[offset + index].number} im Unterschriftenblock nicht "
                    f"zugeordnet: „{escaped(line.strip())}“ – gehört sie zu name oder funktion einer Unterschrift? "
                    "Dort eintragen oder bestätigen, dass sie nicht zur Vereinbarung gehört"
                )
                placed.add(index)
        return signatories, placed

    def _report_unused_lines(self) -> None:
        for index, line in enumerate(self.text):
            if line.strip() and index not in self.used:
                self.unplaced(index)

    def _words_after_list(self, list_section: str | None) -> list[str]:
        """The first words of the standard wording after {projektliste}: where the list ends."""
        if list_section is None:
            return []
        wording = next(s.text for s in self.standard.abschnitte if s.id == list_section)
        after = wording.split("{projektliste}", 1)[1]
        filled = fill(after, naming_values(self.partner.naming))
        return _plain(filled).split()[:4]

    def unplaced(self, index: int) -> None:
        self.parsed.open_points.append(
            f"Zeile {self.lines[index].number} nicht zugeordnet: „{escaped(self.text[index].strip())}“ – an der "
            "richtigen Stelle eintragen oder bestätigen, dass sie nicht zur Vereinbarung gehört"
        )

    def _deviations(
        self,
        starts: dict[str, tuple[int, int]],
        sections: dict[str, list[str]],
        budget: int | None,
        list_section: str | None,
        list_lines: set[int],
        signature_section: str | None,
        signature_lines: set[int],
    ) -> dict[str, str]:
        values_for_text = {
            **naming_values(self.partner.naming),
            "budget": thousands(budget) if budget is not None else "{budget}",
        }
        deviations = {}
        for section in self.standard.abschnitte:
            if section.id not in sections:
                continue
            begin, _ = starts[section.id]
            own = sections[section.id]
            if section.id == list_section:
                signed = _with_blocks(own, list_lines, "{projektliste}")
            elif section.id == signature_section:
                signed = _with_blocks(own, signature_lines, "{unterschriften}")
            else:
                signed = own
            expected = fill(section.text, values_for_text)
            if _words(signed) != _words(expected):
                wording = "\n".join(line.rstrip() for line in signed).strip("\n")
                deviations[section.id] = (
                    wording
                    if self.signed_wording
                    else with_placeholders(
                        wording, self.partner, budget, section.titel, self.parsed.open_points, shared=False
                    )
                )
                self.parsed.notes.append(
                    f"Abschnitt „{section.titel}“ weicht vom Standardtext {self.standard.jahr} ab: als Abweichung "
                    f"übernommen."
                )
            self.used.update(range(begin, begin + len(own)))
        return deviations

    def _signatories(self, section: list[str], offset: int) -> tuple[list[dict[str, Any]], set[int]]:
        """Place and date, name, and function lines of each signature."""
        signatories = []
        used: set[int] = set()
        index = 0
        while index < len(section):
            match = SIGNATURE_PLACE.match(_plain(section[index]))
            if not match:
                index += 1
                continue
            used.add(index)
            day = self._signature_date(match, offset + index)
            index = _skip_blank(section, index + 1)
            while index < len(section) and (
                SIGNATURE_RULE.match(section[index]) or PRINT_STAMP_START.match(_plain(section[index]))
            ):
                if PRINT_STAMP_START.match(_plain(section[index])):
                    self.parsed.notes.append(
                        f"Zeile {self.lines[offset + index].number}: als Druckvermerk übergangen: "
                        f"{escaped(section[index].strip())}"
                    )
                used.add(index)
                index = _skip_blank(section, index + 1)
            if index >= len(section):
                self.parsed.open_points.append(f"Unterschrift in „{escaped(match['ort'])}“ ohne Namen: ergänzen")
                break
            name = section[index].strip()
            used.add(index)
            index = _skip_blank(section, index + 1)
            function = []
            while (
                index < len(section)
                and section[index].strip()
                and not SIGNATURE_PLACE.match(_plain(section[index]))
                and not _not_a_function(_plain(section[index]))  # an annex below: an open point instead
            ):
                function.append(section[index].strip())
                used.add(index)
                index += 1
            signatories.append(
                {"name": name, "funktion": "\n".join(function) or None, "ort": match["ort"].strip(), "datum": day}
            )
        return signatories, used

    def _signature_date(self, match: re.Match[str], index: int) -> date | str | None:
        parts = date_parts(match)
        if parts is None:
            return NOT_ENTERED
        try:
            return date(*parts)
        except ValueError:
            self.parsed.open_points.append(
                f"unterzeichnende: Zeile {self.lines[index].number} nennt „{escaped(match.group(0).strip())}“, kein "
                "gültiges Datum: das Datum der Unterschrift aus dem unterzeichneten Dokument unter datum eintragen"
            )
            return None


class _MeasureList:
    """The numbered list of measure types with their projects (§ 5), in any common list style.

    A measure type's name may be wrapped over several lines (PDF); lines are added to it only while
    they continue one of the year's known wordings, so the paragraph after the list is never taken.
    A project may be wrapped too: an indented or lower-case line right after it continues it.
    """

    def __init__(
        self, section: list[str], standard: StandardText, reader: _Reader, offset: int, end_words: list[str]
    ) -> None:
        self.section = section
        self.end_words = end_words
        self.standard = standard
        self.reader = reader
        self.offset = offset
        self.wordings = {" ".join(wording.split()): slug for slug, wording in standard.massnahmenarten.items()}
        self.measures: dict[str, list[str]] = {slug: [] for slug in standard.massnahmenarten}
        self.found: set[str] = set()
        self.used: set[int] = set()
        self.current: str | None = None
        self.label: list[str] = []
        self.label_lines: list[int] = []
        self.last_project_line: int | None = None
        self.doubtful: set[str] = set()  # measure types with a line under them that could not be placed
        self.bounded = False  # whether the list's end is known (the standard wording after it was found)
        self.started = False  # the first numbered or bulleted line has been seen

    def read(self) -> tuple[dict[str, Any], set[int]]:
        end = next((i for i, line in enumerate(self.section) if self._ends_list(line)), None)
        self.bounded = end is not None
        for index, line in enumerate(self.section[:end]):
            self._line(index, line)
        self._close_label()
        return self._result(), self.used

    def _ends_list(self, line: str) -> bool:
        words = _plain(line).split()
        return bool(self.end_words) and words[: len(self.end_words)] == self.end_words

    def _line(self, index: int, line: str) -> None:
        numbered, bullet = MEASURE_NUMBER.match(line), PROJECT_BULLET.match(line)
        self.started = self.started or bool(numbered or bullet)
        if numbered and (self.bounded or self._continues_a_wording(_plain(numbered.group(2)).split(" ")[0])):
            self._open_label(index, _plain(numbered.group(2)))
        elif bullet and (self.label or self.current):
            self._project(index, " ".join(bullet.group(1).split()))
        elif not (numbered or bullet):
            self._plain_line(index, line)
        else:
            self._other_line(index, line)

    def _plain_line(self, index: int, line: str) -> None:
        """A line without number or bullet: a table's head or first column, a measure type's wording going on,
        a project going on, a project of a table or of a list printed without bullets, or none of these."""
        if self._table_head(index, line):
            self.used.add(index)
        elif self._unnumbered_label(line):
            self.started = True  # a table's first column, or a list without numbers: the wording itself
            self._open_label(index, _plain(line))
        elif self.label and line.strip() and self._continues_a_wording(" ".join([*self.label, _plain(line)])):
            self.label.append(_plain(line))
            self.label_lines.append(index)
        elif self._continues_project(index, line):
            projects = self.measures[self.current]  # type: ignore[index]
            projects[-1] = f"{projects[-1]} {' '.join(line.split())}"
            self.used.add(index)
            self.last_project_line = index
        elif line.strip() and self.bounded and (self.label or self.current):
            self._project(index, " ".join(line.split()))  # a table's second column, or a list without bullets
        else:
            self._other_line(index, line)

    def _open_label(self, index: int, wording: str) -> None:
        self._close_label()
        self.label.append(wording)
        self.label_lines.append(index)

    def _table_head(self, index: int, line: str) -> bool:
        """The head of a table of projects ("Maßnahmenart" | "Projekte") above its first row: layout."""
        if self.started or _plain(line) not in PROJECT_TABLE_HEAD:
            return False
        self.reader.parsed.notes.append(
            f"Zeile {self.reader.lines[self.offset + index].number}: Kopf der Projekttabelle übergangen: "
            f"{escaped(line.strip())}"
        )
        return True

    def _unnumbered_label(self, line: str) -> bool:
        """A line that is a measure type's wording, or begins it (to be continued below), inside the list."""
        plain = _plain(line)
        after_label = not self.label or " ".join(self.label) in self.wordings  # the one above is complete
        return self.bounded and after_label and (plain in self.wordings or self._continues_a_wording(plain))

    def _project(self, index: int, project: str) -> None:
        self._close_label()
        if self.current is not None:
            self._doubtful_break(index, project)
            self.measures[self.current].append(project)
            self.used.add(index)
            self.last_project_line = index
        elif self.bounded:
            self._unplaced(index)

    def _doubtful_break(self, index: int, project: str) -> None:
        """A project right below one whose line may go on in this one (a PDF: the line above ends near the margin,
        and this one's first word would not have fitted): one project or two is for a person to say."""
        above = self.last_project_line
        lines = self.reader.lines
        if above is None or above != index - 1 or not lines[self.offset + above].may_wrap or self.current is None:
            return
        previous = self.measures[self.current][-1]
        self.reader.parsed.open_points.append(
            f"Maßnahmenart „{self.standard.massnahmenarten[self.current]}“: „{escaped(previous)}“ und darunter "
            f"„{escaped(project)}“ ({lines[self.offset + above].ref}) als zwei Projekte übernommen; ist es im "
            "unterzeichneten Dokument ein Projekt über zwei Zeilen, beide zu einem zusammenfassen"
        )

    def _other_line(self, index: int, line: str) -> None:
        if line.strip() and self.started and self.bounded:
            self._close_label()
            self._unplaced(index)  # inside the list, but neither measure type nor project: a person decides
        elif line.strip() and (self.label or self.current):
            self._close_label()
            self.current = None
            self.last_project_line = None

    def _unplaced(self, index: int) -> None:
        self.reader.unplaced(self.offset + index)
        self.used.add(index)
        if self.current is not None:
            self.doubtful.add(self.current)
        self.last_project_line = None

    def _continues_project(self, index: int, line: str) -> bool:
        if self.current is None or self.last_project_line != index - 1 or not line.strip():
            return False
        previous = self.section[index - 1].rstrip()
        return line[:1].isspace() or line.strip()[:1].islower() or previous.endswith(("-", ","))

    def _continues_a_wording(self, words: str) -> bool:
        return any(known == words or known.startswith(words + " ") for known in self.wordings)

    def _close_label(self) -> None:
        if not self.label:
            return
        wording = " ".join(self.label)
        self.current = self.wordings.get(wording)
        if self.current is None:
            self.reader.parsed.open_points.append(
                f"Maßnahmenart nicht erkannt: „{escaped(wording)}“ (Wortlaut laut Standardtext: "
                + "; ".join(self.standard.massnahmenarten.values())
                + "): Projekte von Hand zuordnen"
            )
        else:
            self.found.add(self.current)
            self.used.update(self.label_lines)
        if self.current is None and self.bounded:
            self.used.update(self.label_lines)  # reported above; kept out of the section's wording
        self.label.clear()
        self.label_lines.clear()
        self.last_project_line = None

    def _result(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for slug, projects in self.measures.items():
            if projects:
                result[slug] = projects
            elif slug in self.found and slug not in self.doubtful:
                result[slug] = NO_PROJECT  # the list names the measure type and no project under it
            elif slug in self.doubtful:
                result[slug] = []  # its unplaced lines are open points; refused until someone decides
            else:
                result[slug] = []  # refused by make check until someone fills it in
                self.reader.parsed.open_points.append(
                    f"Maßnahmenart „{self.standard.massnahmenarten[slug]}“ im Text nicht gefunden: Projekte eintragen "
                    f"oder „{NO_PROJECT}“"
                )
        return result


def _vocabulary(standard: StandardText, partner: Partner) -> set[str]:
    texts = [section.text for section in standard.abschnitte] + list(standard.massnahmenarten.values())
    texts += naming_values(partner.naming).values()
    return {word for text in texts for word in re.findall(r"\w+", text)}


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _plain(line: str) -> str:
    return " ".join(strip_markup(line).split())


def _words(lines: list[str] | str) -> list[str]:
    return words("\n".join(lines) if isinstance(lines, list) else lines)


def _find_year(plain: list[str]) -> int | None:
    year = title_year(" ".join(plain[:40]))
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


def _find_partner(plain: list[str], furniture: list[str], dataset: Dataset, year: int | None) -> Partner | None:
    """The partner the document names as its party ("… und dem Landkreis Fulda", "und der Brüder-Grimm-Stadt
    Hanau") near the top, however the lines are wrapped; else the one its headers or footers name."""
    head = " " + " ".join(plain[:40]) + " "
    partners = [p for p in dataset.partners.values() if year is None or p.exists_in(year)]
    named = _named(head, partners, r"\bund\s+(?:dem|der|den|die)\s+")
    if not named:
        named = _named(" " + " ".join(_plain(line) for line in furniture) + " ", partners, "")
    return max(named, key=lambda found: len(found[1]), default=(None, ""))[0]


def _named(text: str, partners: list[Partner], before: str) -> list[tuple[Partner, str]]:
    """Each partner named in `text` by its bezeichnung or one of its official names, with the name found."""
    found = []
    for partner in partners:
        for name in (partner.bezeichnung, *partner.weitere_namen):
            if re.search(before + r"(?<![\w-])" + r"\s+".join(map(re.escape, name.split())) + r"(?![\w-])", text):
                found.append((partner, name))
    return found


def _first_line(section_text: str) -> str:
    return next(_plain(line) for line in section_text.splitlines() if line.strip())


def _section_starts(lines: list[str], standard: StandardText, parsed: _Parsed) -> dict[str, tuple[int, int]]:
    """Where each standard section begins and ends in the signed text, found by its first line."""
    found = _first_lines_found(lines, standard, parsed)
    starts: dict[str, tuple[int, int]] = {}
    for number, (section_id, begin) in enumerate(found):
        if begin < 0:
            continue
        end = next((b for _, b in found[number + 1 :] if b >= 0), len(lines))
        starts[section_id] = (begin, end)
    # A trailing signature section: the signed text's place-and-date line ends the section before it.
    for section_id, begin in found:
        if begin < 0 and starts:
            _split_at_signatures(lines, starts, section_id)
    return starts


def _first_lines_found(lines: list[str], standard: StandardText, parsed: _Parsed) -> list[tuple[str, int]]:
    """Each section with the line its first line is on; -1 for a section that is only the signatures."""
    found: list[tuple[str, int]] = []
    position = 0
    for section in standard.abschnitte:
        if is_block_only(section.text):
            # A section that is only a structured part (the signatures) starts where the previous ended;
            # its beginning is found after the last section below.
            found.append((section.id, -1))
            continue
        wanted = _first_line(section.text)
        index = next((i for i in range(position, len(lines)) if _plain(lines[i]) == wanted), None)
        if index is None:
            parsed.open_points.append(
                f"Abschnitt „{section.titel}“ nicht gefunden (erwartet eine Zeile „{wanted}“): "
                "mit dem unterzeichneten Text abgleichen"
            )
            continue
        found.append((section.id, index))
        position = index + 1
    return found


def _split_at_signatures(lines: list[str], starts: dict[str, tuple[int, int]], section_id: str) -> None:
    previous_id = max(starts, key=lambda sid: starts[sid][0])
    previous_begin, previous_end = starts[previous_id]
    signature = next((i for i in range(previous_begin, previous_end) if SIGNATURE_PLACE.match(_plain(lines[i]))), None)
    if signature is not None:
        starts[previous_id] = (previous_begin, signature)
        starts[section_id] = (signature, previous_end)


def _section_with(standard: StandardText, placeholder: str) -> str | None:
    return next((s.id for s in standard.abschnitte if placeholder in s.text), None)


def _budget_candidates(section: list[str]) -> list[int]:
    """Every amount in Euro the budget section names, in order, each once."""
    found = euro_amounts_in_line(" ".join(_plain(line) for line in section))
    # 0 is never a budget (a browser print's "0" beside a page counter once became one): not found, an open point
    return [amount for amount in dict.fromkeys(found) if amount > 0]


def _with_blocks(section: list[str], structured: set[int], placeholder: str) -> list[str]:
    """The section's lines with its structured part (list, signatures) replaced by the placeholder."""
    if not structured:
        return section
    first = min(structured)
    return [
        placeholder if index == first else line
        for index, line in enumerate(section)
        if index == first or index not in structured
    ]
