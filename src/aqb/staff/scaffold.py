"""Start new data files for staff: a draft agreement, a new year's standard text, the editor schemas.

Drafts are written from the model (field order and German descriptions as comments), so they never
list fields the model does not have. Nothing that exists is ever overwritten.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from aqb.data.dataset import Dataset, record_path
from aqb.data.loader import SCHEMA_DIR, STANDARD_TEXTS_DIR
from aqb.data.model import NO_PROJECT, NOT_ENTERED, FullTextAgreement, KeyFiguresRecord, Partner
from aqb.data.problems import escaped
from aqb.data.schema import render, schemas
from aqb.data.text import document_title


class ScaffoldError(Exception):
    """A draft could not be written; the message is for staff (German)."""


def agreement_path(data_dir: Path, slug: str, year: int) -> Path:
    return data_dir / record_path(year, slug)


def new_agreement(dataset: Dataset, data_dir: Path, slug: str, year: int) -> Path:
    """Write a draft for `slug` in `year`, pre-filled from the partner's latest earlier record.

    Everything carried over is listed under `offene_punkte`, and what only the signed document can
    say is left blank: `make check` refuses the draft until a person has confirmed each point.
    """
    partner, target = _new_target(dataset, data_dir, slug, year)
    earlier = [a for a in dataset.of_partner(slug) if a.jahr < year]
    if earlier and isinstance(earlier[-1], KeyFiguresRecord):
        return _key_figures_draft(target, partner, year, earlier[-1].jahr)
    full_texts = [a for a in earlier if isinstance(a, FullTextAgreement)]
    previous = full_texts[-1] if full_texts else None
    values = _full_text_values(dataset, partner, year, previous)
    notes = _full_text_notes(previous)
    heading = (
        f"Entwurf: Zielvereinbarung {year} – {partner.bezeichnung}. "
        "Alle leeren Felder ausfüllen, die offenen Punkte erledigen, dann `make check`."
    )
    write_draft(target, "../../schema/vereinbarung.schema.json", heading, FullTextAgreement, values, notes)
    return target


def _new_target(dataset: Dataset, data_dir: Path, slug: str, year: int) -> tuple[Partner, Path]:
    """The partner and the draft's file; refused for an unknown partner, a wrong year or an existing file."""
    partner = dataset.partners.get(slug)
    if partner is None:
        raise ScaffoldError(f"Unbekannte Gebietskörperschaft: '{escaped(slug)}'. {suggestion(slug, dataset.partners)}")
    if not partner.exists_in(year):
        raise ScaffoldError(f"{partner.bezeichnung} ist im Jahr {year} kein Partner des AQB.")
    target = agreement_path(data_dir, slug, year)
    if target.exists() or target.with_suffix(".yml").exists():
        raise ScaffoldError(f"{target} gibt es schon; sie wird nicht überschrieben.")
    return partner, target


def _full_text_values(
    dataset: Dataset, partner: Partner, year: int, previous: FullTextAgreement | None
) -> dict[str, Any]:
    """A full-text draft: carried over from `previous` where there is one, blank where only the document can say."""
    slug = partner.slug
    standard = dataset.standard_texts.get(year)
    return {
        "jahr": year,
        "partner": slug,
        "art": "wortlaut",
        "budget": None,
        "massnahmen": (
            {k: list(v) or NO_PROJECT for k, v in previous.massnahmen.items()}
            if previous
            else {measure: [] for measure in dataset.measure_types}
        ),
        "unterzeichnende": [
            {"name": s.name, "funktion": s.funktion, "ort": s.ort, "datum": None} for s in previous.unterzeichnende
        ]
        if previous
        else [{"name": None, "funktion": None, "ort": None, "datum": None}],
        "quelle": {
            "titel": document_title(standard, partner.naming) if standard else None,
            "herausgeber": standard.ministerium.name if standard else None,
        },
        "offene_punkte": _open_points(previous.jahr if previous else None, slug, year),
    }


def _full_text_notes(previous: FullTextAgreement | None) -> dict[str, str]:
    return {
        "budget": "Noch eintragen: Haushaltsmittel nach § 4, in ganzen Euro.",
        "massnahmen": (
            f"Aus der Vereinbarung {previous.jahr} übernommen: behalten, anpassen oder löschen."
            if previous
            else f"Projekte je Maßnahmenart eintragen; wo keins genannt ist: {NO_PROJECT}"
        ),
        "unterzeichnende": f"Namen und Funktionen prüfen, Datum der Unterschrift eintragen (oder „{NOT_ENTERED}“, "
        "wenn im Dokument keins steht).",
    }


def _open_points(previous_year: int | None, slug: str, year: int) -> list[str]:
    points = []
    if previous_year is not None:
        points += [
            f"massnahmen aus {previous_year} übernommen: Projekte und Schreibweise mit dem unterzeichneten Text "
            f"abgleichen",
            f"unterzeichnende aus {previous_year} übernommen: Namen, Funktionen und Orte mit dem unterzeichneten Text "
            "abgleichen",
        ]
    points += [
        f"quelle.titel aus dem Standardtext {year} gebildet: mit dem Titel des unterzeichneten Dokuments abgleichen",
        f"das unterzeichnete Dokument als data/originaltexte/{year}/{slug}.pdf ablegen, wenn es vorliegt (eine "
        "Abschrift als .txt, mit original.herkunft: woher sie stammt)",
    ]
    return points


