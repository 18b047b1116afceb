"""Every gap visible at a glance, and one click from being closed (issue 22).

The tile map on the start page and every year page, every programme year listed, words instead of
"0 €", the prefilled request on FragDenStaat for every missing partner-year, and data/anfragen.yaml."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from aqb.data.dataset import Dataset
from aqb.data.loader import load_dataset
from aqb.data.model import MinistryName, Partner, RequestsFile
from aqb.pages.coverage import ministry_named, request_link
from helpers import (
    REPO,
    TEST_REPOSITORY,
    DataFolder,
    attribute_of,
    build_site,
    found,
    line_of,
    page,
    partner_slugs,
    search_fragments,
    text_of,
)

YEARS = [str(year) for year in range(2014, 2027)]


def tiles(soup: BeautifulSoup) -> dict[str, tuple[str, str]]:
    """Each tile of the page's map: full name → (status words, link)."""
    return {
        attribute_of(found(li.find("abbr")), "title"): (
            text_of(li.select_one(".aqb-kachel-status")),
            attribute_of(found(li.a), "href"),
        )
        for li in soup.select("ol.aqb-kacheln > li")
    }


# -- the tile map -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["", "jahre/2025/"])
def test_the_tile_map_shows_every_partner_with_its_status_in_words(real_site: Path, url: str) -> None:
    soup = page(real_site, url)
    shown = tiles(soup)
    assert len(shown) == 27
    base = "" if url == "" else "../../"
    assert shown["Landkreis Marburg-Biedenkopf"] == ("Text liegt vor", f"{base}kreise/marburg-biedenkopf/2025/")
    assert shown["Landkreis Fulda"] == ("fehlt", f"{base}kreise/fulda/2025/")  # the page of what is missing
    assert shown["Stadt Hanau"] == ("kein Partner", f"{base}kreise/hanau/")
    legend = [text_of(li) for li in soup.select(".aqb-legende li")]
    assert "Text liegt vor (1): Der unterzeichnete Text steht hier vollständig." in legend
    assert any(line.startswith("fehlt (25):") for line in legend)
    # The table alternative names every partner in full, with its short label and status.
    rows = [[text_of(c) for c in tr.find_all(["th", "td"])] for tr in soup.select(".aqb-karte-tabelle tbody tr")]
    assert len(rows) == 27 and ["Landkreis Fulda", "FD", "fehlt"] in rows


def test_the_tile_map_shows_key_figures_as_such(real_site: Path) -> None:
    assert tiles(page(real_site, "jahre/2024/"))["Wetteraukreis"] == ("Eckdaten", "../../kreise/wetteraukreis/2024/")


def test_the_start_page_switches_years_without_javascript(real_site: Path) -> None:
    switch = found(page(real_site, "").select_one("nav.aqb-jahreswahl"))
    assert [text_of(li) for li in switch.select("li")] == YEARS
    assert text_of(found(switch.select_one("[aria-current]"))) == "2025"
    assert attribute_of(found(switch.find("a", string="2019")), "href") == "jahre/2019/#karte"


