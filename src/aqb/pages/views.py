"""What each generated page shows, as plain data for the Jinja templates in overrides/aqb/.

URLs here are relative to the site root ("kreise/marburg-biedenkopf/2025/"); templates pass them
through MkDocs' `url` filter, so the site also works below a sub-path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from aqb.data.dataset import Dataset
from aqb.data.fields import field_reference
from aqb.data.model import AnyAgreement, FullTextAgreement, KeyFiguresRecord, Partner
from aqb.data.schema import render, schemas
from aqb.data.text import compose, compose_standard, document_title, render_markdown
from aqb.formatting import euro, long_date, short_date, signed_euro, signed_percent, sort_key
from aqb.outputs.catalog import catalog_files
from aqb.outputs.exports import AGREEMENT_COLUMNS, FORMULA_START, LICENCE, PARTNER_COLUMNS, PROJECT_COLUMNS, data_files
from aqb.outputs.feeds import feeds, signed_on
from aqb.pages.compare import budget_change, project_changes, series_key, text_changes
from aqb.urls import agreement_url, partner_url, year_url

NEWEST_ON_START_PAGE = 6
REGIERUNGSBEZIRKE = ("Darmstadt", "Gießen", "Kassel")

# Templates are chosen per page kind; MkDocs reads `template` from the page's front matter.
TEMPLATES = {
    "vereinbarung": "aqb/vereinbarung.html",
    "partner": "aqb/partner.html",
    "partner_index": "aqb/partner-index.html",
    "jahr": "aqb/jahr.html",
    "jahr_index": "aqb/jahr-index.html",
    "suche": "aqb/suche.html",
    "projekte": "aqb/projekte.html",
    "vergleich": "aqb/vergleich.html",
    "mitmachen": "aqb/mitmachen.html",
    "daten": "aqb/daten.html",
}

# Search filters: the name Pagefind shows and counts, and the URL parameter of the search page.
SEARCH_FILTERS = {"Gebietskörperschaft": "kreis", "Jahr": "jahr", "Regierungsbezirk": "bezirk", "Maßnahmenart": "art"}


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
    searchable: bool = True  # lists of what other pages hold stay out of the search index
    description: str | None = None  # for search engines and link previews

    @property
    def template(self) -> str:
        return TEMPLATES[self.kind]


class Site:
    """All generated pages of one dataset, and the data shared by hand-written pages."""

    def __init__(
        self,
        dataset: Dataset,
        contributor_guide: str = "",
        *,
        site_url: str = "",
        operator: str = "",
        file_dates: dict[str, date] | None = None,
    ) -> None:
        """`contributor_guide`: the Markdown of CONTRIBUTING.md (shown on /mitmachen/); `site_url`: the
        public address, for absolute links in feeds and metadata; `operator`: who publishes the data;
        `file_dates`: when each data file last changed (from git; empty where unknown)."""
        self.dataset = dataset
        self.contributor_guide = contributor_guide
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.operator = operator or "AQB-Zielvereinbarungen Hessen"
        self.file_dates = file_dates or {}
        self.changes = {
            (a.jahr, a.partner): self.file_dates[path]
            for a in dataset.agreements
            if (path := Dataset.source_path(a)) in self.file_dates
        }
        self.pages: dict[str, PageSpec] = {}
        for spec in self._build_pages():
            self.pages[spec.src_uri] = spec

    # -- pages -----------------------------------------------------------------------------------

    def _build_pages(self) -> Iterator[PageSpec]:
        yield PageSpec("kreise/index.md", "Kreise und kreisfreie Städte", "partner_index")
        for partner in self.partners_sorted():
            yield PageSpec(f"kreise/{partner.slug}/index.md", partner.bezeichnung, "partner", partner)
        for agreement in self.dataset.agreements:
            kind = "Wortlaut" if isinstance(agreement, FullTextAgreement) else "Angaben aus öffentlicher Quelle"
            yield PageSpec(
                f"kreise/{agreement.partner}/{agreement.jahr}.md",
                f"Zielvereinbarung {agreement.jahr} – {self._name(agreement)}",
                "vereinbarung",
                agreement,
                description=f"AQB-Zielvereinbarung {agreement.jahr} mit {self._name(agreement)}: "
                f"Budget {euro(agreement.budget)}, Projekte, {kind}.",
            )
        yield PageSpec("jahre/index.md", "Vereinbarungen nach Jahr", "jahr_index")
        yield PageSpec("projekte.md", "Alle Projekte", "projekte", searchable=False)
        yield PageSpec("vergleich.md", "Budgets im Vergleich", "vergleich", searchable=False)
        yield PageSpec("suche.md", "Suche", "suche", searchable=False)
        yield PageSpec("mitmachen.md", "Mitmachen: eine Vereinbarung ergänzen", "mitmachen")
        yield PageSpec("daten/index.md", "Offene Daten", "daten")
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
        if spec.kind == "suche":
            return self._search_page()
        if spec.kind == "projekte":
            return self._projects_page()
        if spec.kind == "vergleich":
            return self._comparison_page()
        if spec.kind == "daten":
            return self._data_page()
        if spec.kind == "mitmachen":
            # The guide's own first heading is the page title.
            guide = (
                self.contributor_guide.split("\n", 1)[1]
                if self.contributor_guide.startswith("# ")
                else self.contributor_guide
            )
            return {"leitfaden_html": render_markdown(guide, heading_prefix="leitfaden"), "felder": field_reference()}
        return self._partner_index()

    def partners_sorted(self) -> list[Partner]:
        return sorted(self.dataset.partners.values(), key=lambda p: (sort_key(p.name), p.art))

    def nav_children(self, section_page: str) -> list[str] | None:
        """Navigation entries below a section page: the partners, never single agreements or years.

        The theme puts the whole navigation into every page, so it lists only what does not grow
        with the data (27 partners); years are reached through the page "Jahre". Entries carry no
        title of their own, so MkDocs keeps each page's title for its heading.
        """
        if section_page == "kreise/index.md":
            return [f"kreise/{p.slug}/index.md" for p in self.partners_sorted()]
        return None

    def feed_paths(self) -> set[str]:
        """Which feeds exist (a partner without any dated record has none)."""
        return set(self._feeds())

    def _feeds(self) -> dict[str, str]:
        if not hasattr(self, "_feed_files"):
            self._feed_files = feeds(self.dataset, self.site_url, self.changes)
        return self._feed_files

    def downloads(self) -> Iterator[tuple[str, str]]:
        """Files published beside the pages (path below the site root, content), one at a time."""
        for name, schema in schemas(self.dataset).items():
            yield f"daten/schema/{name}.json", render(schema)
        yield from data_files(self.dataset, self.site_url, self.changes)
        yield from self._feeds().items()
        yield from catalog_files(self.dataset, self.site_url, self.operator, self.changes).items()

    def write_downloads(self, site_dir: Path) -> None:
        """Write the downloads into the built site, one by one, so they are never all in memory."""
        for path, content in self.downloads():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")

    def page_date(self, src_uri: str) -> date | None:
        """When a page's content last changed, for the sitemap; None where that is not known."""
        spec = self.pages.get(src_uri)
        if spec is None:
            return self.file_dates.get(f"content/{src_uri}")
        if spec.kind == "vereinbarung":
            return self.changes.get((spec.subject.jahr, spec.subject.partner))
        if spec.kind == "partner":
            dates = [
                self.changes[(a.jahr, a.partner)]
                for a in self.dataset.of_partner(spec.subject.slug)
                if (a.jahr, a.partner) in self.changes
            ]
        elif spec.kind == "jahr":
            dates = [d for (year, _), d in self.changes.items() if year == spec.subject]
        else:
            dates = list(self.changes.values())
        return max(dates) if dates else None

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
        return {
            "neueste": [self._agreement(a, full=False) for a in newest[:NEWEST_ON_START_PAGE]],
            "anzahl": len(self.dataset.agreements),
            "partner_anzahl": len(self.dataset.partners),
        }

    # -- page data -------------------------------------------------------------------------------

    def _name(self, agreement: AnyAgreement) -> str:
        return self.dataset.partners[agreement.partner].bezeichnung

    def _measure_columns(self, year: int) -> dict[str, str | None]:
        """Measure types of a year in their order: slug → wording of the year's § 5 list, if known."""
        standard = self.dataset.standard_texts.get(year)
        if standard is not None:
            return dict(standard.massnahmenarten)
        return dict.fromkeys(self.dataset.measure_types)

    def _measures(self, agreement: AnyAgreement) -> list[dict[str, Any]]:
        """The agreement's measure types with their projects.

        A full text lists every measure type of its year (in the order of § 5); a key-figures record
        only those its source names, since silence in a press release says nothing.
        """
        if isinstance(agreement, FullTextAgreement):
            shown = self._measure_columns(agreement.jahr)
        else:
            shown = {slug: None for slug in self.dataset.measure_types if slug in agreement.massnahmen}
        measures = []
        for number, (slug, wording) in enumerate(shown.items(), start=1):
            measure_type = self.dataset.measure_types[slug]
            measures.append(
                {
                    "slug": slug,
                    "nummer": number if isinstance(agreement, FullTextAgreement) else measure_type.nummer,
                    "wortlaut": wording,
                    "name": measure_type.name,
                    "kurzname": measure_type.kurzname,
                    "projekte": list(agreement.massnahmen.get(slug, [])),
                }
            )
        return measures

    def _project_counts(self, agreement: AnyAgreement) -> list[int | None]:
        """Projects per measure type column of the year table; None where the source does not say."""
        counts = []
        for slug in self._measure_columns(agreement.jahr):
            known = isinstance(agreement, FullTextAgreement) or slug in agreement.massnahmen
            counts.append(len(agreement.massnahmen.get(slug, [])) if known else None)
        return counts

    def _agreement(self, agreement: AnyAgreement, *, full: bool) -> dict[str, Any]:
        partner = self.dataset.partners[agreement.partner]
        measures = self._measures(agreement)
        unassigned = [] if isinstance(agreement, FullTextAgreement) else list(agreement.projekte_ohne_zuordnung)
        summary = {
            "jahr": agreement.jahr,
            "url": agreement_url(agreement),
            "partner": self._partner_ref(partner),
            "art": agreement.art,
            "hat_wortlaut": isinstance(agreement, FullTextAgreement),
            "budget": agreement.budget,
            "budget_text": euro(agreement.budget),
            "massnahmen": measures,
            "projekte_ohne_zuordnung": unassigned,
            "projekte_anzahl": sum(len(m["projekte"]) for m in measures) + len(unassigned),
            "projekte_je_art": self._project_counts(agreement),
            "quelle": agreement.quelle.model_dump(mode="json"),
        }
        if not full:
            return summary
        details = {
            "suchfilter": {
                "Gebietskörperschaft": [partner.bezeichnung],
                "Jahr": [str(agreement.jahr)],
                "Regierungsbezirk": [partner.regierungsbezirk],
                "Maßnahmenart": [m["kurzname"] for m in measures if m["projekte"]],
            },
            "jahr_url": year_url(agreement.jahr),
            "quelle_abgerufen_text": long_date(agreement.quelle.abgerufen) if agreement.quelle.abgerufen else None,
        }
        details.update(self._citation(agreement, partner))
        if isinstance(agreement, KeyFiguresRecord):
            return {
                **summary,
                **details,
                "budget_laut_quelle": agreement.budget_laut_quelle,
                "unterzeichnende": [
                    {"name": s.name, "funktion_zeilen": [s.funktion]} for s in agreement.unterzeichnende
                ],
                "angaben": list(agreement.angaben),
            }
        standard = self.dataset.standard_texts[agreement.jahr]
        return {
            **summary,
            **details,
            "ministerium": {"name": standard.ministerium.name, "kurzname": standard.ministerium.kurzname},
            "unterzeichnende": [
                {
                    "name": s.name,
                    "funktion_zeilen": s.funktion.splitlines(),
                    "ort": s.ort,
                    "datum": s.datum.isoformat() if s.datum else None,
                    "datum_text": short_date(s.datum) if s.datum else None,
                    "datum_lang": long_date(s.datum) if s.datum else None,
                }
                for s in agreement.unterzeichnende
            ],
            "abschnitte": [
                {
                    "id": s.id,
                    "titel": s.titel,
                    "abweichung": s.deviates,
                    "bloecke": [{"art": b.kind, "html": b.html} for b in s.blocks],
                }
                for s in compose(agreement, standard)
            ],
        }

    def _citation(self, agreement: AnyAgreement, partner: Partner) -> dict[str, Any]:
        """How to cite the agreement, and its schema.org description (JSON-LD)."""
        permalink = f"{self.site_url}{agreement_url(agreement)}"
        signed = signed_on(agreement)
        changed = self.changes.get((agreement.jahr, agreement.partner))
        if isinstance(agreement, FullTextAgreement):
            standard = self.dataset.standard_texts[agreement.jahr]
            funder = standard.ministerium.name
            title = document_title(standard, agreement.partner_im_text)
            citation = (
                f"„{title}“"
                + (f", unterzeichnet am {long_date(signed)}" if signed else "")
                + f". In: AQB-Zielvereinbarungen Hessen. Online: {permalink}"
            )
        else:
            funder = "Land Hessen"
            citation = (
                f"Eckdaten der Zielvereinbarung {agreement.jahr} mit {partner.bezeichnung} nach: "
                f"{agreement.quelle.titel} ({agreement.quelle.herausgeber}). Online: {permalink}"
            )
        jsonld: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "MonetaryGrant",
            "@id": permalink,
            "url": permalink,
            "name": f"Zielvereinbarung {agreement.jahr} – {partner.bezeichnung}",
            "description": f"Ausbildungs- und Qualifizierungsbudget (AQB) {agreement.jahr}",
            "amount": {"@type": "MonetaryAmount", "currency": "EUR", "value": agreement.budget},
            "funder": {"@type": "GovernmentOrganization", "name": funder},
            "fundedItem": {
                "@type": "GovernmentOrganization",
                "name": partner.bezeichnung,
                **({"identifier": partner.kreisschluessel} if partner.kreisschluessel else {}),
            },
            "temporalCoverage": str(agreement.jahr),
            "inLanguage": "de",
        }
        if signed:
            jsonld["dateCreated"] = signed.isoformat()
        if changed:
            jsonld["dateModified"] = changed.isoformat()
        return {
            "zitat": citation,
            "permalink": permalink,
            "jsonld": jsonld,
            "geaendert_text": long_date(changed) if changed else None,
        }

    def _partner_ref(self, partner: Partner) -> dict[str, Any]:
        return {"slug": partner.slug, "bezeichnung": partner.bezeichnung, "url": partner_url(partner.slug)}

    def _partner_facts(self, partner: Partner) -> dict[str, Any]:
        agreements = self.dataset.of_partner(partner.slug)
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

    def _partner_page(self, partner: Partner) -> dict[str, Any]:
        agreements = sorted(self.dataset.of_partner(partner.slug), key=lambda a: -a.jahr)
        return {
            "partner": self._partner_facts(partner),
            "vereinbarungen": [self._agreement(a, full=False) for a in agreements],
            "verlauf": self._bars([(str(a.jahr), a.budget) for a in reversed(agreements)]),
            "aenderungen": [
                self._changes(earlier, later)
                for earlier, later in zip(agreements[1:], agreements[:-1], strict=True)
                if later.jahr - earlier.jahr == 1
            ],
            "suchfilter": {
                "Gebietskörperschaft": [partner.bezeichnung],
                "Regierungsbezirk": [partner.regierungsbezirk],
            },
        }

    def _partner_index(self) -> dict[str, Any]:
        groups = []
        for district in REGIERUNGSBEZIRKE:
            members = [self._partner_facts(p) for p in self.partners_sorted() if p.regierungsbezirk == district]
            groups.append({"name": district, "partner": members})
        return {"regierungsbezirke": groups, "anzahl": len(self.dataset.partners)}

    def _year_page(self, year: int) -> dict[str, Any]:
        agreements = sorted(self.dataset.in_year(year), key=lambda a: sort_key(self._name(a)))
        covered = {a.partner for a in agreements}
        partners_of_year = [p for p in self.partners_sorted() if p.exists_in(year)]
        total = sum(a.budget for a in agreements)
        return {
            "jahr": year,
            "massnahmenarten": [
                {
                    "slug": slug,
                    "kurzname": self.dataset.measure_types[slug].kurzname,
                    "name": self.dataset.measure_types[slug].name,
                }
                for slug in self._measure_columns(year)
            ],
            "vereinbarungen": [
                {**self._agreement(a, full=False), "aenderung_text": self._change_text(a)} for a in agreements
            ],
            "nur_eckdaten_anzahl": sum(isinstance(a, KeyFiguresRecord) for a in agreements),
            "summe": total,
            "summe_text": euro(total),
            "landessumme": self._statewide_total(year),
            "partner_anzahl": len(partners_of_year),
            "ohne_vereinbarung": [self._partner_ref(p) for p in partners_of_year if p.slug not in covered],
            "standardtext": self._standard_text(year),
            "balken": self._bars(
                [
                    (self._name(a), a.budget)
                    for a in sorted(agreements, key=lambda a: (-a.budget, sort_key(self._name(a))))
                ]
            ),
            "suchfilter": {"Jahr": [str(year)]},
        }

    def _change_text(self, agreement: AnyAgreement) -> str | None:
        """Budget change against the same partner's agreement of the previous year, if published."""
        earlier = self.dataset.agreement(agreement.jahr - 1, agreement.partner)
        if earlier is None:
            return None
        change = budget_change(earlier.budget, agreement.budget)
        percent = signed_percent(change.percent)
        return signed_euro(change.difference) + (f" ({percent})" if percent else "")

    def _projects_page(self) -> dict[str, Any]:
        """Every project of every agreement, newest first; a project recurring over years gets its series."""
        names = {slug: m.kurzname for slug, m in self.dataset.measure_types.items()}
        rows: list[dict[str, Any]] = []
        for agreement in sorted(self.dataset.agreements, key=lambda a: (-a.jahr, sort_key(self._name(a)))):
            assigned = [(slug, p) for slug, projects in agreement.massnahmen.items() for p in projects]
            unassigned = (
                [("", p) for p in agreement.projekte_ohne_zuordnung] if isinstance(agreement, KeyFiguresRecord) else []
            )
            for slug, project in assigned + unassigned:
                rows.append(
                    {
                        "projekt": project,
                        "massnahmenart": names.get(slug, "ohne Angabe"),
                        "partner": self._name(agreement),
                        "jahr": agreement.jahr,
                        "url": agreement_url(agreement),
                        "reihe": (agreement.partner, series_key(project)),
                    }
                )
        years_of_series: dict[tuple[str, str], list[int]] = {}
        for row in rows:
            years_of_series.setdefault(row["reihe"], []).append(row["jahr"])
        for row in rows:
            others = sorted(set(years_of_series[row["reihe"]]) - {row["jahr"]})
            row["auch_in"] = others
            row["reihe"] = "/".join(row["reihe"])
        return {
            "zeilen": rows,
            "formelanfang": FORMULA_START,
            "massnahmenarten": [*names.values(), "ohne Angabe"],
            "jahre": [str(y) for y in reversed(self.dataset.years())],
            "partner": [p.bezeichnung for p in self.partners_sorted()],
        }

    def _comparison_page(self) -> dict[str, Any]:
        """Partners × years: budgets where published, and which cells are not."""
        years = [y for y in self.dataset.years() if any(a.jahr == y for a in self.dataset.agreements)]
        cells = {(a.partner, a.jahr): a for a in self.dataset.agreements}
        rows = []
        for partner in self.partners_sorted():
            row = []
            for year in years:
                agreement = cells.get((partner.slug, year))
                row.append(
                    {
                        "jahr": year,
                        "besteht": partner.exists_in(year),
                        "budget_text": euro(agreement.budget) if agreement else None,
                        "url": agreement_url(agreement) if agreement else None,
                        "hat_wortlaut": isinstance(agreement, FullTextAgreement) if agreement else None,
                        "quelle": agreement.quelle.model_dump(mode="json") if agreement else None,
                    }
                )
            rows.append({**self._partner_ref(partner), "zellen": row})
        return {"jahre": years, "zeilen": rows}

    def _data_page(self) -> dict[str, Any]:
        years = sorted({a.jahr for a in self.dataset.agreements}, reverse=True)
        return {
            "lizenz": LICENCE,
            "jahre": [str(y) for y in years],
            "spalten": {
                "vereinbarungen.csv": AGREEMENT_COLUMNS,
                "projekte.csv": PROJECT_COLUMNS,
                "gebietskoerperschaften.csv": PARTNER_COLUMNS,
            },
            "schemas": [f"daten/schema/{name}.json" for name in schemas(self.dataset)],
        }

    def _standard_text(self, year: int) -> list[dict[str, Any]] | None:
        standard = self.dataset.standard_texts.get(year)
        if standard is None:
            return None
        return [
            {"id": s.id, "titel": s.titel, "bloecke": [{"art": b.kind, "html": b.html} for b in s.blocks]}
            for s in compose_standard(standard)
        ]

    def _search_page(self) -> dict[str, Any]:
        """Every filter with every value the site has, so the form works before any script runs."""
        values = {
            "Gebietskörperschaft": [p.bezeichnung for p in self.partners_sorted()],
            "Jahr": [str(year) for year in reversed(self.dataset.years())],
            "Regierungsbezirk": list(REGIERUNGSBEZIRKE),
            "Maßnahmenart": [m.kurzname for m in self.dataset.measure_types.values()],
        }
        return {
            "filter": [
                {"name": name, "parameter": SEARCH_FILTERS[name], "werte": values[name]} for name in SEARCH_FILTERS
            ]
        }

    def _bars(self, entries: list[tuple[str, int]]) -> list[dict[str, Any]]:
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

    def _changes(self, earlier: AnyAgreement, later: AnyAgreement) -> dict[str, Any]:
        """What changed from one year's agreement to the next (consecutive years only)."""
        change = budget_change(earlier.budget, later.budget)
        names = {slug: m.kurzname for slug, m in self.dataset.measure_types.items()}
        both_texts = isinstance(earlier, FullTextAgreement) and isinstance(later, FullTextAgreement)
        sections = (
            text_changes(
                earlier, self.dataset.standard_texts[earlier.jahr], later, self.dataset.standard_texts[later.jahr]
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

    def _statewide_total(self, year: int) -> dict[str, Any] | None:
        total = self.dataset.statewide_totals.get(year)
        if total is None:
            return None
        return {
            "betrag": total.betrag,
            "betrag_laut_quelle": total.betrag_laut_quelle,
            "umfang": total.umfang,
            "hinweis": total.hinweis,
            "quelle": total.quelle.model_dump(mode="json"),
        }

    def _year_index(self) -> dict[str, Any]:
        years = []
        for year in reversed(self.dataset.years()):
            agreements = list(self.dataset.in_year(year))
            years.append(
                {
                    "jahr": year,
                    "url": year_url(year),
                    "anzahl": len(agreements),
                    "partner_anzahl": sum(p.exists_in(year) for p in self.dataset.partners.values()),
                    "summe_text": euro(sum(a.budget for a in agreements)),
                    "landessumme": self._statewide_total(year),
                }
            )
        return {"jahre": years}


def page_meta(spec: PageSpec) -> dict[str, Any]:
    """What a generated page's front matter would say: title and template; the template does the rest.

    Given to MkDocs as a dict, not as YAML text: writing and parsing YAML for every page cost about
    a tenth of the build."""
    return {
        "title": spec.title,
        "template": spec.template,
        **({} if spec.searchable else {"durchsuchbar": False}),
        **({"description": spec.description} if spec.description else {}),
    }


def expand_nav(nav: list[Any] | None, site: Site) -> list[Any] | None:
    """Give the sections of mkdocs.yml's nav their generated children (partners, years)."""
    if nav is None:
        return None
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, target),) = item.items()
            children = site.nav_children(target) if isinstance(target, str) else None
            if children is not None:
                item = {title: [target, *children]}
        expanded.append(item)
    return expanded
