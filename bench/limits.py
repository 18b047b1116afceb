"""The largest input each limit still allows, and what it costs: `make check` and the build.

Each row builds a copy of the real project with one worst case added (the most opening brackets the
limit allows, at the start of the longest text it allows, which is what makes Python-Markdown slow)
and compares with the same copy without it, in the same run. The worst pull request fills content/
up to the limits for all pages together (issue 26: each step within 30 s on this machine). The PDF
row imports a compressed bomb (a page that inflates to 1.5 GB) under the importer's memory and time
limits.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

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


def timed(command: list[str], cwd: Path, *, refused: bool = False) -> float:
    """Seconds `command` takes; it must succeed, or (`refused`) fail with a German message, no traceback."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    failed_as_expected = refused and result.returncode == 1 and "Traceback" not in result.stderr
    if result.returncode != 0 and not failed_as_expected:
        raise RuntimeError(f"{' '.join(command)}:\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def worst_text(characters: int, brackets: int) -> str:
    return "[" * brackets + "x" * (characters - brackets)


def with_deviation(folder: Path) -> None:
    # The section's placeholder stays (a deviation keeps every fact), the rest is the worst case; the record
    # without its original, which would refuse these words before anything is rendered.
    text = "{Nominativ} " + worst_text(WORDING_LIMITS.characters - 12, WORDING_LIMITS.brackets)
    record = folder / MARBURG
    entry = yaml.safe_load(record.read_text(encoding="utf-8"))
    (folder / "data" / entry.pop("original")["datei"]).unlink()
    entry["abweichungen"] = {"paragraf-7": text}
    record.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")


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


def with_padded_comparison(folder: Path) -> None:
    """Every section a deviation filled up to the limit with one short word, the original with as many
    of them elsewhere: the most the word-for-word comparison could be made to align."""
    record = folder / MARBURG
    standard = yaml.safe_load((folder / "data/standardtexte/2025.yaml").read_text(encoding="utf-8"))
    deviations, added = {}, 0
    for section in standard["abschnitte"]:
        if "{unterschriften}" in section["text"] or "{projektliste}" in section["text"]:
            continue
        padding = (WORDING_LIMITS.characters - len(section["text"]) - 10) // 4
        deviations[section["id"]] = section["text"] + " die" * padding
        added += padding
    entry = yaml.safe_load(record.read_text(encoding="utf-8"))
    entry["abweichungen"] = deviations
    record.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    original = folder / "data" / entry["original"]["datei"]
    original.write_text(original.read_text(encoding="utf-8") + " die" * added, encoding="utf-8")
    entry["original"]["sha256"] = hashlib.sha256(original.read_bytes()).hexdigest()
    record.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")


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
        (
            "Wortvergleich: jede Abweichung bis zur Grenze mit „die“ gefüllt, das Original mit ebenso vielen",
            with_padded_comparison,
        ),
    ):
        folder = project(workdir / f"grenzen-{len(found)}")
        add(folder)
        refused = add is with_padded_comparison  # refused, in bounded time: the words differ
        check, build = timed([*AQB, "check"], folder, refused=refused), timed(BUILD, folder, refused=refused)
        found.append((label, f"{check:.1f} ({check / base_check:.1f}×)", f"{build:.1f} ({build / base_build:.1f}×)"))
    bomb = workdir / "bombe.pdf"
    bomb.write_bytes(pdf_bomb(1536 * 1024 * 1024))
    folder = project(workdir / "grenzen-pdf")
    started = time.perf_counter()
    result = subprocess.run([*AQB, "import", str(bomb)], cwd=folder, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    verdict = "abgelehnt" if result.returncode != 0 and "Traceback" not in result.stderr else "NICHT abgelehnt"
    size = bomb.stat().st_size // 1024
    found.append((f"PDF-Bombe ({size} KB, entpackt 1,5 GB): Import {verdict}", f"{seconds:.1f}", "–"))
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
