"""The page of an agreement the site does not have: /kreise/<kürzel>/<jahr>/ for every partner and
programme year without a record, so that a guessed or old address shows what is missing, the
prefilled request for it and how to send it in, instead of a bare "not found".

These pages are many (one per gap) and say nothing a search should find: they stay out of the
navigation, the search index, the sitemap and search engines ("noindex")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from aqb.data.model import Partner
from aqb.pages.context import SiteData, partner_ref
from aqb.pages.coverage import partner_year, programme_years, promised_publication
from aqb.pages.kinds.base import PageKind, PageSpec
from aqb.urls import year_url


def pages(site: SiteData) -> Iterator[PageSpec]:
    years = programme_years(site.dataset)
    for partner in site.partners_sorted():
        for year in years:
            if partner.exists_in(year) and site.dataset.agreement(year, partner.slug) is None:
                yield PageSpec(
                    f"kreise/{partner.slug}/{year}.md",
                    f"Zielvereinbarung {year} – {partner.bezeichnung}: liegt nicht vor",
                    MISSING,
                    (partner, year),
                    searchable=False,
                    crawled=False,
                )


def data(site: SiteData, subject: tuple[Partner, int]) -> dict[str, Any]:
    partner, year = subject
    return {
        "fehlend": {
            **partner_year(site, partner, year),
            "partner": {**partner_ref(partner), "dativ": partner.dative},
            "jahr_url": year_url(year),
        },
        "neue_vereinbarung_url": site.repository.new_agreement_url(),
        "veroeffentlichung": promised_publication(site.dataset, [year]),
    }


def changed(site: SiteData, subject: tuple[Partner, int]) -> date | None:
    return None  # not in the sitemap


MISSING = PageKind("fehlend", "aqb/pages/fehlend.html", pages, data, changed)