# Hanau's lines in data/gebietskoerperschaften.yaml, read from the file (a new partner or name moves them).
HANAU_TILE = line_of(REPO / "data" / "gebietskoerperschaften.yaml", "kurz: HU}")
HANAU = line_of(REPO / "data" / "gebietskoerperschaften.yaml", "hanau:")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("kachel: {zeile: 4, spalte: 3, kurz: HU}", "kachel: {zeile: 4, spalte: 2, kurz: HU}"),
            f":{HANAU_TILE}: hanau.kachel: steht auf demselben Platz wie 'frankfurt-am-main': Zeile 4, Spalte 2",
        ),
        (
            ("kachel: {zeile: 4, spalte: 3, kurz: HU}", "kachel: {zeile: 4, spalte: 3, kurz: F}"),
            f":{HANAU_TILE}: hanau.kachel.kurz: gleicht dem Kürzel von 'frankfurt-am-main': 'F'",
        ),
        (
            ("kachel: {zeile: 4, spalte: 3, kurz: HU}", "kachel: {zeile: 12, spalte: 3, kurz: HU}"),
            f":{HANAU_TILE}: hanau.kachel.zeile: ",
        ),
        (("  kachel: {zeile: 4, spalte: 3, kurz: HU}\n", ""), f":{HANAU}: hanau.kachel: Pflichtfeld fehlt"),
    ],
    ids=["Platz doppelt", "Kürzel doppelt", "Zeile außerhalb", "Kachel fehlt"],
)
def test_every_partner_has_exactly_one_free_place(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    folder = DataFolder(tmp_path)
    path = folder.path / "gebietskoerperschaften.yaml"
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(*change), encoding="utf-8")
    with pytest.raises(Exception) as refused:
        load_dataset(folder.path)
    assert f"data/gebietskoerperschaften.yaml{message}" in str(refused.value)


# -- every year, and no "0 €" for nothing -------------------------------------------------------


def test_every_programme_year_is_listed_and_nothing_published_is_not_zero_euro(real_site: Path) -> None:
    soup = page(real_site, "jahre/")
    rows = {text_of(tr.th): [text_of(td) for td in tr.find_all("td")] for tr in soup.select("tbody tr")}
    assert sorted(rows) == YEARS
    assert rows["2019"][:2] == ["0 von 26 Vereinbarungen", "nichts veröffentlicht"]
    assert rows["2014"][:2] == ["0 von 26 Vereinbarungen", "nichts veröffentlicht"]
    assert "Nichts veröffentlicht“ heißt" in text_of(soup.article)
    for year in YEARS:
        year_page = text_of(page(real_site, f"jahre/{year}/").article)
        assert " 0 €" not in year_page, year
    assert text_of(page(real_site, "jahre/2014/").select_one(".aqb-abdeckung")) == (
        "Hier veröffentlicht: 0 von 26 Vereinbarungen."
    )


# -- asking for what is missing ---------------------------------------------------------------------


def query_of(link: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(link).query, strict_parsing=True))


def test_a_missing_agreement_can_be_asked_for_on_fragdenstaat(real_site: Path) -> None:
    entry = found(page(real_site, "kreise/fulda/").select_one("#anfragen-2025"))
    # The year leads to the page of what is missing (reached from the map and the partner page, not orphaned).
    assert attribute_of(found(entry.find("a")), "href") == "2025/"
    link = attribute_of(found(entry.find("a", class_="aqb-anfragen")), "href")
    parts = urllib.parse.urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "fragdenstaat.de", "/anfrage-stellen/")
    query = query_of(link)
    assert set(query) == {"subject", "body"}  # no public body configured yet: the general form
    assert (
        query["subject"] == "Zielvereinbarung 2025 zum Ausbildungs- und Qualifizierungsbudget mit dem Landkreis Fulda"
    )
    # Only what is asked for: FragDenStaat adds greeting, legal basis and closing itself.
    assert query["body"] == (
        "Die Zielvereinbarung 2025 zum Ausbildungs- und Qualifizierungsbudget (AQB) zwischen dem Hessischen "
        "Ministerium für Arbeit, Integration, Jugend und Soziales und dem Landkreis Fulda, mit ihren Anlagen.\n\n"
        "Die Zielvereinbarungen 2025 sehen ihre Veröffentlichung selbst vor (§ 7: „Die Zielvereinbarungen werden "
        "auf dem Internetportal des HMSI ‚Arbeitswelt Hessen‘ veröffentlicht.“)."
    )
    # Beside it: where to send the agreement if you have it (the issue form).
    form = next(a for a in entry.find_all("a") if text_of(a).startswith("Hier einreichen"))
    assert attribute_of(form, "href") == f"{TEST_REPOSITORY}/issues/new?template=neue-vereinbarung.yml"
    years = [attribute_of(li, "id") for li in page(real_site, "kreise/fulda/").select("ul.aqb-fehlend > li")]
    assert years == [f"anfragen-{year}" for year in reversed(YEARS)]
    hanau = [attribute_of(li, "id") for li in page(real_site, "kreise/hanau/").select("ul.aqb-fehlend > li")]
    assert hanau == ["anfragen-2026"]  # a partner only since 2026


