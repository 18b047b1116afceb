"""The alignment of a signed document with its year's standard text: document × standard text → the year and
partner, the sections (each the standard wording or a deviation in the signed words), § 4's budget, § 5's
project list, the signatures, and every line left over. The result (`Parsed`) is what the importer writes as a
draft; nothing is dropped in silence: a line is placed, recognised as page furniture (named in the report), or
an open point that `make check` refuses until a person has decided.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from aqb.data.dataset import Dataset
from aqb.data.layout import SourceLine, document_lines, source_lines
from aqb.data.model import FIRST_YEAR, LAST_YEAR, NO_PROJECT, NOT_ENTERED, Partner, StandardText
from aqb.data.problems import escaped
from aqb.data.text import fill, naming_values, strip_markup, words
from aqb.document.headings import headings_of, with_headings
from aqb.document.model import BlockKind, Document, SourceRef
from aqb.document.text import text_document
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
from aqb.staff.scaffold import ScaffoldError

# What never stands in a signatory's function: an annex, an amount. Such lines below the last signature
# are left unplaced, so they become open points (see _report_unused_lines).
_ANNEX_OR_EURO = re.compile(r"^(?:Anlage|Anhang|Kostenplan)\b|\bEuro\b|€")


def _not_a_function(line: str) -> bool:
    return _ANNEX_OR_EURO.search(line) is not None or names_grouped_number(line)


@dataclass
class Parsed:
    values: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # for the report only
    open_points: list[str] = field(default_factory=list)  # into the draft: make check refuses it
    proposal: StandardText | None = None  # the year's standard text, proposed from this document
    document: Document | None = None  # a scan as read, its section headings placed (aqb.document.headings)


def identify(text: str, dataset: Dataset) -> tuple[int, str] | None:
    """The year and partner a document's text names, if it names both (to pair a scan with its text version)."""
    lines, furniture = source_lines(text)
    plain = [_plain(line.text) for line in lines]
    year = _find_year(plain)
    partner = _find_partner(plain, [line.text for line in furniture], dataset, year)
    return (year, partner.slug) if year is not None and partner is not None else None


def parse_agreement(
    text: str,
    dataset: Dataset,
    file_name: str = "dem eingelesenen Text",
    kreis: str | None = None,
    document: Document | None = None,
) -> Parsed:
    """`kreis`: the partner's slug, for a document that names none (make import … KREIS=…). `document`: the
    text as its reader read it, where it knows more than the text (a PDF: where a line may go on below)."""
    parsed = Parsed()
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


def _placed_headings(document: Document, standard: StandardText, partner: Partner, parsed: Parsed) -> Document:
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


def _scan_table_point(document: Document, standard: StandardText, parsed: Parsed) -> None:
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
    plain: list[str], furniture: list[str], dataset: Dataset, year: int | None, kreis: str | None, parsed: Parsed
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
    reading = Parsed()
    lines, _ = source_lines(text, _vocabulary(previous, partner))
    reader = _Reader(lines, previous.model_copy(update={"jahr": year}), partner, reading, signed_wording=True)
    reader.read()
    if reader.sections_found * 2 < len(previous.abschnitte):
        return None  # not an agreement (a cover letter)
    values = reading.values
    return year, previous, SignedReading(name, partner, values.get("budget"), values.get("abweichungen", {}))


def _proposed_standard(
    text: str, previous: StandardText, year: int, partner: Partner, file_name: str, parsed: Parsed
) -> StandardText:
    """The year has no standard text yet: propose one from this document (see aqb.staff.proposal).

    The document is read against the previous year's wording first; what it words differently becomes
    the proposal's wording, so that read against the proposal, the document has no deviations.
    """
    lines, _ = source_lines(text, _vocabulary(previous, partner))
    first_reading = Parsed()
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
        parsed: Parsed,
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


def _section_starts(lines: list[str], standard: StandardText, parsed: Parsed) -> dict[str, tuple[int, int]]:
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


def _first_lines_found(lines: list[str], standard: StandardText, parsed: Parsed) -> list[tuple[str, int]]:
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
