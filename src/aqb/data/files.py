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

# Lower- and upper-case ASCII letters, digits, '-', '_' and '.': one spelling for every path.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def regular_files(folder: Path, shown_root: Path) -> tuple[list[Path], list[Problem]]:
    """Every regular file below `folder` (hidden entries left out), and a problem for each other entry."""
    files: list[Path] = []
    problems: list[Problem] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.startswith("."):
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
                            "ist eine Verknüpfung (symbolischer Link) und wird nicht gelesen",
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
                elif not _PLAIN_NAME.fullmatch(entry.name):
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