def test_the_year_page_offers_a_request_for_every_missing_partner(real_site: Path) -> None:
    soup = page(real_site, "jahre/2019/")  # nothing published: one request for all of them, too
    everyone = found(soup.find("a", string="Alle Vereinbarungen 2019 auf einmal anfragen"))
    assert (
        "und allen hessischen Landkreisen und kreisfreien Städten, jeweils mit ihren Anlagen."
        in query_of(attribute_of(everyone, "href"))["body"]
    )
    entries = page(real_site, "jahre/2025/").select("ul.aqb-fehlend > li")
    assert len(entries) == 25
    for entry in entries:
        partner = text_of(found(entry.a))
        query = query_of(attribute_of(found(entry.find("a", class_="aqb-anfragen")), "href"))
        assert query["subject"].startswith("Zielvereinbarung 2025 ") and partner != "Stadt Hanau"


# What FragDenStaat writes around every body itself (okfde/froide: the law's letter_start and letter_end).
FRAMING = ["Sehr geehrte", "Damen und Herren", "Mit freundlichen Grüßen", "HDSIG", "§§ 80", "Informationsfreiheit"]
HMSI = "dem Hessischen Ministerium für Soziales und Integration"
HMAIJS = "dem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales"
TODAY = "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"
PROMISE = (
    "Die Zielvereinbarungen 2025 sehen ihre Veröffentlichung selbst vor (§ 7: „Die Zielvereinbarungen werden auf "
    "dem Internetportal des HMSI ‚Arbeitswelt Hessen‘ veröffentlicht.“)."
)
# (year, the ministry as the year's agreements were signed, whether the year's text is known to promise
# publication): 2014–2023 under the HMSI's name, 2024 not known (the name changed in January 2024).
MINISTRY_BY_YEAR = [
    (2014, f"{HMSI} (heute {TODAY})", False),
    (2019, f"{HMSI} (heute {TODAY})", False),
    (2023, f"{HMSI} (heute {TODAY})", False),
    (2024, f"{HMAIJS} (bis Januar 2024: Hessisches Ministerium für Soziales und Integration)", False),
    (2025, HMAIJS, True),
]


def assert_only_what_is_asked_for(body: str) -> None:
    for framing in FRAMING:
        assert framing not in body, framing
    # Quotation marks inside a quotation are single: no „ opens before the previous one closed.
    assert re.search(r"„[^“]*„", body) is None, body
    assert body.count("„") == body.count("“") and body.count("‚") == body.count("‘")


@pytest.mark.parametrize(
    ("year", "ministry", "promised"), MINISTRY_BY_YEAR, ids=[str(y) for y, _, _ in MINISTRY_BY_YEAR]
)
def test_a_request_names_the_agreement_as_signed_and_only_what_is_asked(
    real_site: Path, year: int, ministry: str, promised: bool
) -> None:
    entry = found(page(real_site, "kreise/fulda/").select_one(f"#anfragen-{year}"))
    body = query_of(attribute_of(found(entry.find("a", class_="aqb-anfragen")), "href"))["body"]
    assert_only_what_is_asked_for(body)
    asked, _, rest = body.partition("\n\n")
    assert asked == (
        f"Die Zielvereinbarung {year} zum Ausbildungs- und Qualifizierungsbudget (AQB) zwischen {ministry} und "
        "dem Landkreis Fulda, mit ihren Anlagen."
    )
    # § 7 is quoted only for a year whose standard text is known to promise publication.
    assert rest == (PROMISE if promised else "")
    law = text_of(found(page(real_site, f"kreise/fulda/{year}/").select_one("#anfragen + p")))
    assert ("die Vereinbarungen 2025 (§ 7) sehen ihre Veröffentlichung selbst vor" in law) is promised


