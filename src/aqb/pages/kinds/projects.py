"""The projects of every agreement, one page per year: /projekte/<jahr>/, and their index /projekte/.

One table of every project of every year grew with the data (3.5 MB at 810 agreements); a year's page
holds only that year's projects, and the index one row per year. What a year page needs of the other
years, the years of each project series for "Auch in", is gathered once per build (`ProjectYears`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

from aqb.data.model import AnyAgreement, KeyFiguresRecord
from aqb.formatting import sort_key
from aqb.outputs.exports import FORMULA_START
from aqb.pages.compare import series_key
from aqb.pages.context import SiteData
from aqb.pages.kinds.base import PageKind, PageSpec
from aqb.urls import agreement_url, projects_url

WITHOUT_MEASURE_TYPE = "ohne Angabe"

Series = tuple[str, str]  # partner slug, series_key of the project's name


@dataclass
class ProjectYears:
    """What every page of this kind needs of all years, counted in one pass over the records."""

    projects: dict[int, int] = field(default_factory=dict)  # year → projects named
    agreements: dict[int, int] = field(default_factory=dict)  # year → records that name a project
    series: dict[Series, set[int]] = field(default_factory=dict)  # project series → its years

    def years(self) -> list[int]:
        """The years with at least one project, newest first."""
        return sorted(self.projects, reverse=True)


_gathered: WeakKeyDictionary[SiteData, ProjectYears] = WeakKeyDictionary()


def project_years(site: SiteData) -> ProjectYears:
    """The counts and series of the site's dataset, computed once per site (that is, once per build)."""
    gathered = _gathered.get(site)
    if gathered is None:
        gathered = _gathered[site] = _gather(site)
    return gathered


def _gather(site: SiteData) -> ProjectYears:
    result = ProjectYears()
    for agreement in site.dataset.agreements:
        names = [project for _, project in _projects(agreement)]
        if not names:
            continue
        year = agreement.jahr
        result.projects[year] = result.projects.get(year, 0) + len(names)
        result.agreements[year] = result.agreements.get(year, 0) + 1
        for name in names:
            result.series.setdefault((agreement.partner, series_key(name)), set()).add(year)
    return result


def _projects(agreement: AnyAgreement) -> list[tuple[str, str]]:
    """(measure type slug, project) of every project the record names; "" where the source gives no type."""
    assigned = [(slug, p) for slug, projects in agreement.massnahmen.items() for p in projects]
    unassigned = [("", p) for p in agreement.projekte_ohne_zuordnung] if isinstance(agreement, KeyFiguresRecord) else []
    return assigned + unassigned


# -- the index: /projekte/ ---------------------------------------------------------------------------


def index_pages(site: SiteData) -> Iterator[PageSpec]:
    yield PageSpec("projekte.md", "Alle Projekte", PROJECT_INDEX, searchable=False)


def index_data(site: SiteData, subject: None) -> dict[str, Any]:
    """One row per year with projects: its count and how many records name them."""
    gathered = project_years(site)
    return {
        "jahre": [
            {
                "jahr": year,
                "url": projects_url(year),
                "projekte_anzahl": gathered.projects[year],
                "vereinbarungen_anzahl": gathered.agreements[year],
            }
            for year in gathered.years()
        ],
        "projekte_anzahl": sum(gathered.projects.values()),
        "vereinbarungen_anzahl": sum(gathered.agreements.values()),
    }


# -- one year: /projekte/<jahr>/ ---------------------------------------------------------------------


def pages(site: SiteData) -> Iterator[PageSpec]:
    for year in project_years(site).years():
        yield PageSpec(f"projekte/{year}.md", f"Projekte {year}", PROJECTS, year, searchable=False)


def data(site: SiteData, year: int) -> dict[str, Any]:
    """The year's projects by partner; a project recurring over years names its other years."""
    names = site.measure_names()
    gathered = project_years(site)
    agreements = sorted(site.dataset.in_year(year), key=lambda a: sort_key(site.name(a)))
    rows = [row for agreement in agreements for row in _rows(site, agreement, names)]
    for row in rows:
        row["auch_in"] = year_ranges(sorted(gathered.series[row["reihe"]] - {year}))
        row["reihe"] = "/".join(row["reihe"])
    with_projects = {row["partner"] for row in rows}
    return {
        "jahr": year,
        "zeilen": rows,
        "formelanfang": FORMULA_START,
        "massnahmenarten": [*names.values(), WITHOUT_MEASURE_TYPE],
        # Only what a choice can find: a partner without any project would show an empty table.
        "partner": [p.bezeichnung for p in site.partners_sorted() if p.bezeichnung in with_projects],
        "andere_jahre": [{"jahr": other, "url": projects_url(other)} for other in gathered.years() if other != year],
    }


def year_ranges(years: list[int]) -> list[dict[str, Any]]:
    """Sorted years as runs of consecutive years, each from its first to its last (the same for one year),
    with their projects pages: "2014–2019, 2021". A project of every year then costs a row two links, not
    one per year."""
    runs: list[list[int]] = []
    for year in years:
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [
        {
            "von": {"jahr": run[0], "url": projects_url(run[0])},
            "bis": {"jahr": run[-1], "url": projects_url(run[-1])} if len(run) > 1 else None,
        }
        for run in runs
    ]


def _rows(site: SiteData, agreement: AnyAgreement, names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "projekt": project,
            "massnahmenart": names.get(slug, WITHOUT_MEASURE_TYPE),
            "partner": site.name(agreement),
            "jahr": agreement.jahr,
            "url": agreement_url(agreement),
            "reihe": (agreement.partner, series_key(project)),
        }
        for slug, project in _projects(agreement)
    ]


def changed(site: SiteData, year: int) -> date | None:
    """The year's records and, for "Auch in", the other records of the same partners."""
    partners = {a.partner for a in site.dataset.in_year(year)}
    keys = [(a.jahr, a.partner) for slug in partners for a in site.dataset.of_partner(slug)]
    return site.latest_date([site.record_dates[key] for key in keys if key in site.record_dates])


PROJECT_INDEX = PageKind("projekte_index", "aqb/pages/projekte-index.html", index_pages, index_data)
PROJECTS = PageKind("projekte", "aqb/pages/projekte.html", pages, data, changed)
