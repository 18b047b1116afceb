"""Issue 28: § 5 as ministries set it – a table of measure types and projects, or a list a browser printed
without its bullets – becomes the right project lists, and the page then shows the document word for word.

The documents are made here (tests/corpus.py): a Word file with the projects in a two-column table, and the
PDF LibreOffice exports from it (the table's cells wrap long lines, as Word's do). What a PDF cannot tell
(a line ending near a cell's edge: does the next one continue it?) must be an open point naming the measure
type, never a silent guess.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml

from aqb.data.loader import load_dataset
from aqb.data.model import NO_PROJECT
from aqb.staff.importer import ImportResult, import_file
from corpus import TrueFacts, as_word, blocks, missing_tools, soffice_to_pdf, standard_for, true_facts
from helpers import DataFolder, run, unavailable

SLUG, YEAR = "darmstadt", 2025


def needs_tools() -> None:
    missing = missing_tools()
    if missing:
        unavailable(f"{', '.join(missing)} fehlt", " – in CI darf es nicht fehlen (.ci/ensure-test-packages)")


@pytest.fixture(scope="module")
def facts() -> TrueFacts:
    """Darmstadt's agreement with a project that wraps in its cell and a measure type without projects."""
    base = true_facts(SLUG, YEAR, "word", 1, 0)
    projects = {
        "ausbildungsvorbereitung": ["Nachqualifizierung Berufskraftfahrerinnen und Berufskraftfahrer"],
        "ausbildung": ["Produktionsschule Darmstadt", "Teilzeitausbildung (BaE)"],
        "qualifizierung": [],
        "weiterbildung": ["Fortbildung Fallmanagement im SGB II"],
    }
    return dataclasses.replace(base, massnahmen=projects, list_as_table=True)


@pytest.fixture(scope="module")
def documents(facts: TrueFacts, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    needs_tools()
    folder = tmp_path_factory.mktemp("tabelle")
    word = folder / "ZV 2025 Stadt Darmstadt.docx"
    word.write_bytes(as_word(blocks(facts, 0), facts))
    soffice_to_pdf([word], folder)
    return {"docx": word, "pdf": word.with_suffix(".pdf")}


def imported(tmp_path: Path, source: Path) -> tuple[DataFolder, ImportResult, dict[str, Any]]:
    folder = DataFolder(tmp_path / "projekt")
    result = import_file(load_dataset(folder.path), folder.path, source)
    draft = yaml.safe_load(result.draft.read_text(encoding="utf-8"))
    return folder, result, draft


def expected_lists(facts: TrueFacts) -> dict[str, Any]:
    return {slug: projects or NO_PROJECT for slug, projects in facts.massnahmen.items()}


def test_a_word_table_of_projects_becomes_the_project_lists(
    tmp_path: Path, facts: TrueFacts, documents: dict[str, Path]
) -> None:
    _, result, draft = imported(tmp_path, documents["docx"])
    assert draft["massnahmen"] == expected_lists(facts)
    assert [note for note in result.report if "Kopf der Projekttabelle" in note] == [
        "Zeile 32: Kopf der Projekttabelle übergangen: Maßnahmenart",
        "Zeile 33: Kopf der Projekttabelle übergangen: Projekte",
    ]
    assert not [point for point in result.open_points if "Maßnahmenart" in point or "nicht zugeordnet" in point]


def test_a_pdf_table_of_projects_is_right_or_names_each_doubt(
    tmp_path: Path, facts: TrueFacts, documents: dict[str, Path]
) -> None:
    """The cell's line ending in "und" surely goes on; where a PDF cannot tell, the open point says so."""
    _, result, draft = imported(tmp_path, documents["pdf"])
    lists = expected_lists(facts)
    assert draft["massnahmen"]["ausbildungsvorbereitung"] == lists["ausbildungsvorbereitung"]
    assert draft["massnahmen"]["qualifizierung"] == NO_PROJECT
    wordings = standard_for(YEAR).massnahmenarten
    for slug, projects in draft["massnahmen"].items():
        if projects != lists[slug]:
            assert any(point.startswith(f"Maßnahmenart „{wordings[slug]}“:") for point in result.open_points), slug
    for point in result.open_points:
        assert "als zwei Projekte übernommen" in point and "Seite " in point, point


def settled_and_checked(
    tmp_path: Path, facts: TrueFacts, pdf: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    """The PDF imported, its open points settled as the signed PDF shows, then `make check`."""
    folder, result, draft = imported(tmp_path, pdf)
    draft["massnahmen"] = expected_lists(facts)
    draft.pop("offene_punkte", None)
    result.draft.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.chdir(folder.root)
    return run(("check",), capsys)


def test_the_table_head_is_layout_so_the_page_matches_the_pdf_word_for_word(
    tmp_path: Path,
    facts: TrueFacts,
    documents: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """ "Maßnahmenart" and "Projekte" above the table are its layout; every other word of the PDF is on the page."""
    status, output = settled_and_checked(tmp_path, facts, documents["pdf"], monkeypatch, capsys)
    assert status == 0, output
    assert "Alles in Ordnung" in output


def test_without_the_table_head_rule_the_check_would_refuse(
    tmp_path: Path,
    facts: TrueFacts,
    documents: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The test above can fail: the words of the table's head are in the PDF and not on the page."""
    from aqb.data import signed

    monkeypatch.setattr(signed, "PROJECT_TABLE_HEAD", ())
    status, output = settled_and_checked(tmp_path, facts, documents["pdf"], monkeypatch, capsys)
    assert status == 1
    assert "im unterzeichneten Dokument steht „Maßnahmenart Projekte“, auf der Seite fehlt es" in output
