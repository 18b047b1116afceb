"""What the AQB is, its measure types, legal basis, procedure, statewide totals and history: /aqb/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aqb.pages.context import SiteData, total_facts
from aqb.pages.kinds.base import PageKind, PageSpec
from aqb.urls import year_url


def pages(site: SiteData) -> Iterator[PageSpec]:
    yield PageSpec(
        "aqb.md",
        "Über das AQB",
        PROGRAMME,
        description="Was das hessische Ausbildungs- und Qualifizierungsbudget fördert, wie es vergeben wird "
        "und woher es kommt – mit Quellen.",
    )


def data(site: SiteData, subject: None) -> dict[str, Any]:
    measure_types = sorted(site.dataset.measure_types.values(), key=lambda m: m.nummer)
    return {
        "massnahmenarten": [{"nummer": m.nummer, "name": m.name} for m in measure_types],
        "landessummen": [
            {**total_facts(total), "jahr": year, "url": year_url(year)}
            for year, total in sorted(site.dataset.statewide_totals.items())
        ],
    }


PROGRAMME = PageKind("programm", "aqb/pages/programm.html", pages, data)
