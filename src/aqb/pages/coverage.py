"""What the site has of each partner and year, and how to ask for what it does not have.

Every programme year from 2014 is listed, published or not. For each partner and year the status is
one of: the signed text ("Text liegt vor"), key figures from a public source (Eckdaten), asked for (angefragt,
from data/anfragen.yaml) or missing (fehlt); a missing or requested agreement gets a prefilled request
on FragDenStaat, addressed as data/anfragen.yaml says.
"""

from __future__ import annotations

import re
import urllib.parse
from datetime import date
from enum import Enum
from typing import Any

from aqb.data.dataset import Dataset
from aqb.data.model import (
    ALL_PARTNERS,
    FIRST_YEAR,
    AnyAgreement,
    FullTextAgreement,
    InformationRequest,
    MinistryName,
    Partner,
    RequestsFile,
    StandardText,
)
from aqb.data.text import fill
from aqb.formatting import long_date
from aqb.pages.context import SiteData
from aqb.urls import agreement_url, missing_url, partner_url

FRAGDENSTAAT = "https://fragdenstaat.de"
REQUEST_REF = "aqb-zielvereinbarungen"


class Status(Enum):
    """What the site has of a partner in a year, described by itself: its key (the tile's pattern class
    and the value templates compare), its words on every tile (so colour is never the only sign) and
    its explanation in the legend. In the order of the legend."""

    _value_: str
    label: str
    explanation: str

    FULL_TEXT = "wortlaut", "Text liegt vor", "Der unterzeichnete Text steht hier vollständig."
    KEY_FIGURES = "eckdaten", "Eckdaten", "Nur Eckdaten (Budget, Projekte) aus einer öffentlichen Quelle liegen vor."
    REQUESTED = "angefragt", "angefragt", "Die Vereinbarung ist angefragt; die Antwort steht aus."
    MISSING = "fehlt", "fehlt", "Die Vereinbarung liegt nicht vor und ist nicht angefragt."
    NO_PARTNER = "kein-partner", "kein Partner", "Die Stadt war in diesem Jahr noch kein eigener Partner des AQB."

    def __new__(cls, key: str, label: str, explanation: str) -> Status:
        member = object.__new__(cls)
        member._value_ = key
        member.label = label
        member.explanation = explanation
        return member

    @classmethod
    def keyed(cls, key: str) -> Status:
        """The status whose key a page's data holds."""
        return next(status for status in cls if status.value == key)

    @classmethod
    def of(cls, partner: Partner, year: int, agreement: AnyAgreement | None, requested: bool) -> Status:
        """The status of `partner` in `year`, given its record (if any) and whether it is asked for."""
        if not partner.exists_in(year):
            return cls.NO_PARTNER
        if agreement is not None:
            return cls.FULL_TEXT if isinstance(agreement, FullTextAgreement) else cls.KEY_FIGURES
        return cls.REQUESTED if requested else cls.MISSING

    def is_partner(self) -> bool:
        """The partner belonged to the programme that year (every status but NO_PARTNER)."""
        return self is not Status.NO_PARTNER

    def is_published(self) -> bool:
        """Something of the agreement is here: its signed text or key figures."""
        return self in (Status.FULL_TEXT, Status.KEY_FIGURES)

    def wants_text(self) -> bool:
        """The signed text is not here although the partner was one: a request for it makes sense
        (a key-figures record is no text either)."""
        return self.is_partner() and self is not Status.FULL_TEXT


def programme_years(dataset: Dataset, today: date | None = None) -> list[int]:
    """Every year of the programme, from 2014 to this year (or a later year the data already has)."""
    last = max([(today or date.today()).year, *dataset.years()])
    return list(range(FIRST_YEAR, last + 1))


def request_link(
    requests: RequestsFile | None, partner: Partner | None, year: int, standard: StandardText | None = None
) -> str | None:
    """A prefilled request on FragDenStaat (`partner` None: for all partners of the year) to the
    configured public body, else the general form.

    The body is only what is asked for: FragDenStaat puts the greeting, the legal basis and the closing
    around it. It names the ministry as the year's agreements were signed, and quotes the year's
    standard text (`standard`) where that promises publication."""
    if requests is None:
        return None
    values = {"jahr": str(year), "ministerium": ministry_named(requests.ministerien, year)}
    if partner is None:
        subject, body = fill(requests.betreff_alle, values), fill(requests.text_alle, values)
    else:
        values["partner"] = partner.dative
        subject, body = fill(requests.betreff, values), fill(requests.text, values)
    promise = publication_promise(standard)
    if promise is not None:
        paragraph, sentence = promise
        body += "\n\n" + fill(requests.veroeffentlichung, {"jahr": str(year), "paragraf": paragraph, "zitat": sentence})
    query = {"subject": subject, "body": body}
    if requests.behoerde:
        path = f"/anfrage-stellen/an/{urllib.parse.quote(requests.behoerde)}/"
        query["ref"] = REQUEST_REF
    else:
        path = "/anfrage-stellen/"
    return f"{FRAGDENSTAAT}{path}?{urllib.parse.urlencode(query, quote_via=urllib.parse.quote)}"


