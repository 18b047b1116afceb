"""Full-text search: a Pagefind index of only what each page marks as its content.

Pagefind's memory grows with the HTML it reads, and most of a page is the theme's chrome. So each
page's search region (between the markers the base template sets) is copied into a lean mirror of
the site while it is built, and Pagefind indexes the mirror into <site>/pagefind/. The result is the
same index at a fraction of the memory. The mirror's files are written by a thread of their own
while the next page is rendered (writing waits on the disk, not on Python).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

# Left out of the index wherever they stand:
# - the contributor guide's YAML examples quote a real agreement: they would show up as a second,
#   garbled hit for its projects (the guide's prose stays searchable);
# - text only for screen readers (.aqb-unsichtbar) repeats what stands beside it ("Vereinbarung
#   anfragen (Landkreis Gießen, 2020)") and would make a page a hit, and an excerpt, for it.
EXCLUDED = ".aqb-leitfaden pre, .aqb-unsichtbar"
# Isolated mode (-I): a folder pagefind/ in the repository cannot stand in for the installed wrapper.
PAGEFIND_COMMAND = [sys.executable, "-I", "-m", "pagefind", "--silent", "--exclude-selectors", EXCLUDED]
START, END = "<!--aqb-suchbereich-->", "<!--/aqb-suchbereich-->"


class SearchIndexError(RuntimeError):
    pass


class SearchMirror:
    """The indexed part of every page, as small files in the same paths as the site's pages."""

    def __init__(self, folder: Path | None = None, parent: Path | None = None) -> None:
        self.keep = folder is not None
        self.folder = folder or Path(tempfile.mkdtemp(prefix="aqb-suche-", dir=parent))
        self.folder.mkdir(parents=True, exist_ok=True)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aqb-suchspiegel")
        self._written: list[Future[None]] = []

    def add(self, url: str, html: str) -> None:
        """Copy the search region of the page at site-relative `url` ('' or 'kreise/x/2025/')."""
        begin, end = html.find(START), html.find(END)
        if begin < 0 or end < begin:
            return
        target = self.folder / url / "index.html" if not url.endswith(".html") else self.folder / url
        # The page's own opening (doctype and <html lang="de">, which picks the stemmer), its region.
        opening = html[: html.find("<head")]
        self._written.append(self._writer.submit(_write, target, opening + html[begin : end + len(END)] + "</html>\n"))

    def finish(self) -> None:
        """Wait until every page's file is written (a failed write is raised here); no page comes after."""
        written, self._written = self._written, []
        try:
            for future in written:
                future.result()
        finally:
            self._writer.shutdown(wait=True, cancel_futures=True)

    def build_index(self, site_dir: Path) -> None:
        """Write the Pagefind bundle to <site>/pagefind/ (German stemming from lang="de")."""
        try:
            self.finish()
            result = run_pagefind(self.folder, site_dir / "pagefind", scratch_parent=self.folder.parent)
            if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
                raise SearchIndexError(
                    f"Der Suchindex (Pagefind) konnte nicht erstellt werden:\n{result.stdout}{result.stderr}"
                )
        finally:
            self.discard()

    def discard(self) -> None:
        self._writer.shutdown(wait=True, cancel_futures=True)
        self._written = []
        if not self.keep:
            shutil.rmtree(self.folder, ignore_errors=True)


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def run_pagefind(site: Path, output: Path, scratch_parent: Path) -> subprocess.CompletedProcess[str]:
    """Pagefind with our settings only: it reads a configuration file (pagefind.yml, logfile …) from
    the folder it runs in and PAGEFIND_* variables, so it runs in an empty folder of ours, without them."""
    scratch = Path(tempfile.mkdtemp(prefix="aqb-pagefind-", dir=scratch_parent))
    environment = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND")}
    try:
        return subprocess.run(
            [*PAGEFIND_COMMAND, "--site", str(site.resolve()), "--output-path", str(output.resolve())],
            capture_output=True,
            text=True,
            cwd=scratch,
            env=environment,
            check=False,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
