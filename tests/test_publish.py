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
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import REPO, DataFolder

MARBURG = "vereinbarungen/2025/marburg-biedenkopf.yaml"


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
        for name in ("content", "overrides", "hooks", "src", "CONTRIBUTING.md", "mkdocs.yml"):
            (root / name).symlink_to(REPO / name)
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
