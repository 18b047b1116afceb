"""Content Security Policy: no inline script runs unless the build hashed it; headers from nginx."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from aqb.outputs.csp import ALLOWED_SCRIPTS, HEADERS, inline_scripts, is_allowed, policy_for
from helpers import REPO, DataFolder, attribute_of, build_site, serve, unavailable
from preview import NGINX, nginx_serving


def found_text(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match is not None, pattern
    return match.group(1)


def test_every_page_has_a_policy_without_unsafe_inline_scripts(real_site: Path) -> None:
    for html in real_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, html
        assert str(soup.head).index("Content-Security-Policy") < str(soup.head).find("<script") or "<script" not in str(
            soup.head
        )
        policy = attribute_of(meta, "content")
        script_src = found_text(r"script-src ([^;]+)", policy)
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert policy == policy_for(text), html  # exactly the hashes of this page's inline scripts
        style_src = found_text(r"style-src ([^;]+)", policy)
        assert style_src == "'self'"  # no inline styles at all: none from data can apply
        assert not soup.select("[style]") and not soup.find("style"), html


def test_every_allowed_script_is_one_the_theme_really_writes(real_site: Path) -> None:
    """A stale entry would trust a script nobody checked; a new theme script must be added knowingly."""
    import hashlib

    from aqb.outputs.csp import _BASE

    used = {
        hashlib.sha256(_BASE.sub("new URL(BASE,location)", script).encode()).hexdigest()
        for html in real_site.rglob("*.html")
        for script in inline_scripts(html.read_text(encoding="utf-8"))
    }
    assert used == set(ALLOWED_SCRIPTS)


@pytest.mark.parametrize("script", ["alert(1)", 'new URL("https://example.org",location)', "__md_scope=1"])
def test_an_unknown_inline_script_is_never_trusted(script: str) -> None:
    assert not is_allowed(script)


def test_a_script_in_a_hand_written_page_fails_the_build(tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort

    DataFolder(tmp_path)
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    (content / "ueber.md").write_text("# Über\n\n<script>alert(1)</script>\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(tmp_path, tmp_path / "site")
    assert not (tmp_path / "site" / "ueber" / "index.html").exists()


@pytest.mark.browser
def test_injected_style_and_script_are_blocked_in_chromium(real_site: Path, tmp_path: Path, browser: Any) -> None:
    """What a data value could never produce, forced into a built page: the browser still refuses it."""
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    page_file = site / "kreise" / "marburg-biedenkopf" / "2025" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    overlay = (
        '<a id="aqb-falle" href="https://example.org/" style="position:fixed;inset:0;z-index:99999;'
        'background:rgb(255,0,0)">x</a><script>window.aqbFalle = 1</script>'
    )
    page_file.write_text(
        html.replace("<body", overlay + "<body", 1).replace("</h1>", "</h1>" + overlay, 1), encoding="utf-8"
    )
    context = browser.new_context()
    tab = context.new_page()
    refused: list[str] = []
    tab.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    try:
        with serve(site) as url:
            tab.goto(url + "kreise/marburg-biedenkopf/2025/", wait_until="networkidle")
            position = tab.locator("#aqb-falle").first.evaluate("e => getComputedStyle(e).position")
            ran = tab.evaluate("() => window.aqbFalle")
    finally:
        context.close()
    assert position == "static"  # the overlay's style attribute was not applied
    assert ran is None  # the injected script did not run
    assert any("style" in message for message in refused) and any("script" in message for message in refused)


def test_pages_keep_working_under_the_policy(browser_page: tuple[Any, list[str]], served_site: str) -> None:
    tab, _ = browser_page
    refused: list[str] = []
    tab.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    switched = 0
    for path in (
        "",
        "kreise/",
        "kreise/marburg-biedenkopf/",
        "kreise/marburg-biedenkopf/2025/",
        "projekte/",
        "projekte/2025/",
        "jahre/",
        "jahre/2025/",
        "vergleich/",
        "daten/",
        "mitmachen/",
        "gibt-es-nicht/",
    ):
        tab.goto(served_site + path, wait_until="networkidle")
        # What the theme's script does on a page: palette switch, back-to-top, drawer (no inline styles).
        toggle = tab.locator("label[for^='__palette']:visible")
        if toggle.count():
            toggle.first.click()
            switched += 1
        tab.mouse.wheel(0, 2000)
        tab.wait_for_timeout(100)
    tab.goto(served_site + "suche/?q=Frauenakademie")
    expect(tab.locator("#aqb-suche-status")).to_contain_text("Treffer")
    assert tab.locator("#aqb-treffer > li").count() > 0
    tab.goto(served_site + "projekte/2025/")
    # The projects script ran: it wrote the count and made the column headings sort buttons (the tools
    # themselves stand in place from the first paint, before it runs).
    expect(tab.locator("#aqb-projekte-status")).to_contain_text("Projekten angezeigt")
    assert tab.locator("#aqb-projekte-werkzeuge").is_visible()
    assert tab.locator("#aqb-projekte th button.aqb-sortieren").count() == 5
    assert switched >= 5  # the theme's palette script ran on most pages (not on the 404 page)
    assert refused == []


test_pages_keep_working_under_the_policy = pytest.mark.browser(test_pages_keep_working_under_the_policy)


@pytest.fixture(scope="module")
def nginx(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(NGINX).exists():
        unavailable("nginx fehlt (Debian-Paket nginx-light): der Test der Beispielkonfiguration wird übersprungen")
    with nginx_serving(real_site, REPO / "deploy" / "nginx.conf", tmp_path_factory.mktemp("nginx")) as url:
        yield url


@pytest.mark.browser
def test_nginx_example_sends_the_headers_and_the_site_works(browser_page: tuple[Any, list[str]], nginx: str) -> None:
    tab, _ = browser_page
    refused: list[str] = []
    tab.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    response = tab.goto(nginx + "kreise/marburg-biedenkopf/2025/")
    for name, value in HEADERS.items():
        assert response.headers[name.lower()] == value
    tab.goto(nginx + "suche/?q=Voice+Connect")
    expect(tab.locator("#aqb-suche-status")).to_contain_text("Treffer")
    assert "Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf" in tab.locator("#aqb-treffer").inner_text()
    assert tab.request.get(nginx + "gibt-es-nicht/").status == 404
    csv = tab.request.get(nginx + "daten/vereinbarungen.csv")
    assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv")
    workbook = tab.request.get(nginx + "daten/zielvereinbarungen.xlsx")
    assert workbook.status == 200 and workbook.body().startswith(b"PK")
    assert workbook.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert refused == []


@pytest.mark.parametrize(
    ("scope", "allowed"),
    [("/", True), ("/aqb/", True), ("/projekte/aqb-zielvereinbarungen/", True), ('/a"b/', False), ("//x/", False)],
)
def test_the_404_pages_scope_may_be_the_sites_sub_path(real_site: Path, scope: str, allowed: bool) -> None:
    """On GitHub Pages a project's site lives at /<name>/: the theme writes that path into the 404 page's scope
    script, and the build must not refuse it (it did); anything but plain path characters stays refused."""
    html = (real_site / "404.html").read_text(encoding="utf-8")
    [scope_script] = [script for script in inline_scripts(html) if "__md_scope" in script]
    assert 'new URL("/",location)' in scope_script  # this build's site is at the root
    assert is_allowed(scope_script.replace('new URL("/",location)', f'new URL("{scope}",location)')) is allowed
