"""What a fresh machine gets: `make serve` installs only what the site needs, and `make bench` works.

The benchmark's synthetic data must pass the same checks as real data: a rule added to the data
checks must not silently turn `make bench` into a run that fails after an hour.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from aqb.data.loader import load_dataset
from helpers import REPO

sys.path.insert(0, str(REPO / "bench"))
import run as bench_run


def test_the_benchmarks_synthetic_agreements_pass_make_check(tmp_path: Path) -> None:
    # 27 partners over several years: past, present and future years (signature dates) are all covered.
    bench_run.generate(tmp_path, 27 * 14)
    dataset = load_dataset(tmp_path / "data")  # strict: raises with every problem
    assert len(dataset.agreements) == 27 * 14
    assert max(dataset.years()) > 2026


def pinned(lock: Path) -> dict[str, str]:
    return dict(re.findall(r"(?m)^([A-Za-z0-9_.-]+)==([^ \\\n;]+)", lock.read_text(encoding="utf-8")))


def test_make_serve_installs_only_the_sites_dependencies_and_tests_run_the_same_versions() -> None:
    site, with_tests = pinned(REPO / "requirements.txt"), pinned(REPO / "requirements-test.txt")
    # Serving on a fresh machine waits for none of the test tools (issue 21: first page within 15 s).
    assert not {"pytest", "playwright", "mypy", "ruff", "zizmor", "linkchecker"} & set(site)
    # The tests check the versions the site is built with.
    assert {name: with_tests.get(name) for name in site} == site
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^serve: \$\(INSTALLED\)$", makefile, re.MULTILINE)
    assert re.search(r"^test: \$\(TEST_INSTALLED\) ", makefile, re.MULTILINE)
