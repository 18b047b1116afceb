"""Which files in a folder from a pull request may be read at all: regular files with plain names.

A symbolic link could point anywhere on the build machine (its target would then be read, and could
appear in a message); a folder link could be skipped unnoticed; a file name in another script or with
look-alike digits could give a second record for the same partner and year. All are refused, and a
message shows only the link's own name.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from aqb.data.problems import Problem

LINK_REFUSED = "ist eine Verknüpfung (symbolischer Link) und wird nicht gelesen"
# Lower- and upper-case ASCII letters, digits, '-', '_' and '.': one spelling for every path.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def regular_files(folder: Path, shown_root: Path, *, data: bool = True) -> tuple[list[Path], list[Problem]]:
    """Every regular file below `folder`, and a problem for each other entry.

    For `data` (data/, content/: hidden entries left out, as ProperDocs leaves them out) names must be
    plain too; code and templates keep their own names (__init__.py), and nothing in them is hidden."""
    files: list[Path] = []
    problems: list[Problem] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if data and entry.name.startswith("."):
                    continue
                path = Path(entry.path)
                shown = path.relative_to(shown_root).as_posix()
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISLNK(mode):
                    problems.append(
                        Problem(
                            shown,
                            1,
                            "Datei",
                            LINK_REFUSED,
                            "Die Verknüpfung löschen und die Datei selbst hierher kopieren.",
                        )
                    )
                elif not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                    problems.append(
                        Problem(
                            shown,
                            1,
                            "Datei",
                            "ist keine gewöhnliche Datei und wird nicht gelesen",
                            "Nur gewöhnliche Dateien und Ordner gehören hierher.",
                        )
                    )
                elif data and not _PLAIN_NAME.fullmatch(entry.name):
                    problems.append(
                        Problem(
                            shown,
                            1,
                            "Datei",
                            "hat einen Namen mit Zeichen außer a–z, A–Z, 0–9, - _ und .",
                            "Umbenennen, z. B. marburg-biedenkopf.yaml; Ziffern nur 0–9, "
                            "keine Umlaute oder Leerzeichen.",
                        )
                    )
                elif stat.S_ISDIR(mode):
                    pending.append(path)
                else:
                    files.append(path)
    return sorted(files), problems


# What `make check`, the build and the preview read from the repository, and what each must be. None may
# be a link: `data` linked to a folder elsewhere would have the check quote files from outside, and
# a linked template or module would be read from anywhere on the build machine.
READ_FOLDERS = ("data", "content", "overrides", "hooks", "src")
READ_FILES = ("mkdocs.yml", "CONTRIBUTING.md")
_SEARCHED_HERE = ("overrides", "hooks", "src")  # data/ and content/ are searched by their own checks


def repository_problems(root: Path) -> list[Problem]:
    """Every entry the build would read that is a link or not of its kind, before anything is read.

    A message names only the entry itself, never what a link points to."""
    problems: list[Problem] = []
    for name in READ_FOLDERS + READ_FILES:
        path = root / name
        mode = path.lstat().st_mode if os.path.lexists(path) else None
        if mode is None:
            continue  # nothing to read (a test project without a template folder, say)
        if stat.S_ISLNK(mode):
            problems.append(Problem(name, 1, "Datei", LINK_REFUSED, None))
        elif name in READ_FOLDERS and not stat.S_ISDIR(mode):
            problems.append(Problem(name, 1, "Datei", "muss ein Ordner sein", None))
        elif name in READ_FILES and not stat.S_ISREG(mode):
            problems.append(Problem(name, 1, "Datei", "muss eine gewöhnliche Datei sein", None))
        elif name in _SEARCHED_HERE:
            problems.extend(regular_files(path, root, data=False)[1])
    return problems
