"""A maintained engine: ProperDocs builds the site, plain MkDocs 1.6.1 still gives the same pages.

ProperDocs is the continuation of MkDocs 1.x by its original maintainers; our hooks and the theme
run on both. Both engines build the real data; every output file must be identical apart from the
generator tag (and Pagefind's bundle, whose file names differ from build to build). Normal output
carries no dependency banner.
"""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, place_project_files

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}  # as the Makefile sets them
BANNERS = ("reaches end of life", "Zensical", "MkDocs may break", "switch to *ProperDocs*")


def project_copy(root: Path) -> Path:
    place_project_files(root, ("content", "overrides", "hooks", "src", "data", "CONTRIBUTING.md", "mkdocs.yml"))
    return root


def build_with(engine: str, project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **QUIET},
        timeout=600,
    )


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = project_copy(tmp_path_factory.mktemp("engines"))
    sites = []
    for engine in ("properdocs", "mkdocs"):
        site = project.parent / f"site-{engine}"
        result = build_with(engine, project, site)
        assert result.returncode == 0, result.stderr[-3000:]
        sites.append(site)
    return sites[0], sites[1]


def outputs(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts}


def test_both_engines_write_the_same_files(both_builds: tuple[Path, Path]) -> None:
    properdocs, mkdocs = both_builds
    assert outputs(properdocs) == outputs(mkdocs)
    assert "kreise/marburg-biedenkopf/2025/index.html" in outputs(properdocs)


def test_every_page_is_the_same_apart_from_the_generator(both_builds: tuple[Path, Path]) -> None:
    properdocs, mkdocs = both_builds
    differing = []
    for name in sorted(outputs(properdocs)):
        first, second = (properdocs / name).read_bytes(), (mkdocs / name).read_bytes()
        if name.endswith(".html"):
            first, second = GENERATOR.sub(b"", first), GENERATOR.sub(b"", second)
        if first != second:
            differing.append(name)
    assert differing == []
    assert filecmp.cmp(properdocs / "daten" / "vereinbarungen.json", mkdocs / "daten" / "vereinbarungen.json", False)


def test_make_build_prints_no_dependency_banner(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    result = subprocess.run(
        ["make", "-s", "-f", str(REPO / "Makefile"), "build", f"BIN={REPO / '.venv' / 'bin'}", "INSTALLED="],
        cwd=project,
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if key not in QUIET},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    output = result.stdout + result.stderr
    assert not [banner for banner in BANNERS if banner in output], output[-2000:]
