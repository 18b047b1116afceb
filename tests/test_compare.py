"""Comparing districts and years: changes, charts, the projects list and the partners × years table."""

from __future__ import annotations

import copy
import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aqb.data.model import KeyFiguresRecord
from aqb.pages.compare import budget_change, project_changes, series_key
from helpers import DataFolder, attribute_of, build_site, found, page, real_agreement, synthetic_agreement, text_of


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Motivierendes Coaching Marburg 2025", "motivierendes coaching marburg"),
        ("Motivierendes Coaching Marburg 2025/2026", "motivierendes coaching marburg"),
        ("Frauenakademie 2025", "frauenakademie"),
        ("„2. Chance“", "„2. chance“"),
    ],
)
def test_series_key_ignores_the_year_in_a_project_name(name: str, key: str) -> None:
    assert series_key(name) == key


def test_budget_change_in_euro_and_percent() -> None:
    change = budget_change(1_000_000, 1_118_780)
    assert change.difference == 118_780 and change.percent is not None and round(change.percent, 3) == 11.878
    assert budget_change(0, 5).percent is None


def record(projects: dict[str, list[str]]) -> KeyFiguresRecord:
    return KeyFiguresRecord.model_validate(
        {
            "jahr": 2024,
            "partner": "fulda",
            "art": "eckdaten",
            "budget_laut_quelle": "1 Euro",
            "massnahmen": projects,
            "quelle": {"titel": "t", "herausgeber": "h", "url": "https://example.org"},
        }
    )


def test_project_changes_per_measure_type() -> None:
    earlier = record({"qualifizierung": ["Frauenakademie 2024", "Alte Werkstatt"]})
    later = record({"qualifizierung": ["Frauenakademie 2025", "Voice Connect 2025"], "ausbildung": ["Neu"]})
    changes = {c.measure_type: (c.added, c.dropped) for c in project_changes(earlier, later)}
    assert changes == {"qualifizierung": (("Voice Connect 2025",), ("Alte Werkstatt",)), "ausbildung": (("Neu",), ())}


# -- a site with two years of one partner (generated test data) --------------------------------------


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = DataFolder(tmp_path_factory.mktemp("zwei-jahre"))
    # A 2024 standard text with the very words of 2025, so that only real differences show.
    standard = (folder.path / "standardtexte" / "2025.yaml").read_text(encoding="utf-8")
    folder.write("standardtexte/2024.yaml", standard.replace("jahr: 2025", "jahr: 2024"))
    earlier: dict[str, Any] = copy.deepcopy(real_agreement())
    earlier.update(
        jahr=2024,
        budget=1_000_000,
        massnahmen={
            "ausbildungsvorbereitung": ["Motivierendes Coaching Marburg 2024"],
            "qualifizierung": ["Frauenakademie 2024", "Alte Werkstatt"],
        },
    )
    earlier["quelle"]["titel"] = earlier["quelle"]["titel"].replace("2025", "2024")
    earlier.pop("original")  # the signed 2025 document is not the 2024 one
    earlier["abweichungen"] = {
        "paragraf-6": "## § 6\n\n### **Zielsteuerung**\n\n{Nominativ} und das HMSI bleiben "
        "über die Entwicklung des Budgets 2025 in Kontakt."
    }
    folder.add_agreement(earlier)
    folder.add_agreement(synthetic_agreement("fulda", 2024, 950_000))
    folder.add_agreement(synthetic_agreement("fulda", 2025, 900_000))
    return build_site(folder.root, folder.root / "site")


def test_partner_page_shows_budget_chart_and_table(two_years: Path) -> None:
    soup = page(two_years, "kreise/marburg-biedenkopf/")
    chart = found(soup.select_one("figure.aqb-diagramm"))
    assert chart["role"] == "img"
    names = [found(soup.find(id=part)) for part in attribute_of(chart, "aria-labelledby").split()]
    assert text_of(names[0]) == "Budget nach Jahr: Landkreis Marburg-Biedenkopf"
    assert [text_of(label) for label in chart.select(".aqb-balken-name")] == ["2024", "2025"]
    assert [text_of(amount) for amount in chart.select(".aqb-balken-betrag")] == ["1.000.000 €", "1.118.780 €"]
    # Each bar's width is its share of the largest amount, out of 100.
    bars = chart.select("rect.aqb-balken")
    assert [float(attribute_of(bar, "width")) for bar in bars] == [
        pytest.approx(1_000_000 / 1_118_780 * 100, abs=0.01),
        100.0,
    ]
    rows = [[text_of(c) for c in row.find_all(["th", "td"])] for row in soup.select("#verlauf ~ .aqb-tabelle tbody tr")]
    assert rows == [["2024", "1.000.000 €"], ["2025", "1.118.780 €"]]


