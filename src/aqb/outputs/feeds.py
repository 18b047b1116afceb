"""Atom feeds of new agreements (one for the site, one per partner), built with ElementTree."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from aqb.data.dataset import Dataset
from aqb.data.model import AnyAgreement, FullTextAgreement
from aqb.formatting import euro
from aqb.urls import agreement_url, partner_url

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


# The subtitle's last sentence in a feed with no entry yet.
NO_ENTRY_YET = "Bisher gibt es hier keinen Eintrag; jede neue Vereinbarung erscheint hier."


@dataclass(frozen=True)
class FeedHead:
    """What a feed says of itself: title, subtitle, its own path and its page's path below the site root."""

    title: str
    subtitle: str
    path: str
    page: str


def signed_on(agreement: AnyAgreement) -> date | None:
    """The last signature's day, where the document has days: for ordering feeds (an event of the entry's
    life). The agreement's own date (citation, JSON-LD) needs every signature's day: `completed_on`."""
    if not isinstance(agreement, FullTextAgreement):
        return None  # a public source names no signature dates
    dates = [s.datum for s in agreement.unterzeichnende if s.datum is not None]
    return max(dates) if dates else None


def completed_on(agreement: AnyAgreement) -> date | None:
    """The agreement's date: its last signature, where every signature has its day in the document. One
    without a day could be the last: then the agreement's date is not known, and is not guessed."""
    if not isinstance(agreement, FullTextAgreement) or any(s.datum is None for s in agreement.unterzeichnende):
        return None
    return signed_on(agreement)


def entry_date(agreement: AnyAgreement, changed: date | None) -> date | None:
    """When the record was added or changed (git), else when it was signed; None if neither is known."""
    return changed or signed_on(agreement)


def feed(
    dataset: Dataset,
    agreements: list[AnyAgreement],
    head: FeedHead,
    base_url: str,
    changes: dict[tuple[int, str], date],
) -> str:
    """An Atom feed, newest first; records with no known date are left out rather than given one.

    A feed without entries (a partner before its first dated agreement) is still a valid feed: its
    subtitle says so, and `updated` is the newest date the whole site knows (none if it knows none)."""
    known = [(entry_date(a, changes.get((a.jahr, a.partner))), a) for a in agreements]
    dated = sorted(((d, a) for d, a in known if d is not None), key=lambda pair: (pair[0], pair[1].jahr), reverse=True)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "de"})
    ET.SubElement(root, f"{{{ATOM}}}title").text = head.title
    ET.SubElement(root, f"{{{ATOM}}}subtitle").text = head.subtitle + ("" if dated else f" {NO_ENTRY_YET}")
    ET.SubElement(root, f"{{{ATOM}}}id").text = base_url + head.path
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=base_url + head.path)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=base_url + head.page)
    newest = dated[0][0] if dated else _newest_date(dataset, changes)
    if newest is not None:
        ET.SubElement(root, f"{{{ATOM}}}updated").text = _timestamp(newest)
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "AQB-Zielvereinbarungen Hessen"
    for when, agreement in dated:
        _entry(root, dataset, agreement, when, base_url)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _entry(root: ET.Element, dataset: Dataset, agreement: AnyAgreement, when: date, base_url: str) -> None:
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


def _newest_date(dataset: Dataset, changes: dict[tuple[int, str], date]) -> date | None:
    dates = [d for a in dataset.agreements if (d := entry_date(a, changes.get((a.jahr, a.partner)))) is not None]
    return max(dates, default=None)


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed_paths(dataset: Dataset) -> list[str]:
    """feed.xml for all agreements and kreise/<slug>/feed.xml for every partner, with or without agreements."""
    return ["feed.xml", *(f"{partner_url(slug)}feed.xml" for slug in dataset.partners)]


def feeds(dataset: Dataset, public_url: str, changes: dict[tuple[int, str], date]) -> dict[str, str]:
    """Every feed of feed_paths by its path.

    `public_url` is the site's public address, or "" where none is configured: then each feed's
    addresses are relative to the feed itself (a partner's feed is two folders down)."""
    files = {
        "feed.xml": feed(
            dataset,
            list(dataset.agreements),
            FeedHead(
                "Neue Zielvereinbarungen zum AQB in Hessen",
                "Neue und geänderte Zielvereinbarungen aller Landkreise und kreisfreien Städte in Hessen.",
                "feed.xml",
                "",
            ),
            public_url,
            changes,
        )
    }
    for slug, partner in dataset.partners.items():
        path = f"{partner_url(slug)}feed.xml"
        head = FeedHead(
            f"Zielvereinbarungen – {partner.bezeichnung}",
            f"Neue und geänderte Zielvereinbarungen mit {partner.dative}.",
            path,
            partner_url(slug),
        )
        files[path] = feed(dataset, list(dataset.of_partner(slug)), head, public_url or "../../", changes)
    return files
