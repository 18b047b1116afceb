"""Seconds from `make serve` on a fresh clone to the first page (issue 21: at most 15 s).

A fresh machine has no virtual environment and no pip cache: each run copies the repository's files
(tracked and new, never .venv or site/) into an empty folder, gives pip an empty cache, runs
`make serve` and asks for http://127.0.0.1:<port>/ until the start page answers. The baseline, in the
same run, is the way it was before the install was split: the test tools installed first, then serve.

    python bench/first_page.py
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from preview import free_port  # noqa: E402 - the port helper the tests use

TIMEOUT = 300  # seconds; a first page later than this is a failure, not a figure


def fresh_clone(folder: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    clone = folder / "aqb-zielvereinbarungen"
    for name in filter(None, listed):
        source = REPO / os.fsdecode(name)
        if not source.is_file():
            continue  # deleted in the work tree
        target = clone / os.fsdecode(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    return clone


def seconds_to_first_page(clone: Path, before: list[str]) -> float:
    """Run `before` (set-up as make targets, possibly none), then `make serve`; time until / answers."""
    environment = {**os.environ, "PIP_CACHE_DIR": str(clone.parent / "pip-cache")}
    port = free_port()
    started = time.monotonic()
    if before:
        subprocess.run(["make", "-s", *before], cwd=clone, env=environment, check=True, capture_output=True)
    server = subprocess.Popen(
        ["make", "-s", "serve", f"PORT={port}"],
        cwd=clone,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # make, properdocs and its watcher end together
    )
    try:
        while time.monotonic() - started < TIMEOUT:
            if server.poll() is not None:
                raise RuntimeError(f"make serve endete mit {server.returncode} vor der ersten Seite")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    if response.status == 200 and b"Zielvereinbarungen" in response.read():
                        return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"keine erste Seite nach {TIMEOUT} s")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def rows() -> list[tuple[str, float]]:
    measured = []
    for label, before in (
        ("make serve (nur, was die Seite braucht)", []),
        ("Baseline: erst die Testwerkzeuge, dann make serve", [".venv/.installed-test"]),
    ):
        with tempfile.TemporaryDirectory(prefix="aqb-first-page-") as folder:
            measured.append((label, seconds_to_first_page(fresh_clone(Path(folder)), before)))
    return measured


def table(measured: list[tuple[str, float]]) -> str:
    baseline = measured[-1][1]
    lines = [
        "| Frischer Klon, leerer pip-Cache | Sekunden bis zur ersten Seite | Verhältnis zur Baseline | Ziel |",
        "|---|---|---|---|",
    ]
    for label, seconds in measured:
        target = "≤ 15 s" if label.startswith("make serve") else "–"
        lines.append(f"| {label} | {seconds:.1f} | {seconds / baseline:.2f} | {target} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(rows()))
