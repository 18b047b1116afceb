"""What of a pull request the check "Prüfen mit main" uses: data/, content/ and CONTRIBUTING.md only.

A pull request must not grade itself: its own Makefile, code or workflow would say "Alles in Ordnung"
about anything. The workflow .github/workflows/pruefen-mit-main.yml therefore checks out main, and
this module (main's copy of it) fetches the pull request's newest commit as git objects only, never
checked out, and compares it with the commit it branched from. Of what the pull request changed, it
takes regular files under data/ and content/ and the file CONTRIBUTING.md and writes them over main's
work tree (files the pull request deleted are removed); main's `make check` and `make build` then
judge them. Everything else the pull request changed is a code change: named, never written, read or
run, labelled `code-aenderung` and left to a code owner's review (.github/CODEOWNERS). A link
(symlink), a submodule or a name git treats specially among the three refuses the pull request
before anything is written.

Standard library only: the workflow runs it as `python3 -I src/aqb/staff/pull_request.py …` from
main's checkout, before anything is installed.
"""

from __future__ import annotations

import base64
import os
import re
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The only places a pull request may bring to the check; everything else is code.
FOLDERS = ("data", "content")
GUIDE = "CONTRIBUTING.md"
CODE_LABEL = "code-aenderung"
# Modes git gives a regular file; a file arrives as 0644 whatever its mode (nothing here is run).
_REGULAR_MODES = {"100644", "100755"}
_SYMLINK_MODE = "120000"
_SUBMODULE_MODE = "160000"
_COMMIT = re.compile(r"[0-9a-f]{40}")
# Names git tools treat specially in a path (case-insensitive file systems included).
_SPECIAL_NAMES = {"", ".", "..", ".git"}
# Characters that could change what the CI log shows (a line break starting `::error …`, ANSI
# escapes, bidirectional overrides): printed as \xNN or \uNNNN, as aqb.data.problems.escaped does
# with its fuller list (which needs the package `regex`, not installed yet when this runs).
_UNPRINTABLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}
GIT_TIMEOUT = 300  # seconds; a fetch of a pull request with many PDFs may take a while


class RefusedError(Exception):
    """The pull request cannot be checked as it is (German message)."""


@dataclass(frozen=True)
class Change:
    """One path the pull request changed, as `git diff --raw` names it (mode and blob are the new ones)."""

    path: str
    status: str  # A added, M modified, T type changed, D deleted
    mode: str  # "000000" when deleted
    blob: str


@dataclass
class Decision:
    """Which changes the check takes, which are code, and which refuse the pull request."""

    taken: list[Change] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def shown(path: str) -> str:
    """A path (or git's message) from the pull request, safe to print on one line of a CI log."""
    return "".join(_escape(char) if unicodedata.category(char) in _UNPRINTABLE_CATEGORIES else char for char in path)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def is_content(path: str) -> bool:
    """Whether a path lies in one of the three places a pull request may bring (or is one of them)."""
    return path == GUIDE or any(path == folder or path.startswith(f"{folder}/") for folder in FOLDERS)


def decide(changes: Sequence[Change]) -> Decision:
    """Sort the pull request's changes into taken, code and refused (German reasons)."""
    decision = Decision()
    for change in changes:
        if not is_content(change.path):
            decision.code.append(change.path)
        elif reason := _refusal(change):
            decision.refused.append(f"{shown(change.path)}: {reason}")
        else:
            decision.taken.append(change)
    return decision


def _refusal(change: Change) -> str | None:
    if any(part.casefold() in _SPECIAL_NAMES for part in change.path.split("/")):
        return "hat einen Namen, den Git besonders behandelt (leer, „.“, „..“ oder „.git“); er wird nicht übernommen."
    if change.status == "D":
        return None
    if change.mode == _SYMLINK_MODE:
        return (
            "ist eine Verknüpfung (Symlink). Aus einem Pull Request werden unter data/, content/ und "
            "CONTRIBUTING.md nur gewöhnliche Dateien übernommen. Hinweis: die Datei selbst hinzufügen, "
            "keine Verknüpfung auf sie."
        )
    if change.mode == _SUBMODULE_MODE:
        return "ist ein Untermodul (ein anderes Git-Repository); übernommen werden nur gewöhnliche Dateien."
    if change.mode not in _REGULAR_MODES:
        return f"ist keine gewöhnliche Datei (Git-Modus {shown(change.mode)}); übernommen werden nur solche."
    if change.path in FOLDERS:
        return "muss ein Ordner sein, keine Datei."
    return None


# --- git -------------------------------------------------------------------------------------------


