"""Searching in Chromium: German full-text search with filters that live in the URL."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MARBURG_2025 = "Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf"


def search(tab: Any, base: str, query: str) -> list[str]:
    """Open the search page with `query` (URL parameters) and return the result titles."""
    tab.goto(f"{base}suche/?{query}")
    expect(tab.locator("#aqb-suche-status")).to_contain_text("Treffer")
    titles: list[str] = tab.locator("#aqb-treffer > li h3").all_inner_texts()
    return titles


@pytest.mark.parametrize(
    "query",
    [
        "q=Teilzeitausbildung",
        "q=Frauenakademie",
        "q=Voice+Connect",
        "q=1.118.780",
        "q=1118780",
        "q=Qualifizierungsprojekt",
        "q=Massnahme",
        "q=Ma%C3%9Fnahme",
        "q=Frauenakad",  # the beginning of a word, as typed
        "q=Biedenkopf",  # a part of a hyphenated name
    ],
)
def test_search_finds_the_agreement(browser_page: tuple[Any, list[str]], served_site: str, query: str) -> None:
    tab, _ = browser_page
    assert MARBURG_2025 in search(tab, served_site, query)


def test_results_name_district_and_year_and_link_the_agreement(
    browser_page: tuple[Any, list[str]], served_site: str
) -> None:
    tab, _ = browser_page
    titles = search(tab, served_site, "q=Frauenakademie")
    assert titles[0] == MARBURG_2025
    first = tab.locator("#aqb-treffer > li").first
    assert first.locator(".aqb-treffer-ort").inner_text() == "Landkreis Marburg-Biedenkopf · 2025"
    assert first.locator("mark").first.inner_text() == "Frauenakademie"
    first.locator("h3 a").click()
    tab.wait_for_url("**/kreise/marburg-biedenkopf/2025/")


def test_standard_text_is_found_once_on_the_year_page(browser_page: tuple[Any, list[str]], served_site: str) -> None:
    tab, _ = browser_page
    assert search(tab, served_site, "q=Umsetzungsbesprechung") == ["Zielvereinbarungen 2025"]


def test_year_filter_excluding_2025_removes_the_agreement(
    browser_page: tuple[Any, list[str]], served_site: str
) -> None:
    tab, _ = browser_page
    assert MARBURG_2025 in search(tab, served_site, "q=Frauenakademie&jahr=2025")
    assert MARBURG_2025 not in search(tab, served_site, "q=Frauenakademie&jahr=2024")


def test_filters_combine_and_show_counts(browser_page: tuple[Any, list[str]], served_site: str) -> None:
    tab, _ = browser_page
    titles = search(tab, served_site, "bezirk=Kassel&jahr=2016")
    assert titles == ["Zielvereinbarung 2016 – Landkreis Kassel"]
    assert tab.get_by_label("2016 (1)").is_checked()
    assert tab.get_by_label("Kassel (1)", exact=True).is_checked()
    assert tab.get_by_label("Gießen (0)", exact=True).is_visible()


def test_a_plain_search_loads_no_filter_index_until_the_filters_are_opened(
    browser_page: tuple[Any, list[str]], served_site: str
) -> None:
    tab, _ = browser_page
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(request.url))
    assert MARBURG_2025 in search(tab, served_site, "q=Frauenakademie")
    assert not [url for url in fetched if url.endswith(".pf_filter")]
    assert not tab.locator("fieldset[data-filter='Jahr']").is_visible()
    tab.get_by_text("Filter: Gebietskörperschaft, Jahr, Regierungsbezirk, Maßnahmenart").click()
    # Counts for this search, once the filter index has arrived.
    expect(tab.get_by_label("2025 (1)", exact=True)).to_be_visible()
    expect(tab.get_by_label("2024 (0)", exact=True)).to_be_visible()
    assert [url for url in fetched if url.endswith(".pf_filter")]


def test_choosing_a_filter_is_kept_in_the_url(browser_page: tuple[Any, list[str]], served_site: str) -> None:
    tab, _ = browser_page
    search(tab, served_site, "q=Teilzeitausbildung")
    tab.get_by_text("Filter: Gebietskörperschaft, Jahr").click()
    tab.locator("fieldset[data-filter='Jahr'] input[value='2024']").check()
    expect(tab).to_have_url(re.compile(r"jahr=2024"))
    expect(tab.locator("#aqb-suche-status")).to_contain_text("Treffer")
    shared = tab.url
    assert parse_qs(urlparse(shared).query) == {"q": ["Teilzeitausbildung"], "jahr": ["2024"]}
    # Someone opening the shared link gets the same search with the same filter.
    titles = search(tab, served_site, urlparse(shared).query)
    assert tab.locator("fieldset[data-filter='Jahr'] input[value='2024']").is_checked()
    assert "Zielvereinbarung 2024 – Wetteraukreis" in titles and MARBURG_2025 not in titles


def test_search_by_keyboard_from_the_header(browser_page: tuple[Any, list[str]], served_site: str) -> None:
    tab, _ = browser_page
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(served_site + "kreise/")
    for _ in range(20):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.id") == "aqb-kopf-suche-feld":
            break
    assert tab.evaluate("document.activeElement.id") == "aqb-kopf-suche-feld"
    tab.keyboard.type("Voice Connect")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/suche/?q=Voice+Connect")
    expect(tab.locator("#aqb-treffer > li").first).to_be_visible()
    tab.locator("#aqb-treffer a").first.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/kreise/marburg-biedenkopf/2025/")


def results(tab: Any, base: str, query: str) -> list[tuple[str, str]]:
    """Open the search page with `query` and return each result's address (path) and excerpt."""
    search(tab, base, query)
    found = []
    for item in tab.locator("#aqb-treffer > li").all():
        address = urlparse(item.locator("h3 a").get_attribute("href") or "").path
        found.append((address, item.locator(".aqb-treffer-auszug").inner_text()))
    return found