def _key_figures_draft(target: Path, partner: Partner, year: int, previous_year: int) -> Path:
    """The partner's last record is known only from a public source: so is the draft."""
    values: dict[str, Any] = {
        "jahr": year,
        "partner": partner.slug,
        "art": "eckdaten",
        "budget_laut_quelle": None,
        "quelle": {"titel": None, "herausgeber": None, "url": None},
        "offene_punkte": [
            f"Angaben aus einer öffentlichen Quelle für {year} eintragen (wie {previous_year}: "
            "Budget wie gedruckt, Projekte, Unterzeichnende), nur was die Quelle nennt"
        ],
    }
    notes = {"budget_laut_quelle": "Genau so abschreiben, wie die Quelle den Betrag druckt, z. B. 879.800 Euro."}
    heading = (
        f"Entwurf: Eckdaten {year} – {partner.bezeichnung} (aus öffentlicher Quelle, wie {previous_year}). "
        "Alle leeren Felder ausfüllen, die offenen Punkte erledigen, dann `make check`."
    )
    write_draft(target, "../../schema/vereinbarung.schema.json", heading, KeyFiguresRecord, values, notes)
    return target


def new_year(dataset: Dataset, data_dir: Path, year: int) -> Path:
    """Copy the latest earlier standard text for the ministry to edit into `year`'s."""
    target = data_dir / STANDARD_TEXTS_DIR / f"{year}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} gibt es schon; sie wird nicht überschrieben.")
    earlier = [y for y in dataset.standard_texts if y < year]
    if not earlier:
        raise ScaffoldError(f"Es gibt keinen Standardtext vor {year}, von dem kopiert werden könnte.")
    source = data_dir / STANDARD_TEXTS_DIR / f"{max(earlier)}.yaml"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    year_line = f"jahr: {max(earlier)}\n"
    # The copy is a draft until the ministry's wording for the new year has been compared with it.
    points = [
        f"Wortlaut, Jahreszahlen, Ministerium und Maßnahmenarten aus {max(earlier)} übernommen: "
        f"mit dem Standardtext des Ministeriums für {year} abgleichen",
        *_year_mentions(lines, max(earlier), year),
    ]
    draft_marker = (
        f"# ENTWURF aus {source.name}: solange hier ein offener Punkt steht, wird nichts veröffentlicht.\n"
        "offene_punkte:\n" + "".join(f"  - {json.dumps(point, ensure_ascii=False)}\n" for point in points)
    )
    copied = [f"jahr: {year}\n{draft_marker}" if line == year_line else line for line in lines]
    if year_line not in lines:
        copied.append(draft_marker)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(copied), encoding="utf-8")
    return target


def _year_mentions(lines: list[str], previous: int, year: int) -> list[str]:
    """An open point for every place the previous year's number stands: never replaced blindly, since
    "für die Jahre 2025 bis 2029" must stay as it is."""
    points, section = [], ""
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("- id:"):
            section = stripped.removeprefix("- id:").strip()
        if stripped.startswith(("#", "jahr:")) or str(previous) not in stripped:
            continue
        at = stripped.index(str(previous))
        excerpt = stripped[max(0, at - 40) : at + 44].strip()
        where = f"Abschnitt {section}" if section else "Kopf"
        points.append(f"{where}: „…{excerpt}…“ nennt {previous}: für {year} ändern oder, wenn so gemeint, lassen")
    return points


def suggestion(value: str, known: dict[str, Any]) -> str:
    """ "Meinten Sie …?" for a mistyped slug (also for a capital letter: Fulda → fulda)."""
    lowered = value.strip().lower().replace(" ", "-")
    containing = [slug for slug in known if lowered and lowered in slug]
    close = [lowered] if lowered in known else containing[:1] or difflib.get_close_matches(lowered, list(known), n=1)
    return f"Meinten Sie '{close[0]}'?" if close else "Gültig sind: " + ", ".join(known) + "."


def write_schemas(dataset: Dataset, data_dir: Path) -> list[Path]:
    folder = data_dir / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, schema in schemas(dataset).items():
        path = folder / f"{name}.schema.json"
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks, as staff would write them."""


_Dumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None),
)
# A value still to be filled in is written as nothing at all: `budget:`.
_Dumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))


def write_draft(
    target: Path, schema: str, heading: str, model: type[BaseModel], values: dict[str, Any], notes: dict[str, str]
) -> None:
    parts = [f"# yaml-language-server: $schema={schema}\n# {heading}\n"]
    for name, field in model.model_fields.items():
        if name not in values:
            continue
        comment = f"# {field.description}" + (f"\n# {notes[name]}" if name in notes else "")
        dumped = yaml.dump(
            {name: values[name]},
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=100,
        )
        parts.append(f"\n{comment}\n{dumped}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(parts), encoding="utf-8")
