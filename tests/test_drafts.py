"""Drafts never publish: what `make neu`, `make neues-jahr` and `make import` write is refused until a
person has filled in every blank and settled every open point."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort

from helpers import REPO, DataFolder, aqb, build_site

DRAFT = "vereinbarungen/2026/marburg-biedenkopf.yaml"


def make(*arguments: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "-f", str(REPO / "Makefile"), *arguments, f"BIN={REPO / '.venv' / 'bin'}", "INSTALLED="],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


@pytest.fixture
def half_filled_draft(data_folder: DataFolder) -> DataFolder:
    """The issue's case: both drafts made, then only budget and source filled in."""
    assert aqb("neues-jahr", "2026", cwd=data_folder.root).returncode == 0
    assert aqb("neu", "marburg-biedenkopf", "2026", cwd=data_folder.root).returncode == 0
    path = data_folder.path / DRAFT
    path.write_text(path.read_text(encoding="utf-8").replace("budget:\n", "budget: 1200000\n"), encoding="utf-8")
    return data_folder


def test_half_filled_draft_is_refused_point_by_point(half_filled_draft: DataFolder) -> None:
    result = aqb("check", cwd=half_filled_draft.root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    expected = [
        "data/standardtexte/2026.yaml:22: offene_punkte[1]: Entwurf, noch offen: Wortlaut, Jahreszahlen, Ministerium "
        "und Maßnahmenarten aus 2025 übernommen: mit dem Standardtext des Ministeriums für 2026 abgleichen",
        "unterzeichnende[1].datum: ist leer; hier fehlt ein Wert Hinweis: Datum eintragen (JJJJ-MM-TT); steht im "
        "unterzeichneten Dokument keins: datum: nicht eingetragen",
        "unterzeichnende[2].datum: ist leer; hier fehlt ein Wert",
        "offene_punkte[1]: Entwurf, noch offen: massnahmen aus 2025 übernommen",
        "offene_punkte[2]: Entwurf, noch offen: unterzeichnende aus 2025 übernommen",
        "offene_punkte[3]: Entwurf, noch offen: quelle.titel aus dem Standardtext 2026 gebildet",
        "quelle.titel: nennt das Jahr 2025, die Vereinbarung gilt für 2026",
    ]
    for fragment in expected:
        assert any(fragment in line for line in lines), fragment
    # The blank date never reads as "no date in the document", and nothing goes out.
    assert "Alles in Ordnung" not in result.stdout


def test_half_filled_draft_fails_the_strict_build(half_filled_draft: DataFolder) -> None:
    with pytest.raises(Abort):
        build_site(half_filled_draft.root, half_filled_draft.root / "site")
    assert not (half_filled_draft.root / "site" / "kreise" / "marburg-biedenkopf" / "2026").exists()


def test_draft_follows_a_key_figures_record(data_folder: DataFolder) -> None:
    result = aqb("neu", "landkreis-kassel", "2017", cwd=data_folder.root)
    assert result.returncode == 0, result.stderr
    draft = yaml.safe_load((data_folder.path / "vereinbarungen" / "2017" / "landkreis-kassel.yaml").read_text("utf-8"))
    assert draft["art"] == "eckdaten" and draft["budget_laut_quelle"] is None and "budget" not in draft
    assert draft["offene_punkte"][0].startswith("Angaben aus einer öffentlichen Quelle für 2017 eintragen")
    check = aqb("check", cwd=data_folder.root)
    assert check.returncode == 1
    assert "landkreis-kassel.yaml:15: budget_laut_quelle: ist leer; hier fehlt ein Wert" in check.stderr


def test_make_serve_says_when_the_port_is_taken() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = make("serve", f"PORT={port}")
    assert result.returncode != 0
    assert f"Port {port} ist schon belegt" in result.stderr and f"make serve PORT={port + 1}" in result.stderr


@pytest.mark.parametrize(
    "value",
    [
        "$(touch {marker})",
        "`touch {marker}`",
        "x'; touch {marker}; '",
        'x"; touch {marker}; "',
        "x; touch {marker}",
        "x\ntouch {marker}",
        "$$(touch {marker})",
    ],
)
@pytest.mark.parametrize("target", ["neu", "neues-jahr", "import"])
def test_make_passes_values_never_code(tmp_path: Path, target: str, value: str) -> None:
    marker = tmp_path / "ausgefuehrt"
    folder = DataFolder(tmp_path)
    payload = value.format(marker=marker)
    variables = {
        "neu": [f"KREIS={payload}", "JAHR=2026"],
        "neues-jahr": [f"JAHR={payload}"],
        "import": [f"DATEI={payload}"],
    }[target]
    result = make(target, *variables, cwd=folder.root)
    assert result.returncode != 0
    assert not marker.exists(), result.stderr
    assert "Traceback" not in result.stderr
