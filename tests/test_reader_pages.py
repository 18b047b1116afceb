"""What readers see (issue 29): the year's coverage in words, "Fehler melden" on every page, sections to
link to, signatories as signed, the note that the text is reproduced as signed, status words."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from helpers import REPO, TEST_REPOSITORY, attribute_of, build_site, found, page, section_of, text_of

FULL_TEXT = "kreise/marburg-biedenkopf/2025/"
KEY_FIGURES = "kreise/landkreis-kassel/2016/"
REPORT_EMAIL = "fehler@example.org"

# One page of every kind, and hand-written pages (the start page among them): the question each asks.
OTHER = "Stimmt etwas auf dieser Seite nicht, oder fehlt etwas?"
PAGES = {
    "": OTHER,
    FULL_TEXT: "Weicht etwas vom unterzeichneten Text ab, oder stimmt eine Angabe nicht?",
    KEY_FIGURES: "Stimmt eine Angabe nicht mit der genannten Quelle überein?",
    "kreise/": OTHER,
    "kreise/marburg-biedenkopf/": OTHER,
    "jahre/": OTHER,
    "jahre/2025/": OTHER,
    "projekte/": OTHER,
    "projekte/2025/": OTHER,
    "vergleich/": OTHER,
    "suche/": OTHER,
    "aqb/": OTHER,
    "mitmachen/": OTHER,
    "daten/": OTHER,
    "ueber/": OTHER,
    "impressum/": OTHER,
}
# Hand-written pages are edited in content/, agreements in their data file; other pages have no one file.
EDITED = {
    "": "content/index.md",
    "ueber/": "content/ueber.md",
    "impressum/": "content/impressum.md",
    FULL_TEXT: "data/vereinbarungen/2025/marburg-biedenkopf.yaml",
    KEY_FIGURES: "data/vereinbarungen/2016/landkreis-kassel.yaml",
}


@pytest.fixture(scope="module")
def site_with_email(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data, the repository and an e-mail address for reports set in mkdocs.yml."""
    project = tmp_path_factory.mktemp("mit-adresse")
    shutil.copytree(REPO / "data", project / "data")
    settings = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  fehler_melden_email:\n" in settings
    settings = settings.replace("\n  fehler_melden_email:\n", f"\n  fehler_melden_email: {REPORT_EMAIL}\n")
    (project / "mkdocs.yml").write_text(settings, encoding="utf-8")
    return build_site(project, project / "site", {"AQB_REPOSITORY": TEST_REPOSITORY}, keep_settings=True)


# -- start page ----------------------------------------------------------------------------------------


def test_start_page_says_the_years_coverage_in_words_before_the_map(real_site: Path) -> None:
    soup = page(real_site, "")
    heading = found(soup.select_one("h2#karte"))
    assert text_of(heading) == "2025: 1 von 26 Vereinbarungen veröffentlicht"  # Hanau: a partner from 2026
    details = text_of(found(heading.find_next_sibling("p")))
    assert (
        details
        == "Davon 1 mit dem unterzeichneten Text. Die übrigen 25 liegen hier noch nicht vor; die Karte zeigt, welche."
    )
    # The map follows at once, before the rest of the page's own text.
    assert heading.find_next("figure") is soup.select_one("figure.aqb-karte")
    headings = [text_of(h) for h in soup.select(".md-content h2")]
    assert headings.index("2025: 1 von 26 Vereinbarungen veröffentlicht") < headings.index("Worum es geht")
    # The lead (the text before the page's first "##") stays above the map.
    assert "Zielvereinbarungen" in text_of(found(found(soup.select_one(".md-content h1")).find_next_sibling("p")))


def test_tiles_keep_the_full_name_for_screen_readers(real_site: Path) -> None:
    tiles = page(real_site, "").select(".aqb-kacheln a")
    assert len(tiles) == 27
    for tile in tiles:
        assert text_of(tile.select_one(".aqb-kachel-name"))  # shown, or (on phones) visually hidden only
        assert attribute_of(tile.select_one("abbr.aqb-kachel-kurz"), "aria-hidden") == "true"
    named = {text_of(tile) for tile in tiles}
    assert "Landkreis Waldeck-Frankenberg fehlt" in named
    assert "Landkreis Marburg-Biedenkopf Text liegt vor" in named


# -- comparison ----------------------------------------------------------------------------------------


def test_comparison_has_columns_only_for_years_with_records_and_a_scroll_cue(real_site: Path) -> None:
    soup = page(real_site, "vergleich/")
    assert [text_of(th) for th in soup.select("table.aqb-vergleich thead th")] == [
        "Gebietskörperschaft",
        "2016",
        "2020",
        "2024",
        "2025",
    ]
    assert len(soup.select("table.aqb-vergleich tbody tr")) == 4  # one row per partner with a record
    assert "2015" in text_of(found(soup.select_one("p.aqb-andere-jahre")))
    cue = found(soup.select_one("p.aqb-wischen"))
    assert "seitlich wischen" in text_of(cue) and "2025" in text_of(cue)
    assert cue.has_attr("hidden")  # shown by aqb-tabelle.js while the table is wider than the screen
    assert found(soup.find("script", src=True, attrs={"src": "../assets/javascripts/aqb-tabelle.js"}))


