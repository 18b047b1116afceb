"""Every project of every agreement in one sortable, filterable table: /projekte/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aqb.data.model import AnyAgreement, KeyFiguresRecord
from aqb.outputs.exports import FORMULA_START
from aqb.pages.compare import series_key
from aqb.pages.context import SiteData
from aqb.pages.kinds.base import PageKind, PageSpec
from aqb.urls import agreement_url

WITHOUT_MEASURE_TYPE = "ohne Angabe"


def pages(site: SiteData) -> Iterator[PageSpec]:
    yield PageSpec("projekte.md", "Alle Projekte", PROJECTS, searchable=False)


def data(site: SiteData, subject: None) -> dict[str, Any]:
    """Every project of every agreement, newest first; a project recurring over years gets its series."""
    names = site.measure_names()
    rows = [row for agreement in site.newest_first() for row in _rows(site, agreement, names)]
    years_of_series: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        years_of_series.setdefault(row["reihe"], []).append(row["jahr"])
    for row in rows:
        row["auch_in"] = sorted(set(years_of_series[row["reihe"]]) - {row["jahr"]})
        row["reihe"] = "/".join(row["reihe"])
    return {
        "zeilen": rows,
        "formelanfang": FORMULA_START,
        "massnahmenarten": [*names.values(), WITHOUT_MEASURE_TYPE],
        # Only what a choice can find: a year or partner without any project would show an empty table.
        "jahre": [str(y) for y in sorted({row["jahr"] for row in rows}, reverse=True)],
        "partner": [
            name for name in (p.bezeichnung for p in site.partners_sorted()) if name in {r["partner"] for r in rows}
        ],
    }


def _rows(site: SiteData, agreement: AnyAgreement, names: dict[str, str]) -> list[dict[str, Any]]:
    assigned = [(slug, p) for slug, projects in agreement.massnahmen.items() for p in projects]
    unassigned = [("", p) for p in agreement.projekte_ohne_zuordnung] if isinstance(agreement, KeyFiguresRecord) else []
    return [
        {
            "projekt": project,
            "massnahmenart": names.get(slug, WITHOUT_MEASURE_TYPE),
            "partner": site.name(agreement),
            "jahr": agreement.jahr,
            "url": agreement_url(agreement),
            "reihe": (agreement.partner, series_key(project)),
        }
        for slug, project in assigned + unassigned
    ]


PROJECTS = PageKind("projekte", "aqb/pages/projekte.html", pages, data)
