"""A site that explains itself: the programme page, the AQB sentence on every agreement, the way to the repository."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from aqb.pages.repository import Repository
from helpers import REPO, TEST_REPOSITORY, DataFolder, attribute_of, build_site, found, page, text_of

AGREEMENT_PAGES = ["kreise/marburg-biedenkopf/2025/", "kreise/landkreis-kassel/2016/"]


@pytest.fixture(scope="module")
def site_without_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local build (make serve, make build): no repository address set."""
    project = tmp_path_factory.mktemp("lokal")
    shutil.copytree(REPO / "data", project / "data")
    return build_site(project, project / "site")


# -- Über das AQB ------------------------------------------------------------------------------------


def test_programme_page_is_in_the_navigation(real_site: Path) -> None:
    links = {text_of(a): attribute_of(a, "href") for a in page(real_site, "").select("nav.md-nav--primary a")}
    assert links["Über das AQB"] == "aqb/"


def test_programme_page_lists_the_four_measure_types_from_the_data(real_site: Path) -> None:
    soup = page(real_site, "aqb/")
    assert text_of(soup.h1) == "Über das AQB"
    listed = [text_of(li) for li in soup.select("ol.aqb-massnahmenarten li")]
    measure_types = yaml.safe_load((REPO / "data" / "massnahmenarten.yaml").read_text(encoding="utf-8"))
    assert listed == [" ".join(m["name"].split()) for m in measure_types.values()]
    assert len(listed) == 4


@pytest.mark.parametrize(
    ("section", "fact", "source"),
    [
        ("rechtsgrundlage", "StAnz. 1/2017, S. 30", "docplayer.org"),
        ("ablauf", "bis zum 31. März", "grantway.induct.net"),
        ("landessummen", "28 Millionen Euro", "28 Millionen Euro für Ausbildung und Qualifizierung im Jahr 2019"),
        ("landessummen", "27,7 Millionen Euro", "hessen.de/presse/277-millionen-euro"),
        ("geschichte", "„Arbeitsmarktbudget“", "familien-blickpunkt.de"),
        ("geschichte", "10,3 Millionen Euro", "familien-blickpunkt.de"),
        ("sonderprogramme", "Schutzschirm für Ausbildungssuchende", "rp-kassel.hessen.de"),
    ],
)
def test_programme_page_gives_each_fact_with_its_source(real_site: Path, section: str, fact: str, source: str) -> None:
    soup = page(real_site, "aqb/")
    heading = found(soup.find(id=section))
    part = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        part.append(sibling)
    text = " ".join(text_of(element) for element in part)
    links = " ".join(attribute_of(a, "href") for element in part for a in element.find_all("a"))
    assert fact in text
    assert source in text or source in links


def test_programme_page_says_what_an_agreement_does_not_name(real_site: Path) -> None:
    text = text_of(page(real_site, "aqb/").article)
    assert "Sie nennt nicht, wie viel Geld ein einzelnes Projekt bekommt." in text


@pytest.mark.parametrize("url", AGREEMENT_PAGES)
def test_every_agreement_page_explains_the_aqb_in_one_sentence(real_site: Path, url: str) -> None:
    note = found(page(real_site, url).select_one("p.aqb-ueber-aqb"))
    assert attribute_of(found(note.a), "href") == "../../../aqb/"
    assert "ein Förderprogramm des Landes Hessen" in text_of(note)
    assert "nennt die geförderten Projekte, aber nicht, wie viel Geld ein einzelnes Projekt bekommt" in text_of(note)


# -- the repository, one click away ------------------------------------------------------------------


def test_agreement_page_offers_a_prefilled_report(real_site: Path) -> None:
    offered = page(real_site, AGREEMENT_PAGES[0]).select(".aqb-mitwirken a")
    links = {text_of(a): attribute_of(a, "href") for a in offered}
    report = urlsplit(links["Fehler melden"])
    assert f"{report.scheme}://{report.netloc}{report.path}" == f"{TEST_REPOSITORY}/issues/new"
    query = parse_qs(report.query)
    assert query["title"] == ["Fehler: Landkreis Marburg-Biedenkopf 2025"]
    body = query["body"][0]
    assert "kreise/marburg-biedenkopf/2025/" in body
    assert "`data/vereinbarungen/2025/marburg-biedenkopf.yaml`" in body
    # The questions of the issue template, so that a report made here says the same as one made on GitHub.
    template = (REPO / ".github" / "ISSUE_TEMPLATE" / "fehler-in-einer-vereinbarung.md").read_text(encoding="utf-8")
    for question in ("**Was steht dort?**", "**Was steht im Original?**", "**Woher stammt das Original?**"):
        assert question in template and question in body


@pytest.mark.parametrize("url", AGREEMENT_PAGES)
def test_edit_link_opens_the_agreements_own_data_file(real_site: Path, url: str) -> None:
    edit = found(page(real_site, url).find("a", string="Diese Seite bearbeiten"))
    prefix = f"{TEST_REPOSITORY}/edit/main/"
    target = attribute_of(edit, "href")
    assert target.startswith(prefix)
    partner, year = url.split("/")[1:3]
    assert target.removeprefix(prefix) == f"data/vereinbarungen/{year}/{partner}.yaml"
    assert (REPO / target.removeprefix(prefix)).is_file()


