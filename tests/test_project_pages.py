"""The projects pages do not grow with the other years' agreements: /projekte/<jahr>/ holds its year only."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import DataFolder, build_site, found, page, synthetic_agreement, text_of

YEAR = 2023  # no bundled record: only the synthetic ones below
PARTNERS = ["fulda", "giessen", "wetteraukreis", "bergstrasse", "odenwaldkreis", "vogelsbergkreis"]
OTHER_YEARS = [2017, 2018, 2019, 2021, 2022]  # a gap at 2020


def projects_of(partner: str, year: int) -> dict[str, list[str]]:
    """Four projects, each recurring every year with that year in its name (a series for "Auch in")."""
    return {
        "ausbildungsvorbereitung": [f"Coaching {partner} {year}", f"Lernwerkstatt {partner} {year}"],
        "qualifizierung": [f"Frauenakademie {partner} {year}", f"Sprachkurs {partner} {year}"],
    }


def built(root: Path, years: list[int]) -> Path:
    folder = DataFolder(root)
    for year in years:
        folder.add_standard_text(year)
        for partner in PARTNERS:
            record = synthetic_agreement(partner, year, 800_000, projects_of(partner, year))
            for signatory in record["unterzeichnende"]:
                signatory["datum"] = "nicht eingetragen"  # the bundled record's dates are of 2025
            folder.add_agreement(record)
    return build_site(root, root / "site")


@pytest.fixture(scope="module")
def one_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("ein-jahr"), [YEAR])


@pytest.fixture(scope="module")
def many_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("viele-jahre"), [YEAR, *OTHER_YEARS])


def without_other_years(html: str) -> int:
    """The page's size in bytes without what names the other years: the "Auch in" cells and the line of
    links to the other years' pages."""
    soup = BeautifulSoup(html, "html.parser")
    named = [*soup.select('#aqb-projekte td[data-label="Auch in"]'), *soup.select("p.aqb-andere-jahre")]
    return len(html.encode()) - sum(len(str(element).encode()) for element in named)


def test_a_years_projects_page_does_not_grow_with_other_years(one_year: Path, many_years: Path) -> None:
    alone = (one_year / "projekte" / str(YEAR) / "index.html").read_text(encoding="utf-8")
    among = (many_years / "projekte" / str(YEAR) / "index.html").read_text(encoding="utf-8")
    # The same rows; only "Auch in" (every project recurs each year) and the other years' links differ.
    assert len(page(many_years, f"projekte/{YEAR}/").select("#aqb-projekte tbody tr")) == 4 * len(PARTNERS)
    coaching = found(page(many_years, f"projekte/{YEAR}/").find("a", string=f"Coaching fulda {YEAR}"))
    auch_in = found(found(coaching.find_parent("tr")).select_one('td[data-label="Auch in"]'))
    # Runs of years, each linked at both ends: a project of every year costs its row two links, not one a year.
    assert auch_in.get_text() == "2017–2019, 2021–2022"
    assert [(text_of(a), a["href"]) for a in auch_in.find_all("a")] == [
        (str(y), f"../{y}/") for y in (2017, 2019, 2021, 2022)
    ]
    # 30 more agreements with 120 projects would add about 35 kB if they leaked onto the page.
    assert abs(without_other_years(among) - without_other_years(alone)) <= 200


def test_the_index_grows_by_one_row_per_year(one_year: Path, many_years: Path) -> None:
    def years(site: Path) -> list[tuple[str, ...]]:
        rows = page(site, "projekte/").select("#aqb-projekte-jahre tbody tr")
        return [tuple(text_of(cell) for cell in r.find_all(["th", "td"])) for r in rows]

    # The bundled data adds Marburg-Biedenkopf's 2025 (four projects) and Kassel's 2016 (three).
    assert years(one_year) == [("2025", "4", "1"), (str(YEAR), "24", "6"), ("2016", "3", "1")]
    assert years(many_years) == [
        ("2025", "4", "1"),
        (str(YEAR), "24", "6"),
        *((str(year), "24", "6") for year in reversed(OTHER_YEARS)),
        ("2016", "3", "1"),
    ]
