"""The largest input each limit of issue 19 still allows, and what it costs: `make check` and the build.

Each row builds a copy of the real project with one worst case added (the most opening brackets the
limit allows, at the start of the longest text it allows, which is what makes Python-Markdown slow)
and compares with the same copy without it, in the same run. The PDF row imports a compressed bomb
(a page that inflates to 1.5 GB) under the importer's memory and time limits.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))  # test data made at run time, shared with the tests

from aqb.data.bounds import (  # noqa: E402
    MAX_PAGE_BRACKETS,
    MAX_PAGE_CHARACTERS,
    MAX_WORDING_BRACKETS,
    MAX_WORDING_CHARACTERS,
)
from pdfs import pdf_bomb  # noqa: E402

MARBURG = Path("data/vereinbarungen/2025/marburg-biedenkopf.yaml")
AQB = [sys.executable, "-I", "-m", "aqb.staff.cli"]
BUILD = [sys.executable, "-I", "-m", "properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", "site"]


def project(folder: Path) -> Path:
    folder.mkdir()
    for name in ("overrides", "hooks", "src", "mkdocs.yml"):
        (folder / name).symlink_to(REPO / name)
    for name in ("content", "data"):
        shutil.copytree(REPO / name, folder / name)
    shutil.copy(REPO / "CONTRIBUTING.md", folder / "CONTRIBUTING.md")
    return folder


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)}:\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def worst_text(characters: int, brackets: int) -> str:
    return "[" * brackets + "x" * (characters - brackets)


def with_deviation(folder: Path) -> None:
    # The section's placeholder stays (a deviation keeps every fact), the rest is the worst case.
    text = "{Nominativ} " + worst_text(MAX_WORDING_CHARACTERS - 12, MAX_WORDING_BRACKETS)
    record = folder / MARBURG
    addition = f"abweichungen:\n  paragraf-7: |-\n    {text}\n"
    record.write_text(record.read_text(encoding="utf-8") + addition, encoding="utf-8")


def with_page(folder: Path) -> None:
    body = worst_text(MAX_PAGE_CHARACTERS - 20, MAX_PAGE_BRACKETS)
    (folder / "content" / "grenze.md").write_text(f"# Grenze\n\n{body}\n", encoding="utf-8")


def rows(workdir: Path) -> list[tuple[str, str, str]]:
    """(input, `make check` in s with ÷ without, build in s with ÷ without)."""
    base = project(workdir / "grenzen-ohne")
    base_check, base_build = timed([*AQB, "check"], base), timed(BUILD, base)
    found: list[tuple[str, str, str]] = []
    for label, add in (
        (f"Abweichung: {MAX_WORDING_CHARACTERS} Zeichen, {MAX_WORDING_BRACKETS} × „[“ am Anfang", with_deviation),
        (f"Seite in content/: {MAX_PAGE_CHARACTERS} Zeichen, {MAX_PAGE_BRACKETS} × „[“ am Anfang", with_page),
    ):
        folder = project(workdir / f"grenzen-{len(found)}")
        add(folder)
        check, build = timed([*AQB, "check"], folder), timed(BUILD, folder)
        found.append((label, f"{check:.1f} ({check / base_check:.1f}×)", f"{build:.1f} ({build / base_build:.1f}×)"))
    bomb = workdir / "bombe.pdf"
    bomb.write_bytes(pdf_bomb(1536 * 1024 * 1024))
    folder = project(workdir / "grenzen-pdf")
    started = time.perf_counter()
    result = subprocess.run([*AQB, "import", str(bomb)], cwd=folder, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    refused = "abgelehnt" if result.returncode != 0 and "Traceback" not in result.stderr else "NICHT abgelehnt"
    size = bomb.stat().st_size // 1024
    found.append((f"PDF-Bombe ({size} KB, entpackt 1,5 GB): Import {refused}", f"{seconds:.1f}", "–"))
    return found


def table(found: list[tuple[str, str, str]]) -> str:
    lines = [
        "| Größte erlaubte Eingabe | make check (s, × ohne sie) | Bau (s, × ohne sie) |",
        "|---|---|---|",
        *(f"| {label} | {check} | {build} |" for label, check, build in found),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="aqb-grenzen-") as folder:
        print(table(rows(Path(folder))))
