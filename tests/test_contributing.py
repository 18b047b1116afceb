"""Staff contribute by pull request: guide, editor schema, drafts, warnings, the GitHub workflow."""

from __future__ import annotations

import copy
import itertools
import json
import re
import shlex
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from aqb.data.dataset import Dataset
from aqb.data.fields import DOCUMENTED_MODELS
from aqb.data.loader import load_dataset
from aqb.data.problems import DataError
from aqb.data.schema import render, schemas
from aqb.data.yamlsource import read_yaml
from helpers import MARBURG, REPO, DataFolder, aqb, page, real_agreement, text_of

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
FIELDS = sorted({(model.__name__, name) for model, _ in DOCUMENTED_MODELS for name in model.model_fields})


# -- the guide -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("model", "field"), FIELDS, ids=[f"{m}.{f}" for m, f in FIELDS])
def test_every_field_is_explained_in_the_guide(model: str, field: str) -> None:
    assert f"`{field}`" in GUIDE, f"{model}.{field} fehlt in CONTRIBUTING.md"


def test_guide_page_shows_the_guide_and_every_field(real_site: Path) -> None:
    soup = page(real_site, "mitmachen/")
    assert text_of(soup.h1) == "Mitmachen"
    assert "make neu KREIS=fulda JAHR=2026" in text_of(soup.select_one(".aqb-leitfaden"))
    documented = {text_of(code) for code in soup.select("table th[scope=row] code")}
    assert {field for _, field in FIELDS} <= documented


# -- the editor schema ------------------------------------------------------------------------------


def test_committed_schemas_are_generated_from_the_model(bundled_dataset: Dataset) -> None:
    generated = schemas(bundled_dataset)
    for name, schema in generated.items():
        committed = (REPO / "data" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == render(schema), f"data/schema/{name}.schema.json ist veraltet: make schema"


def test_site_publishes_the_schemas(real_site: Path) -> None:
    published = json.loads((real_site / "daten" / "schema" / "vereinbarung.json").read_text(encoding="utf-8"))
    assert published["title"] == "Zielvereinbarung zum AQB"
    assert "marburg-biedenkopf" in published["$defs"]["FullTextAgreement"]["properties"]["partner"]["enum"]


def data_files() -> list[Path]:
    return sorted(path for path in (REPO / "data").rglob("*.yaml"))


@pytest.mark.parametrize("path", data_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_data_file_names_its_schema_and_passes_it(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first_line)
    assert match, f"{path}: erste Zeile muss das Schema nennen"
    schema_file = (path.parent / match.group(1)).resolve()
    assert schema_file.is_file()
    data = read_yaml(path, str(path)).data  # as an editor sees it: dates stay text
    jsonschema.validate(data, json.loads(schema_file.read_text(encoding="utf-8")))


def test_schema_flags_what_the_check_refuses() -> None:
    schema = json.loads((REPO / "data" / "schema" / "vereinbarung.schema.json").read_text(encoding="utf-8"))
    record = {**real_agreement(), "budgett": 5}
    record["unterzeichnende"][0]["datum"] = "2025-08-02"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)


# -- drafts ------------------------------------------------------------------------------------------


def test_new_agreement_draft_is_prefilled_from_the_previous_one(data_folder: DataFolder) -> None:
    result = aqb("neu", "marburg-biedenkopf", "2026", cwd=data_folder.root)
    assert result.returncode == 0, result.stderr
    draft = data_folder.path / "vereinbarungen" / "2026" / "marburg-biedenkopf.yaml"
    assert result.stdout.strip() == "Entwurf angelegt: data/vereinbarungen/2026/marburg-biedenkopf.yaml"
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/vereinbarung.schema.json\n")
    values = yaml.safe_load(text)
    previous = real_agreement()
    assert "partner_im_text" not in values  # the names come from the partner, for every year
    assert values["massnahmen"] == previous["massnahmen"]
    assert [s["name"] for s in values["unterzeichnende"]] == ["Heike Hofmann", "Peter Neidel"]
    assert values["budget"] is None and all(s["datum"] is None for s in values["unterzeichnende"])
    # The draft is not publishable until someone fills it in; the check says what is missing.
    data_folder.add_standard_text(2026)
    with pytest.raises(DataError) as raised:
        load_dataset(data_folder.path)
    assert "data/vereinbarungen/2026/marburg-biedenkopf.yaml:15: budget: ist leer; hier fehlt ein Wert" in str(
        raised.value
    )


def test_filled_in_draft_is_valid(data_folder: DataFolder) -> None:
    assert aqb("neu", "fulda", "2025", cwd=data_folder.root).returncode == 0
    draft = data_folder.path / "vereinbarungen" / "2025" / "fulda.yaml"
    text = draft.read_text(encoding="utf-8")
    assert "partner_im_text" not in text  # "dem Landkreis Fulda" comes from the partner
    text = (
        text.replace("budget:\n", "budget: 500000\n")
        .replace("herausgeber:\n", "herausgeber: Testsuite\n")
        .replace("  ausbildung: []", "  ausbildung:\n  - Testprojekt")
        .replace(": []", ": kein Projekt genannt")
        .replace(
            "- name:\n  funktion:\n  ort:\n  datum:\n", "- name: A\n  funktion: B\n  ort: C\n  datum: 2025-03-01\n"
        )
    )
    # Every open point done: staff delete the list.
    text = text[: text.index("offene_punkte:")]
    draft.write_text(text, encoding="utf-8")
    dataset = load_dataset(data_folder.path)
    assert (2025, "fulda") in {(a.jahr, a.partner) for a in dataset.agreements}


def test_draft_never_overwrites(data_folder: DataFolder) -> None:
    target = data_folder.path / MARBURG
    before = target.read_bytes()
    result = aqb("neu", "marburg-biedenkopf", "2025", cwd=data_folder.root)
    assert result.returncode == 1
    assert (
        result.stderr.strip() == "data/vereinbarungen/2025/marburg-biedenkopf.yaml gibt es schon; "
        "sie wird nicht überschrieben."
    )
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("neu", "marburg", "2026"), "Unbekannte Gebietskörperschaft: 'marburg'."),
        (("neu", "hanau", "2025"), "Stadt Hanau ist im Jahr 2025 kein Partner des AQB."),
        (("neues-jahr", "2025"), "gibt es schon; sie wird nicht überschrieben."),
        (("neues-jahr", "2014"), "Es gibt keinen Standardtext vor 2014, von dem kopiert werden könnte."),
    ],
)
def test_drafts_refuse_with_a_reason(data_folder: DataFolder, arguments: tuple[str, ...], message: str) -> None:
    result = aqb(*arguments, cwd=data_folder.root)
    assert result.returncode == 1
    assert message in result.stderr


