"""Budgets of every partner in every year, side by side: /vergleich/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aqb.data.model import AnyAgreement, FullTextAgreement, Partner
from aqb.formatting import euro
from aqb.pages.context import SiteData, partner_ref
from aqb.pages.coverage import programme_years
from aqb.pages.kinds.base import PageKind, PageSpec
from aqb.urls import agreement_url, year_url


def pages(site: SiteData) -> Iterator[PageSpec]:
    yield PageSpec("vergleich.md", "Budgets im Vergleich", COMPARISON, searchable=False)


def data(site: SiteData, subject: None) -> dict[str, Any]:
    """Partners × years: a column for each year with a record, a row for each partner with one, budgets
    where published; the other years and partners are named in one line each, not as empty cells."""
    years = [y for y in site.dataset.years() if site.dataset.in_year(y)]
    rows, without = [], []
    for partner in site.partners_sorted():
        if not site.dataset.of_partner(partner.slug):
            without.append(partner_ref(partner))
            continue
        cells = [_cell(partner, year, site.dataset.agreement(year, partner.slug)) for year in years]
        rows.append({**partner_ref(partner), "zellen": cells})
    other_years = [y for y in programme_years(site.dataset) if y not in years]
    return {
        "jahre": years,
        "zeilen": rows,
        "andere_jahre": [{"jahr": year, "url": year_url(year)} for year in other_years],
        "ohne_vereinbarung": without,
    }


def _cell(partner: Partner, year: int, agreement: AnyAgreement | None) -> dict[str, Any]:
    return {
        "jahr": year,
        "kein_partner_text": None if partner.exists_in(year) else _not_a_partner(partner, year),
        "budget_text": euro(agreement.budget) if agreement else None,
        "url": agreement_url(agreement) if agreement else None,
        "hat_wortlaut": isinstance(agreement, FullTextAgreement) if agreement else None,
        "quelle": agreement.quelle.model_dump(mode="json") if agreement else None,
    }


def _not_a_partner(partner: Partner, year: int) -> str:
    """Why a cell is empty although nothing is missing: Hanau was a city before 2026, just not kreisfrei."""
    before = partner.gueltig_ab is not None and partner.gueltig_ab.year > year
    if partner.art == "kreisfreie Stadt":
        return "noch nicht kreisfrei" if before else "nicht mehr kreisfrei"
    return "bestand noch nicht" if before else "bestand nicht mehr"


COMPARISON = PageKind("vergleich", "aqb/pages/vergleich.html", pages, data)
