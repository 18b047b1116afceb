"""The benchmark measures what it claims: its synthetic data passes the same checks as real data.

A rule added to the data checks must not silently turn `make bench` into a run that fails after an
hour, or into one that measures a refused build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from aqb.data.loader import load_dataset
from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import run as bench_run


def test_the_benchmarks_synthetic_agreements_pass_make_check(tmp_path: Path) -> None:
    # 27 partners over several years: past, present and future years (signature dates) are all covered.
    bench_run.generate(tmp_path, 27 * 14)
    dataset = load_dataset(tmp_path / "data")  # strict: raises with every problem
    assert len(dataset.agreements) == 27 * 14
    assert max(dataset.years()) > 2026
