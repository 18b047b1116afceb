"""Content Security Policy: no inline script runs unless the build hashed it; headers from nginx."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from bs4 import BeautifulSoup

from aqb.csp import HEADERS, policy_for
from aqb.preview import NGINX, nginx_serving
from conftest import REPO

def test_every_page_has_a_policy_without_unsafe_inline_scripts(real_site: Path) -> None:
    for html in real_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, html
        assert str(soup.head).index("Content-Security-Policy") < str(soup.head).find("<script") or "<script" not in str(soup.head)
        policy = meta["content"]
        script_src = re.search(r"script-src ([^;]+)", policy).group(1)
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert policy == policy_for(text), html  # exactly the hashes of this page's inline scripts


def test_pages_keep_working_under_the_policy(browser_page: tuple[Any, list[str]], served_site: str) -> None:
    tab, _ = browser_page
    refused: list[str] = []
    tab.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    for path in ("", "kreise/marburg-biedenkopf/2025/", "projekte/", "jahre/2025/"):
        tab.goto(served_site + path, wait_until="networkidle")
    tab.goto(served_site + "suche/?q=Frauenakademie")
    expect(tab.locator("#aqb-suche-status")).to_contain_text("Treffer")
    assert tab.locator("#aqb-treffer > li").count() > 0
    tab.goto(served_site + "projekte/")
    assert tab.locator("#aqb-projekte-werkzeuge").is_visible()  # the projects script ran
    assert refused == []


test_pages_keep_working_under_the_policy = pytest.mark.browser(test_pages_keep_working_under_the_policy)


@pytest.fixture(scope="module")
def nginx(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(NGINX).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("nginx fehlt (Debian-Paket nginx-light)")
        pytest.skip("nginx fehlt: der Test der Beispielkonfiguration wird übersprungen")
    with nginx_serving(real_site, REPO / "deploy" / "nginx.conf", tmp_path_factory.mktemp("nginx")) as url:
        yield url


@pytest.mark.browser
def test_nginx_example_sends_the_headers_and_the_site_works(browser_page: tuple[Any, list[str]], nginx: str) -> None:
    tab, _ = browser_page
    refused: list[str] = []
    tab.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    response = tab.goto(nginx + "kreise/marburg-biedenkopf/2025/")
    for name, value in HEADERS.items():
        assert response.headers[name.lower()] == value
    tab.goto(nginx + "suche/?q=Voice+Connect")
    expect(tab.locator("#aqb-suche-status")).to_contain_text("Treffer")
    assert "Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf" in tab.locator("#aqb-treffer").inner_text()
    assert tab.request.get(nginx + "gibt-es-nicht/").status == 404
    csv = tab.request.get(nginx + "daten/vereinbarungen.csv")
    assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv")
    assert refused == []
