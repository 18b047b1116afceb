"""Start new data files for staff: a draft agreement, a new year's standard text, the editor schemas.

Drafts are written from the model (field order and German descriptions as comments), so they never
list fields the model does not have. Nothing that exists is ever overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from aqb.loader import AGREEMENTS_DIR, SCHEMA_DIR, STANDARD_TEXTS_DIR, Dataset
from aqb.model import FullTextAgreement, Partner, PartnerNaming
from aqb.schema import render, schemas
from aqb.text import document_title


class ScaffoldError(Exception):
    """A draft could not be written; the message is for staff (German)."""


def naming_for(partner: Partner) -> PartnerNaming:
    """How a text usually names the partner in each case: 'der Landkreis X', 'des Landkreises X', …"""
    name = partner.bezeichnung
    if name.startswith("Stadt "):
        return PartnerNaming(nominativ=f"die {name}", genitiv=f"der {name}", dativ=f"der {name}", akkusativ=f"die {name}")
    head, _, rest = name.partition(" ")
    genitive = f"{head}es {rest}".strip() if head in ("Landkreis", "Kreis") else f"{name}es"
    return PartnerNaming(nominativ=f"der {name}", genitiv=f"des {genitive}", dativ=f"dem {name}", akkusativ=f"den {name}")


def agreement_path(data_dir: Path, slug: str, year: int) -> Path:
    return data_dir / AGREEMENTS_DIR / str(year) / f"{slug}.yaml"


def new_agreement(dataset: Dataset, data_dir: Path, slug: str, year: int) -> Path:
    """Write a draft for `slug` in `year`, pre-filled from the partner's latest earlier full text."""
    partner = dataset.partners.get(slug)
    if partner is None:
        raise ScaffoldError(f"Unbekannte Gebietskörperschaft: '{slug}'. Gültig sind: {', '.join(dataset.partners)}.")
    if not partner.exists_in(year):
        raise ScaffoldError(f"{partner.bezeichnung} ist im Jahr {year} kein Partner des AQB.")
    target = agreement_path(data_dir, slug, year)
    if target.exists() or target.with_suffix(".yml").exists():
        raise ScaffoldError(f"{target} gibt es schon; sie wird nicht überschrieben.")
    earlier = [a for a in dataset.agreements if a.partner == slug and a.jahr < year and a.has_text]
    previous = earlier[-1] if earlier else None
    standard = dataset.standard_texts.get(year)
    values: dict[str, Any] = {
        "jahr": year,
        "partner": slug,
        "art": "wortlaut",
        "partner_im_text": (previous.partner_im_text if previous else naming_for(partner)).model_dump(),
        "budget": None,
        "massnahmen": ({k: list(v) for k, v in previous.massnahmen.items()} if previous
                       else {measure: [] for measure in dataset.measure_types}),
        "unterzeichnende": [{"name": s.name, "funktion": s.funktion, "ort": s.ort, "datum": None}
                            for s in previous.unterzeichnende] if previous else
                           [{"name": None, "funktion": None, "ort": None, "datum": None}],
        "quelle": {"titel": document_title(standard, naming_for(partner)) if standard else None,
                   "herausgeber": standard.ministerium.name if standard else None},
    }
    notes = {
        "budget": "Noch eintragen: Haushaltsmittel nach § 4, in ganzen Euro.",
        "massnahmen": (f"Aus der Vereinbarung {previous.jahr} übernommen: behalten, anpassen oder löschen."
                       if previous else "Projekte je Maßnahmenart eintragen; leere Listen bleiben als [] stehen."),
        "unterzeichnende": "Namen und Funktionen prüfen, Datum der Unterschrift eintragen (oder die Zeile löschen, "
                           "wenn im Dokument keins steht).",
    }
    heading = (f"Entwurf: Zielvereinbarung {year} – {partner.bezeichnung}. "
               "Alle leeren Felder ausfüllen, dann `make check`.")
    write_draft(target, "../../schema/vereinbarung.schema.json", heading, FullTextAgreement, values, notes)
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
    copied = [f"jahr: {year}\n" if line == f"jahr: {max(earlier)}\n" else line for line in lines]
    note = (f"# ENTWURF aus {source.name}: Wortlaut und Jahreszahlen mit dem Standardtext des Ministeriums "
            f"für {year} abgleichen,\n# dann diese Zeile löschen. `make check` warnt, solange der Text nur "
            f"{max(earlier)} nennt.\n")
    schema_line = 1 if copied and copied[0].startswith("# yaml-language-server") else 0
    copied.insert(schema_line, note)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(copied), encoding="utf-8")
    return target


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


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))
# A value still to be filled in is written as nothing at all: `budget:`.
_Dumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))


def write_draft(target: Path, schema: str, heading: str, model: type[BaseModel], values: dict[str, Any],
           notes: dict[str, str]) -> None:
    parts = [f"# yaml-language-server: $schema={schema}\n# {heading}\n"]
    for name, field in model.model_fields.items():
        if name not in values:
            continue
        comment = f"# {field.description}" + (f"\n# {notes[name]}" if name in notes else "")
        dumped = yaml.dump({name: values[name]}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                           default_flow_style=False, width=100)
        parts.append(f"\n{comment}\n{dumped}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(parts), encoding="utf-8")