@pytest.mark.parametrize(
    ("year", "ministry", "promised"), MINISTRY_BY_YEAR, ids=[str(y) for y, _, _ in MINISTRY_BY_YEAR]
)
def test_the_request_for_a_whole_year_asks_for_all_agreements_in_the_plural(
    real_site: Path, year: int, ministry: str, promised: bool
) -> None:
    everyone = found(
        page(real_site, f"jahre/{year}/").find("a", string=f"Alle Vereinbarungen {year} auf einmal anfragen")
    )
    query = query_of(attribute_of(everyone, "href"))
    assert query["subject"] == (
        f"Zielvereinbarungen {year} zum Ausbildungs- und Qualifizierungsbudget mit allen hessischen Landkreisen und "
        "kreisfreien Städten"
    )
    assert_only_what_is_asked_for(query["body"])
    asked, _, rest = query["body"].partition("\n\n")
    assert asked == (
        f"Die Zielvereinbarungen {year} zum Ausbildungs- und Qualifizierungsbudget (AQB) zwischen {ministry} und "
        "allen hessischen Landkreisen und kreisfreien Städten, jeweils mit ihren Anlagen."
    )
    assert rest == (PROMISE if promised else "")


@pytest.mark.parametrize(
    ("url", "partner", "year"),
    [
        ("kreise/fulda/", "Landkreis Fulda", "2025"),
        ("jahre/2025/", "Landkreis Fulda", "2025"),
        ("kreise/hanau/", "Stadt Hanau", "2026"),
        ("kreise/fulda/2014/", "Landkreis Fulda", "2014"),
        ("kreise/wetteraukreis/2024/", "Wetteraukreis", "2024"),
    ],
)
def test_a_screen_reader_hears_whose_agreement_a_request_is_for(
    real_site: Path, url: str, partner: str, year: str
) -> None:
    soup = page(real_site, url)
    names = {text_of(a) for a in soup.select("a.aqb-anfragen")} - {"Alle Vereinbarungen 2025 auf einmal anfragen"}
    assert f"Vereinbarung anfragen ({partner}, {year})" in names
    # Each request link is named by partner and year, never by the year twice.
    assert all(re.fullmatch(r"Vereinbarung anfragen \([^,()]*\D, 20\d\d\)", n) for n in names), names
    uploads = {text_of(a) for a in soup.find_all("a") if text_of(a).startswith("Hier einreichen")}
    assert f"Hier einreichen ({partner}, {year})" in uploads


# -- records known only from a press release ------------------------------------------------------


KEY_FIGURES = [
    ("wetteraukreis", 2024, "dem Wetteraukreis"),
    ("landkreis-kassel", 2016, "dem Landkreis Kassel"),
    ("offenbach-am-main", 2020, "der Stadt Offenbach am Main"),
]


@pytest.mark.parametrize(("slug", "year", "dative"), KEY_FIGURES)
def test_a_key_figures_record_offers_a_request_for_its_missing_text(
    real_site: Path, slug: str, year: int, dative: str
) -> None:
    section = found(page(real_site, f"kreise/{slug}/{year}/").select_one("section.aqb-wortlaut-anfragen"))
    assert text_of(section.h2) == "Den Wortlaut anfragen"
    query = query_of(attribute_of(found(section.find("a", class_="aqb-anfragen")), "href"))
    assert query["subject"] == f"Zielvereinbarung {year} zum Ausbildungs- und Qualifizierungsbudget mit {dative}"
    assert query["body"].startswith(f"Die Zielvereinbarung {year} zum Ausbildungs- und Qualifizierungsbudget (AQB)")
    assert query["body"].endswith(f" und {dative}, mit ihren Anlagen.")
    assert_only_what_is_asked_for(query["body"])
    form = next(a for a in section.find_all("a") if text_of(a).startswith("Hier einreichen"))
    assert attribute_of(form, "href") == f"{TEST_REPOSITORY}/issues/new?template=neue-vereinbarung.yml"


