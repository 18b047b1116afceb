"""The built site, page by page, as a reader sees it (static HTML, no JavaScript needed)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag

from helpers import (
    REPO,
    SEED,
    TEST_REPOSITORY,
    DataFolder,
    attribute_of,
    build_site,
    found,
    page,
    section_of,
    synthetic_agreement,
    text_of,
)

AGREEMENT = "kreise/marburg-biedenkopf/2025/"


def seed_as_reader_sees_it() -> str:
    """The seed text without Markdown markup (#, **, list dashes), white space folded."""
    lines = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^#+\s*", "", line)
        line = re.sub(r"^\s*- ", "", line)
        lines.append(line.replace("**", ""))
    return " ".join(" ".join(lines).split())


def definition(soup: Tag, term: str) -> str:
    """Text of the <dd> that belongs to the <dt> `term`."""
    dt = soup.find("dt", string=term)
    assert dt is not None, f"no <dt>{term}</dt>"
    return text_of(dt.find_next_sibling("dd"))


# -- the agreement page ----------------------------------------------------------------------------


def test_agreement_text_is_the_signed_text_word_for_word(real_site: Path) -> None:
    article = page(real_site, AGREEMENT).select_one("article.aqb-wortlaut")
    assert text_of(article) == seed_as_reader_sees_it()


@pytest.mark.parametrize("sentence", [s for s in re.split(r"(?<=[.:])\s+", seed_as_reader_sees_it()) if s])
def test_every_sentence_of_the_seed_is_on_the_page(real_site: Path, sentence: str) -> None:
    assert sentence in text_of(page(real_site, AGREEMENT).select_one("article.aqb-wortlaut"))


def test_agreement_keeps_section_numbering_and_quirks(real_site: Path) -> None:
    soup = page(real_site, AGREEMENT)
    headings = [text_of(h) for h in soup.select("article.aqb-wortlaut h2")]
    assert headings == ["Zielvereinbarung"] + [f"§ {number}" for number in range(1, 8)]
    items = [text_of(li) for li in soup.select("article.aqb-wortlaut ol.aqb-massnahmen > li")]
    assert items[2] == (
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräfte sicherung "
        "Frauenakademie 2025 Voice Connect 2025"
    )
    signatures = [text_of(div) for div in soup.select(".aqb-unterschrift")]
    assert signatures[0].startswith("Wiesbaden, den 2.8.2025 Heike Hofmann Staatsministerin")
    assert signatures[1].startswith("Marburg-Cappel, den Peter Neidel")  # the date is blank in the original


def test_agreement_key_facts(real_site: Path) -> None:
    soup = page(real_site, AGREEMENT)
    assert [text_of(h1) for h1 in soup.find_all("h1")] == ["Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf"]
    facts = found(soup.select_one("section.aqb-eckdaten"))
    assert definition(facts, "Jahr") == "2025"
    assert definition(facts, "Budget") == "1.118.780 €"
    assert definition(facts, "Partner").startswith("Landkreis Marburg-Biedenkopf und Hessisches Ministerium für Arbeit")
    assert definition(facts, "Maßnahmenarten und Projekte") == (
        "1. Ausbildungsvorbereitung Motivierendes Coaching Marburg 2025 "
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen Teilzeitausbildung (BaE) "
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung Frauenakademie 2025 Voice "
        "Connect 2025 "
        "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen "
        "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung (kein Projekt genannt)"
    )
    # Name, each line of the function as signed, place and date: each on its own line, never run together.
    assert shown_lines(facts.select("ul.aqb-unterzeichnende li")) == [
        [
            "Heike Hofmann",
            "Staatsministerin",
            "Hessisches Ministerium",
            "für Arbeit, Integration,",
            "Jugend und Soziales",
            "Wiesbaden, 2. August 2025",
        ],
        [
            "Peter Neidel",
            "Erster Kreisbeigeordneter",
            "des Landkreises",
            "Marburg-Biedenkopf",
            "Marburg-Cappel, ohne Datum (im unterzeichneten Dokument nicht eingetragen)",
        ],
    ]
    assert definition(facts, "Quelle").startswith("Zielvereinbarung 2025 zwischen dem Hessischen Ministerium")
    assert attribute_of(facts.find("a", string="Landkreis Marburg-Biedenkopf"), "href") == "../"
    assert attribute_of(facts.find("a", string="2025"), "href") == "../../../jahre/2025/"


def shown_lines(items: Any) -> list[list[str]]:
    """Each element's lines as a reader sees them: broken where the page has a <br>, white space folded."""
    shown = []
    for item in items:
        copied = BeautifulSoup(str(item), "html.parser")
        for line_break in copied.find_all("br"):
            line_break.replace_with("\x00")  # a newline in the HTML source is only a space to the reader
        shown.append([" ".join(line.split()) for line in copied.get_text().split("\x00") if line.strip()])
    return shown


def test_agreement_table_of_contents_links_to_every_section(real_site: Path) -> None:
    soup = page(real_site, AGREEMENT)
    links = soup.select("nav.aqb-inhalt a")
    assert [text_of(a) for a in links][:3] == [
        "Vereinbarungspartner",
        "Präambel",
        "§ 1 Ausbildungs- und Qualifizierungsbudget",
    ]
    for link in links:
        assert soup.find(id=attribute_of(link, "href").removeprefix("#")) is not None


# -- partners ----------------------------------------------------------------------------------------


def test_partner_index_groups_all_partners_by_regierungsbezirk(real_site: Path) -> None:
    soup = page(real_site, "kreise/")
    assert [text_of(h) for h in soup.select("article h2")] == [
        "Regierungsbezirk Darmstadt",
        "Regierungsbezirk Gießen",
        "Regierungsbezirk Kassel",
        "Fehler gefunden?",  # the box below every page
    ]
    rows = {text_of(row.th): [text_of(td) for td in row.find_all("td")] for row in soup.select("tbody tr")}
    assert len(rows) == 27
    assert rows["Landkreis Marburg-Biedenkopf"] == ["Landkreis", "06534", "2025", "1.118.780 € (2025)"]
    assert rows["Stadt Hanau"] == ["kreisfreie Stadt (seit 1. Januar 2026)", "nicht bekannt", "noch keine", "–"]
    assert rows["Stadt Kassel"][1] == "06611" and rows["Landkreis Kassel"][1] == "06633"
    links = {text_of(a): a["href"] for a in soup.select("tbody th a")}
    assert links["Stadt Kassel"] == "stadt-kassel/" and links["Landkreis Kassel"] == "landkreis-kassel/"
    assert links["Stadt Offenbach am Main"] == "offenbach-am-main/" and links["Kreis Offenbach"] == "kreis-offenbach/"


def test_partner_page_lists_its_agreements(real_site: Path) -> None:
    soup = page(real_site, "kreise/marburg-biedenkopf/")
    assert text_of(soup.h1) == "Landkreis Marburg-Biedenkopf"
    assert definition(soup, "Kreisschlüssel") == "06534"
    assert definition(soup, "Regierungsbezirk") == "Gießen"
    section = found(soup.select_one("section.aqb-jahr"))
    assert text_of(section.h3) == "Zielvereinbarung 2025"
    assert attribute_of(found(section.h3).a, "href") == "2025/"
    assert "Budget: 1.118.780 €" in text_of(section)
    assert "Voice Connect 2025" in text_of(section)


@pytest.mark.parametrize(
    ("slug", "named"),
    [
        ("fulda", "den Landkreis Fulda"),
        ("hanau", "die Stadt Hanau"),
        ("stadt-kassel", "die Stadt Kassel"),
        ("vogelsbergkreis", "den Vogelsbergkreis"),
        ("kreis-offenbach", "den Kreis Offenbach"),
    ],
)
def test_partner_without_agreement_says_so_in_the_right_case(real_site: Path, slug: str, named: str) -> None:
    soup = page(real_site, f"kreise/{slug}/")
    assert text_of(soup.select_one(".aqb-leerstand")) == f"Für {named} liegt noch keine Zielvereinbarung vor."


def test_hanau_page_explains_its_missing_key(real_site: Path) -> None:
    soup = page(real_site, "kreise/hanau/")
    assert definition(soup, "Kreisschlüssel") == "nicht bekannt (in keiner uns vorliegenden Quelle genannt)"
    assert definition(soup, "Partner des AQB seit") == "1. Januar 2026"


# -- years -------------------------------------------------------------------------------------------


def test_year_page_table_sum_and_missing_partners(real_site: Path) -> None:
    soup = page(real_site, "jahre/2025/")
    assert text_of(soup.h1) == "Zielvereinbarungen 2025"
    header = [text_of(th) for th in soup.select(".aqb-jahrestabelle thead th")]
    assert header == [
        "Gebietskörperschaft",
        "Budget",
        "Zum Vorjahr",
        "Ausbildungsvorbereitung",
        "Ausbildung",
        "Qualifizierung",
        "Weiterbildung",
    ]
    assert [
        [text_of(cell) for cell in row.find_all(["th", "td"])] for row in soup.select(".aqb-jahrestabelle tbody tr")
    ] == [["Landkreis Marburg-Biedenkopf", "1.118.780 €", "Vorjahr nicht veröffentlicht", "1", "1", "2", "0"]]
    assert text_of(soup.select_one(".aqb-jahrestabelle tfoot tr")).startswith(
        "Summe der hier veröffentlichten Budgets 1.118.780 €"
    )
    assert text_of(soup.select_one(".aqb-abdeckung")) == "Hier veröffentlicht: 1 von 26 Vereinbarungen, 1.118.780 € ."
    missing = [text_of(found(li.a)) for li in soup.select("ul.aqb-fehlend > li")]
    assert len(missing) == 25
    assert "Stadt Hanau" not in missing and "Landkreis Marburg-Biedenkopf" not in missing


def test_start_page_explains_and_links(real_site: Path) -> None:
    soup = page(real_site, "")
    assert len(soup.find_all("h1")) == 1
    paragraphs = found(soup.article).select("p")
    # The lead says what the site is, the coverage of the year follows it (above the map), then the explanation.
    assert "Ausbildungs- und Qualifizierungsbudget (AQB)" in text_of(paragraphs[0])
    assert "Zielvereinbarungen" in text_of(paragraphs[0])
    explained = found(found(soup.find("h2", id="worum-es-geht")).find_next("p"))
    assert text_of(explained).startswith("Mit dem AQB gibt das Land Hessen jedem Landkreis")
    assert text_of(found(explained.find_next("p"))).startswith("Die Zielvereinbarung schließt")
    links = {text_of(a): attribute_of(a, "href") for a in found(soup.article).find_all("a")}
    assert links["Nach Kreis/Stadt"] == "kreise/" and links["Nach Jahr"] == "jahre/"
    assert links["Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf"] == "kreise/marburg-biedenkopf/2025/"


# -- the whole site ----------------------------------------------------------------------------------


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_german_and_loads_nothing_from_elsewhere(real_site: Path) -> None:
    for html in all_pages(real_site):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        assert attribute_of(soup.html, "lang") == "de", html
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                    continue
                assert not re.match(r"(https?:)?//", str(element[attribute])), f"{html}: {element}"


def test_navigation_lists_sections_and_partners_but_no_agreement_or_year(real_site: Path) -> None:
    soup = page(real_site, AGREEMENT)
    nav_links = [attribute_of(a, "href") for a in soup.select("nav.md-nav--primary a[href]")]
    assert "../../stadt-kassel/" in nav_links and "../../../jahre/" in nav_links
    assert not [href for href in nav_links if re.search(r"/\d{4}/$", href) or href in ("./", "")]


# Pages outside the navigation share one rendered sidebar per folder (aqb.pages.sidebar): two in one
# folder (an agreement and a missing year of Marburg-Biedenkopf), others in other folders, and pages
# in the navigation, which render their own.
SIDEBAR_PAGES = [
    ("kreise/marburg-biedenkopf/2025/", False),
    ("kreise/marburg-biedenkopf/2024/", False),
    ("kreise/wetteraukreis/2024/", False),
    ("kreise/fulda/2025/", False),
    ("jahre/2025/", False),
    ("jahre/2016/", False),
    ("projekte/2025/", False),
    ("projekte/2016/", False),
    ("kreise/marburg-biedenkopf/", True),
    ("kreise/fulda/", True),
    ("jahre/", True),
    ("projekte/", True),
]


def _sidebar_targets(site: Path, url: str) -> list[str]:
    """Where each link of the page's navigation sidebar leads, as a path below the site root (the links
    into the page's own table of contents left out)."""
    links = [attribute_of(a, "href") for a in page(site, url).select("nav.md-nav--primary a[href]")]
    return [urljoin(f"/{url}", href) for href in links if not href.startswith("#")]


@pytest.mark.parametrize(("url", "in_navigation"), SIDEBAR_PAGES)
def test_every_sidebar_link_leads_where_the_start_pages_does(real_site: Path, url: str, in_navigation: bool) -> None:
    """A sidebar shared by the pages of one folder still leads each of them to the right pages."""
    targets = _sidebar_targets(real_site, url)
    assert targets == _sidebar_targets(real_site, "")
    assert {"/kreise/fulda/", "/kreise/marburg-biedenkopf/", "/jahre/", "/impressum/"} <= set(targets)
    active = page(real_site, url).select("nav.md-nav--primary a.md-nav__link--active[href]")
    assert [urljoin(f"/{url}", attribute_of(a, "href")) for a in active] == ([f"/{url}"] if in_navigation else [])


# -- several years and partners (generated test data, never in data/) -----------------------------


@pytest.fixture(scope="module")
def multi_year_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = DataFolder(tmp_path_factory.mktemp("mehrjahr"))
    folder.add_standard_text(2024)
    folder.add_standard_text(2026)
    folder.add_agreement(synthetic_agreement("marburg-biedenkopf", 2024, 1000000))
    folder.add_agreement(synthetic_agreement("stadt-kassel", 2024, 900000))
    folder.add_agreement(synthetic_agreement("hanau", 2026, 700000))
    folder.add_agreement(synthetic_agreement("landkreis-kassel", 2026, 800000, projects={}))
    return build_site(folder.root, folder.root / "site")


def test_partner_page_lists_years_newest_first(multi_year_site: Path) -> None:
    soup = page(multi_year_site, "kreise/marburg-biedenkopf/")
    assert [text_of(h3) for h3 in soup.select("section.aqb-jahr h3")] == [
        "Zielvereinbarung 2025",
        "Zielvereinbarung 2024",
    ]


def test_year_index_and_year_pages_count_partners_of_that_year(multi_year_site: Path) -> None:
    rows = [
        [text_of(c) for c in row.find_all(["th", "td"])] for row in page(multi_year_site, "jahre/").select("tbody tr")
    ]
    assert rows[:3] == [
        ["2026", "2 von 27 Vereinbarungen", "1.500.000 €", "–"],
        ["2025", "1 von 26 Vereinbarungen", "1.118.780 €", "–"],
        ["2024", "3 von 26 Vereinbarungen", "3.040.300 €", "–"],
    ]
    year_2026 = page(multi_year_site, "jahre/2026/")
    assert len(year_2026.select("ul.aqb-fehlend > li")) == 25
    assert "Stadt Hanau" in [text_of(th) for th in year_2026.select(".aqb-jahrestabelle tbody th")]


def test_agreement_page_does_not_change_with_agreements_elsewhere(real_site: Path, tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    for number, slug in enumerate(["fulda", "giessen", "stadt-kassel", "wetteraukreis", "darmstadt"]):
        folder.add_agreement(synthetic_agreement(slug, 2025, 100000 * (number + 1)))
    crowded = build_site(tmp_path, tmp_path / "site", {"AQB_REPOSITORY": TEST_REPOSITORY})  # as real_site
    assert (crowded / AGREEMENT / "index.html").read_bytes() == (real_site / AGREEMENT / "index.html").read_bytes()
    assert len(page(crowded, "jahre/2025/").select(".aqb-jahrestabelle tbody tr")) == 6


def test_measure_type_without_projects_is_shown_in_the_text_list(multi_year_site: Path) -> None:
    soup = page(multi_year_site, "kreise/landkreis-kassel/2026/")
    items = [text_of(li) for li in soup.select("article.aqb-wortlaut ol.aqb-massnahmen > li")]
    assert items == [
        "1. Ausbildungsvorbereitung",
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräfte sicherung",
        "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen "
        "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung",
    ]
    assert "Der Landkreis Kassel finanziert" in text_of(soup.article)


# -- text from pull requests is shown, never run ---------------------------------------------------

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'{{ 7*7 }}"


def test_strings_from_data_are_escaped(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    record = synthetic_agreement("fulda", 2025, 1, projects={"qualifizierung": [HOSTILE]})
    record["unterzeichnende"][0]["name"] = HOSTILE
    record["quelle"] = {"titel": HOSTILE, "herausgeber": HOSTILE, "url": "https://example.org/?q=%22%3E%3Cscript%3Ex"}
    record["abweichungen"] = {
        "paragraf-7": f"## § 7\n\n{{Nominativ}} {HOSTILE} [Link](javascript:alert(3)) ![Bild](https://example.org/x.png)"
    }
    folder.add_agreement(record)
    site = build_site(tmp_path, tmp_path / "site")
    for url in ("kreise/fulda/2025/", "kreise/fulda/", "jahre/2025/", ""):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert not [s for s in soup.find_all("script") if "alert" in s.text or s.text == "x"], url
        assert not soup.select("[onerror]"), url
        assert "javascript:" not in html and "example.org/x.png" not in html, url
    agreement = page(site, "kreise/fulda/2025/")
    assert HOSTILE in text_of(agreement.select_one("section.aqb-eckdaten"))
    assert f"{HOSTILE} Link" in text_of(section_of(agreement, "paragraf-7"))


@pytest.mark.parametrize(
    "title",
    [
        "Zielvereinbarung 2025",
        "![Bild](https://evil.example/p.png) @jemand [Link](https://evil.example/) **fett**",
        "drei ``` Backticks und ein ` einzelner",
        "````\n# Überschrift außerhalb?",
    ],
)
def test_the_report_form_shows_data_as_code_never_as_markdown(title: str) -> None:
    from aqb.pages.kinds.agreement import code_block

    block = code_block(title)
    fence = block.split("\n", 1)[0].removesuffix("text")
    assert set(fence) == {"`"} and len(fence) >= 3
    # The fence is longer than any run of backticks inside, so the value cannot close the block.
    assert fence not in title
    assert block == f"{fence}text\n{title}\n{fence}"


def test_the_report_link_of_an_agreement_quotes_its_source_in_a_code_block(real_site: Path) -> None:
    from urllib.parse import parse_qs, urlsplit

    html = page(real_site, "kreise/marburg-biedenkopf/2025/")
    link = found(html.find("a", string=re.compile("Fehler melden")))
    body = parse_qs(urlsplit(attribute_of(link, "href")).query)["body"][0]
    assert "Quelle dieser Seite:)\n\n```text\nZielvereinbarung 2025" in body


def test_the_404_page_is_german_and_shows_the_way_on(real_site: Path) -> None:
    soup = BeautifulSoup((real_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert text_of(soup.h1) == "Seite nicht gefunden"
    # The tab and a screen reader's first words say what happened, not only the site's name.
    assert text_of(soup.title) == "Seite nicht gefunden – AQB-Zielvereinbarungen Hessen"
    assert found(soup.html)["lang"] == "de"
    links = {text_of(a): attribute_of(a, "href") for a in found(soup.article).find_all("a")}
    assert links["Suche"] == "/suche/" and links["Alle Landkreise und kreisfreien Städte"] == "/kreise/"


def test_hand_written_pages_outside_the_navigation_keep_their_own_table_of_contents(data_folder: DataFolder) -> None:
    """Two pages in one folder outside the navigation, each with headings of its own: neither shows the
    other's table of contents (only pages without one share a sidebar)."""
    content = data_folder.root / "content"
    shutil.copytree(REPO / "content", content)
    (content / "hinweise").mkdir()
    (content / "hinweise" / "erster.md").write_text("# Erster\n\n## Antrag\n\nText.\n\n## Frist\n\nText.\n", "utf-8")
    (content / "hinweise" / "zweiter.md").write_text("# Zweiter\n\n## Kosten\n\nText.\n", "utf-8")
    (content / "hinweise" / "dritter.md").write_text("# Dritter\n\nNur Text.\n", "utf-8")
    site = build_site(data_folder.root, data_folder.root / "site")
    expected = {"hinweise/erster/": ["Antrag", "Frist"], "hinweise/zweiter/": ["Kosten"], "hinweise/dritter/": []}
    for url, contents in expected.items():
        toc = page(site, url).select("nav.md-nav--secondary a.md-nav__link")
        assert [text_of(a) for a in toc] == contents, url
        assert _sidebar_targets(site, url) == _sidebar_targets(site, "")
