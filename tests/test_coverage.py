"""Every gap visible at a glance, and one click from being closed (issue 22).

The tile map on the start page and every year page, every programme year listed, words instead of
"0 €", the prefilled request on FragDenStaat for every missing partner-year, and data/anfragen.yaml."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from aqb.data.loader import load_dataset
from aqb.data.model import Partner, RequestsFile
from aqb.pages.coverage import request_link
from conftest import REPO, TEST_REPOSITORY, DataFolder, attribute_of, build_site, found, line_of, page, text_of

DATASET = load_dataset(REPO / "data")
REQUESTS = DATASET.requests
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
    assert shown["Landkreis Fulda"] == ("fehlt", f"{base}kreise/fulda/#anfragen-2025")
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
    link = attribute_of(found(entry.find("a", class_="aqb-anfragen")), "href")
    parts = urllib.parse.urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "fragdenstaat.de", "/anfrage-stellen/")
    query = query_of(link)
    assert set(query) == {"subject", "body"}  # no public body configured yet: the general form
    assert (
        query["subject"] == "Zielvereinbarung 2025 zum Ausbildungs- und Qualifizierungsbudget mit dem Landkreis Fulda"
    )
    assert "und dem Landkreis Fulda, mit ihren Anlagen" in query["body"]
    assert "§ 7 der Zielvereinbarungen 2025" in query["body"] and "§§ 80 ff." in query["body"]
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
        "und allen hessischen Landkreisen und kreisfreien Städten, mit"
        in query_of(attribute_of(everyone, "href"))["body"]
    )
    entries = page(real_site, "jahre/2025/").select("ul.aqb-fehlend > li")
    assert len(entries) == 25
    for entry in entries:
        partner = text_of(found(entry.a))
        query = query_of(attribute_of(found(entry.find("a", class_="aqb-anfragen")), "href"))
        assert query["subject"].startswith("Zielvereinbarung 2025 ") and partner != "Stadt Hanau"


HOSTILE = ["A & B", "Kreis #1?x=y", 'Stadt "Zitat" <b>', "Landkreis 50%+1", "Kreis\u00a0mit Leerzeichen/Slash"]


@pytest.mark.parametrize("name", HOSTILE)
def test_the_request_link_carries_any_name_exactly(name: str) -> None:
    partner = DATASET.partners["fulda"].model_copy(update={"im_text": None, "bezeichnung": f"Landkreis {name}"})
    assert isinstance(partner, Partner) and REQUESTS is not None
    for requests in (REQUESTS, REQUESTS.model_copy(update={"behoerde": "hessisches-ministerium"})):
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
    with_requests(folder, [FULDA_2025, answered])
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
    assert statuses == {("fulda", "offen", "offen"), ("marburg-biedenkopf", "beantwortet", "offen")}
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


def test_the_requests_file_is_in_the_schema_and_valid() -> None:
    schema = json.loads((REPO / "data" / "schema" / "anfragen.schema.json").read_text(encoding="utf-8"))
    assert "fulda" in schema["$defs"]["InformationRequest"]["properties"]["partner"]["enum"]
    assert RequestsFile.model_validate(yaml.safe_load((REPO / "data" / "anfragen.yaml").read_text("utf-8")))


# -- words a reader can trust ---------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(DATASET.partners))
def test_every_partner_page_names_its_partner_in_the_case_the_sentence_needs(real_site: Path, slug: str) -> None:
    partner = DATASET.partners[slug]
    soup = page(real_site, f"kreise/{slug}/")
    if DATASET.of_partner(slug):
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
