"""Seconds from saving one YAML file until the open page in the preview has reloaded with the change
(issue 29: at most 1 s).

`make serve`'s command (ProperDocs serve, strict, watching the theme, the preview's nonce) runs on a copy
of the repository with the real data. Each round saves one changed data file (a statement of the
Wetteraukreis 2024 key figures, a record without a signed original) and does what the open page's
live-reload script does: it waits on the server's signal that the rebuild is complete (the whole site,
downloads and search index included, not just the one page), then loads the page again, which must show
the change. In the same run, interleaved, the same for a hand-written page in content/ (the engine's own
rebuild of the same site): the baseline.

    python bench/reload.py [--runden 5]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from preview import free_port  # noqa: E402 - the port helper the tests use

PROPERDOCS = REPO / ".venv" / "bin" / "properdocs"
TIMEOUT = 120  # seconds; a reload later than this is a failure, not a figure
RECORD = ("data/vereinbarungen/2024/wetteraukreis.yaml", "  - Teilzeitausbildung\n", "kreise/wetteraukreis/2024/")
PAGE = ("content/barrierefreiheit.md", "\n", "barrierefreiheit/")


def copy_project(folder: Path) -> Path:
    project = folder / "projekt"
    for name in ("data", "content", "overrides", "hooks"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, project / name)
    return project


def fetched(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return ""


@contextmanager
def serving(project: Path) -> Iterator[str]:
    address = f"127.0.0.1:{free_port()}"
    log = project.parent / "serve.log"  # a file, not a pipe: a full pipe would stall the server
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [str(PROPERDOCS), "serve", "--strict", "--watch-theme", "-f", "mkdocs.yml", *("--dev-addr", address)],
            cwd=project,
            env={**os.environ, "AQB_VORSCHAU": "1", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # properdocs and its watcher end together
        )
        base = f"http://{address}/"
        try:
            deadline = time.monotonic() + TIMEOUT
            while "Zielvereinbarungen" not in fetched(base):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("Vorschau kam nicht hoch:\n" + log.read_text("utf-8")[-3000:])
                time.sleep(0.2)
            yield base
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def seconds_to_change(project: Path, base: str, edit: tuple[str, str, str], mark: str) -> float:
    """Save the file as in the repository with `mark` added after its anchor line; time until the page's
    live-reload script would have reloaded it (the rebuild complete) and the reloaded page shows `mark`."""
    path, anchor, page = edit
    source = project / path
    text = (REPO / path).read_text("utf-8")
    if anchor == "\n":
        changed = text.rstrip("\n") + f"\n\n{mark}\n"
    else:
        changed = text.replace(anchor, anchor.rstrip("\n") + f" {mark}\n", 1)
    time.sleep(1.5)  # the server settles after the previous round
    epoch = shown_epoch(fetched(base + page))
    with ThreadPoolExecutor(max_workers=1) as waiting:
        signal_ = waiting.submit(next_epoch, base, epoch)  # the open page's question, asked before saving
        time.sleep(0.2)  # the question has reached the server
        started = time.monotonic()
        source.write_text(changed, "utf-8")
        while True:
            epoch = signal_.result(timeout=TIMEOUT)
            if mark in fetched(base + page):  # the page as the reload loads it
                return time.monotonic() - started
            if time.monotonic() - started > TIMEOUT:
                raise RuntimeError(f"{page} zeigt {mark} nach {TIMEOUT} s nicht")
            signal_ = waiting.submit(next_epoch, base, epoch)  # a rebuild begun before the save: the next one


def shown_epoch(html: str) -> int:
    """The site version a page from the preview knows (its live-reload script's first argument)."""
    found = re.search(r"livereload\(([0-9]+),", html)
    if found is None:
        raise RuntimeError("Die Vorschau-Seite hat kein Live-Reload-Skript")
    return int(found[1])


def next_epoch(base: str, epoch: int) -> int:
    """Wait, as the live-reload script does, until the server has a newer version of the site than `epoch`."""
    with urllib.request.urlopen(f"{base}livereload/{epoch}/1", timeout=TIMEOUT) as response:
        newer = int(float(response.read().decode("ascii")))
    return newer if newer > epoch else next_epoch(base, epoch)


def rows(rounds: int = 5) -> list[tuple[str, list[float]]]:
    times: dict[str, list[float]] = {"yaml": [], "seite": []}
    with tempfile.TemporaryDirectory(prefix="aqb-reload-") as folder:
        project = copy_project(Path(folder))
        with serving(project) as base:
            for number in range(rounds):  # interleaved: the data file, then the page
                times["yaml"].append(seconds_to_change(project, base, RECORD, f"Messmarke{number}a"))
                times["seite"].append(seconds_to_change(project, base, PAGE, f"Messmarke{number}b"))
    return [
        (f"YAML-Datei gespeichert ({RECORD[0]})", times["yaml"]),
        (f"Baseline: Seite in content/ gespeichert ({PAGE[0]})", times["seite"]),
    ]


def table(measured: list[tuple[str, list[float]]]) -> str:
    baseline = statistics.median(measured[-1][1])
    lines = [
        "| Vorschau (make serve), echte Daten | Sekunden bis die offene Seite neu geladen ist (Median) "
        "| einzelne Runden | Verhältnis zur Baseline | Ziel |",
        "|---|---|---|---|---|",
    ]
    for label, seconds in measured:
        median = statistics.median(seconds)
        target = "≤ 1 s" if label.startswith("YAML") else "–"
        each = " / ".join(f"{value:.2f}" for value in seconds)
        lines.append(f"| {label} | {median:.2f} | {each} | {median / baseline:.2f} | {target} |")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runden", type=int, default=5)
    print(table(rows(parser.parse_args().runden)))
