"""Staff without a terminal: the issue form, the dev container for Codespaces, the guide's first path.

The form's list of partners is generated from data/gebietskoerperschaften.yaml; it must never lag
behind the data. The dev container must point at schemas and make targets that exist.
"""

from __future__ import annotations

import fnmatch
import json
import re

import yaml

from aqb.data.dataset import Dataset
from aqb.data.loader import load_dataset
from aqb.staff.issue_form import FORM_PATH, new_agreement_form
from helpers import REPO, DataFolder

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_issue_form_in_the_repository_is_up_to_date(bundled_dataset: Dataset) -> None:
    written = (REPO / FORM_PATH).read_text(encoding="utf-8")
    assert written == new_agreement_form(bundled_dataset), "make schema erneuert das Formular"


def test_the_form_offers_every_partner_and_asks_for_year_and_document(bundled_dataset: Dataset) -> None:
    form = yaml.safe_load((REPO / FORM_PATH).read_text(encoding="utf-8"))
    fields = {item.get("id"): item for item in form["body"]}
    partners = bundled_dataset.partners
    assert sorted(fields["partner"]["attributes"]["options"]) == sorted(p.bezeichnung for p in partners.values())
    assert fields["partner"]["validations"]["required"] and fields["jahr"]["validations"]["required"]
    assert "PDF" in fields["dokument"]["attributes"]["description"]


def test_a_new_partner_makes_the_form_out_of_date(data_folder: DataFolder) -> None:
    partners = yaml.safe_load((data_folder.path / "gebietskoerperschaften.yaml").read_text(encoding="utf-8"))
    partners["teststadt"] = {
        "name": "Teststadt",
        "bezeichnung": "Stadt Teststadt",
        "art": "kreisfreie Stadt",
        "regierungsbezirk": "Kassel",
        "kachel": {"zeile": 9, "spalte": 0, "kurz": "TS"},
    }
    data_folder.write("gebietskoerperschaften.yaml", partners)
    assert new_agreement_form(load_dataset(data_folder.path)) != (REPO / FORM_PATH).read_text(encoding="utf-8")


def devcontainer() -> dict[str, object]:
    text = (REPO / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8")
    loaded: dict[str, object] = json.loads(re.sub(r"(?m)^\s*//.*$", "", text))  # JSON with comments
    return loaded


def test_the_dev_container_installs_with_make_and_completes_yaml_from_our_schemas() -> None:
    settings = devcontainer()
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    target = str(settings["postCreateCommand"]).removeprefix("make ")
    assert re.search(rf"^\$\(INSTALLED\):|^{re.escape(target)}:", makefile, re.MULTILINE)
    assert target == ".venv/.installed"
    schemas = settings["customizations"]["vscode"]["settings"]["yaml.schemas"]  # type: ignore[index]
    data_files = [p.relative_to(REPO).as_posix() for p in (REPO / "data").rglob("*.yaml")]
    for schema, pattern in schemas.items():
        assert (REPO / schema).is_file(), schema
        glob = pattern.replace("**/", "*")
        assert any(fnmatch.fnmatch(path, glob) for path in data_files), pattern
    assert 8000 in settings["forwardPorts"]  # type: ignore[operator]


def test_the_guide_starts_with_the_path_without_git() -> None:
    headings = [line for line in GUIDE.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Ohne Git und ohne Terminal"
    first = GUIDE.split("## Ohne Git und ohne Terminal", 1)[1].split("\n## ", 1)[0]
    for way in ("Neue Vereinbarung", "Codespaces", "Windows"):
        assert way in first
    assert "auf der Seite „Mitmachen“ verlinkt" not in GUIDE  # the guide is that page