def test_partner_page_explains_what_changed(two_years: Path) -> None:
    change = found(page(two_years, "kreise/marburg-biedenkopf/").select_one("section.aqb-aenderung"))
    assert text_of(change.h3) == "2024 → 2025"
    text = text_of(change)
    assert "Budget: +118.780 € (+11,9 %)" in text
    assert "Qualifizierung: neu „Voice Connect 2025“; entfallen „Alte Werkstatt“" in text
    assert "Ausbildung: neu „Teilzeitausbildung (BaE)“" in text
    assert "Frauenakademie" not in text  # the same project with another year in its name
    diffs = {text_of(d.summary): d for d in change.select("details.aqb-textvergleich")}
    zielsteuerung = diffs["Geänderter Wortlaut: § 6 Zielsteuerung"]
    assert text_of(zielsteuerung.find("ins")).startswith("im engen Austausch. Dazu wird unter anderem")
    assert "Kontakt." in [text_of(x) for x in zielsteuerung.find_all("del")]
    # Only the sections whose words differ: the budget in § 4 and the reworded § 6.
    assert list(diffs) == [
        "Geänderter Wortlaut: § 4 Haushaltsmittel und Eckdaten",
        "Geänderter Wortlaut: § 6 Zielsteuerung",
    ]


def test_year_page_chart_is_sorted_and_table_shows_change(two_years: Path) -> None:
    soup = page(two_years, "jahre/2025/")
    labels = [text_of(t) for t in soup.select("figure.aqb-diagramm .aqb-balken-name")]
    assert labels == ["Landkreis Marburg-Biedenkopf", "Landkreis Fulda"]
    rows = {text_of(r.th): [text_of(c) for c in r.find_all("td")] for r in soup.select("tbody tr")}
    assert rows["Landkreis Fulda"][:2] == ["900.000 €", "−50.000 € (−5,3 %)"]
    assert rows["Landkreis Marburg-Biedenkopf"][:2] == ["1.118.780 €", "+118.780 € (+11,9 %)"]


def test_comparison_table_never_shows_missing_as_zero(two_years: Path) -> None:
    soup = page(two_years, "vergleich/")
    assert [text_of(th) for th in soup.select("thead th")] == ["Gebietskörperschaft", "2016", "2020", "2024", "2025"]
    rows = {text_of(r.th): [text_of(c) for c in r.find_all("td")] for r in soup.select("tbody tr")}
    assert rows["Landkreis Marburg-Biedenkopf"] == [
        "nicht veröffentlicht",
        "nicht veröffentlicht",
        "1.000.000 €",
        "1.118.780 €",
    ]
    # A row for each partner with a record, no more: the others are named in one line below the table.
    assert set(rows) == {
        "Landkreis Kassel",
        "Landkreis Marburg-Biedenkopf",
        "Landkreis Fulda",
        "Stadt Offenbach am Main",
        "Wetteraukreis",
    }
    without = found(soup.select_one("p.aqb-ohne-zeile"))
    named = [text_of(a) for a in without.find_all("a")]
    assert "Stadt Hanau" in named and "Landkreis Bergstraße" in named and len(named) == 27 - len(rows)
    # The programme's other years are named in one line, each linked to its page, not given a column.
    others = found(soup.select_one("p.aqb-andere-jahre"))
    assert [text_of(a) for a in others.find_all("a")] == [
        str(year) for year in range(2014, max(date.today().year, 2025) + 1) if year not in (2016, 2020, 2024, 2025)
    ]
    assert attribute_of(found(others.find("a", string="2014")), "href") == "../jahre/2014/"
    assert rows["Landkreis Kassel"][0].startswith("879.800 € Angaben aus öffentlicher Quelle")
    assert not [cell for cell in soup.select("tbody td") if text_of(cell) in ("0 €", "0")]


def rows_of(soup: Any) -> list[list[str]]:
    return [[text_of(c) for c in r.find_all("td")] for r in soup.select("#aqb-projekte tbody tr")]