# -- a page for every agreement that is not here -------------------------------------------------


@pytest.mark.parametrize("slug", partner_slugs())
def test_every_partner_year_has_a_page_even_without_an_agreement(
    real_site: Path, bundled_dataset: Dataset, slug: str
) -> None:
    partner = bundled_dataset.partners[slug]
    for year in map(int, YEARS):
        assert (real_site / "kreise" / slug / str(year) / "index.html").exists() is partner.exists_in(year), year
    assert not (real_site / "kreise" / slug / "2013").exists()


MISSING_PAGES = [
    ("fulda", 2025, "Landkreis Fulda", "dem Landkreis Fulda"),
    ("fulda", 2014, "Landkreis Fulda", "dem Landkreis Fulda"),
    ("hanau", 2026, "Stadt Hanau", "der Stadt Hanau"),
    ("wetteraukreis", 2025, "Wetteraukreis", "dem Wetteraukreis"),
]


@pytest.mark.parametrize(("slug", "year", "name", "dative"), MISSING_PAGES)
def test_a_guessed_address_of_a_missing_agreement_says_what_is_missing_and_how_to_get_it(
    real_site: Path, slug: str, year: int, name: str, dative: str
) -> None:
    soup = page(real_site, f"kreise/{slug}/{year}/")
    assert text_of(soup.h1) == f"Zielvereinbarung {year} – {name}: liegt nicht vor"
    assert text_of(soup.title) == f"Zielvereinbarung {year} – {name}: liegt nicht vor - AQB-Zielvereinbarungen Hessen"
    assert (
        text_of(soup.select_one(".aqb-leerstand strong"))
        == f"Die Zielvereinbarung {year} mit {dative} liegt hier nicht vor."
    )
    request = found(soup.article).find("a", class_="aqb-anfragen")
    assert text_of(request) == f"Vereinbarung anfragen ({name}, {year})"
    query = query_of(attribute_of(request, "href"))
    assert query["subject"] == f"Zielvereinbarung {year} zum Ausbildungs- und Qualifizierungsbudget mit {dative}"
    assert_only_what_is_asked_for(query["body"])
    # How to send it in: the issue form and the contributor guide.
    links = {text_of(a): attribute_of(a, "href") for a in found(soup.article).find_all("a")}
    assert links[f"Hier einreichen ({name}, {year})"] == f"{TEST_REPOSITORY}/issues/new?template=neue-vereinbarung.yml"
    assert links["„Neue Vereinbarung“"] == f"{TEST_REPOSITORY}/issues/new?template=neue-vereinbarung.yml"
    assert links["Anleitung „Mitmachen“"] == "../../../mitmachen/"
    assert links[f"Alle Vereinbarungen mit {dative}"] == "../"
    # Not for search engines, not in the navigation, not in the site's search.
    assert attribute_of(soup.find("meta", attrs={"name": "robots"}), "content") == "noindex"
    assert soup.select("[data-pagefind-body]") == []
    assert not any(f"{slug}/{year}" in attribute_of(a, "href") for a in soup.select("nav.md-nav a"))


def test_missing_agreements_stay_out_of_search_sitemap_and_navigation(real_site: Path) -> None:
    indexed = search_fragments(real_site)
    assert "/kreise/marburg-biedenkopf/2025/" in indexed  # an agreement is found …
    assert not [url for url in indexed if url.startswith("/kreise/fulda/20")]  # … a gap is not
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/kreise/marburg-biedenkopf/2025/</loc>" in sitemap and "/kreise/wetteraukreis/2024/</loc>" in sitemap
    assert "/kreise/fulda/2025/" not in sitemap and "/kreise/hanau/2026/" not in sitemap
    agreement = page(real_site, "kreise/marburg-biedenkopf/2025/")
    assert agreement.find("meta", attrs={"name": "robots"}) is None
    navigation = [attribute_of(a, "href") for a in agreement.select("nav.md-nav a")]
    assert "../../fulda/" in navigation and not [href for href in navigation if "/20" in href]


