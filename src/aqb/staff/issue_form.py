"""The GitHub issue form "Neue Vereinbarung", for staff without git: its partner list comes from the data.

GitHub issue forms are YAML in .github/ISSUE_TEMPLATE/. The dropdown of Landkreise and kreisfreie
Städte is written from data/gebietskoerperschaften.yaml (`make schema` rewrites it with the schemas),
and tests/test_without_terminal.py fails when the file in the repository is out of date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from aqb.data.dataset import Dataset
from aqb.formatting import sort_key

FORM_PATH = Path(".github") / "ISSUE_TEMPLATE" / "neue-vereinbarung.yml"
# The labels are the headings of the answers in the text, which aqb.staff.issue_import reads.
PARTNER_LABEL = "Landkreis oder kreisfreie Stadt"
YEAR_LABEL = "Jahr der Vereinbarung"
DOCUMENT_LABEL = "Unterzeichnetes Dokument"


def new_agreement_form(dataset: Dataset) -> str:
    """The form as YAML: partner (dropdown), year, the signed document (dropped into the field), a source."""
    ordered = sorted(dataset.partners.values(), key=lambda p: (sort_key(p.name), p.art))  # by name, as /kreise/
    partners = [partner.bezeichnung for partner in ordered]
    form: dict[str, Any] = {
        "name": "Neue Vereinbarung",
        "description": "Eine unterzeichnete Zielvereinbarung (oder eine öffentliche Quelle) für die Seite einreichen.",
        "title": "Neue Vereinbarung: ",
        "labels": ["neue-vereinbarung"],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": "Danke! Sie brauchen dafür weder Git noch YAML: Das Team liest das Dokument ein und "
                    "legt einen Pull Request an, den Sie prüfen können."
                },
            },
            {
                "type": "dropdown",
                "id": "partner",
                "attributes": {"label": PARTNER_LABEL, "options": partners},
                "validations": {"required": True},
            },
            {
                "type": "input",
                "id": "jahr",
                "attributes": {"label": YEAR_LABEL, "placeholder": "z. B. 2026"},
                "validations": {"required": True},
            },
            {
                "type": "textarea",
                "id": "dokument",
                "attributes": {
                    "label": DOCUMENT_LABEL,
                    "description": "Die PDF-Datei hierher ziehen (oder einfügen); GitHub hängt sie an.",
                },
            },
            {
                "type": "textarea",
                "id": "quelle",
                "attributes": {
                    "label": "Oder: öffentliche Quelle",
                    "description": "Adresse (https://…) und der Betrag genau so, wie die Quelle ihn druckt.",
                },
            },
        ],
    }
    header = "# Erzeugt aus data/gebietskoerperschaften.yaml (make schema); bitte nicht von Hand ändern.\n"
    return header + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=100)