def test_contributing_page_links_repository_and_the_form_for_staff_without_git(real_site: Path) -> None:
    box = found(page(real_site, "mitmachen/").select_one(".aqb-projektort"))
    links = {text_of(a).replace(" ", ""): attribute_of(a, "href") for a in box.find_all("a")}
    assert links[TEST_REPOSITORY] == TEST_REPOSITORY
    form = urlsplit(links["„NeueVereinbarung“"])
    template = parse_qs(form.query)["template"][0]
    assert (REPO / ".github" / "ISSUE_TEMPLATE" / template).is_file()


def test_local_build_without_repository_shows_no_dead_links(site_without_repository: Path) -> None:
    # "Fehler melden" stays on the page, but without a repository and an e-mail address it offers no link,
    # it says that no address is set.
    report = found(page(site_without_repository, AGREEMENT_PAGES[0]).select_one(".aqb-mitwirken"))
    assert report.select("a") == []
    assert "Per E-Mail: Dafür ist noch keine Adresse eingetragen." in text_of(report)
    box = text_of(found(page(site_without_repository, "mitmachen/").select_one(".aqb-projektort")))
    assert "in dieser Vorschau nicht eingestellt" in box


@pytest.mark.parametrize(
    ("settings", "problem"),
    [
        ({}, "Die Adresse des Repositorys fehlt"),
        ({"adresse": "github.com/beispiel/aqb"}, "muss mit https:// beginnen"),
        ({"adresse": "javascript:alert(1)"}, "muss mit https:// beginnen"),
        ({"adresse": "https://github.com/beispiel/aqb/"}, None),
    ],
)
def test_repository_setting_is_checked_for_publishing(settings: dict[str, str], problem: str | None) -> None:
    problems = Repository.from_settings(settings).problems()
    assert (problems == []) if problem is None else (problem in problems[0])


def test_guide_explains_review_preview_approval_and_what_follows_the_merge() -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    headings = [line.removeprefix("### ").strip() for line in guide.splitlines() if line.startswith("### ")]
    for heading in (
        "Wer prüft",
        "Die Vorschau öffnen",
        "Der erste Pull Request",
        "Nach dem Zusammenführen",
    ):
        assert heading in headings


def test_an_address_that_could_not_be_published_gives_no_links() -> None:
    repository = Repository.from_settings({"adresse": "javascript:alert(1)"})
    assert repository.edit_url("data/x.yaml") is None
    assert repository.report_url("Fehler", "Text") is None
    assert repository.new_agreement_url() is None


@pytest.mark.parametrize(
    ("operator", "repository", "problem"),
    [
        ({"email": "post(at)example.org"}, {}, "extra.betreiber.email ist keine E-Mail-Adresse: 'post(at)example.org'"),
        ({"telefon": "<b>0611</b>"}, {}, "extra.betreiber.telefon ist keine Telefonnummer"),
        ({"webseite": "https://example.org"}, {}, "extra.betreiber.webseite ist kein bekanntes Feld"),
        ({"name": ["a", "b"]}, {}, "extra.betreiber.name muss ein Text sein"),
        ({"name": "Amt\x1b[31m"}, {}, "extra.betreiber.name enthält ein Steuerzeichen"),
        ({}, {"bearbeiten": "../../evil/"}, "extra.repository.bearbeiten muss ein Pfad wie „edit/main/“ sein"),
        ({}, {"melden": "issues/new?x=<script>"}, "extra.repository.melden muss ein Pfad wie „edit/main/“ sein"),
        (
            {},
            {"adresse": 'https://github.com/x/y" onmouseover="alert(1)'},
            "Die Adresse des Repositorys enthält Zeichen, die in keiner Adresse stehen",
        ),
        ({}, {"adresse": "https://hessen.de@evil.example/aqb"}, "darf keinen Benutzernamen oder kein Passwort"),
        ({"email": "aqb@example.org", "telefon": "+49 611 12345-0"}, {"adresse": TEST_REPOSITORY}, None),
    ],
)
def test_settings_are_checked_in_german_before_every_build(
    operator: dict[str, Any], repository: dict[str, Any], problem: str | None
) -> None:
    from aqb.pages.legal import setting_problems

    problems = setting_problems(operator, repository)
    assert (problems == []) if problem is None else any(problem in found for found in problems), problems


def test_a_build_with_a_wrong_setting_stops_before_building(data_folder: DataFolder) -> None:
    (data_folder.root / "mkdocs.yml").write_text(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("    email:\n", "    email: keine-adresse\n"),
        encoding="utf-8",
    )
    with pytest.raises(BaseException):  # noqa: B017 – MkDocs ends a failed build with its own Abort
        build_site(data_folder.root, data_folder.root / "site", keep_settings=True)
    assert not (data_folder.root / "site" / "index.html").exists()


def test_each_source_link_shows_where_it_leads(real_site: Path) -> None:
    kassel = page(real_site, "kreise/landkreis-kassel/2016/")
    source = found(kassel.find("dt", string="Quelle")).find_next("dd")
    assert "(hessen-tageblatt.com)" in text_of(source)
    year = page(real_site, "jahre/2023/")
    assert "(hessen.de)" in text_of(year)
