"""Each page type in Debian's Chromium: it loads, reads well on a phone, passes axe-core, stays local."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "Startseite": "",
    "Kreise": "kreise/",
    "Kreis mit Vereinbarung": "kreise/marburg-biedenkopf/",
    "Kreis ohne Vereinbarung": "kreise/hanau/",
    "Vereinbarung": "kreise/marburg-biedenkopf/2025/",
    "Eckdaten aus öffentlicher Quelle": "kreise/landkreis-kassel/2016/",
    "Jahre": "jahre/",
    "Jahr": "jahre/2025/",
    "Jahr mit Landessumme": "jahre/2023/",
    "Inhaltsseite": "ueber/",
    "Suche mit Treffern": "suche/?q=Frauenakademie&jahr=2025",
    "Alle Projekte": "projekte/",
    "Vergleich": "vergleich/",
    "Offene Daten": "daten/",
    "Mitmachen": "mitmachen/",
    "Impressum": "impressum/",
    "Barrierefreiheit": "barrierefreiheit/",
    "Leichte Sprache": "leichte-sprache/",
}
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_is_accessible_and_local(browser: Any, served_site: str, path: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    tab = context.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    try:
        response = tab.goto(served_site + path, wait_until="networkidle")
        assert response is not None and response.status == 200
        assert tab.locator("h1").count() == 1
        assert tab.locator("h1").is_visible()
        results = Axe().run(tab, options=WCAG_21_AA)
        assert results.violations_count == 0, results.generate_report()
        # Readable on a phone: nothing wider than the screen except tables that scroll on their own.
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
    elsewhere = [url for url in requested if urlparse(url).hostname != "127.0.0.1"]
    assert elsewhere == []


def test_agreement_reads_without_javascript(browser: Any, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(served_site + "kreise/marburg-biedenkopf/2025/")
        assert tab.get_by_text("Fachkräfte sicherung").is_visible()
        assert tab.get_by_role("heading", name="§ 7").is_visible()
        tab.get_by_role("link", name="§ 5 Ziele für die Umsetzung").click()
        assert tab.url.endswith("#abschnitt-paragraf-5")
    finally:
        context.close()


def test_navigation_reaches_an_agreement_by_keyboard(browser_page: tuple[Any, list[str]], served_site: str) -> None:
    tab, _ = browser_page
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(served_site + "kreise/")
    link = tab.get_by_role("link", name="Landkreis Marburg-Biedenkopf").last
    link.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/kreise/marburg-biedenkopf/")
    tab.get_by_role("link", name="Zielvereinbarung 2025").focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/kreise/marburg-biedenkopf/2025/")
    assert tab.locator("h1").inner_text() == "Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf"
