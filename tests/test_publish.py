"""Publishing is one atomic step: `make build` interrupted anywhere leaves a complete site/.

The test builds two different sites (A and B: another budget), then interrupts builds from one to
the other with SIGTERM and SIGKILL – at named points (during the build, just before and just after
the exchange) and at arbitrary moments – and checks each time that site/ is exactly A or exactly B,
and that nothing temporary is left behind (after SIGKILL: at the latest once the next build ran).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import MARBURG, REPO, DataFolder, place_project_files


def site_state(site: Path) -> str:
    """A digest of the whole site; Pagefind names some files differently per build, so its bundle
    counts as complete when every file its entry file lists is there."""
    assert (site / "index.html").is_file() and (
        site / "kreise" / "marburg-biedenkopf" / "2025" / "index.html"
    ).is_file()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        assert (site / "pagefind" / f"pagefind.{language['hash']}.pf_meta").is_file()
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file() and "pagefind" not in path.relative_to(site).parts:
            digest.update(str(path.relative_to(site)).encode() + path.read_bytes())
    return digest.hexdigest()


class Project:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = DataFolder(root)
        self.data.drop_original(MARBURG)  # two budgets in turn: its original would refuse the second
        place_project_files(root, ("content", "overrides", "hooks", "src", "CONTRIBUTING.md", "mkdocs.yml"))
        self.original = (self.data.path / MARBURG).read_text(encoding="utf-8")

    def use(self, variant: str) -> None:
        budget = {"A": "budget: 1118780", "B": "budget: 1118781"}[variant]
        (self.data.path / MARBURG).write_text(self.original.replace("budget: 1118780", budget), encoding="utf-8")

    def start(self, halt: str | None = None) -> subprocess.Popen[str]:
        environment = {**os.environ, **({"AQB_BAU_HALT": halt} if halt else {})}
        return subprocess.Popen(
            ["make", "-s", "-f", str(REPO / "Makefile"), "build", f"BIN={REPO / '.venv' / 'bin'}", "INSTALLED="],
            cwd=self.root,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def build(self) -> None:
        process = self.start()
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors[-3000:]


def searches_in_tmp() -> set[str]:
    return {entry.name for entry in Path(tempfile.gettempdir()).iterdir() if entry.name.startswith("aqb-suche-")}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, dict[str, str]]:
    project = Project(tmp_path_factory.mktemp("veroeffentlichen"))
    states = {}
    for variant in ("B", "A"):
        project.use(variant)
        project.build()
        states[variant] = site_state(project.root / "site")
    assert states["A"] != states["B"]
    return project, states


POINTS = [
    (signal.SIGTERM, "bau"),
    (signal.SIGTERM, "vor-tausch"),
    (signal.SIGTERM, "nach-tausch"),
    (signal.SIGKILL, "bau"),
    (signal.SIGKILL, "vor-tausch"),
    (signal.SIGKILL, "nach-tausch"),
    (signal.SIGTERM, 0.3),
    (signal.SIGTERM, 2.0),
    (signal.SIGKILL, 0.3),
    (signal.SIGKILL, 1.5),
    (signal.SIGKILL, 3.0),
]


@pytest.mark.parametrize(("signum", "when"), POINTS, ids=[f"{s.name}-{w}" for s, w in POINTS])
def test_an_interrupted_build_leaves_a_complete_site(
    project: tuple[Project, dict[str, str]], signum: signal.Signals, when: str | float
) -> None:
    builder, states = project
    before = site_state(builder.root / "site")
    builder.use("A" if before == states["B"] else "B")
    temporary_before = searches_in_tmp()
    process = builder.start(halt=when if isinstance(when, str) else None)
    if isinstance(when, str):
        assert process.stderr is not None
        for line in process.stderr:
            if line.strip() == f"AQB-HALT {when}":
                break
        else:
            pytest.fail(f"der Bau hielt nicht bei {when}")
    else:
        time.sleep(when)
    os.killpg(process.pid, signum)  # as a cancelled CI job or Ctrl-C does: the whole process group
    process.communicate(timeout=120)

    assert site_state(builder.root / "site") in (states["A"], states["B"])
    assert searches_in_tmp() == temporary_before  # no search mirror in the system's temp folder
    if signum == signal.SIGTERM:
        assert not (builder.root / ".bau").exists()
    else:  # nothing can clean up after SIGKILL; the next build does
        builder.build()
        assert not (builder.root / ".bau").exists()
        assert site_state(builder.root / "site") in (states["A"], states["B"])
    assert {entry.name for entry in builder.root.iterdir()} == {
        "data",
        "content",
        "overrides",
        "hooks",
        "src",
        "CONTRIBUTING.md",
        "mkdocs.yml",
        "site",
    }


def test_a_build_after_an_interruption_publishes_the_new_site(project: tuple[Project, dict[str, str]]) -> None:
    builder, states = project
    builder.use("B")
    builder.build()
    assert site_state(builder.root / "site") == states["B"]
    assert (builder.root / "site").is_dir() and not (builder.root / "site").is_symlink()


# -- the build writes only inside the repository and runs only our code and its locked tools ------


def outside_folder(root: Path) -> Path:
    """A folder beside the project, with a file in it, that no build may touch."""
    outside = root.parent / f"{root.name}-draussen"
    outside.mkdir()
    (outside / "wichtig.txt").write_text("nicht anfassen\n", encoding="utf-8")
    return outside


def folder_state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_output(project: Project) -> tuple[int, str]:
    process = project.start()
    _, errors = process.communicate(timeout=300)
    return process.returncode, errors


def _bau_link(root: Path, outside: Path) -> None:
    (root / ".bau").symlink_to(outside)


def _bau_file(root: Path, outside: Path) -> None:
    (root / ".bau").write_text("x\n")


def _lock_link(root: Path, outside: Path) -> None:
    (root / ".bau").mkdir()
    (root / ".bau" / "sperre").symlink_to(outside / "wichtig.txt")


def _lock_folder(root: Path, outside: Path) -> None:
    (root / ".bau" / "sperre").mkdir(parents=True)


def _lock_fifo(root: Path, outside: Path) -> None:
    (root / ".bau").mkdir()
    os.mkfifo(root / ".bau" / "sperre")


def _site_link(root: Path, outside: Path) -> None:
    (root / "site").symlink_to(outside)


def _data_link(root: Path, outside: Path) -> None:
    shutil.move(root / "data", outside / "data")  # the real data, elsewhere: the build must not use it
    (root / "data").symlink_to(outside / "data")


def _overrides_link(root: Path, outside: Path) -> None:
    shutil.move(root / "overrides", outside / "overrides")
    (root / "overrides").symlink_to(outside / "overrides")


def _template_link(root: Path, outside: Path) -> None:
    (outside / "main.html").write_bytes((root / "overrides" / "main.html").read_bytes())
    (root / "overrides" / "main.html").unlink()
    (root / "overrides" / "main.html").symlink_to(outside / "main.html")


def _site_file(root: Path, outside: Path) -> None:
    (root / "site").write_text("x\n")


REFUSED_BEFORE_BUILDING: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    ".bau als Verknüpfung": (_bau_link, ".bau ist kein gewöhnlicher Ordner"),
    ".bau als Datei": (_bau_file, ".bau ist kein gewöhnlicher Ordner"),
    ".bau/sperre als Verknüpfung": (_lock_link, ".bau/sperre ist keine gewöhnliche Datei"),
    ".bau/sperre als Ordner": (_lock_folder, ".bau/sperre ist keine gewöhnliche Datei"),
    ".bau/sperre als FIFO": (_lock_fifo, ".bau/sperre ist keine gewöhnliche Datei"),
    "site als Verknüpfung": (_site_link, "site ist eine Verknüpfung"),
    "site als Datei": (_site_file, "site ist kein Ordner"),
    "data als Verknüpfung nach außen": (_data_link, "data:1: Datei: ist eine Verknüpfung (symbolischer Link)"),
    "Vorlagen als Verknüpfung nach außen": (_overrides_link, "overrides:1: Datei: ist eine Verknüpfung"),
    "Vorlage als Verknüpfung nach außen": (_template_link, "overrides/main.html:1: Datei: ist eine Verknüpfung"),
}


@pytest.mark.parametrize("name", list(REFUSED_BEFORE_BUILDING))
def test_a_path_the_build_writes_that_is_a_link_or_of_the_wrong_type_is_refused(name: str, tmp_path: Path) -> None:
    project = Project(tmp_path / "projekt")
    outside = outside_folder(project.root)
    setup, message = REFUSED_BEFORE_BUILDING[name]
    setup(project.root, outside)
    before = folder_state(outside)

    status, errors = build_output(project)

    assert status != 0, errors
    assert f"Bau abgelehnt: {message}" in errors
    assert "Traceback" not in errors
    assert folder_state(outside) == before
    assert not (project.root / "site").is_dir() or (project.root / "site").is_symlink()


def test_a_link_left_in_bau_is_removed_itself_never_its_target(tmp_path: Path) -> None:
    project = Project(tmp_path / "projekt")
    outside = outside_folder(project.root)
    (project.root / ".bau").mkdir()
    (project.root / ".bau" / "neu").symlink_to(outside)  # the folder ProperDocs would build into
    (project.root / ".bau" / "alt").symlink_to(outside)
    before = folder_state(outside)

    status, errors = build_output(project)

    assert status == 0, errors[-3000:]
    assert folder_state(outside) == before
    assert (project.root / "site" / "index.html").is_file() and not (project.root / "site").is_symlink()


def test_nothing_in_the_repository_stands_in_for_a_tool_or_configures_pagefind(tmp_path: Path) -> None:
    project = Project(tmp_path / "projekt")
    outside = outside_folder(project.root)
    marker = outside / "ausgefuehrt"
    evil = f"open({str(marker)!r}, 'a').write(__name__ + '\\n')\n"
    for module in ("pagefind", "properdocs", "mkdocs", "aqb", "aqb/outputs"):
        (project.root / module).mkdir(exist_ok=True)
        (project.root / module / "__init__.py").write_text(evil, encoding="utf-8")
        (project.root / module / "__main__.py").write_text(evil, encoding="utf-8")
    (project.root / "aqb" / "outputs" / "publish.py").write_text(evil, encoding="utf-8")
    for name in ("yaml.py", "markdown.py", "jinja2.py"):
        (project.root / name).write_text(evil, encoding="utf-8")
    for name in ("pagefind.yml", "pagefind.yaml"):
        (project.root / name).write_text(f"logfile: {outside / 'wichtig.txt'}\nsite: {outside}\n", encoding="utf-8")
    (project.root / "pagefind.json").write_text(json.dumps({"logfile": str(outside / "wichtig.txt")}), encoding="utf-8")
    before = folder_state(outside)

    status, errors = build_output(project)

    assert status == 0, errors[-3000:]
    assert not marker.exists(), marker.read_text()
    assert folder_state(outside) == before
    site_state(project.root / "site")  # a complete site with its search index


SETTINGS = {
    "SITE_URL ohne Schema": ({"SITE_URL": "aqb.example.de"}, "Bau abgelehnt: SITE_URL muss mit https:// beginnen"),
    "SITE_URL mit Anführungszeichen": (
        {"SITE_URL": 'https://aqb.example.de/" onmouseover="alert(1)'},
        "Bau abgelehnt: SITE_URL enthält Zeichen, die in keiner Adresse stehen",
    ),
    "SITE_URL mit Benutzername": (
        {"SITE_URL": "https://hessen.de@evil.example/"},
        "Bau abgelehnt: SITE_URL darf keinen Benutzernamen oder kein Passwort enthalten",
    ),
    "SITE_URL mit kyrillischem Buchstaben": (
        {"SITE_URL": "https://aqb.hеssen.de/"},
        "Bau abgelehnt: SITE_URL enthält Zeichen, die in keiner Adresse stehen",
    ),
    "AQB_REPOSITORY mit Attribut": (
        {"AQB_REPOSITORY": 'https://github.com/x/y" onmouseover="alert(1)'},
        "Bau abgelehnt: AQB_REPOSITORY enthält Zeichen, die in keiner Adresse stehen",
    ),
    "AQB_REPOSITORY über http": (
        {"AQB_REPOSITORY": "http://github.com/x/y"},
        "Bau abgelehnt: AQB_REPOSITORY muss mit https:// beginnen",
    ),
}


@pytest.mark.parametrize("name", list(SETTINGS))
def test_a_setting_mkdocs_would_refuse_in_english_is_refused_in_german_first(name: str, tmp_path: Path) -> None:
    project = Project(tmp_path / "projekt")
    environment, message = SETTINGS[name]
    process = subprocess.Popen(
        ["make", "-s", "-f", str(REPO / "Makefile"), "build", f"BIN={REPO / '.venv' / 'bin'}", "INSTALLED="],
        cwd=project.root,
        env={**os.environ, **environment},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, errors = process.communicate(timeout=120)
    assert process.returncode != 0
    assert message in errors
    assert "Config value" not in errors and "Traceback" not in errors
    assert not (project.root / "site").exists() and not (project.root / ".bau").exists()


def test_a_failed_production_build_ends_in_german_and_keeps_the_site(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.build()
    before = site_state(tmp_path / "site")
    result = subprocess.run(
        [sys.executable, "-I", "-m", "aqb.outputs.publish"],
        cwd=tmp_path,
        env={**os.environ, "AQB_PRODUKTION": "1"},  # no operator, repository or public address set
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == (
        "Bau fehlgeschlagen: Die Meldungen oben („Warnung“, „Fehler“) nennen jede Ursache; site/ ist unverändert."
    )
    assert site_state(tmp_path / "site") == before
