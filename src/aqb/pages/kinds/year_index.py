"""The list of all years with their counts and sums: /jahre/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aqb.formatting import euro
from aqb.pages.context import SiteData, statewide_total
from aqb.pages.coverage import programme_years
from aqb.pages.kinds.base import PageKind, PageSpec
from aqb.urls import year_url


def pages(site: SiteData) -> Iterator[PageSpec]:
    yield PageSpec("jahre/index.md", "Vereinbarungen nach Jahr", YEAR_INDEX)


def data(site: SiteData, subject: None) -> dict[str, Any]:
    years = []
    for year in reversed(programme_years(site.dataset)):
        agreements = list(site.dataset.in_year(year))
        years.append(
            {
                "jahr": year,
                "url": year_url(year),
                "anzahl": len(agreements),
                "partner_anzahl": sum(p.exists_in(year) for p in site.dataset.partners.values()),
                "summe_text": euro(sum(a.budget for a in agreements)) if agreements else None,
                "landessumme": statewide_total(site, year),
            }
        )
    return {"jahre": years}


YEAR_INDEX = PageKind("jahr_index", "aqb/pages/jahr-index.html", pages, data)
