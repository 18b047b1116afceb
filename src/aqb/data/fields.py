"""The field reference for staff, generated from the model (so it cannot drift from it)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from aqb.data.model import (
    FullTextAgreement,
    InformationRequest,
    KeyFiguresRecord,
    MeasureTypeEntry,
    Ministry,
    MinistryName,
    NamedSignatory,
    Original,
    PartnerEntry,
    PartnerNaming,
    PublicSource,
    RequestsFile,
    Section,
    Signatory,
    Source,
    StandardText,
    StatewideTotal,
    TilePosition,
)

# (model, where staff meet it)
DOCUMENTED_MODELS: list[tuple[type[BaseModel], str]] = [
    (FullTextAgreement, "data/vereinbarungen/<jahr>/<kürzel>.yaml mit art: wortlaut"),
    (KeyFiguresRecord, "data/vereinbarungen/<jahr>/<kürzel>.yaml mit art: eckdaten"),
    (PartnerNaming, "im_text (data/gebietskoerperschaften.yaml)"),
    (Signatory, "unterzeichnende (art: wortlaut)"),
    (NamedSignatory, "unterzeichnende (art: eckdaten)"),
    (Source, "quelle (art: wortlaut, Landessummen)"),
    (Original, "original (art: wortlaut)"),
    (PublicSource, "quelle (art: eckdaten)"),
    (StandardText, "data/standardtexte/<jahr>.yaml"),
    (Ministry, "ministerium"),
    (Section, "abschnitte"),
    (PartnerEntry, "data/gebietskoerperschaften.yaml, je Kürzel"),
    (TilePosition, "kachel (data/gebietskoerperschaften.yaml)"),
    (MeasureTypeEntry, "data/massnahmenarten.yaml, je Kürzel"),
    (StatewideTotal, "data/landessummen.yaml, je Jahr"),
    (RequestsFile, "data/anfragen.yaml"),
    (MinistryName, "ministerien (data/anfragen.yaml), je Name"),
    (InformationRequest, "anfragen (data/anfragen.yaml), je Anfrage"),
]

_TYPES = {"integer": "Zahl", "string": "Text", "array": "Liste", "object": "Zuordnung", "boolean": "ja/nein"}


def field_reference() -> list[dict[str, Any]]:
    """Every documented model with every field: name, required, kind of value, German description."""
    reference = []
    for model, where in DOCUMENTED_MODELS:
        schema = model.model_json_schema()
        required = set(schema.get("required", []))
        fields = []
        for name, field in model.model_fields.items():
            fields.append(
                {
                    "name": name,
                    "pflicht": name in required,
                    "art": _kind(schema["properties"][name]),
                    "beschreibung": field.description or "",
                }
            )
        reference.append({"titel": model.model_config.get("title", model.__name__), "wo": where, "felder": fields})
    return reference


def _kind(prop: dict[str, Any]) -> str:
    options = prop.get("anyOf", [prop])
    for option in options:
        if option.get("format") == "date":
            return "Datum (JJJJ-MM-TT)"
        if "const" in option:
            return f"genau „{option['const']}“"
        if "enum" in option:
            return "einer von: " + ", ".join(map(str, option["enum"]))
        if "$ref" in option:
            return "Felder (siehe unten)"
        if option.get("type") in _TYPES:
            return _TYPES[option["type"]]
    return "Text"