HOSTILE = ["A & B", "Kreis #1?x=y", 'Stadt "Zitat" <b>', "Landkreis 50%+1", "Kreis\u00a0mit Leerzeichen/Slash"]


@pytest.mark.parametrize("name", HOSTILE)
def test_the_request_link_carries_any_name_exactly(bundled_dataset: Dataset, name: str) -> None:
    partner = bundled_dataset.partners["fulda"].model_copy(update={"im_text": None, "bezeichnung": f"Landkreis {name}"})
    filed = bundled_dataset.requests
    assert isinstance(partner, Partner) and filed is not None
    for requests in (filed, filed.model_copy(update={"behoerde": "hessisches-ministerium"})):
        link = request_link(requests, partner, 2025)
        assert link is not None and link.startswith("https://fragdenstaat.de/anfrage-stellen/")
        assert "#" not in link and " " not in link and "<" not in link and '"' not in link
        query = query_of(link)
        assert query["subject"].endswith(f"mit dem Landkreis {name}")
        assert f"und dem Landkreis {name}, mit ihren Anlagen" in query["body"]
        if requests.behoerde:
            assert urllib.parse.urlsplit(link).path == "/anfrage-stellen/an/hessisches-ministerium/"
            assert query["ref"] == "aqb-zielvereinbarungen"


# -- requests as data ---------------------------------------------------------------------------


def with_requests(folder: DataFolder, requests: list[dict[str, object]]) -> None:
    path = folder.path / "anfragen.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content["anfragen"] = requests
    folder.write("anfragen.yaml", yaml.safe_dump(content, allow_unicode=True, sort_keys=False))


FULDA_2025 = {
    "partner": "fulda",
    "jahr": 2025,
    "adresse": "https://fragdenstaat.de/a/123456/",
    "datum": "2026-11-02",
    "status": "offen",
}


