"""When each file last changed, from git: the real "added or changed" date of a record."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path


def last_changes(root: Path, paths: list[str]) -> dict[str, date]:
    """Relative path → date of the last commit that touched it. Empty outside a git checkout.

    One `git log` for all files, newest first, so the first date seen for a file is its last change.
    Files never committed get no date: nothing is invented.
    """
    try:
        result = subprocess.run(["git", "log", "--format=@%cs", "--name-only", "--", *paths], cwd=root,
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    changes: dict[str, date] = {}
    current: date | None = None
    for line in result.stdout.splitlines():
        if line.startswith("@"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None:
            changes.setdefault(line, current)
    return changes
