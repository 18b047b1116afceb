"""Full-text search: build the Pagefind index over the finished site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Pages mark what is indexed with data-pagefind-body; their filters (Jahr, Gebietskörperschaft, …)
# come from the templates, which take them from the model.
PAGEFIND_COMMAND = [sys.executable, "-m", "pagefind", "--silent"]


class SearchIndexError(RuntimeError):
    pass


def build_search_index(site_dir: Path) -> None:
    """Write the Pagefind bundle to <site>/pagefind/ (German stemming from the pages' lang="de")."""
    result = subprocess.run([*PAGEFIND_COMMAND, "--site", str(site_dir)], capture_output=True, text=True)
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        raise SearchIndexError(f"Der Suchindex (Pagefind) konnte nicht erstellt werden:\n{result.stdout}{result.stderr}")
