"""What each generated page shows, as plain data for the Jinja templates in overrides/aqb/.

URLs here are relative to the site root ("kreise/marburg-biedenkopf/2025/"); templates pass them
through MkDocs' `url` filter, so the site also works below a sub-path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from aqb.formatting import euro, long_date, short_date, sort_key
from aqb.loader import Dataset
from aqb.model import Agreement, Partner
from aqb.text import compose

NEWEST_ON_START_PAGE = 6
REGIERUNGSBEZIRKE = ("Darmstadt", "Gießen", "Kassel")

# Templates are chosen per page kind; MkDocs reads `template` from the page's front matter.
TEMPLATES = {
    "vereinbarung": "aqb/vereinbarung.html",
    "partner": "aqb/partner.html",
    "partner_index": "aqb/partner-index.html",
    "jahr": "aqb/jahr.html",
    "jahr_index": "aqb/jahr-index.html",
}


@dataclass(frozen=True)
class PageSpec:
    """One page to generate: where it lives, its title, its template and what it is about.

    Its data is computed only when the page is rendered (`Site.page_data`), so memory does not
    grow with the number of agreements.
    """

    src_uri: str
    title: str
    kind: str
    subject: Any = None  # the agreement, partner or year the page shows

    @property
    def template(self) -> str:
        return TEMPLATES[self.kind]


def partner_url(slug: str) -> str:
    return f"kreise/{slug}/"


def agreement_url(agreement: Agreement) -> str:
    return f"kreise/{agreement.partner}/{agreement.jahr}/"


def year_url(year: int) -> str:
    return f"jahre/{year}/"


class Site:
    """All generated pages of one dataset, and the data shared by hand-written pages."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._by_partner: dict[str, list[Agreement]] = {slug: [] for slug in dataset.partners}
        for agreement in dataset.agreements:
            self._by_partner[agreement.partner].append(agreement)
        self.pages: dict[str, PageSpec] = {}
        for spec in self._build_pages():
            self.pages[spec.src_uri] = spec

    # -- pages -----------------------------------------------------------------------------------

    def _build_pages(self):
        yield PageSpec("kreise/index.md", "Kreise und kreisfreie Städte", "partner_index")
        for partner in self.partners_sorted():
            yield PageSpec(f"kreise/{partner.slug}/index.md", partner.bezeichnung, "partner", partner)
        for agreement in self.dataset.agreements:
            yield PageSpec(f"kreise/{agreement.partner}/{agreement.jahr}.md",
                           f"Zielvereinbarung {agreement.jahr} – {self._name(agreement)}", "vereinbarung", agreement)
        yield PageSpec("jahre/index.md", "Vereinbarungen nach Jahr", "jahr_index")
        for year in self.dataset.years():
            yield PageSpec(f"jahre/{year}.md", f"Zielvereinbarungen {year}", "jahr", year)

    def page_data(self, spec: PageSpec) -> dict[str, Any]:
        """The data a generated page's template shows."""
        if spec.kind == "vereinbarung":
            return {"vereinbarung": self._agreement(spec.subject, full=True)}
        if spec.kind == "partner":
            return self._partner_page(spec.subject)
        if spec.kind == "jahr":
            return self._year_page(spec.subject)
        if spec.kind == "jahr_index":
            return self._year_index()
        return self._partner_index()

    def partners_sorted(self) -> list[Partner]:
        return sorted(self.dataset.partners.values(), key=lambda p: (sort_key(p.name), p.art))

    def nav_children(self, section_page: str) -> list[str] | None:
        """Navigation entries below a section page: partners and years, never single agreements.

        Entries carry no title of their own, so MkDocs keeps each page's title for its heading.
        """
        if section_page == "kreise/index.md":
            return [f"kreise/{p.slug}/index.md" for p in self.partners_sorted()]
        if section_page == "jahre/index.md":
            return [f"jahre/{year}.md" for year in reversed(self.dataset.years())]
        return None

    def data_for(self, src_uri: str) -> dict[str, Any] | None:
        """Data for the template of any page: generated pages and the start page."""
        spec = self.pages.get(src_uri)
        if spec is not None:
            return self.page_data(spec)
        if src_uri == "index.md":
            return self.start_page()
        return None

    def start_page(self) -> dict[str, Any]:
        newest = sorted(self.dataset.agreements, key=lambda a: (-a.jahr, sort_key(self._name(a))))
        return {"neueste": [self._agreement(a, full=False) for a in newest[:NEWEST_ON_START_PAGE]],
                "anzahl": len(self.dataset.agreements),
                "partner_anzahl": len(self.dataset.partners)}

    # -- page data -------------------------------------------------------------------------------

    def _name(self, agreement: Agreement) -> str:
        return self.dataset.partners[agreement.partner].bezeichnung

    def _measures(self, agreement: Agreement) -> list[dict[str, Any]]:
        """Every measure type of the year, in the order of § 5, with the agreement's projects."""
        standard = self.dataset.standard_texts[agreement.jahr]
        measures = []
        for number, (slug, wording) in enumerate(standard.massnahmenarten.items(), start=1):
            measure_type = self.dataset.measure_types[slug]
            measures.append({
                "slug": slug, "nummer": number, "wortlaut": wording, "name": measure_type.name,
                "kurzname": measure_type.kurzname, "projekte": list(agreement.massnahmen.get(slug, [])),
            })
        return measures

    def _agreement(self, agreement: Agreement, *, full: bool) -> dict[str, Any]:
        partner = self.dataset.partners[agreement.partner]
        measures = self._measures(agreement)
        summary = {
            "jahr": agreement.jahr,
            "url": agreement_url(agreement),
            "partner": self._partner_ref(partner),
            "budget": agreement.budget,
            "budget_text": euro(agreement.budget),
            "massnahmen": measures,
            "projekte_anzahl": sum(len(m["projekte"]) for m in measures),
        }
        if not full:
            return summary
        standard = self.dataset.standard_texts[agreement.jahr]
        return {
            **summary,
            "ministerium": {"name": standard.ministerium.name, "kurzname": standard.ministerium.kurzname},
            "unterzeichnende": [
                {"name": s.name, "funktion_zeilen": s.funktion.splitlines(), "ort": s.ort,
                 "datum": s.datum.isoformat() if s.datum else None,
                 "datum_text": short_date(s.datum) if s.datum else None,
                 "datum_lang": long_date(s.datum) if s.datum else None}
                for s in agreement.unterzeichnende
            ],
            "quelle": agreement.quelle.model_dump(mode="json"),
            "quelle_abgerufen_text": long_date(agreement.quelle.abgerufen) if agreement.quelle.abgerufen else None,
            "abschnitte": [
                {"id": s.id, "titel": s.titel, "abweichung": s.deviates,
                 "bloecke": [{"art": b.kind, "html": b.html} for b in s.blocks]}
                for s in compose(agreement, standard)
            ],
            "jahr_url": year_url(agreement.jahr),
        }

    def _partner_ref(self, partner: Partner) -> dict[str, Any]:
        return {"slug": partner.slug, "bezeichnung": partner.bezeichnung, "url": partner_url(partner.slug)}

    def _partner_facts(self, partner: Partner) -> dict[str, Any]:
        agreements = self._by_partner[partner.slug]
        latest = agreements[-1] if agreements else None
        return {
            **self._partner_ref(partner),
            "name": partner.name,
            "art": partner.art,
            "kreisschluessel": partner.kreisschluessel,
            "regierungsbezirk": partner.regierungsbezirk,
            "gueltig_ab_text": long_date(partner.gueltig_ab) if partner.gueltig_ab else None,
            "gueltig_bis_text": long_date(partner.gueltig_bis) if partner.gueltig_bis else None,
            "hinweis": partner.hinweis,
            "jahre": [{"jahr": a.jahr, "url": agreement_url(a)} for a in agreements],
            "letztes_budget_text": euro(latest.budget) if latest else None,
            "letztes_jahr": latest.jahr if latest else None,
        }

    def _partner_page(self, partner: Partner) -> dict[str, Any]:
        agreements = sorted(self._by_partner[partner.slug], key=lambda a: -a.jahr)
        return {"partner": self._partner_facts(partner),
                "vereinbarungen": [self._agreement(a, full=False) for a in agreements]}

    def _partner_index(self) -> dict[str, Any]:
        groups = []
        for district in REGIERUNGSBEZIRKE:
            members = [self._partner_facts(p) for p in self.partners_sorted() if p.regierungsbezirk == district]
            groups.append({"name": district, "partner": members})
        return {"regierungsbezirke": groups,
                "anzahl": len(self.dataset.partners)}

    def _year_page(self, year: int) -> dict[str, Any]:
        agreements = sorted((a for a in self.dataset.agreements if a.jahr == year), key=lambda a: sort_key(self._name(a)))
        covered = {a.partner for a in agreements}
        partners_of_year = [p for p in self.partners_sorted() if p.exists_in(year)]
        standard = self.dataset.standard_texts[year]
        total = sum(a.budget for a in agreements)
        return {
            "jahr": year,
            "massnahmenarten": [{"slug": slug, "kurzname": self.dataset.measure_types[slug].kurzname,
                                 "name": self.dataset.measure_types[slug].name}
                                for slug in standard.massnahmenarten],
            "vereinbarungen": [self._agreement(a, full=False) for a in agreements],
            "summe": total,
            "summe_text": euro(total),
            "partner_anzahl": len(partners_of_year),
            "ohne_vereinbarung": [self._partner_ref(p) for p in partners_of_year if p.slug not in covered],
        }

    def _year_index(self) -> dict[str, Any]:
        years = []
        for year in reversed(self.dataset.years()):
            agreements = [a for a in self.dataset.agreements if a.jahr == year]
            years.append({"jahr": year, "url": year_url(year), "anzahl": len(agreements),
                          "partner_anzahl": sum(p.exists_in(year) for p in self.dataset.partners.values()),
                          "summe_text": euro(sum(a.budget for a in agreements))})
        return {"jahre": years}


def front_matter(spec: PageSpec) -> str:
    """The Markdown source of a generated page: only its title and template; the template does the rest."""
    return "---\n" + yaml.safe_dump({"title": spec.title, "template": spec.template}, allow_unicode=True) + "---\n"


def expand_nav(nav: list[Any] | None, site: Site) -> list[Any] | None:
    """Give the sections of mkdocs.yml's nav their generated children (partners, years)."""
    if nav is None:
        return None
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, target), = item.items()
            children = site.nav_children(target) if isinstance(target, str) else None
            if children is not None:
                item = {title: [target, *children]}
        expanded.append(item)
    return expanded
