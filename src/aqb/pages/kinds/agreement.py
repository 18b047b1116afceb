"""The page of one agreement or key-figures record: /kreise/<kürzel>/<jahr>/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from aqb.data.model import AnyAgreement, FullTextAgreement, KeyFiguresRecord, Partner
from aqb.data.text import compose, document_title
from aqb.formatting import euro, long_date, short_date, thousands
from aqb.outputs.feeds import completed_on
from aqb.pages.context import SiteData, agreement_summary
from aqb.pages.coverage import partner_year, promised_publication
from aqb.pages.feedback import Report
from aqb.pages.kinds.base import PageKind, PageSpec
from aqb.urls import agreement_url, year_url


def pages(site: SiteData) -> Iterator[PageSpec]:
    for agreement in site.dataset.agreements:
        kind = "vollständiger Text" if isinstance(agreement, FullTextAgreement) else "Angaben aus öffentlicher Quelle"
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
        "unterzeichnende": [
            {"name": s.name, "funktion_zeilen": s.funktion.splitlines()} for s in agreement.unterzeichnende
        ],
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
                "ueberschrift_mit_id": s.heading_anchored,
                "bloecke": [{"art": b.kind, "html": b.html} for b in s.blocks],
            }
            for s in compose(agreement, standard, site.dataset.partners[agreement.partner].naming)
        ],
    }


def _signed_where_and_when(agreement: FullTextAgreement, signed: date | None) -> str:
    """The citation's date: the last signature's day; where a signature has no day in the document, each
    signature's place and day as the document has them (which one came last is not known)."""
    if signed is not None:
        return f", unterzeichnet am {long_date(signed)}"
    signatures = [
        " ".join([*([f"in {s.ort}"] if s.ort else []), f"am {long_date(s.datum)}" if s.datum else "ohne Datum"])
        for s in agreement.unterzeichnende
    ]
    return ", unterzeichnet " + " und ".join(signatures) if signatures else ""


def citation(site: SiteData, agreement: AnyAgreement, partner: Partner) -> dict[str, Any]:
    """How to cite the agreement (issuers, title, date, where; "abgerufen am" and the reader's date are
    added by the template), and its schema.org description (JSON-LD)."""
    # Cited by its public address; a build without one (a local preview) cites no address at all.
    permalink = f"{site.public_url}{agreement_url(agreement)}" if site.public_url else None
    online = f". Online: {permalink}" if permalink else ""  # ", abgerufen am …" follows in the template
    signed = completed_on(agreement)
    changed = site.record_dates.get((agreement.jahr, agreement.partner))
    if isinstance(agreement, FullTextAgreement):
        standard = site.dataset.standard_texts[agreement.jahr]
        funder = standard.ministerium.name
        title = document_title(standard, partner.naming)
        # Issued by both parties, who signed it; the reader's date of access follows in the template.
        text = (
            f"{funder}; {partner.bezeichnung}: „{title}“"
            + _signed_where_and_when(agreement, signed)
            + f". In: AQB-Zielvereinbarungen Hessen{online}"
        )
    else:
        funder = "Land Hessen"
        text = (
            f"Eckdaten der Zielvereinbarung {agreement.jahr} mit {partner.dative} nach: "
            f"{agreement.quelle.titel}, {agreement.quelle.herausgeber}{online}"
        )
    return {
        "zitat": text,
        "permalink": permalink,
        "jsonld": _grant(agreement, partner, permalink, funder, signed, changed),
        "geaendert_text": long_date(changed) if changed else None,
    }


def report(site: SiteData, agreement: AnyAgreement) -> Report:
    """A report of one agreement: page and file filled in; the question fits what the page shows (the
    signed text, or what a public source says)."""
    partner = site.dataset.partners[agreement.partner]
    path = site.dataset.source_path(agreement)
    page_url = f"{site.site_url}{agreement_url(agreement)}"
    full_text = isinstance(agreement, FullTextAgreement)
    original = "Was steht im Original?" if full_text else "Was steht in der Quelle?"
    # The questions of .github/ISSUE_TEMPLATE/fehler-in-einer-vereinbarung.md, with what we know filled in.
    issue_body = (
        f"**Welche Seite?** {page_url}\n\n"
        f"**Datei:** `{path}`\n\n"
        "**Was steht dort?**\n\n"
        "**Was steht im Original?** (wörtlich, mit Abschnitt, z. B. „§ 4“)\n\n"
        "**Woher stammt das Original?** (Quelle dieser Seite:)\n\n"
        f"{code_block(agreement.quelle.titel)}\n"
    )
    mail_body = (
        f"Seite: {page_url}\n\nWas steht dort?\n\n\n{original} (wörtlich, mit Abschnitt, z. B. „§ 4“)\n\n\n"
        f"Woher stammt es? (Quelle dieser Seite: {agreement.quelle.titel})\n\n"
    )
    return Report(
        subject=f"Fehler: {partner.bezeichnung} {agreement.jahr}",
        question=(
            "Weicht etwas vom unterzeichneten Text ab, oder stimmt eine Angabe nicht?"
            if full_text
            else "Stimmt eine Angabe nicht mit der genannten Quelle überein?"
        ),
        issue_body=issue_body,
        mail_body=mail_body,
        edit_path=path,
        edit_what="die Datei der Vereinbarung",
    )


def _original(site: SiteData, agreement: FullTextAgreement) -> dict[str, Any] | None:
    """The document to download: its path below the site, kind and size ("PDF, 123 KB"), and, for a
    transcript, where it came from (a text file is never the signed document)."""
    if agreement.original is None or site.data_dir is None:
        return None
    version = agreement.original.textfassung
    return {
        "url": agreement.original.datei,
        "abschrift": agreement.original.is_transcript,
        "beschreibung": _described(site.data_dir / agreement.original.datei),
        "herkunft": agreement.original.herkunft,
        # A signed scan's text version: the words the page shows (checked against it word for word).
        "textfassung": {"url": version.datei, "beschreibung": _described(site.data_dir / version.datei)}
        if version
        else None,
    }


def _described(path: Path) -> str:
    """ "PDF, 123 KB": the file's kind and size (it is there and unchanged: the loader checked it)."""
    kind = {".pdf": "PDF", ".docx": "Word", ".png": "Bild", ".jpg": "Bild", ".jpeg": "Bild", ".tif": "Bild"}
    kilobytes = max(1, round(path.stat().st_size / 1024))
    return f"{kind.get(path.suffix.lower(), 'Text')}, {thousands(kilobytes)} KB"


def code_block(value: str) -> str:
    """`value` as a Markdown code block: GitHub shows it as written, never as images, links or @-mentions."""
    longest = max((len(run) for run in re.findall(r"`+|~+", value)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{value}\n{fence}"


def _grant(
    agreement: AnyAgreement,
    partner: Partner,
    permalink: str | None,
    funder: str,
    signed: date | None,
    changed: date | None,
) -> dict[str, Any]:
    """The agreement as a schema.org MonetaryGrant (with its address where the site has a public one)."""
    jsonld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MonetaryGrant",
        **({"@id": permalink, "url": permalink} if permalink else {}),
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