def _git(root: Path, *arguments: str, env: dict[str, str] | None = None) -> bytes:
    result = subprocess.run(
        ["git", *arguments], cwd=root, capture_output=True, timeout=GIT_TIMEOUT, env=env, check=False
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise RefusedError(f"git {arguments[0]} ist fehlgeschlagen: {shown(message)}")
    return result.stdout


def head_commit(text: str) -> str:
    """The pull request's commit as the event names it: 40 hex digits, nothing else."""
    if not _COMMIT.fullmatch(text):
        raise RefusedError(f"Kein Commit (40 Hexadezimalziffern erwartet): {shown(text[:80])}")
    return text


def fetch(root: Path, head: str) -> None:
    """Fetch the pull request's commit from origin as objects only (nothing is checked out).

    The job's read-only token (GH_TOKEN, if set) goes to git through its configuration in the
    environment, not on a command line.
    """
    env = dict(os.environ)
    if token := env.pop("GH_TOKEN", ""):
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode("ascii")
        env |= {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "http.extraheader"}
        env["GIT_CONFIG_VALUE_0"] = f"AUTHORIZATION: basic {basic}"
    _git(root, "fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "origin", head, env=env)
    _git(root, "cat-file", "-e", f"{head}^{{commit}}")


def changes(root: Path, head: str) -> list[Change]:
    """What the pull request changed since it branched from main (HEAD), as GitHub shows it."""
    base = _git(root, "merge-base", "HEAD", head).decode("ascii").strip()
    output = _git(
        root, "diff", "--raw", "-z", "--no-renames", "--no-abbrev", "--no-ext-diff", "--no-textconv", base, head
    )
    return list(parse_raw_diff(output))


def parse_raw_diff(output: bytes) -> Iterator[Change]:
    """`git diff --raw -z` → changes: `:old-mode new-mode old-blob new-blob status` NUL path NUL."""
    fields = output.split(b"\0")
    for header, raw_path in zip(fields[0::2], fields[1::2], strict=False):
        _old_mode, mode, _old_blob, blob, status = header.decode("ascii").lstrip(":").split(" ")
        yield Change(os.fsdecode(raw_path), status[0], mode, blob)


# --- the work tree ---------------------------------------------------------------------------------


def apply(root: Path, taken: Sequence[Change]) -> None:
    """Write the taken changes over main's work tree: deletions first, then every file's new content."""
    for change in taken:
        if change.status == "D":
            _remove(root, change.path)
    for change in taken:
        if change.status != "D":
            _write(root, change.path, _git(root, "cat-file", "blob", change.blob))


def _remove(root: Path, relative: str) -> None:
    path = root / relative
    if path.is_symlink() or path.is_file():
        path.unlink()
    parent = path.parent
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _write(root: Path, relative: str, content: bytes) -> None:
    """One file, written without following a link; its folders made where missing, never replaced."""
    folder = root
    for part in relative.split("/")[:-1]:
        folder = folder / part
        if not folder.exists() and not folder.is_symlink():
            folder.mkdir()
        elif not stat.S_ISDIR(folder.lstat().st_mode):
            raise RefusedError(_conflict(folder.relative_to(root).as_posix(), "eine Datei"))
    target = root / relative
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise RefusedError(_conflict(relative, "ein Ordner"))
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)


def _conflict(relative: str, what: str) -> str:
    return (
        f"{shown(relative)}: ist in main inzwischen {what}, im Pull Request nicht. "
        "Hinweis: den Pull Request auf den neuesten Stand von main bringen („Update branch“)."
    )


# --- what the workflow runs ------------------------------------------------------------------------


def report(decision: Decision) -> str:
    """The German account the workflow's log shows."""
    lines: list[str] = []
    if decision.refused:
        lines.append("Abgelehnt, darum wird nichts aus dem Pull Request übernommen:")
        lines += [f"  {reason}" for reason in decision.refused]
    else:
        verbs = {"A": "neu", "M": "geändert", "T": "geändert", "D": "gelöscht"}
        lines.append("Aus dem Pull Request übernommen (geprüft wird mit dem Code von main):")
        lines += [f"  {verbs.get(c.status, 'geändert')}: {shown(c.path)}" for c in decision.taken] or ["  nichts"]
    if decision.code:
        lines.append(
            f"Nicht verwendet und nicht ausgeführt – Code-Änderung (Label „{CODE_LABEL}“, braucht die "
            "Freigabe einer Person aus .github/CODEOWNERS):"
        )
        lines += [f"  {shown(path)}" for path in decision.code]
    return "\n".join(lines)


def take_over(root: Path, head: str) -> int:
    """`uebernehmen`: fetch, decide, write the taken files (or nothing at all). Exit status 1 if refused."""
    decision = decide(changes(root, head))
    print(report(decision))
    if decision.refused:
        return 1
    apply(root, decision.taken)
    return 0


def areas(root: Path, head: str) -> int:
    """`bereiche`: `code=ja` or `code=nein` on standard output (for GITHUB_OUTPUT), the account on stderr."""
    decision = decide(changes(root, head))
    print(report(decision), file=sys.stderr)
    print(f"code={'ja' if decision.code else 'nein'}")
    return 0


COMMANDS = {"uebernehmen": take_over, "bereiche": areas}


def main(arguments: Sequence[str], root: Path) -> int:
    if len(arguments) != 2 or arguments[0] not in COMMANDS:
        print(f"Aufruf: pull_request.py {{{'|'.join(COMMANDS)}}} <commit des Pull Requests>", file=sys.stderr)
        return 2
    try:
        head = head_commit(arguments[1])
        fetch(root, head)
        return COMMANDS[arguments[0]](root, head)
    except RefusedError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    # main's checkout, where this file lies: src/aqb/staff/pull_request.py
    sys.exit(main(sys.argv[1:], Path(__file__).resolve().parents[3]))
