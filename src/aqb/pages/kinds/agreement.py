"""The page of one agreement or key-figures record: /kreise/<kürzel>/<jahr>/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from aqb.data.model import AnyAgreement, FullTextAgreement, KeyFiguresRecord, Partner
from aqb.data.text import compose, document_title
from aqb.formatting import euro, long_date, short_date, thousands
from aqb.outputs.feeds import signed_on
from aqb.pages.context import SiteData, agreement_summary
from aqb.pages.coverage import partner_year, promised_publication
from aqb.pages.kinds.base import PageKind, PageSpec
from aqb.urls import agreement_url, year_url


def pages(site: SiteData) -> Iterator[PageSpec]:
    for agreement in site.dataset.agreements:
        kind = "Wortlaut" if isinstance(agreement, FullTextAgreement) else "Angaben aus öffentlicher Quelle"
        yield PageSpec(
            f"kreise/{agreement.partner}/{agreement.jahr}.md",
            f"Zielvereinbarung {agreement.jahr} – {site.name(agreement)}",
            AGREEMENT,
            agreement,
            description=f"AQB-Zielvereinbarung {agreement.jahr} mit {site.name(agreement)}: "
            f"Budget {euro(agreement.budget)}, Projekte, {kind}.",
        )


def data(site: SiteData, agreement: AnyAgreement) -> dict[str, Any]:
    partner = site.dataset.partners[agreement.partner]
    summary = agreement_summary(site, agreement)
    details = {
        "suchfilter": {
            "Gebietskörperschaft": [partner.bezeichnung],
            "Jahr": [str(agreement.jahr)],
            "Regierungsbezirk": [partner.regierungsbezirk],
            "Maßnahmenart": [m["kurzname"] for m in summary["massnahmen"] if m["projekte"]],
        },
        "jahr_url": year_url(agreement.jahr),
        "quelle_abgerufen_text": long_date(agreement.quelle.abgerufen) if agreement.quelle.abgerufen else None,
        **citation(site, agreement, partner),
        **_feedback(site, agreement, partner),
    }
    own = _key_figures(site, agreement) if isinstance(agreement, KeyFiguresRecord) else _full_text(site, agreement)
    return {"vereinbarung": {**summary, **details, **own}}


def _key_figures(site: SiteData, agreement: KeyFiguresRecord) -> dict[str, Any]:
    partner = site.dataset.partners[agreement.partner]
    return {
        # The signed text is still missing: the same request and upload as for a missing agreement.
        "anfrage": partner_year(site, partner, agreement.jahr),
        "neue_vereinbarung_url": site.repository.new_agreement_url(),
        "veroeffentlichung": promised_publication(site.dataset, [agreement.jahr]),
        "budget_laut_quelle": agreement.budget_laut_quelle,
        "unterzeichnende": [{"name": s.name, "funktion_zeilen": [s.funktion]} for s in agreement.unterzeichnende],
        "angaben": list(agreement.angaben),
    }


def _full_text(site: SiteData, agreement: FullTextAgreement) -> dict[str, Any]:
    standard = site.dataset.standard_texts[agreement.jahr]
    return {
        "original": _original(site, agreement),
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
            for s in compose(agreement, standard, site.dataset.partners[agreement.partner].naming)
        ],
    }


def citation(site: SiteData, agreement: AnyAgreement, partner: Partner) -> dict[str, Any]:
    """How to cite the agreement, and its schema.org description (JSON-LD)."""
    permalink = f"{site.site_url}{agreement_url(agreement)}"
    signed = signed_on(agreement)
    changed = site.record_dates.get((agreement.jahr, agreement.partner))
    if isinstance(agreement, FullTextAgreement):
        standard = site.dataset.standard_texts[agreement.jahr]
        funder = standard.ministerium.name
        title = document_title(standard, partner.naming)
        text = (
            f"„{title}“"
            + (f", unterzeichnet am {long_date(signed)}" if signed else "")
            + f". In: AQB-Zielvereinbarungen Hessen. Online: {permalink}"
        )
    else:
        funder = "Land Hessen"
        text = (
            f"Eckdaten der Zielvereinbarung {agreement.jahr} mit {partner.dative} nach: "
            f"{agreement.quelle.titel}, {agreement.quelle.herausgeber}. Online: {permalink}"
        )
    return {
        "zitat": text,
        "permalink": permalink,
        "jsonld": _grant(agreement, partner, permalink, funder, signed, changed),
        "geaendert_text": long_date(changed) if changed else None,
    }


def _feedback(site: SiteData, agreement: AnyAgreement, partner: Partner) -> dict[str, str | None]:
    """Where a reader reports a mistake (an issue with page and file filled in) and where staff edit the record."""
    path = site.dataset.source_path(agreement)
    # The questions of .github/ISSUE_TEMPLATE/fehler-in-einer-vereinbarung.md, with what we know filled in.
    body = (
        f"**Welche Seite?** {site.site_url}{agreement_url(agreement)}\n\n"
        f"**Datei:** `{path}`\n\n"
        "**Was steht dort?**\n\n"
        "**Was steht im Original?** (wörtlich, mit Abschnitt, z. B. „§ 4“)\n\n"
        "**Woher stammt das Original?** (Quelle dieser Seite:)\n\n"
        f"{code_block(agreement.quelle.titel)}\n"
    )
    return {
        "fehler_melden_url": site.repository.report_url(f"Fehler: {partner.bezeichnung} {agreement.jahr}", body),
        "bearbeiten_url": site.repository.edit_url(path),
    }


def _original(site: SiteData, agreement: FullTextAgreement) -> dict[str, Any] | None:
    """The document to download: its path below the site, kind and size ("PDF, 123 KB"), and, for a
    transcript, where it came from (a text file is never the signed document)."""
    if agreement.original is None or site.data_dir is None:
        return None
    path = site.data_dir / agreement.original.datei  # there and unchanged: the loader checked it
    kind = {".pdf": "PDF", ".docx": "Word"}.get(path.suffix, "Text")
    kilobytes = max(1, round(path.stat().st_size / 1024))
    return {
        "url": agreement.original.datei,
        "abschrift": agreement.original.is_transcript,
        "beschreibung": f"{kind}, {thousands(kilobytes)} KB",
        "herkunft": agreement.original.herkunft,
    }


def code_block(value: str) -> str:
    """`value` as a Markdown code block: GitHub shows it as written, never as images, links or @-mentions."""
    longest = max((len(run) for run in re.findall(r"`+|~+", value)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{value}\n{fence}"


def _grant(
    agreement: AnyAgreement, partner: Partner, permalink: str, funder: str, signed: date | None, changed: date | None
) -> dict[str, Any]:
    """The agreement as a schema.org MonetaryGrant."""
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
    return jsonld


def changed(site: SiteData, agreement: AnyAgreement) -> date | None:
    return site.record_dates.get((agreement.jahr, agreement.partner))


AGREEMENT = PageKind("vereinbarung", "aqb/pages/vereinbarung.html", pages, data, changed)