# -- "Fehler melden" -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "question"), PAGES.items(), ids=[url or "start" for url in PAGES])
def test_every_page_offers_a_report_by_email_and_on_github(site_with_email: Path, url: str, question: str) -> None:
    box = found(page(site_with_email, url).select_one("section.aqb-mitwirken"))
    assert text_of(found(box.h2)) == "Fehler gefunden?"
    assert text_of(found(box.p)).startswith(question)
    mail = found(box.find("a", href=lambda href: str(href).startswith("mailto:")))
    assert text_of(mail) == REPORT_EMAIL
    address = urlsplit(attribute_of(mail, "href"))
    assert address.path == REPORT_EMAIL
    fields = parse_qs(address.query)
    assert f"http://127.0.0.1:8000/{url}" in fields["body"][0]
    assert fields["subject"][0].startswith("Fehler")
    github = found(box.find("a", string="Fehler melden"))
    assert attribute_of(github, "href").startswith(f"{TEST_REPOSITORY}/issues/new?")
    edit = box.find("a", string="Diese Seite bearbeiten")
    if url in EDITED:
        assert attribute_of(edit, "href") == f"{TEST_REPOSITORY}/edit/main/{EDITED[url]}"
    else:
        assert edit is None


def test_without_an_address_the_page_says_so_and_invents_none(real_site: Path) -> None:
    for url in PAGES:
        box = found(page(real_site, url).select_one("section.aqb-mitwirken"))
        assert "Per E-Mail: Dafür ist noch keine Adresse eingetragen." in text_of(box)
        assert not box.find("a", href=lambda href: str(href).startswith("mailto:"))
        assert found(box.find("a", string="Fehler melden"))  # the repository is set in this build


def test_the_mail_of_an_agreement_names_its_page_and_what_to_compare(site_with_email: Path) -> None:
    mail = found(page(site_with_email, FULL_TEXT).find("a", href=lambda href: str(href).startswith("mailto:")))
    body = unquote(attribute_of(mail, "href").split("body=", 1)[1])
    assert body.startswith(f"Seite: http://127.0.0.1:8000/{FULL_TEXT}")
    assert "Was steht im Original?" in body
    key_figures = found(page(site_with_email, KEY_FIGURES).find("a", href=lambda h: str(h).startswith("mailto:")))
    assert "Was steht in der Quelle?" in unquote(attribute_of(key_figures, "href"))


# -- sections, signatories, the note on the signed text ------------------------------------------------------

SECTIONS = ["titel", "praeambel", *(f"paragraf-{n}" for n in range(1, 8)), "unterschriften"]


def test_each_section_has_its_short_id_and_a_link_to_copy(real_site: Path) -> None:
    soup = page(real_site, FULL_TEXT)
    article = found(soup.select_one("article.aqb-wortlaut"))
    assert [str(element["id"]) for element in article.select("[id]")] == SECTIONS
    for section_id in SECTIONS:
        section = section_of(article, section_id)
        link = found(section.select_one("a.aqb-anker"))
        assert attribute_of(link, "href") == f"#{section_id}"
        assert attribute_of(link, "aria-label").startswith("Link zu ")
        assert text_of(link) == ""  # its word comes from the stylesheet: never part of the copied text
    assert attribute_of(found(section_of(article, "paragraf-5").select_one("a.aqb-anker")), "aria-label") == (
        "Link zu § 5 Ziele für die Umsetzung (Adresse zum Kopieren)"
    )
    contents = [attribute_of(a, "href") for a in soup.select("nav.aqb-inhalt a")]
    assert contents == [f"#{section_id}" for section_id in SECTIONS]
    # The year page's standard text uses the same ids; no page has the old long ones.
    year = page(real_site, "jahre/2025/").select_one("details.aqb-standardtext")
    assert [str(element["id"]) for element in found(year).select("[id]")] == SECTIONS[:-1]  # signatures: no heading
    for html in (real_site / "kreise").rglob("index.html"):
        assert "abschnitt-paragraf" not in html.read_text(encoding="utf-8")
        assert 'id="paragraf-5-' not in html.read_text(encoding="utf-8")


def test_signatories_keep_the_lines_of_their_function(real_site: Path) -> None:
    items = page(real_site, FULL_TEXT).select("ul.aqb-unterzeichnende > li")
    lines = [[" ".join(part.split()) for part in item.decode_contents().split("<br/>")] for item in items]
    assert lines[0] == [
        "Heike Hofmann",
        "Staatsministerin",
        "Hessisches Ministerium",
        "für Arbeit, Integration,",
        "Jugend und Soziales",
        'Wiesbaden, <time datetime="2025-08-02">2. August 2025</time>',
    ]
    assert lines[1][:4] == ["Peter Neidel", "Erster Kreisbeigeordneter", "des Landkreises", "Marburg-Biedenkopf"]


def test_the_text_is_said_once_to_be_reproduced_as_signed(real_site: Path) -> None:
    soup = page(real_site, FULL_TEXT)
    notes = soup.select(".aqb-wie-unterzeichnet")
    assert len(notes) == 1
    assert text_of(notes[0]).startswith("Der Text steht hier genau so, wie er unterzeichnet wurde")
    assert notes[0].find_next("article") is soup.select_one("article.aqb-wortlaut")  # right above the text
    assert page(real_site, KEY_FIGURES).select(".aqb-wie-unterzeichnet") == []  # no signed text there


def test_status_words_are_plain_german(real_site: Path) -> None:
    soup = page(real_site, "jahre/2025/")
    statuses = {text_of(s) for s in soup.select(".aqb-kachel-status")}
    assert "Text liegt vor" in statuses and "Wortlaut" not in statuses
    description = BeautifulSoup((real_site / FULL_TEXT / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Wortlaut" not in attribute_of(description.find("meta", attrs={"name": "description"}), "content")