@pytest.fixture(scope="module")
def site_with_requests(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = DataFolder(tmp_path_factory.mktemp("anfragen"))
    answered = {**FULDA_2025, "partner": "marburg-biedenkopf", "adresse": "https://fragdenstaat.de/a/99/"}
    key_figures = {**FULDA_2025, "partner": "wetteraukreis", "jahr": 2024, "adresse": "https://fragdenstaat.de/a/98/"}
    with_requests(folder, [FULDA_2025, answered, key_figures])
    return build_site(folder.root, folder.root / "site", {"AQB_REPOSITORY": TEST_REPOSITORY})


def test_a_filed_request_shows_on_the_partner_page_and_the_map(site_with_requests: Path) -> None:
    entry = found(page(site_with_requests, "kreise/fulda/").select_one("#anfragen-2025"))
    asked = found(entry.find("a", href="https://fragdenstaat.de/a/123456/"))
    assert text_of(asked) == "angefragt am 2. November 2026"
    assert "angefragt am 2. November 2026 (fragdenstaat.de) – offen;" in text_of(entry)
    year = page(site_with_requests, "jahre/2025/")
    assert tiles(year)["Landkreis Fulda"][0] == "angefragt"
    row = next(tr for tr in year.select(".aqb-karte-tabelle tbody tr") if text_of(tr.th) == "Landkreis Fulda")
    cell = found(row.find("td", attrs={"data-label": "Stand 2025"}))
    assert text_of(cell) == "angefragt: angefragt am 2. November 2026 (fragdenstaat.de) – offen"
    asked = found(cell.a)
    assert attribute_of(asked, "href") == FULDA_2025["adresse"]
    # The host beside the link, as beside every source link.
    assert text_of(found(asked.find_next_sibling("span", class_="aqb-adresse"))) == "(fragdenstaat.de)"


def test_a_request_counts_as_answered_once_its_agreement_is_here(site_with_requests: Path) -> None:
    exported = json.loads((site_with_requests / "daten" / "anfragen.json").read_text(encoding="utf-8"))
    statuses = {(r["partner"], r["status"], r["status_laut_eintrag"]) for r in exported["anfragen"]}
    # Key figures from a press release are not the text asked for: that request stays open.
    assert statuses == {
        ("fulda", "offen", "offen"),
        ("marburg-biedenkopf", "beantwortet", "offen"),
        ("wetteraukreis", "offen", "offen"),
    }
    section = found(page(site_with_requests, "kreise/wetteraukreis/2024/").select_one("section.aqb-wortlaut-anfragen"))
    assert "angefragt am 2. November 2026 (fragdenstaat.de) – offen;" in text_of(section)
    rows = list(csv.DictReader(io.StringIO((site_with_requests / "daten" / "anfragen.csv").read_text("utf-8"))))
    assert rows[0]["gebietskoerperschaft"] == "Landkreis Fulda" and rows[0]["datum"] == "2026-11-02"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"partner": "fuda"},
            "anfragen[1].partner: ist keine bekannte Gebietskörperschaft: 'fuda' Hinweis: Meinten Sie 'fulda'?",
        ),
        ({"partner": "hanau"}, "anfragen[1].jahr: Stadt Hanau war 2025 kein Partner des AQB"),
        ({"datum": "2999-01-01"}, "anfragen[1].datum: liegt in der Zukunft: '2999-01-01'"),
        ({"adresse": "http://fragdenstaat.de/a/1/"}, "anfragen[1].adresse: "),
        ({"status": "erledigt"}, "anfragen[1].status: muss einer dieser Werte sein"),
    ],
    ids=["unbekannter Partner", "kein Partner in dem Jahr", "Datum in der Zukunft", "ohne https", "unbekannter Stand"],
)
def test_a_wrong_request_gets_file_line_and_field(tmp_path: Path, change: dict[str, str], message: str) -> None:
    folder = DataFolder(tmp_path)
    with_requests(folder, [{**FULDA_2025, **change}])
    with pytest.raises(Exception) as refused:
        load_dataset(folder.path)
    assert "data/anfragen.yaml:" in str(refused.value) and message in str(refused.value)


