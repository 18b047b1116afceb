"""What the site has of each partner and year, and how to ask for what it does not have.

Every programme year from 2014 is listed, published or not. For each partner and year the status is
one of: the signed text ("Text liegt vor"), key figures from a public source (Eckdaten), asked for (angefragt,
from data/anfragen.yaml) or missing (fehlt); a missing or requested agreement gets a prefilled request
on FragDenStaat, addressed as data/anfragen.yaml says.
"""

from __future__ import annotations

import urllib.parse
from datetime import date
from typing import Any

from aqb.data.dataset import Dataset
from aqb.data.model import ALL_PARTNERS, FIRST_YEAR, FullTextAgreement, InformationRequest, Partner, RequestsFile
from aqb.data.text import fill
from aqb.formatting import long_date
from aqb.pages.context import SiteData
from aqb.urls import agreement_url, partner_url

FRAGDENSTAAT = "https://fragdenstaat.de"
REQUEST_REF = "aqb-zielvereinbarungen"
# Words and the pattern class of each status: text on every tile, so colour is never the only sign.
STATUS_TEXTS = {
    "wortlaut": "Text liegt vor",
    "eckdaten": "Eckdaten",
    "angefragt": "angefragt",
    "fehlt": "fehlt",
    "kein-partner": "kein Partner",
}
STATUS_EXPLAINED = {
    "wortlaut": "Der unterzeichnete Text steht hier vollständig.",
    "eckdaten": "Nur Eckdaten (Budget, Projekte) aus einer öffentlichen Quelle liegen vor.",
    "angefragt": "Die Vereinbarung ist angefragt; die Antwort steht aus.",
    "fehlt": "Die Vereinbarung liegt nicht vor und ist nicht angefragt.",
    "kein-partner": "Die Stadt war in diesem Jahr noch kein eigener Partner des AQB.",
}


def programme_years(dataset: Dataset, today: date | None = None) -> list[int]:
    """Every year of the programme, from 2014 to this year (or a later year the data already has)."""
    last = max([(today or date.today()).year, *dataset.years()])
    return list(range(FIRST_YEAR, last + 1))


# How the request wording names every partner at once (in the dative, as {partner} stands there).
ALL_PARTNERS_DATIVE = "allen hessischen Landkreisen und kreisfreien Städten"


def request_link(requests: RequestsFile | None, partner: Partner | None, year: int) -> str | None:
    """A prefilled request on FragDenStaat (`partner` None: for all partners of the year) to the
    configured public body, else the general form."""
    if requests is None:
        return None
    values = {"jahr": str(year), "partner": partner.dative if partner else ALL_PARTNERS_DATIVE}
    query = {"subject": fill(requests.betreff, values), "body": fill(requests.text, values)}
    if requests.behoerde:
        path = f"/anfrage-stellen/an/{urllib.parse.quote(requests.behoerde)}/"
        query["ref"] = REQUEST_REF
    else:
        path = "/anfrage-stellen/"
    return f"{FRAGDENSTAAT}{path}?{urllib.parse.urlencode(query, quote_via=urllib.parse.quote)}"


def requests_for(dataset: Dataset, partner: Partner, year: int) -> list[InformationRequest]:
    filed = dataset.requests.anfragen if dataset.requests else []
    return [r for r in filed if r.jahr == year and r.partner in (partner.slug, ALL_PARTNERS)]


def shown_request(dataset: Dataset, request: InformationRequest) -> dict[str, Any]:
    """A filed request as the pages show it; answered once the agreements it asked for are in data/."""
    return {
        "alle": request.partner == ALL_PARTNERS,
        "adresse": request.adresse,
        "datum_text": long_date(request.datum),
        "status": "beantwortet" if dataset.answers(request) else request.status,
        "notiz": request.notiz,
    }


def partner_year(site: SiteData, partner: Partner, year: int) -> dict[str, Any]:
    """One partner in one year: status, where its tile links, and the request link where it is missing."""
    dataset = site.dataset
    agreement = dataset.agreement(year, partner.slug)
    requests = [shown_request(dataset, r) for r in requests_for(dataset, partner, year)]
    if not partner.exists_in(year):
        status, url = "kein-partner", partner_url(partner.slug)
    elif agreement is not None:
        status = "wortlaut" if isinstance(agreement, FullTextAgreement) else "eckdaten"
        url = agreement_url(agreement)
    else:
        status = "angefragt" if requests else "fehlt"
        url = f"{partner_url(partner.slug)}#anfragen-{year}"
    missing = status in ("angefragt", "fehlt")
    return {
        "jahr": year,
        "status": status,
        "status_text": STATUS_TEXTS[status],
        "url": url,
        "anfragen": requests,
        "anfrage_link": request_link(dataset.requests, partner, year) if missing else None,
    }


def tile_map(site: SiteData, year: int) -> dict[str, Any]:
    """All partners as equal tiles in their place, with their status in `year`, and a legend with counts."""
    tiles = []
    for partner in site.partners_sorted():
        tiles.append(
            {
                **partner_year(site, partner, year),
                "bezeichnung": partner.bezeichnung,
                "name": partner.name,
                "kurz": partner.kachel.kurz,
                "zeile": partner.kachel.zeile,
                "spalte": partner.kachel.spalte,
            }
        )
    tiles.sort(key=lambda tile: (tile["zeile"], tile["spalte"]))  # reading order follows the map
    counts = {status: sum(tile["status"] == status for tile in tiles) for status in STATUS_TEXTS}
    return {
        "jahr": year,
        "kacheln": tiles,
        "legende": [
            {"status": status, "text": STATUS_TEXTS[status], "erklaerung": STATUS_EXPLAINED[status], "anzahl": count}
            for status, count in counts.items()
            if count or status != "kein-partner"
        ],
    }