def ministry_named(names: list[MinistryName], year: int) -> str:
    """The ministry (dative) under the name the year's agreements were signed with, today's name beside an
    older one; where no name is known for the year, today's with the one before the year's gap."""
    today = names[-1]
    before = None
    for entry in names:
        first, last = entry.vereinbarungen_von, entry.vereinbarungen_bis or year
        if first is not None and first <= year <= last:
            return entry.dativ if entry is today else f"{entry.dativ} (heute {today.name})"
        if first is not None and last < year:
            before = entry
    if before is None:
        return today.dativ
    after = names[names.index(before) + 1]
    return f"{today.dativ} (bis {after.benannt_seit}: {before.name})"


# A section whose title starts with its paragraph ("§ 7 …"); the sentences of a line of its text.
_PARAGRAPH = re.compile(r"^§\s*\d+[a-z]?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_PUBLISHED = re.compile(r"\bveröffentlicht\b")


def publication_promise(standard: StandardText | None) -> tuple[str, str] | None:
    """Where a year's standard text says the agreements are published: its paragraph and the sentence,
    quotation marks inside it made single („…“ → ‚…‘) so that it can be quoted. None for a year whose
    text is not known, or does not say so."""
    if standard is None:
        return None
    for section in standard.abschnitte:
        paragraph = _PARAGRAPH.match(section.titel)
        if paragraph is None or "veröffentlicht" not in section.text:
            continue
        for line in section.text.splitlines():
            for sentence in _SENTENCE_END.split(line.strip()):
                if _PUBLISHED.search(sentence):
                    return paragraph.group(0), sentence.translate(_INNER_QUOTES)
    return None


def promised_publication(dataset: Dataset, years: list[int]) -> list[dict[str, Any]]:
    """Those of `years` whose standard text promises publication, with the paragraph that says so."""
    promises = [(year, publication_promise(dataset.standard_texts.get(year))) for year in sorted(years)]
    return [{"jahr": year, "paragraf": promise[0]} for year, promise in promises if promise is not None]


_INNER_QUOTES = str.maketrans({"„": "‚", "“": "‘"})


def requests_for(dataset: Dataset, partner: Partner, year: int) -> list[InformationRequest]:
    filed = dataset.requests.anfragen if dataset.requests else []
    return [r for r in filed if r.jahr == year and r.partner in (partner.slug, ALL_PARTNERS)]


def shown_request(dataset: Dataset, request: InformationRequest) -> dict[str, Any]:
    """A filed request as the pages show it; answered once the agreements it asked for are in data/."""
    return {
        "alle": request.partner == ALL_PARTNERS,
        "adresse": request.adresse,
        "datum_text": long_date(request.datum),
        "status": dataset.request_status(request),
        "notiz": request.notiz,
    }


def partner_year(site: SiteData, partner: Partner, year: int) -> dict[str, Any]:
    """One partner in one year: status, where its tile links, and the request link where it is missing."""
    dataset = site.dataset
    agreement = dataset.agreement(year, partner.slug)
    requests = [shown_request(dataset, r) for r in requests_for(dataset, partner, year)]
    status = Status.of(partner, year, agreement, requested=bool(requests))
    if not status.is_partner():
        url = partner_url(partner.slug)
    elif agreement is not None:
        url = agreement_url(agreement)
    else:
        url = missing_url(partner.slug, year)  # what is missing, the request, how to send it in
    return {
        "jahr": year,
        "bezeichnung": partner.bezeichnung,  # the accessible names of its links say whose year it is
        "status": status.value,
        "status_text": status.label,
        "url": url,
        "anfragen": requests,
        "anfrage_link": (
            request_link(dataset.requests, partner, year, dataset.standard_texts.get(year))
            if status.wants_text()
            else None
        ),
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
    counts = {status: sum(tile["status"] == status.value for tile in tiles) for status in Status}
    return {
        "jahr": year,
        "kacheln": tiles,
        "legende": [
            {"status": status.value, "text": status.label, "erklaerung": status.explanation, "anzahl": count}
            for status, count in counts.items()
            if count or status.is_partner()
        ],
    }