# Pagefind, finding no indexed word that begins with a search word, would fall back to a shorter
# word: "Jugendwerkstatt" found every page with "Jugend" (the ministry's name).
@pytest.mark.parametrize(
    "query",
    ["q=Jugendwerkstatt", "q=Jugendwerkstatt+Marburg-Biedenkopf", "q=Frauenakademiezentrum", "q=Voice+Connection"],
)
def test_no_hit_without_the_word(browser_page: tuple[Any, list[str]], served_site: str, query: str) -> None:
    tab, _ = browser_page
    assert search(tab, served_site, query) == []
    expect(tab.locator("#aqb-suche-status")).to_have_text("Keine Treffer.")


AGREEMENT_OR_PARTNER = re.compile(r"/kreise/[a-z-]+/(\d{4}/)?")
# Text for screen readers and request links: not what a reader searched for.
HELPER_TEXT = re.compile(r"Vereinbarung anfragen|reichen Sie sie ein|Hier einreichen|\(fragdenstaat\.de\)|, 20\d\d\)")


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("q=Gie%C3%9Fen", "/kreise/giessen/"),
        ("q=Lahn-Dill-Kreis", "/kreise/lahn-dill-kreis/"),
        ("q=Vogelsbergkreis", "/kreise/vogelsbergkreis/"),
    ],
)
def test_a_place_finds_its_partner_and_agreement_pages_not_lists_of_missing_ones(
    browser_page: tuple[Any, list[str]], served_site: str, query: str, first: str
) -> None:
    tab, _ = browser_page
    found = results(tab, served_site, query)
    assert found[0][0] == first
    partner_pages = [address for address, _ in found if AGREEMENT_OR_PARTNER.fullmatch(address)]
    assert partner_pages[0] == first
    # No year page, directory or contributor guide through its lists of partners or its field tables.
    lists = [address for address, _ in found if address.startswith(("/jahre/", "/mitmachen/")) or address == "/kreise/"]
    assert not lists
    assert not [excerpt for _, excerpt in found if HELPER_TEXT.search(excerpt)]


@pytest.mark.parametrize(
    ("query", "agreement", "amount"),
    [
        ("q=1.118.780", "/kreise/marburg-biedenkopf/2025/", "1.118.780 €"),
        ("q=Marburg-Biedenkopf+Budget", "/kreise/marburg-biedenkopf/2025/", "1.118.780 €"),
        ("q=Wetteraukreis+Budget", "/kreise/wetteraukreis/2024/", "1.140.300 €"),
    ],
)
def test_excerpts_show_the_budget_formatted_never_as_raw_digits(
    browser_page: tuple[Any, list[str]], served_site: str, query: str, agreement: str, amount: str
) -> None:
    tab, _ = browser_page
    excerpt = dict(results(tab, served_site, query))[agreement]
    assert amount in excerpt
    assert not re.search(r"\d{6,}", excerpt), excerpt


def projects_shown(tab: Any, base: str, text: str) -> list[str]:
    """The rows the projects pages of all years show for `text` in their filter field: the agreements' addresses."""
    tab.goto(f"{base}projekte/")
    years = [link.evaluate("link => link.href") for link in tab.locator("#aqb-projekte-jahre tbody th a").all()]
    assert len(years) == 2  # the bundled data: 2025 and 2016
    shown: list[str] = []
    for year in years:
        tab.goto(year)
        tab.get_by_label("Projekt oder Ort enthält").fill(text)
        expect(tab.locator("#aqb-projekte-status")).to_contain_text("Projekten angezeigt")
        rows = tab.locator("#aqb-projekte tbody tr:not([hidden]) td.aqb-titelzelle a").all()
        shown += [urlparse(row.evaluate("link => link.href")).path for row in rows]
    return shown


# Search finds every page that has the word; /projekte/<jahr>/ lists projects. An agreement known only from a
# source can name the word among the source's other statements (Wetteraukreis 2024: "Teilzeitausbildung"),
# which is no project: each hit says where the word stands, and those found as a project are the projects pages' rows.
@pytest.mark.parametrize(
    ("word", "other_statement"),
    [("Teilzeitausbildung", "/kreise/wetteraukreis/2024/"), ("Frauenakademie", None), ("Berufspaten", None)],
)
def test_search_counts_as_projects_what_the_projects_page_shows(
    browser_page: tuple[Any, list[str]], served_site: str, word: str, other_statement: str | None
) -> None:
    tab, _ = browser_page
    search(tab, served_site, f"q={word}")
    as_project: list[tuple[str, str]] = []
    elsewhere: list[tuple[str, str]] = []
    for item in tab.locator("#aqb-treffer > li").all():
        address = urlparse(item.locator("h3 a").get_attribute("href") or "").path
        where = item.locator(".aqb-treffer-fundstelle")
        under = where.inner_text() if where.count() else ""
        (as_project if "Projekte" in under else elsewhere).append((address, under))
    assert sorted(address for address, _ in as_project) == sorted(projects_shown(tab, served_site, word))
    assert as_project, "mindestens ein Projekt"
    if other_statement:
        assert (other_statement, "Gefunden unter: Weitere Angaben der Quelle") in elsewhere
