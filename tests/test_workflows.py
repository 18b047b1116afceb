"""Workflows a security reviewer signs: pinned actions and image, least privilege, no kept token,
and zizmor (offline) with no finding of medium severity or higher."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ZIZMOR = Path(sys.executable).with_name("zizmor")
# The import from an issue pushes a branch, opens a pull request and comments: nothing more.
WRITES_OF_THE_IMPORT = {"contents", "pull-requests", "issues"}
SCRIPTS = ["bash .ci/einlesen-pull-request", "bash .ci/einlesen-kommentar"]


def zizmor(folder: Path) -> subprocess.CompletedProcess[str]:
    files = [str(path) for path in sorted(folder.glob("*.yml"))]
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", "--min-severity", "medium", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_zizmor_finds_nothing_of_medium_severity_or_higher() -> None:
    result = zizmor(REPO / ".github" / "workflows")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_would_report_an_unpinned_action(tmp_path: Path) -> None:
    shutil.copytree(REPO / ".github" / "workflows", tmp_path / "workflows")
    path = tmp_path / "workflows" / "pruefen.yml"
    path.write_text(
        re.sub(r"actions/checkout@[0-9a-f]{40} # v[0-9.]+", "actions/checkout@v4", path.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    result = zizmor(tmp_path / "workflows")
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit_with_its_version_named(workflow: Path) -> None:
    lines = [line.strip() for line in workflow.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_least_privilege_and_no_kept_token(workflow: Path) -> None:
    document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert document["permissions"] == {}
    for name, job in document["jobs"].items():
        writes = {scope for scope, level in job.get("permissions", {}).items() if level == "write"}
        deploys = any("deploy-pages" in step.get("uses", "") for step in job["steps"])
        expected = WRITES_OF_THE_IMPORT if workflow.name == "einlesen.yml" else set()
        assert writes == ({"pages", "id-token"} if deploys else expected), name
        if "container" in job:
            assert re.fullmatch(r"[\w.:/-]+@sha256:[0-9a-f]{64}", job["container"]), name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_the_import_from_an_issue_starts_only_on_the_label_and_runs_nothing_from_the_issue() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "einlesen.yml").read_text(encoding="utf-8"))
    assert workflow[True] == {"issues": {"types": ["labeled"]}}  # PyYAML reads the key `on` as True
    (job,) = workflow["jobs"].values()
    assert job["if"] == "github.event.label.name == 'einlesen'"
    scripts = [step["run"] for step in job["steps"] if "run" in step]
    # The issue's text reaches only our command, through the event file; no expression pastes it in.
    assert scripts == ['make einlesen EREIGNIS="$GITHUB_EVENT_PATH"', *SCRIPTS]
    for script in SCRIPTS:
        assert "${{" not in (REPO / script.split()[1]).read_text(encoding="utf-8")
    values = [str(value) for step in job["steps"] for value in (step.get("env") or {}).values()]
    assert all(value in {"${{ github.token }}", "${{ github.event.issue.number }}"} for value in values), values


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_every_job_has_a_time_limit(workflow: Path) -> None:
    """A hung step (a download, a browser, a build) ends in minutes, not after GitHub's six hours."""
    for name, job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), f"{workflow.name}: {name} hat kein timeout-minutes"
        assert 1 <= job["timeout-minutes"] <= 60, name
