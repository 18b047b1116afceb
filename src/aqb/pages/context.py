"""The dataset and the facts around it that every page kind reads, and the pieces several kinds show.

URLs here are relative to the site root ("kreise/marburg-biedenkopf/2025/"); templates pass them
through MkDocs' `url` filter, so the site also works below a sub-path.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from aqb.data.addresses import public_address
from aqb.data.dataset import Dataset
from aqb.data.model import AnyAgreement, FullTextAgreement, Partner, StatewideTotal
from aqb.formatting import euro, long_date, sort_key
from aqb.pages.repository import Repository
from aqb.urls import agreement_url, partner_url

REGIERUNGSBEZIRKE = ("Darmstadt", "Gießen", "Kassel")


class SiteData:
    """One dataset with what the pages need besides it: the public address, the operator, git dates."""

    def __init__(
        self,
        dataset: Dataset,
        contributor_guide: str = "",
        *,
        site_url: str = "",
        public_url: str | None = None,
        operator: str = "",
        file_dates: dict[str, date] | None = None,
        repository: Repository | None = None,
        data_dir: Path | None = None,
        report_email: str = "",
    ) -> None:
        """`contributor_guide`: the Markdown of CONTRIBUTING.md (shown on /mitmachen/); `site_url`: the
        address the pages are built for (the preview's under `make serve`); `public_url`: the configured
        public address (SITE_URL; `site_url` if not given), local ones dropped, for downloads and citations;
        `operator`: who publishes the data;
        `file_dates`: when each file last changed (from git; empty where unknown); `repository`: where
        the project lives, for "Fehler melden" and "Diese Seite bearbeiten"; `data_dir`: where the signed
        originals are read from, to publish them beside their agreements (none in page-only tests);
        `report_email`: where readers without a GitHub account report a mistake (empty: not set)."""
        self.dataset = dataset
        self.contributor_guide = contributor_guide
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        # What downloads, feeds, the catalogue and citations carry: never the local preview's address.
        self.public_url = public_address(site_url if public_url is None else public_url)
        self.operator = operator or "AQB-Zielvereinbarungen Hessen"
        self.file_dates = file_dates or {}
        self.repository = repository or Repository()
        self.data_dir = data_dir
        self.report_email = report_email
        # When each record's file last changed in git, by (year, partner); not its year-to-year changes.
        self.record_dates = {
            (a.jahr, a.partner): self.file_dates[path]
            for a in dataset.agreements
            if (path := Dataset.source_path(a)) in self.file_dates
        }

    def partners_sorted(self) -> list[Partner]:
        return sorted(self.dataset.partners.values(), key=lambda p: (sort_key(p.name), p.art))

    def name(self, agreement: AnyAgreement) -> str:
        return self.dataset.partners[agreement.partner].bezeichnung

    def newest_first(self) -> list[AnyAgreement]:
        return sorted(self.dataset.agreements, key=lambda a: (-a.jahr, sort_key(self.name(a))))

    def measure_columns(self, year: int) -> dict[str, str | None]:
        """Measure types of a year in their order: slug → wording of the year's § 5 list, if known."""
        standard = self.dataset.standard_texts.get(year)
        if standard is not None:
            return dict(standard.massnahmenarten)
        return dict.fromkeys(self.dataset.measure_types)

    def measure_names(self) -> dict[str, str]:
        """Short name of every measure type, by slug."""
        return {slug: m.kurzname for slug, m in self.dataset.measure_types.items()}

    def latest_date(self, dates: list[date]) -> date | None:
        return max(dates) if dates else None


def partner_ref(partner: Partner) -> dict[str, Any]:
    return {"slug": partner.slug, "bezeichnung": partner.bezeichnung, "url": partner_url(partner.slug)}


def measures(site: SiteData, agreement: AnyAgreement) -> list[dict[str, Any]]:
    """The agreement's measure types with their projects.

    A full text lists every measure type of its year (in the order of § 5); a key-figures record
    only those its source names, since silence in a press release says nothing.
    """
    full_text = isinstance(agreement, FullTextAgreement)
    if full_text:
        shown = site.measure_columns(agreement.jahr)
    else:
        shown = {slug: None for slug in site.dataset.measure_types if slug in agreement.massnahmen}
    result = []
    for number, (slug, wording) in enumerate(shown.items(), start=1):
        measure_type = site.dataset.measure_types[slug]
        result.append(
            {
                "slug": slug,
                "nummer": number if full_text else measure_type.nummer,
                "wortlaut": wording,
                "name": measure_type.name,
                "kurzname": measure_type.kurzname,
                "projekte": list(agreement.massnahmen.get(slug, [])),
            }
        )
    return result


def project_counts(site: SiteData, agreement: AnyAgreement) -> list[int | None]:
    """Projects per measure type column of the year table; None where the source does not say."""
    counts = []
    for slug in site.measure_columns(agreement.jahr):
        known = isinstance(agreement, FullTextAgreement) or slug in agreement.massnahmen
        counts.append(len(agreement.massnahmen.get(slug, [])) if known else None)
    return counts


def agreement_summary(site: SiteData, agreement: AnyAgreement) -> dict[str, Any]:
    """What a list of agreements shows of one: partner, year, budget, measure types and projects."""
    partner = site.dataset.partners[agreement.partner]
    listed = measures(site, agreement)
    unassigned = [] if isinstance(agreement, FullTextAgreement) else list(agreement.projekte_ohne_zuordnung)
    return {
        "jahr": agreement.jahr,
        "url": agreement_url(agreement),
        "partner": partner_ref(partner),
        "art": agreement.art,
        "hat_wortlaut": isinstance(agreement, FullTextAgreement),
        "budget": agreement.budget,
        "budget_text": euro(agreement.budget),
        "massnahmen": listed,
        "projekte_ohne_zuordnung": unassigned,
        "projekte_anzahl": sum(len(m["projekte"]) for m in listed) + len(unassigned),
        "projekte_je_art": project_counts(site, agreement),
        "quelle": agreement.quelle.model_dump(mode="json"),
    }


def partner_facts(site: SiteData, partner: Partner) -> dict[str, Any]:
    """A partner with its official facts and the years it has records for."""
    agreements = site.dataset.of_partner(partner.slug)
    latest = agreements[-1] if agreements else None
    return {
        **partner_ref(partner),
        "name": partner.name,
        "dativ": partner.dative,
        "akkusativ": partner.naming.akkusativ,
        "art": partner.art,
        "kreisschluessel": partner.kreisschluessel,
        "regierungsbezirk": partner.regierungsbezirk,
        "gueltig_ab_text": long_date(partner.gueltig_ab) if partner.gueltig_ab else None,
        "gueltig_bis_text": long_date(partner.gueltig_bis) if partner.gueltig_bis else None,
        "hinweis": partner.hinweis,
        "jahre": [
            {
                "jahr": a.jahr,
                "url": agreement_url(a),
                "hat_wortlaut": isinstance(a, FullTextAgreement),
                "quelle": a.quelle.model_dump(mode="json"),
            }
            for a in agreements
        ],
        "letztes_budget_text": euro(latest.budget) if latest else None,
        "letztes_jahr": latest.jahr if latest else None,
    }


def bars(entries: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """Bar chart data: label, amount and the bar's share of the largest amount (0–100)."""
    largest = max((amount for _, amount in entries), default=0)
    return [
        {
            "beschriftung": label,
            "betrag": amount,
            "betrag_text": euro(amount),
            "anteil": round(amount / largest * 100, 2) if largest else 0,
        }
        for label, amount in entries
    ]


def statewide_total(site: SiteData, year: int) -> dict[str, Any] | None:
    total = site.dataset.statewide_totals.get(year)
    return total_facts(total) if total is not None else None


def total_facts(total: StatewideTotal) -> dict[str, Any]:
    """A statewide total as published, with its source."""
    return {
        "betrag": total.betrag,
        "betrag_laut_quelle": total.betrag_laut_quelle,
        "umfang": total.umfang,
        "hinweis": total.hinweis,
        "quelle": total.quelle.model_dump(mode="json"),
    }
