"""A pull request must not grade itself (issue 26): the required check "Prüfen mit main" takes only data/,
content/ and CONTRIBUTING.md from it, and main's code judges them; everything else is a code change
for a code owner. Tested offline: a tiny repository whose main has a Makefile and a judge of its own
(and our src/aqb/staff/pull_request.py), pull requests as GitHub offers them (refs/pull/<n>/head), and
the job's commands run exactly as the workflow writes them."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from aqb.staff.pull_request import CODE_LABEL, Change, decide, is_content, main, report, shown
from helpers import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pruefen-mit-main.yml"
CODEOWNERS = REPO / ".github" / "CODEOWNERS"
GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
HEAD = "${{ github.event.pull_request.head.sha }}"

# Main's own judge: every data file needs a budget in digits. The Makefile is main's too.
MAIN_FILES: dict[str, str] = {
    "Makefile": "check:\n\tpython3 -I src/judge.py\nbuild: check\n\tmkdir -p site\n\tcp content/index.md site/\n",
    "src/judge.py": (
        "import pathlib, re, sys\n"
        "bad = [p.as_posix() for p in sorted(pathlib.Path('data').glob('*.yaml'))\n"
        "       if not re.fullmatch(r'budget: [0-9]+\\n', p.read_text())]\n"
        "for path in bad:\n"
        "    print(f'{path}: budget: muss ein Betrag in ganzen Euro sein')\n"
        "print('main hat geprüft')\n"
        "sys.exit(1 if bad else 0)\n"
    ),
    "data/a.yaml": "budget: 100\n",
    "data/b.yaml": "budget: 200\n",
    "content/index.md": "# Start\n",
    "CONTRIBUTING.md": "# Mitmachen\n",
}


@dataclass(frozen=True)
class Link:
    """A symbolic link in a commit, pointing at `target`."""

    target: str


# What the issue describes: a root GNUmakefile (make prefers it), a judge that passes everything, a tool.
SELF_GRADING: dict[str, str | Link] = {
    "GNUmakefile": "check:\n\t@echo Alles in Ordnung\nbuild:\n\t@echo Alles in Ordnung\n",
    "src/judge.py": "print('Alles in Ordnung')\n",
    "werkzeug.sh": "echo Alles in Ordnung\n",
}


class Repository:
    """`origin` as GitHub holds it, and the job's work tree: a clone with main checked out."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.origin = root / "origin"
        self.workspace = root / "arbeitsbereich"
        (root / "home").mkdir()
        self.env = {
            **os.environ,
            "HOME": str(root / "home"),
            "GIT_CONFIG_GLOBAL": str(root / "home" / "gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        }
        self.env.pop("GH_TOKEN", None)
        self.git(root, "init", "-q", "-b", "main", str(self.origin))
        # GitHub lets anyone fetch a pull request's commit by its hash; a local repository must be told.
        self.git(self.origin, "config", "uploadpack.allowReachableSHA1InWant", "true")
        files: dict[str, str | Link] = dict(MAIN_FILES)
        files["src/aqb/staff/pull_request.py"] = (REPO / "src" / "aqb" / "staff" / "pull_request.py").read_text(
            encoding="utf-8"
        )
        self.main = self.commit(files, message="main")

    def git(self, where: Path, *arguments: str) -> str:
        result = subprocess.run(
            ["git", *arguments], cwd=where, env=self.env, capture_output=True, text=True, check=True, timeout=60
        )
        return result.stdout.strip()

    def commit(
        self, files: dict[str, str | Link], deleted: tuple[str, ...] = (), message: str = "Änderung", mode: int = 0o644
    ) -> str:
        for relative, content in files.items():
            path = self.origin / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_symlink() or path.exists():
                path.unlink()
            if isinstance(content, Link):
                path.symlink_to(content.target)
            else:
                path.write_text(content, encoding="utf-8")
                path.chmod(mode)
        for relative in deleted:
            (self.origin / relative).unlink()
        self.git(self.origin, "add", "-A")
        self.git(self.origin, "commit", "-q", "-m", message)
        return self.git(self.origin, "rev-parse", "HEAD")

    def pull_request(
        self, files: dict[str, str | Link], deleted: tuple[str, ...] = (), number: int = 1, mode: int = 0o644
    ) -> str:
        """A pull request's commit on refs/pull/<number>/head, branched from main's newest commit."""
        self.git(self.origin, "switch", "-q", "-c", f"beitrag-{number}")
        head = self.commit(files, deleted, mode=mode)
        self.git(self.origin, "update-ref", f"refs/pull/{number}/head", head)
        self.git(self.origin, "switch", "-q", "main")
        # As from a fork: the commit is only under refs/pull/, which a clone does not fetch.
        self.git(self.origin, "branch", "-q", "-D", f"beitrag-{number}")
        return head

    def check_out_main(self) -> None:
        """What the job's checkout step does (its ref is main: see test_workflows.py)."""
        self.git(self.root, "clone", "-q", "--branch", "main", str(self.origin), str(self.workspace))

    def run_job(self, job: str, head: str) -> list[tuple[str, int, str]]:
        """Each `run:` of the job, as a GitHub runner would (bash -eo pipefail), until one fails."""
        if not self.workspace.exists():
            self.check_out_main()
        values = {HEAD: head, "${{ github.token }}": "token-der-probe", "${{ github.event.pull_request.number }}": "1"}
        output_file = self.root / f"ausgabe-{job}"
        output_file.touch()
        results = []
        for step in yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"][job]["steps"]:
            if "run" not in step:
                continue
            env = {**self.env, "GITHUB_WORKSPACE": str(self.workspace), "GITHUB_OUTPUT": str(output_file)}
            env |= {name: values[value] for name, value in (step.get("env") or {}).items()}
            result = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                cwd=self.workspace,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            results.append((step["name"], result.returncode, result.stdout + result.stderr))
            if result.returncode != 0:
                break
        return results

    def outputs(self, job: str) -> str:
        return (self.root / f"ausgabe-{job}").read_text(encoding="utf-8")

    def changed_in_workspace(self) -> str:
        return self.git(self.workspace, "status", "--porcelain", "--untracked-files=all")


def steps_passed(results: list[tuple[str, int, str]]) -> list[str]:
    return [name for name, code, _ in results if code == 0]


def log(results: list[tuple[str, int, str]]) -> str:
    return "\n".join(output for _, _, output in results)


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    if shutil.which("make") is None:
        pytest.fail("make fehlt")
    return Repository(tmp_path)


def test_a_data_pull_request_is_taken_and_judged_by_mains_code(repository: Repository) -> None:
    head = repository.pull_request(
        {"data/c.yaml": "budget: 300\n", "content/neu.md": "# Neu\n", "CONTRIBUTING.md": "# Mitmachen!\n"},
        deleted=("data/b.yaml",),
    )
    results = repository.run_job("inhalte", head)
    assert len(steps_passed(results)) == 3, log(results)
    workspace = repository.workspace
    assert (workspace / "data" / "c.yaml").read_text(encoding="utf-8") == "budget: 300\n"
    assert (workspace / "content" / "neu.md").read_text(encoding="utf-8") == "# Neu\n"
    assert (workspace / "CONTRIBUTING.md").read_text(encoding="utf-8") == "# Mitmachen!\n"
    assert not (workspace / "data" / "b.yaml").exists()
    assert "main hat geprüft" in log(results)
    assert "  neu: data/c.yaml" in log(results) and "  gelöscht: data/b.yaml" in log(results)
    assert "Code-Änderung" not in log(results)
    assert repository.run_job("bereiche", head)[-1][1] == 0
    assert repository.outputs("bereiche") == "code=nein\n"


def test_wrong_data_fails_mains_check(repository: Repository) -> None:
    head = repository.pull_request({"data/a.yaml": "budget: viel\n"})
    results = repository.run_job("inhalte", head)
    assert [code for _, code, _ in results] == [0, 2]  # make check failed
    assert "data/a.yaml: budget: muss ein Betrag in ganzen Euro sein" in results[-1][2]


def test_a_pull_request_that_grades_itself_is_still_judged_by_main(repository: Repository) -> None:
    """A root GNUmakefile and a judge that passes everything would say "Alles in Ordnung": not here."""
    head = repository.pull_request({**SELF_GRADING, "data/a.yaml": "budget: viel\n"})
    results = repository.run_job("inhalte", head)
    assert [code for _, code, _ in results] == [0, 2], log(results)  # make check failed
    assert "Alles in Ordnung" not in results[-1][2]
    assert "data/a.yaml: budget: muss ein Betrag in ganzen Euro sein" in results[-1][2]
    # The pull request's code is named as a code change, and none of it is in the work tree.
    report = results[0][2]
    assert f"Code-Änderung (Label „{CODE_LABEL}“" in report
    for path in ("GNUmakefile", "src/judge.py", "werkzeug.sh"):
        assert f"\n  {path}" in report
    assert not (repository.workspace / "GNUmakefile").exists()
    assert not (repository.workspace / "werkzeug.sh").exists()
    assert (repository.workspace / "src" / "judge.py").read_text(encoding="utf-8") == MAIN_FILES["src/judge.py"]
    assert repository.changed_in_workspace() == "M data/a.yaml"
    repository.run_job("bereiche", head)
    assert repository.outputs("bereiche") == "code=ja\n"


def test_links_are_refused_in_german_and_nothing_is_written(repository: Repository, tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("nur auf dem Runner\n", encoding="utf-8")
    head = repository.pull_request(
        {
            **SELF_GRADING,
            "data/c.yaml": "budget: 300\n",
            "data/verweis.yaml": Link(str(secret)),
            "content/bild.png": Link("../../../geheim.txt"),
            "CONTRIBUTING.md": Link("/etc/passwd"),
        }
    )
    results = repository.run_job("inhalte", head)
    assert [code for _, code, _ in results] == [1]
    report = results[0][2]
    assert "Abgelehnt, darum wird nichts aus dem Pull Request übernommen:" in report
    for path in ("data/verweis.yaml", "content/bild.png", "CONTRIBUTING.md"):
        assert f"  {path}: ist eine Verknüpfung (Symlink)." in report
    assert "Hinweis: die Datei selbst hinzufügen" in report
    assert repository.changed_in_workspace() == ""  # not even data/c.yaml
    assert not [path for path in repository.workspace.rglob("*") if path.is_symlink()]
    repository.run_job("bereiche", head)
    assert repository.outputs("bereiche") == "code=ja\n"


def test_a_submodule_is_refused(repository: Repository) -> None:
    repository.git(repository.origin, "switch", "-q", "-c", "untermodul")
    main_commit = repository.main
    repository.git(repository.origin, "update-index", "--add", "--cacheinfo", f"160000,{main_commit},data/fremd")
    repository.git(repository.origin, "commit", "-q", "-m", "Untermodul")
    head = repository.git(repository.origin, "rev-parse", "HEAD")
    repository.git(repository.origin, "update-ref", "refs/pull/2/head", head)
    repository.git(repository.origin, "switch", "-q", "main")
    repository.git(repository.origin, "branch", "-q", "-D", "untermodul")
    results = repository.run_job("inhalte", head)
    assert results[0][1] == 1
    assert "data/fremd: ist ein Untermodul" in results[0][2]
    assert repository.changed_in_workspace() == ""


def test_main_moved_on_since_the_pull_request_branched(repository: Repository) -> None:
    """Only what the pull request changed replaces main's files; main's newer files stay."""
    head = repository.pull_request({"data/c.yaml": "budget: 300\n"})
    repository.commit({"data/d.yaml": "budget: 400\n", "data/a.yaml": "budget: 101\n"}, message="main weiter")
    results = repository.run_job("inhalte", head)
    assert len(steps_passed(results)) == 3, log(results)
    data = repository.workspace / "data"
    assert {path.name: path.read_text(encoding="utf-8") for path in data.iterdir()} == {
        "a.yaml": "budget: 101\n",
        "b.yaml": "budget: 200\n",
        "c.yaml": "budget: 300\n",
        "d.yaml": "budget: 400\n",
    }


def test_a_file_arrives_as_a_plain_file_never_executable(repository: Repository) -> None:
    head = repository.pull_request({"data/c.yaml": "budget: 300\n"}, mode=0o755)
    assert repository.run_job("inhalte", head)[0][1] == 0
    assert stat.S_IMODE((repository.workspace / "data" / "c.yaml").stat().st_mode) & 0o111 == 0


def test_the_commit_must_be_a_hash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["uebernehmen", "main; touch /tmp/x"], tmp_path) == 1
    assert "Kein Commit (40 Hexadezimalziffern erwartet): main; touch /tmp/x" in capsys.readouterr().err
    assert main(["alles"], tmp_path) == 2


def change(path: str, mode: str = "100644", status: str = "A") -> Change:
    return Change(path, status, mode, "0" * 40)


def test_what_counts_as_code_and_what_is_refused() -> None:
    decision = decide(
        [
            change("data/a.yaml"),
            change("data/alt.yaml", "000000", "D"),
            change("content/seite.md", "100755", "M"),
            change("CONTRIBUTING.md"),
            change("CONTRIBUTING.md/x"),  # a folder of that name: not the guide
            change("datei"),  # not data/
            change("content-neu/x.md"),
            change("Makefile"),
            change("data"),  # the folder made a file
            change("data/.git/config"),
            change("content/.GIT/hooks/x"),
            change("data/x/../../Makefile"),
            change("data/link", "120000", "T"),
            change("data/fremd", "160000"),
            change("content/seltsam", "040000"),
        ]
    )
    assert [c.path for c in decision.taken] == ["data/a.yaml", "data/alt.yaml", "content/seite.md", "CONTRIBUTING.md"]
    assert decision.code == ["CONTRIBUTING.md/x", "datei", "content-neu/x.md", "Makefile"]
    assert [reason.split(": ")[0] for reason in decision.refused] == [
        "data",
        "data/.git/config",
        "content/.GIT/hooks/x",
        "data/x/../../Makefile",
        "data/link",
        "data/fremd",
        "content/seltsam",
    ]
    assert "ist eine Verknüpfung (Symlink)" in decision.refused[4]


def test_a_name_from_the_pull_request_cannot_start_a_line_in_the_log() -> None:
    """A line break in a file name would let the name start a line the runner reads as `::command`."""
    assert shown("data/a\n::error::b\x1b[31m\u202e.yaml") == "data/a\\x0a::error::b\\x1b[31m\\u202e.yaml"
    names = ["x\n::warning::y", "data/a\n::add-mask::z", "data/b\r\n::stop-commands::t"]
    for changes, count in (([change(name) for name in names], 5), ([change("data/l\n::x", "120000")], 2)):
        lines = report(decide(changes)).splitlines()
        assert len(lines) == count, lines  # one line per file, each name on its own line
        assert not [line for line in lines if line.lstrip().startswith("::")]


# --- who must approve code: .github/CODEOWNERS ------------------------------------------------------


def code_owner_rules() -> list[tuple[str, list[str]]]:
    rules = []
    for line in CODEOWNERS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            # The few forms this file uses, so that the matching below is GitHub's.
            assert pattern == "*" or re.fullmatch(r"/[\w.-]+/?", pattern), pattern
            rules.append((pattern, owners))
    return rules


def owners_of(path: str) -> list[str]:
    """GitHub's rule: the last pattern that matches decides (an entry without owners: nobody)."""
    found: list[str] = []
    for pattern, owners in code_owner_rules():
        name = pattern.strip("/")
        if pattern == "*" or path == name or (pattern.endswith("/") and path.startswith(f"{name}/")):
            found = owners
    return found


CODE = [
    "Makefile",
    "GNUmakefile",
    ".github/workflows/pruefen-mit-main.yml",
    ".github/CODEOWNERS",
    ".ci/run",
    "overrides/main.html",
    "hooks/site_hooks.py",
    "src/aqb/staff/pull_request.py",
    "pyproject.toml",
    "requirements.txt",
    "requirements-test.txt",
    "requirements-build.in",
    "mkdocs.yml",
    "tests/conftest.py",
    "bench/run.py",
    "neu/irgendwas.py",
]


@pytest.mark.parametrize("path", CODE)
def test_code_needs_a_code_owner(path: str) -> None:
    assert owners_of(path) == ["@OWNER"]


@pytest.mark.parametrize("path", ["data/vereinbarungen/2026/fulda.yaml", "content/index.md", "CONTRIBUTING.md"])
def test_data_pages_and_the_guide_need_none(path: str) -> None:
    assert owners_of(path) == []


def test_code_owners_and_the_check_agree_on_every_file() -> None:
    """Exactly what the check takes from a pull request needs no code owner: file by file."""
    # Every file of the work tree, not `git ls-files`: CI runs in a copy without .git (see .ci/run).
    ignored = {".git", ".venv", "node_modules", "site", ".bau", ".einlesen", "__pycache__", ".hypothesis"}
    files = [
        path.relative_to(REPO).as_posix()
        for path in REPO.rglob("*")
        if path.is_file()
        and not ignored & set(path.relative_to(REPO).parts)
        and not any(part.endswith(("_cache", ".egg-info")) for part in path.relative_to(REPO).parts)
    ]
    assert "src/aqb/data/loader.py" in files and "data/gebietskoerperschaften.yaml" in files
    for path in files:
        assert (owners_of(path) == []) == is_content(path), path


def test_the_guide_explains_the_check_the_label_and_the_placeholder() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert f"„{workflow['jobs']['inhalte']['name']}“" in GUIDE  # the name to choose in the branch protection
    assert f"`{CODE_LABEL}`" in GUIDE
    assert "`@OWNER`" in GUIDE and "@OWNER" in CODEOWNERS.read_text(encoding="utf-8")
    assert "Require review from Code Owners" in GUIDE