def test_each_years_projects_page_lists_its_projects_and_recognises_series(two_years: Path) -> None:
    latest, earlier = page(two_years, "projekte/2025/"), page(two_years, "projekte/2024/")
    assert rows_of(latest) == [
        ["Testprojekt fulda 2025", "Qualifizierung", "Landkreis Fulda", "2025", "2024"],
        [
            "Motivierendes Coaching Marburg 2025",
            "Ausbildungsvorbereitung",
            "Landkreis Marburg-Biedenkopf",
            "2025",
            "2024",
        ],
        ["Teilzeitausbildung (BaE)", "Ausbildung", "Landkreis Marburg-Biedenkopf", "2025", ""],
        ["Frauenakademie 2025", "Qualifizierung", "Landkreis Marburg-Biedenkopf", "2025", "2024"],
        ["Voice Connect 2025", "Qualifizierung", "Landkreis Marburg-Biedenkopf", "2025", ""],
    ]
    assert [
        "Motivierendes Coaching Marburg 2024",
        "Ausbildungsvorbereitung",
        "Landkreis Marburg-Biedenkopf",
        "2024",
        "2025",
    ] in rows_of(earlier)
    assert rows_of(page(two_years, "projekte/2016/")) == [
        ["Berufspaten", "ohne Angabe", "Landkreis Kassel", "2016", ""],
        ["„2. Chance“", "ohne Angabe", "Landkreis Kassel", "2016", ""],
        ["Sprachangebote für junge Flüchtlinge", "ohne Angabe", "Landkreis Kassel", "2016", ""],
    ]
    links = {text_of(a): a["href"] for a in latest.select("#aqb-projekte td.aqb-titelzelle a")}
    assert links["Voice Connect 2025"] == "../../kreise/marburg-biedenkopf/2025/"
    # "Auch in" leads to the other year's projects; the line above the table to every other year's.
    series = found(latest.select_one("#aqb-projekte tbody tr td:last-child a"))
    assert (text_of(series), attribute_of(series, "href")) == ("2024", "../2024/")
    others = found(latest.select_one("p.aqb-andere-jahre"))
    assert [(text_of(a), a["href"]) for a in others.find_all("a")] == [
        ("2024", "../2024/"),
        ("2016", "../2016/"),
        ("alle Jahre im Überblick", "../"),
    ]


@pytest.mark.parametrize(("year", "count"), [("2025", 5), ("2024", 4), ("2016", 3)])
def test_a_years_projects_page_shows_no_project_of_another_year(two_years: Path, year: str, count: int) -> None:
    soup = page(two_years, f"projekte/{year}/")
    assert text_of(found(soup.h1)) == f"Projekte {year}"
    rows = rows_of(soup)
    assert len(rows) == count and {row[3] for row in rows} == {year}
    linked = {attribute_of(a, "href").rstrip("/").rsplit("/", 1)[-1] for a in soup.select("td.aqb-titelzelle a")}
    assert linked == {year}  # every row leads to an agreement of that year
    # A year is reached through links, not a filter that would find nothing here.
    assert soup.select_one("#aqb-projekte-jahr") is None


def test_the_projects_index_lists_each_year_with_projects_and_its_counts(two_years: Path) -> None:
    soup = page(two_years, "projekte/")
    table = found(soup.select_one("#aqb-projekte-jahre"))
    rows = [
        (text_of(found(r.th)), attribute_of(found(r.find("a")), "href"), [text_of(td) for td in r.find_all("td")])
        for r in table.select("tbody tr")
    ]
    # Marburg-Biedenkopf and Fulda in 2025 and 2024; Kassel's 2016 press release names three without a type.
    assert rows == [
        ("2025", "2025/", ["5", "2"]),
        ("2024", "2024/", ["4", "2"]),
        ("2016", "2016/", ["3", "1"]),
    ]
    assert soup.select_one("#aqb-projekte tbody tr") is None  # no project itself: its size grows with years only
    text = text_of(found(soup.select_one(".md-content__inner")))
    assert "zusammen 12 Projekte aus 5 Vereinbarungen" in text
    assert attribute_of(found(soup.find("a", string="Suche")), "href") == "../suche/"
    assert attribute_of(found(soup.find("a", string="Offene Daten")), "href") == "../daten/#alle"


# -- in the browser ----------------------------------------------------------------------------------


