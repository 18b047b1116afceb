"""The page of one year: /jahre/<jahr>/, with every record, the sums and the year's standard text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from aqb.data.model import AnyAgreement, KeyFiguresRecord
from aqb.data.text import compose_standard
from aqb.formatting import euro, signed_euro, signed_percent, sort_key
from aqb.pages.compare import budget_change
from aqb.pages.context import SiteData, agreement_summary, bars, partner_ref, statewide_total
from aqb.pages.coverage import programme_years, promised_publication, request_link, tile_map
from aqb.pages.kinds.base import PageKind, PageSpec


def pages(site: SiteData) -> Iterator[PageSpec]:
    for year in programme_years(site.dataset):  # every year of the programme, published or not
        yield PageSpec(f"jahre/{year}.md", f"Zielvereinbarungen {year}", YEAR, year)


def data(site: SiteData, year: int) -> dict[str, Any]:
    agreements = sorted(site.dataset.in_year(year), key=lambda a: sort_key(site.name(a)))
    covered = {a.partner for a in agreements}
    partners_of_year = [p for p in site.partners_sorted() if p.exists_in(year)]
    total = sum(a.budget for a in agreements)
    measure_types = site.dataset.measure_types
    karte = tile_map(site, year)
    tiles = {tile["bezeichnung"]: tile for tile in karte["kacheln"]}
    return {
        "jahr": year,
        "massnahmenarten": [
            {"slug": slug, "kurzname": measure_types[slug].kurzname, "name": measure_types[slug].name}
            for slug in site.measure_columns(year)
        ],
        "vereinbarungen": [{**agreement_summary(site, a), "aenderung_text": _change_text(site, a)} for a in agreements],
        "nur_eckdaten_anzahl": sum(isinstance(a, KeyFiguresRecord) for a in agreements),
        "summe": total,
        "summe_text": euro(total) if agreements else None,  # nothing published is not "0 €"
        "landessumme": statewide_total(site, year),
        "partner_anzahl": len(partners_of_year),
        # The map already has each partner's status and request link; the list below it reuses them.
        "ohne_vereinbarung": [
            {**tiles[p.bezeichnung], **partner_ref(p)} for p in partners_of_year if p.slug not in covered
        ],
        "karte": karte,
        # Where most are missing, one request for the whole year saves 20 single ones.
        "alle_anfragen_link": (
            request_link(site.dataset.requests, None, year, site.dataset.standard_texts.get(year))
            if 2 * len(covered) < len(partners_of_year)
            else None
        ),
        "neue_vereinbarung_url": site.repository.new_agreement_url(),
        "veroeffentlichung": promised_publication(site.dataset, [year]),
        "standardtext": _standard_text(site, year),
        "balken": bars(
            [(site.name(a), a.budget) for a in sorted(agreements, key=lambda a: (-a.budget, sort_key(site.name(a))))]
        ),
        "suchfilter": {"Jahr": [str(year)]},
    }


def _change_text(site: SiteData, agreement: AnyAgreement) -> str | None:
    """Budget change against the same partner's agreement of the previous year, if published."""
    earlier = site.dataset.agreement(agreement.jahr - 1, agreement.partner)
    if earlier is None:
        return None
    change = budget_change(earlier.budget, agreement.budget)
    percent = signed_percent(change.percent)
    return signed_euro(change.difference) + (f" ({percent})" if percent else "")


def _standard_text(site: SiteData, year: int) -> list[dict[str, Any]] | None:
    standard = site.dataset.standard_texts.get(year)
    if standard is None:
        return None
    return [
        {"id": s.id, "titel": s.titel, "bloecke": [{"art": b.kind, "html": b.html} for b in s.blocks]}
        for s in compose_standard(standard)
    ]


def changed(site: SiteData, year: int) -> date | None:
    return site.latest_date([d for (record_year, _), d in site.record_dates.items() if record_year == year])


YEAR = PageKind("jahr", "aqb/pages/jahr.html", pages, data, changed)
