"""Is the built site byte-identical before and after a change? For refactorings that must not change behaviour.

Builds the real data and the benchmark's synthetic data with the working tree and with an earlier
commit (checked out into a temporary git worktree), then compares every output file. Pagefind's
bundle is left out: it names some of its files differently on every build (the pages it indexes are
compared). Prints the files that differ and exits 1 if there are any.

    python bench/compare_builds.py [--gegen HEAD] [--synthetisch 300]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def build(checkout: Path, data: Path, site: Path) -> None:
    """Build `data` with the code of `checkout` (its src/ first on the path, its hooks and templates)."""
    project = site.parent / f"projekt-{site.name}"
    project.mkdir()
    # Copies, never links: the check and the build refuse a linked entry (src/ comes by PYTHONPATH).
    for name in ("overrides", "hooks", "content"):
        shutil.copytree(checkout / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(checkout / name, project / name)
    shutil.copytree(data, project / "data")
    environment = {**os.environ, **QUIET, "PYTHONPATH": str(checkout / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site)],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"Bau mit {checkout} fehlgeschlagen:\n{result.stderr[-3000:]}")


def differing(first: Path, second: Path) -> list[str]:
    def files(site: Path) -> set[str]:
        return {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts}

    names = files(first) | files(second)
    return sorted(n for n in names if not (first / n).is_file() or not (second / n).is_file()
                  or not filecmp.cmp(first / n, second / n, shallow=False))  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gegen", default="HEAD", help="Commit, mit dem verglichen wird (Standard: HEAD)")
    parser.add_argument("--synthetisch", type=int, default=300, help="Zahl synthetischer Vereinbarungen")
    arguments = parser.parse_args()

    import run  # the benchmark's generator of synthetic data

    with tempfile.TemporaryDirectory(prefix="aqb-vergleich-") as folder:
        scratch = Path(folder)
        earlier = scratch / "frueher"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(earlier), arguments.gegen], cwd=REPO, check=True
        )
        try:
            synthetic = scratch / "synthetisch"
            synthetic.mkdir()
            run.generate(synthetic, arguments.synthetisch)
            found = 0
            for label, data in (("echte Daten", REPO / "data"), ("synthetische Daten", synthetic / "data")):
                sites = []
                for name, checkout in (("jetzt", REPO), ("frueher", earlier)):
                    site = scratch / f"{name}-{label.split()[0]}"
                    build(checkout, data, site)
                    sites.append(site)
                changed = differing(sites[0], sites[1])
                found += len(changed)
                print(f"{label}: {len(changed)} Dateien verschieden" + "".join(f"\n  {n}" for n in changed[:50]))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(earlier)], cwd=REPO, check=False)
            shutil.rmtree(earlier, ignore_errors=True)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
