"""Atom feeds of new agreements (one for the site, one per partner), built with ElementTree."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from aqb.data.dataset import Dataset
from aqb.data.model import AnyAgreement, FullTextAgreement
from aqb.formatting import euro
from aqb.urls import agreement_url, partner_url

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


def signed_on(agreement: AnyAgreement) -> date | None:
    """The date of the agreement: its last signature, where the document has dates."""
    if not isinstance(agreement, FullTextAgreement):
        return None  # a public source names no signature dates
    dates = [s.datum for s in agreement.unterzeichnende if s.datum is not None]
    return max(dates) if dates else None


def entry_date(agreement: AnyAgreement, changed: date | None) -> date | None:
    """When the record was added or changed (git), else when it was signed; None if neither is known."""
    return changed or signed_on(agreement)


def feed(
    dataset: Dataset,
    agreements: list[AnyAgreement],
    title: str,
    feed_url: str,
    page_url: str,
    base_url: str,
    changes: dict[tuple[int, str], date],
) -> str | None:
    """An Atom feed, newest first; records with no known date are left out rather than given one."""
    known = [(entry_date(a, changes.get((a.jahr, a.partner))), a) for a in agreements]
    dated = sorted(((d, a) for d, a in known if d is not None), key=lambda pair: (pair[0], pair[1].jahr), reverse=True)
    if not dated:
        return None
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "de"})
    ET.SubElement(root, f"{{{ATOM}}}title").text = title
    ET.SubElement(root, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=feed_url)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page_url)
    ET.SubElement(root, f"{{{ATOM}}}updated").text = _timestamp(dated[0][0])
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "AQB-Zielvereinbarungen Hessen"
    for when, agreement in dated:
        partner = dataset.partners[agreement.partner]
        url = base_url + agreement_url(agreement)
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"Zielvereinbarung {agreement.jahr} – {partner.bezeichnung}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=url)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _timestamp(when)
        signed = signed_on(agreement)
        if signed:
            ET.SubElement(entry, f"{{{ATOM}}}published").text = _timestamp(signed)
        kind = (
            "Wortlaut der Vereinbarung"
            if isinstance(agreement, FullTextAgreement)
            else "Angaben aus öffentlicher Quelle, Vereinbarungstext liegt nicht vor"
        )
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"Budget {euro(agreement.budget)}. {kind}."
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feeds(dataset: Dataset, base_url: str, changes: dict[tuple[int, str], date]) -> dict[str, str]:
    """feed.xml for all agreements and kreise/<slug>/feed.xml per partner (where any has a date)."""
    files = {}
    everything = feed(
        dataset,
        list(dataset.agreements),
        "Neue Zielvereinbarungen zum AQB in Hessen",
        f"{base_url}feed.xml",
        base_url,
        base_url,
        changes,
    )
    if everything:
        files["feed.xml"] = everything
    for slug, partner in dataset.partners.items():
        own = list(dataset.of_partner(slug))
        path = f"{partner_url(slug)}feed.xml"
        text = feed(
            dataset,
            own,
            f"Zielvereinbarungen – {partner.bezeichnung}",
            base_url + path,
            base_url + partner_url(slug),
            base_url,
            changes,
        )
        if text:
            files[path] = text
    return files
