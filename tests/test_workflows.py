"""Workflows a security reviewer signs: pinned actions and image, least privilege, no kept token,
and zizmor (offline) with no finding of medium severity or higher."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ZIZMOR = Path(sys.executable).with_name("zizmor")
# The import from an issue pushes a branch, opens a pull request and comments: nothing more. The check
# with main's code sets or removes one label. Every other job writes nothing (publishing: Pages only).
WRITES = {
    ("einlesen.yml", "einlesen"): {"contents", "pull-requests", "issues"},
    ("pruefen-mit-main.yml", "kennzeichnen"): {"pull-requests"},
}
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
        expected = WRITES.get((workflow.name, name), set())
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


# The required check of a pull request: main's code judges the pull request's data and pages.
MAIN_CHECK = REPO / ".github" / "workflows" / "pruefen-mit-main.yml"
MAIN = "${{ github.sha }}"  # for pull_request_target: the newest commit of main, the default branch
TAKE_OVER = [
    'git config --global --add safe.directory "$GITHUB_WORKSPACE"\n'
    'python3 -I src/aqb/staff/pull_request.py uebernehmen "$KOPF"\n',
    "make check",
    "make build",
]
AREAS = 'python3 -I src/aqb/staff/pull_request.py bereiche "$KOPF" >> "$GITHUB_OUTPUT"'
# The only values of the event a step gets: the commit's hash and the number (each checked before use).
STEP_VALUES = {
    "${{ github.event.pull_request.head.sha }}",
    "${{ github.event.pull_request.number }}",
    "${{ github.token }}",
    "${{ needs.bereiche.outputs.code }}",
}


def main_check() -> dict[Any, Any]:
    document: dict[Any, Any] = yaml.safe_load(MAIN_CHECK.read_text(encoding="utf-8"))
    return document


def test_the_required_check_runs_in_mains_context_with_a_read_only_token() -> None:
    workflow = main_check()
    assert workflow[True] == {  # PyYAML reads the key `on` as True
        "pull_request_target": {"types": ["opened", "synchronize", "reopened"], "branches": ["main"]}
    }
    assert workflow["permissions"] == {}
    assert set(workflow["jobs"]) == {"inhalte", "bereiche", "kennzeichnen"}
    for name in ("inhalte", "bereiche"):
        assert workflow["jobs"][name]["permissions"] == {"contents": "read"}, name


@pytest.mark.parametrize("name", ["inhalte", "bereiche"])
def test_the_check_checks_out_main_never_the_pull_request(name: str) -> None:
    checkout, *steps = main_check()["jobs"][name]["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"] == {"ref": MAIN, "fetch-depth": 0, "persist-credentials": False}
    assert all("uses" not in step for step in steps)  # no second checkout, no other action


def test_the_check_runs_only_mains_commands_and_takes_the_pull_requests_files_first() -> None:
    jobs = main_check()["jobs"]
    assert [step["run"] for step in jobs["inhalte"]["steps"][1:]] == TAKE_OVER
    assert [step["run"] for step in jobs["bereiche"]["steps"][1:]] == [AREAS]


def test_the_label_job_may_only_label_and_checks_out_nothing() -> None:
    job = main_check()["jobs"]["kennzeichnen"]
    assert job["needs"] == "bereiche"
    assert job["permissions"] == {"pull-requests": "write"}
    assert "container" not in job
    assert all("uses" not in step for step in job["steps"])  # no checkout, no action at all
    (script,) = [step["run"] for step in job["steps"]]
    assert not re.search(r"\b(git|make|python3?|bash|sh|source)\b", script), script
    assert '[[ "$NUMMER" =~ ^[0-9]+$ ]]' in script


def test_nothing_the_pull_request_wrote_reaches_a_command() -> None:
    """Title, branch names and body never appear; hash and number only through the environment."""
    text = MAIN_CHECK.read_text(encoding="utf-8")
    assert set(re.findall(r"github\.event\.pull_request\.[\w.]+", text)) == {
        "github.event.pull_request.head.sha",
        "github.event.pull_request.number",
    }
    assert not re.search(r"github\.(head_ref|event\.(?!pull_request\.(head\.sha|number)))", text)
    for job in main_check()["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step["name"]
            assert set((step.get("env") or {}).values()) <= STEP_VALUES, step["name"]
            assert "head" not in str(step.get("with", {})), step


def test_zizmors_warning_about_the_trigger_is_silenced_once_and_with_the_reason(tmp_path: Path) -> None:
    ignores = [
        (workflow.name, audit)
        for workflow in WORKFLOWS
        for audit in re.findall(r"zizmor: ignore\[([\w-]+)\]", workflow.read_text(encoding="utf-8"))
    ]
    assert ignores == [("pruefen-mit-main.yml", "dangerous-triggers")]
    text = MAIN_CHECK.read_text(encoding="utf-8")
    reason = text[text.index("zizmor: ignore") : text.index("  pull_request_target:")]
    assert "check out main only" in reason and "no checkout at all" in reason
    # Without the comment zizmor reports the trigger: the comment is what silences it, nothing else.
    shutil.copytree(REPO / ".github" / "workflows", tmp_path / "workflows")
    path = tmp_path / "workflows" / MAIN_CHECK.name
    path.write_text(text.replace("zizmor: ignore[dangerous-triggers]", "zizmor:"), encoding="utf-8")
    result = zizmor(tmp_path / "workflows")
    assert result.returncode != 0
    assert "dangerous-triggers" in result.stdout
