"""The page of one Landkreis or kreisfreie Stadt: /kreise/<kürzel>/, with its records and their changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from aqb.data.model import AnyAgreement, FullTextAgreement, Partner
from aqb.formatting import signed_euro, signed_percent
from aqb.pages.compare import budget_change, project_changes, text_changes
from aqb.pages.context import SiteData, agreement_summary, bars, partner_facts
from aqb.pages.coverage import partner_year, programme_years, promised_publication
from aqb.pages.kinds.base import PageKind, PageSpec


def pages(site: SiteData) -> Iterator[PageSpec]:
    for partner in site.partners_sorted():
        yield PageSpec(f"kreise/{partner.slug}/index.md", partner.bezeichnung, PARTNER, partner)


def data(site: SiteData, partner: Partner) -> dict[str, Any]:
    agreements = sorted(site.dataset.of_partner(partner.slug), key=lambda a: -a.jahr)
    missing = [
        partner_year(site, partner, year)
        for year in reversed(programme_years(site.dataset))
        if partner.exists_in(year) and site.dataset.agreement(year, partner.slug) is None
    ]
    return {
        "partner": partner_facts(site, partner),
        "vereinbarungen": [agreement_summary(site, a) for a in agreements],
        "verlauf": bars([(str(a.jahr), a.budget) for a in reversed(agreements)]),
        "aenderungen": [
            year_to_year(site, earlier, later)
            for earlier, later in zip(agreements[1:], agreements[:-1], strict=True)
            if later.jahr - earlier.jahr == 1
        ],
        "fehlende_jahre": missing,
        "veroeffentlichung": promised_publication(site.dataset, [entry["jahr"] for entry in missing]),
        "neue_vereinbarung_url": site.repository.new_agreement_url(),
        "suchfilter": {
            "Gebietskörperschaft": [partner.bezeichnung],
            "Regierungsbezirk": [partner.regierungsbezirk],
        },
    }


def year_to_year(site: SiteData, earlier: AnyAgreement, later: AnyAgreement) -> dict[str, Any]:
    """What changed from one year's agreement to the next (consecutive years only)."""
    change = budget_change(earlier.budget, later.budget)
    names = site.measure_names()
    standard_texts = site.dataset.standard_texts
    both_texts = isinstance(earlier, FullTextAgreement) and isinstance(later, FullTextAgreement)
    sections = (
        text_changes(
            earlier,
            standard_texts[earlier.jahr],
            later,
            standard_texts[later.jahr],
            site.dataset.partners[later.partner].naming,
        )
        if isinstance(earlier, FullTextAgreement) and isinstance(later, FullTextAgreement)
        else []
    )
    return {
        "von": earlier.jahr,
        "bis": later.jahr,
        "differenz_text": signed_euro(change.difference),
        "prozent_text": signed_percent(change.percent),
        "projekte": [
            {
                "massnahmenart": names.get(c.measure_type, c.measure_type),
                "neu": list(c.added),
                "entfallen": list(c.dropped),
            }
            for c in project_changes(earlier, later)
        ],
        "texte_vergleichbar": both_texts,
        "abschnitte": [
            {"id": c.id, "titel": c.titel, "woerter": [{"art": t.kind, "text": t.text} for t in c.tokens]}
            for c in sections
        ],
    }


def changed(site: SiteData, partner: Partner) -> date | None:
    dates = site.record_dates
    return site.latest_date(
        [dates[(a.jahr, a.partner)] for a in site.dataset.of_partner(partner.slug) if (a.jahr, a.partner) in dates]
    )


PARTNER = PageKind("partner", "aqb/pages/partner.html", pages, data, changed)
