"""When each file last changed, from git: the real "added or changed" date of a record."""

from __future__ import annotations

import logging
import subprocess
from datetime import date
from pathlib import Path

# Logged under MkDocs' plugin namespace (only a name: the package imports nothing from MkDocs).
log = logging.getLogger("mkdocs.plugins.aqb.data.history")


def last_changes(root: Path, paths: list[str]) -> dict[str, date]:
    """Relative path → date of the last commit that touched it. Empty outside a git checkout.

    One `git log` for all files, newest first, so the first date seen for a file is its last change.
    Files never committed get no date: nothing is invented.
    """
    try:
        result = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--", *paths],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    return parse_log(result.stdout)


def parse_log(output: str) -> dict[str, date]:
    """`git log --format=@%cs --name-only` output → path → date of its newest commit."""
    changes: dict[str, date | None] = {}
    current: date | None = None
    for line in output.splitlines():
        if line.startswith("@"):
            current = _commit_date(line[1:])
        elif line:
            # A file last touched by an unreadable commit gets no date (not an older one's).
            changes.setdefault(line, current)
    return {path: changed for path, changed in changes.items() if changed is not None}


def _commit_date(text: str) -> date | None:
    """A commit's date, or None (logged) for one no calendar here can hold: year 10000, garbage.

    A single odd commit must never break every later build: its files simply get no date from it.
    """
    try:
        return date.fromisoformat(text)
    except ValueError:
        log.info("Commit mit unlesbarem Datum übersprungen: %r", text[:40])
        return None