def test_a_request_filed_twice_is_refused(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    with_requests(folder, [FULDA_2025, {**FULDA_2025, "status": "abgelehnt"}])
    with pytest.raises(Exception) as refused:
        load_dataset(folder.path)
    assert "anfragen[2].adresse: doppelte Anfrage: dieselbe wie anfragen[1]" in str(refused.value)


def test_the_request_wording_names_only_year_and_partner(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    path = folder.path / "anfragen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("mit {partner}", "mit {dativ}", 1), encoding="utf-8")
    with pytest.raises(Exception) as refused:
        load_dataset(folder.path)
    assert "betreff: unbekannter Platzhalter: '{dativ}'" in str(refused.value)


def ministry(name: str, since: str, first: int | None, last: int | None = None) -> MinistryName:
    return MinistryName(
        name=name,
        dativ=f"dem {name}",
        benannt_seit=since,
        vereinbarungen_von=first,
        vereinbarungen_bis=last,
        quelle="Q",
    )


@pytest.mark.parametrize(
    ("year", "named"),
    [
        (2015, "dem A (heute C)"),
        (2018, "dem B (heute C)"),
        (2019, "dem C (bis März 2020: B)"),  # no name known for 2019: today's and the one before
        (2021, "dem C"),
        (2030, "dem C"),
    ],
)
def test_a_request_names_the_ministry_of_its_year_or_says_both_names(year: int, named: str) -> None:
    names = [ministry("A", "2014", 2014, 2016), ministry("B", "2017", 2017, 2018), ministry("C", "März 2020", 2020)]
    assert ministry_named(names, year) == named


@pytest.mark.parametrize(
    ("written", "wrong", "message"),
    [
        (
            "    vereinbarungen_bis: 2023\n",
            "",
            "ministerien[1].vereinbarungen_bis: fehlt: nur der heutige (letzte) Name gilt bis heute",
        ),
        (
            "    vereinbarungen_von: 2025\n",
            "    vereinbarungen_von: 2023\n",
            "ministerien[2].vereinbarungen_von: Jahre passen nicht: '2023' bis 'heute'",
        ),
        (
            "    vereinbarungen_von: 2014\n",
            "    vereinbarungen_von: 2024\n",
            "ministerien[1].vereinbarungen_von: Jahre passen nicht: '2024' bis '2023'",
        ),
        (
            "    dativ: dem Hessischen Ministerium für Soziales und Integration\n",
            "",
            "ministerien[1].dativ: Pflichtfeld fehlt",
        ),
        (
            "text_alle: |-\n  Die Zielvereinbarungen {jahr}",
            "text_alle: |-\n  Die Zielvereinbarungen {jahr} mit {partner}",
            "text_alle: unbekannter Platzhalter: '{partner}'",
        ),
    ],
    ids=["offen vor dem letzten", "Jahre überschneiden sich", "bis vor von", "Dativ fehlt", "Platzhalter"],
)
def test_a_wrong_ministry_or_wording_gets_file_line_and_field(
    tmp_path: Path, written: str, wrong: str, message: str
) -> None:
    folder = DataFolder(tmp_path)
    path = folder.path / "anfragen.yaml"
    text = path.read_text(encoding="utf-8")
    assert written in text
    path.write_text(text.replace(written, wrong, 1), encoding="utf-8")
    with pytest.raises(Exception) as refused:
        load_dataset(folder.path)
    assert "data/anfragen.yaml:" in str(refused.value) and message in str(refused.value)


def test_the_requests_file_is_in_the_schema_and_valid() -> None:
    schema = json.loads((REPO / "data" / "schema" / "anfragen.schema.json").read_text(encoding="utf-8"))
    assert "fulda" in schema["$defs"]["InformationRequest"]["properties"]["partner"]["enum"]
    assert RequestsFile.model_validate(yaml.safe_load((REPO / "data" / "anfragen.yaml").read_text("utf-8")))


# -- words a reader can trust ---------------------------------------------------------------------


@pytest.mark.parametrize("slug", partner_slugs())
def test_every_partner_page_names_its_partner_in_the_case_the_sentence_needs(
    real_site: Path, bundled_dataset: Dataset, slug: str
) -> None:
    partner = bundled_dataset.partners[slug]
    soup = page(real_site, f"kreise/{slug}/")
    if bundled_dataset.of_partner(slug):
        assert f"mit {partner.naming.dativ} nicht vor" in text_of(soup.select_one("#fehlende-jahre + p"))
    else:
        assert text_of(soup.select_one(".aqb-leerstand")) == (
            f"Für {partner.naming.akkusativ} liegt noch keine Zielvereinbarung vor."
        )


def test_the_citation_of_key_figures_names_the_partner_in_the_dative(real_site: Path) -> None:
    citation = text_of(page(real_site, "kreise/wetteraukreis/2024/").select_one(".aqb-zitieren p"))
    assert "Eckdaten der Zielvereinbarung 2024 mit dem Wetteraukreis nach: " in citation


def test_no_page_doubles_brackets_around_a_source(real_site: Path) -> None:
    for html in sorted(real_site.rglob("index.html")):
        article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").article
        if article is not None:
            text = text_of(article)
            assert "))" not in text and "((" not in text, html.relative_to(real_site)
