"""A preview that follows every edit: `make serve` rebuilds and the open page reloads by itself."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from helpers import MARBURG, REPO, DataFolder, place_project_files
from preview import free_port


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[str, DataFolder, Path]]:
    """`make serve` on a copy of the project (data/ and overrides/ copied, so the test may edit them)."""
    folder = DataFolder(tmp_path)
    folder.drop_original(MARBURG)  # the test edits the budget, which its original fixes otherwise
    place_project_files(tmp_path, ("content", "hooks", "src", "CONTRIBUTING.md", "mkdocs.yml"))
    subprocess.run(["cp", "-r", str(REPO / "overrides"), str(tmp_path / "overrides")], check=True)
    port = free_port()
    log = tmp_path / "serve.log"  # a file, not a pipe: a full pipe would stall the server
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            ["make", "-s", "-f", str(REPO / "Makefile"), "serve", f"PORT={port}", f"BIN={REPO / '.venv' / 'bin'}",
             "INSTALLED="],
            cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(url + "kreise/marburg-biedenkopf/2025/", timeout=5):
                        break
                except (urllib.error.URLError, ConnectionError):
                    assert process.poll() is None, log.read_text(encoding="utf-8")[-3000:]
                    assert time.monotonic() < deadline, "make serve kam nicht hoch"
                    time.sleep(0.5)
            yield url, folder, tmp_path
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


@pytest.mark.browser
def test_an_edited_data_file_shows_without_reloading_by_hand(
    serving: tuple[str, DataFolder, Path], browser_page: tuple[Any, list[str]]
) -> None:
    url, folder, _ = serving
    tab, _ = browser_page
    refused: list[str] = []
    tab.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    tab.goto(url + "kreise/marburg-biedenkopf/2025/")
    policy = tab.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    # Only the server's reload script (by its nonce) runs besides the known ones; nothing inline else.
    assert "'unsafe-inline'" not in policy and "'nonce-" in policy
    facts = tab.locator("section.aqb-eckdaten")
    expect(facts).to_contain_text("1.118.780 €")
    record = folder.path / MARBURG
    record.write_text(
        record.read_text(encoding="utf-8").replace("budget: 1118780", "budget: 1118790"), encoding="utf-8"
    )
    expect(facts).to_contain_text("1.118.790 €", timeout=60_000)  # rebuilt and reloaded, nobody pressed F5
    assert refused == []  # the preview's policy lets the reload script run


@pytest.mark.browser
def test_an_edited_stylesheet_shows_without_reloading_by_hand(
    serving: tuple[str, DataFolder, Path], browser_page: tuple[Any, list[str]]
) -> None:
    url, _, project = serving
    tab, _ = browser_page
    tab.goto(url + "kreise/marburg-biedenkopf/2025/")
    heading = tab.locator("article h1").first
    before = heading.evaluate("e => getComputedStyle(e).letterSpacing")
    stylesheet = project / "overrides" / "assets" / "stylesheets" / "aqb.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n.md-typeset h1 { letter-spacing: 7px; }\n",
                          encoding="utf-8")  # fmt: skip
    expect(heading).to_have_css("letter-spacing", "7px", timeout=60_000)
    assert before != "7px"


def test_a_built_site_never_allows_inline_scripts(real_site: Path) -> None:
    """The preview's policy must never reach a build."""
    for html in (real_site / "index.html", real_site / "kreise" / "marburg-biedenkopf" / "2025" / "index.html"):
        assert "'unsafe-inline'" not in html.read_text(encoding="utf-8")