@pytest.mark.browser
def test_projects_table_filters_sorts_and_downloads_shown_rows(
    browser_page: tuple[Any, list[str]], served_site: str
) -> None:
    tab, _ = browser_page
    tab.goto(served_site + "projekte/2025/")
    status = tab.locator("#aqb-projekte-status")
    assert status.inner_text() == "4 von 4 Projekten angezeigt."
    tab.get_by_role("button", name="Projekt", exact=True).click()
    assert tab.locator("#aqb-projekte th").first.get_attribute("aria-sort") == "ascending"
    shown = tab.locator("#aqb-projekte tbody tr:not([hidden]) td:first-child").all_inner_texts()
    assert shown == [
        "Frauenakademie 2025",
        "Motivierendes Coaching Marburg 2025",
        "Teilzeitausbildung (BaE)",
        "Voice Connect 2025",
    ]
    tab.get_by_label("Maßnahmenart", exact=True).select_option("Qualifizierung")
    assert status.inner_text() == "2 von 4 Projekten angezeigt."
    shown = tab.locator("#aqb-projekte tbody tr:not([hidden]) td:first-child").all_inner_texts()
    assert shown == ["Frauenakademie 2025", "Voice Connect 2025"]
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Angezeigte Projekte als CSV herunterladen").click()
    assert download.value.suggested_filename == "projekte-2025.csv"
    content = Path(download.value.path()).read_bytes().decode("utf-8")
    assert content.startswith("\ufeffProjekt,Maßnahmenart,Gebietskörperschaft,Jahr,Auch in,Adresse\r\n")
    table = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    assert [row[0] for row in table[1:]] == shown
    assert table[1][5] == served_site + "kreise/marburg-biedenkopf/2025/"


def test_comparison_explains_every_word_its_empty_cells_use(two_years: Path) -> None:
    soup = page(two_years, "vergleich/")
    explanation = text_of(found(soup.select_one(".md-content p"))).casefold()
    used = {text_of(cell) for cell in soup.select("tbody td .aqb-leer")}
    assert used == {"nicht veröffentlicht"}  # Hanau, "noch nicht kreisfrei" before 2026, has no row yet
    assert "„noch nicht kreisfrei“" in explanation  # the word its row will use once it has a record
    assert [word for word in used if f"„{word}“" not in explanation] == []


def test_a_section_that_only_names_the_new_year_is_not_called_changed(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    folder.add_standard_text(2024)  # the 2025 wording with 2024 wherever the year stands
    earlier: dict[str, Any] = copy.deepcopy(real_agreement())
    earlier.update(jahr=2024, budget=1_000_000)
    earlier["quelle"]["titel"] = earlier["quelle"]["titel"].replace("2025", "2024")
    earlier["massnahmen"]["qualifizierung"] = ["Frauenakademie 2024", "Voice Connect 2024"]
    earlier["massnahmen"]["ausbildungsvorbereitung"] = ["Motivierendes Coaching Marburg 2024"]
    earlier.pop("original")
    folder.add_agreement(earlier)
    site = build_site(tmp_path, tmp_path / "site")
    change = found(page(site, "kreise/marburg-biedenkopf/").select_one("section.aqb-aenderung"))
    diffs = [text_of(d.summary) for d in change.select("details.aqb-textvergleich")]
    # § 4 names the budget, which changed; the title, preamble, §§ 1, 2, 5, 6 only name their year.
    assert diffs == ["Geänderter Wortlaut: § 4 Haushaltsmittel und Eckdaten"]


def test_the_projects_index_offers_only_years_with_projects(real_site: Path) -> None:
    """A year without a project would show an empty table: the index links only years with projects."""
    soup = page(real_site, "projekte/")
    years = [text_of(a) for a in soup.select("#aqb-projekte-jahre tbody th a")]
    assert years == ["2025", "2016"]  # the bundled data: Marburg-Biedenkopf's agreement and Kassel's press release
    assert not (real_site / "projekte" / "2024").exists() and not (real_site / "projekte" / "2020").exists()


@pytest.mark.parametrize("year", ["2025", "2016"])
def test_the_project_filters_offer_only_what_finds_projects(real_site: Path, year: str) -> None:
    """A partner with no project that year would show an empty table: the filter offers only those with projects."""
    soup = page(real_site, f"projekte/{year}/")
    rows = [[text_of(td) for td in row.find_all(["th", "td"])] for row in soup.select("#aqb-projekte tbody tr")]
    partners = [text_of(o) for o in soup.select("#aqb-projekte-partner option") if o.get("value") != ""]
    assert rows and {row[3] for row in rows} == {year}
    assert set(partners) == {row[2] for row in rows}