def test_new_year_copies_the_standard_text_and_check_warns_until_edited(data_folder: DataFolder) -> None:
    assert aqb("neues-jahr", "2026", cwd=data_folder.root).returncode == 0
    copied = yaml.safe_load((data_folder.path / "standardtexte" / "2026.yaml").read_text(encoding="utf-8"))
    original = yaml.safe_load((REPO / "data" / "standardtexte" / "2025.yaml").read_text(encoding="utf-8"))
    assert copied["jahr"] == 2026 and copied["abschnitte"] == original["abschnitte"]
    # A copy nobody has compared with the ministry's wording is a draft: it is refused, not published.
    refused = aqb("check", cwd=data_folder.root)
    assert refused.returncode == 1
    assert (
        "data/standardtexte/2026.yaml:22: offene_punkte[1]: Entwurf, noch offen: Wortlaut, Jahreszahlen, "
        "Ministerium und Maßnahmenarten aus 2025 übernommen: mit dem Standardtext des Ministeriums für 2026 "
        "abgleichen"
    ) in refused.stderr
    path = data_folder.path / "standardtexte" / "2026.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("# ENTWURF"))
    assert lines[start + 1] == "offene_punkte:\n" and lines[start + 2].startswith("  - ")
    # Every place the old year stands is an open point of its own, never replaced blindly.
    points = list(itertools.takewhile(lambda line: line.startswith('  - "'), lines[start + 2 :]))
    source_lines = (REPO / "data" / "standardtexte" / "2025.yaml").read_text(encoding="utf-8").splitlines()
    mentions = [line for line in source_lines if "2025" in line and not line.strip().startswith(("#", "jahr:"))]
    assert len(points) == 1 + len(mentions)
    assert any("Abschnitt praeambel" in line and "für die Jahre 2025 bis 2029" in line for line in points)
    end = start + 2 + len(points)
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")  # the ministry has compared it
    result = aqb("check", cwd=data_folder.root)
    assert result.returncode == 0, result.stderr
    assert (
        "Warnung: data/standardtexte/2026.yaml:19: abschnitte: nennt 2025, aber nie 2026: noch der Wortlaut des "
        "Vorjahres? Hinweis: Mit dem Standardtext des Ministeriums für 2026 abgleichen."
    ) in result.stdout.splitlines()


