"""The largest input each limit still allows, and what it costs: `make check` and the build.

Each row builds a copy of the real project with one worst case added (the most opening brackets the
limit allows, at the start of the longest text it allows, which is what makes Python-Markdown slow)
and compares with the same copy without it, in the same run. The worst pull request fills content/
up to the limits for all pages together (issue 26: each step within 30 s on this machine). The PDF
row imports a compressed bomb (a page that inflates to 1.5 GB) under the importer's memory and time
limits.
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

from aqb.data.bounds import MAX_EMPHASIS_RUNS, PAGE_LIMITS, WORDING_LIMITS  # noqa: E402
from aqb.data.content import MAX_TOTAL_BRACKETS, MAX_TOTAL_CHARACTERS  # noqa: E402
from pdfs import pdf_bomb  # noqa: E402

MARBURG = Path("data/vereinbarungen/2025/marburg-biedenkopf.yaml")
AQB = [sys.executable, "-I", "-m", "aqb.staff.cli"]
BUILD = [sys.executable, "-I", "-m", "properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", "site"]


def project(folder: Path) -> Path:
    folder.mkdir()
    # Copies, never links: the check and the build refuse a linked entry. The package itself is installed.
    for name in ("overrides", "hooks", "content", "data"):
        shutil.copytree(REPO / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, folder / name)
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
    text = "{Nominativ} " + worst_text(WORDING_LIMITS.characters - 12, WORDING_LIMITS.brackets)
    record = folder / MARBURG
    addition = f"abweichungen:\n  paragraf-7: |-\n    {text}\n"
    record.write_text(record.read_text(encoding="utf-8") + addition, encoding="utf-8")


def with_page(folder: Path) -> None:
    body = worst_text(PAGE_LIMITS.characters - 20, PAGE_LIMITS.brackets)
    (folder / "content" / "grenze.md").write_text(f"# Grenze\n\n{body}\n", encoding="utf-8")


def with_worst_pull_request(folder: Path) -> None:
    """Pages as costly as the limits for all of content/ and the guide together allow: the brackets left at
    the start of the longest one-paragraph pages (each scans its paragraph), then paragraphs full of nested
    emphasis, each page with as many unclosed tags as it may have."""
    guide = (folder / "CONTRIBUTING.md").read_text(encoding="utf-8")
    pages = [page.read_text(encoding="utf-8") for page in (folder / "content").glob("*.md")]
    characters = MAX_TOTAL_CHARACTERS - len(guide) - sum(map(len, pages))
    brackets = MAX_TOTAL_BRACKETS - guide.count("[") - sum(page.count("[") for page in pages)
    nested = "*a " * (MAX_EMPHASIS_RUNS // 2) + " a*" * (MAX_EMPHASIS_RUNS // 2) + "\n\n"
    number = 0
    while characters > 100:
        size = min(PAGE_LIMITS.characters, characters) - 20
        start = "[" * min(brackets, PAGE_LIMITS.brackets) + "<a " * (PAGE_LIMITS.angle_brackets or 0)
        brackets -= start.count("[")
        rest = "x" * size if start.count("[") else nested * (size // len(nested) + 1)
        (folder / "content" / f"grenze-{number}.md").write_text(f"# Grenze\n\n{(start + rest)[:size]}\n", "utf-8")
        characters -= size + 20
        number += 1


def rows(workdir: Path) -> list[tuple[str, str, str]]:
    """(input, `make check` in s with ÷ without, build in s with ÷ without)."""
    base = project(workdir / "grenzen-ohne")
    base_check, base_build = timed([*AQB, "check"], base), timed(BUILD, base)
    found: list[tuple[str, str, str]] = []
    for label, add in (
        (f"Abweichung: {WORDING_LIMITS.characters} Zeichen, {WORDING_LIMITS.brackets} × „[“ am Anfang", with_deviation),
        (f"Seite in content/: {PAGE_LIMITS.characters} Zeichen, {PAGE_LIMITS.brackets} × „[“ am Anfang", with_page),
        (
            f"Schlimmster Pull Request: content/ und Anleitung zusammen {MAX_TOTAL_CHARACTERS} Zeichen, "
            f"{MAX_TOTAL_BRACKETS} × „[“, je Seite {PAGE_LIMITS.angle_brackets} × „<a“, verschachtelte Hervorhebung",
            with_worst_pull_request,
        ),
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
