"""Open data: the validated model as JSON and CSV files, per site and per year.

Every file is rendered from the same model as the pages, by the json and csv modules.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Any

from aqb.data.dataset import Dataset
from aqb.data.model import AnyAgreement, FullTextAgreement, KeyFiguresRecord, NamedSignatory, Signatory
from aqb.data.text import full_text
from aqb.outputs.workbook import workbook
from aqb.urls import agreement_url, partner_url

# Our structured data; the agreements themselves are official texts (§ 5 UrhG).
LICENCE = {
    "name": "Datenlizenz Deutschland – Zero – Version 2.0",
    "url": "https://www.govdata.de/dl-de/zero-2-0",
    "uri": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
}

AGREEMENT_COLUMNS = [
    "jahr",
    "partner",
    "gebietskoerperschaft",
    "art",
    "budget_eur",
    "budget_laut_quelle",
    "anzahl_genannte_projekte",
    "unterzeichnende",
    "angaben",
    "abweichungen",
    "quelle_titel",
    "quelle_herausgeber",
    "quelle_url",
    "quelle_abgerufen",
    "quelle_hinweis",
    "original_url",
    "original_sha256",
    "original_art",
    "original_herkunft",
    "original_textfassung_url",
    "original_textfassung_sha256",
    "geaendert",
    "url",
]
PROJECT_COLUMNS = ["jahr", "partner", "gebietskoerperschaft", "massnahmenart", "massnahmenart_name", "projekt", "url"]
PARTNER_COLUMNS = [
    "kuerzel",
    "name",
    "bezeichnung",
    "art",
    "kreisschluessel",
    "regierungsbezirk",
    "gueltig_ab",
    "gueltig_bis",
    "hinweis",
    "weitere_namen",
    "kachel_zeile",
    "kachel_spalte",
    "kachel_kurz",
    "url",
]
REQUEST_COLUMNS = [
    "partner",
    "gebietskoerperschaft",
    "jahr",
    "adresse",
    "datum",
    "status",
    "status_laut_eintrag",
    "notiz",
]


def _permalink(base_url: str, agreement: AnyAgreement) -> str:
    return base_url + agreement_url(agreement)


def agreement_record(dataset: Dataset, agreement: AnyAgreement, base_url: str, changed: date | None) -> dict[str, Any]:
    """Every field of the model, plus what the site adds: budget in euros, full text, address, dates."""
    record = agreement.model_dump(mode="json", exclude={"offene_punkte"})  # always empty once published
    record["budget"] = agreement.budget
    record["gebietskoerperschaft"] = dataset.partners[agreement.partner].bezeichnung
    if isinstance(agreement, FullTextAgreement):  # the names the text uses, from its partner
        record["partner_im_text"] = dataset.partners[agreement.partner].naming.model_dump(mode="json")
        # The document, published beside the pages (the record keeps its own fields unchanged), and what it
        # is: the signed document (a PDF) or a transcript of it (a text file, whose `herkunft` says where from).
        record["original_url"] = base_url + agreement.original.datei if agreement.original else None
        record["original_art"] = agreement.original.kind if agreement.original else None
        version = agreement.original.textfassung if agreement.original else None
        record["original_textfassung_url"] = base_url + version.datei if version else None
    record["wortlaut"] = (
        full_text(agreement, dataset.standard_texts[agreement.jahr], dataset.partners[agreement.partner].naming)
        if isinstance(agreement, FullTextAgreement)
        else None
    )
    record["geaendert"] = changed.isoformat() if changed else None
    record["url"] = _permalink(base_url, agreement)
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


def _original_cells(agreement: AnyAgreement, base_url: str) -> dict[str, str | None]:
    original = agreement.original if isinstance(agreement, FullTextAgreement) else None
    version = original.textfassung if original else None
    return {
        "original_url": base_url + original.datei if original else None,
        "original_sha256": original.sha256 if original else None,
        "original_art": original.kind if original else None,
        "original_herkunft": original.herkunft if original else None,
        "original_textfassung_url": base_url + version.datei if version else None,
        "original_textfassung_sha256": version.sha256 if version else None,
    }


def named_projects(agreement: AnyAgreement) -> int | None:
    """How many projects the agreement (or, for key figures, its source) names: its rows in projekte.csv.

    A signed text lists every project, so 0 means none. A public source that names no project says
    nothing about how many there are: None (an empty cell), never 0."""
    count = sum(len(projects) for projects in agreement.massnahmen.values())
    if isinstance(agreement, FullTextAgreement):
        return count
    count += len(agreement.projekte_ohne_zuordnung)
    return count or None


def agreement_row(dataset: Dataset, a: AnyAgreement, base_url: str, changed: date | None) -> dict[str, Any]:
    """One row of vereinbarungen.csv (plain values: defused where a CSV needs it)."""
    return {
        "jahr": a.jahr,
        "partner": a.partner,
        "gebietskoerperschaft": dataset.partners[a.partner].bezeichnung,
        "art": a.art,
        "budget_eur": a.budget,
        "budget_laut_quelle": None if isinstance(a, FullTextAgreement) else a.budget_laut_quelle,
        "anzahl_genannte_projekte": named_projects(a),
        "unterzeichnende": "; ".join(_signatory_text(s) for s in a.unterzeichnende),
        "angaben": None if isinstance(a, FullTextAgreement) else "; ".join(a.angaben),
        "abweichungen": ", ".join(a.abweichungen) if isinstance(a, FullTextAgreement) else None,
        "quelle_titel": a.quelle.titel,
        "quelle_herausgeber": a.quelle.herausgeber,
        "quelle_url": a.quelle.url,
        "quelle_abgerufen": a.quelle.abgerufen.isoformat() if a.quelle.abgerufen else None,
        "quelle_hinweis": a.quelle.hinweis,
        **_original_cells(a, base_url),
        "geaendert": changed.isoformat() if changed else None,
        "url": _permalink(base_url, a),
    }


def project_rows(dataset: Dataset, a: AnyAgreement, base_url: str) -> list[dict[str, Any]]:
    common = {
        "jahr": a.jahr,
        "partner": a.partner,
        "gebietskoerperschaft": dataset.partners[a.partner].bezeichnung,
        "url": _permalink(base_url, a),
    }
    rows = []
    for slug, projects in a.massnahmen.items():
        rows += [
            {**common, "massnahmenart": slug, "massnahmenart_name": dataset.measure_types[slug].name, "projekt": p}
            for p in projects
        ]
    if isinstance(a, KeyFiguresRecord):
        rows += [{**common, "projekt": p} for p in a.projekte_ohne_zuordnung]
    return rows


def partner_rows(dataset: Dataset, base_url: str) -> list[dict[str, Any]]:
    """One row per partner of gebietskoerperschaften.csv (plain values)."""
    return [
        {
            "kuerzel": slug,
            # The case forms the texts use (im_text) only in the JSON: a grammar helper, no fact.
            **p.model_dump(mode="json", exclude={"slug", "im_text", "kachel"}),
            **{f"kachel_{key}": value for key, value in p.kachel.model_dump().items()},
            "weitere_namen": "; ".join(p.weitere_namen),  # one cell, as the signatories in vereinbarungen.csv
            "url": base_url + partner_url(slug),
        }
        for slug, p in dataset.partners.items()
    ]


def request_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """Every filed request; `status` as the site shows it (answered once the agreement is in data/)."""
    filed = dataset.requests.anfragen if dataset.requests else []
    return [
        {
            "partner": r.partner,
            "gebietskoerperschaft": dataset.partners[r.partner].bezeichnung
            if r.partner in dataset.partners
            else "alle",
            "jahr": r.jahr,
            "adresse": r.adresse,
            "datum": r.datum.isoformat(),
            "status": dataset.request_status(r),
            "status_laut_eintrag": r.status,
            "notiz": r.notiz,
        }
        for r in filed
    ]


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
    partners = partner_rows(dataset, base_url)
    partner_cells = _safe_rows(PARTNER_COLUMNS, partners)
    yield "daten/gebietskoerperschaften.csv", _csv(PARTNER_COLUMNS, partner_cells, excel=False)
    yield "daten/gebietskoerperschaften-excel.csv", _csv(PARTNER_COLUMNS, partner_cells, excel=True)
    requests = _safe_rows(REQUEST_COLUMNS, request_rows(dataset))
    yield "daten/anfragen.json", requests_json(dataset)
    yield "daten/anfragen.csv", _csv(REQUEST_COLUMNS, requests, excel=False)
    yield "daten/anfragen-excel.csv", _csv(REQUEST_COLUMNS, requests, excel=True)
    records, rows, projects = [], [], []
    by_year: dict[int, list[int]] = {}
    for index, a in enumerate(dataset.agreements):
        changed = changes.get((a.jahr, a.partner))
        records.append(agreement_record(dataset, a, base_url, changed))
        rows.append(agreement_row(dataset, a, base_url, changed))
        projects.append(project_rows(dataset, a, base_url))
        by_year.setdefault(a.jahr, []).append(index)
    groups = [("daten", range(len(records))), *((f"daten/{year}", by_year[year]) for year in sorted(by_year))]
    for folder, indices in groups:
        yield f"{folder}/vereinbarungen.json", agreements_json(dataset, [records[i] for i in indices])
        agreement_plain = [rows[i] for i in indices]
        project_plain = [row for i in indices for row in projects[i]]
        agreement_cells = _safe_rows(AGREEMENT_COLUMNS, agreement_plain)
        project_cells = _safe_rows(PROJECT_COLUMNS, project_plain)
        for suffix, excel in (("", False), ("-excel", True)):
            yield f"{folder}/vereinbarungen{suffix}.csv", _csv(AGREEMENT_COLUMNS, agreement_cells, excel)
            yield f"{folder}/projekte{suffix}.csv", _csv(PROJECT_COLUMNS, project_cells, excel)
        yield (
            f"{folder}/{WORKBOOK}",
            workbook(
                [
                    ("Vereinbarungen", AGREEMENT_COLUMNS, agreement_plain),
                    ("Projekte", PROJECT_COLUMNS, project_plain),
                    ("Gebietskörperschaften", PARTNER_COLUMNS, partners),
                ]
            ),
        )
