"""Open data: the validated model as JSON and CSV files, per site and per year.

Every file is rendered from the same model as the pages, by the json and csv modules. Each table
(AGREEMENTS, PROJECTS, PARTNERS, REQUESTS) is declared once, as its columns in order with the value each
reads: the CSV files, the workbook's sheets, anfragen.json and the column lists on the data page derive
from it.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from aqb.data.dataset import Dataset
from aqb.data.model import (
    AnyAgreement,
    FullTextAgreement,
    InformationRequest,
    KeyFiguresRecord,
    NamedSignatory,
    Original,
    Partner,
    Signatory,
    TextVersion,
)
from aqb.data.text import full_text
from aqb.urls import agreement_url, partner_url

# Our structured data; the agreements themselves are official texts (§ 5 UrhG).
LICENCE = {
    "name": "Datenlizenz Deutschland – Zero – Version 2.0",
    "url": "https://www.govdata.de/dl-de/zero-2-0",
    "uri": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
}
Subject = TypeVar("Subject")


@dataclass(frozen=True)
class RecordCells:
    """One agreement and what its downloads say of it beyond its fields: read once, for its JSON record,
    its row in vereinbarungen.csv and its rows in projekte.csv."""

    dataset: Dataset
    agreement: AnyAgreement
    base_url: str  # the public address, or "" (then addresses are paths below the site)
    changed: date | None

    @property
    def partner(self) -> Partner:
        return self.dataset.partners[self.agreement.partner]

    @property
    def full_text(self) -> FullTextAgreement | None:
        return self.agreement if isinstance(self.agreement, FullTextAgreement) else None

    @property
    def key_figures(self) -> KeyFiguresRecord | None:
        return self.agreement if isinstance(self.agreement, KeyFiguresRecord) else None

    @property
    def original(self) -> Original | None:
        """The document published beside the pages (a full text's only): signed, or a transcript of it."""
        return self.full_text.original if self.full_text is not None else None

    @property
    def text_version(self) -> TextVersion | None:
        return self.original.textfassung if self.original is not None else None

    @property
    def original_url(self) -> str | None:
        return self.base_url + self.original.datei if self.original is not None else None

    @property
    def text_version_url(self) -> str | None:
        return self.base_url + self.text_version.datei if self.text_version is not None else None

    @property
    def url(self) -> str:
        return self.base_url + agreement_url(self.agreement)


def agreement_record(cells: RecordCells) -> dict[str, Any]:
    """Every field of the model, plus what the site adds: budget in euros, full text, address, dates."""
    agreement = cells.agreement
    record = agreement.model_dump(mode="json", exclude={"offene_punkte"})  # always empty once published
    record["budget"] = agreement.budget
    record["gebietskoerperschaft"] = cells.partner.bezeichnung
    if cells.full_text is not None:  # the names the text uses, from its partner
        record["partner_im_text"] = cells.partner.naming.model_dump(mode="json")
        # The document, published beside the pages (the record keeps its own fields unchanged), and what it
        # is: the signed document (a PDF) or a transcript of it (a text file, whose `herkunft` says where from).
        record["original_url"] = cells.original_url
        record["original_art"] = cells.original.kind if cells.original is not None else None
        record["original_textfassung_url"] = cells.text_version_url
    record["wortlaut"] = (
        full_text(cells.full_text, cells.dataset.standard_texts[agreement.jahr], cells.partner.naming)
        if cells.full_text is not None
        else None
    )
    record["geaendert"] = _iso(cells.changed)
    record["url"] = cells.url
    return record


def agreements_json(dataset: Dataset, records: list[dict[str, Any]]) -> str:
    document = {
        "titel": "Zielvereinbarungen zum Ausbildungs- und Qualifizierungsbudget (AQB) in Hessen",
        "lizenz": LICENCE,
        "hinweis": "Die Vereinbarungen sind amtliche Texte; die strukturierten Daten stehen unter der genannten "
        "Lizenz.",
        "vereinbarungen": records,
        "gebietskoerperschaften": [
            {
                "kuerzel": slug,
                **p.model_dump(mode="json", exclude={"slug"}),
                # The case forms the texts use: the partner's own (im_text) or those of the rule.
                "im_text_formen": p.naming.model_dump(mode="json"),
            }
            for slug, p in dataset.partners.items()
        ],
        "massnahmenarten": [
            {"kuerzel": slug, **m.model_dump(mode="json", exclude={"slug"})}
            for slug, m in dataset.measure_types.items()
        ],
        "landessummen": {
            str(year): {**total.model_dump(mode="json"), "betrag": total.betrag}
            for year, total in dataset.statewide_totals.items()
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


# What makes a spreadsheet read a cell as a formula (OWASP, CSV injection), after any leading white
# space or invisible characters, and in the full-width and small forms that NFKC turns into these
# (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫), plus the minus sign U+2212. The projects page's own CSV uses the same list.
FORMULA_START = "=+-@\u2212"


def defused(value: str) -> str:
    """A text cell that starts like a formula, prefixed with ' so spreadsheets show it, never run it."""
    index = 0
    while index < len(value) and (value[index].isspace() or unicodedata.category(value[index]) == "Cf"):
        index += 1
    first = unicodedata.normalize("NFKC", value[index : index + 1])[:1]
    if value[:1] in ("\t", "\r") or (first and first in FORMULA_START):
        return "'" + value
    return value


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return defused(value)
    return "" if value is None else value


def _safe_rows(columns: list[str], rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [[_safe(row.get(column)) for column in columns] for row in rows]


def _csv(columns: list[str], safe_rows: list[list[Any]], excel: bool) -> str:
    """RFC 4180 (comma, CRLF); the Excel variant uses semicolons and a BOM, as German Excel expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(safe_rows)
    return ("\ufeff" if excel else "") + buffer.getvalue()


def _signatory_text(signatory: Signatory | NamedSignatory) -> str:
    """'Heike Hofmann (Staatsministerin …, Wiesbaden, 2025-08-02)'; a public source names no place or date."""
    text = f"{signatory.name} ({' '.join(signatory.funktion.splitlines())}"
    if isinstance(signatory, Signatory):
        text += f", {signatory.ort}" + (f", {signatory.datum.isoformat()}" if signatory.datum else "")
    return text + ")"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def named_projects(agreement: AnyAgreement) -> int | None:
    """How many projects the agreement (or, for key figures, its source) names: its rows in projekte.csv.

    A signed text lists every project, so 0 means none. A public source that names no project says
    nothing about how many there are: None (an empty cell), never 0."""
    count = sum(len(projects) for projects in agreement.massnahmen.values())
    if isinstance(agreement, FullTextAgreement):
        return count
    count += len(agreement.projekte_ohne_zuordnung)
    return count or None


@dataclass(frozen=True)
class Table(Generic[Subject]):
    """A download table, declared once: its columns in order, each with the value it reads from one
    subject (a row). The column names (in the files and on the data page) and the rows derive from it."""

    columns: tuple[tuple[str, Callable[[Subject], Any]], ...]

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.columns]

    def row(self, subject: Subject) -> dict[str, Any]:
        """One row in plain values (defused where a CSV needs it)."""
        return {name: value(subject) for name, value in self.columns}


# vereinbarungen.csv: one row per agreement, either kind.
AGREEMENTS = Table[RecordCells](
    (
        ("jahr", lambda c: c.agreement.jahr),
        ("partner", lambda c: c.agreement.partner),
        ("gebietskoerperschaft", lambda c: c.partner.bezeichnung),
        ("art", lambda c: c.agreement.art),
        ("budget_eur", lambda c: c.agreement.budget),
        ("budget_laut_quelle", lambda c: c.key_figures.budget_laut_quelle if c.key_figures is not None else None),
        ("anzahl_genannte_projekte", lambda c: named_projects(c.agreement)),
        ("unterzeichnende", lambda c: "; ".join(_signatory_text(s) for s in c.agreement.unterzeichnende)),
        ("angaben", lambda c: "; ".join(c.key_figures.angaben) if c.key_figures is not None else None),
        ("abweichungen", lambda c: ", ".join(c.full_text.abweichungen) if c.full_text is not None else None),
        ("quelle_titel", lambda c: c.agreement.quelle.titel),
        ("quelle_herausgeber", lambda c: c.agreement.quelle.herausgeber),
        ("quelle_url", lambda c: c.agreement.quelle.url),
        ("quelle_abgerufen", lambda c: _iso(c.agreement.quelle.abgerufen)),
        ("quelle_hinweis", lambda c: c.agreement.quelle.hinweis),
        ("original_url", lambda c: c.original_url),
        ("original_sha256", lambda c: c.original.sha256 if c.original is not None else None),
        ("original_art", lambda c: c.original.kind if c.original is not None else None),
        ("original_herkunft", lambda c: c.original.herkunft if c.original is not None else None),
        ("original_textfassung_url", lambda c: c.text_version_url),
        ("original_textfassung_sha256", lambda c: c.text_version.sha256 if c.text_version is not None else None),
        ("geaendert", lambda c: _iso(c.changed)),
        ("url", lambda c: c.url),
    )
)


@dataclass(frozen=True)
class ProjectCells:
    """One project named by an agreement, under its measure type (None: the source gives none)."""

    record: RecordCells
    measure_type: str | None
    project: str


def project_subjects(cells: RecordCells) -> list[ProjectCells]:
    """The projects an agreement names, by measure type, then those its source names without one."""
    agreement = cells.agreement
    subjects = [ProjectCells(cells, slug, p) for slug, projects in agreement.massnahmen.items() for p in projects]
    if isinstance(agreement, KeyFiguresRecord):
        subjects += [ProjectCells(cells, None, p) for p in agreement.projekte_ohne_zuordnung]
    return subjects


# projekte.csv: one row per project.
PROJECTS = Table[ProjectCells](
    (
        ("jahr", lambda p: p.record.agreement.jahr),
        ("partner", lambda p: p.record.agreement.partner),
        ("gebietskoerperschaft", lambda p: p.record.partner.bezeichnung),
        ("massnahmenart", lambda p: p.measure_type),
        (
            "massnahmenart_name",
            lambda p: p.record.dataset.measure_types[p.measure_type].name if p.measure_type is not None else None,
        ),
        ("projekt", lambda p: p.project),
        ("url", lambda p: p.record.url),
    )
)


@dataclass(frozen=True)
class PartnerCells:
    partner: Partner
    base_url: str


# gebietskoerperschaften.csv: one row per partner. The case forms the texts use (im_text) only in the
# JSON: a grammar helper, no fact.
PARTNERS = Table[PartnerCells](
    (
        ("kuerzel", lambda c: c.partner.slug),
        ("name", lambda c: c.partner.name),
        ("bezeichnung", lambda c: c.partner.bezeichnung),
        ("art", lambda c: c.partner.art),
        ("kreisschluessel", lambda c: c.partner.kreisschluessel),
        ("regierungsbezirk", lambda c: c.partner.regierungsbezirk),
        ("gueltig_ab", lambda c: _iso(c.partner.gueltig_ab)),
        ("gueltig_bis", lambda c: _iso(c.partner.gueltig_bis)),
        ("hinweis", lambda c: c.partner.hinweis),
        ("weitere_namen", lambda c: "; ".join(c.partner.weitere_namen)),  # one cell, as the signatories
        ("kachel_zeile", lambda c: c.partner.kachel.zeile),
        ("kachel_spalte", lambda c: c.partner.kachel.spalte),
        ("kachel_kurz", lambda c: c.partner.kachel.kurz),
        ("url", lambda c: c.base_url + partner_url(c.partner.slug)),
    )
)


@dataclass(frozen=True)
class RequestCells:
    dataset: Dataset
    request: InformationRequest


# anfragen.csv and anfragen.json: every filed request; `status` as the site shows it (answered once the
# agreement is in data/), `status_laut_eintrag` as filed.
REQUESTS = Table[RequestCells](
    (
        ("partner", lambda c: c.request.partner),
        (
            "gebietskoerperschaft",
            lambda c: (
                c.dataset.partners[c.request.partner].bezeichnung if c.request.partner in c.dataset.partners else "alle"
            ),
        ),
        ("jahr", lambda c: c.request.jahr),
        ("adresse", lambda c: c.request.adresse),
        ("datum", lambda c: c.request.datum.isoformat()),
        ("status", lambda c: c.dataset.request_status(c.request)),
        ("status_laut_eintrag", lambda c: c.request.status),
        ("notiz", lambda c: c.request.notiz),
    )
)


def request_rows(dataset: Dataset) -> list[dict[str, Any]]:
    filed = dataset.requests.anfragen if dataset.requests else []
    return [REQUESTS.row(RequestCells(dataset, r)) for r in filed]


def requests_json(dataset: Dataset) -> str:
    document = {
        "titel": "Anfragen nach Zielvereinbarungen zum AQB",
        "lizenz": LICENCE,
        "anfragen": request_rows(dataset),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


WORKBOOK = "zielvereinbarungen.xlsx"


def data_files(
    dataset: Dataset, base_url: str, changes: dict[tuple[int, str], date]
) -> Iterator[tuple[str, str | bytes]]:
    """Every download below the site root (all agreements, and the same per year), one at a time.

    Each agreement's record and rows are built once and shared by the file of all years and its year's file.
    `base_url` is the public address, or "" where none is configured: then addresses are paths below the site.
    """
    from aqb.outputs.workbook import workbook  # openpyxl loads only where downloads are written, not for pages

    partners = [PARTNERS.row(PartnerCells(p, base_url)) for p in dataset.partners.values()]
    partner_cells = _safe_rows(PARTNERS.names, partners)
    yield "daten/gebietskoerperschaften.csv", _csv(PARTNERS.names, partner_cells, excel=False)
    yield "daten/gebietskoerperschaften-excel.csv", _csv(PARTNERS.names, partner_cells, excel=True)
    requests = _safe_rows(REQUESTS.names, request_rows(dataset))
    yield "daten/anfragen.json", requests_json(dataset)
    yield "daten/anfragen.csv", _csv(REQUESTS.names, requests, excel=False)
    yield "daten/anfragen-excel.csv", _csv(REQUESTS.names, requests, excel=True)
    records, rows, projects = [], [], []
    by_year: dict[int, list[int]] = {}
    for index, a in enumerate(dataset.agreements):
        cells = RecordCells(dataset, a, base_url, changes.get((a.jahr, a.partner)))
        records.append(agreement_record(cells))
        rows.append(AGREEMENTS.row(cells))
        projects.append([PROJECTS.row(project) for project in project_subjects(cells)])
        by_year.setdefault(a.jahr, []).append(index)
    groups = [("daten", range(len(records))), *((f"daten/{year}", by_year[year]) for year in sorted(by_year))]
    for folder, indices in groups:
        yield f"{folder}/vereinbarungen.json", agreements_json(dataset, [records[i] for i in indices])
        agreement_plain = [rows[i] for i in indices]
        project_plain = [row for i in indices for row in projects[i]]
        agreement_cells = _safe_rows(AGREEMENTS.names, agreement_plain)
        project_cells = _safe_rows(PROJECTS.names, project_plain)
        for suffix, excel in (("", False), ("-excel", True)):
            yield f"{folder}/vereinbarungen{suffix}.csv", _csv(AGREEMENTS.names, agreement_cells, excel)
            yield f"{folder}/projekte{suffix}.csv", _csv(PROJECTS.names, project_cells, excel)
        yield (
            f"{folder}/{WORKBOOK}",
            workbook(
                [
                    ("Vereinbarungen", AGREEMENTS.names, agreement_plain),
                    ("Projekte", PROJECTS.names, project_plain),
                    ("Gebietskörperschaften", PARTNERS.names, partners),
                ]
            ),
        )
