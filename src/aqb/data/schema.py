"""JSON Schemas for editors, generated from the model and filled with the known partners and measure types.

Editors that understand `# yaml-language-server: $schema=…` (VS Code with the YAML extension, …) then
complete field names and show the German descriptions and errors while typing.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, TypeAdapter

from aqb.data.dataset import Dataset
from aqb.data.model import (
    ALL_PARTNERS,
    Agreement,
    MeasureTypeEntry,
    PartnerEntry,
    RequestsFile,
    Slug,
    StandardText,
    StatewideTotal,
)

# Schema name → (data file or folder it describes, for the header comment of data files).
SCHEMA_FILES = {
    "vereinbarung": "data/vereinbarungen/<jahr>/<kürzel>.yaml",
    "gebietskoerperschaften": "data/gebietskoerperschaften.yaml",
    "massnahmenarten": "data/massnahmenarten.yaml",
    "standardtext": "data/standardtexte/<jahr>.yaml",
    "landessummen": "data/landessummen.yaml",
    "anfragen": "data/anfragen.yaml",
}
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas(dataset: Dataset) -> dict[str, dict[str, Any]]:
    """Every schema by name."""
    agreement = TypeAdapter(Agreement).json_schema()
    agreement["title"] = "Zielvereinbarung zum AQB"
    agreement["description"] = (
        "Eine Zielvereinbarung: art: wortlaut, wenn der unterzeichnete Text vorliegt; "
        "art: eckdaten, wenn nur Angaben aus einer öffentlichen Quelle vorliegen."
    )
    for kind in ("FullTextAgreement", "KeyFiguresRecord"):
        properties = agreement["$defs"][kind]["properties"]
        properties["partner"]["enum"] = list(dataset.partners)
        properties["massnahmen"]["propertyNames"] = {"enum": list(dataset.measure_types)}
    standard = TypeAdapter(StandardText).json_schema()
    standard["properties"]["massnahmenarten"]["propertyNames"] = {"enum": list(dataset.measure_types)}
    return {
        "vereinbarung": agreement,
        "gebietskoerperschaften": _keyed("Gebietskörperschaften", "Kürzel → Gebietskörperschaft", PartnerEntry),
        "massnahmenarten": _keyed("Maßnahmenarten", "Kürzel → Maßnahmenart", MeasureTypeEntry),
        "standardtext": standard,
        "anfragen": _requests_schema(dataset),
        "landessummen": {
            **TypeAdapter(dict[str, StatewideTotal]).json_schema(),
            "title": "Landessummen",
            "description": "Jahr → landesweite Summe des AQB",
            "propertyNames": {"pattern": r"^[0-9]{4}$"},
        },
    }


def _requests_schema(dataset: Dataset) -> dict[str, Any]:
    schema = TypeAdapter(RequestsFile).json_schema()
    schema["$defs"]["InformationRequest"]["properties"]["partner"]["enum"] = [*dataset.partners, ALL_PARTNERS]
    return schema


def _keyed(title: str, description: str, model: type[BaseModel]) -> dict[str, Any]:
    schema = TypeAdapter(dict[Slug, model]).json_schema()  # type: ignore[valid-type]  # a model chosen at run time
    return {**schema, "title": title, "description": description}


def render(schema: dict[str, Any]) -> str:
    """Stable text of a schema (the committed copies are compared with it in the tests)."""
    return json.dumps({"$schema": SCHEMA_DIALECT, **schema}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