def test_make_neu_without_arguments_says_how(tmp_path: Path) -> None:
    result = subprocess.run(["make", "-s", "neu", "INSTALLED="], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2
    assert "Bitte angeben: make neu KREIS=<kürzel> JAHR=<jahr>" in result.stdout


# -- warnings ----------------------------------------------------------------------------------------


def test_check_warns_about_suspicious_but_valid_data(data_folder: DataFolder) -> None:
    data_folder.add_standard_text(2024)
    earlier = copy.deepcopy(real_agreement())
    earlier.update(jahr=2024, budget=500_000)
    earlier["massnahmen"]["ausbildung"] = ["Frauenakademie 2025"]
    earlier["quelle"]["url"] = "https://example.org/2024"
    earlier["quelle"]["titel"] = "Zielvereinbarung 2024 (Testdaten)"
    earlier.pop("original")  # the 2025 record's signed document is not the 2024 one
    data_folder.add_agreement(earlier)
    result = aqb("check", cwd=data_folder.root)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    m = "data/vereinbarungen/2025/marburg-biedenkopf.yaml"
    assert lines[:2] == [
        "Warnung: data/vereinbarungen/2024/marburg-biedenkopf.yaml:11: massnahmen.qualifizierung[1]: dasselbe Projekt "
        "steht auch unter 'ausbildung': 'Frauenakademie 2025' Hinweis: Prüfen, ob das Projekt wirklich zu beiden "
        "Maßnahmenarten gehört.",
        f"Warnung: {m}:13: budget: weicht um +123,8 % vom Vorjahr ab (2024: 500.000 €) Hinweis: Bitte mit dem "
        "unterzeichneten Text vergleichen.",
    ]
    assert (
        lines[-1]
        == "Alles in Ordnung: 5 Vereinbarungen, 27 Gebietskörperschaften, 2 Standardtexte; 3 Warnungen zum Prüfen."
    )


# -- GitHub --------------------------------------------------------------------------------------------


def makefile_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))


def workflow_commands() -> list[tuple[str, str]]:
    commands = []
    for workflow in sorted((REPO / ".github" / "workflows").glob("*.yml")):
        for job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values():
            for step in job["steps"]:
                for command in re.split(r"&&|\n", step.get("run", "")):
                    if command.strip():
                        commands.append((workflow.name, command.strip()))
    return commands


# The check with main's code (pruefen-mit-main.yml) runs main's own module and sets a label without a
# checkout; tests/test_workflows.py pins each of its commands exactly.
@pytest.mark.parametrize(
    ("workflow", "command"), [(w, c) for w, c in workflow_commands() if w != "pruefen-mit-main.yml"]
)
def test_every_command_a_workflow_runs_exists(workflow: str, command: str) -> None:
    program, *arguments = shlex.split(command)
    if program == "make":
        targets = {argument for argument in arguments if "=" not in argument}  # NAME=value sets a variable
        assert targets and targets <= makefile_targets(), f"{workflow}: unbekanntes make-Ziel in '{command}'"
    else:  # the same system packages as .ci/run installs, or the import's git and GitHub steps
        assert [program, *arguments] in [
            ["bash", ".ci/ensure-test-packages"],
            ["bash", ".ci/einlesen-pull-request"],
            ["bash", ".ci/einlesen-kommentar"],
        ], f"{workflow}: unerwarteter Befehl '{command}'"
        assert (REPO / arguments[0]).is_file()


def test_workflows_check_build_test_and_deploy() -> None:
    commands = {(workflow, command) for workflow, command in workflow_commands()}
    assert {
        ("pruefen.yml", "make check"),
        ("pruefen.yml", "make build"),
        ("pruefen.yml", "make test"),
        ("veroeffentlichen.yml", "make build"),
    } <= commands
    deploy = yaml.safe_load((REPO / ".github" / "workflows" / "veroeffentlichen.yml").read_text(encoding="utf-8"))
    assert deploy[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    assert any(
        step.get("uses", "").startswith("actions/deploy-pages")
        for job in deploy["jobs"].values()
        for step in job["steps"]
    )


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        (".github/pull_request_template.md", "## Checkliste"),
        (".github/ISSUE_TEMPLATE/fehler-in-einer-vereinbarung.md", "name: Fehler in einer Vereinbarung melden"),
        (".github/ISSUE_TEMPLATE/neue-vereinbarung.yml", "name: Neue Vereinbarung"),
    ],
)
def test_github_templates_are_there(path: str, heading: str) -> None:
    assert heading in (REPO / path).read_text(encoding="utf-8")


def test_many_alike_warnings_are_one_line_and_a_rare_one_stays_visible() -> None:
    """27 records without a source address would drown the one budget that jumped: alike ones are one line."""
    from aqb.data.problems import Problem
    from aqb.staff.cli import _warning_lines

    no_address = ("quelle", "nennt keine Adresse (url), unter der man den Text prüfen kann", "Wenn online, ergänzen.")
    warnings = [Problem(f"data/vereinbarungen/2025/k{n}.yaml", 40 + n, *no_address) for n in range(3)]
    warnings.append(Problem("data/vereinbarungen/2025/k1.yaml", 13, "budget", "weicht um +75,3 % vom Vorjahr ab"))
    assert _warning_lines(warnings) == [
        "Warnung (3 Dateien): quelle: nennt keine Adresse (url), unter der man den Text prüfen kann Hinweis: Wenn "
        "online, ergänzen. Betrifft: data/vereinbarungen/2025/k0.yaml:40, data/vereinbarungen/2025/k1.yaml:41, "
        "data/vereinbarungen/2025/k2.yaml:42",
        "Warnung: data/vereinbarungen/2025/k1.yaml:13: budget: weicht um +75,3 % vom Vorjahr ab",
    ]
    assert _warning_lines(warnings[:2]) == [f"Warnung: {warning}" for warning in warnings[:2]]
